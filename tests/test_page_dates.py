"""Publication dates of HTML pages: modification dates left out, labelled dates, and the
day the page states when its timestamp is written in a zone near midnight.

Every page here is made up; each test fails when its rule is taken out."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from lxml.html import fromstring

from newsbeam.transforms.formats.html import parse_html
from newsbeam.transforms.formats.pagedates import byline_date, labelled_date, on_stated_day
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


#: A standfirst long enough to put a date after it out of the byline's reach.
_DEK = (
    "<p class='dek'>" + "The harbour council met again tonight to vote on the walls. " * 6 + "</p>"
)
#: (what the page is about, head, article top, before the article, day): pages whose day
#: a rule decides; each rule's name says which.
_PAGES = [
    (
        "a last-modified meta is not the publication date",
        '<meta name="last-modified" content="Fri, 17 May 2019 13:38:23 GMT">',
        _DEK + '<time datetime="2019-05-15 05:28:29">15 May 2019, 05:28</time>',
        "",
        dt.date(2019, 5, 15),
    ),
    (
        "article:modified_time is not the publication date",
        '<meta property="article:modified_time" content="2021-02-09T10:00:00+00:00">',
        _DEK + '<time datetime="2021-02-01T08:00:00+00:00">1 February 2021</time>',
        "",
        dt.date(2021, 2, 1),
    ),
    (
        "a hidden hAtom updated date beside the visible one is left out",
        "",
        '<span class="updated" style="display:none">2019-01-07T17:27:31+02:00</span>'
        "<span>June 19, 2018</span>",
        "",
        dt.date(2018, 6, 19),
    ),
    (
        "a date both published and updated is the publication",
        "",
        '<time class="entry-date published updated" datetime="2018-06-19T10:00:00+02:00">'
        "June 19, 2018</time>",
        "",
        dt.date(2018, 6, 19),
    ),
    (
        "the byline date under the headline beats the day's date in the site header",
        "",
        "<p class='byline'>Max Jones<br><a href='/source'>The Wire</a><br>"
        "Thu, 14 May 2020 17:55 UTC</p>",
        '<div id="date-box">Mon, 25 Dec 2023</div><nav><a href="/">Home</a></nav>',
        dt.date(2020, 5, 14),
    ),
]


@pytest.mark.parametrize(
    ("head", "top", "before", "day"), [p[1:] for p in _PAGES], ids=[p[0] for p in _PAGES]
)
def test_page_publication_day(head, top, before, day):
    assert _read(head, top, before).published_at.date() == day


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


def _byline(after_heading: str) -> dt.date | None:
    tree = fromstring(f"<html><body><h1>Harbour vote</h1>{after_heading}</body></html>")
    return byline_date(tree, dt.datetime(2026, 1, 1, tzinfo=UTC))


def test_byline_date_is_a_short_piece_close_to_the_headline():
    assert _byline("<p>By Ann Lee</p><p>12.10.2015, 19:16 Uhr</p>") == dt.date(2015, 10, 12)
    assert _byline("<p>Updated March 5, 2019</p><p>March 3, 2019</p>") is None
    sentence = "<p>The council, which first met on 3 March 2019 to discuss the harbour, voted.</p>"
    assert _byline(sentence.replace("voted", "voted again after a long debate")) is None
    far = "".join(
        f"<p>Paragraph {i} of the report, with no date in it at all.</p>" for i in range(8)
    )
    assert _byline(far + "<p>March 3, 2019</p>") is None
    assert _byline("<p>Published in 2040</p><p>Jan 3, 2030</p>") is None


def test_a_standfirst_between_headline_and_byline_does_not_use_up_the_reach():
    dek = "Ein Roman über die alte Bundesrepublik hat den Preis gewonnen, sagte die Jury. " * 5
    byline = "<div class='date'>12.10.2015, 19:16 Uhr</div>"
    assert _byline(f"<div itemprop='description'><p>{dek}</p></div>{byline}") == dt.date(
        2015, 10, 12
    )
    assert _byline(f"<div class='story-teaser'><p>{dek}</p></div>{byline}") == dt.date(2015, 10, 12)
    assert _byline(f"<div><p>{dek}</p></div>{byline}") is None  # body text: out of reach


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


def _ld(headline: str, published: str, url: str = "") -> str:
    fields = {"@type": "NewsArticle", "headline": headline, "datePublished": published}
    if url:
        fields["url"] = url
    return f'<script type="application/ld+json">{json.dumps(fields)}</script>'


def test_the_pages_own_json_ld_article_beats_a_related_ones():
    related = _ld("Ferry fares rise again", "2020-01-01T09:00:00Z", "https://x.test/ferry")
    own = '<meta property="og:title" content="Harbour vote">' + _ld(
        "Harbour vote", "2021-05-05T09:00:00Z"
    )
    assert _read(related + own, "").published_at.date() == dt.date(2021, 5, 5)
    by_address = '<link rel="canonical" href="https://x.test/harbour/">' + _ld(
        "Council votes on the harbour walls", "2021-06-06T09:00:00Z", "https://x.test/harbour"
    )
    assert _read(related + by_address, "").published_at.date() == dt.date(2021, 6, 6)
    assert _read(related, "").published_at.date() == dt.date(2020, 1, 1)  # the only one


def test_a_date_in_a_sentence_of_the_body_is_not_a_label():
    latest = dt.datetime(2026, 1, 1, tzinfo=UTC)
    sentence = (
        "<p>The study, published on March 3, 2019, found that the harbour walls had sunk"
        " by a foot since they were built.</p>"
    )
    assert labelled_date(fromstring(f"<html><body>{sentence}</body></html>"), latest) is None
    inline = sentence.replace("published", "<a href='/s'>published</a>")
    assert labelled_date(fromstring(f"<html><body>{inline}</body></html>"), latest) is None
    split = "<p><span>Published on</span> <time>March 3, 2019</time></p>"  # a label and its date
    tree = fromstring(f"<html><body>{sentence}{split}</body></html>")
    assert labelled_date(tree, latest) == dt.date(2019, 3, 3)


def test_a_wrapper_with_the_class_updated_keeps_the_article():
    page = (
        "<html><head><title>Harbour vote</title></head><body>"
        "<div class='post updated'><h1>Harbour vote</h1>"
        "<span class='updated'>2019-01-07T17:27:31+02:00</span>"
        f"<span>June 19, 2018</span>{_PARAGRAPHS}</div></body></html>"
    )
    article = parse_html("/in/page.html", page.encode(), INGESTED)
    assert "Paragraph 5 of a long enough report" in article.raw_body
    assert article.published_at.date() == dt.date(2018, 6, 19)


def test_an_update_label_in_the_piece_before_the_date_is_noticed():
    assert _byline("<p><span>Updated:</span> <time>May 15, 2019</time></p>") is None
    assert _byline("<p><span>By Ann Lee</span> <time>May 15, 2019</time></p>") == dt.date(
        2019, 5, 15
    )


def test_standfirst_class_names_are_whole_words():
    dek = "Ein Roman über die alte Bundesrepublik hat den Preis gewonnen, sagte die Jury. " * 5
    byline = "<div class='date'>12.10.2015, 19:16 Uhr</div>"
    for classes in ("leaderboard-ad", "introduction", "deklination"):
        assert _byline(f"<div class='{classes}'><p>{dek}</p></div>{byline}") is None, classes
    for classes in ("article__lead", "intro-text", "Story-Teaser"):
        assert _byline(f"<div class='{classes}'><p>{dek}</p></div>{byline}") == dt.date(
            2015, 10, 12
        ), classes
