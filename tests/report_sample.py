"""A small hand-made output for the report tests, written by the pipeline's own writer.

Four articles over three days and two topics, two errors, and one article whose title,
speaker and quote are HTML/script injection attempts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq

from newsbeam.transforms.dataset import file_name, row_keys, schema
from newsbeam.transforms.deadletter import ARTICLES, ERRORS
from newsbeam.transforms.records import Article, Entity, ErrorRecord, Mention, Quote, TopicScore
from newsbeam.transforms.write import WriteTables
from tests.conftest import local_test_pipeline

EVIL_TITLE = "</script><script>window.pwned = 'title'</script>"
EVIL_SPEAKER = "Evil</script><script>window.pwned = 'speaker'</script>"
EVIL_QUOTE = "<img src=x onerror=\"window.pwned='quote'\">"


def _day(day: int) -> dt.datetime:
    return dt.datetime(2019, 4, day, 9, 0, tzinfo=dt.timezone.utc)


def _entity(text: str, name: str, label: str, word: str) -> Entity:
    """`name`, mentioned wherever `word` occurs in `text`."""
    mentions = [Mention(word, m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
    return Entity(f"e-{word}", name, label, len(mentions), 0.5, mentions)


def _quote(text: str, quote_id: str, said: str, kind: str, speaker: str | None) -> Quote:
    start = text.index(said)
    kind_of_source = "person" if speaker else "none"
    return Quote(
        quote_id, said, start, start + len(said), kind, speaker, speaker_type=kind_of_source
    )


def _article(article_id: str, day: int, topic: str, title: str, text: str, entities, quotes):
    return Article(
        article_id=article_id,
        source_uri=f"/in/{article_id}.txt",
        ingested_at=_day(27),
        title=title,
        text=text,
        published_at=_day(day),
        date_source="metadata",
        topic=topic,
        topics=[TopicScore(topic, 0.9)],
        entities=entities,
        quotes=quotes,
    )


T1 = "Weiss said “Moscow waits.” Weiss added that the Kremlin is patient. Weiss spoke."
T2 = "Frolov said “Putin bets on Trump.” Weiss agreed. Someone said “no comment.”"
T3 = "Weiss said “the match in Moscow was a long and very political one, as always.”"
T4 = f"Evil said “{EVIL_QUOTE}”"

ARTICLES_SAMPLE = [
    _article(
        "a1",
        12,
        "politics",
        "Weiss on Moscow",
        T1,
        [
            _entity(T1, "Andrew Weiss", "PERSON", "Weiss"),
            _entity(T1, "Kremlin", "ORG", "Kremlin"),
            _entity(T1, "Moscow", "GPE", "Moscow"),
        ],
        [
            _quote(T1, "q1", "Moscow waits.", "direct", "Andrew Weiss"),
            _quote(T1, "q2", "the Kremlin is patient", "indirect", "Andrew Weiss"),
        ],
    ),
    _article(
        "a2",
        13,
        "politics",
        "Frolov on Putin",
        T2,
        [
            _entity(T2, "Vladimir Frolov", "PERSON", "Frolov"),
            _entity(T2, "Andrew Weiss", "PERSON", "Weiss"),
        ],
        [
            _quote(T2, "q1", "Putin bets on Trump.", "direct", "Vladimir Frolov"),
            _quote(T2, "q2", "no comment.", "direct", None),
        ],
    ),
    _article(
        "a3",
        20,
        "sport",
        "Weiss on sport",
        T3,
        [_entity(T3, "Andrew Weiss", "PERSON", "Weiss"), _entity(T3, "Moscow", "GPE", "Moscow")],
        [
            _quote(
                T3,
                "q1",
                "the match in Moscow was a long and very political one, as always.",
                "direct",
                "Andrew Weiss",
            )
        ],
    ),
    _article(
        "a4",
        13,
        "sport",
        EVIL_TITLE,
        T4,
        [_entity(T4, EVIL_SPEAKER, "PERSON", "Evil")],
        [_quote(T4, "q1", EVIL_QUOTE, "direct", EVIL_SPEAKER)],
    ),
]

ERRORS_SAMPLE = [
    ErrorRecord("/in/bad.bin", "read", "binary", "contains NUL bytes", _day(12)),
    ErrorRecord("/in/dup.txt", "read", "duplicate", "same article as /in/a1.txt", _day(20)),
]


def write_sample_output(output: Path) -> Path:
    return write_articles(output, ARTICLES_SAMPLE, ERRORS_SAMPLE)


def write_articles(output: Path, articles: list[Article], errors=()) -> Path:
    """`articles` and `errors` written by the pipeline's writer into `output`."""
    with local_test_pipeline() as p:
        tables = {
            ARTICLES: p | "Articles" >> beam.Create(articles),
            ERRORS: p | "Errors" >> beam.Create(list(errors)),
        }
        tables | WriteTables(str(output), "upsert", "test")
    return output


def write_articles_fast(output: Path, articles: list[Article]) -> Path:
    """`articles` as the writer lays them out (its rows, partitions and file names),
    written without Beam: thousands in seconds where a local pipeline takes minutes."""
    rows: dict[tuple[str, str], list[dict]] = {}
    for article in articles:
        partition = schema.article_partition(article)
        rows.setdefault(("articles", partition), []).append(schema.article_row(article, "test"))
        rows.setdefault(("entities", partition), []).extend(schema.entity_rows(article))
        rows.setdefault(("quotes", partition), []).extend(schema.quote_rows(article))
    for (table, partition), table_rows in rows.items():
        if table_rows:
            data = schema.to_table(table, table_rows)
            path = output / table / partition / file_name(table, row_keys(table, data))
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(data, path)
    return output


TOPICS = (
    "arts-culture-entertainment-media crime-law-justice disaster-accident-emergency "
    "economy-business-finance education environment health human-interest labour "
    "lifestyle-leisure politics religion science-technology society sport "
    "conflict-war-peace weather"
).split()


def large_articles(count: int = 5000, undated_every: int = 12) -> list[Article]:
    """`count` articles over three years (a day a week from 2019 to 2021, four topics a
    week, every topic over the run), 400 people with names of every length, 60
    organisations, 80 places; every `undated_every`-th article has no publication date.
    Deterministic: article i is made from i alone. (Fewer days and topics than a real
    run: each is a folder, and writing 15,000 files took the test half a minute.)"""
    people = [f"Person{i} " + "Longname" * (1 + i % 4) + f" {i}" for i in range(400)]
    orgs = [f"Organisation Number {i} of the Very Long Names" for i in range(60)]
    places = [f"Place{i}" for i in range(80)]
    first = dt.datetime(2019, 1, 1, 9, 0, tzinfo=dt.timezone.utc)
    articles = []
    for i in range(count):
        person, other = people[(i * 7) % 400], people[(i * 13 + 5) % 400]
        org, place = orgs[(i * 3) % 60], places[(i * 11) % 80]
        text = f"{person} said “{place} matters.” {other} met {org} in {place}."
        entities = [
            _entity(text, person, "PERSON", person),
            _entity(text, other, "PERSON", other),
            _entity(text, org, "ORG", org),
            _entity(text, place, "GPE", place),
        ]
        quote = _quote(text, "q1", f"{place} matters.", "direct", person)
        week = i % 156
        topic = TOPICS[(week + (i // 156 % 4) * 4) % len(TOPICS)]
        article = _article(f"big{i}", 1, topic, f"Story {i}", text, entities, [quote])
        published = first + dt.timedelta(days=7 * week)
        if i % undated_every == 0:
            article = replace(article, published_at=None, date_source="ingested")
        else:
            article = replace(article, published_at=published)
        articles.append(article)
    return articles
