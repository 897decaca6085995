"""``newsweave eval extraction``: main-text extraction against gold pages.

A manifest line is ``{"id", "file", "url", "lang", "gold_type", ...}`` (CONTRACT.md):
``gold_type`` "full" pages carry ``gold_text``, "snippets" pages carry ``with`` and ``without``.

The snippet baselines in data/README.md (trafilatura 0.905, readability-lxml 0.786) average the
share of snippets right on each page. The CONTRACT score here counts whole pages, which is
stricter: the same two libraries score 0.571 and 0.429 on extraction_dev
(``baseline_extractors()``).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from statistics import mean

import lxml.html
import trafilatura
from readability import Document

from newsweave.errors import BadInput
from newsweave.eval.metrics import prf
from newsweave.stages.extract import Extracted, extract_html, html_lines

LOGGER = logging.getLogger(__name__)

Extractor = Callable[[str, str, str | None], Extracted]

# Word characters, lowercased; CJK, kana, Hangul and Thai characters are one token each
# (CONTRACT: "CJK/Thai: one character = one token").
_CHAR_SCRIPTS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(f"[{_CHAR_SCRIPTS}]|[^\\W{_CHAR_SCRIPTS}]+")


def evaluate_extraction(manifest: Path, extract: Extractor = extract_html) -> dict:
    """Score ``extract`` on every page of ``manifest``.

    Full pages get bag-of-tokens precision, recall and F1 of the extracted text against
    ``gold_text``. A snippet page is right when every ``with`` snippet occurs in the extracted
    text and no ``without`` snippet does, after whitespace is collapsed on both sides. A page the
    extractor rejects (``BadInput``) counts as empty text.

    Args:
        manifest: The JSONL manifest; page files are relative to it.
        extract: The extractor, called as ``extract(html, source, url)``.

    Returns:
        ``{"n", "f1": {"overall", "<lang>"...}, "precision", "recall",
        "snippets": {"overall", "<lang>"...}}``. All scores are macro averages over pages
        (each page weighs the same, whatever its length); "overall" is None when the
        manifest has no page of that kind.
    """
    scores: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    snippets: dict[str, list[bool]] = defaultdict(list)
    n = 0
    with manifest.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            page = json.loads(line)
            n += 1
            text = _extracted_text(extract, manifest.parent / page["file"], page.get("url"))
            if page["gold_type"] == "full":
                scores[page["lang"]].append(_token_prf(text, page["gold_text"]))
            else:
                snippets[page["lang"]].append(_snippets_right(text, page["with"], page["without"]))
    all_scores = [s for per_lang in scores.values() for s in per_lang]
    all_snippets = [s for per_lang in snippets.values() for s in per_lang]
    return {
        "n": n,
        "f1": {"overall": _mean([s[2] for s in all_scores])}
        | {lang: _mean([s[2] for s in scores[lang]]) for lang in sorted(scores)},
        "precision": _mean([s[0] for s in all_scores]),
        "recall": _mean([s[1] for s in all_scores]),
        "snippets": {"overall": _mean(all_snippets)}
        | {lang: _mean(snippets[lang]) for lang in sorted(snippets)},
    }


def baseline_extractors() -> dict[str, Extractor]:
    """newsweave's extractor and each library alone with its defaults, to compare on one manifest.

    Example: ``{name: evaluate_extraction(path, fn) for name, fn in baseline_extractors().items()}``.
    """
    return {"newsweave": extract_html, "trafilatura": _trafilatura_only, "readability": _readability_only}


def _extracted_text(extract: Extractor, path: Path, url: str | None) -> str:
    html = path.read_bytes().decode("utf-8", errors="replace")
    try:
        return extract(html, str(path), url or None).text
    except BadInput as err:
        LOGGER.debug("rejected, scored as empty: %s", err)
        return ""


def _token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    predicted_tokens, gold_tokens = Counter(_tokens(predicted)), Counter(_tokens(gold))
    overlap = sum((predicted_tokens & gold_tokens).values())
    return prf(overlap, sum(predicted_tokens.values()), sum(gold_tokens.values()))


def _snippets_right(text: str, with_: list[str], without: list[str]) -> bool:
    text = _collapse(text)
    return all(_collapse(s) in text for s in with_) and not any(_collapse(s) in text for s in without)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _mean(values: list[float] | list[bool]) -> float | None:
    return round(float(mean(values)), 4) if values else None


def _trafilatura_only(html: str, source: str, url: str | None = None) -> Extracted:
    text = trafilatura.extract(html, url=url) or ""
    return Extracted(title=None, text=text, author=None, published=None, outlet=None, url=url, lang=None)


def _readability_only(html: str, source: str, url: str | None = None) -> Extracted:
    try:
        summary = Document(html, url=url).summary(html_partial=True)
        text = "\n".join(html_lines(lxml.html.fromstring(summary)))
    except Exception as err:  # noqa: BLE001 - the baseline scores a failure as empty text
        LOGGER.debug("readability failed on %s: %s", source, err)
        text = ""
    return Extracted(title=None, text=text, author=None, published=None, outlet=None, url=url, lang=None)
