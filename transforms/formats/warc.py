"""WARC archives (Common Crawl's CC-NEWS and any crawler's): HTML responses become articles.

Read with warcio (webrecorder's maintained, pure-Python reader: no native build to
break on a worker). Each `response` record with HTTP status 200 and an HTML content
type is parsed as an HTML page whose URL is its WARC-Target-URI and whose crawl date
(WARC-Date) bounds the publication date. Every other record (requests, metadata,
redirects and errors, images and PDFs) is skipped and counted by reason; a record
that breaks the archive ends the reading with a dead letter that says where.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zlib

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from newsbeam.transforms.deadletter import RejectedInput
from newsbeam.transforms.formats.common import ParsedFile
from newsbeam.transforms.formats.dates import parse_date_value
from newsbeam.transforms.formats.html import parse_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")

#: Reasons a WARC record is skipped (counted in metrics as `records_skipped.<reason>`).
NOT_RESPONSE = "warc_not_response"
NOT_OK = "warc_not_200"
NOT_HTML = "warc_not_html"


def _skip_reason(record: ArcWarcRecord) -> str | None:
    if record.rec_type != "response" or record.http_headers is None:
        return NOT_RESPONSE
    if record.http_headers.get_statuscode() != "200":
        return NOT_OK
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if content_type.split(";")[0].strip() not in _HTML_TYPES:
        return NOT_HTML
    return None


def _broken(record: ArcWarcRecord) -> str | None:
    """Why a record's WARC header is not whole (cut short, or not a WARC header at all:
    a text file that starts with `WARC/1.0`); None when it is."""
    headers = record.rec_headers
    if not headers.get_header("WARC-Type"):
        return "record has no WARC-Type header: not a WARC record"
    if headers.get_header("Content-Length") is None:
        return "record header cut short (no Content-Length)"
    return None


def _html_payload(record: ArcWarcRecord, limit: int) -> bytes:
    """The HTTP body (de-chunked, content-encoding undone), refused beyond `limit` bytes
    and when the archive ends before the record does (a cut record is not an article)."""
    try:
        payload = record.content_stream().read(limit + 1)
    except (OSError, ValueError, zlib.error) as exc:
        raise RejectedInput("corrupt", f"unreadable record payload: {exc}") from exc
    if len(payload) > limit:
        raise RejectedInput("too_large", f"record payload over --max_file_bytes={limit}")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise RejectedInput("corrupt", f"record cut short: {missing} bytes of it are missing")
    return payload


def parse_warc(uri: str, data: bytes, ingested_at: dt.datetime, limit: int) -> ParsedFile:
    """Articles of the HTML responses in an (uncompressed) WARC file, records numbered
    from 1 in their locators (`record:3`)."""
    parsed = ParsedFile()
    records = iter(ArchiveIterator(io.BytesIO(data)))
    for index in itertools.count(start=1):
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio fails on broken archives in many ways
            broken = RejectedInput("corrupt", f"unreadable WARC record: {exc!r}")
            parsed.reject(uri, broken, ingested_at, f"record:{index}")
            break
        broken = _broken(record)
        if broken:
            parsed.reject(uri, RejectedInput("corrupt", broken), ingested_at, f"record:{index}")
            continue
        reason = _skip_reason(record)
        if reason:
            parsed.skipped[reason] += 1
            continue
        locator = f"record:{index}"
        try:
            parsed.articles.append(
                parse_html(
                    uri,
                    _html_payload(record, limit),
                    ingested_at,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    crawled_at=parse_date_value(record.rec_headers.get_header("WARC-Date")),
                    locator=locator,
                    source_format="warc",
                )
            )
        except Exception as exc:  # noqa: BLE001 - one bad record never loses the others
            parsed.reject(uri, exc, ingested_at, locator)
    return parsed
