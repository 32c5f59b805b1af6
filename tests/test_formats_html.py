"""HTML pages: main text without page furniture, metadata, and every kind of date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.html import parse_html
from tests.conftest import INGESTED

FIXTURES = Path(__file__).parent / "fixtures" / "html"
UTC = dt.timezone.utc


def _page(name: str):
    return parse_html(f"/in/{name}", (FIXTURES / name).read_bytes(), INGESTED)


def test_article_paragraphs_kept_and_page_furniture_dropped():
    article = _page("coastal-ledger-flood-walls.html")
    paragraphs = article.raw_body.split("\n\n")
    assert paragraphs[0].startswith("The city council voted on Saturday to spend £40 million")
    assert paragraphs[-1].endswith(
        '"We are pouring concrete against a rising sea," said councillor Dev Patel.'
    )
    assert (
        sum(p.startswith(("The city", '"We cannot', "Engineers", "Opposition")) for p in paragraphs)
        == 4
    )
    for furniture in (
        "Home",
        "Sport",
        "Buy cheap flights",
        "About time!",
        "Waste of money",
        "Privacy policy",
        "All rights reserved",
        "Comments (2)",
    ):
        assert furniture not in article.raw_body
    # the headline is the title, not repeated as the first paragraph
    assert article.title == "Harbour city votes to rebuild its flood walls"
    assert article.extractor == "trafilatura"
    assert article.source_format == "html"


def test_json_ld_metadata_and_original_date():
    article = _page("coastal-ledger-flood-walls.html")
    assert article.url == "https://www.coastal-ledger.co.uk/news/harbour-city-flood-walls"
    assert article.publisher == "The Coastal Ledger"
    assert article.authors == ["Maria Okafor", "Tom Bellamy"]
    # datePublished, not the later dateModified
    assert article.published_at == dt.datetime(2021, 3, 14, 8, 15, tzinfo=UTC)
    assert article.date_source == "html"


def test_meta_published_time_in_utc_and_nav_share_related_newsletter_dropped():
    article = _page("meta-published-time.html")
    assert article.published_at == dt.datetime(2020, 11, 2, 22, 45, tzinfo=UTC)
    assert article.publisher == "Midland Courier"
    assert article.authors == ["Priya Raman"]
    assert article.raw_body.count("\n\n") == 3
    for furniture in ("cookies", "Share on", "Fuel prices", "morning briefing", "Politics"):
        assert furniture not in article.raw_body


def test_time_element_date():
    article = _page("time-element.html")
    assert article.published_at.date() == dt.date(2019, 7, 8)
    assert article.authors == ["Alan Pickles"]
    assert "Log in to comment" not in article.raw_body
    assert "Great news for Hawes" not in article.raw_body
    assert article.raw_body.startswith("The library in Hawes")


def test_date_in_canonical_url():
    article = _page("url-date.html")
    assert article.published_at == dt.datetime(2018, 5, 21, tzinfo=UTC)
    assert article.url == "https://www.rivertown-news.example.org/2018/05/21/swing-bridge-reopens/"
    assert "Most read" not in article.raw_body and "Council tax" not in article.raw_body


_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a long enough report on the harbour council meeting and its vote.</p>"
    for i in range(6)
)


def test_dates_after_ingestion_are_never_taken():
    page = (
        '<html><head><script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2027-02-01T10:00:00Z"}</script></head><body><article><h1>Vote</h1>'
        f'<time datetime="2026-10-01">1 Oct 2026</time>{_PARAGRAPHS}</article></body></html>'
    )
    article = parse_html("/in/f.html", page.encode(), INGESTED)
    assert article.published_at == dt.datetime(2026, 10, 1, tzinfo=UTC)


def test_crawl_date_bounds_the_publication_date():
    page = (
        '<html><head><meta property="article:published_time" content="2024-06-01T00:00:00Z">'
        f"</head><body><article><h1>Vote</h1>{_PARAGRAPHS}</article></body></html>"
    )
    crawled = dt.datetime(2023, 1, 1, tzinfo=UTC)
    article = parse_html("/in/f.html", page.encode(), INGESTED, crawled_at=crawled)
    assert article.published_at is None
    assert article.crawled_at == crawled


def test_page_without_main_text_is_rejected():
    with pytest.raises(RejectedInput) as info:
        parse_html(
            "/in/empty.html", b"<html><head><title>x</title></head><body></body></html>", INGESTED
        )
    assert info.value.kind == "empty"


def test_no_external_entities_and_no_network(monkeypatch, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")

    def no_network(*args, **kwargs):
        raise AssertionError("the HTML reader tried to open a network connection")

    monkeypatch.setattr("socket.socket.connect", no_network)
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<html><head><link rel="canonical" href="http://attacker.example/2020/01/02/x">'
        f'<img src="http://attacker.example/pixel.gif"></head><body><article><h1>T</h1><p>&xxe;</p>'
        f"{_PARAGRAPHS}</article></body></html>"
    )
    article = parse_html("/in/hostile.html", page.encode(), INGESTED)
    assert "TOP-SECRET-CONTENT" not in article.raw_body
    assert "Paragraph 5" in article.raw_body
