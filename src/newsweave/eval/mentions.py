"""`newsweave eval mentions`: the pipeline's own mention finder against annotated news.

Exact (start, end, type) match. In ar, fa and he, leading clitics are skipped on both sides
before starts are compared, since gold spans there often include them (CONTRACT.md). The file's
texts serve as the corpus: a first pass collects the names each text's cues found, a second pass
finds them again everywhere (`CorpusNames`).

``cv=K`` scores the tagger out-of-fold (K folds of documents per language, see docs/mentions.md);
otherwise the models found at run time tag, and the result's ``models`` says which, and whether
they were trained on these very documents. ``train_models`` makes those models.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from newsweave.errors import BadInput
from newsweave.eval.metrics import prf
from newsweave.records import Mention
from newsweave.stages.mentions import cue_hints, find_mentions, normal_name
from newsweave.stages.ner_tagger import Example, Params, Span, Tagger, load, model_path, train

LOGGER = logging.getLogger(__name__)

TYPES = ("PER", "ORG", "LOC")
_CLITICS = {
    "ar": ("ال", "و", "ف", "ب", "ل", "ك"),
    "fa": ("و", "ب"),
    "he": ("ו", "ה", "ב", "ל", "מ", "ש", "כ"),
}
MAX_CLITICS = 3
MIN_VOTES = 2
# Cues whose names the corpus learns from: the ones that say what a name is, not the ones that
# only recall it (recurrence, corpus) or guess it (a bare capitalised run).
TEACHING_CUES = ("role:", "org:", "model:", "gazetteer:", "org-word")


class FileCorpus:
    """Names and the types the cues gave them across a set of texts (majority type wins)."""

    def __init__(self) -> None:
        self._votes: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.cue and mention.cue.startswith(TEACHING_CUES):
                key = normal_name(mention.text)
                if key:
                    self._votes[key][mention.type] += 1

    def type_of(self, normal_name: str) -> str | None:
        votes = self._votes.get(normal_name)
        if not votes:
            return None
        kind, count = votes.most_common(1)[0]
        # A one-word name seen once may be a cue's slip; seen twice it is a name.
        return kind if count >= MIN_VOTES or " " in normal_name else None


def load_rows(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise BadInput(f"{path}:{number}", f"not JSON ({error.msg})") from None
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise BadInput(f"{path}:{number}", "a line must be an object with a \"text\" string")
                rows.append(row)
    return rows


def predict(rows: list[dict], taggers: Sequence[Tagger | None] | None = None) -> list[list[Mention]]:
    """Two passes: the cues alone, then again with the file's names as the corpus. ``taggers``
    gives each row's tagger (cross-validation); by default each language's own model, if any."""
    chosen = taggers or [None] * len(rows)
    corpus = FileCorpus()
    for row, tagger in zip(rows, chosen):
        corpus.add(find_mentions(row["text"], row.get("lang"), tagger=tagger))
    return [find_mentions(row["text"], row.get("lang"), corpus, tagger) for row, tagger in zip(rows, chosen)]


def examples(rows: list[dict]) -> list[Example]:
    """Annotated rows as training examples, with the cues' spans as the tagger will see them."""
    out = []
    for row in rows:
        spans = tuple(Span(e["start"], e["end"], e["type"]) for e in row.get("entities") or []
                      if isinstance(e, dict) and e.get("type") in TYPES and isinstance(e.get("start"), int)
                      and isinstance(e.get("end"), int) and 0 <= e["start"] < e["end"] <= len(row["text"]))
        out.append(Example(row["text"], spans, tuple(cue_hints(row["text"], row.get("lang")))))
    return out


def cross_validated(rows: list[dict], folds: int, params: Params = Params()) -> list[Tagger | None]:
    """Each row's tagger trained on the other folds of its language. Folds are contiguous runs of
    documents (chunks of one article stay together)."""
    taggers: list[Tagger | None] = [None] * len(rows)
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_lang[row.get("lang") or ""].append(i)
    prepared = examples(rows)
    with tempfile.TemporaryDirectory() as directory:
        for lang, indices in sorted(by_lang.items()):
            fold_of = {i: n * folds // len(indices) for n, i in enumerate(indices)}
            for fold in range(folds):
                train_on = [prepared[i] for i in indices if fold_of[i] != fold]
                if not train_on or not any(e.entities for e in train_on):
                    continue
                path = Path(directory) / f"{lang}-{fold}.crfsuite"
                tagger = train(train_on, lang, path, params)
                for i in indices:
                    if fold_of[i] == fold:
                        taggers[i] = tagger
                LOGGER.info("cv %s fold %d: trained on %d documents", lang, fold, len(train_on))
    return taggers


def skip_clitics(text: str, start: int, end: int, lang: str | None) -> int:
    """The start after up to three leading clitics (keeping at least two letters)."""
    prefixes = _CLITICS.get(lang or "", ())
    for _ in range(MAX_CLITICS):
        for prefix in prefixes:
            if text.startswith(prefix, start) and end - start - len(prefix) >= 2:
                start += len(prefix)
                break
        else:
            break
    return start


def id_digest(doc_id: object) -> str:
    """How a model records the documents it was trained on (to tell in-sample scores apart)."""
    return hashlib.sha1(str(doc_id).encode("utf-8")).hexdigest()[:12]


def train_models(path: Path, out: Path, langs: Sequence[str] = (), params: Params = Params(),
                 licence: str = "") -> dict:
    """One model per language of the annotated file (or per language in ``langs``), written in
    ``out`` where `ner_tagger.load` finds them ($NEWSWEAVE_MODELS or the packaged directory)."""
    rows = load_rows(path)
    by_lang: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("lang") and (not langs or row["lang"] in langs):
            by_lang[row["lang"]].append(row)
    missing = sorted(set(langs) - set(by_lang))
    if missing:
        raise BadInput(str(path), f"no documents in {', '.join(missing)}")
    written = {}
    for lang, chosen in sorted(by_lang.items()):
        about = {"sources": sorted({str(r.get("source", "")) for r in chosen}), "licence": licence,
                 "trained_on": sorted(id_digest(r.get("id")) for r in chosen)}
        target = model_path(out, lang)
        train(examples(chosen), lang, target, params, about)
        written[lang] = {"documents": len(chosen), "model": str(target), "bytes": target.stat().st_size}
    return written


def _model_report(rows: list[dict], cv: int) -> dict[str, str]:
    """Which tagger scored each language: out-of-fold, or the model found at run time (and
    whether it was trained on these very documents)."""
    report = {}
    for lang in sorted({row.get("lang") or "" for row in rows}):
        if cv > 1:
            report[lang] = f"cross-validated, {cv} folds over documents"
            continue
        tagger = load(lang)
        if tagger is None:
            report[lang] = "cues only (no model)"
            continue
        seen = set(tagger.meta.get("trained_on", ()))
        ids = [id_digest(row.get("id")) for row in rows if (row.get("lang") or "") == lang]
        share = sum(i in seen for i in ids) / len(ids)
        report[lang] = f"model {tagger.path.name}" + (f", in-sample: trained on {share:.0%} of these documents"
                                                     if share else "")
    return report


def evaluate_mentions(path: Path, predictions: Path | None = None, cv: int = 0, params: Params = Params()) -> dict:
    rows = load_rows(path)
    taggers = cross_validated(rows, cv, params) if cv > 1 else None
    predicted = predict(rows, taggers)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # true positives, predicted, gold
    out = []
    for row, mentions in zip(rows, predicted):
        lang, text = row.get("lang"), row["text"]

        def spans(items: list[tuple[int, int, str]]) -> Counter[tuple[int, int, str]]:
            return Counter((skip_clitics(text, s, e, lang), e, t) for s, e, t in items)  # noqa: B023

        gold = spans([(e["start"], e["end"], e["type"]) for e in row.get("entities", [])])
        pred = spans([(m.start, m.end, m.type) for m in mentions])
        hits = gold & pred
        for key in ("overall", f"lang:{lang}"):
            _add(counts[key], sum(hits.values()), sum(pred.values()), sum(gold.values()))
        for kind in TYPES:
            _add(counts[f"type:{kind}"], sum(v for k, v in hits.items() if k[2] == kind),
                 sum(v for k, v in pred.items() if k[2] == kind), sum(v for k, v in gold.items() if k[2] == kind))
        out.append({"id": row.get("id"),
                    "entities": [{"start": m.start, "end": m.end, "type": m.type} for m in mentions]})
    if predictions is not None:
        with open(predictions, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in out)
    precision, recall, f1 = prf(*counts["overall"])
    langs = sorted(k[5:] for k in counts if k.startswith("lang:"))
    return {
        "n": len(rows),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": {"overall": round(f1, 4), **{lang: round(prf(*counts[f"lang:{lang}"])[2], 4) for lang in langs}},
        "by_type": {kind: round(prf(*counts[f"type:{kind}"])[2], 4) for kind in TYPES},
        "models": _model_report(rows, cv),
    }


def _add(total: list[int], hits: int, predicted: int, gold: int) -> None:
    total[0] += hits
    total[1] += predicted
    total[2] += gold
