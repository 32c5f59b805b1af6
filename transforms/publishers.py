"""Publisher stage: one name per site across the run.

Each article leaves the read stage with the name its own input gives its site (the shipped
table's, else the page's or record's stated name, else the domain). Pages of one site do
not always agree ("AP News" on one page, "Associated Press" in a feed), so the run counts
the names given to each registrable domain and every article of the domain gets the one
`agreed_name` picks: the table's, else the most common stated name, else the domain. In
streaming, names are agreed per window, like the learned boilerplate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

import apache_beam as beam

from newsbeam.transforms.formats import agreed_name, registrable_domain
from newsbeam.transforms.records import Article


def domain_vote(article: Article) -> Iterator[tuple[str, str]]:
    """(registrable domain, stated name) of an article with a URL."""
    domain = registrable_domain(article.url or "")
    if domain:
        yield domain, article.publisher or domain


def agree(item: tuple[str, Iterable[str]]) -> tuple[str, str]:
    domain, names = item
    return domain, agreed_name(Counter(names), domain)


def with_agreed_name(article: Article, names: Mapping[str, str]) -> Article:
    """The article with its domain's agreed publisher name (unchanged without a URL)."""
    domain = registrable_domain(article.url or "")
    name = names.get(domain) if domain else None
    return replace(article, publisher=name) if name and name != article.publisher else article


class AgreePublishers(beam.PTransform):
    """Articles -> the same articles, every article of a domain under one publisher name."""

    def expand(self, articles):
        names = (
            articles
            | "DomainVotes" >> beam.FlatMap(domain_vote)
            | "NamesByDomain" >> beam.GroupByKey()
            | "AgreedName" >> beam.Map(agree)
        )
        return articles | "OneNamePerDomain" >> beam.Map(
            with_agreed_name, beam.pvalue.AsDict(names)
        )
