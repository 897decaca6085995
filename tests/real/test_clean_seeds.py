"""Chrome removal on the real captured seed articles (read from ../shared at run time).

Each seed file's first non-empty line is its title, the rest its text. Expectations are
properties (prose kept, chrome gone), with a few short chrome markers per seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.stages.clean import clean_text

pytestmark = pytest.mark.real

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
# Seed file prefix -> declared language (from SEEDS.md), as the engine would pass it.
LANGS = {"000": "ar", "001": "ar", "002": "ar", "003": "fr", "004": "ar"}
# Case-insensitive markers of chrome that must not survive, per seed.
CHROME_MARKERS = {
    "001": ("mobile",),
    "003": ("commentaire", "akismet", "abonner", "( photo", "notification", "guest"),
    "004": ("حساب", "تشترك"),
}
PROSE_MIN_WORDS = 15
HEBREW = re.compile(r"[\u0590-\u05ff]")


def load(prefix: str) -> tuple[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"../shared not found: {SEEDS} is missing")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip())
    return lines[start].strip(), "\n".join(lines[start + 1 :])


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_marked(line: str, prefix: str) -> bool:
    return any(marker in line.lower() for marker in CHROME_MARKERS.get(prefix, ()))


def is_prose(line: str, prefix: str) -> bool:
    return len(line.split()) >= PROSE_MIN_WORDS and not is_marked(line, prefix)


@pytest.fixture(params=sorted(LANGS), ids=lambda p: f"seed{p}")
def prefix(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=[False, True], ids=["no-lang", "lang"])
def with_lang(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def clean_seed(prefix: str, with_lang: bool) -> tuple[list[str], list[str], list[str]]:
    title, text = load(prefix)
    result = clean_text(text, title=title, lang=LANGS[prefix] if with_lang else None)
    return paragraphs(text), paragraphs(result.text), result.removed


def test_clean_seed_keeps_every_prose_paragraph_in_order(prefix: str, with_lang: bool) -> None:
    before, after, _ = clean_seed(prefix, with_lang)
    prose_before = [p for p in before if is_prose(p, prefix)]
    assert prose_before
    assert [p for p in after if len(p.split()) >= PROSE_MIN_WORDS] == prose_before


def test_clean_seed_drops_marked_chrome(prefix: str, with_lang: bool) -> None:
    _, after, _ = clean_seed(prefix, with_lang)
    assert [p for p in after if is_marked(p, prefix)] == []


def test_clean_seed_starts_and_ends_with_prose(prefix: str, with_lang: bool) -> None:
    # Chrome clusters at the edges: nothing may be left before the first or after the
    # last prose paragraph (bylines, captions, comment boxes, related headlines).
    _, after, _ = clean_seed(prefix, with_lang)
    assert is_prose(after[0], prefix)
    assert is_prose(after[-1], prefix)


def test_clean_seed_keeps_subheadings(prefix: str, with_lang: bool) -> None:
    before, after, _ = clean_seed(prefix, with_lang)
    subheadings = [
        line
        for previous, line, following in zip(before, before[1:], before[2:], strict=False)
        if is_prose(previous, prefix)
        and is_prose(following, prefix)
        and len(line.split()) < PROSE_MIN_WORDS
        and not is_marked(line, prefix)
    ]
    assert all(line in after for line in subheadings)


def test_clean_seed_repeats_nothing(prefix: str, with_lang: bool) -> None:
    _, after, _ = clean_seed(prefix, with_lang)
    assert len(after) == len(set(after))


def test_clean_seed_accounts_for_every_line(prefix: str, with_lang: bool) -> None:
    # Removed lines are evidence shown to users: nothing may vanish silently.
    before, after, removed = clean_seed(prefix, with_lang)
    assert all(line in after or line in removed for line in before)
    assert all(any(cut in line for line in before) for cut in removed)


def test_clean_seed_drops_the_caption_in_another_script(with_lang: bool) -> None:
    before, after, removed = clean_seed("003", with_lang)
    assert any(HEBREW.search(line) for line in before)
    assert not any(HEBREW.search(line) for line in after)
    assert any(HEBREW.search(line) for line in removed)


def test_clean_seed_clean_articles_lose_nothing(with_lang: bool) -> None:
    for prefix in ("000", "002"):
        before, after, removed = clean_seed(prefix, with_lang)
        assert (after, removed) == (before, [])
