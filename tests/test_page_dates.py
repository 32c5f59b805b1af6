"""Publication dates of HTML pages: modification dates left out, labelled dates, and the
day the page states when its timestamp is written in a zone near midnight.

Every page here is made up; each test fails when its rule is taken out."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml.html import fromstring

from newsbeam.transforms.formats.html import parse_html
from newsbeam.transforms.formats.pagedates import labelled_date, on_stated_day
from tests.conftest import INGESTED

UTC = dt.timezone.utc
_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of a long enough report on the harbour council meeting and its vote.</p>"
    for i in range(6)
)


def _read(head: str, article: str, before: str = "", after: str = ""):
    page = (
        f"<html><head><title>Harbour vote</title>{head}</head><body>{before}"
        f"<article><h1>Harbour vote</h1>{article}{_PARAGRAPHS}</article>{after}</body></html>"
    )
    return parse_html("/in/page.html", page.encode(), INGESTED)


@pytest.mark.parametrize(
    ("modified", "published", "day"),
    [
        (
            '<meta name="last-modified" content="Fri, 17 May 2019 13:38:23 GMT">',
            '<time datetime="2019-05-15 05:28:29">15 May 2019, 05:28</time>',
            dt.date(2019, 5, 15),
        ),
        (
            '<meta property="article:modified_time" content="2021-02-09T10:00:00+00:00">',
            '<time datetime="2021-02-01T08:00:00+00:00">1 February 2021</time>',
            dt.date(2021, 2, 1),
        ),
    ],
)
def test_modification_meta_is_not_the_publication_date(modified, published, day):
    assert _read(modified, published).published_at.date() == day


def test_hidden_updated_date_beside_the_visible_one_is_left_out():
    article = _read(
        "",
        '<span class="updated" style="display:none">2019-01-07T17:27:31+02:00</span>'
        "<span>June 19, 2018</span>",
    )
    assert article.published_at.date() == dt.date(2018, 6, 19)


def test_a_date_both_published_and_updated_is_the_publication():
    article = _read(
        "",
        '<time class="entry-date published updated" datetime="2018-06-19T10:00:00+02:00">'
        "June 19, 2018</time>",
        after="<footer><p>Site map</p></footer>",
    )
    assert article.published_at.date() == dt.date(2018, 6, 19)


def test_labelled_date_beats_the_date_of_the_day_in_the_site_header():
    article = _read(
        "",
        "",
        before='<ul class="menu"><li class="date"><strong>Montag, 09.12.2019</strong></li></ul>',
        after="<div>Veröffentlicht am 07.06.2019</div>",
    )
    assert article.published_at == dt.datetime(2019, 6, 7, tzinfo=UTC)


def test_labelled_dates_in_several_languages():
    latest = dt.datetime(2026, 1, 1, tzinfo=UTC)
    for text, day in [
        ("By Ann Lee. Published on March 3, 2019 at 10:00", dt.date(2019, 3, 3)),
        ("Posted: Thu, 14 May 2020 17:55 UTC", dt.date(2020, 5, 14)),
        ("Publié le 29 juin 2019 par la rédaction", dt.date(2019, 6, 29)),
        ("Erschienen am 15. Mai 2019, 05:28 Uhr", dt.date(2019, 5, 15)),
    ]:
        tree = fromstring(f"<html><body><p>{text}</p></body></html>")
        assert labelled_date(tree, latest) == day, text


def test_a_caption_saying_posted_is_not_a_label():
    tree = fromstring(
        "<html><body><p>Photos posted while in Las Vegas on January 20, 2017.</p>"
        "<p>The publisher said it was posted later.</p></body></html>"
    )
    assert labelled_date(tree, dt.datetime(2026, 1, 1, tzinfo=UTC)) is None


def test_a_labelled_date_after_the_ingestion_is_not_taken():
    tree = fromstring("<html><body><p>Published on 3 March 2030</p></body></html>")
    assert labelled_date(tree, dt.datetime(2026, 1, 1, tzinfo=UTC)) is None


def test_stated_day_wins_over_a_timestamp_written_in_a_zone_near_midnight():
    ld = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2026-03-03T22:26:57-08:00"}</script>'
    )
    article = _read(ld + '<meta name="date" content="March 4, 2026">', "")
    instant = dt.datetime(2026, 3, 4, 6, 26, 57, tzinfo=UTC)
    assert article.published_at.date() == dt.date(2026, 3, 4)
    assert article.published_at == instant  # the same instant, only written in UTC
    assert _read(ld, "").published_at.date() == dt.date(2026, 3, 3)  # no stated day
    with_time = _read(ld + '<meta name="date" content="2026-03-04T09:00:00Z">', "")
    assert with_time.published_at.date() == dt.date(2026, 3, 3)  # a timestamp, not a day


def test_stated_day_no_zone_reaches_leaves_the_timestamp_alone():
    when = dt.datetime(2026, 3, 3, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert on_stated_day(when, dt.date(2026, 3, 6)) is when
    assert on_stated_day(when, dt.date(2026, 3, 3)) is when
    moved = on_stated_day(when, dt.date(2026, 3, 4))
    assert moved == when and moved.date() == dt.date(2026, 3, 4)
    assert moved.utcoffset() == dt.timedelta(0)
    # 18:00 UTC on 3 March is 4 March only from UTC+6 east: the nearest such offset
    evening = dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    east = on_stated_day(evening, dt.date(2026, 3, 4))
    assert east == evening and east.utcoffset() == dt.timedelta(hours=6)
