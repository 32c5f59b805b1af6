"""Publishers: from metadata, the URL's registrable domain, or a signature in the text."""

from __future__ import annotations

import pytest

from newsbeam.transforms.formats.publishers import (
    find_publisher,
    normalise_publisher,
    publisher_in_text,
    registrable_domain,
)
from newsbeam.transforms.read import parse_file
from newsbeam.transforms.records import Article
from tests.conftest import INGESTED, SEED


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.nytimes.com/2021/01/06/us/politics/x.html", "nytimes.com"),
        ("https://www.bbc.co.uk/news/uk-123", "bbc.co.uk"),
        ("http://news.yahoo.com/x", "yahoo.com"),
        ("www.theguardian.com", "theguardian.com"),
        ("/local/path/story.txt", None),
        ("", None),
    ],
)
def test_registrable_domain(url, expected):
    assert registrable_domain(url) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("  The  Guardian ", "The Guardian"),
        ("www.northsea-times.example.com", "example.com"),
        ("https://www.reuters.com/", "reuters.com"),
        ("CBS News", "CBS News"),
        (" - ", None),
        (None, None),
    ],
)
def test_normalise_publisher(name, expected):
    assert normalise_publisher(name) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Body.\n\nMore Must-Reads from TIME\n\nContact us at letters@time.com.", "TIME"),
        ("Body.\n\n© 2021 The Coastal Ledger. All rights reserved.", "The Coastal Ledger"),
        ("Body.\n\nCopyright 2022 NPR", "NPR"),
        ("LONDON, May 26 (Reuters) - Governments worldwide acted.", "Reuters"),
        ("NEW DELHI, India (AP) — The court ruled.", "AP"),
        ("Slideshow ( 3 images ) WASHINGTON (Reuters) - Biden signed.", "Reuters"),
        ("The president (Joe Biden) - said it.", None),
        ("A copyright dispute went to court in 2021 and the judge ruled for the author.", None),
    ],
)
def test_publisher_in_text(body, expected):
    assert publisher_in_text(body) == expected


def _article(**fields) -> Article:
    return Article(
        **({"article_id": "a", "source_uri": "/in/a.txt", "ingested_at": INGESTED} | fields)
    )


def test_order_of_trust():
    signed = "WASHINGTON (AP) — Talks ended.\n\n© 2022 The Associated Press"
    local = "https://www.coastal-ledger.example.com/talks-ended-1200.html"
    assert (
        find_publisher(_article(publisher="Coastal Ledger", url=local, raw_body=signed))
        == "Coastal Ledger"
    )
    # a syndicated wire story is published by the site that carries it
    assert find_publisher(_article(url=local, raw_body=signed)) == "example.com"
    # the largest sites get the shipped table's name, whatever the input calls them
    yahoo = "https://news.yahoo.com/talks-ended-1200.html"
    assert find_publisher(_article(publisher="Yahoo Entertainment", url=yahoo)) == "Yahoo"
    assert find_publisher(_article(raw_body=signed)) == "The Associated Press"
    assert find_publisher(_article(raw_body="Just a body.")) is None


def test_seed_publisher_is_time():
    (article,) = parse_file("/in/time-pompeo-putin.txt", SEED.read_bytes(), INGESTED).articles
    assert article.publisher == "TIME"


@pytest.mark.parametrize(
    ("title", "url", "publisher", "expected"),
    [
        # The site's name cut from the ends of a record's title, as the site's <title> had it.
        (
            "Storm hits coast - Reuters UK",
            "https://www.reuters.com/x",
            "Reuters",
            "Storm hits coast",
        ),
        ("UK plan - Moneycontrol.com", "https://www.moneycontrol.com/x", None, "UK plan"),
        ("Vote set - Associated Press", "https://apnews.com/x", "Associated Press", "Vote set"),
        ("News24.com | Talks go on", "https://www.news24.com/x", None, "Talks go on"),
        # A part without letters, or a part naming another site, stays.
        (
            "Chelsea beat Arsenal 2 - 1",
            "https://www.bbc.co.uk/sport/x",
            "BBC",
            "Chelsea beat Arsenal 2 - 1",
        ),
        (
            "Why I quit - The Guardian",
            "https://www.reuters.com/x",
            "Reuters",
            "Why I quit - The Guardian",
        ),
        # Neither a publisher nor a URL: nothing says what the site is.
        ("Why we left - a memoir", None, None, "Why we left - a memoir"),
    ],
)
def test_a_records_title_loses_the_sites_name(title, url, publisher, expected):
    import json

    record = {"title": title, "text": "Body text here. More body text.", "url": url}
    record["publisher"] = publisher
    article = parse_file("r.json", json.dumps(record).encode(), INGESTED).articles[0]
    assert article.title == expected
