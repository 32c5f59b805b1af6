"""The Parquet tables: their pyarrow schemas, partition layout and row conversion.

This is the only module that knows column names and types. Partition columns
(`date`, `topic`) are not stored in the files: they live in the Hive-style folder
names (`date=2019-04-12/topic=politics/`) where DuckDB and pyarrow read them back
with `hive_partitioning=true`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import asdict

import pyarrow as pa

from newsbeam.transforms.records import Article, ErrorRecord

#: Bumped whenever a column is added, removed or changes meaning.
SCHEMA_VERSION = "3"

_TIMESTAMP = pa.timestamp("us", tz="UTC")
_SPAN = pa.struct([("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())])

ARTICLES = pa.schema(
    [
        ("article_id", pa.string()),
        ("source_uri", pa.string()),
        ("locator", pa.string()),
        ("source_format", pa.string()),
        ("extractor", pa.string()),
        ("encoding", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("publisher", pa.string()),
        ("url", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("published_at", _TIMESTAMP),
        ("date_source", pa.string()),
        ("ingested_at", _TIMESTAMP),
        ("topics", pa.list_(pa.struct([("label", pa.string()), ("score", pa.float32())]))),
        ("language", pa.string()),
        ("word_count", pa.int32()),
        ("entity_count", pa.int32()),
        ("quote_count", pa.int32()),
        ("boilerplate_removed", pa.list_(pa.string())),
        ("pipeline_version", pa.string()),
        ("near_dup_signature", pa.list_(pa.uint32())),
        ("near_dup_bands", pa.list_(pa.string())),
    ]
)

ENTITIES = pa.schema(
    [
        ("article_id", pa.string()),
        ("entity_id", pa.string()),
        ("name", pa.string()),
        ("label", pa.string()),
        ("mention_count", pa.int32()),
        ("salience", pa.float32()),
        ("mentions", pa.list_(_SPAN)),
        ("person_key", pa.string()),
        ("roles", pa.list_(_SPAN)),
        ("affiliation", pa.string()),
        ("gender", pa.string()),
        ("gender_evidence", pa.string()),
    ]
)

QUOTES = pa.schema(
    [
        ("article_id", pa.string()),
        ("quote_id", pa.string()),
        ("text", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("kind", pa.string()),
        ("speaker", pa.string()),
        ("speaker_mention", pa.string()),
        ("speaker_start", pa.int32()),
        ("speaker_end", pa.int32()),
        ("speaker_label", pa.string()),
        ("speaker_type", pa.string()),
        ("speaker_key", pa.string()),
        ("confidence", pa.float32()),
        ("cue", pa.string()),
        ("cue_start", pa.int32()),
        ("cue_end", pa.int32()),
        ("quote_key", pa.string()),
        ("speaker_person_key", pa.string()),
    ]
)

ERRORS = pa.schema(
    [
        ("source_uri", pa.string()),
        ("locator", pa.string()),
        ("stage", pa.string()),
        ("error", pa.string()),
        ("message", pa.string()),
        ("ingested_at", _TIMESTAMP),
    ]
)

#: Table name -> schema, in the order the tables are documented.
TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "entities": ENTITIES,
    "quotes": QUOTES,
    "errors": ERRORS,
}

#: Columns identifying the input record a row came from; the writer's upsert uses them.
SOURCE_KEY = ("source_uri", "locator")

_SLUG_PATTERN = r"[a-z0-9][a-z0-9-]{0,62}"
_SLUG = re.compile(_SLUG_PATTERN)
_PARTITION = re.compile(rf"date=\d{{4}}-\d\d-\d\d(?:/topic={_SLUG_PATTERN})?")


def topic_slug(topic: str) -> str:
    """`topic` if it is safe as a folder name, else "other".

    Partition values come from classifiers and, through them, from input data: they
    must never contain `/`, `..` or `=` that would move a file outside its table.
    """
    return topic if _SLUG.fullmatch(topic) else "other"


def is_safe_partition(partition: str) -> bool:
    """Whether `partition` is a folder this module makes (`date=YYYY-MM-DD[/topic=slug]`).

    The writer checks every folder before it joins it to a path: nothing an input
    contains can then name a folder outside its table.
    """
    return _PARTITION.fullmatch(partition) is not None


def date_partition(day: dt.date) -> str:
    return f"date={day.isoformat()}"


def article_partition(article: Article) -> str:
    """Relative folder of an article's rows in the articles, entities and quotes tables."""
    return f"{date_partition(article.partition_date)}/topic={topic_slug(article.topic)}"


def error_partition(error: ErrorRecord) -> str:
    return date_partition(error.ingested_at.date())


def article_row(article: Article, pipeline_version: str) -> dict:
    return {
        "article_id": article.article_id,
        "source_uri": article.source_uri,
        "locator": article.locator,
        "source_format": article.source_format,
        "extractor": article.extractor,
        "encoding": article.encoding,
        "title": article.title,
        "text": article.text,
        "publisher": article.publisher,
        "url": article.url,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "date_source": article.date_source,
        "ingested_at": article.ingested_at,
        "topics": [{"label": t.label, "score": t.score} for t in article.topics],
        "language": article.language,
        "word_count": article.word_count,
        "entity_count": len(article.entities),
        "quote_count": len(article.quotes),
        "boilerplate_removed": list(article.boilerplate_removed),
        "pipeline_version": pipeline_version,
        "near_dup_signature": list(article.near_dup_signature),
        "near_dup_bands": list(article.near_dup_bands),
    }


def entity_rows(article: Article) -> Iterator[dict]:
    for entity in article.entities:
        row = asdict(entity)
        row["article_id"] = article.article_id
        yield row


def quote_rows(article: Article) -> Iterator[dict]:
    for quote in article.quotes:
        row = asdict(quote)
        row["article_id"] = article.article_id
        yield row


def error_row(error: ErrorRecord) -> dict:
    return asdict(error)


def to_table(table: str, rows: list[dict]) -> pa.Table:
    """Rows as a pyarrow Table of `table`'s schema (unknown keys are ignored)."""
    schema = TABLES[table]
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)
