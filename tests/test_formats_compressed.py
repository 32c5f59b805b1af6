"""gz and bz2 around any format: sniffed by magic bytes, inflated under the size limit."""

from __future__ import annotations

import bz2
import gzip
import json

import pytest

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.compressed import compression_of, inflate, inner_name
from newsbeam.transforms.read import parse_file
from tests.conftest import INGESTED, SEED
from tests.input_fixtures import FLOOD_WALLS

RECORDS = "\n".join(
    json.dumps({"title": f"Story {i}", "text": f"Body of story {i}."}) for i in range(3)
).encode()


# mtime=0: gzip writes the time into its header, and parametrised ids must be the same
# in every pytest-xdist worker's collection.
@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (gzip.compress(b"x", mtime=0), "gzip"),
        (bz2.compress(b"x"), "bzip2"),
        (b"BZh is text", None),
        (b"plain", None),
    ],
)
def test_compression_is_recognised_by_magic_bytes(data, kind):
    assert compression_of(data) == kind


def test_inner_name():
    assert inner_name("news.jsonl.gz") == "news.jsonl"
    assert inner_name("page.html.BZ2") == "page.html"
    assert inner_name("story.txt") == "story.txt"


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress])
def test_compressed_json_lines(compress):
    parsed = parse_file("/in/feed.jsonl.gz", compress(RECORDS), INGESTED)
    assert [(a.title, a.locator) for a in parsed.articles] == [
        ("Story 0", "line:1"),
        ("Story 1", "line:2"),
        ("Story 2", "line:3"),
    ]


def test_compressed_html_and_text():
    (page,) = parse_file(
        "/in/page.html.gz", gzip.compress(FLOOD_WALLS.read_bytes()), INGESTED
    ).articles
    assert (page.source_format, page.title) == (
        "html",
        "Harbour city votes to rebuild its flood walls",
    )
    (story,) = parse_file("/in/seed.txt.bz2", bz2.compress(SEED.read_bytes()), INGESTED).articles
    assert story.title.startswith("Secretary Pompeo to Meet With Putin")


def test_multi_member_gzip_is_read_to_the_end():
    data = gzip.compress(b"first part ") + gzip.compress(b"second part")
    assert inflate(data, "gzip", 100) == b"first part second part"


def test_decompression_bomb_is_rejected_within_the_limit():
    bomb = gzip.compress(b"\0" * 5_000_000)
    assert len(bomb) < 10_000
    with pytest.raises(RejectedInput) as info:
        parse_file("/in/bomb.txt.gz", bomb, INGESTED, max_bytes=1_000_000)
    assert info.value.kind == "too_large"


@pytest.mark.parametrize(
    "data",
    [
        gzip.compress(RECORDS, mtime=0)[:-12],
        bz2.compress(RECORDS)[:-8],
        b"\x1f\x8b\x08garbage-garbage",
    ],
)
def test_truncated_or_corrupt_streams_are_rejected(data):
    with pytest.raises(RejectedInput) as info:
        parse_file("/in/feed.jsonl.gz", data, INGESTED)
    assert info.value.kind == "corrupt"


def test_compression_inside_compression_is_refused():
    with pytest.raises(RejectedInput) as info:
        parse_file("/in/x.gz.gz", gzip.compress(gzip.compress(RECORDS)), INGESTED)
    assert info.value.kind == "unsupported"
