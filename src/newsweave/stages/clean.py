"""Remove site chrome (widgets, captions, bylines, comment boxes) from article text.

Works on plain text, line by line, with rules that hold across sites, languages and
scripts rather than per-site selectors. Each non-empty line is one paragraph. A line can be:

* chrome anywhere: a line the outlet repeats across its articles (``repeated_keys``), a
  line made mostly of interface words ("Share", "0 comments", "Exit mobile version"), a
  photo caption or credit, a comment-widget notice, a short line in another script than the
  article (a caption left in the page's other language), a repeat of the title or of an
  earlier line;
* chrome at an edge only: captured pages pile chrome at the start and the end, so there a
  line is also dropped for weaker evidence (a byline, a comment-policy notice, a prompt with
  interface words, and at the end headline-like lines without sentence punctuation, which
  are the related-article list). In the body the same lines are kept: a short line between
  two paragraphs is a subheading.

Nothing is dropped when that would leave no text, except lines that are chrome on their
own (interface words, captions).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from logging import getLogger

from newsweave.stages import ui_vocabulary as vocab

LOGGER = getLogger(__name__)

# A line with at least this many words (and no chrome sign) is prose: it ends the leading
# block and starts the trailing one. Subheadings and captions are shorter.
PROSE_MIN_WORDS = 6
# Interface lines are short: "Afficher tous les commentaires", "Exit mobile version".
UI_MAX_WORDS = 8
# Share of a short line's content words that must be interface words.
UI_MIN_SHARE = 0.6
# A line without sentence punctuation up to this length reads as a headline; longer
# unpunctuated lines are kept as prose rather than risk dropping a paragraph.
HEADLINE_MAX_WORDS = 25
# "Read also: <headline>": the label before the colon is a few interface words.
LABEL_MAX_WORDS = 3
# Captions with a credit are at most a few sentences.
CAPTION_MAX_WORDS = 60
# Above this many words a line is a paragraph of content even if it names a widget or a
# photo: real text extracted as one line ends with such notices (SemEval dev has cases).
CHROME_MAX_WORDS = 80
# Byline lines: 1-4 name tokens ("Jane Doe", "Yossi Cohen Ynet"), or a prefix and a name.
BYLINE_MAX_NAMES = 4

# Sentence-final marks of the scripts we read: Latin/Cyrillic/Hebrew use . ! ?, Arabic
# and Persian ؟ and ۔, CJK 。！？, Devanagari । ॥.
_TERMINAL = ".!?…؟۔。！？।॥"
_CLOSERS = "\"'”’»«“‘)]}›‹״׳ "
# A full stop (or semicolon) inside a line, after a word and before more text, marks a
# line with several sentences. Two letters before it keep "U.S." out, and ".." (an
# Arabic headline separator) never matches because a dot precedes the second dot.
_INNER_STOP = re.compile(r"[^\W\d_]{2}\s?[.!?؟;؛。！？](?=\s+\S)")
_CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA"})
# Scripts of the languages whose code ``lang`` may carry; everything else is Latin.
_LANG_SCRIPT = {
    "ar": "ARABIC",
    "fa": "ARABIC",
    "ur": "ARABIC",
    "ps": "ARABIC",
    "he": "HEBREW",
    "yi": "HEBREW",
    "ru": "CYRILLIC",
    "uk": "CYRILLIC",
    "bg": "CYRILLIC",
    "be": "CYRILLIC",
    "mk": "CYRILLIC",
    "sr": "CYRILLIC",
    "kk": "CYRILLIC",
    "el": "GREEK",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "hi": "DEVANAGARI",
    "mr": "DEVANAGARI",
    "ne": "DEVANAGARI",
    "th": "THAI",
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
}
# One-letter clitics that Arabic and Hebrew glue to the front of a word ("والتعليقات").
_CLITICS = {"ARABIC": ("ال", "و", "ف", "ب", "ل", "ك"), "HEBREW": tuple("והבלמשכ")}
_LETTERS = re.compile(r"[^\W\d_]+")
# Reasons that mean "chrome in this context" rather than "chrome in itself": when every
# line would go, lines dropped only for these come back.
_CONTEXTUAL = frozenset(
    {
        "seen in other articles of the outlet",
        "repeats the title",
        "repeats an earlier line",
    }
)
# Weak reasons that apply only to the trailing block: at the start, a headline-like line
# is the title or the standfirst, and a name-only line may be a title-cased headline.
_TRAILING_ONLY = frozenset({"headline without sentence punctuation", "name-only byline"})
# Weak reasons that are absence of evidence (no punctuation): they need company.
_NEEDS_COMPANY = frozenset({"headline without sentence punctuation"})


@dataclass(frozen=True)
class Cleaned:
    """The article text without chrome, and what was taken out."""

    text: str  # kept paragraphs joined by "\n\n"
    removed: list[str]  # removed lines, in order (shown to users as evidence)


@dataclass
class _Line:
    original: str
    text: str  # what remains after cutting a glued foreign-script caption
    cut: str | None = None  # that caption, removed whatever happens to the rest
    strong: str | None = None  # reason to drop the line anywhere
    weak: str | None = None  # reason to drop it in the leading or trailing block
    prose: bool = False


# Arabic/Persian letter variants that spellings mix freely, and the tatweel (a stretch).
_LETTER_VARIANTS = str.maketrans("ةىیک", "هييك", "ـ")


def _fold(text: str) -> str:
    """Lower case without accents, diacritics or letter variants, for vocabulary lookups."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return kept.translate(_LETTER_VARIANTS)


class _Words:
    """A folded vocabulary: exact words plus ``*`` prefixes."""

    def __init__(self, entries: Iterable[str]) -> None:
        folded = [_fold(e) for e in entries]
        self.exact = frozenset(e for e in folded if not e.endswith("*"))
        self.prefixes = tuple(e[:-1] for e in folded if e.endswith("*"))

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and any(
            form in self.exact or form.startswith(self.prefixes) for form in _forms(token)
        )

    def named_in(self, folded_text: str) -> bool:
        """Whether an exact entry occurs anywhere in the text, even inside a word."""
        return any(e in folded_text for e in self.exact)


def _forms(token: str) -> list[str]:
    """The token and, for Arabic/Hebrew, the token without up to two leading clitics."""
    forms = [token]
    clitics = _CLITICS.get((_script(token[0]) if token else None) or "", ())
    for _ in range(2):
        stripped = [f[len(c) :] for f in forms for c in clitics if f.startswith(c)]
        forms += [s for s in stripped if len(s) >= 2 and s not in forms]
    return forms


_UI = _Words(w for words in vocab.UI_WORDS.values() for w in words.split())
_FILLER = _Words(w for words in vocab.FILLER_WORDS.values() for w in words.split())
_COMMENT = _Words(vocab.COMMENT_WORDS.split())
_POLICY = _Words(vocab.POLICY_WORDS.split())
_WIDGETS = _Words(vocab.WIDGET_NAMES.split())
_BYLINE_PREFIXES = _Words(vocab.BYLINE_PREFIXES.split())
_PARTICLES = frozenset(vocab.NAME_PARTICLES.split())


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(_fold(w.strip())) for w in words}))


# "(Photo: AFP)", "( Photo : Jane Doe, AP )" anywhere; "Foto: dpa" at the start; "©";
# a photo agency's name.
_CAPTION = re.compile(
    rf"\(\s*(?:{_alternatives(vocab.CAPTION_WORDS.split())})\b[^()]{{0,80}}\)"
    rf"|^\W*(?:{_alternatives(vocab.CAPTION_WORDS.split())})\s*[:：]"
    rf"|©|\(c\)\s*\d{{4}}|\b(?:{_alternatives(vocab.PHOTO_AGENCIES.strip().splitlines())})"
)


@lru_cache(maxsize=8192)
def _script(char: str) -> str | None:
    """The script of a letter, from its Unicode name ("ARABIC LETTER ALEF" -> ARABIC)."""
    if not char.isalpha():
        return None
    script = unicodedata.name(char, "OTHER").split(" ", 1)[0]
    return "CJK" if script in _CJK_SCRIPTS else script


def _script_counts(text: str) -> Counter[str]:
    return Counter(s for s in map(_script, text) if s)


def _main_script(text: str, lang: str | None) -> str | None:
    counts = _script_counts(text)
    # The declared language wins when its script is present: a Hebrew article quoting a
    # long English statement is still a Hebrew article.
    declared = _LANG_SCRIPT.get((lang or "").split("-")[0].lower(), "LATIN") if lang else None
    if declared and counts[declared]:
        return declared
    return counts.most_common(1)[0][0] if counts else None


def _word_count(text: str) -> int:
    # CJK has no spaces; two characters make about one word.
    cjk = sum(1 for c in text if _script(c) == "CJK")
    return len(text.split()) + cjk // 2


def _sentence_like(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and (core[-1] in _TERMINAL or _INNER_STOP.search(text) is not None)


def line_key(line: str) -> str:
    """Hash the line's letters, ignoring case, spacing, digits and punctuation.

    "0 Comments" and "12 comments" share a key, so the store can count how often an outlet
    repeats a line without keeping the line itself.
    """
    letters = " ".join(_LETTERS.findall(_fold(line)))
    return hashlib.blake2b(letters.encode(), digest_size=8).hexdigest()


def _tokens(folded: str) -> list[str]:
    return [t for t in _LETTERS.findall(folded) if len(t) > 1]


def _is_interface(folded: str) -> bool:
    tokens = _tokens(folded)
    content = [t for t in tokens if t not in _FILLER]
    if not content or len(tokens) > UI_MAX_WORDS:
        return False
    return sum(t in _UI for t in content) / len(content) >= UI_MIN_SHARE


def _is_labelled_link(folded: str) -> bool:
    """Whether the line is "Read also: <headline>", "Share on: Facebook | X" and the like."""
    label, colon, rest = folded.partition(":")
    return (
        bool(colon)
        and len(_tokens(label)) <= LABEL_MAX_WORDS
        and _is_interface(label)
        and _word_count(rest) <= HEADLINE_MAX_WORDS
    )


def _is_caption(text: str) -> bool:
    return _word_count(text) <= CAPTION_MAX_WORDS and _CAPTION.search(_fold(text)) is not None


def _is_name_only(text: str) -> bool:
    words = text.split()
    if any(not w.replace("-", "").isalpha() for w in words):
        return False
    # Particles ("de", "van", "al") do not count as names: "Maria de la Cruz".
    names = [w for w in words if w not in _PARTICLES]
    return 1 <= len(names) <= BYLINE_MAX_NAMES and all(w[0].isupper() for w in names)


def _has_byline_prefix(text: str) -> bool:
    words = text.split()
    return (
        1 < len(words) <= BYLINE_MAX_NAMES + 2
        and _fold(words[0]).rstrip(":") in _BYLINE_PREFIXES
        and not _sentence_like(text)
    )


def _runs(text: str) -> list[tuple[str | None, str]]:
    """Split text into runs of one script; spaces and punctuation join the run before."""
    runs: list[tuple[str | None, list[str]]] = []  # characters gathered in lists: linear on long lines
    for char in text:
        script = _script(char)
        if runs and (script is None or runs[-1][0] in (None, script)):
            if runs[-1][0] is None and script is not None:
                runs[-1] = (script, runs[-1][1])
            runs[-1][1].append(char)
        else:
            runs.append((script, [char]))
    return [(script, "".join(chars)) for script, chars in runs]


def _cut_glued_foreign(text: str, main: str | None) -> tuple[str, str] | None:
    """Find a foreign-script caption glued to the start or end of a line.

    Pages often print a caption twice, in the site's two languages, and text extraction
    glues them: "<Hebrew caption>Le ministre ... (Photo : AFP)". The foreign part is cut
    when it reads like a caption (several words, no sentence) and it is either glued letter
    to letter or the rest of the line is itself a caption. A foreign name in parentheses or
    after a space stays.
    """
    runs = _runs(text)
    if len(runs) < 2:
        return None
    for part, rest, glued in (
        (runs[0][1], "".join(r[1] for r in runs[1:]), runs[0][1][-1].isalpha()),
        (runs[-1][1], "".join(r[1] for r in runs[:-1]), runs[-2][1][-1].isalpha()),
    ):
        foreign = _script_counts(part).most_common(1)[0][0] != main
        rest_main = _main_script(rest, None) == main
        if (
            foreign
            and rest_main
            and _word_count(part) >= 2
            and not _sentence_like(part)
            and (glued or _is_caption(rest))
        ):
            return part.strip(), rest.strip()
    return None


def _strong_reason(text: str, main: str | None) -> str | None:
    folded = _fold(text)
    if not _LETTERS.search(folded):
        return "no words"
    if _word_count(text) > CHROME_MAX_WORDS:
        return None  # a paragraph this long is content even when it mentions a widget or a photo
    if _is_caption(text):
        return "photo caption or credit"
    if _WIDGETS.named_in(folded):
        return "comment widget notice"
    if _is_interface(folded):
        return "interface text"
    if _is_labelled_link(folded):
        return "link under an interface label"
    scripts = _script_counts(text)
    if (
        main
        and scripts.most_common(1)[0][0] != main
        and not _sentence_like(text)
        and _word_count(text) <= HEADLINE_MAX_WORDS
    ):
        return "short line in another script"
    return None


def _weak_reason(text: str) -> str | None:
    tokens = _tokens(_fold(text))
    if any(t in _COMMENT for t in tokens) and any(t in _POLICY for t in tokens):
        return "comment policy notice"
    if _has_byline_prefix(text):
        return "byline"
    if _sentence_like(text):
        return None
    content = [t for t in tokens if t not in _FILLER]
    hits = sum(t in _UI for t in content)
    # "Published 12 March", "Home > World", "Create an account to save articles": at an
    # edge, half the words or two of them are enough.
    if hits >= 2 or (content and hits / len(content) >= 0.5):
        return "prompt with interface words"
    if _is_name_only(text):
        return "name-only byline"
    if _word_count(text) <= HEADLINE_MAX_WORDS:
        return "headline without sentence punctuation"
    return None


def _classify(
    raw_lines: list[str],
    *,
    main: str | None,
    title: str | None,
    repeated_keys: Collection[str],
) -> list[_Line]:
    title_key = line_key(title) if title and title.strip() else None
    seen: set[str] = set()
    started = False  # a prose line has been seen
    lines: list[_Line] = []
    for raw in raw_lines:
        line = _Line(original=raw, text=raw)
        glued = _cut_glued_foreign(raw, main)
        if glued:
            line.cut, line.text = glued
        key = line_key(line.text)
        if key in repeated_keys:
            line.strong = "seen in other articles of the outlet"
        # The title opening the text is its heading; once the article has started, a
        # repeat of it is the page's headline block or a related-article link.
        elif key == title_key and started:
            line.strong = "repeats the title"
        elif key in seen:
            line.strong = "repeats an earlier line"
        else:
            line.strong = _strong_reason(line.text, main)
        seen.add(key)
        line.weak = None if line.strong else _weak_reason(line.text)
        line.prose = not (line.strong or line.weak) and _word_count(line.text) >= PROSE_MIN_WORDS
        started = started or line.prose
        lines.append(line)
    return lines


def _edge_drops(lines: list[_Line]) -> set[int]:
    """Indexes of lines dropped for weak reasons because they sit in an edge block."""
    drops: set[int] = set()
    prose = [i for i, line in enumerate(lines) if line.prose]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)
    drops.update(i for i in range(first) if lines[i].weak and lines[i].weak not in _TRAILING_ONLY)
    tail = range(last + 1, len(lines))
    chrome = [i for i in tail if lines[i].strong or lines[i].weak]
    minor = [i for i in tail if not (lines[i].strong or lines[i].weak)]
    # A lone unpunctuated last line may be a paragraph that lost its full stop; with
    # other chrome around it, it is one of the related-article headlines.
    company = len(chrome) >= 2 and len(chrome) > len(minor)
    drops.update(
        i for i in chrome if lines[i].weak and (company or lines[i].weak not in _NEEDS_COMPANY)
    )
    if company:
        drops.update(minor)
    return drops


def clean_text(
    text: str,
    *,
    title: str | None = None,
    lang: str | None = None,
    repeated_keys: Collection[str] = (),
) -> Cleaned:
    """Remove site chrome from article text.

    Args:
        text: the article text, one paragraph per line (blank lines are ignored).
        title: the article title; a later line repeating it is dropped.
        lang: the article language, if known; its script is taken as the article's.
        repeated_keys: ``line_key`` values of lines the outlet prints in other articles.

    Returns:
        The kept paragraphs joined by blank lines, and the removed lines in order.

    """
    raw_lines = [line.strip() for line in text.splitlines() if line.strip()]
    main = _main_script(text, lang)
    lines = _classify(raw_lines, main=main, title=title, repeated_keys=repeated_keys)
    dropped = {i for i, line in enumerate(lines) if line.strong} | _edge_drops(lines)
    if len(dropped) == len(lines):
        # Never drop the only content: restore what is chrome only in this context.
        dropped = {i for i in dropped if lines[i].strong and lines[i].strong not in _CONTEXTUAL}
    kept: list[str] = []
    removed: list[str] = []
    for i, line in enumerate(lines):
        if i in dropped:
            removed.append(line.original)
            LOGGER.debug("removed %r: %s", line.original, line.strong or line.weak)
            continue
        if line.cut:
            removed.append(line.cut)
            LOGGER.debug("removed %r: caption in another script", line.cut)
        kept.append(line.text)
    return Cleaned(text="\n\n".join(kept), removed=removed)
