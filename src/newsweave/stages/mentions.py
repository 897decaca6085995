"""Mentions of people, organisations and places (countries are places) in nine languages.

Several cues propose candidate spans with a rank (lower wins an overlap, then the longer span).
Where a trained tagger exists for the language (stages/ner_tagger.py: packaged for ar, de, fr
and ru, or added under $NEWSWEAVE_MODELS; docs/mentions.md), it reads the cues' spans as
features and its spans replace them; recurrence (7) then applies to its spans too.
The cues:

1. packaged models where one exists: natasha's Russian NER (ru);
2. roles and titles (stages/mention_cues.py): the name after "وزير الدفاع الإسرائيلي",
   "le ministre de la Défense", "Savunma Bakanı" is a person, with that role;
3. organisation head words ("حزب", "Ministerium", "Partisi") and the name they head;
4. gazetteers (stages/gazetteer.py): countries, regions and cities in every script;
5. given names and verbs of saying in the scripts without capitals ("وقال جانتس");
6. capitalised runs in Latin and Cyrillic scripts, typed by the cues above and guarded at
   sentence starts by the text's own lowercase words;
7. recurrence: a name found by a cue is found again elsewhere in the same text (its family
   name alone too).

Then, as a separate pass (`with_corpus_names`), names the corpus has taught
(`CorpusNames.type_of`) are found anywhere a cue left room, and retype a capitalised run no cue
typed. Kept apart so that what the text alone says can be found anywhere (on a Dask worker)
while the corpus is read where it is current (docs/scale.md).

In Arabic, Persian and Hebrew a clitic prefix (و ب ل ك ف ال; ו ה ב ל מ ש כ) is left out of the span.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from newsweave.records import Mention
from newsweave.stages import mention_cues as cues
from newsweave.stages import ner_tagger
from newsweave.stages.gazetteer import (
    MAX_KEY_TOKENS,
    TOKEN,
    fold,
    key_of,
    large_cities,
    places,
    script_of,
)

LOGGER = logging.getLogger(__name__)

UNCASED = frozenset({"ar", "fa", "he"})
CASED = frozenset({"en", "fr", "es", "de", "tr", "ru"})
NAME_TOKENS = 3  # a name after a cue is at most this many words (ANERcorp: 96% of PER spans)
HE_NAME_TOKENS = 2  # Hebrew verbs follow the subject unmarked; 97% of NEMO's PER spans are 1-2 words

# Overlap ranks: lower wins.
RANK = {"tagger": 0, "model": 1, "role": 2, "org": 3, "gazetteer": 4, "given": 5, "saying": 6, "capitalised": 7,
        "recurrence": 8, "corpus": 9, "default": 10}
OVERRIDE_CUES = ("gazetteer:country",)
FILL_CUES = ("role:",)
DEFAULT_CUE = "capitalised"  # a capitalised run no other cue typed
CASED_FILL_CUES = ("gazetteer:city",)  # a capitalised city name; Arabic-script city hits are often words

_SENTENCE_END = re.compile(r"[.!?:;\n\"«»“”„()\[\]|•]\s*$")
_GAP_NAME = re.compile(r"^[ \t\u00a0]*(?:-[ \t]*)?$|^\.[ \t]+$")  # inside a name: spaces, a hyphen
_GAP_PHRASE = re.compile(r"^[ \t\u00a0'’-]*$")  # inside a role phrase: "ministre de l'Intérieur"
_GAP_ROLE = re.compile(r"^[ \t\u00a0,،:]*$")  # between a role and its name
_ACRONYM = re.compile(r"^[A-ZÄÖÜÇŞĞİА-Я]{2,6}$")
# Nationality adjectives written capitalised: MISC in the annotation schemes, not places.
_DEMONYM = {
    "en": re.compile(r"(?:ian|ians|ese|ish|ean|eans|eli|elis|aqi|aqis|stani|stanis)$"),
    "fr": re.compile(r"(?:ais|aise|aises|ien|iens|ienne|iennes|ain|ains|aine|aines|ois|oise)$"),
    "de": re.compile(r"(?:isch|ische|ischen|ischer|isches)$"),
}
# German capitalises every noun; these suffixes mark common nouns, not names.
_DE_NOUN = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|tät|nis|tum|ismus|ment|chen|lein|ling|ler|"
                      r"eur|ie|ik|ur|enz|anz|ei|ers|ern|en|ter)$")
_DE_ARTICLES = frozenset(["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "im", "am", "zum", "zur", "vom", "beim", "ins", "kein", "keine", "keinen", "seine", "seiner", "ihre", "ihrer", "unser", "dieser", "diese", "dieses", "jeder", "alle", "viele", "mehr"])


class CorpusNames(Protocol):
    """What the corpus has taught: names seen with a type in earlier articles."""

    def type_of(self, normal_name: str) -> str | None: ...


def normal_name(text: str) -> str:
    """The key under which `CorpusNames` stores a name (folded, clitic-free tokens)."""
    return key_of(text)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    key: str  # folded
    bare: str  # folded, the longest clitic prefix removed (uncased scripts)
    clitic: int  # characters of that clitic prefix in text
    options: tuple[tuple[str, int], ...]  # (key, clitic chars) for every possible split, whole word first


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    type: str
    cue: str
    role: str | None
    rank: int


def find_mentions(text: str, lang: str | None, corpus: CorpusNames | None = None,
                  tagger: ner_tagger.Tagger | None = None) -> list[Mention]:
    """Non-overlapping mentions in ``text``, sorted by start. ``tagger`` defaults to the model
    for the language (`ner_tagger.load`), if there is one."""
    lang = _effective_lang(text, lang)
    found = _Finder(text, lang).run(tagger or ner_tagger.load(lang))
    return with_corpus_names(text, lang, found, corpus) if corpus is not None else found


def with_corpus_names(text: str, lang: str | None, found: list[Mention], corpus: CorpusNames) -> list[Mention]:
    """``found`` (what `find_mentions` found without a corpus) with the names the corpus knows:
    added where no mention is, and in place of a capitalised run only its capitals typed."""
    finder = _Finder(text, _effective_lang(text, lang))
    taught = list(finder.scan(corpus.type_of, "corpus"))
    if not taught:
        return found
    held = {(m.start, m.end): m for m in found}
    # A found mention outranks the corpus unless capitals alone made it (the "default" rank).
    kept = _resolve([_Candidate(m.start, m.end, m.type, m.cue, m.role,
                                RANK["default"] if m.cue == DEFAULT_CUE else RANK["tagger"] - 1) for m in found]
                    + taught)
    return [held.get((c.start, c.end)) if c.cue != "corpus" else finder.mention(c) for c in kept]


def cue_hints(text: str, lang: str | None) -> list[ner_tagger.Hint]:
    """The cues' spans in ``text``, as the tagger reads them (training and prediction alike)."""
    finder = _Finder(text, _effective_lang(text, lang))
    return finder.hints(_resolve(finder.cues()))


def _effective_lang(text: str, lang: str | None) -> str:
    if lang in UNCASED or lang in CASED:
        return lang
    script = script_of(text[:2000])
    return {"arabic": "ar", "hebrew": "he"}.get(script, "en")


class _Finder:
    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.cased = lang in CASED
        self.tokens = list(_tokenize(text, lang))
        self.lower_vocab = {t.key for t in self.tokens if t.text.islower()}
        self.role_tokens: set[int] = set()
        self.roles = cues.roles(lang)
        self.role_max = max((k.count(" ") + 1 for k in self.roles), default=1)
        self.stop = cues.stopwords(lang)
        self.orgs = cues.org_words(lang)
        self.places = places()

    # --- driver -----------------------------------------------------------------------------

    def run(self, tagger: ner_tagger.Tagger | None) -> list[Mention]:
        chosen = _resolve(self.cues())
        if tagger is not None:
            # The tagger's spans replace the cues' (it reads them as features): adding the cues'
            # spans where it found nothing lowered cross-validated F1 (German 0.59 -> 0.49).
            # Two cues still count (docs/mentions.md has their CV cost): a country name wins over a
            # tagger's span of another type (a country is never a person: the French model, trained
            # on 19th-century OCR, reads "Israël" as a given name), and a name after a role phrase,
            # or a large city's capitalised name, fills a gap the tagger left. A name a role cue
            # read as a person is a person wherever the tagger found it (`_people`).
            spans, countries = self._countries(self._people(self._tagged(tagger, chosen), chosen), chosen)
            fill = FILL_CUES + (CASED_FILL_CUES if self.cased else ())
            large = large_cities()
            gaps = [c for c in chosen if c.cue.startswith(fill)
                    and (not c.cue.startswith(CASED_FILL_CUES) or key_of(self.text[c.start:c.end]) in large)]
            chosen = _resolve(countries + spans + gaps)
        chosen = _resolve(chosen + self._recurrence(chosen))
        return [self.mention(c) for c in chosen]

    def cues(self) -> list[_Candidate]:
        found = self._roles()
        if self.lang == "ru":
            # natasha's spans alone: capitalised runs added to them were right 8 times in 89 on
            # the factRuEval dev part.
            found += _natasha(self.text)
        elif self.cased:
            found += self._capitalised()
        else:
            found += self._org_heads() + self._gazetteer() + self._given_names() + self._after_saying()
        return found

    def hints(self, chosen: list[_Candidate]) -> list[ner_tagger.Hint]:
        """What the cues found, for the tagger's features: the chosen spans and the role phrases."""
        roles = [ner_tagger.Hint(self.tokens[i].start, self.tokens[i].end, "ROLE", "role-word")
                 for i in sorted(self.role_tokens)]
        return roles + [ner_tagger.Hint(c.start, c.end, c.type, c.cue.split(":")[0]) for c in chosen]

    def _tagged(self, tagger: ner_tagger.Tagger, chosen: list[_Candidate]) -> list[_Candidate]:
        """The tagger's spans; a role the cues read off the same person is kept. (Letting a cue's
        span win where the tagger is unsure lowered cross-validated F1: de+fr 0.49 -> 0.47.)"""
        found = []
        for span in tagger.tag(self.text, self.hints(chosen)):
            cue = next((c for c in chosen if c.role and c.type == span.type == "PER"
                        and c.start < span.end and span.start < c.end), None)
            # "turc Recep Tayyip Erdoğan", "Défense Hulusi Akar": in cased scripts the role cue
            # knows where the name after "le président turc", "le ministre turc de la Défense" starts
            # (CV fr 0.450 -> 0.439; only over lowercase words: 0.451, but the seeds' "Défense
            # Hulusi Akar" then stays apart from the Arabic "خلوصي أكار").
            start = cue.start if cue is not None and self.cased and span.start < cue.start else span.start
            found.append(_Candidate(start, span.end, span.type, "model:crf", cue.role if cue else None,
                                    RANK["tagger"]))
        return found

    def _people(self, spans: list[_Candidate], chosen: list[_Candidate]) -> list[_Candidate]:
        """A name that a role cue read as a person ("le président turc Recep Tayyip Erdoğan") is a
        person wherever the tagger found it in the text, the family name alone too."""
        people = set()
        for c in chosen:
            if c.cue.startswith("role:") and c.type == "PER":
                key = key_of(self.text[c.start:c.end])
                people.update((key, key.rsplit(" ", 1)[-1]) if key else ())
        return [replace(s, type="PER") if s.type != "PER" and key_of(self.text[s.start:s.end]) in people else s
                for s in spans]

    def _countries(self, spans: list[_Candidate], chosen: list[_Candidate]) -> tuple[list[_Candidate],
                                                                                      list[_Candidate]]:
        """The tagger's spans, and the country names that win over them. Where the tagger also
        read a place, its span stays, with the gazetteer's cue (letting the country's span win
        there too cost 0.002)."""
        countries = []
        for c in chosen:
            if not c.cue.startswith(OVERRIDE_CUES):
                continue
            agree = [i for i, s in enumerate(spans) if s.type == c.type and s.start < c.end and c.start < s.end]
            for i in agree:
                spans[i] = replace(spans[i], cue=c.cue)
            if not agree:
                countries.append(replace(c, rank=-1))
        return spans, countries

    def mention(self, c: _Candidate) -> Mention:
        return Mention(start=c.start, end=c.end, text=self.text[c.start:c.end], type=c.type, lang=self.lang,
                       cue=c.cue, role=c.role)

    # --- helpers ----------------------------------------------------------------------------

    def _gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end:self.tokens[i].start]

    def _is_cap(self, i: int) -> bool:
        token = self.tokens[i]
        if not token.text[0].isupper() or (len(token.text) == 1 and not self._initial(i)):
            return False
        if token.key in self.stop and (token.text.isupper() or self._sentence_start(i)):
            return False
        # ALL-CAPS headline words and sentence-initial words that the text also writes in
        # lowercase are common words.
        return not (token.key in self.lower_vocab and (token.text.isupper() or self._sentence_start(i)))

    def _initial(self, i: int) -> bool:
        """A one-letter capital followed by a full stop and another capital: "J. Smith"."""
        following = self.text[self.tokens[i].end:self.tokens[i].end + 3]
        return len(following) == 3 and following[:2] == ". " and following[2].isupper()

    def _sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        before = self.text[max(0, self.tokens[i].start - 3):self.tokens[i].start]
        return bool(_SENTENCE_END.search(before)) or before.strip() in ("-", "—", "–", "*")

    def _role_at(self, i: int) -> tuple[int, str, str] | None:
        """(end token, role key, phrase) of the longest role phrase starting at token i."""
        for n in range(min(self.role_max, len(self.tokens) - i), 0, -1):
            if n > 1 and any(not _GAP_PHRASE.match(self._gap(k)) for k in range(i + 1, i + n)):
                continue
            rest = [t.key for t in self.tokens[i + 1:i + n]]
            for first, _ in self.tokens[i].options:
                key = " ".join([first, *rest])
                role = self.roles.get(key)
                if role is not None:
                    return i + n, role, key
        return None

    def _namelike(self, i: int) -> bool:
        """Could token i be part of a name, in a script without capitals?"""
        token = self.tokens[i]
        forms = {form for form, _ in token.options}
        if len(token.bare) < 2 or token.key.isdigit() or forms & self.stop:
            return False
        if forms & cues.saying_verbs(self.lang) or forms & self.orgs:
            return False
        return self._role_at(i) is None

    def _place_at(self, i: int) -> tuple[int, str, str, int] | None:
        """(end token, type, cue, clitic chars) of the longest place name starting at token i."""
        limit = min(MAX_KEY_TOKENS, len(self.tokens) - i)
        for n in range(limit, 0, -1):
            if n > 1 and any(not _GAP_NAME.match(self._gap(k)) for k in range(i + 1, i + n)):
                continue
            rest = [t.key for t in self.tokens[i + 1:i + n]]
            firsts = list(self.tokens[i].options)
            if self.lang == "de" and n == 1 and self.tokens[i].key.endswith("s"):
                firsts.append((self.tokens[i].key[:-1], 0))  # genitive: Europas, Italiens
            if not self.cased and script_of(self.tokens[i].text) == "cased" and not self.tokens[i].text[0].isupper():
                continue  # a lowercase Latin word inside Arabic or Hebrew text
            for first, clitic in firsts:
                hit = self.places.get(" ".join([first, *rest]))
                if hit is not None:
                    return i + n, hit[0], hit[1], clitic
        return None

    # --- cues -------------------------------------------------------------------------------

    def _roles(self) -> list[_Candidate]:
        found = []
        i = 0
        while i < len(self.tokens):
            hit = self._role_at(i)
            if hit is None:
                i += 1
                continue
            end, role, phrase = hit
            self.role_tokens.update(range(i, end))
            definite = self.tokens[i].key.startswith(("ال", "وال", "بال", "فال", "كال", "لل", "ولل"))
            if self.lang == "ar" and not definite and " " not in phrase:
                # An indefinite head ("رئيس", "مدير") takes a definite complement before the
                # name ("رئيس الاتحاد برند ..."); without one it is a common noun ("رئيس دولة").
                complement = end
                while complement < len(self.tokens) and complement - end < 3 \
                        and self.tokens[complement].key.startswith(("ال", "لل")) \
                        and _GAP_NAME.match(self._gap(complement)):
                    complement += 1
                if complement == end:
                    i = end
                    continue
                end = complement
            name = self._name_after_role(end)
            if name is not None:
                start_tok, end_tok = name
                cue = f"role:{phrase}"
                # "the spokesman of X": X is the principal, not the spokesperson.
                principal = self._gap(start_tok).strip() == "" and self.tokens[start_tok - 1].key in (
                    "بلسان", "باسم", "of", "de", "du")
                found.append(self._span(start_tok, end_tok, "PER", cue, None if principal else role, "role"))
                i = end_tok
            else:
                i = end
        return found

    def _name_after_role(self, k: int) -> tuple[int, int] | None:
        """Token range of the name that follows a role ending before token k."""
        skipped = 0
        while k < len(self.tokens) and skipped < 4:
            if not _GAP_ROLE.match(self._gap(k)):
                return None
            token = self.tokens[k]
            if self.cased:
                if self._is_cap(k) and token.key not in self.roles and not self._demonym(token.key):
                    break
                if token.text[0].isupper() or token.key in cues.CONNECTORS or token.key in self.stop:
                    k += 1  # "ministre turc de la Défense", "Israeli Defence Minister"
                    skipped += 1
                    continue
                if token.text.islower() and len(token.key) > 3:
                    k += 1  # an adjective: "ministre turc", "министр иностранных дел"
                    skipped += 1
                    continue
                return None
            if self._adjective(k) or (self._place_at(k) and self.lang in ("fa", "he")):
                k += 1
                skipped += 1
                continue
            break
        if k >= len(self.tokens) or k in self.role_tokens:
            return None
        if self.cased:
            end = self._run_end(k)
            if k > 0 and self.tokens[k - 1].key in cues.CONNECTORS and end - k > 1:
                k += 1  # "presidente del Gobierno José María Aznar": the role's complement first
            elif k > 0 and self.tokens[k - 1].key in cues.CONNECTORS:
                return None
            if end - k == 1 and (self.tokens[k].key in self.stop or len(self.tokens[k].key) < 2):
                return None
            return (k, end) if end > k else None
        if not self._namelike(k) or (self.lang == "ar" and self.tokens[k].key.startswith("ال")):
            return None
        end = k + 1
        longest = HE_NAME_TOKENS if self.lang == "he" else NAME_TOKENS
        while end < len(self.tokens) and end - k < longest and _GAP_NAME.match(self._gap(end)) \
                and self._namelike(end) and not self._adjective(end) and self._role_at(end) is None:
            if self.lang == "he" and self.tokens[end].key.startswith("ה") and self.tokens[end].bare in self.places:
                break
            if self.lang == "ar" and self.tokens[end].key.startswith(("وال", "بال", "فال", "لل")):
                break  # "والمؤسسات": the sentence goes on
            end += 1
        return k, end

    def _adjective(self, k: int) -> bool:
        """A nationality adjective or similar between a role and the name (الإسرائيلي، הטורקי)."""
        key = self.tokens[k].key
        if self.lang == "ar":
            return key.startswith("ال") and key.endswith(cues.AR_SKIP_SUFFIXES)
        if self.lang == "he":
            return key.startswith("ה") and key.endswith(("י", "ית"))
        return False

    def _demonym(self, key: str) -> bool:
        pattern = _DEMONYM.get(self.lang)
        return bool(pattern and len(key) > 4 and pattern.search(key) and key not in self.places)

    def _org_heads(self) -> list[_Candidate]:
        found = []
        for i, token in enumerate(self.tokens):
            if token.bare not in self.orgs and token.key not in self.orgs:
                continue
            end = i + 1
            longest = 1 if self.lang == "he" else NAME_TOKENS  # Hebrew: "משרד האוצר", "בנק ישראל"
            while end < len(self.tokens) and end - i <= longest and _GAP_NAME.match(self._gap(end)):
                nxt = self.tokens[end]
                if nxt.key in self.stop or nxt.key in cues.saying_verbs(self.lang) or nxt.key.isdigit():
                    break
                if self.lang == "ar" and end > i + 1 and not nxt.key.startswith(("ال", "لل")):
                    break  # the genitive chain continues with definite words only
                end += 1
            if self.lang == "ar" and all(self._adjective(k) for k in range(i + 1, end)):
                continue  # "الحكومة اللبنانية": a common noun and its nationality
            if end > i + 1:
                found.append(self._span(i, end, "ORG", f"org:{token.bare}", None, "org",
                                        strip=token.key not in self.orgs))
        return found

    def _gazetteer(self) -> list[_Candidate]:
        found = []
        i = 0
        while i < len(self.tokens):
            hit = self._place_at(i)
            if hit is None:
                i += 1
                continue
            end, kind, cue, clitic = hit
            start = self.tokens[i].start + clitic
            found.append(_Candidate(start, self.tokens[end - 1].end, kind, cue, None, RANK["gazetteer"]))
            i = end
        return found

    def _given_names(self) -> list[_Candidate]:
        given = cues.given_names(self.lang)
        found = []
        for i, token in enumerate(self.tokens):
            # A clitic conjunction or preposition may precede a given name, the article may not
            # (التركي is "the Turkish", not the name Turki).
            bare_ok = token.bare in given and not token.key.startswith(("ال", "وال", "بال", "لل"))
            if token.key not in given and not bare_ok or token.key in self.stop:
                continue
            end = i + 1
            while end < len(self.tokens) and end - i < NAME_TOKENS and _GAP_NAME.match(self._gap(end)) \
                    and self._namelike(end) and not self._adjective(end):
                end += 1
            if end > i + 1:
                found.append(self._span(i, end, "PER", "given-name", None, "given", strip=token.key not in given))
        return found

    def _after_saying(self) -> list[_Candidate]:
        verbs = cues.saying_verbs(self.lang)
        found = []
        for i in range(len(self.tokens) - 1):
            token = self.tokens[i]
            if token.key not in verbs and token.bare not in verbs:
                continue
            k = i + 1
            if not _GAP_NAME.match(self._gap(k)) or not self._namelike(k) or self._place_at(k):
                continue
            if self.lang == "ar" and self.tokens[k].key.startswith(("ال", "ا", "ي", "ت", "ن")):
                continue  # a definite noun or a verb, not a name
            if self.lang == "he" and self.tokens[k].key.startswith("ה"):
                continue
            found.append(self._span(k, k + 1, "PER", f"saying:{token.bare}", None, "saying"))
        return found

    def _capitalised(self) -> list[_Candidate]:
        found = []
        i = 0
        while i < len(self.tokens):
            if i in self.role_tokens or not self._is_cap(i):
                i += 1
                continue
            end = self._run_end(i)
            if end <= i:
                i += 1
                continue
            typed = self._type_run(i, end)
            if typed is not None:
                kind, cue, rank = typed
                found.append(self._span(i, end, kind, cue, None, rank))
            if typed is None or typed[2] == "default":
                # "Die Wirtschaft Italiens": a place inside a run that is not a name as a whole.
                k = i
                while k < end:
                    hit = self._place_at(k)
                    if hit is not None and hit[0] <= end:
                        found.append(self._span(k, hit[0], hit[1], hit[2], None, "gazetteer"))
                        k = hit[0]
                    else:
                        k += 1
            i = end
        return found

    def _run_end(self, i: int) -> int:
        """End (exclusive) of the capitalised run starting at token i."""
        if not self._is_cap(i) or i in self.role_tokens:
            return i
        end = i + 1
        while end < len(self.tokens) and end not in self.role_tokens:
            if _GAP_NAME.match(self._gap(end)) and self._is_cap(end) and not self._gap(end).startswith("."):
                end += 1
                continue
            if self._gap(end).startswith(".") and len(self.tokens[end - 1].text) == 1 and self._is_cap(end):
                end += 1  # an initial: "J. Smith"
                continue
            # Connectors inside a name: "Bank of England", "Ministère de la Culture".
            k = end
            while k < len(self.tokens) and k - end < 2 and self.tokens[k].key in cues.CONNECTORS \
                    and self.tokens[k].text.islower() and _GAP_NAME.match(self._gap(k)):
                k += 1
            if k > end and k < len(self.tokens) and _GAP_NAME.match(self._gap(k)) and self._is_cap(k) \
                    and k not in self.role_tokens:
                end = k + 1
                continue
            break
        return end

    def _type_run(self, i: int, end: int) -> tuple[str, str, str] | None:
        """(type, cue, rank name) of the capitalised run tokens[i:end], or None to drop it."""
        keys = [t.key for t in self.tokens[i:end]]
        key = " ".join(keys)
        if any(k in self.orgs for k in keys):
            return "ORG", "org-word", "org"
        place = self.places.get(key) or (self.places.get(key[:-1]) if self.lang == "de" and key.endswith("s")
                                         else None)
        if place is not None:
            return place[0], place[1], "gazetteer"
        if len(keys) == 1 and _ACRONYM.match(self.tokens[i].text):
            return "ORG", "acronym", "capitalised"
        if keys[0] in cues.given_names(self.lang) and len(keys) > 1:
            return "PER", "given-name", "given"
        if self._demonym(key) or key in self.stop:
            return None
        if self.lang == "de" and not self._german_name(i, end):
            return None
        if len(keys) == 1 and self._sentence_start(i):
            return None  # one capitalised word opening a sentence, with no other evidence
        return "PER", DEFAULT_CUE, "default"

    def _german_name(self, i: int, end: int) -> bool:
        """German capitalises nouns: a run is a name only when it does not read as a noun phrase."""
        if i > 0 and self.tokens[i - 1].key in _DE_ARTICLES and end - i == 1:
            return False
        return end - i > 1 and not any(_DE_NOUN.search(t.key) for t in self.tokens[i:end])

    def _span(self, i: int, end: int, kind: str, cue: str, role: str | None, rank: str,
              strip: bool = False) -> _Candidate:
        """Tokens i..end; ``strip`` leaves the first token's clitic out (the cue matched without it).
        Names after a cue keep their first letter: بيني is a name, not ب + يني."""
        start = self.tokens[i].start + (self.tokens[i].clitic if strip and not self.cased else 0)
        return _Candidate(start, self.tokens[end - 1].end, kind, cue, role, RANK[rank])

    # --- recurrence and the corpus' scan -----------------------------------------------------------------

    def _recurrence(self, chosen: list[_Candidate]) -> list[_Candidate]:
        """Names found by a cue, found again elsewhere in the text; a person's family name too."""
        known: dict[str, str] = {}
        for c in chosen:
            if c.rank > RANK["capitalised"] or c.cue == DEFAULT_CUE:
                continue
            tokens = [fold(t) for t in TOKEN.findall(self.text[c.start:c.end])]
            if not tokens:
                continue
            known.setdefault(" ".join(tokens), c.type)
            if c.type == "PER" and len(tokens) > 1 and tokens[-1] not in self.stop and len(tokens[-1]) > 2:
                known.setdefault(tokens[-1], "PER")
        # The commonest typos of a family name long enough that the slip is no other word: two
        # adjacent letters swapped (غناتس for غانتس), and, where capitals mark names, a letter
        # dropped (Ganz for Gantz). The resolver then groups the slip with the right spelling.
        typos = {slip: "PER" for key, kind in known.items() if kind == "PER" and " " not in key
                 and len(key) >= TYPO_MIN_LETTERS for slip in _slips(key, self.cased)}
        return list(self.scan(lambda key: known.get(key) or typos.get(key), "recurrence"))

    def scan(self, lookup: Callable[[str], str | None], cue: str) -> Iterable[_Candidate]:
        i = 0
        while i < len(self.tokens):
            for n in range(min(NAME_TOKENS, len(self.tokens) - i), 0, -1):
                if n > 1 and any(not _GAP_NAME.match(self._gap(k)) for k in range(i + 1, i + n)):
                    continue
                if self.cased and not self._is_cap(i):
                    break
                first = self.tokens[i]
                rest = [t.key for t in self.tokens[i + 1:i + n]]
                options = first.options
                hit = None
                if first.key in self.stop or first.bare in self.stop:
                    break
                for head, clitic in options:
                    if len(head) < 3 and not self.cased:
                        continue
                    kind = lookup(" ".join([head, *rest]))
                    if kind is not None:
                        hit = (kind, clitic)
                        break
                if hit is not None:
                    yield _Candidate(first.start + hit[1], self.tokens[i + n - 1].end, hit[0], cue, None, RANK[cue])
                    i += n - 1
                    break
            i += 1


TYPO_MIN_LETTERS = 5


def _slips(word: str, cased: bool) -> set[str]:
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    drops = {word[:i] + word[i + 1:] for i in range(len(word))} if cased else set()
    return (swaps | drops) - {word}


def _tokenize(text: str, lang: str) -> Iterable[_Token]:
    clitics = cues.CLITICS.get(lang, ())
    for match in TOKEN.finditer(text):
        key = fold(match.group()).replace(".", "")
        options = [(key, 0)]
        for prefix in clitics:
            # At least three letters must remain: بها, فيه, لها are words, not clitic + name.
            if key.startswith(prefix) and len(key) - len(prefix) >= 3:
                if prefix in ("لل", "ولل"):
                    options.append(("ال" + key[len(prefix):], len(prefix) - 1))  # للولايات = ل + الولايات
                else:
                    options.append((key[len(prefix):], len(prefix)))
        bare, clitic = options[1] if len(options) > 1 else options[0]
        yield _Token(match.start(), match.end(), match.group(), key, bare, clitic, tuple(options))


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: the best rank first, then the longer span."""
    taken: list[_Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (c.rank, -(c.end - c.start), c.start)):
        if c.end <= c.start or any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: c.start)


def _natasha(text: str) -> list[_Candidate]:
    from natasha import Doc

    segmenter, tagger = _natasha_models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [_Candidate(span.start, span.stop, span.type, "model:natasha", None, RANK["model"])
            for span in doc.spans if span.type in ("PER", "ORG", "LOC")]


@lru_cache(maxsize=1)
def _natasha_models():  # type: ignore[no-untyped-def]
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())
