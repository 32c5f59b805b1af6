"""Every bad input at once, through the real CLI: nothing crashes, nothing is lost.

One folder holds a few good articles, every kind of bad input the pipeline must
survive, and 10,000 tiny files (`many/`: 4,500 empty, 4,500 whitespace-only, 800
boilerplate-only, 200 two-sentence articles, so only those 200 reach spaCy). Each input
is declared here with what it must become (an article, an error of a stage and kind, a
skipped record, a claimed sidecar, or a counted non-input); the test runs `newsbeam run`
once, with `--fail_on_errors`, and checks the rows of both tables and the numbers of the
summary against those declarations. (Reruns into the same output: test_kill.py.)
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsbeam.query import connect
from tests.conftest import SEED
from tests.input_fixtures import FLOOD_WALLS, news_crawl_warc
from tests.test_cli_e2e import inexact_spans, newsbeam

SECRET = b"Payroll\n\nTOP SECRET salaries that no input may leak.\n"
MANY_EMPTY, MANY_BLANK, MANY_BOILERPLATE, MANY_ARTICLES = 4500, 4500, 800, 200


@dataclass(frozen=True)
class Outcome:
    """What one input, or one record of it (`locator`), must become.

    `table`: articles, errors, skipped (a counted record), claimed (a sidecar read by
    its text file), ignored (not an input), listing (an error found while listing),
    note (an error about a sidecar; the article is kept).
    """

    table: str
    stage: str | None = None
    kind: str | None = None
    locator: str | None = None


ARTICLE = Outcome("articles")


def read_error(kind: str, locator: str | None = None) -> Outcome:
    return Outcome("errors", "read", kind, locator)


@dataclass(frozen=True)
class Link:
    target: str  # relative to the corpus folder, or absolute


@dataclass(frozen=True)
class Fifo:
    pass


@dataclass(frozen=True)
class Sparse:
    size: int


@dataclass(frozen=True)
class Unreadable:
    content: bytes


def _article(title: str, body: str) -> bytes:
    return f"{title}\n\n{body}\n".encode()


HARBOUR = _article(
    "Harbour reopens after storm repairs",
    "The harbour in Portsmouth reopened on Tuesday after three weeks of repairs. "
    '"We are glad to welcome the ferries back," said Harbour Master Ellen Marsh.',
)
MALFORMED_HTML = (
    b"<html><head><title>Ferry fares rise</title><body><div><p>Ferry fares on the island "
    b"routes will rise by five per cent from April, the operator said on Monday.<p>Unclosed "
    b"<b>bold and <i>italic text: the council said passengers would be consulted first."
    b"</div></span></p></td>"
)


def _broken_warc() -> bytes:
    """The crawl with its sixth record cut short (warcinfo, request, page, 404, image, ...)."""
    data = news_crawl_warc()
    cut = data.index(b"WARC/1.", data.index(b"midlandcourier") - 600)
    return data[:cut] + b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>"


def _record(title: str, **fields: str) -> str:
    text = f"{title}: the council said so on Monday, a spokesman added."
    return json.dumps({"title": title, "maintext": text, **fields})


def _random_bytes() -> bytes:
    """Random bytes holding a NUL, and no byte-order mark or compression magic up front."""
    data = b"\x42" + random.Random(7).randbytes(3000)
    assert b"\x00" in data
    return data


def _gzip_truncated() -> bytes:
    data = gzip.compress(HARBOUR * 50)
    return data[: len(data) // 2]


def _crawl_skips() -> list[Outcome]:
    """Records 1 (warcinfo), 2 (request), 4 (404) and 5 (image) of `news_crawl_warc`."""
    return [
        Outcome("skipped", kind="warc_not_response"),
        Outcome("skipped", kind="warc_not_response"),
        Outcome("skipped", kind="warc_not_200"),
        Outcome("skipped", kind="warc_not_html"),
    ]


def corpus() -> dict[str, tuple[object, list[Outcome]]]:
    """Path below the corpus folder -> (content, what it must become)."""
    jsonl = "\n".join(
        [
            json.dumps({"title": "Ferry timetable changes", "maintext": "Ferries leave at "
                        "nine from Monday, the operator said."}),
            '{"title": "Broken line", "maintext": ',
            json.dumps({"title": "Bridge repairs", "text": "The bridge closes for repairs "
                        "in May, the council said."}),
            "[1, 2]",
        ]
    )  # fmt: skip
    return {
        # Good articles, with a sidecar, several formats and encodings.
        "seed.txt": (SEED.read_bytes(), [ARTICLE]),
        "seed.json": (
            json.dumps({"url": "https://time.com/5569321/pompeo-putin/", "publisher": "TIME"}),
            [Outcome("claimed")],
        ),
        "harbour.txt": (HARBOUR, [ARTICLE]),
        "flood.html": (FLOOD_WALLS.read_bytes(), [ARTICLE]),
        "crawl.warc.gz": (
            gzip.compress(news_crawl_warc()),
            [read_error("duplicate", "record:3"), Outcome("articles", locator="record:6")]
            + _crawl_skips(),
        ),
        "feed.jsonl": (
            jsonl,
            [
                Outcome("articles", locator="line:1"),
                read_error("bad_json", "line:2"),
                Outcome("articles", locator="line:3"),
                read_error("bad_record", "line:4"),
            ],
        ),
        "notes.txt": (_article("Library opens", "The new library opened on Monday."), [ARTICLE]),
        "notes.json": (b"{not json", [Outcome("claimed"), Outcome("note", "read", "bad_sidecar")]),
        # Issue 31, case 5: dates that are no date. A sidecar's is ignored with a note (its
        # 1e400 is JSON's infinity); a record's 400-digit integer was an OverflowError row.
        "dated.txt": (_article("Dock reopens", "The dock reopened on Friday."), [ARTICLE]),
        "dated.json": (
            b'{"date_publish": 1e400, "publisher": "Dock News"}',
            [Outcome("claimed"), Outcome("note", "read", "bad_sidecar")],
        ),
        "huge-date.json": (
            '{"title": "Huge date", "maintext": "The mill closed on Monday, it said.", '
            f'"date_publish": 1{"0" * 400}}}',
            [ARTICLE],
        ),
        # Encodings.
        "latin1.txt": (
            _article("Café owners protest", "Café owners in Nîmes protested on Friday.")
            .decode()
            .encode("latin-1"),
            [ARTICLE],
        ),
        "invalid-utf8.txt": (
            b"Market report\n\nPrices rose \xff\xfe sharply on Monday, traders said.\n",
            [ARTICLE],
        ),
        "utf16.txt": (
            _article("Museum reopens", "The museum reopened on Sunday.").decode().encode("utf-16"),
            [ARTICLE],
        ),
        # Issue 31, low: was rejected as binary.
        "utf16-no-bom.txt": (
            _article("Gallery opens", "The gallery opened on Monday.").decode().encode("utf-16-le"),
            [ARTICLE],
        ),
        "surrogate.json": (
            '{"title": "Odd escape", "maintext": "The mayor said \\ud800 the plan is dead.", '
            '"publisher": "Bad \\udc80 Press"}',
            [ARTICLE],
        ),
        # Quotation marks that never balance, and a byline that backtracked for hours.
        "quotes.txt": (
            _article(
                "He said “this never closes",
                'The mayor said "the plan is dead. “Nobody” agreed ” and then ”” left “ it.\n\n'
                "‘Single ‘quotes’ too,’ she said. « Guillemets »» ",
            ),
            [ARTICLE],
        ),
        "long-byline.json": (
            json.dumps(
                {
                    "title": "Long byline",
                    "maintext": "The council met on Tuesday and approved the budget.",
                    "author": "Jane" + " " * 200_000 + "Doe",
                }
            ),
            [ARTICLE],
        ),
        # Names: spaces, unicode, a leading dash, dots, bytes that are not UTF-8.
        "with space.txt": (_article("Spaces", "A name with spaces was read on Monday."), [ARTICLE]),
        "ünïcödé 記事.txt": (_article("Unicode", "A unicode name was read on Monday."), [ARTICLE]),
        "-leading-dash.txt": (_article("Dash", "A name like an option was read."), [ARTICLE]),
        "notes..v2.txt": (_article("Dots", "A name with two dots was read on Monday."), [ARTICLE]),
        "not-utf8-\udcff.txt": (_article("Bytes", "A name that is not UTF-8 was read."), [ARTICLE]),
        "..hidden-dots.txt": (HARBOUR, [Outcome("ignored", kind="hidden")]),
        ".hidden.txt": (HARBOUR, [Outcome("ignored", kind="hidden")]),
        # Empty, boilerplate, binary.
        "empty.txt": (b"", [read_error("empty")]),
        "whitespace.txt": (b"  \n\t\n \r\n", [read_error("empty")]),
        "boilerplate.txt": (
            b"Advertisement\n\nShare this article\n\nSign up for our newsletter\n",
            [Outcome("errors", "clean", "empty")],
        ),
        "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), [read_error("binary")]),
        "random.bin": (_random_bytes(), [read_error("binary")]),
        "nul.txt": (b"Title\x00\n\nbody\x00", [read_error("binary")]),
        # Malformed.
        "malformed.html": (MALFORMED_HTML, [ARTICLE]),
        "malformed.json": (b'{"title": "x", "maintext": ', [read_error("bad_json")]),
        "empty-array.json": (b"[]", [read_error("empty")]),
        "broken.warc": (
            _broken_warc(),
            [Outcome("articles", locator="record:3"), read_error("corrupt", "record:6")]
            + _crawl_skips(),
        ),
        # Partly broken (issue 31): every good record kept, one row per bad one.
        "first-not-json.jsonl": (
            "\n".join(["not JSON at all", _record("Pier reopens"), _record("Pool closes")]),
            [read_error("bad_json", "line:1")]
            + [Outcome("articles", locator=f"line:{n}") for n in (2, 3)],
        ),
        "mixed-array.json": (
            f"[1, {_record('Tram line opens')}]",
            [read_error("bad_record", "record:1"), Outcome("articles", locator="record:2")],
        ),
        "cut-payload.warc": (
            news_crawl_warc()[:-200],
            [read_error("duplicate", "record:3"), read_error("corrupt", "record:6")]
            + _crawl_skips(),
        ),
        "warc-note.txt": (
            b"WARC/1.0\nA note about the WARC format, not an archive.\n",
            [read_error("corrupt", "record:1")],
        ),
        "shared-url.jsonl": (
            "\n".join(
                [_record(f"Shared {n}", url="https://news.example/") for n in range(3)]
                + [_record("Shared 0", url="https://news.example/")]
            ),
            [Outcome("articles", locator=f"line:{n}") for n in (1, 2, 3)]
            + [read_error("duplicate", "line:4")],
        ),
        # Too big.
        "too-large.txt": (Sparse(21 * 1024 * 1024), [read_error("too_large")]),
        "bomb.txt.gz": (gzip.compress(bytes(21 * 1024 * 1024)), [read_error("too_large")]),
        "bomb.json.bz2": (bz2.compress(b" " * (21 * 1024 * 1024)), [read_error("too_large")]),
        "truncated.txt.gz": (_gzip_truncated(), [read_error("corrupt")]),
        "one-line-5mb.txt": (
            b"One long line\n\n" + b"word " * 1_000_000,
            [Outcome("errors", "annotate", "too_long")],
        ),
        # Links and special files.
        "inside-link.txt": (Link("harbour.txt"), [read_error("duplicate")]),
        "outside-link.txt": (Link("../outside/secret.txt"), [read_error("outside_root")]),
        "dangling.txt": (Link("gone.txt"), [read_error("broken_link")]),
        # Issue 31, low: was `outside_root`, as if it led somewhere.
        "dangling-outside.txt": (Link("../outside/gone.txt"), [read_error("broken_link")]),
        "linked-folder": (Link("many"), [Outcome("ignored", kind="symlinked_folder")]),
        "linked-outside": (Link("../outside"), [Outcome("listing", "read", "outside_root")]),
        "fifo.txt": (Fifo(), [read_error("not_a_file")]),
        # chmod 000 does not stop root: then the file is simply read.
        "unreadable.txt": (
            Unreadable(_article("Locked", "A file nobody may read was written.")),
            [ARTICLE if os.geteuid() == 0 else read_error("PermissionError")],
        ),
        "sub/.git/config": (b"[core]\n", [Outcome("ignored", kind="hidden")]),
        **_many(),
    }


def _many() -> dict[str, tuple[object, list[Outcome]]]:
    files: dict[str, tuple[object, list[Outcome]]] = {}
    for i in range(MANY_EMPTY):
        files[f"many/empty-{i}.txt"] = (b"", [read_error("empty")])
    for i in range(MANY_BLANK):
        files[f"many/blank-{i}.txt"] = (b" \n\n", [read_error("empty")])
    for i in range(MANY_BOILERPLATE):
        body = b"Advertisement\n\nShare this article\n"
        files[f"many/promo-{i}.txt"] = (
            f"Notice {i}\n\n".encode() + body,
            [Outcome("errors", "clean", "empty")],
        )
    for i in range(MANY_ARTICLES):
        text = _article(f"Council vote {i}", f"The council of Ward {i} voted to fund a library.")
        files[f"many/vote-{i}.txt"] = (text, [ARTICLE])
    return files


def build(root: Path, spec: dict[str, tuple[object, list[Outcome]]]) -> None:
    for name, (content, _) in spec.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            path.symlink_to(content.target)
        elif isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Sparse):
            with open(path, "wb") as handle:
                handle.truncate(content.size)
        elif isinstance(content, Unreadable):
            path.write_bytes(content.content)
            path.chmod(0)
        else:
            path.write_bytes(content.encode() if isinstance(content, str) else content)


def expected_counts(spec: dict[str, tuple[object, list[Outcome]]]) -> dict[str, int]:
    """The summary's numbers, from the declarations alone."""
    counts: dict[str, int] = {}

    def add(name: str, n: int = 1) -> None:
        counts[name] = counts.get(name, 0) + n

    for _, outcomes in spec.values():
        kinds = {o.table for o in outcomes}
        if not kinds & {"ignored", "listing"}:
            add("matched")
            add("claimed" if "claimed" in kinds else "read")
        whole_file = [o for o in outcomes if o.table == "errors" and o.stage == "read"]
        whole_file = [o for o in whole_file if o.locator is None and o.kind != "duplicate"]
        if whole_file:
            add("rejected whole")
        elif not kinds & {"ignored", "listing", "claimed"}:
            add("parsed")
        for o in outcomes:
            if o.table == "claimed":
                continue
            if o.table == "skipped":
                add(f"skipped.{o.kind}")
            elif o.table == "ignored":
                add(f"ignored.{o.kind}")
            elif o.table in ("listing", "note"):
                add(o.table)
            elif o.table == "articles":
                add("articles read")
                add("written")
            elif o.kind == "duplicate":
                add("articles read")
                add("duplicates")
            elif o.stage != "read":
                add("articles read")
                add(f"after.{o.stage}")
            elif o.locator is not None:
                add("bad records")
    return counts


def _expected_summary(counts: dict[str, int]) -> list[str]:
    def get(name: str) -> int:
        return counts.get(name, 0)

    skipped = {k[8:]: v for k, v in sorted(counts.items()) if k.startswith("skipped.")}
    after = {k[6:]: v for k, v in sorted(counts.items()) if k.startswith("after.")}
    ignored = {k[8:]: v for k, v in sorted(counts.items()) if k.startswith("ignored.")}

    def parts(values: dict[str, int]) -> str:
        return " (" + ", ".join(f"{k}: {v}" for k, v in values.items()) + ")"

    records = get("articles read") + get("bad records") + sum(skipped.values())
    errors = (
        get("listing") + 1  # the pattern that matches nothing
        + get("rejected whole") + get("bad records") + get("note") + get("duplicates")
        + sum(after.values())
    )  # fmt: skip
    return [
        f"inputs:           {get('matched')} = {get('read')} files read + "
        f"{get('claimed')} sidecars claimed",
        f"not inputs:       {sum(ignored.values())}{parts(ignored)}",
        f"files read:       {get('read')} = {get('rejected whole')} rejected whole + "
        f"{get('parsed')} parsed",
        f"records:          {records} = {get('articles read')} articles read + "
        f"{get('bad records')} bad records + {sum(skipped.values())} skipped{parts(skipped)}",
        f"articles read:    {get('articles read')} = {get('written')} written + "
        f"{get('duplicates')} duplicates + {sum(after.values())} failed after read{parts(after)}",
        f"error rows:       {errors} = {get('listing') + 1} listing errors + "
        f"{get('rejected whole')} files rejected + {get('bad records')} bad records + "
        f"{get('note')} sidecar notes + {get('duplicates')} duplicates + "
        f"{sum(after.values())} failed after read",
    ]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The corpus and one run over it: (spec, folder, output, result)."""
    base = tmp_path_factory.mktemp("bad-inputs")
    folder, output = base / "corpus", base / "out"
    (base / "outside").mkdir()
    (base / "outside" / "secret.txt").write_bytes(SECRET)
    spec = corpus()
    build(folder, spec)
    result = newsbeam(
        "run",
        "--input",
        str(folder),
        "--input",
        str(folder / "missing-*.txt"),
        # Issue 31, low: a file named by two patterns was read twice (a duplicate of itself).
        "--input",
        str(folder / "harbour.txt"),
        "--output",
        str(output),
        "--fail_on_errors",
    )
    return spec, folder, output, result


def test_the_run_finishes_with_errors_recorded(run):
    *_, result = run
    assert result.returncode == 3, result.stderr  # --fail_on_errors: there were errors
    assert "Traceback" not in result.stderr, result.stderr
    assert not list(run[2].rglob("*.inprogress"))


def test_summary_accounts_for_every_input(run):
    spec, _, _, result = run
    printed = result.stdout.splitlines()
    assert "DOES NOT ADD UP" not in result.stdout
    assert printed[:6] == _expected_summary(expected_counts(spec))


def _rows(output: Path, folder: Path) -> tuple[set, set]:
    con = connect(str(output))
    articles = con.execute("SELECT source_uri, locator FROM articles").fetchall()
    errors = con.execute("SELECT source_uri, locator, stage, error FROM errors").fetchall()
    where = str(folder) + "/"

    def relative(uri: str) -> str:
        return uri[len(where) :] if uri.startswith(where) else uri

    return (
        {(relative(u), loc) for u, loc in articles},
        {(relative(u), loc, stage, kind) for u, loc, stage, kind in errors},
    )


def _as_written(name: str) -> str:
    """A file name as the tables hold it: bytes that are not UTF-8 become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _declared_rows(spec) -> tuple[set, set]:
    articles = {
        (_as_written(n), o.locator)
        for n, (_, outs) in spec.items()
        for o in outs
        if o.table == "articles"
    }
    errors = {
        (_as_written(n), o.locator, o.stage, o.kind)
        for n, (_, outs) in spec.items()
        for o in outs
        if o.table in ("errors", "listing", "note")
    }
    errors.add(("missing-*.txt", None, "read", "no_match"))
    return articles, errors


def test_every_input_has_its_declared_rows(run):
    spec, folder, output, _ = run
    articles, errors = _rows(output, folder)
    expected_articles, expected_errors = _declared_rows(spec)
    assert articles == expected_articles
    assert errors == expected_errors


def test_no_row_is_duplicated_or_orphaned(run):
    spec, _, output, _ = run
    con = connect(str(output))
    n_articles, n_ids = con.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM articles"
    ).fetchone()
    assert n_articles == n_ids == len(_declared_rows(spec)[0])
    (n_errors,) = con.execute("SELECT count(*) FROM errors").fetchone()
    assert n_errors == len(_declared_rows(spec)[1])
    for table in ("entities", "quotes"):
        orphans = con.execute(
            f"SELECT count(*) FROM {table} "
            "WHERE article_id NOT IN (SELECT article_id FROM articles)"
        ).fetchone()
        assert orphans == (0,), table


def test_good_articles_keep_their_content(run):
    _, folder, output, _ = run
    con = connect(str(output))

    def row(name: str, columns: str) -> tuple:
        return con.execute(
            f"SELECT {columns} FROM articles WHERE source_uri = ?", [str(folder / name)]
        ).fetchone()

    assert row("seed.txt", "url, publisher, entity_count > 5, quote_count > 5") == (
        "https://time.com/5569321/pompeo-putin/",
        "TIME",
        True,
        True,
    )
    assert row("latin1.txt", "title, encoding")[0] == "Café owners protest"
    assert row("utf16.txt", "title, encoding") == ("Museum reopens", "utf-16")
    assert row("utf16-no-bom.txt", "title, encoding") == (
        "Gallery opens",
        "utf-16-le (no byte-order mark)",
    )
    assert row("dated.txt", "publisher, published_at, date_source") == (
        "Dock News",
        None,
        "ingested",
    )
    assert row("invalid-utf8.txt", "encoding")[0].startswith("cp1252 (fallback")
    assert row("surrogate.json", "text, publisher") == (
        "The mayor said \ufffd the plan is dead.",
        "Bad \ufffd Press",
    )
    assert row("long-byline.json", "authors") == (["Jane Doe"],)
    assert row("malformed.html", "title") == ("Ferry fares rise",)
    (n_votes,) = con.execute(
        "SELECT count(*) FROM articles WHERE parse_filename(source_uri) LIKE 'vote-%'"
    ).fetchone()
    assert n_votes == MANY_ARTICLES


def test_spans_are_exact_and_nothing_leaks(run):
    _, _, output, _ = run
    con = connect(str(output))
    assert inexact_spans(con) == []
    leaked = con.execute(
        "SELECT count(*) FROM articles WHERE text LIKE '%SECRET%' OR title LIKE '%Payroll%'"
    ).fetchone()
    assert leaked == (0,)
    paths = [p.relative_to(output).parts for p in output.rglob("*.parquet")]
    assert paths and all(re.fullmatch(r"part-[0-9a-f]{20}\.parquet", p[-1]) for p in paths)
    assert all(p[0] in ("articles", "entities", "quotes", "errors") for p in paths)
