"""A statistical mention tagger: one linear-chain CRF (python-crfsuite) per language.

BIO labels over tokens. Features: the folded and lowercase form, prefixes and suffixes, shape and
capitalisation, position in the sentence, what separates a token from its neighbours (OCR glue,
line breaks), the neighbours within ``window`` tokens and the word paired with the next and
previous one, the clitic-free form in Arabic, Persian and Hebrew, the lexicons of
stages/mention_cues.py and stages/gazetteer.py, the spans the cue finder proposed (``Hint``: role,
organisation head, gazetteer, given name, verb of saying, capitalised run, natasha) and
document-level recurrence (the same form elsewhere in the text, written lowercase or proposed by a
cue).

Models are looked up in ``$NEWSWEAVE_MODELS`` first, then among the packaged ones
(stages/models/, see docs/mentions.md for their training data and licences). ``train`` makes a
model from annotated rows; ``newsweave train mentions`` and ``python -m newsweave.stages.models``
call it.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsweave.stages import mention_cues as cues
from newsweave.stages.gazetteer import TOKEN, fold, places

LOGGER = logging.getLogger(__name__)

MODELS_ENV = "NEWSWEAVE_MODELS"
# Words and single punctuation marks. In OCR text a word broken at a line end ("Pa¬ris") is one
# token, and glued words ("deParis", "386Autriche") split where a lowercase letter or a digit
# meets a capital.
_TOKEN = re.compile(r"[^\W_]+(?:¬\s*[^\W_]+)+|" + TOKEN.pattern + r"|\S")
_BREAK = re.compile(r"¬\s*")
_EDGE = frozenset("()[]{}«»“”„\"',;:-–—/")
_GLUE = re.compile(r"(?<=[a-zà-ÿ0-9])(?=[A-ZÀ-Þ])")
_SENTENCE_END = frozenset(".!?;:\n\"«»“”„()[]|•")
# Word-pair features cost Persian 0.021 in 5-fold CV (0.601 -> 0.580) and help the rest.
NO_BIGRAMS = frozenset({"fa"})
_SHAPE = [(re.compile(r"[A-ZÀ-ÞА-ЯЁİ]"), "X"), (re.compile(r"[a-zß-ÿа-яё]"), "x"), (re.compile(r"\d"), "d")]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Hint:
    """A span one of the cue finder's cues proposed; ``cue`` names the cue ("role", "gazetteer"...)."""

    start: int
    end: int
    type: str
    cue: str


@dataclass(frozen=True)
class Example:
    text: str
    entities: tuple[Span, ...]
    hints: tuple[Hint, ...]


@dataclass(frozen=True)
class Params:
    """CRF settings. Defaults chosen by 5-fold cross-validation over documents on the dev file
    (docs/mentions.md has the grid and the scores)."""

    c1: float = 0.05  # L1: keeps the model small
    c2: float = 0.1  # L2
    window: int = 2  # neighbours on each side whose form and shape are features
    max_iterations: int = 80


class Tagger:
    """A trained model for one language: ``tag(text, hints)`` -> spans."""

    def __init__(self, path: Path, lang: str, params: Params, meta: dict | None = None) -> None:
        import pycrfsuite

        self.path = path
        self.lang = lang
        self.params = params
        self.meta = meta or {}
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, text: str, hints: Sequence[Hint] = ()) -> list[Span]:
        tokens = tokenize(text)
        if not tokens:
            return []
        labels = self._tagger.tag(features(text, tokens, self.lang, hints, self.params.window))
        return _spans(text, tokens, labels)


def tokenize(text: str) -> list[tuple[int, int]]:
    out = []
    for match in _TOKEN.finditer(text):
        start = match.start()
        for piece in _GLUE.split(match.group()):
            out.append((start, start + len(piece)))
            start += len(piece)
    return out


def features(text: str, tokens: Sequence[tuple[int, int]], lang: str, hints: Sequence[Hint],
             window: int) -> list[list[str]]:
    words = [_Word.of(text[s:e], lang) for s, e in tokens]
    hinted = _hint_labels(tokens, hints)
    # Document-level recurrence: how often a form occurs, whether the text also writes it in
    # lowercase, and which type a cue gave it elsewhere.
    counts = Counter(w.key for w in words)
    lower = {w.key for w in words if w.text.islower()}
    hint_types = {words[i].key: label[2:] for i, label in enumerate(hinted) if label != "O"}
    saying = cues.saying_verbs(lang)
    out = []
    for i, w in enumerate(words):
        start = i == 0 or words[i - 1].text in _SENTENCE_END or "\n" in text[tokens[i - 1][1]:tokens[i][0]]
        f = [f"w={w.key}", f"b={w.bare}", f"p2={w.bare[:2]}", f"p3={w.bare[:3]}", f"s2={w.bare[-2:]}",
             f"s3={w.bare[-3:]}", f"s4={w.bare[-4:]}", f"sh={w.shape}", f"len={min(len(w.bare), 8)}",
             f"hint={hinted[i]}", f"lex={w.lexicon}", f"start={start}", f"start|sh={start}|{w.shape}",
             f"n={min(counts[w.key], 4)}", f"lower={w.key in lower}", f"doc={hint_types.get(w.key, '-')}",
             f"clitic={w.clitic}"]
        if i > 0 and words[i - 1].key in saying:
            f.append("after-saying")
        # Tokens glued to their neighbours or split across a line ("Radio-Toulouse", "M.Ronjat"),
        # a shape with runs collapsed to one letter, longer affixes, and the neighbours' forms and
        # shapes paired with the word's (each chosen by CV, docs/mentions.md).
        before = text[tokens[i - 1][1]:tokens[i][0]] if i else " "
        after = text[tokens[i][1]:tokens[i + 1][0]] if i + 1 < len(tokens) else " "
        previous, following = words[i - 1] if i else None, words[i + 1] if i + 1 < len(words) else None
        f += [f"gap-={_gap_kind(before)}", f"gap+={_gap_kind(after)}", f"sh1={_short_shape(w.text)}",
              f"p1={w.bare[:1]}", f"p4={w.bare[:4]}", f"s1={w.bare[-1:]}", f"s5={w.bare[-5:]}",
              f"-1sh|sh={previous.shape if previous else '^'}|{w.shape}",
              f"sh|+1sh={w.shape}|{following.shape if following else '$'}"]
        if lang not in NO_BIGRAMS:
            f += [f"-1w|w={previous.key if previous else '^'}|{w.key}",
                  f"w|+1w={w.key}|{following.key if following else '$'}"]
        for d in range(1, window + 1):
            for side, j in (("-", i - d), ("+", i + d)):
                if 0 <= j < len(words):
                    f += [f"{side}{d}w={words[j].key}", f"{side}{d}sh={words[j].shape}",
                          f"{side}{d}lex={words[j].lexicon}"]
                    if d == 1:
                        f += [f"{side}1hint={hinted[j]}", f"{side}1b={words[j].bare}"]
                else:
                    f.append(f"{side}{d}=edge")
        out.append(f)
    return out


@dataclass(frozen=True)
class _Word:
    text: str
    key: str  # folded
    bare: str  # folded, without its longest clitic prefix (ar, he; Persian writes them apart)
    clitic: str
    shape: str
    lexicon: str  # the first lexicon that lists the word

    @classmethod
    def of(cls, text: str, lang: str) -> _Word:
        key = fold(_BREAK.sub("", text))
        bare, clitic = key, ""
        for prefix in cues.CLITICS.get(lang, ()):
            if key.startswith(prefix) and len(key) - len(prefix) >= 3:
                bare, clitic = key[len(prefix):], prefix
                break
        return cls(text, key, bare, clitic, _shape(text), _lexicon(key, bare, lang))


def _gap_kind(gap: str) -> str:
    """What separates two tokens: nothing, spaces, a line break, or something else."""
    if not gap:
        return "none"
    if "\n" in gap:
        return "nl"
    return "sp" if gap.isspace() else "other"


def _short_shape(text: str) -> str:
    """The shape with every run collapsed to one letter: "Xx" for "Paris", "X.X.X." for "U.R.S.S.".
    Only the first six characters count."""
    shape = text
    for pattern, letter in _SHAPE:
        shape = pattern.sub(letter, shape)
    return re.sub(r"(.)\1+", r"\1", shape)[:6]


def _shape(text: str) -> str:
    shape = text
    for pattern, letter in _SHAPE:
        shape = pattern.sub(letter, shape)
    shape = re.sub(r"(.)\1+", r"\1\1", shape)  # "Xxxxx" and "Xxx" alike
    return shape if len(shape) <= 5 else shape[:5]


def _lexicon(key: str, bare: str, lang: str) -> str:
    forms = {key, bare}
    if forms & cues.stopwords(lang):
        return "stop"
    if forms & cues.org_words(lang):
        return "org"
    if forms & cues.given_names(lang):
        return "given"
    if forms & cues.saying_verbs(lang):
        return "saying"
    if any(f in cues.roles(lang) for f in forms):
        return "role"
    table = places()
    for form in (key, bare):
        if form in table:
            return f"place:{table[form][1]}"
    return "-"


def _hint_labels(tokens: Sequence[tuple[int, int]], hints: Sequence[Hint]) -> list[str]:
    return _labels(tokens, [(h.start, h.end, f"{h.type}:{h.cue}") for h in hints])


def bio(tokens: Sequence[tuple[int, int]], entities: Iterable[Span]) -> list[str]:
    """Gold labels: a token is inside an entity when they overlap (clitics glued to a name)."""
    return _labels(tokens, [(e.start, e.end, e.type) for e in entities])


def _labels(tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * len(tokens)
    ends = [e for _, e in tokens]
    for start, end, name in spans:
        i = bisect.bisect_right(ends, start)  # the first token ending after the span starts
        first = i
        while i < len(tokens) and tokens[i][0] < end:
            labels[i] = f"{'B' if i == first else 'I'}-{name}"
            i += 1
    return labels


def _spans(text: str, tokens: Sequence[tuple[int, int]], labels: Sequence[str]) -> list[Span]:
    """Spans from BIO labels. No annotated name in the dev file crosses a line break, and none
    begins or ends with a bracket, quote or comma: such a continuation starts a new span and
    such edge tokens are left out."""
    runs: list[tuple[int, int, str]] = []  # first token, end token, type
    for i, label in enumerate(labels):
        continues = label.startswith("I-") and runs and runs[-1][1] == i and runs[-1][2] == label[2:] \
            and "\n" not in text[tokens[i - 1][1]:tokens[i][0]]
        if continues:
            runs[-1] = (runs[-1][0], i + 1, runs[-1][2])
        elif label != "O":
            runs.append((i, i + 1, label[2:]))
    spans = []
    for first, end, kind in runs:
        while first < end and text[tokens[first][0]:tokens[first][1]] in _EDGE:
            first += 1
        while end > first and text[tokens[end - 1][0]:tokens[end - 1][1]] in _EDGE:
            end -= 1
        if end > first:
            spans.append(Span(tokens[first][0], tokens[end - 1][1], kind))
    return spans


def train(examples: Sequence[Example], lang: str, path: Path, params: Params = Params(),
          about: dict | None = None) -> Tagger:
    """Train a model for ``lang`` on ``examples`` and write it at ``path``, with its settings and
    ``about`` (sources, licence, digests of the training documents' ids) beside it."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        tokens = tokenize(example.text)
        if tokens:
            trainer.append(features(example.text, tokens, lang, example.hints, params.window),
                           bio(tokens, example.entities))
    trainer.set_params({"c1": params.c1, "c2": params.c2, "max_iterations": params.max_iterations,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    meta = {"lang": lang, "params": asdict(params), "documents": len(examples), **(about or {})}
    _meta_path(path).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return Tagger(path, lang, params, meta)


def model_path(directory: Path, lang: str) -> Path:
    return directory / f"mentions-{lang}.crfsuite"


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def packaged_dir() -> Path:
    return Path(str(resources.files("newsweave.stages").joinpath("models")))


@lru_cache(maxsize=32)
def load(lang: str) -> Tagger | None:
    """The model for ``lang``: ``$NEWSWEAVE_MODELS`` first, then the packaged ones; None if none."""
    directories = [Path(os.environ[MODELS_ENV])] if os.environ.get(MODELS_ENV) else []
    for directory in [*directories, packaged_dir()]:
        path = model_path(directory, lang)
        if path.is_file():
            try:
                meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
                return Tagger(path, lang, Params(**meta["params"]), meta)
            except (OSError, ValueError, KeyError, TypeError) as error:
                LOGGER.warning("discarding mention model %s: %s", path, error)
    return None
