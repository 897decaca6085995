"""Plain records that flow through the pipeline, from raw input to stored events.

RawDoc (one input document, as read) -> Article (cleaned, typed, embedded) -> Event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class RawDoc:
    """One document as a reader found it, before extraction.

    Exactly one of ``html`` and ``text`` is set. ``source`` is the path or URL as the user
    gave it (with ``#n`` suffixes for items inside a JSONL, feed or WARC file).
    """

    source: str
    html: str | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    author: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Segment:
    """A paragraph of the input text with its own language and script.

    ``removed`` paragraphs were cut by cleaning (site chrome, captions) but are kept here so a
    caption in another language stays visible as evidence.
    """

    text: str
    lang: str | None
    script: str
    foreign: bool  # in another language or script than the article
    removed: bool = False


@dataclass(frozen=True)
class Mention:
    """A name in an article's text: a person, organisation or place (countries are places).

    ``cue`` says why it was found ("role:وزير", "gazetteer:country", "capitalised", "corpus"...);
    ``role`` is the normalised role/title next to it ("minister", "president"...), if any.
    """

    start: int
    end: int
    text: str
    type: str  # "PER" | "ORG" | "LOC"
    lang: str | None = None
    cue: str | None = None
    role: str | None = None
    entity_id: str | None = None  # set by entity resolution
    in_title: bool = False  # offsets index the title, not the text
    in_caption: bool = False  # found in a caption cleaning removed; offsets index that line

    @property
    def in_text(self) -> bool:
        """The offsets index the article's text."""
        return not (self.in_title or self.in_caption)


@dataclass(frozen=True)
class Quote:
    """A direct quote or reported speech, with its speaker.

    ``speaker_start/end/text`` is the local speaker mention (a name, a role such as "the
    minister", or a pronoun); ``speaker_mention`` is the index, in the article's mentions, of the
    named mention it resolves to (through the role or pronoun), or None.
    """

    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect" | "mixed"
    lang: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str | None = None
    speaker_mention: int | None = None
    speaker_entity_id: str | None = None  # set by entity resolution


@dataclass(frozen=True)
class DateMention:
    """A date in the text, anchored to a calendar day ("YYYY-MM-DD")."""

    start: int
    end: int
    text: str
    value: str
    kind: str  # "explicit" | "relative" | "weekday" | "dateline"


@dataclass(frozen=True)
class ActionRecord:
    """One "who did what to whom, where, when", with the sentence that says so.

    ``start``/``end`` index ``article.text`` (the evidence sentence, or two sentences when the
    actor was named in the previous one and referred to by a pronoun); ``cue`` is the verb or
    noun form found ("quote:direct" for say); ``date_source`` is "text" or "published".
    """

    article_id: str
    action: str
    actor_entity_id: str
    actor_text: str
    target_entity_id: str | None
    target_text: str | None
    place_entity_id: str | None
    place_text: str | None
    date: str | None
    sentence: str
    start: int
    end: int
    lang: str | None
    cue: str
    date_source: str | None = None


@dataclass
class Article:
    """A cleaned article, as stored."""

    id: str
    source: str
    title: str
    text: str
    lang: str | None
    content_hash: str
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    published_from: str | None = None  # "metadata" | "text" | None
    segments: list[Segment] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)  # who did what to whom: set after entity resolution
    event_id: str | None = None
    duplicate_of: str | None = None
    syndicated_of: str | None = None  # a near-identical copy (wire story) of this earlier article


@dataclass
class Event:
    """A group of articles about one happening."""

    id: str
    title: str
    size: int
    languages: list[str]
    first_seen: datetime | None
    last_seen: datetime | None
    article_ids: list[str] = field(default_factory=list)
    storyline_id: str | None = None
    copies: int = 0  # syndicated copies among article_ids, not counted in size
    closed: bool = False  # quiet for longer than the quiet period; a late article still joins


@dataclass(frozen=True)
class EventChange:
    """One entry of an event's history: opened, merged (absorbed another), absorbed (into
    another), split (lost articles to a new event), split_from, late_join (after it closed)."""

    event_id: str
    kind: str
    at: datetime
    other_event_id: str | None = None
    article_ids: tuple[str, ...] = ()
    reason: dict = field(default_factory=dict)


@dataclass
class Failure:
    """One input that could not be ingested, with a message a user can act on."""

    input: str
    error: str


@dataclass
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    # Distributed ingest: shards in all, skipped (done by an earlier run), and articles prepared
    # again here because what their worker assumed of the store no longer held.
    shards: dict[str, int] | None = None

    def as_json(self) -> dict:
        document = {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "failed": [{"input": f.input, "error": f.error} for f in self.failed],
        }
        if self.shards is not None:
            document["shards"] = self.shards
        return document
