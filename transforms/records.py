"""Typed records that flow between the pipeline's stages.

One `Article` travels the whole graph; each stage fills its own fields with
`dataclasses.replace`, so a stage's contract is visible in one place. Offsets in
`Mention`, `Quote` and `Entity` are code-point offsets into `Article.text`:
`article.text[start:end]` is the span's value. No spaCy object is ever stored here:
records cross process boundaries and must pickle small.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: Where `Article.published_at` came from; `ingested` means no publication date is known.
DATE_SOURCES = ("metadata", "html", "dateline", "url", "ingested")

#: Quote kinds written to the quotes table.
QUOTE_KINDS = ("direct", "mixed", "indirect")


@dataclass
class Mention:
    """One occurrence of an entity in the article text."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A canonical person, organisation or place of one article, merged from its mentions."""

    entity_id: str
    name: str
    label: str
    mention_count: int
    salience: float
    mentions: list[Mention] = field(default_factory=list)
    #: The person across articles (`matching.person_key`): full names of PERSON entities only.
    person_key: str | None = None
    #: PERSON only: the descriptions the article gives the person (titles, appositives,
    #: "who is" clauses) with offsets, the organisation of the article they name, and the
    #: gender ("female" | "male" | "unknown") with its evidence ("honorific" | "noun" |
    #: "pronoun" | "given_name" | None). See `entities.describe_people`.
    roles: list[Mention] = field(default_factory=list)
    affiliation: str | None = None
    gender: str | None = None
    gender_evidence: str | None = None


@dataclass
class Quote:
    """A statement attributed (or not) to a speaker.

    `text`/`start`/`end` is the quoted or reported content; `speaker` is the canonical
    entity name (None when unknown); `speaker_mention` is the words as written.
    `speaker_type` is "person", "organization", "unnamed" (a described source: "a senior
    official") or "none"; `speaker_key` is shared by the article's rows of one source
    (named or not); `confidence` is the calibrated chance that the row is a speech report
    with the right speaker.
    """

    quote_id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_label: str | None = None
    speaker_type: str = "none"
    speaker_key: str | None = None
    confidence: float = 0.0
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    #: The same statement across articles (`matching.quote_key` of `text`).
    quote_key: str | None = None
    #: `person_key` of the speaker when the speaker is a named person.
    speaker_person_key: str | None = None


@dataclass
class TopicScore:
    label: str
    score: float


@dataclass
class Article:
    """An article on its way through the pipeline.

    Read fills the source fields (`raw_body` is the body as found, before cleaning;
    `locator` says where inside a multi-record file the article was, e.g. "line:12";
    `crawled_at` is when a crawler fetched it, e.g. a WARC-Date);
    clean fills `text`, `boilerplate_removed`, `language`, `word_count` and the
    near-copy signature; annotate fills
    `entities` and `quotes`; classify fills `topics`/`topic`; date fills
    `published_at`/`date_source`.
    """

    article_id: str
    source_uri: str
    ingested_at: dt.datetime
    title: str = ""
    raw_body: str = ""
    locator: str | None = None
    source_format: str = "txt"
    extractor: str | None = None
    encoding: str | None = None
    url: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: dt.datetime | None = None
    date_source: str = "ingested"
    crawled_at: dt.datetime | None = None
    text: str = ""
    boilerplate_removed: list[str] = field(default_factory=list)
    language: str | None = None
    word_count: int = 0
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[TopicScore] = field(default_factory=list)
    topic: str = "other"
    #: MinHash of the cleaned text and its LSH band keys (`matching.near_copy_signature`).
    near_dup_signature: list[int] = field(default_factory=list)
    near_dup_bands: list[str] = field(default_factory=list)

    @property
    def partition_date(self) -> dt.date:
        """The `date=` partition: publication date when known (the day in the offset the
        source stated, see `formats.dates.stated_zone`), else ingestion date."""
        return (self.published_at or self.ingested_at).date()


@dataclass(frozen=True)
class ArticleSketch:
    """What the batch read keeps of an article until the run has seen them all.

    Deduplication and boilerplate learning need every article before the first one can
    be cleaned; holding whole articles across that barrier made a local run's memory
    grow with the corpus, so the batch source keeps this (where the article is, and the
    short lines boilerplate is learned from) and reads the file again afterwards.
    """

    article_id: str
    path: str  # as matched: what opens the file again (`source_uri` is made valid Unicode)
    source_uri: str
    locator: str | None
    ingested_at: dt.datetime
    #: `newsbeam.transforms.boilerplate.publisher_lines` of the article: its (publisher key,
    #: candidate lines), or nothing when its publisher is unknown.
    lines: tuple[tuple[str, frozenset[str]], ...]


@dataclass
class ErrorRecord:
    """A dead-letter row: one input (or one record inside an input) that produced no article."""

    source_uri: str
    stage: str
    error: str
    message: str
    ingested_at: dt.datetime
    locator: str | None = None
