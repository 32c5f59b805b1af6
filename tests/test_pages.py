"""Reading real-shaped HTML pages: titles, bodies from JSON-LD, publishers, authors,
languages, and the `eval pages` scores (hand-computed on small inputs)."""

from __future__ import annotations

import datetime as dt
import json

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from newsbeam.evaluation.extraction import same_title, score_body
from newsbeam.transforms.annotate import AnnotateBatchFn
from newsbeam.transforms.clean import clean_article, detect_language, line_class
from newsbeam.transforms.formats import parse_html
from newsbeam.transforms.formats.common import authors_of
from newsbeam.transforms.formats.publishers import agreed_name, site_name
from newsbeam.transforms.nlp import DEFAULT_MODEL
from newsbeam.transforms.publishers import AgreePublishers
from newsbeam.transforms.records import Article

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
PARAGRAPHS = [
    "The harbour council voted on Tuesday to rebuild the sea wall before the winter storms.",
    "Engineers said the old wall had cracked in three places after the floods of last year.",
    "The work will start in March and should take eight months, the council said.",
    "Residents of the lower town welcomed the vote but asked for a temporary barrier.",
]


def _page(head: str, body: str) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_title_is_the_headline_without_kicker_or_site_name():
    head = (
        "<title>Sea wall to be rebuilt | Harbour News | The Coastal Ledger</title>"
        '<meta property="og:title" content="Sea wall to be rebuilt | The Coastal Ledger">'
        '<meta property="og:site_name" content="The Coastal Ledger">'
    )
    body = (
        '<header><h1>The Coastal Ledger</h1></header><article><h1><span class="kicker">'
        "Flood defences</span>Sea wall to be rebuilt</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</article>"
    )
    article = parse_html("a.html", _page(head, body), NOW)
    assert article.title == "Sea wall to be rebuilt"


def test_json_ld_body_replaces_a_teaser():
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Sea wall to be rebuilt",
        "articleBody": "\n".join(PARAGRAPHS * 3),
        "datePublished": "2025-11-04T09:00:00Z",
        "publisher": {"@type": "Organization", "name": "The Coastal Ledger"},
        "author": [
            {"@type": "Person", "name": "Ann Lee"},
            {"@type": "Organization", "name": "Ledger Staff"},
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    body = (
        "<article><h1>Sea wall to be rebuilt</h1><p>Read the full story in the app.</p></article>"
    )
    article = parse_html("a.html", _page(head, body), NOW)
    assert all(paragraph in article.raw_body for paragraph in PARAGRAPHS)
    assert "Read the full story" not in article.raw_body
    assert article.published_at == dt.datetime(2025, 11, 4, 9, tzinfo=dt.timezone.utc)
    assert article.authors == ["Ann Lee"]
    assert article.publisher == "The Coastal Ledger"


def test_authors_are_people_once():
    assert authors_of("By Chuck Ross; Chuck-Ross, Condé Nast") == ["Chuck Ross"]
    assert authors_of(["The Washington Times https", "Www Washingtontimes Com"]) == []
    assert authors_of("Jane Doe and John Smith, Staff Writer") == ["Jane Doe", "John Smith"]


def test_site_names_and_one_name_per_domain():
    assert site_name("Where Hope Finally Made a Comeback", "dailyreport.com") is None
    assert site_name("Financialpost", "financialpost.com") is None
    assert site_name("South China Morning Post", "scmp.com") == "South China Morning Post"
    assert site_name("LinkNaija | Nigeria's popular news platform", "linknaija.com") == "LinkNaija"
    assert agreed_name({"AP News": 3, "Associated Press": 1}, "apnews.com") == "Associated Press"
    assert (
        agreed_name({"Coastal Ledger": 2, "The Ledger": 1}, "coastal-ledger.co.uk")
        == "Coastal Ledger"
    )
    assert (
        agreed_name({"coastal-ledger.co.uk": 4}, "coastal-ledger.co.uk") == "coastal-ledger.co.uk"
    )


def test_a_run_gives_each_domain_one_name():
    def article(name, url, publisher):
        return Article(
            article_id=name, source_uri=name, ingested_at=NOW, url=url, publisher=publisher
        )

    articles = [
        article("a", "https://www.coastal-ledger.co.uk/1", "Coastal Ledger"),
        article("b", "https://news.coastal-ledger.co.uk/2", "Coastal Ledger"),
        article("c", "https://coastal-ledger.co.uk/3", "The Ledger"),
        article("d", None, "Unsigned"),
    ]
    with BeamTestPipeline() as p:
        names = (
            p
            | beam.Create(articles)
            | AgreePublishers()
            | beam.Map(lambda a: (a.article_id, a.publisher))
        )
        assert_that(
            names,
            equal_to(
                [
                    ("a", "Coastal Ledger"),
                    ("b", "Coastal Ledger"),
                    ("c", "Coastal Ledger"),
                    ("d", "Unsigned"),
                ]
            ),
        )


def test_line_classes_leave_body_sentences():
    assert line_class("By Maria Popova") == "byline"
    assert line_class("Published March 4, 2026") == "dateline"
    assert line_class("Our Standards: The Thomson Reuters Trust Principles.") == "credit"
    assert line_class("- Advertisement 1Story continues below") == "ad"
    assert line_class("By Friday, the storm had passed and the roads reopened.") is None
    assert line_class("BY: Namensnennung") is None
    assert line_class("Researchers from the university contributed to the report.") is None


def test_other_languages_keep_their_text_and_get_no_english_annotations():
    german = "Der Stadtrat hat am Dienstag beschlossen, die Hafenmauer vor dem Winter neu zu bauen."
    article = clean_article(
        Article(
            article_id="de",
            source_uri="de.txt",
            ingested_at=NOW,
            title="Hafenmauer",
            raw_body=german,
        )
    )
    assert (article.language, article.text) == ("de", german)
    assert detect_language(" ".join(PARAGRAPHS)) == "en"
    fn = AnnotateBatchFn(DEFAULT_MODEL, 8, 100_000)
    fn.setup()
    (out,) = list(fn.process([article]))
    assert out is article and out.entities == [] and out.quotes == []


def test_scores_by_hand():
    score = score_body("a b c x", "a b c d", standfirst="x")
    assert (score.precision, score.recall) == (1.0, 0.75)
    score = score_body("a b x", "a b c d")
    assert (round(score.precision, 4), score.recall) == (0.6667, 0.5)
    assert same_title("Sea  wall\u00a0rebuilt", "Sea wall rebuilt")
    assert not same_title("Sea wall rebuilt | Ledger", "Sea wall rebuilt")


def test_partition_is_the_publishers_day():
    from newsbeam.transforms.formats import parse_date_value

    when = parse_date_value("2018-12-22T00:00:00+0100")
    article = Article(article_id="a", source_uri="a", ingested_at=NOW, published_at=when)
    assert article.partition_date == dt.date(2018, 12, 22)
    assert when == dt.datetime(2018, 12, 21, 23, tzinfo=dt.timezone.utc)  # the same instant


def test_a_date_standing_alone_in_the_title_is_the_pages_date():
    head = "<title>Sea wall to be rebuilt | Ledger | 10.06.2013</title>"
    body = "<article><h1>Sea wall to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = parse_html("a.html", _page(head, body + "</article>"), NOW)
    assert article.published_at.date() == dt.date(2013, 6, 10)
