"""`newsbeam.annotate`: one article through the pipeline's stages, without Beam.

For notebooks and scripts. The article goes through the very functions the Beam stages
call: read as a JSON record (the JSON-lines reader's field rules, publisher table
included), clean (built-in boilerplate rules: learning a site's own lines needs a
run over many of its articles), annotate (entities, quotes), classify (the shipped
topic model), date. The result holds the rows the pipeline would write for it, with
the types they have in the Parquet files (timestamps in UTC), and the `date` and
`topic` partition columns, as `newsbeam query` shows them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsbeam import __version__
from newsbeam.transforms.annotate import annotate_article
from newsbeam.transforms.clean import clean_article, with_near_copy_signature
from newsbeam.transforms.dataset import schema
from newsbeam.transforms.dates import with_date
from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats import parse_json, with_publisher
from newsbeam.transforms.nlp import DEFAULT_MODEL, load_nlp
from newsbeam.transforms.records import Article
from newsbeam.transforms.topics import DEFAULT_THRESHOLD, classify_article

#: `source_uri` of an article given to `annotate` (rows of a run name their input file).
SOURCE_URI = "python:newsbeam.annotate"


@dataclass(frozen=True)
class Annotation:
    """The rows of one article: `article` (its `articles` row), `entities`, `quotes`;
    each row carries the partition columns `date` (datetime.date) and `topic`."""

    article: dict[str, Any]
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]

    @property
    def topic(self) -> str:
        return str(self.article["topic"])

    @property
    def date(self) -> dt.date:
        return self.article["date"]  # type: ignore[no-any-return]


def annotate(
    text: str,
    *,
    title: str = "",
    url: str | None = None,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    authors: Sequence[str] = (),
    model: str = DEFAULT_MODEL,
    topic_threshold: float = DEFAULT_THRESHOLD,
) -> Annotation:
    """The rows the pipeline writes for one article (see `Annotation`).

    `text` is the body; `published` a date, datetime (naive means UTC) or a string in
    any form the readers accept (ISO 8601, RFC 2822, "March 3, 2019"). Without a
    usable date the article is dated as the pipeline dates it (a dateline, a date in
    the URL) or not at all (`published_at` None, `date` today). Raises `RejectedInput`
    (`newsbeam.transforms.deadletter`; `.kind` is the error kind) where the pipeline
    would write an error row instead: no text, a body that is only boilerplate, too
    long to parse.
    """
    article = _read(text, title, url, published, publisher, authors)
    article = with_near_copy_signature(clean_article(article))
    article = annotate_article(load_nlp(model), article)
    article = with_date(classify_article(article, topic_threshold))
    return _rows(article)


def _read(
    text: str,
    title: str,
    url: str | None,
    published: str | dt.date | None,
    publisher: str | None,
    authors: Sequence[str],
) -> Article:
    record: dict[str, Any] = {"title": title, "text": text, "authors": list(authors)}
    if url:
        record["url"] = url
    if publisher:
        record["publisher"] = publisher
    if isinstance(published, dt.datetime) and published.tzinfo is None:
        published = published.replace(tzinfo=dt.timezone.utc)
    if isinstance(published, dt.date):
        published = published.isoformat()
    if published:
        record["published_at"] = published
    ingested_at = dt.datetime.now(dt.timezone.utc)
    parsed = parse_json(SOURCE_URI, json.dumps(record).encode(), ingested_at)
    if parsed.errors:
        raise RejectedInput(parsed.errors[0].error, parsed.errors[0].message)
    (article,) = parsed.articles
    return with_publisher(article)


def _rows(article: Article) -> Annotation:
    partition = {"date": article.partition_date, "topic": schema.topic_slug(article.topic)}

    def typed(table: str, rows: list[dict]) -> list[dict[str, Any]]:
        return [{**row, **partition} for row in schema.to_table(table, rows).to_pylist()]

    (row,) = typed("articles", [schema.article_row(article, __version__)])
    return Annotation(
        article=row,
        entities=typed("entities", list(schema.entity_rows(article))),
        quotes=typed("quotes", list(schema.quote_rows(article))),
    )
