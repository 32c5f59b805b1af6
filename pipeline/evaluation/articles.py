"""Gold articles read the way the pipeline reads its inputs, for the eval commands."""

from __future__ import annotations

import datetime as dt
import json

from newsbeam.transforms.clean import clean_article
from newsbeam.transforms.formats import parse_json, parse_text
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
