"""`newsbeam report`: its queries and filters on a small hand-made output, and the page's safety."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import pytest

from newsbeam.cli import main
from newsbeam.query import connect
from newsbeam.report.data import Selection, collect
from tests.report_sample import EVIL_QUOTE, EVIL_SPEAKER, EVIL_TITLE, write_sample_output

pytest.importorskip("altair", reason="the report extra is not installed")
pytest.importorskip("vl_convert", reason="the report extra is not installed")


def apr(day: int) -> dt.date:
    return dt.date(2019, 4, day)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return write_sample_output(tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def con(sample):
    return connect(str(sample))


def _pairs(rows, *keys):
    return [tuple(row[k] for k in keys) for row in rows]


def test_articles_per_day_by_topic(con):
    data = collect(con, Selection())
    assert _pairs(data.per_day, "date", "topic", "articles") == [
        (apr(12), "politics", 1),
        (apr(13), "politics", 1),
        (apr(13), "sport", 1),
        (apr(20), "sport", 1),
    ]
    assert (data.totals["articles"], data.totals["quotes"], data.totals["errors"]) == (4, 6, 2)
    assert (data.totals["first_date"], data.totals["last_date"]) == (apr(12), apr(20))


def test_time_bins_by_span():
    from newsbeam.report.data import time_bin

    day = dt.date(2022, 1, 1)
    assert time_bin(day, day) == "day"
    assert time_bin(day, day + dt.timedelta(days=61)) == "day"  # 62 days
    assert time_bin(day, day + dt.timedelta(days=62)) == "week"
    assert time_bin(day, day + dt.timedelta(days=365)) == "week"  # 366 days
    assert time_bin(day, day + dt.timedelta(days=366)) == "month"


def test_undated_articles_are_apart_from_the_time_axis(tmp_path):
    """An article without a publication date is filed under the day it was read: it is
    counted apart, not drawn on that day, and does not stretch the dates."""
    from dataclasses import replace

    from tests.report_sample import ARTICLES_SAMPLE, write_articles_fast

    undated = replace(ARTICLES_SAMPLE[0], article_id="u1", published_at=None,
                      date_source="ingested", ingested_at=dt.datetime(2026, 11, 27,
                      tzinfo=dt.timezone.utc))  # fmt: skip
    output = write_articles_fast(tmp_path / "out", [*ARTICLES_SAMPLE, undated])
    data = collect(connect(str(output)), Selection())
    assert _pairs(data.per_day, "date") == [(apr(12),), (apr(13),), (apr(13),), (apr(20),)]
    assert _pairs(data.undated, "topic", "articles") == [("politics", 1)]
    assert (data.totals["undated"], data.totals["first_date"], data.totals["last_date"]) == (
        1,
        apr(12),
        apr(20),
    )


def test_entities_ranked_by_articles_then_mentions_then_name(con):
    data = collect(con, Selection())
    assert _pairs(data.entities["people"], "name", "articles", "mentions") == [
        ("Andrew Weiss", 3, 5),
        (EVIL_SPEAKER, 1, 1),
        ("Vladimir Frolov", 1, 1),
    ]
    assert _pairs(data.entities["organisations"], "name", "articles") == [("Kremlin", 1)]
    assert _pairs(data.entities["places"], "name", "articles", "mentions") == [("Moscow", 2, 2)]


def test_speakers_with_counts_and_a_direct_sample(con):
    data = collect(con, Selection())
    assert _pairs(data.speakers, "speaker", "quotes", "articles", "sample") == [
        (
            "Andrew Weiss",
            3,
            2,
            "the match in Moscow was a long and very political one, as always.",
        ),
        (EVIL_SPEAKER, 1, 1, EVIL_QUOTE),
        ("Vladimir Frolov", 1, 1, "Putin bets on Trump."),
    ]


def test_quote_table_newest_first_with_titles_and_a_cap(con):
    data = collect(con, Selection(), max_quotes=3)
    assert data.quote_count == 6
    assert _pairs(data.quotes, "date", "speaker", "quote", "title") == [
        (
            apr(20),
            "Andrew Weiss",
            "the match in Moscow was a long and very political one, as always.",
            "Weiss on sport",
        ),
        (apr(13), EVIL_SPEAKER, EVIL_QUOTE, EVIL_TITLE),
        (apr(13), "Vladimir Frolov", "Putin bets on Trump.", "Frolov on Putin"),
    ]


def test_errors_by_kind(con):
    data = collect(con, Selection())
    assert _pairs(data.errors, "stage", "error", "errors", "example") == [
        ("read", "binary", 1, "contains NUL bytes"),
        ("read", "duplicate", 1, "same article as /in/a1.txt"),
    ]


def test_since_and_until_are_inclusive_days(con):
    data = collect(con, Selection(since=apr(13), until=apr(13)))
    assert _pairs(data.per_day, "date", "topic") == [
        (apr(13), "politics"),
        (apr(13), "sport"),
    ]
    assert data.quote_count == 3
    assert data.errors == []
    assert _pairs(data.entities["places"], "name") == []


def test_topic_filters_everything_but_errors(con):
    data = collect(con, Selection(topics=("sport",)))
    assert _pairs(data.per_day, "date", "topic") == [(apr(13), "sport"), (apr(20), "sport")]
    assert _pairs(data.speakers, "speaker", "quotes") == [("Andrew Weiss", 1), (EVIL_SPEAKER, 1)]
    assert _pairs(data.entities["places"], "name", "articles") == [("Moscow", 1)]
    assert len(data.errors) == 2  # errors have no topic


def test_a_selection_with_nothing_in_it(con):
    data = collect(con, Selection(since=apr(14), topics=("politics",)))
    assert data.totals["articles"] == 0 and data.totals["first_date"] is None
    assert (data.per_day, data.speakers, data.quotes) == ([], [], [])
    assert _pairs(data.errors, "error") == [("duplicate",)]


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def page(sample, tmp_path_factory):
    html = tmp_path_factory.mktemp("page") / "report.html"
    assert main(["report", "--output", str(sample), "--html", str(html)]) == 0
    return html.read_text(encoding="utf-8")


def test_untrusted_text_opens_no_tag_and_closes_no_script(page):
    elements = _Elements()
    elements.feed(page)
    tags = [tag for tag, _ in elements.tags]
    assert tags.count("script") == 4  # Vega bundle, chart specs, embed options, page script
    assert "img" not in tags
    assert not any(k.startswith("on") for _, attrs in elements.tags for k in attrs)
    assert "&lt;/script&gt;&lt;script&gt;window.pwned" in page  # the title, as text
    specs = json.loads(next(s for s in elements.scripts if s.startswith('{"chart-over-time"')))
    names = [row["speaker"] for row in specs["chart-speakers"]["data"]["values"]]
    assert EVIL_SPEAKER in names  # the chart shows it as text, unchanged


def test_page_loads_nothing_from_the_network(page):
    elements = _Elements()
    elements.feed(page)
    assert [t for t, a in elements.tags if "src" in a or "href" in a or t == "link"] == []
    assert '"editor": false' in page


def test_report_command_writes_the_file_and_filters(sample, tmp_path, capsys):
    html = tmp_path / "politics.html"
    code = main(
        ["report", "--output", str(sample), "--html", str(html), "--topic", "politics"]
        + ["--since", "2019-04-13"]
    )
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        f"{html}: 1 articles, 2 quotes, 1 errors (2019-04-13 to …, topic politics)"
    )
    text = html.read_text(encoding="utf-8")
    assert "Frolov on Putin" in text and "Weiss on sport" not in text


def test_report_command_refuses_a_folder_without_tables(tmp_path, capsys):
    assert main(["report", "--output", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 1
    message = capsys.readouterr().err.strip()
    assert message == f"newsbeam report: no newsbeam tables under {tmp_path}"
    assert not (tmp_path / "r.html").exists()
