"""Input files the tests build: HTML pages on disk, WARC archives made with warcio, and
JSON-lines feeds of dated council articles."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HTML_FIXTURES = Path(__file__).parent / "fixtures" / "html"
FLOOD_WALLS = HTML_FIXTURES / "coastal-ledger-flood-walls.html"
RAIL_STRIKE = HTML_FIXTURES / "meta-published-time.html"


def warc_response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    warc_date: str = "2022-03-01T10:00:00Z",
):
    """An HTTP response record as a crawler writes it."""
    http = StatusAndHeaders(
        status,
        [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": warc_date},
    )


def news_crawl_warc(gzip: bool = False) -> bytes:
    """A small CC-NEWS-like crawl: warcinfo, a request, two HTML pages, a 404, an image."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("news.warc", {"software": "test"}))
    writer.write_record(
        writer.create_warc_record(
            "https://www.coastal-ledger.co.uk/news/harbour-city-flood-walls",
            "request",
            payload=io.BytesIO(b"GET /news/harbour-city-flood-walls HTTP/1.1\r\n\r\n"),
        )
    )
    writer.write_record(
        warc_response(
            writer,
            "https://www.coastal-ledger.co.uk/news/harbour-city-flood-walls?utm=feed",
            FLOOD_WALLS.read_bytes(),
        )
    )
    writer.write_record(
        warc_response(
            writer,
            "https://www.coastal-ledger.co.uk/gone",
            b"<html>Not found</html>",
            status="404 Not Found",
        )
    )
    writer.write_record(
        warc_response(
            writer,
            "https://www.coastal-ledger.co.uk/logo.png",
            b"\x89PNG\r\n\x1a\n",
            content_type="image/png",
        )
    )
    writer.write_record(
        warc_response(
            writer,
            "https://midlandcourier.example.com/business/rail-strike-called-off",
            RAIL_STRIKE.read_bytes(),
            warc_date="2020-11-03T06:00:00Z",
        )
    )
    return out.getvalue()


def council_feed(name: str, edition: str, days: int) -> str:
    """A JSON-lines feed of `days` dated articles, one a day from 2019-01-01 (so one
    partition each), titled after the feed's `name` and `edition`."""
    lines = []
    for day in range(days):
        date = dt.date(2019, 1, 1) + dt.timedelta(days=day)
        record = {
            "title": f"{name} council meeting {day} ({edition})",
            "maintext": f"The {name} council met on {date:%B %d} and approved the library "
            "budget, Mayor Ellen Marsh said.",
            "date_publish": date.isoformat(),
        }
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"
