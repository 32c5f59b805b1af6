"""Learned boilerplate: lines a publisher repeats across many of its articles in a run.

Fixed patterns miss each site's own furniture ("Get the Yahoo News app", a standing
sign-off, a section label). A short line (normalised, case-folded) that appears in at
least `min_articles` articles of one publisher, and in at least `min_share` of that
publisher's articles in the run, is that publisher's boilerplate. Counting is done in
Beam per publisher (and per window when streaming); the result, publisher key ->
lines, is the clean stage's side input (`newsbeam.transforms.clean.LearnedLines`). Both
thresholds matter: the count alone would take a sentence shared by three versions of
one big publisher's story, the share alone any line of a publisher with two articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import apache_beam as beam

from newsbeam.transforms.clean import publisher_key
from newsbeam.transforms.formats import MAX_BOILERPLATE_CHARS, normalise
from newsbeam.transforms.records import Article

#: Output tag of the sources for the (publisher key, candidate lines) of their articles.
LINES = "lines"


def candidate_lines(raw_body: str) -> frozenset[str]:
    """The distinct lines of a body that could be boilerplate, in the form `clean` looks up.

    Only short lines qualify (`MAX_BOILERPLATE_CHARS`, as for the built-in patterns) and
    only lines with a letter or digit: a separator like "***" is not a site's signature.
    """
    lines = (line.strip() for line in normalise(raw_body).split("\n"))
    return frozenset(
        line.casefold()
        for line in lines
        if 0 < len(line) <= MAX_BOILERPLATE_CHARS and any(ch.isalnum() for ch in line)
    )


def learned_lines(
    line_counts: Mapping[str, int], article_count: int, min_articles: int, min_share: float
) -> frozenset[str]:
    """The lines of one publisher that pass both thresholds.

    `line_counts` says in how many of the publisher's `article_count` articles each
    line appears.
    """
    needed = max(min_articles, min_share * article_count)
    return frozenset(line for line, count in line_counts.items() if count >= needed)


def publisher_lines(article: Article) -> Iterator[tuple[str, frozenset[str]]]:
    """(publisher key, candidate lines) of an article with a known publisher: what
    `LearnBoilerplate` counts. The sources emit these under the `LINES` tag."""
    key = publisher_key(article)
    if key:
        yield key, candidate_lines(article.raw_body)


def _line_votes(item: tuple[str, frozenset[str]]) -> Iterator[tuple[tuple[str, str], int]]:
    key, lines = item
    for line in lines:
        yield (key, line), 1


def _publisher_lines(
    item: tuple[str, dict[str, Iterable]], min_articles: int, min_share: float
) -> Iterator[tuple[str, frozenset[str]]]:
    key, grouped = item
    article_count = sum(grouped["articles"])
    counts = dict(grouped["lines"])
    lines = learned_lines(counts, article_count, min_articles, min_share)
    if lines:
        yield key, lines


class LearnBoilerplate(beam.PTransform):
    """(publisher key, candidate lines) of each unique article, from `publisher_lines`
    -> (publisher key, learned lines) for each publisher that has any; use with
    `beam.pvalue.AsDict` as the clean stage's side input.

    Counts are per window and pane: in batch that is the whole run; in streaming each
    firing of a window counts the articles of that firing (discarding panes), and the
    articles cleaned in the window see the latest firing.
    """

    def __init__(self, min_articles: int, min_share: float) -> None:
        super().__init__()
        self._min_articles = min_articles
        self._min_share = min_share

    def expand(self, keyed):
        article_counts = (
            keyed
            | "OnePerArticle" >> beam.Map(lambda item: (item[0], 1))
            | "CountArticles" >> beam.CombinePerKey(sum)
        )
        line_counts = (
            keyed
            | "OnePerLine" >> beam.FlatMap(_line_votes)
            | "CountLines" >> beam.CombinePerKey(sum)
            | "FrequentEnough" >> beam.Filter(lambda item, n: item[1] >= n, self._min_articles)
            | "ByPublisher" >> beam.Map(lambda item: (item[0][0], (item[0][1], item[1])))
        )
        return (
            {"articles": article_counts, "lines": line_counts}
            | "JoinCounts" >> beam.CoGroupByKey()
            | "Thresholds" >> beam.FlatMap(_publisher_lines, self._min_articles, self._min_share)
        )
