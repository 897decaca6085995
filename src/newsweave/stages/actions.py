"""Who did what to whom, where and when: action records in the spirit of PLOVER/CAMEO, from an
article's resolved mentions, quotes and dates, in ar, fr, en, he, fa, tr, de, ru and es.

Precision first: a record is emitted only with its evidence, the sentence that holds the cue and
its arguments. ``find_actions(article)`` works per clause (a sentence cut at ; : dashes and
quotation marks; nothing inside quotation marks is narration):

1. cues: a verb or event noun of the action lexicon (stages/action_verbs.py), with the clitics
   written on it (والتقى, ושנפגש, الزيارة), German separable prefixes closing the clause
   ("griff ... an"), multi-word forms ("ziyaret etti", "دیدار کرد");
2. the actor: the subject mention right before the verb (SVO), after it when the verb opens its
   clause in a verb-first language (Arabic, Hebrew; German and Spanish after a fronted adverbial),
   the first unmarked mention of a verb-final clause (Turkish, Persian, German participles), an
   event noun's genitive ("زيارة حداد", "la visite de X", "Roche'un ziyareti") or the subject of
   its light verb ("قام بزيارة"); a pronoun, a role ("le ministre") or a dropped subject ("وأضاف")
   only when one person fits (same sentence first, then the previous one);
3. the target: the next mention marked as the cue's object is (bare, "with", "مع", "-ı", "را"),
   across modifiers and role words but not across another argument or a function word;
4. the place: a place mention introduced by in/à/في/ב/در/-da... in the clause (a visit's target
   when it is a place); the date: a date in the sentence, else the publication day, else None;
5. "say" records come from quotes whose speaker is resolved to an entity.

Negated, modal, conditional and planned events are not events ("did not meet", "will visit",
"la visite prévue"); a passive takes its actor from its agent ("was attacked by X") or is dropped.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from newsweave.records import ActionRecord, Article, Mention, Quote
from newsweave.stages.action_verbs import ACTOR_TYPES, GENITIVE_TARGETS, LEXICONS, MUTUAL, ActionLexicon, Cue
from newsweave.stages.gazetteer import fold, key_of
from newsweave.stages.mention_cues import AR_SKIP_SUFFIXES, CLITICS, roles, stopwords
from newsweave.stages.mentions import CASED
from newsweave.stages.quotes import pair_marks, sentence_spans
from newsweave.stages.speech_verbs import LEXICONS as SPEECH

LOGGER = logging.getLogger(__name__)

# Tokens like gazetteer.TOKEN, keeping Arabic diacritics and tatweel inside the word (بعيدًا).
_WORD = re.compile(r"[\u05d0-\u05ea]+(?:[\"\u05f4\u05f3'][\u05d0-\u05ea]+)+|(?:[A-Z]\.){2,}"
                   r"|(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])+")
# Between two words, these end a clause; commas do not (appositions: "الوزير، سامي حداد،").
_HARD = re.compile(r"[.;:!?؛؟()\[\]{}\"«»“”„‹›]|\s[–—-]\s|\n")
_SUFFIX = re.compile(r"['’]([^\W\d_]+)")
# A one-letter clitic written apart, with a hyphen or tatweel: "ב-טורקיה", "لـ".
_CLITIC_LETTERS = frozenset("בלמכוبلكو")
_CONJ_CLITICS = {"ar": ("و", "ف"), "he": ("ו",)}
_PREP_CLITICS = {"ar": ("ب", "ل", "ك"), "he": ("ב", "ל", "מ", "כ")}
_AR_SUFFIXES = ("ها", "هم", "هما", "ه")  # pronouns written on a word (معها "with her")
# Words of a noun phrase between a cue and its argument ("the Turkish president"), and words
# of no phrase between them ("an agreement" in "signed an agreement with X").
MAX_NP_WORDS = 5
MAX_FREE_WORDS = 4
MAX_NOUN_ACTOR_FREE = 1
LIGHT_VERB_REACH = 10  # tokens from a light verb to its noun
PLACE_REACH = 16  # tokens from the cue (or its target) to the place phrase: farther, it is another event's


def find_actions(article: Article) -> list[ActionRecord]:
    """Action records of ``article``, sorted by evidence start; [] for a language without a lexicon."""
    lex = LEXICONS.get(article.lang or "")
    if lex is None or not article.text:
        return []
    finder = _Finder(article, lex)
    records: dict[tuple, ActionRecord] = {}
    for record in finder.says() + finder.events():
        records.setdefault((record.action, record.actor_entity_id, record.target_entity_id, record.start), record)
    found = sorted(records.values(), key=lambda r: (r.start, r.action))
    LOGGER.debug("%s: %s action records", article.id, len(found))
    return found


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    key: str  # folded


@dataclass(frozen=True)
class _Match:
    cue: Cue
    first: int
    last: int
    stop: int  # last token the arguments may use (before a separable particle)


@dataclass(frozen=True)
class _Slot:
    """What stands in a verb's subject position, left of it."""

    kind: str  # "mention" | "pronoun" | "role" | "word" | "none" | "blocked"
    at: int = -1  # mention index, or token of the pronoun or role
    role: str | None = None
    passive: bool = False
    coordinated: int | None = None  # "X and Y met": X


class _Finder:
    """One article's tokens, clauses, mentions and cues, shared by the steps."""

    def __init__(self, article: Article, lex: ActionLexicon) -> None:
        self.article = article
        self.text = article.text
        self.lang = article.lang or ""
        self.lex = lex
        self.speech_lex = SPEECH[self.lang]
        self.stop = stopwords(self.lang)
        self.roles = roles(self.lang)
        self.role_len = max((k.count(" ") + 1 for k in self.roles), default=1)
        self.aux = lex.auxiliaries | frozenset(fold(w) for w in self.speech_lex.auxiliaries)
        self.clause_words = frozenset(fold(w).strip("'’") for w in self.speech_lex.complementisers
                                      | self.speech_lex.relatives)
        self.tokens = [_Tok(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(self.text)]
        self.starts = [t.start for t in self.tokens]
        self.inside = [(d.mark_start, d.mark_end) for d in pair_marks(self.text)]
        self.sentences = sentence_spans(self.text, self.inside)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.quoted = [any(a <= t.start < b for a, b in self.inside) for t in self.tokens]
        self.mentions = sorted((m for m in article.mentions if m.in_text), key=lambda m: m.start)
        self.owner: list[int | None] = [None] * len(self.tokens)
        self.first: list[int] = []
        self.last: list[int] = []
        for k, m in enumerate(self.mentions):
            lo = bisect.bisect_right(self.starts, m.start) - 1
            hi = bisect.bisect_left(self.starts, m.end) - 1
            self.first.append(max(lo, 0))
            self.last.append(max(hi, lo, 0))
            for j in range(max(lo, 0), hi + 1):
                self.owner[j] = k
        self.dated = {j for d in article.dates
                      for j in range(bisect.bisect_left(self.starts, d.start), bisect.bisect_left(self.starts, d.end))}
        self._clauses()
        self.matches = self._matches()
        self.cue_tokens = {j for m in self.matches for j in range(m.first, m.last + 1)}
        self.corroborated = {m.entity_id for m in article.mentions if m.entity_id and not _weak(m)}
        self.noun_before = lex.determiners | lex.possessives | lex.genitives | lex.prepositions
        # Verbs of saying standing for their subject ("وأضاف", "dedi", "señaló"), with their clitics.
        self.saying = {fold(p) + fold(v) for v in self.speech_lex.verbs for p in ("", *self.speech_lex.prefixes)}
        self.chunks: dict[tuple[int, bool], tuple[int, str | None]] = {}

    # ---- layout --------------------------------------------------------------------------

    def _clauses(self) -> None:
        """``lo[j]``/``hi[j]``: the clause of token j; ``hard[j]``: a clause break after token j."""
        n = len(self.tokens)
        self.hard = [True] * n
        self.comma = [False] * n
        for j in range(n - 1):
            gap = self.text[self.tokens[j].end:self.tokens[j + 1].start]
            same_sentence = self._sentence(self.tokens[j].start) == self._sentence(self.tokens[j + 1].start)
            self.hard[j] = bool(_HARD.search(gap)) or not same_sentence or self.quoted[j] != self.quoted[j + 1]
            self.comma[j] = "," in gap or "،" in gap
        self.lo = [0] * n
        self.hi = [n - 1] * n
        for j in range(1, n):
            self.lo[j] = j if self.hard[j - 1] else self.lo[j - 1]
        for j in range(n - 2, -1, -1):
            self.hi[j] = j if self.hard[j] else self.hi[j + 1]

    def _dated(self, j: int) -> bool:
        """Token j is part of a date, or the preposition before one ("am Montag", "le 3 mars")."""
        return j in self.dated or (j + 1 in self.dated and not self.hard[j] and self.tokens[j].key in self.stop)

    def _sentence(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, position) - 1)

    def _matches(self) -> list[_Match]:
        found = []
        for i, token in enumerate(self.tokens):
            if self.quoted[i] or self.owner[i] is not None:
                continue
            for stem, clitic in self._options(token.key):
                for cue, form in self.lex.index.get(stem, ()):
                    if clitic and clitic not in self._clitics(cue):
                        continue
                    last = i + len(form) - 1
                    if last >= len(self.tokens) or any(
                            self.tokens[i + n].key != word or self.owner[i + n] is not None or self.hard[i + n - 1]
                            for n, word in enumerate(form[1:], 1)):
                        continue
                    stop = self._particle(cue, last)
                    if stop is not None:
                        found.append(_Match(cue, i, last, stop))
        return found

    def _options(self, key: str) -> list[tuple[str, str]]:
        """(stem, clitic) readings of a token: itself, and without each clitic prefix."""
        options = [(key, "")]
        for clitic in CLITICS.get(self.lang, ()):
            if key.startswith(clitic) and len(key) - len(clitic) >= 2:
                options.append((key[len(clitic):], clitic))
        return options

    def _clitics(self, cue: Cue) -> tuple[str, ...]:
        """Verbs take conjunctions (والتقى, ושנפגש); nouns also prepositions and articles (بزيارة)."""
        if cue.kind == "noun":
            return CLITICS.get(self.lang, ())
        return tuple(fold(p) for p in self.speech_lex.prefixes)

    def _particle(self, cue: Cue, last: int) -> int | None:
        """The last token the arguments may use; for a separable verb, its prefix must close the clause."""
        hi = self.hi[last]
        if cue.particle is None:
            return hi
        for j in range(last + 1, hi + 1):
            if self.tokens[j].key == cue.particle and (j == hi or self.comma[j]):
                return j - 1
            if self.comma[j]:
                break
        return None

    # ---- records -------------------------------------------------------------------------

    def events(self) -> list[ActionRecord]:
        records = []
        for match in self.matches:
            record = self._record(match)
            if record is not None:
                records.append(record)
        return records

    def _record(self, match: _Match) -> ActionRecord | None:
        cue = match.cue
        lo = self.lo[match.first]
        if self._unreal(match, lo):
            return None
        args = self._noun_args(match) if cue.kind == "noun" else self._verb_args(match)
        if args is None or args[0] is None:
            return None
        actor, target = args
        a = self.mentions[actor]
        if a.entity_id is None or a.type not in ACTOR_TYPES[cue.action] or not self._namelike(a):
            return None
        if target is not None and cue.action == "visit" and self.mentions[target].type == "LOC":
            target = self._head_place(target)
        t = self.mentions[target] if target is not None else None
        if t is not None and (t.entity_id is None or t.type not in cue.targets or t.entity_id == a.entity_id
                              or not self._namelike(t)):
            t = None
        if t is None and cue.target_required:
            return None
        place = t if cue.action == "visit" and t is not None and t.type == "LOC" else \
            self._place(match, target, {a.entity_id, t.entity_id if t else None})
        surface = self.text[self.tokens[match.first].start:self.tokens[match.last].end]
        if cue.particle:
            surface += " … " + cue.particle
        anchor = self.tokens[match.first].start
        return self._make(cue.action, a, t, place, anchor, [a] + ([t] if t else []), surface)

    def _make(self, action: str, actor: Mention, target: Mention | None, place: Mention | None, anchor: int,
              named: list[Mention], cue: str, span: tuple[int, int] | None = None) -> ActionRecord:
        """The record, with the sentence(s) holding the cue and every named argument as evidence."""
        lo, hi = span or self.sentences[self._sentence(anchor)]
        for m in named:
            s, e = self.sentences[self._sentence(m.start)]
            lo, hi = min(lo, s), max(hi, e)
        while lo < hi and self.text[lo].isspace():
            lo += 1
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        date, source = self._date(anchor)
        return ActionRecord(
            article_id=self.article.id, action=action, actor_entity_id=actor.entity_id or "",
            actor_text=actor.text, target_entity_id=target.entity_id if target else None,
            target_text=target.text if target else None, place_entity_id=place.entity_id if place else None,
            place_text=place.text if place else None, date=date, sentence=self.text[lo:hi], start=lo, end=hi,
            lang=self.article.lang, cue=cue, date_source=source)

    def _namelike(self, mention: Mention) -> bool:
        """Whether a mention can be an argument: not a function word the mention finder took for a
        name ("معها" after التقى, "به"), and not a lone word guessed from its capital, the corpus or
        a verb of saying ("Lisbon officials say", "وقال شهود") unless the article names the same
        entity by a stronger cue too."""
        key = fold(mention.text)
        if key in self.stop or (self.lang in ("ar", "fa", "he") and len(key) <= 2):
            return False
        if self.lang == "ar" and any(key.endswith(s) and key[:-len(s)] in self.stop for s in _AR_SUFFIXES):
            return False
        return not _weak(mention) or mention.entity_id in self.corroborated

    # ---- records from quotes -------------------------------------------------------------

    def says(self) -> list[ActionRecord]:
        """"say" records from quotes whose speaker resolved to a person or organisation."""
        records: list[ActionRecord] = []
        mentions = self.article.mentions
        for q in sorted(self.article.quotes, key=lambda q: q.start):
            if q.speaker_entity_id is None or q.speaker_mention is None or q.speaker_mention >= len(mentions) \
                    or q.speaker_start is None:
                continue
            speaker = mentions[q.speaker_mention]
            if not speaker.in_text or speaker.type not in ACTOR_TYPES["say"] or not self._namelike(speaker) \
                    or not self._speaker_is(q, speaker, records[-1] if records else None):
                continue
            points = [q.start, max(q.start, q.end - 1), q.speaker_start]
            lo = self.sentences[self._sentence(min(points))][0]
            hi = self.sentences[self._sentence(max(points))][1]
            # The evidence is the quote and its local speaker ("وقال", "he"); a chain of quotes may
            # name the speaker paragraphs earlier.
            records.append(self._make("say", speaker, None, None, q.speaker_start, [], f"quote:{q.kind}",
                                      span=(lo, hi)))
        return records

    def _speaker_is(self, quote: Quote, speaker: Mention, previous: ActionRecord | None) -> bool:
        """Whether the quote's local speaker stands for the named one: the name itself (after its
        titles, not "a source close to Gantz"); else a singular pronoun, a verb ("وأضاف") or a role
        that our own antecedent rule resolves to the same entity, or that continues a chain of
        quotes by that speaker with nobody else named in between. Not "they"."""
        start, end = quote.speaker_start or 0, quote.speaker_end or 0
        if any(a <= speaker.start < b for a, b in self.inside):
            return False  # a name inside the quotation marks is what was said, not who said it
        if self._post_mark(self.mentions.index(speaker)) in self.lex.noun_actor - {"_"} - self.lex.marks:
            return False  # "Cole's lawyer said", "Erdoğan'ın danışmanı": the name qualifies the speaker
        if start <= speaker.start and speaker.end <= end:
            head = [fold(w) for w in _WORD.findall(self.text[start:speaker.start])]
            titled = not head or any(" ".join(head[i:j]) in self.roles for i in range(len(head))
                                     for j in range(i + 1, len(head) + 1)) \
                and not any(w in self.stop and w not in self.lex.determiners for w in head)
            return titled and not _WORD.search(self.text[speaker.end:end])  # not "the Lisbon city council"
        words = key_of(quote.speaker_text or "").split()
        role = next((self.roles[" ".join(words[i:j])] for i in range(len(words)) for j in range(len(words), i, -1)
                     if " ".join(words[i:j]) in self.roles), None)
        single = words[0] if len(words) == 1 else None
        if role is None and single not in self.lex.pronouns and single not in self.saying:
            return False  # "the report says", "according to official sources", "they said"
        found = self._antecedent(start, role=role, subject_only=False)
        if found is not None:
            return self.mentions[found].entity_id == speaker.entity_id
        return previous is not None and previous.actor_entity_id == speaker.entity_id and not any(
            previous.end <= m.start < start and m.type == "PER" and m.entity_id != speaker.entity_id
            and not self.quoted[self.first[k]] for k, m in enumerate(self.mentions))

    # ---- arguments of verbs --------------------------------------------------------------

    def _verb_args(self, m: _Match) -> tuple[int | None, int | None] | None:
        cue, lex = m.cue, self.lex
        lo, hi = self.lo[m.first], m.stop
        if lex.verb_final or cue.final or self._clause_final(m, hi):
            return self._final_args(m, lo, hi)
        slot = self._left_slot(m.first, lo)
        if slot.kind == "blocked":
            return None
        if slot.passive:
            if slot.kind != "mention" or not lex.agents:
                return None
            return self._next_chunk(m.last, hi, lex.agents, ACTOR_TYPES[cue.action]), slot.at
        actor, anchor = None, m.last
        if slot.kind == "mention":
            actor = slot.at
        elif slot.kind in ("pronoun", "role"):
            actor = self._antecedent(self.tokens[slot.at].start, role=slot.role)
            if actor is None:
                return None
        elif lex.verb_first and (slot.kind == "none" or not self.speech_lex.subject_first):
            actor = self._next_chunk(m.last, hi, frozenset({"_"}), ACTOR_TYPES[cue.action], subject=True)
            if actor is not None:
                anchor = self.last[actor]
        if actor is None and slot.kind == "none" and self.speech_lex.drops_subject and self._opens_clause(m.first, lo):
            actor = self._antecedent(self.tokens[m.first].start)
        if actor is None:
            return None
        if cue.suffixed:  # التقاه: "met him"
            exclude = {self.mentions[actor].entity_id}
            return actor, self._antecedent(self.tokens[m.first].start, exclude=exclude)
        target = self._next_chunk(anchor, hi, cue.marks, cue.targets, genitive=self._genitive(cue))
        if target is None and slot.coordinated is not None and cue.action in MUTUAL:
            return slot.coordinated, actor
        return actor, target

    def _left_slot(self, first: int, lo: int) -> _Slot:
        """The subject position before a verb, across auxiliaries and adverbs ("has also", "a")."""
        j, group = first - 1, []
        while j >= lo and not self.hard[j] and self.owner[j] is None:
            key = self.tokens[j].key
            if key in self.lex.before:
                return _Slot("blocked")
            if not (key in self.aux or self._dated(j) or (self.lang == "en" and key.endswith("ly") and len(key) > 4)):
                break
            group.append(key)
            j -= 1
        if any(self.tokens[i].key in self.lex.conditionals for i in range(lo, first)):
            return _Slot("blocked")
        passive = bool(set(group) & self.lex.passive) and not set(group) & self.lex.reflexives
        if j < lo or self.hard[j]:
            return _Slot("none", passive=passive)
        o = self.owner[j]
        if o is None and self.comma[j]:
            o = self._apposition(j, lo)
        if o is not None:
            start, mark = self._chunk(o, False)
            if mark == "_" and not self._modifier(o):
                return _Slot("mention", o, passive=passive)
            if mark in self.lex.conj:
                before = self.owner[start - 1] if start > lo else None
                return _Slot("mention", o, passive=passive, coordinated=before)
            return _Slot("none", passive=passive)  # "in Ankara met ...": a fronted place
        key = self.tokens[j].key
        if key in self.lex.pronouns:
            return _Slot("pronoun", j, passive=passive)
        role = self._role_np(j, lo)
        if role is not None:
            return _Slot("role", j, role=role, passive=passive)
        fronted = key in self.stop or self._dated(j)
        return _Slot("none" if fronted else "word", passive=passive)

    def _apposition(self, j: int, lo: int) -> int | None:
        """"Gantz, Israel's defence minister, met": the name before a comma-closed apposition ending at j."""
        for k in range(j, max(lo, j - MAX_NP_WORDS), -1):
            if self.hard[k - 1]:
                return None
            o, key = self.owner[k], self.tokens[k].key
            if (o is not None and self.mentions[o].type != "LOC") or (
                    key in self.stop and key not in self.lex.determiners):
                return None
            if self.comma[k - 1]:
                before = self.owner[k - 1]
                return before if before is not None and self.mentions[before].type != "LOC" else None
        return None

    def _final_args(self, m: _Match, lo: int, hi: int) -> tuple[int | None, int | None] | None:
        """Verb-final clauses (Turkish, Persian, German participles and subordinate clauses): the
        first unmarked mention is the actor, the marked one nearest the verb the target. A German
        verb-final clause starts after the last comma ("..., weil er X angegriffen hatte")."""
        cue = m.cue
        if self.lex.verb_second:
            lo = max([j + 1 for j in range(lo, m.first) if self.comma[j]], default=lo)
        if any(self.tokens[i].key in self.lex.conditionals for i in range(lo, m.first)):
            return None
        passive = any(self.tokens[i].key in self.lex.passive for i in range(lo, hi + 1))
        genitive = self._genitive(cue)
        actor = target = None
        for k in range(len(self.mentions)):
            if self.first[k] < lo or self.last[k] >= m.first or self.quoted[self.first[k]]:
                continue
            _, mark = self._chunk(k, genitive)
            mention = self.mentions[k]
            if passive:
                if mark in self.lex.agents:
                    actor = k
                elif mark == "_" and target is None:
                    target = k
            elif actor is None and mark == "_" and mention.type in ACTOR_TYPES[cue.action] and not self._modifier(k) \
                    and self._titled(k):
                actor = k
            elif actor is not None and mark in cue.marks and mention.type in cue.targets and not self._modifier(k):
                target = k
        if passive and not self.lex.agents:
            return None
        if actor is None and not passive and self.speech_lex.drops_subject and target is not None:
            actor = self._antecedent(self.tokens[m.first].start, exclude={self.mentions[target].entity_id})
        return actor, target

    def _clause_final(self, m: _Match, hi: int) -> bool:
        """A German finite verb closing its clause ("..., dass Gantz Erdogan traf")."""
        return self.lex.verb_second and all(self.tokens[j].key in self.aux for j in range(m.last + 1, hi + 1))

    def _opens_clause(self, first: int, lo: int) -> bool:
        """Only function words before the verb in its clause: a subject dropped, carried over."""
        return all(self.owner[j] is None and (self.tokens[j].key in self.aux or self.tokens[j].key in self.stop)
                   for j in range(lo, first))

    def _genitive(self, cue: Cue) -> bool:
        return cue.action in GENITIVE_TARGETS

    # ---- arguments of nouns --------------------------------------------------------------

    def _noun_args(self, m: _Match) -> tuple[int | None, int | None] | None:
        """"the meeting between X and Y", "X's visit to Y", "زيارة X إلى Y", "قام X بزيارة إلى Y"."""
        cue, lex = m.cue, self.lex
        lo, hi = self.lo[m.first], m.stop
        types = ACTOR_TYPES[cue.action]
        first = self._next_chunk(m.last, hi, lex.between, types, max_free=MAX_NOUN_ACTOR_FREE)
        if first is not None:
            return first, self._next_chunk(self.last[first], hi, lex.conj, cue.targets, max_free=0)
        actor, anchor = None, m.last
        if cue.suffixed or (m.first > lo and self.tokens[m.first - 1].key in lex.possessives):
            actor = self._antecedent(self.tokens[m.first].start)
        else:
            after = frozenset(w for w in lex.noun_actor if not w.startswith("-"))
            actor = self._next_chunk(m.last, hi, after, types, max_free=MAX_NOUN_ACTOR_FREE, subject=True)
            if actor is not None:
                anchor = self.last[actor]
            else:
                actor = self._possessor(m.first, lo)
                if actor is None:
                    actor = self._light_subject(m.first, lo, types)
        if actor is None:
            return None
        if lex.postpositional:  # "Roche'un Türkiye ziyareti": the target between the actor and the noun
            between = range(bisect.bisect_right(self.first, self.last[actor]), len(self.mentions))
            before = [k for k in between if self.last[k] < m.first and self._chunk(k, False)[1] in cue.marks]
            return actor, before[-1] if before else None
        return actor, self._next_chunk(anchor, hi, cue.marks, cue.targets, genitive=self._genitive(cue))

    def _possessor(self, first: int, lo: int) -> int | None:
        """"Gantz's visit", "Gantz'ın (Türkiye) ziyareti": a genitive suffix on a name just before."""
        for k in range(len(self.mentions) - 1, -1, -1):
            if self.last[k] >= first:
                continue
            if self.first[k] < lo or first - self.last[k] > 4:
                return None
            mark = self._post_mark(k)
            if mark is not None and mark in self.lex.noun_actor:
                return k
        return None

    def _light_subject(self, first: int, lo: int, types: frozenset[str]) -> int | None:
        """The subject of a light verb governing the noun: "paid a visit", "قام بزيارة", "بدأ X زيارة"."""
        for j in range(first - 1, max(lo, first - LIGHT_VERB_REACH) - 1, -1):
            if self.tokens[j].key not in self.lex.light_verbs or self.owner[j] is not None:
                continue
            slot = self._left_slot(j, lo)
            if slot.kind == "mention":
                return slot.at
            if slot.kind in ("pronoun", "role"):
                return self._antecedent(self.tokens[slot.at].start, role=slot.role)
            if self.lex.verb_first and slot.kind != "blocked":
                actor = self._next_chunk(j, first - 1, frozenset({"_"}), types, subject=True)
                if actor is not None:
                    return actor
            if slot.kind == "none" and self.speech_lex.drops_subject and self._opens_clause(j, lo):
                return self._antecedent(self.tokens[j].start)
            return None
        return None

    # ---- phrases -------------------------------------------------------------------------

    def _next_chunk(self, anchor: int, hi: int, marks: frozenset[str], types: frozenset[str], *,
                    genitive: bool = False, max_free: int = MAX_FREE_WORDS, subject: bool = False) -> int | None:
        """The first mention after token ``anchor`` whose mark is one of ``marks``, across words of no
        phrase and place phrases, but not across another argument, a function word or a role."""
        free, t = 0, anchor + 1
        for k in range(bisect.bisect_right(self.first, anchor), len(self.mentions)):
            if self.last[k] > hi:
                return None
            start, mark = self._chunk(k, genitive)
            for j in range(t, max(t, start)):
                if self._role_start(j):  # "urged the Turkish president to ...": an unnamed argument
                    return None
                key = self.tokens[j].key
                if key in self.aux or key in self.lex.determiners or self._dated(j):
                    continue
                # A preposition (the marks include them) opens an adverbial ("in der Nacht"); other
                # function words ("and", "before", "that") start another phrase.
                if key in self.stop and (key not in self.lex.marks or key in self.lex.conj):
                    return None
                free += 1
            if free > max_free:
                return None
            mention = self.mentions[k]
            if mark in marks and mention.type in types and mention.entity_id and not (
                    subject and (self._modifier(k) or not self._titled(k))):
                return k
            if mention.type != "LOC":
                return None
            t = max(t, self.last[k] + 1)  # a place phrase or a place naming a role ("Turkey's president")
        return None

    def _chunk(self, k: int, genitive: bool) -> tuple[int, str | None]:
        """(first token, mark) of the phrase ending with mention k: the mark is the word or clitic
        that introduces it, "_" when nothing does, None when it is too far to tell."""
        cached = self.chunks.get((k, genitive))
        if cached is None:
            cached = self.chunks[(k, genitive)] = self._scan(k, genitive)
        return cached

    def _scan(self, k: int, genitive: bool) -> tuple[int, str | None]:
        lex = self.lex
        first = self.first[k]
        post = self._post_mark(k) if lex.post_words else None
        if post is not None or lex.postpositional:
            return first, post or "_"
        token = self.tokens[first]
        mention = self.mentions[k]
        if token.key in lex.determiners:  # "Die Deutsche Bahn": the phrase starts here
            return first, "_"
        if mention.start > token.start:  # a clitic written on the name: وإردوغان, בטורקיה
            clitic = self._clitic(fold(self.text[token.start:mention.start]))
            if clitic is not None:
                return first, clitic
        j, words, determined = first - 1, 0, False
        lo = self.lo[first]
        while j >= lo and not self.hard[j]:
            o = self.owner[j]
            if o is not None:
                if not self._modifier(o):
                    break
                words += 1  # a place inside the phrase: "Turkey's president X", "وزير خارجية تركيا X"
                j = self.first[o] - 1
                continue
            key = self.tokens[j].key
            if j in self.cue_tokens or key in lex.light_verbs or (j == first - 1 and self._boundary(j)):
                break
            if len(key) == 1 and key in _CLITIC_LETTERS and self.text[self.tokens[j].end:self.tokens[j + 1].start] \
                    .strip() in ("-", "ـ", "־"):
                return j, key + "-"
            role = self._role_end(j)
            if role:
                j -= role
                words += 1
                continue
            if key in lex.genitives and (genitive or self._title_before(j)):
                j -= 1  # "the leaders of Hamas" (accuse), "le chef de la diplomatie tunisienne, X"
                words += 1
                continue
            if key in lex.marks or key in lex.genitives:
                return j, key
            if key in lex.determiners or key in self.aux or self._dated(j):
                determined = determined or key in lex.determiners
                j -= 1
                continue
            clitic = self._filler_clitic(key)
            if clitic is not None:
                return j, clitic
            if key in self.stop or determined:
                break  # a determiner opened the phrase: "in der Nacht | die Ukraine"
            words += 1
            if words > MAX_NP_WORDS:
                return j, None
            j -= 1
        return j + 1, "_"

    def _boundary(self, j: int) -> bool:
        """In cased scripts a plain lowercase noun right before a name ends another phrase: "в прошлом
        месяце | Лавров"; titles, their adjectives and function words do not ("le président turc X")."""
        text, key = self.text[self.tokens[j].start:self.tokens[j].end], self.tokens[j].key
        return self.lang in CASED and text.islower() and not (
            self._role_end(j) or self._adjective(j) or key in self.lex.counterparts or key in self.stop
            or key in self.lex.marks or key in self.lex.genitives or key in self.lex.determiners or key in self.aux)

    def _title_before(self, j: int) -> bool:
        """A genitive inside a title: "chef de la diplomatie X", "presidente del Gobierno X"."""
        k = j - 1
        while k >= self.lo[j] and self.tokens[k].key in self.lex.determiners:
            k -= 1
        return k >= self.lo[j] and self._role_end(k) > 0

    def _post_mark(self, k: int) -> str | None:
        """A mark after the name: a suffix ("Ankara'da", "Gantz's") or a word ("اسرائیل را", "Erdoğan ile")."""
        end = self.mentions[k].end
        suffix = _SUFFIX.match(self.text, end)
        if suffix:
            return "-" + fold(suffix.group(1))
        nxt = self.last[k] + 1
        if nxt < len(self.tokens) and not self.hard[nxt - 1] and not self.comma[nxt - 1] \
                and self.tokens[nxt].key in self.lex.post_words:
            return "+" + self.tokens[nxt].key
        return None

    def _clitic(self, prefix: str) -> str | None:
        """The mark a clitic prefix makes: "و" a conjunction (و-), "ب"/"وب" a preposition (ب-)."""
        conj = next((c for c in _CONJ_CLITICS.get(self.lang, ()) if prefix.startswith(c)), "")
        rest = prefix[len(conj):]
        if not rest:
            return conj + "-" if conj else None
        return rest[0] + "-" if rest[0] in _PREP_CLITICS.get(self.lang, ()) else None

    def _filler_clitic(self, key: str) -> str | None:
        """Arabic prepositions written on the first word of the phrase: بالعاصمة, للرئيس, بنظيره."""
        if self.lang != "ar":
            return None
        rest = key[1:] if key[:1] in ("و", "ف") else key
        if rest.startswith(("بال", "لل")) or rest.startswith(("بنظير", "لنظير")):
            return rest[0] + "-"
        return None

    def _role_end(self, j: int) -> int:
        """Length of a role phrase ("ministre de la défense") ending at token j, else 0."""
        for n in range(min(self.role_len, j - self.lo[j] + 1), 0, -1):
            if any(self.hard[i] for i in range(j - n + 1, j)):
                continue
            if " ".join(self.tokens[i].key for i in range(j - n + 1, j + 1)) in self.roles:
                return n
        return 0

    def _role_length(self, j: int) -> int:
        """Length of the longest role phrase starting at token j, else 0."""
        if j >= len(self.tokens):
            return 0
        return next((n for n in range(min(self.role_len, self.hi[j] - j + 1), 0, -1)
                     if " ".join(self.tokens[i].key for i in range(j, j + n)) in self.roles), 0)

    def _role_start(self, j: int) -> bool:
        return self._role_length(j) > 0

    def _role_np(self, j: int, lo: int) -> str | None:
        """The role of a noun phrase ending at token j: "le ministre", "الوزير الإسرائيلي", "le président turc"."""
        end = j - 1 if self._adjective(j) and self.tokens[j].key not in self.stop else j
        if end < lo or self.owner[end] is not None:
            return None
        n = self._role_end(end)
        return self.roles[" ".join(self.tokens[i].key for i in range(end - n + 1, end + 1))] if n else None

    def _modifier(self, k: int) -> bool:
        """A place naming a role: "İsrail Savunma Bakanı X", "Turkey's president X", "وزير دفاع اسرائیل، X"."""
        if self.mentions[k].type != "LOC":
            return False
        lo, hi = self.lo[self.first[k]], self.hi[self.first[k]]
        nxt = self.last[k] + 1
        if nxt <= hi and self.tokens[nxt].key == "s":
            nxt += 1  # "Turkey's president"
        if nxt <= hi and self._role_start(nxt):
            return True
        after_role = any(j >= lo and self._role_end(j) for j in (self.first[k] - 1, self.first[k] - 2))
        return after_role and nxt <= hi and self.owner[nxt] is not None

    # ---- people, places and dates --------------------------------------------------------

    def _antecedent(self, position: int, role: str | None = None, exclude: set[str | None] | None = None,
                    subject_only: bool = True) -> int | None:
        """The person a pronoun, role or dropped subject at ``position`` refers to: the only one (with
        that role) named earlier in its sentence, else in the previous sentence; else None. Without a
        role, a person earlier in the same sentence must be its subject: a name the mention finder
        missed ("Rocha a rencontré Saïed lors de sa visite") would otherwise leave a wrong one."""
        exclude = exclude or set()
        s = self._sentence(position)
        scopes = [(self.sentences[s][0], position, True)] + ([(*self.sentences[s - 1], False)] if s > 0 else [])
        for a, b, same in scopes:
            found: dict[str, int] = {}
            for k, m in enumerate(self.mentions):
                if a <= m.start < b and m.type == "PER" and m.entity_id and m.entity_id not in exclude \
                        and not self.quoted[self.first[k]] and (role is None or (m.role and role in m.role)):
                    found.setdefault(m.entity_id, k)
            if len(found) > 1:
                return None
            if found:
                k = next(iter(found.values()))
                return k if role or not same or not subject_only or self._opens_sentence(k) else None
        return None

    def _titled(self, k: int) -> bool:
        """Only titles stand before mention k in its phrase ("وزير الدفاع الإسرائيلي X", "the Turkish
        president X"), not a noun it qualifies ("دعا الطالب المقيم في عمان": the student)."""
        start, _ = self._chunk(k, False)
        return self._only_titles(start, self.first[k])

    def _only_titles(self, j: int, end: int) -> bool:
        """Tokens j..end-1 are titles, their adjectives, places naming them and function words."""
        while j < end:
            o, key = self.owner[j], self.tokens[j].key
            if o is not None and not self._modifier(o):
                return False
            if o is not None:
                j = self.last[o] + 1
            elif self._role_length(j):
                j += self._role_length(j)
            elif key in self.aux or key in self.stop or key in self.lex.determiners or key in self.lex.counterparts \
                    or self._adjective(j) or key in self.lex.marks or key in self.lex.genitives:
                j += 1
            else:
                return False
        return True

    def _opens_sentence(self, k: int) -> bool:
        """Mention k is its sentence's subject: only function words and its titles come before it
        ("وكان وزير المالية الإسرائيلي، X", "Israeli Defense Minister X"), no verb or other noun."""
        sentence_start = self.sentences[self._sentence(self.mentions[k].start)][0]
        return self._only_titles(bisect.bisect_left(self.starts, sentence_start), self.first[k])

    def _adjective(self, j: int) -> bool:
        """A nationality or similar adjective of a title: الإسرائيلي, הטורקי, "Israeli (Minister)",
        "(ministre) turc"."""
        key, text = self.tokens[j].key, self.text[self.tokens[j].start:self.tokens[j].end]
        if self.lang == "ar":
            return key.startswith("ال") and key.endswith(AR_SKIP_SUFFIXES)
        if self.lang == "he":
            return key.startswith("ה") and key.endswith(("י", "ית"))
        if text[:1].isupper():
            return self._role_length(j + 1) > 0
        return j > 0 and self._role_end(j - 1) > 0

    def _place(self, match: _Match, target: int | None, exclude: set[str | None]) -> Mention | None:
        """A place mention introduced by a place mark near the cue in its clause, with no other cue
        between them: the first after the cue (or its target), else the last before it."""
        after_args = max(match.last, self.last[target] if target is not None else match.last)
        lo = max(self.lo[match.first], match.first - PLACE_REACH)
        hi = min(self.hi[match.first], after_args + PLACE_REACH)
        # Another cue or a "that"/"which" starts another event's words.
        others = sorted(j for j in range(lo, hi + 1) if not match.first <= j <= match.last and (
            j in self.cue_tokens or self.tokens[j].key in self.clause_words))
        lo = max([j for j in others if j < match.first], default=lo - 1) + 1
        hi = min([j for j in others if j > match.last], default=hi + 1) - 1
        before = after = None
        for k, m in enumerate(self.mentions):
            if m.type != "LOC" or not m.entity_id or m.entity_id in exclude or self.first[k] < lo or self.last[k] > hi:
                continue
            start, mark = self._chunk(k, True)
            if mark in self.lex.place and (mark not in self.lex.place_adjacent or start == self.first[k] - 1):
                if self.first[k] > match.last:
                    after = after or m
                else:
                    before = m
        return after or before

    def _head_place(self, k: int) -> int:
        """The place a place adjective qualifies: "العاصمة السورية دمشق" -> دمشق."""
        nxt = self.last[k] + 1
        o = self.owner[nxt] if nxt <= self.hi[self.first[k]] else None
        return o if o is not None and o != k and self.mentions[o].type == "LOC" else k

    def _date(self, position: int) -> tuple[str | None, str | None]:
        lo, hi = self.sentences[self._sentence(position)]
        dates = [d for d in self.article.dates if lo <= d.start < hi]
        if dates:
            return min(dates, key=lambda d: abs(d.start - position)).value, "text"
        if self.article.published is not None:
            return self.article.published.date().isoformat(), "published"
        return None, None

    def _unreal(self, match: _Match, lo: int) -> bool:
        """A negated or planned event: "did not meet", "la visite prévue", "traf ... nicht"."""
        if match.cue.kind == "noun":
            window = range(max(lo, match.first - 2), min(self.hi[match.first], match.last + 2) + 1)
            if any(self.tokens[j].key in self.lex.unreal for j in window):
                return True
        elif match.first > lo and self.tokens[match.first - 1].key in self.noun_before:
            return True  # "la visite", "the attacks", "después de la firma": a noun, not the verb
        return any(self.tokens[j].key in self.lex.negations_after for j in range(lo, self.hi[match.first] + 1))


def _weak(mention: Mention) -> bool:
    """A one-word name found by its capital, the corpus or a verb of saying alone: on SemEval dev
    articles most such speakers were common words or a part of a longer name."""
    cue = mention.cue or ""
    return len(_WORD.findall(mention.text)) == 1 and (cue in ("capitalised", "corpus") or cue.startswith("saying:"))
