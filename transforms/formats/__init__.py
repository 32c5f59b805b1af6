"""Input files: which ones an input names, and how each format becomes article records.

One module per format (`text`, `html`, `jsonl`, `warc`, `compressed`; `sniff` picks
one), with what they share: listing and confining inputs (`inputs`), metadata fields
of crawler records (`fields`), publishers (`publishers`), date parsing (`dates`) and
normalised lines (`lines`).
Pure functions over bytes and strings: no Beam. Code outside this folder imports the
names below, never the modules.
"""

from newsbeam.transforms.formats.common import ParsedFile
from newsbeam.transforms.formats.compressed import compression_of, inflate, inner_name
from newsbeam.transforms.formats.dates import (
    as_datetime,
    date_in_line,
    date_in_url,
    in_utc,
    parse_date_value,
)
from newsbeam.transforms.formats.html import parse_html
from newsbeam.transforms.formats.inputs import (
    Listing,
    allowed_roots,
    check_local_file,
    escape,
    has_wildcard,
    is_local,
    match_inputs,
    pattern_root,
)
from newsbeam.transforms.formats.jsonl import parse_json
from newsbeam.transforms.formats.lines import MAX_BOILERPLATE_CHARS, normalise
from newsbeam.transforms.formats.publishers import (
    agreed_name,
    publisher_table,
    registrable_domain,
    with_publisher,
)
from newsbeam.transforms.formats.sniff import sniff_format
from newsbeam.transforms.formats.text import (
    Sidecar,
    parse_text,
    sidecar_owner,
    sidecar_uri,
    split_title,
)
from newsbeam.transforms.formats.titles import title_without_site
from newsbeam.transforms.formats.warc import parse_warc

__all__ = [
    "MAX_BOILERPLATE_CHARS",
    "Listing",
    "ParsedFile",
    "Sidecar",
    "agreed_name",
    "allowed_roots",
    "as_datetime",
    "check_local_file",
    "compression_of",
    "escape",
    "has_wildcard",
    "date_in_line",
    "date_in_url",
    "in_utc",
    "inflate",
    "inner_name",
    "is_local",
    "match_inputs",
    "normalise",
    "parse_date_value",
    "parse_html",
    "parse_json",
    "parse_text",
    "parse_warc",
    "pattern_root",
    "publisher_table",
    "registrable_domain",
    "sidecar_owner",
    "sidecar_uri",
    "sniff_format",
    "split_title",
    "title_without_site",
    "with_publisher",
]
