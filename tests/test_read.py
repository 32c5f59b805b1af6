"""Read stage: decoding, title/body split, file parsing and the composite over real files."""

from __future__ import annotations

import bz2
import codecs
import gzip
import json

import apache_beam as beam
import pytest
from apache_beam.testing.util import assert_that, equal_to

from newsbeam.summary import counters
from newsbeam.transforms.deadletter import ARTICLES, ERRORS, RejectedInput
from newsbeam.transforms.formats.common import article_id
from newsbeam.transforms.formats.text import decode_text, split_title
from newsbeam.transforms.read import ReadAgainFn, ReadArticles, parse_file, sketch_of
from tests.conftest import INGESTED, SEED, local_test_pipeline
from tests.input_fixtures import FLOOD_WALLS, RAIL_STRIKE, news_crawl_warc


def test_decode_utf8_with_and_without_bom():
    assert decode_text("Grüße".encode()) == ("Grüße", "utf-8")
    assert decode_text(codecs.BOM_UTF8 + "Grüße".encode()) == ("Grüße", "utf-8-sig")


def test_decode_utf16_with_bom():
    assert decode_text("Grüße\n".encode("utf-16")) == ("Grüße\n", "utf-16")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(encoding):
    """Issue 31, low: UTF-16 without a byte-order mark was rejected as binary."""
    for text in (
        "Museum reopens\n\nThe museum reopened on Sunday.\n",
        "新闻标题\n\n中文新闻 2026.\n",
    ):
        assert decode_text(text.encode(encoding)) == (text, f"{encoding} (no byte-order mark)")


def test_decode_invalid_utf8_falls_back_and_says_so():
    text, encoding = decode_text("café “quoted”".encode("cp1252"))
    assert text == "café “quoted”"
    assert encoding.startswith("cp1252 (fallback")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(32)) * 10,
        bytes([1, 0, 2, 0, 3, 0, 200, 0]) * 50,  # 16-bit numbers: NULs on one side, not text
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),  # NULs on both sides
    ],
)
def test_binary_data_is_rejected(data):
    with pytest.raises(RejectedInput) as info:
        decode_text(data)
    assert info.value.kind == "binary"


def test_split_title_skips_leading_blank_lines():
    assert split_title("\n\n  Title here \nbody 1\n\nbody 2\n") == (
        "Title here",
        "body 1\n\nbody 2\n",
    )
    assert split_title("   \n \n") == ("", "")


def test_article_id_is_content_based_and_keeps_texts_at_one_url_apart():
    assert article_id("T", "body") == article_id(" T ", "body\n")
    assert article_id("T", "body") != article_id("T", "other body")
    url = "https://a.example/1"
    assert article_id("T", "x", url=url) != article_id("U", "y", url=url)  # issue 31, case 8
    assert article_id("T", "x", url=url) == article_id("T", "x\n", url=url)
    assert article_id("T", "x", url=url) != article_id("T", "x", url="https://a.example/2")
    assert len(article_id("T", "body")) == 16


def test_articles_sharing_a_url_are_kept_apart_and_repeats_dropped():
    """Five articles with one `url` were one article and four `duplicate` rows."""
    from newsbeam.transforms.read import first_of_duplicates

    def record(n: int) -> str:
        text = f"Article number {n} says something of its own on Monday."
        return json.dumps({"title": f"Story {n}", "maintext": text, "url": "https://a.example/"})

    lines = [record(n) for n in range(5)] + [record(0)]
    parsed = parse_file("/in/feed.jsonl", "\n".join(lines).encode(), INGESTED)
    by_id: dict[str, list] = {}
    for article in parsed.articles:
        by_id.setdefault(article.article_id, []).append(article)
    assert len(by_id) == 5
    kept, duplicates = [], []
    for item in by_id.items():
        for out in first_of_duplicates(item):
            (duplicates if isinstance(out, beam.pvalue.TaggedOutput) else kept).append(out)
    assert sorted(a.title for a in kept) == [f"Story {n}" for n in range(5)]
    assert [d.value.locator for d in duplicates] == ["line:6"]


def test_parse_seed_file():
    (article,) = parse_file("seeds/x.txt", SEED.read_bytes(), INGESTED).articles
    assert article.title.startswith("Secretary Pompeo to Meet With Putin")
    assert article.raw_body.lstrip().startswith("4 minute read")
    assert article.encoding == "utf-8"
    assert article.published_at is None


def test_empty_file_is_rejected():
    with pytest.raises(RejectedInput) as info:
        parse_file("e.txt", b" \n\n \n", INGESTED)
    assert info.value.kind == "empty"


def test_read_articles_over_a_folder(tmp_path):
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "copy of seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "latin.txt").write_bytes("Titre\n\nUn café à Paris.".encode("cp1252"))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"x" * 20_000)
    (tmp_path / ".hidden.txt").write_bytes(b"Hidden\n\nnot an input")
    missing = str(tmp_path / "nothing-here-*.txt")
    with local_test_pipeline() as p:
        out = p | ReadArticles([str(tmp_path / "*"), missing], max_file_bytes=10_000)
        assert_that(
            out[ARTICLES]
            | beam.Map(lambda a: (a.source_uri.rsplit("/", 1)[1], a.title, a.encoding[:6])),
            equal_to(
                [
                    (
                        "copy of seed.txt",
                        "Secretary Pompeo to Meet With Putin as President Trump "
                        "Seeks Better Russia Ties — Again",
                        "utf-8",
                    ),
                    ("latin.txt", "Titre", "cp1252"),
                ]
            ),
            label="articles",
        )
        assert_that(
            out[ERRORS] | beam.Map(lambda e: (e.source_uri.rsplit("/", 1)[1], e.stage, e.error)),
            equal_to(
                [
                    ("seed.txt", "read", "duplicate"),
                    ("empty.txt", "read", "empty"),
                    ("big.txt", "read", "too_large"),
                    ("nothing-here-*.txt", "read", "no_match"),
                ]
            ),
            label="errors",
        )


def test_overlapping_patterns_read_each_file_once(tmp_path):
    """Issue 31, low: a file named by two patterns was read twice, the second time a
    `duplicate` of itself."""
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "latin.txt").write_bytes("Titre\n\nUn café à Paris.".encode("cp1252"))
    patterns = [str(tmp_path / "*.txt"), f"{tmp_path}/**", str(tmp_path / "seed.txt")]
    p = local_test_pipeline()
    out = p | ReadArticles(patterns, max_file_bytes=1_000_000)
    assert_that(
        out[ARTICLES] | "Names" >> beam.Map(lambda a: a.source_uri.rsplit("/", 1)[1]),
        equal_to(["seed.txt", "latin.txt"]),
        label="articles",
    )
    assert_that(out[ERRORS], equal_to([]), label="errors")
    result = p.run()
    result.wait_until_finish()
    assert counters(result)["files_matched"] == 2


def test_read_articles_over_a_folder_mixing_every_format(tmp_path):
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "seed.json").write_text(
        json.dumps({"url": "https://time.com/5569321/pompeo-putin/", "publisher": "Time Magazine"})
    )
    (tmp_path / "flood.html").write_bytes(FLOOD_WALLS.read_bytes())
    (tmp_path / "rail.htm.bz2").write_bytes(bz2.compress(RAIL_STRIKE.read_bytes()))
    (tmp_path / "crawl.warc.gz").write_bytes(news_crawl_warc(gzip=True))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(
            {
                "title": "Ferry fares rise",
                "maintext": "Fares rise by 5%.",
                "url": "https://www.ferrynews.co.uk/1",
            }
        )
        + "\n{broken\n"
        + json.dumps({"title": "No body"})
        + "\n"
    )
    (tmp_path / "notes.txt").write_bytes(
        gzip.compress(
            json.dumps([{"title": "Gzipped JSON", "text": "Hidden behind a .txt name."}]).encode()
        )
    )
    (tmp_path / "blank.html").write_bytes(b"  \n")
    p = local_test_pipeline()
    out = p | ReadArticles([str(tmp_path / "*")], max_file_bytes=1_000_000)
    assert_that(
        out[ARTICLES]
        | "Articles"
        >> beam.Map(
            lambda a: (
                a.source_uri.rsplit("/", 1)[1],
                a.locator,
                a.source_format,
                a.title[:24],
                a.publisher,
            )
        ),
        equal_to(
            [
                ("seed.txt", None, "txt", "Secretary Pompeo to Meet", "TIME"),  # table name
                ("flood.html", None, "html", "Harbour city votes to re", "The Coastal Ledger"),
                (
                    "crawl.warc.gz",
                    "record:3",
                    "warc",
                    "Harbour city votes to re",
                    "The Coastal Ledger",
                ),
                (
                    "crawl.warc.gz",
                    "record:6",
                    "warc",
                    "Rail strike called off a",
                    "Midland Courier",
                ),
                ("feed.jsonl", "line:1", "json", "Ferry fares rise", "ferrynews.co.uk"),
                ("notes.txt", "record:1", "json", "Gzipped JSON", None),
            ]
        ),
        label="articles",
    )
    assert_that(
        out[ERRORS]
        | "Errors" >> beam.Map(lambda e: (e.source_uri.rsplit("/", 1)[1], e.locator, e.error)),
        equal_to(
            [
                # same URL as the crawled copy: one article per URL
                ("rail.htm.bz2", None, "duplicate"),
                ("feed.jsonl", "line:2", "bad_json"),
                ("feed.jsonl", "line:3", "empty"),
                ("blank.html", None, "empty"),
            ]
        ),
        label="errors",
    )
    result = p.run()
    result.wait_until_finish()
    metrics = counters(result)
    assert metrics["sidecars_claimed"] == 1
    assert metrics["records_skipped.warc_not_response"] == 2
    assert metrics["records_skipped.warc_not_200"] == 1
    assert metrics["records_skipped.warc_not_html"] == 1


def _first_read(path) -> list:
    """Sketches of the articles in `path`, as the batch source's first read keeps them."""
    return [
        sketch_of(a, str(path)) for a in parse_file(str(path), path.read_bytes(), INGESTED).articles
    ]


def _read_again(tmp_path, sketches) -> tuple[list, list]:
    fn = ReadAgainFn(max_file_bytes=100_000, roots=[str(tmp_path)])
    fn.setup()
    out = list(fn.process((b"key", sketches)))
    errors = [o.value for o in out if isinstance(o, beam.pvalue.TaggedOutput)]
    return [o for o in out if not isinstance(o, beam.pvalue.TaggedOutput)], errors


def test_the_second_read_gives_back_the_kept_records_of_a_file_as_first_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"title": f"Story {i}", "text": f"Body {i}.", "url": f"https://news.example.com/{i}"}
        for i in range(3)
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines))
    sketches = _first_read(feed)
    sketch = sketches[1]  # the other two were, say, duplicates of articles elsewhere
    assert len(sketch.path) < 300 and sketch.lines == (("example.com", frozenset({"body 1."})),)
    articles, errors = _read_again(tmp_path, [sketch])
    assert [(a.title, a.locator, a.ingested_at) for a in articles] == [
        ("Story 1", sketch.locator, INGESTED)
    ]
    assert errors == []


def test_a_file_changed_or_removed_before_the_second_read_is_a_dead_letter_per_article(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n")
    gone = tmp_path / "gone.txt"
    gone.write_text("Ferry fares rise\n\nFares rise by 5%.\n")
    (changed,), (removed,) = _first_read(story), _first_read(gone)
    story.write_text("Harbour stays shut\n\nThe harbour did not reopen.\n")
    gone.unlink()
    for sketch, message in ((changed, "changed after"), (removed, "could not be read again")):
        articles, errors = _read_again(tmp_path, [sketch])
        assert articles == []
        assert [(e.source_uri, e.stage, e.error) for e in errors] == [
            (sketch.source_uri, "reread", "changed")
        ]
        assert message in errors[0].message
