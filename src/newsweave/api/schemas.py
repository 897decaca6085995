"""Response and request models: the contract's JSON shapes (CONTRACT.md, newsweave.shapes),
declared so the OpenAPI document says exactly what each endpoint returns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator

T = TypeVar("T")

# Written as the CLI writes it (datetime.isoformat: "+00:00", not pydantic's "Z"), so the API's
# documents equal `--format json` ones.
Timestamp = Annotated[datetime, PlainSerializer(datetime.isoformat, return_type=str, when_used="json"),
                      WithJsonSchema({"type": "string", "format": "date-time"})]

# Bounds of one ingest request: larger loads go through several requests or the CLI.
MAX_ARTICLES = 1000
MAX_URLS = 100
MAX_TEXT_CHARS = 5_000_000


class ErrorOut(BaseModel):
    """Every error, whatever its status."""

    ok: Literal[False] = False
    error: str = Field(description="what went wrong and what to do about it")
    status: int
    errors: list[dict[str, Any]] | None = Field(None, description="each invalid parameter, for status 422")


class Page(BaseModel, Generic[T]):
    total: int = Field(description="items matching the filters, before limit and offset")
    limit: int
    offset: int
    items: list[T]


# ---- articles -------------------------------------------------------------------------------
class ForeignSegment(BaseModel):
    text: str
    lang: str | None
    script: str
    removed: bool


class ArticleOut(BaseModel):
    id: str
    source: str = Field(description="the path or URL the article came from, as given")
    title: str
    lang: str | None
    published: Timestamp | None
    text: str
    event_id: str | None
    duplicate_of: str | None
    outlet: str | None
    url: str | None
    author: str | None
    published_from: str | None = Field(description='"metadata", "text" or null')
    content_hash: str
    foreign_segments: list[ForeignSegment]
    removed_lines: list[str]


class MentionOut(BaseModel):
    start: int
    end: int
    text: str
    type: str = Field(description="PER, ORG or LOC")
    lang: str | None
    cue: str | None
    role: str | None
    entity_id: str | None
    in_title: bool


class ArticleQuote(BaseModel):
    start: int
    end: int
    text: str
    kind: str
    lang: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_text: str | None
    speaker_mention: int | None
    speaker_entity_id: str | None


class DateOut(BaseModel):
    start: int
    end: int
    text: str
    value: str = Field(description="YYYY-MM-DD")
    kind: str


class ActionOut(BaseModel):
    article_id: str
    action: str
    actor_entity_id: str
    actor_text: str
    target_entity_id: str | None
    target_text: str | None
    place_entity_id: str | None
    place_text: str | None
    date: str | None
    date_source: str | None
    sentence: str = Field(description="the evidence")
    start: int
    end: int
    lang: str | None
    cue: str


class ArticleDetail(ArticleOut):
    mentions: list[MentionOut]
    quotes: list[ArticleQuote]
    dates: list[DateOut]
    actions: list[ActionOut]


# ---- events ---------------------------------------------------------------------------------
class EventArticle(BaseModel):
    id: str
    source: str
    title: str
    lang: str | None
    published: Timestamp | None
    syndicated_of: str | None


class EventOut(BaseModel):
    id: str
    title: str
    languages: list[str]
    size: int = Field(description="articles, syndicated copies not counted")
    copies: int = Field(description="syndicated copies")
    closed: bool
    storyline_id: str | None
    first_published: Timestamp | None
    last_published: Timestamp | None
    articles: list[EventArticle]


class EventArticleDetail(EventArticle):
    evidence: dict[str, Any] = Field(description="why the article joined or opened the event")


class EventEntity(BaseModel):
    id: str
    name: str
    type: str
    article_ids: list[str]


class QuoteOut(BaseModel):
    id: str
    article_id: str
    text: str
    lang: str | None
    speaker_entity_id: str | None
    speaker_text: str | None
    kind: str
    start: int
    end: int


class ChangeOut(BaseModel):
    event_id: str
    kind: str = Field(description="opened, merged, absorbed, split, split_from, late_join or storyline")
    at: Timestamp | None
    other_event_id: str | None
    article_ids: list[str]
    reason: dict[str, Any]


class EventDetail(EventOut):
    """`newsweave show EVENT_ID --format json`."""

    articles: list[EventArticleDetail]
    titles: dict[str, str] = Field(description="one title per language")
    entities: list[EventEntity]
    quotes: list[QuoteOut]
    actions: list[ActionOut]
    history: list[ChangeOut]


class SummarySentence(BaseModel):
    text: str
    article_id: str
    lang: str | None
    point_id: str
    in_requested_lang: bool = Field(description="false: no article in the requested language carries this point")


class SummaryOut(BaseModel):
    event_id: str
    lang: str | None
    sentences: list[SummarySentence]


class PointRef(BaseModel):
    point_id: str
    text: str
    lang: str | None
    article_id: str
    support: int
    in_article_lang: bool


class NamedEntity(BaseModel):
    id: str
    name: str


class CoverageQuote(BaseModel):
    text: str
    kind: str
    speaker: str | None
    speaker_entity_id: str | None


class ArticleCoverage(BaseModel):
    article_id: str
    source: str
    outlet: str | None
    lang: str | None
    published: Timestamp | None
    copy_of: str | None
    by_meaning: bool = Field(description="false: language not covered by the embedder, points matched by names "
                                         "and numbers only")
    points: list[str]
    unique: list[PointRef]
    omitted: list[PointRef]
    own_entities: list[NamedEntity]
    missing_entities: list[NamedEntity]
    quotes: list[CoverageQuote]


class Presence(BaseModel):
    article_ids: list[str]
    outlets: list[str | None]
    langs: list[str | None]
    first_published: Timestamp | None
    last_published: Timestamp | None


class OutletPresence(Presence):
    outlet: str | None


class LanguagePresence(Presence):
    lang: str | None


class CoveragePoint(BaseModel):
    id: str
    support: int
    article_ids: list[str]
    langs: list[str]
    text: str
    lang: str | None


class CoverageOut(BaseModel):
    event_id: str
    articles: list[ArticleCoverage]
    outlets: list[OutletPresence]
    languages: list[LanguagePresence]
    points: list[CoveragePoint]


# ---- storylines, entities -------------------------------------------------------------------
class TimelineItem(BaseModel):
    event_id: str
    first_published: Timestamp | None
    title: str


class StorylineOut(BaseModel):
    id: str
    title: str
    event_ids: list[str] = Field(description="in timeline order")
    timeline: list[TimelineItem]


class StorylineDetail(StorylineOut):
    events: list[EventOut] = Field(description="in timeline order")


class Variant(BaseModel):
    text: str
    lang: str
    count: int


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    variants: list[Variant]
    article_ids: list[str]


class LinkEvidence(BaseModel):
    article_id: str
    text: str
    method: str | None
    score: float | None
    context: Any


class DayCount(BaseModel):
    date: date
    mentions: int
    articles: int


class EntityDetail(EntityOut):
    events: list[EventOut]
    quotes: list[QuoteOut] = Field(description="quotes the entity is the speaker of")
    mentions_per_day: list[DayCount] = Field(description="by the publication day of the mentioning article")
    undated_mentions: int = Field(description="mentions in articles without a publication date")
    evidence: list[LinkEvidence] = Field(description="how each mention was linked to the entity")


# ---- search ---------------------------------------------------------------------------------
class SearchHitOut(BaseModel):
    id: str
    title: str
    lang: str | None
    published: Timestamp | None
    source: str
    outlet: str | None
    event_id: str
    score: float = Field(description="text: bm25 (SQLite) or ts_rank (PostgreSQL); semantic: cosine")
    snippet: str


class SearchOut(Page[SearchHitOut]):
    query: str
    mode: Literal["text", "semantic"]


# ---- ingest ---------------------------------------------------------------------------------
class IngestArticle(BaseModel):
    """One article, as a JSONL line of `newsweave ingest` takes it."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, max_length=10_000)
    text: str | None = Field(None, max_length=MAX_TEXT_CHARS, description="clean text; wins over html")
    html: str | None = Field(None, max_length=MAX_TEXT_CHARS, description="a page, main text extracted")
    url: str | None = Field(None, max_length=4000)
    published: datetime | None = Field(None, description="ISO 8601; without a time zone, UTC")
    source: str | None = Field(None, max_length=1000, description="the outlet")
    lang: str | None = Field(None, max_length=16, description="ISO 639-1 where one exists; detected when absent")
    author: str | None = Field(None, max_length=1000)

    @model_validator(mode="after")
    def _has_body(self) -> IngestArticle:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError('an article needs a non-empty "text" or "html"')
        return self


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[IngestArticle] = Field(default_factory=list, max_length=MAX_ARTICLES)
    urls: list[str] = Field(default_factory=list, max_length=MAX_URLS,
                            description="http(s) feed or page URLs; private addresses are refused")
    source_name: str | None = Field(None, max_length=1000,
                                    description="outlet name for every input of the job (replaces theirs)")

    @model_validator(mode="after")
    def _has_input(self) -> IngestRequest:
        if not self.articles and not self.urls:
            raise ValueError('give "articles" or "urls" (or both)')
        for url in self.urls:
            # read_inputs would take anything else for a path on the server.
            if not url.lower().startswith(("http://", "https://")):
                raise ValueError(f"not an http(s) URL: {url[:200]!r}")
        return self


class Failure(BaseModel):
    input: str
    error: str


class Progress(BaseModel):
    done: int = Field(description="inputs read so far")
    total: int | None = Field(description="inputs in all; null while feeds and pages are still being read")


class JobOut(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    created_at: Timestamp
    started_at: Timestamp | None
    finished_at: Timestamp | None
    progress: Progress
    ingested: int
    duplicates: int
    failed: list[Failure] = Field(description="inputs that could not be ingested, one message each")
    article_ids: list[str] = Field(description="articles stored so far")
    error: str | None = Field(description="why the job stopped, when status is failed")
