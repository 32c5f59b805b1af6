"""The schema module: partition values and row conversion."""

from __future__ import annotations

import datetime as dt

import pytest

from newsbeam.transforms.dataset import schema
from newsbeam.transforms.records import Article, ErrorRecord
from tests.conftest import INGESTED


@pytest.mark.parametrize(
    ("topic", "slug"),
    [
        ("politics", "politics"),
        ("economy-business-finance", "economy-business-finance"),
        ("../x", "other"),
        ("a/b", "other"),
        ("Politics", "other"),
        ("", "other"),
        ("x=y", "other"),
    ],
)
def test_topic_slugs_are_safe_folder_names(topic, slug):
    assert schema.topic_slug(topic) == slug


def test_article_partition_uses_publication_date_else_ingestion():
    article = Article("a", "s", INGESTED, topic="sport")
    assert schema.article_partition(article) == "date=2026-11-27/topic=sport"
    dated = Article(
        "a",
        "s",
        INGESTED,
        topic="sport",
        published_at=dt.datetime(2019, 1, 2, tzinfo=dt.timezone.utc),
    )
    assert schema.article_partition(dated) == "date=2019-01-02/topic=sport"
    error = ErrorRecord("s", "read", "binary", "m", INGESTED)
    assert schema.error_partition(error) == "date=2026-11-27"


def test_rows_convert_to_every_table():
    article = Article("a", "s", INGESTED, title="T", text="body")
    table = schema.to_table("articles", [schema.article_row(article, "1.0")])
    assert table.schema == schema.ARTICLES
    assert table.to_pylist()[0]["title"] == "T"
    assert table.to_pylist()[0]["published_at"] is None
    assert schema.to_table("quotes", []).num_rows == 0
