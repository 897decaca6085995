"""Quotes: direct quotes in each script's quotation marks and reported speech, with speakers.

``find_quotes(text, lang, mentions)`` works in five steps:

1. pair quotation marks inside each paragraph (« », “ ”, „ “, " ", '' '', ״ ״, a closing ”
   used to open, as in ``قال:” ...”``, and a “ closed by a straight ");
2. split sentences, never inside a quote;
3. attribute each direct quote from the words around it: a verb of saying right after it
   (”, said X / », a déclaré X / “…” dedi), right before it (X said: “ / وقال إنه “), earlier
   in its sentence (then the quote is part of reported speech), the subject of a sentence that
   opens it with a colon, or else it continues the previous quote; a quote that only ends its
   clause ('X is "Y," said Z') makes the clause a mixed quote;
4. find reported speech: a verb of saying or belief with a complement clause (said that /
   believes / a déclaré que / قال إن / אמר כי), a parenthetical "A, X said, B." (both parts),
   "as X said", "according to X" (selon / laut / بحسب), the object of a verb or noun of stance
   ("called for X", "questions about X", "the notion that X"), a headline "Source: …", and
   German main clauses in Konjunktiv I ("Die Lage sei ruhig."), which continue the last speaker;
5. resolve each local speaker (a name, a role such as "the minister", a pronoun, or for
   pro-drop languages the verb itself) to a PER/ORG mention: the name itself, the nearest
   preceding person with that role, or the last speaker / the nearest preceding subject.

Word lists live in ``speech_verbs.py``; an unknown language gets the English ones, so its
quotation marks are still found.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsweave.records import Mention, Quote
from newsweave.stages.speech_verbs import ABBREVIATIONS, EN, LEXICONS, Lexicon

LOGGER = logging.getLogger(__name__)

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_MARK = re.compile(r"''|``|[“”„\"«»‹›״‚‘]")
_SENTENCE_END = re.compile(r"[.!?؟…]+(?:''|[\"”’»“״])*(?=\s)|\n")
# Closers accepted for each opener; symmetric marks close themselves.
_CLOSERS = {"«": "»", "„": "“”\"", "“": "”\"", "‚": "‘’", "‹": "›", "``": "''", "\"": "\"”״",
            "''": "''", "״": "״\"", "”": "”", "»": "«"}
_SYMMETRIC = frozenset({"\"", "''", "״", "”"})
# A quote with no verb of saying around it must look like speech to be kept: shorter quoted
# words are titles or scare quotes ("the “deplorables”").
MIN_UNATTRIBUTED_WORDS = 4
# An unclosed quote runs to the end of its paragraph (English style for multi-paragraph
# quotes) when it is at least this long.
MIN_OPEN_QUOTE_WORDS = 5
# How far around a quote its attribution may sit, in words.
RIGHT_VERB_WINDOW = 6
LEFT_VERB_WINDOW = 16
NP_MAX_WORDS = 6
# A line "SOURCE: CONTENT" is a headline attribution when SOURCE is this short and names someone.
# 5-fold cross-validation over documents (0-6 tried): 5 in four folds, 4 in one.
COLON_SOURCE_WORDS = 5
# Words between a verb of saying and its complementiser; 5-fold cross-validation over documents
# (4-12 tried) kept 8 in every fold.
COMPLEMENT_WINDOW = 8
# Shortest object of an attitude verb or stance noun kept as reported content ("support [Trump]");
# 5-fold cross-validation over documents (1-4 tried): 1 in every fold.
MIN_OBJECT_WORDS = 1
# A reported clause that is mostly one direct quote is that direct quote.
QUOTE_SHARE_FOR_DIRECT = 0.6
# A quote closed by "…," says X after at least this many words of its sentence is a mixed quote.
# 5-fold cross-validation over the documents of quotes_dev (1-8 tried): 1 in every fold (direct F1;
# overall F1 is flat from 1 to 4).
MIN_MIXED_PREFIX_WORDS = 1
# Shortest first part of "A, X said, B" kept as a quote of its own (annotators mark even "But, he
# added, …"); 5-fold cross-validation over documents (1-5 tried) chose 1 in every fold.
MIN_FIRST_PART_WORDS = 1
_PUNCTUATION = str.maketrans("،؛", ",;")


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    low: str


@dataclass(frozen=True)
class _Speaker:
    start: int
    end: int
    kind: str  # "name" | "role" | "pronoun" | "verb" | "np"
    mention: int | None = None
    role: str | None = None


@dataclass(frozen=True)
class _Direct:
    mark_start: int
    start: int
    end: int
    mark_end: int


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    speaker: _Speaker | None
    continues: bool = False  # an unattributed direct quote: same speaker as the previous one
    attributed: bool = True  # a verb of saying frames it


def find_quotes(text: str, lang: str | None, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct quotes and reported speech in ``text``, each with its local speaker.

    Args:
        text: The article text; offsets index it.
        lang: The article's language code; unknown or None uses the English word lists.
        mentions: The article's PER/ORG/LOC mentions, sorted by start.

    Returns:
        Quotes sorted by start. ``text`` is ``text[start:end]``: the words inside the marks
        for direct quotes, the reported clause for reported speech.
    """
    if not text:
        return []
    finder = _Finder(text, LEXICONS.get(lang or "", EN), mentions)
    found = finder.run()
    quotes = []
    for item, speaker, resolved in finder.resolve(found):
        quotes.append(Quote(
            start=item.start, end=item.end, text=text[item.start:item.end], kind=item.kind, lang=lang,
            speaker_start=speaker.start if speaker else None, speaker_end=speaker.end if speaker else None,
            speaker_text=text[speaker.start:speaker.end] if speaker else None, speaker_mention=resolved))
    LOGGER.debug("found %s quotes (%s direct)", len(quotes), sum(q.kind == "direct" for q in quotes))
    return quotes


class _Finder:
    """One article's tokens, sentences, quotation marks and cues, shared by the steps."""

    def __init__(self, text: str, lex: Lexicon, mentions: Sequence[Mention]) -> None:
        # Arabic-script commas and semicolons read as Latin ones; offsets are unchanged.
        self.text = text.translate(_PUNCTUATION)
        self.lex = lex
        self.mentions = mentions
        self.saying = lex.verbs | lex.cognition
        self.mention_starts = [m.start for m in mentions]
        self.directs = pair_marks(text)
        self.inside = [(d.mark_start, d.mark_end) for d in self.directs]
        self.tokens = [_Token(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        self.token_starts = [t.start for t in self.tokens]
        self.sentences = sentence_spans(text, self.inside)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.verbs = {i for i, t in enumerate(self.tokens) if self._verb_span(t) and not self._quoted(t.start)
                      and not self._in_name(t.start)}
        self.attitudes = {i for i, t in enumerate(self.tokens) if t.low in lex.attitudes and not self._quoted(t.start)
                          and (i == 0 or self.tokens[i - 1].low not in lex.determiners)} - self.verbs
        self.cue_nouns = {i for i, t in enumerate(self.tokens[:-1]) if t.low in lex.cue_nouns
                          and self.tokens[i + 1].low in lex.noun_particles and not self._quoted(t.start)
                          and self.text[t.end:self.tokens[i + 1].start] == " "} - self.verbs - self.attitudes
        self.subjects = self._subject_mentions()

    # ---- steps 3 and 4 -------------------------------------------------------------------

    def run(self) -> list[_Found]:
        used_verbs: set[int] = set()
        directs = [self._attribute(i, d, used_verbs) for i, d in enumerate(self.directs)]
        reported = self._reported(used_verbs)
        return _merge(directs, reported)

    def _attribute(self, index: int, quote: _Direct, used: set[int]) -> _Found:
        """The direct quote with its speaker from the verb after, before, or earlier in its sentence."""
        right = self._right_verb(index, quote)
        left = self._left_verb(index, quote)
        if right is not None and (mixed := self._mixed_start(index, quote)) is not None:
            used.add(right[0])  # 'The answers are "not meeting the demand," says X': one mixed quote
            return _Found(mixed, quote.mark_end, "mixed", right[1])
        for found in (right, left):
            if found is not None:
                verb, speaker = found
                used.add(verb)
                return _Found(quote.start, quote.end, "direct", speaker)
        words = len(_WORD.findall(self.text[quote.start:quote.end]))
        return _Found(quote.start, quote.end, "direct", self._colon_speaker(quote),
                      continues=words >= MIN_UNATTRIBUTED_WORDS, attributed=False)

    def _colon_speaker(self, quote: _Direct) -> _Speaker | None:
        """The subject of a sentence that opens a quote with a colon and no verb of saying
        ("Marx führt dazu aus: „…“", "Schleiden wehrt sich folgendermaßen: „…“")."""
        last = bisect.bisect_left(self.token_starts, quote.mark_start) - 1
        if last < 0 or self.text[self.tokens[last].end:quote.mark_start].strip() != ":":
            return None
        first = bisect.bisect_left(self.token_starts, self._sentence_start(quote.mark_start))
        return self._first_speaker(first, last + 1) if first <= last else None

    def _mixed_start(self, index: int, quote: _Direct) -> int | None:
        """Start of the clause a quote ends, when the quote is only its tail ('X is "Y," said Z')."""
        start = self._clause_start(self._sentence_start(quote.mark_start))
        if index > 0 and self.directs[index - 1].mark_end > start:
            return None
        prefix = self.text[start:quote.mark_start]
        if len(_WORD.findall(prefix)) < MIN_MIXED_PREFIX_WORDS or prefix.rstrip().endswith((":", ",", "—", "-")):
            return None
        return start

    def _right_verb(self, index: int, quote: _Direct) -> tuple[int, _Speaker | None] | None:
        # The sentence the quote ends in: a quote closing with its own period ends it.
        limit = min(self._sentence_end(quote.mark_end - 1), quote.mark_end + 160)
        if index + 1 < len(self.directs):
            limit = min(limit, self.directs[index + 1].mark_start)
        first = bisect.bisect_left(self.token_starts, quote.mark_end)
        gap = self.text[quote.mark_end:self.tokens[first].start] if first < len(self.tokens) else ""
        if set(gap) & set(";:(") or "\n" in gap:
            return None
        for k in range(first, min(first + RIGHT_VERB_WINDOW, len(self.tokens))):
            if self.tokens[k].start >= limit:
                return None
            if self._according_at(k):
                return k, self._np_speaker(self._np_right(k + self._according_at(k) - 1, limit))
            if k not in self.verbs:
                if self.tokens[k].low in self.lex.boundaries:
                    return None
                continue
            between = self._np_left(k, first)
            if between is None and k > first and not self._all_auxiliaries(first, k):
                return None
            speaker = self._np_speaker(between) or self._np_speaker(self._np_right(k, limit))
            if speaker is None and self.lex.verb_final:
                speaker = self._np_speaker(self._sentence_subject(quote.mark_start))
            return k, speaker or self._verb_speaker(k)
        return None

    def _left_verb(self, index: int, quote: _Direct) -> tuple[int, _Speaker | None] | None:
        start = self._sentence_start(quote.mark_start)
        if index > 0:
            start = max(start, self.directs[index - 1].mark_end)
        last = bisect.bisect_left(self.token_starts, quote.mark_start) - 1
        if last < 0 or self.tokens[last].start < start:
            return None
        tail = self.text[self.tokens[last].end:quote.mark_start].strip()
        if tail.replace("ـ", "") not in ("", ":", ",", ":-", ":—", "—", "-", "–", ", —", ", –"):
            return None
        colon = tail.startswith(":")
        for k in range(last, max(last - LEFT_VERB_WINDOW, -1), -1):
            if self.tokens[k].start < start:
                return None
            if k in self.verbs:
                words = len(_WORD.findall(self.text[quote.start:quote.end]))
                if not colon and not self._attribution_tail(k, last, words, tail.startswith(",")):
                    return None
                return k, self._clause_speaker(k, start, quote.mark_start)
            if not colon and last - k >= NP_MAX_WORDS:
                return None
        return None

    def _attribution_tail(self, verb: int, last: int, words: int, comma: bool) -> bool:
        """Whether the words between a verb and an opening mark end with "that" ("said that “",
        "قال جانتس إن “"): other words make the quote part of a reported clause instead."""
        if verb == last:
            return True
        if not self.lex.subject_first and (verb == 0 or self._sentence_start(self.tokens[verb].start)
                                           >= self.tokens[verb - 1].end) and words >= MIN_UNATTRIBUTED_WORDS:
            return True  # a clause-initial verb in a VSO language: "وقال مكتب الوزير في بيان “"
        if comma and self._np_right(verb, self.tokens[last].end) == (verb + 1, last):
            return True  # "„…“, sagte sie, „…“": the verb and its subject between two quotes
        if not self._complementiser(self.tokens[last], last == verb + 1):
            return False
        if not self.lex.subject_first:
            return True  # "وقال جانتس عقب اجتماعين مع ... إنه “"
        return last - verb <= NP_MAX_WORDS and not any(
            _has_punct(self.text[self.tokens[i - 1].end:self.tokens[i].start]) for i in range(verb + 1, last + 1))

    def _reported(self, used: set[int]) -> list[_Found]:
        found: list[_Found] = []
        for k in sorted(self.verbs - used):
            item = self._complement(k) or self._as_clause(k)
            found.extend([item] if item is not None else self._parenthetical(k))
        for k in sorted(self.attitudes | self.cue_nouns):
            item = self._object(k)
            if item is not None:
                found.append(item)
        found.extend(self._according())
        found.extend(self._reported_mood())
        found.extend(self._colon_sources())
        return found

    def _colon_sources(self) -> list[_Found]:
        """Headline attributions: a line opened by a named source and a colon ("Reid: 'Never …'",
        "WikiLeaks: Hillary Clinton flattered …"); what follows the colon is the source's."""
        found = []
        line_start = 0
        for line in self.text.split("\n"):
            colon = line.find(":")
            head = line[:colon]
            if 0 < colon and len(_WORD.findall(head)) <= COLON_SOURCE_WORDS:
                first = bisect.bisect_left(self.mention_starts, line_start)
                last = bisect.bisect_left(self.mention_starts, line_start + colon)
                source = next((i for i in range(first, last) if self.mentions[i].type in ("PER", "ORG")), None)
                start = line_start + colon + 1 + len(line[colon + 1:]) - len(line[colon + 1:].lstrip())
                end = self._clause_end(start, line_start + len(line.rstrip()))
                if source is not None and len(_WORD.findall(self.text[start:end])) >= 2:
                    mention = self.mentions[source]
                    found.append(_Found(start, end, "indirect",
                                        _Speaker(mention.start, mention.end, "name", mention=source)))
            line_start += len(line) + 1
        return found

    def _reported_mood(self) -> list[_Found]:
        """Sentences in a reporting mood ("Die Dienstzeit sei daher verwerflich."): reported speech
        that continues the last speaker's. Sentences with a verb of saying are left to the rules above."""
        found = []
        done: set[int] = set()
        for k, token in enumerate(self.tokens):
            if token.low not in self.lex.reported_mood or self._quoted(token.start):
                continue
            s_start, s_end = self._sentence_bounds(token.start)
            near = {self.tokens[j].low for j in range(max(0, k - 1), min(k + 2, len(self.tokens)))}
            if s_start in done or near & self.lex.first_person:
                continue  # "ich habe": indicative
            first = bisect.bisect_left(self.token_starts, s_start)
            last = bisect.bisect_left(self.token_starts, s_end)
            if any(j in self.verbs or self._according_at(j) for j in range(first, last)):
                continue
            done.add(s_start)
            # The clause of the verb: after the last comma or colon before it ("der Ausspruch
            # Bismarcks, er werde Geld nehmen"), else the whole sentence.
            cut = max(self.text.rfind(c, s_start, token.start) for c in ",:;")
            start = self._clause_start(s_start) if cut < 0 else cut + 1 + len(
                self.text[cut + 1:token.start]) - len(self.text[cut + 1:token.start].lstrip())
            end = self._clause_end(start, s_end)
            if not self._quoted(start) and len(_WORD.findall(self.text[start:end])) >= 3:
                found.append(_Found(start, end, "indirect", None, continues=True, attributed=False))
        return found

    def _complement(self, k: int) -> _Found | None:
        """``X said (that) CLAUSE`` / ``قال X إن CLAUSE`` / ``sagte er, CLAUSE`` (German)."""
        s_start, s_end = self._sentence_bounds(self.tokens[k].start)
        verb = self.tokens[k]
        verb_end = (self._verb_span(verb) or (verb.start, verb.end))[1]
        # "وأضافأن": the complementiser is glued on; the clause starts with it.
        clause_start: int | None = verb_end if verb_end < verb.end else None
        np_end = k
        if clause_start is None:
            # VSO: the subject and adverbials come between the verb and "إن".
            window = COMPLEMENT_WINDOW if self.lex.subject_first else 2 * COMPLEMENT_WINDOW
            for j in range(k + 1, min(k + 1 + window, len(self.tokens))):
                token = self.tokens[j]
                gap = self.text[self.tokens[j - 1].end:token.start]
                if token.start >= s_end or set(gap) & set(".;:!?") or _MARK.search(gap) and j > k + 1:
                    break
                if self._complementiser(token, j == k + 1) or token.low in self.lex.questions:
                    clause_start, np_end = token.start, j
                    break
            if clause_start is None:
                clause_start = self._bare_clause(k, s_end) or self._after_colon(k, s_end)
        if clause_start is None:
            return None
        end = self._clause_end(clause_start, s_end)
        if len(_WORD.findall(self.text[clause_start:end])) < 2:
            return None
        speaker = self._clause_speaker(k, s_start, clause_start, np_end)
        return _Found(clause_start, end, "indirect", speaker)

    def _object(self, k: int) -> _Found | None:
        """``X called for CONTENT`` / ``X urged Y to CONTENT``: the object of an attitude verb."""
        s_start, s_end = self._sentence_bounds(self.tokens[k].start)
        j = k + 1
        if j < len(self.tokens) and self.tokens[j].low in self.lex.particles:
            j += 1
        if j >= len(self.tokens) or self.tokens[j].start >= s_end \
                or _has_punct(self.text[self.tokens[j - 1].end:self.tokens[j].start]):
            return None
        if self.tokens[j].low in self.lex.boundaries - self.lex.clause_openers - self.lex.complementisers - {"to"}:
            return None  # an adverbial ("spoke at a rally", "called in to a show"), not what is attributed
        start = self.tokens[j].start
        # An object is a phrase, not a clause: it ends at the first comma or dash.
        phrase = re.search(r"\s*(?:[,;(]|\s[-–—]+\s)", self.text[start:s_end])
        end = self._clause_end(start, start + phrase.start() if phrase else s_end)
        if len(_WORD.findall(self.text[start:end])) < MIN_OBJECT_WORDS:
            return None
        first = bisect.bisect_left(self.token_starts, s_start)
        left = self._np_left(k, first)
        speaker = self._np_speaker(left) or self._first_speaker(first, k)
        return _Found(start, end, "indirect", speaker)

    def _after_colon(self, k: int, s_end: int) -> int | None:
        """``erwiderte die Herzogin: Zu allen Zeiten ...``: speech after a colon, without marks."""
        np = self._np_right(k, s_end)
        last = np[1] if np else k
        if last + 1 >= len(self.tokens) or self.tokens[last + 1].start >= s_end:
            return None
        gap = self.text[self.tokens[last].end:self.tokens[last + 1].start]
        return self.tokens[last + 1].start if gap.strip() == ":" else None

    def _bare_clause(self, k: int, s_end: int) -> int | None:
        verb = self.tokens[k]
        if k + 1 >= len(self.tokens) or self.tokens[k + 1].start >= s_end:
            return None
        nxt = self.tokens[k + 1]
        gap = self.text[verb.end:nxt.start]
        if (verb.low in self.lex.bare_complement or verb.low in self.lex.cognition) and gap == " " and (
                nxt.low not in self.lex.boundaries or nxt.low in self.lex.clause_openers):
            return nxt.start
        if self.lex is LEXICONS["de"] and gap.strip() == ",":
            return nxt.start
        return None

    def _as_clause(self, k: int) -> _Found | None:
        """``As X reported, CLAUSE`` / ``CLAUSE, as X said``: the main clause is what X reported."""
        s_start, s_end = self._sentence_bounds(self.tokens[k].start)
        first = bisect.bisect_left(self.token_starts, s_start)
        head = self._np_left(k, first)
        i = (head[0] if head else self._skip_auxiliaries_left(k)) - 1
        if i < first or self.tokens[i].low not in self.lex.as_words:
            return None
        speaker = self._np_speaker(head) or self._np_speaker(self._np_right(k, s_end)) or self._verb_speaker(k)
        if i == bisect.bisect_left(self.token_starts, self._clause_start(s_start)):
            comma = self.text.find(",", self.tokens[k].end, s_end)
            if comma < 0 or len(_WORD.findall(self.text[self.tokens[k].end:comma])) > NP_MAX_WORDS:
                return None
            start = comma + 1 + len(self.text[comma + 1:s_end]) - len(self.text[comma + 1:s_end].lstrip())
            end = self._clause_end(start, s_end)
        elif "," in self.text[self.tokens[i - 1].end:self.tokens[i].start]:
            start, end = self._clause_start(s_start), self.tokens[i - 1].end
        else:
            return None
        if len(_WORD.findall(self.text[start:end])) < 3 or self._quoted(start):
            return None
        return _Found(start, end, "indirect", speaker)

    def _parenthetical(self, k: int) -> list[_Found]:
        """``CLAUSE, X said.`` / ``CLAUSE, said X.`` / ``A, X said, B.`` (A and B: two parts of one
        attribution, as annotators mark them)."""
        s_start, s_end = self._sentence_bounds(self.tokens[k].start)
        head = self._np_left(k, 0)
        before = head[0] if head else self._skip_auxiliaries_left(k)
        if before <= 0 or self.tokens[before - 1].start < s_start:
            return []
        gap = self.text[self.tokens[before - 1].end:self.tokens[before].start].strip()
        exclaimed = gap.rstrip(" -–—").endswith(("!", "?"))  # "Jhr erwartet meine Rückkehr! sagte er"
        if gap not in (",", ", —", ", -", "—", "–", ",—", ", –", "-", "--") and not exclaimed:
            return []
        clause_start = self._clause_start(s_start)
        clause_end = self.tokens[before - 1].end
        after = self._np_right(k, s_end)
        tail_from = self.tokens[after[1]].end if after else self.tokens[k].end
        tail = self.text[tail_from:s_end]
        comma = tail.find(",")
        speaker = self._np_speaker(head) or self._np_speaker(after) or self._verb_speaker(k)
        if comma >= 0 and len(_WORD.findall(tail[:comma])) <= 4 and len(_WORD.findall(tail[comma:])) >= 3:
            start = tail_from + comma + 1
            start += len(self.text[start:s_end]) - len(self.text[start:s_end].lstrip())
            if not self._quoted(start):
                parts = [_Found(start, self._clause_end(start, s_end), "indirect", speaker)]
                if len(_WORD.findall(self.text[clause_start:clause_end])) >= MIN_FIRST_PART_WORDS \
                        and not self._quoted(clause_start):
                    parts.insert(0, _Found(clause_start, clause_end, "indirect", speaker))
                return parts
        if len(_WORD.findall(tail)) > 4 or re.search(r"[,;:]", tail.rstrip(" .!?\n\"”’»")):
            return []
        if len(_WORD.findall(self.text[clause_start:clause_end])) < 3 or self._quoted(clause_end - 1):
            return []
        # Before "!" or "?" the words are unmarked direct speech, the speaker's own.
        return [_Found(clause_start, clause_end, "direct" if exclaimed else "indirect", speaker)]

    def _according(self) -> list[_Found]:
        found = []
        for k, token in enumerate(self.tokens):
            length = self._according_at(k)
            if not length or self._quoted(token.start):
                continue
            s_start, s_end = self._sentence_bounds(token.start)
            source = self._np_right(k + length - 1, s_end)
            if source is None:
                continue
            after_source = self.text[self.tokens[source[1]].end:s_end]
            if self._clause_start(s_start) >= token.start - 1 and after_source.lstrip().startswith(","):
                start = self.tokens[source[1]].end + after_source.index(",") + 1
                start += len(self.text[start:]) - len(self.text[start:].lstrip())
                found.append(_Found(start, self._clause_end(start, s_end), "indirect", self._np_speaker(source)))
            elif self._clause_start(s_start) >= token.start - 1:
                # "Laut Polizei wurde …": the source is its capitalised words and articles.
                last = k + length - 1
                while last + 1 <= source[1] and (self.text[self.tokens[last + 1].start].isupper()
                                                 or self.tokens[last + 1].low in self.lex.determiners):
                    last += 1
                if last > k + length - 1 and last < source[1]:
                    start = self.tokens[last + 1].start
                    found.append(_Found(start, self._clause_end(start, s_end), "indirect",
                                        self._np_speaker((k + length, last))))
            elif k > 0:
                end = self.tokens[k - 1].end
                start = self._clause_start(s_start)
                if len(_WORD.findall(self.text[start:end])) >= 3:
                    found.append(_Found(start, end, "indirect", self._np_speaker(source)))
        for k, token in enumerate(self.tokens):
            if token.low in self.lex.according_after and k > 0 and not self._quoted(token.start):
                s_start, s_end = self._sentence_bounds(token.start)
                source = self._np_left(k, bisect.bisect_left(self.token_starts, s_start))
                start = token.end + len(self.text[token.end:]) - len(self.text[token.end:].lstrip(" ,"))
                if source and start < s_end:
                    found.append(_Found(start, self._clause_end(start, s_end), "indirect",
                                        self._np_speaker(source)))
        return found

    # ---- speakers ------------------------------------------------------------------------

    def _clause_speaker(self, k: int, start: int, stop: int, np_end: int | None = None) -> _Speaker | None:
        """The subject of the verb at ``k``: left of it, or right of it (VSO, inversions)."""
        first = bisect.bisect_left(self.token_starts, start)
        left = self._np_left(k, first)
        right_limit = self.tokens[np_end].start if np_end is not None and np_end > k else stop
        right = self._np_right(k, right_limit)
        order = (left, right) if self.lex.subject_first else (right, left)
        speakers = [s for s in map(self._np_speaker, order) if s is not None]
        # A name, role or pronoun on either side is the subject rather than a bare noun phrase
        # on the preferred side ("sagte leise und klagend", "betont mit Wohlgefallen Gervinus").
        named = [s for s in speakers if s.kind != "np"]
        if speakers:
            return (named or speakers)[0]
        return self._verb_speaker(k) or self._first_speaker(first, k)

    def _first_speaker(self, first: int, k: int) -> _Speaker | None:
        """The sentence's first pronoun or name before the verb: "he supported X and said"."""
        for i in range(first, k):
            if self.tokens[i].low in self.lex.pronouns:
                return _Speaker(self.tokens[i].start, self.tokens[i].end, "pronoun")
            m = bisect.bisect_left(self.mention_starts, self.tokens[i].start)
            if m < len(self.mentions) and self.mentions[m].start == self.tokens[i].start \
                    and self.mentions[m].type in ("PER", "ORG"):
                return _Speaker(self.mentions[m].start, self.mentions[m].end, "name", mention=m)
        return None

    def _verb_speaker(self, k: int) -> _Speaker | None:
        """In pro-drop languages the verb ("وقال", "dedi") stands for its subject."""
        if not self.lex.drops_subject:
            return None
        start, end = self._verb_span(self.tokens[k]) or (self.tokens[k].start, self.tokens[k].end)
        return _Speaker(start, end, "verb")

    def _np_left(self, k: int, first: int) -> tuple[int, int] | None:
        """Token span of the noun phrase ending right before token ``k`` (auxiliaries skipped)."""
        i = self._skip_auxiliaries_left(k) - 1
        if i < first or i < 0 or _has_punct(self.text[self.tokens[i].end:self.tokens[i + 1].start], abbrev=False):
            return None
        end = i
        while i >= first and end - i < NP_MAX_WORDS:
            token = self.tokens[i]
            if token.low in self.lex.boundaries or i in self.verbs or self._quoted(token.start):
                break
            if token.low in self.lex.pronouns:
                if i == end:
                    return i, i
                break
            if i > first and _has_punct(self.text[self.tokens[i - 1].end:token.start], self._abbrev(i - 1)):
                i -= 1
                break
            i -= 1
        start = i + 1
        return (start, end) if start <= end else None

    def _np_right(self, k: int, limit: int) -> tuple[int, int] | None:
        """Token span of the noun phrase right after token ``k`` and before ``limit``."""
        i = k + 1
        start = i
        while i < len(self.tokens) and self.tokens[i].start < limit and i - start < NP_MAX_WORDS:
            token = self.tokens[i]
            if _has_punct(self.text[self.tokens[i - 1].end:token.start], self._abbrev(i - 1)):
                break
            if token.low == "t" and i == start:  # French inversion: "déclare-t-il"
                start = i = i + 1
                continue
            if (token.low in self.lex.boundaries or i in self.verbs or self._complementiser(token, i == start)
                    or self._quoted(token.start)):
                break
            if token.low in self.lex.pronouns:
                if i == start:
                    return i, i
                break
            i += 1
        return (start, i - 1) if i > start else None

    def _np_speaker(self, np: tuple[int, int] | None) -> _Speaker | None:
        if np is None:
            return None
        start, end = self.tokens[np[0]].start, self.tokens[np[1]].end
        best = None
        for index in range(bisect.bisect_left(self.mention_starts, start - 60), len(self.mentions)):
            mention = self.mentions[index]
            if mention.start >= end:
                break
            if mention.end > start and mention.type in ("PER", "ORG") and (
                    best is None or mention.type == "PER" or self.mentions[best].type != "PER"):
                best = index
        if best is not None:
            mention = self.mentions[best]
            return _Speaker(mention.start, mention.end, "name", mention=best)
        words = self.text[start:end]
        if np[0] == np[1] and self.tokens[np[0]].low in self.lex.pronouns:
            return _Speaker(start, end, "pronoun")
        role = _role_in(words.lower(), self.lex)
        if role is not None:
            return _Speaker(start, end, "role", role=role)
        if self.lex.capitalised_nouns and not any(w[0].isupper() for w in _WORD.findall(words)):
            return None
        return _Speaker(start, end, "np")

    def _sentence_subject(self, position: int) -> tuple[int, int] | None:
        """Turkish/Persian: the words from the sentence start to its first comma."""
        first = bisect.bisect_left(self.token_starts, self._sentence_start(position))
        for i in range(first, min(first + NP_MAX_WORDS, len(self.tokens) - 1)):
            if self.tokens[i].start >= position:
                return None
            if "," in self.text[self.tokens[i].end:self.tokens[i + 1].start]:
                return first, i
        return None

    def _subject_mentions(self) -> list[int]:
        """Person mentions that are subjects: first in their sentence, or next to a verb of saying."""
        subjects = []
        seen_sentences: set[int] = set()
        for index, mention in enumerate(self.mentions):
            sentence = bisect.bisect_right(self.sentence_starts, mention.start) - 1
            first_in_sentence = sentence not in seen_sentences
            seen_sentences.add(sentence)
            if mention.type != "PER":
                continue
            t = bisect.bisect_left(self.token_starts, mention.start)
            s_tok = bisect.bisect_left(self.token_starts, self.sentence_starts[sentence]) if sentence >= 0 else 0
            near_verb = any(j in self.verbs for j in range(t - 2, t + 6))
            # "She thanked Mark Young": a pronoun subject makes a later name an object.
            after_pronoun = any(self.tokens[j].low in self.lex.pronouns for j in range(s_tok, t))
            if (first_in_sentence and t - s_tok <= 4 and not after_pronoun) or near_verb:
                subjects.append(index)
        return subjects

    # ---- step 5 --------------------------------------------------------------------------

    def resolve(self, found: list[_Found]) -> list[tuple[_Found, _Speaker | None, int | None]]:
        """Each quote's local speaker and the mention it resolves to, in text order."""
        out: list[tuple[_Found, _Speaker | None, int | None]] = []
        last: tuple[int, _Speaker | None, int | None] | None = None  # (end, speaker, mention)
        for item in sorted(found, key=lambda f: f.start):
            speaker, resolved = item.speaker, None
            if speaker is None and item.continues and last is not None and self._continues(last[0], item.start):
                speaker, resolved = last[1], last[2]
            elif speaker is not None:
                resolved = self._resolve(speaker, last)
            if not item.attributed and not item.continues:
                continue
            out.append((item, speaker, resolved))
            if speaker is not None:
                last = (item.end, speaker, resolved)
        return out

    def _continues(self, previous_end: int, start: int) -> bool:
        """A quote continues the previous one within the same or the next paragraph."""
        return self.text.count("\n\n", previous_end, start) + self.text.count("\n", previous_end, start) <= 3

    def _resolve(self, speaker: _Speaker, last: tuple[int, _Speaker | None, int | None] | None) -> int | None:
        if speaker.kind == "name":
            return speaker.mention
        if speaker.kind == "np":
            return None
        before = bisect.bisect_left(self.mention_starts, speaker.start)
        people = [i for i in range(before - 1, -1, -1) if self.mentions[i].type == "PER"]
        if speaker.kind == "role":
            for i in people:
                role = self.mentions[i].role
                if role and speaker.role and speaker.role in role:
                    return i
            return people[0] if people else None
        subject = next((i for i in reversed(self.subjects) if self.mentions[i].start < speaker.start), None)
        if last is not None and last[2] is not None and (subject is None or self.mentions[subject].start < last[0]):
            return last[2]
        if subject is not None:
            return subject
        return people[0] if people else None

    # ---- small helpers -------------------------------------------------------------------

    def _verb_span(self, token: _Token) -> tuple[int, int] | None:
        """Span of a verb of saying in ``token`` (clitics before it, a glued "أن" after it)."""
        word = token.low
        candidates = [(word, 0)] + [(word[len(p):], len(p)) for p in self.lex.prefixes if word.startswith(p)]
        for stem, offset in candidates:
            if stem in self.saying:
                return token.start, token.end
            for glued in ("أن", "إن"):
                if stem.endswith(glued) and stem[: -len(glued)] in self.saying:
                    return token.start, token.end - len(glued)
        return None

    def _complementiser(self, token: _Token, adjacent: bool) -> bool:
        word = token.low
        if word in self.lex.complementisers:
            return True
        if any(c.endswith("'") and word.startswith((c, c[:-1] + "’"))
               for c in self.lex.complementisers):
            return True
        # Hebrew writes "that" as a prefix: "אמר שהממשלה".
        return adjacent and self.lex is LEXICONS["he"] and word.startswith("ש") and len(word) > 3

    def _according_at(self, k: int) -> int:
        """Number of tokens of an "according to" phrase starting at token ``k`` (0: none)."""
        for phrase in self.lex.according:
            words = phrase.split()
            if k + len(words) <= len(self.tokens) and all(
                    self.tokens[k + i].low == w.replace("’", "'") or self.tokens[k + i].low == w
                    or (i == len(words) - 1 and w.endswith("ل") and self.tokens[k + i].low.startswith("ل"))
                    for i, w in enumerate(words)):
                return len(words) if not phrase.endswith(" ل") else len(words) - 1
        return 0

    def _skip_auxiliaries_left(self, k: int) -> int:
        i = k
        while i > 0 and (self.tokens[i - 1].low in self.lex.auxiliaries
                         or (self.lex is EN and self.tokens[i - 1].low.endswith("ly"))):
            if _has_punct(self.text[self.tokens[i - 1].end:self.tokens[i].start], abbrev=False):
                break
            i -= 1
        return i

    def _all_auxiliaries(self, first: int, k: int) -> bool:
        return self._skip_auxiliaries_left(k) <= first

    def _abbrev(self, i: int) -> bool:
        return self.tokens[i].low in ABBREVIATIONS or len(self.tokens[i].low) == 1

    def _in_name(self, position: int) -> bool:
        """Whether ``position`` is inside a mention after its first word ("United States" says nothing)."""
        i = bisect.bisect_right(self.mention_starts, position) - 1
        return i >= 0 and self.mentions[i].start < position < self.mentions[i].end

    def _quoted(self, position: int) -> bool:
        i = bisect.bisect_right(self.inside, (position, float("inf"))) - 1
        return i >= 0 and self.inside[i][0] <= position < self.inside[i][1]

    def _sentence_bounds(self, position: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def _sentence_start(self, position: int) -> int:
        return self._sentence_bounds(position)[0]

    def _sentence_end(self, position: int) -> int:
        return self._sentence_bounds(position)[1]

    def _clause_start(self, s_start: int) -> int:
        """Sentence start, after a leading dash, bullet or dateline colon."""
        head = self.text[s_start:s_end] if (s_end := self._sentence_end(s_start)) else ""
        match = re.match(r"[\s\-–—•*]*", head)
        return s_start + (match.end() if match else 0)

    def _clause_end(self, start: int, s_end: int) -> int:
        """End of a reported clause: the sentence end, or before what starts another clause
        (", according to", ", X said", ", which", a dash, a colon, ", and" + a new verb)."""
        end = s_end
        comma: int | None = None  # the last comma in the clause so far
        first = bisect.bisect_left(self.token_starts, start)
        for k in range(first + 1, len(self.tokens)):
            token = self.tokens[k]
            if token.start >= end:
                break
            gap = self.text[self.tokens[k - 1].end:token.start]
            if self._quoted(token.start) or _MARK.search(gap):
                continue
            if "," in gap:
                comma = k
            if k in self.verbs and k - 1 > first and self.tokens[k - 1].low in self.lex.coordinators:
                end = self.tokens[k - 2].end  # "that Clinton is … and said that Rubio is …"
                break
            if k in self.verbs and comma is not None and k - comma <= NP_MAX_WORDS:
                # "they were worried, and more than 4 in 10 said …": a new attribution starts
                end = self.tokens[comma - 1].end
                break
            if ("," in gap and (self._according_at(k) or token.low in self.lex.relatives
                                or (k + 1 in self.verbs and token.low in self.lex.pronouns)))\
                    or (token.low in self.lex.coordinators and "," in gap and self._starts_predicate(k + 1)):
                end = self.tokens[k - 1].end
                break
        while end > start and self.text[end - 1] in " \n\t.!?;:,؟":
            end -= 1
        return end

    def _starts_predicate(self, k: int) -> bool:
        """Whether token ``k`` (after "and"/"but") starts a new predicate: a verb, or a subject
        and a verb ("and promised", "and Democrats accused")."""
        for i in (k, k + 1):
            if i >= len(self.tokens):
                return False
            word = self.tokens[i].low
            if i in self.verbs or word in self.lex.finite or (self.lex is EN and word.endswith("ed")):
                return True
            if i == k and not (word in self.lex.pronouns or self.text[self.tokens[i].start].isupper()):
                return False
        return False


def _merge(directs: list[_Found], reported: list[_Found]) -> list[_Found]:
    """Reported clauses and direct quotes that overlap become one: the direct quote when it is most
    of the clause (it takes the clause's speaker), else the clause as a "mixed" quote."""
    kept_reported: list[_Found] = []
    dropped: set[int] = set()
    for clause in sorted(reported, key=lambda f: (f.start, -f.end)):
        if any(c.start <= clause.start and clause.end <= c.end for c in kept_reported):
            continue
        inner = [i for i, d in enumerate(directs) if d.start < clause.end and clause.start < d.end]
        if not inner:
            kept_reported.append(clause)
            continue
        quoted = sum(min(directs[i].end, clause.end) - max(directs[i].start, clause.start) for i in inner)
        if len(inner) == 1 and quoted >= QUOTE_SHARE_FOR_DIRECT * (clause.end - clause.start):
            for i in inner:
                if directs[i].speaker is None:
                    directs[i] = replace(directs[i], speaker=clause.speaker, continues=False, attributed=True)
            continue
        attributed = [i for i in inner if directs[i].attributed]
        if attributed:
            end = min(directs[i].start for i in attributed) - 1
            if end - clause.start > 20:
                kept_reported.append(replace(clause, end=end))
            continue
        dropped.update(inner)
        kept_reported.append(replace(clause, kind="mixed"))
    return [d for i, d in enumerate(directs) if i not in dropped] + kept_reported


def pair_marks(text: str) -> list[_Direct]:
    """Paired quotation marks, paragraph by paragraph."""
    quotes: list[_Direct] = []
    offset = 0
    for paragraph in text.split("\n"):
        quotes.extend(_pair_in_paragraph(paragraph, offset))
        offset += len(paragraph) + 1
    return quotes


def _pair_in_paragraph(paragraph: str, offset: int) -> list[_Direct]:
    quotes = []
    marks = list(_MARK.finditer(paragraph))
    opener: re.Match[str] | None = None
    for i, mark in enumerate(marks):
        sign = mark.group()
        if opener is None:
            if _opens(paragraph, mark, marks[i + 1:]):
                opener = mark
            continue
        if sign in _CLOSERS[opener.group()] and _closes(paragraph, mark, opener):
            quotes.append(_direct(paragraph, opener.start(), opener.end(), mark.start(), mark.end(), offset))
            opener = None
    if opener is not None and len(_WORD.findall(paragraph[opener.end():])) >= MIN_OPEN_QUOTE_WORDS:
        end = len(paragraph.rstrip())
        quotes.append(_direct(paragraph, opener.start(), opener.end(), end, end, offset))
    return [q for q in quotes if q.end > q.start]


def _opens(paragraph: str, mark: re.Match[str], later: list[re.Match[str]]) -> bool:
    sign = mark.group()
    before = paragraph[mark.start() - 1] if mark.start() else " "
    after = paragraph[mark.end()] if mark.end() < len(paragraph) else " "
    if sign in ("»", "‘", "’", "›", "“") and sign not in _CLOSERS:
        return False
    if sign == "»":  # German »…«: only when a « closes it later
        return after.isalnum() and any(m.group() == "«" for m in later)
    if sign == "“":  # English opener, unless it closes a German „ (handled by the caller)
        return not after.isspace()
    if sign == "‘":
        return False
    if sign in _SYMMETRIC:
        if before.isalnum() and after.isalnum():  # Hebrew abbreviations: צה"ל
            return False
        if sign == "”":  # a closing mark used to open: ":” text”", "بـ”text”"
            return (before.isspace() or before in ":(ـ") and any(m.group() == "”" for m in later)
        if sign == "''" and before.isalnum():
            return False
        return not after.isspace() or before in ":"
    return True


def _closes(paragraph: str, mark: re.Match[str], opener: re.Match[str]) -> bool:
    if mark.group() not in _SYMMETRIC:
        return True
    before = paragraph[mark.start() - 1] if mark.start() else " "
    after = paragraph[mark.end()] if mark.end() < len(paragraph) else " "
    if before.isalnum() and after.isalnum() and mark.group() in ("\"", "״"):
        return False  # an abbreviation inside a Hebrew quote
    return not before.isspace() or mark.start() == opener.end()


def _direct(paragraph: str, mark_start: int, start: int, end: int, mark_end: int, offset: int) -> _Direct:
    content = paragraph[start:end]
    lead = len(content) - len(content.lstrip())
    trail = len(content) - len(content.rstrip())
    return _Direct(offset + mark_start, offset + start + lead, offset + end - trail, offset + mark_end)


def sentence_spans(text: str, inside: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans; a boundary inside a quote or after an abbreviation is not one."""
    spans = []
    start = 0
    starts = [s for s, _ in inside]
    for match in _SENTENCE_END.finditer(text):
        cut = match.end()
        i = bisect.bisect_right(starts, match.start()) - 1
        # A period inside a quote ends no sentence, unless the quote closes with it ('… secrecy." In').
        if i >= 0 and inside[i][0] < match.start() < inside[i][1] - 1 and match.end() < inside[i][1] \
                and match.group() != "\n":
            continue
        following = text[cut:cut + 3].lstrip()[:1]
        if match.group() != "\n" and following.islower():
            continue  # "the F.B.I. on Friday", "U.S. officials" are not sentence ends
        if match.group() != "\n" and match.group().startswith("."):
            word = re.search(r"([\w.]+)$", text[max(start, match.start() - 12):match.start()])
            if word and (word.group(1).lower() in ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
                continue
        if cut > start:
            spans.append((start, cut))
            start = cut
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _has_punct(gap: str, abbrev: bool = False) -> bool:
    """Whether the text between two words breaks a noun phrase (a period after "Mr" does not)."""
    stripped = gap.strip()
    if not stripped or stripped in ("-", "'", "’", "ـ") or (gap in ("\"", "״") and not gap.isspace()):
        return False  # inside a word: hyphens, apostrophes, Hebrew gershayim (צה"ל)
    return not (abbrev and stripped == ".")


def _role_in(words: str, lex: Lexicon) -> str | None:
    for word, role in sorted(lex.roles.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(?<!\w)(?:ال|ה|ו)?{re.escape(word)}(?!\w)", words):
            return role
    return None
