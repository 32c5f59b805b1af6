"""Annotate stage: parse each article once with spaCy, extract entities then quotes.

An article detected in another language than the model's passes through unparsed, with
no entities or quotes (counted as `articles_not_annotated_language`).

The parse is the pipeline's dominant cost, so it happens exactly once per article, in
batches through `nlp.pipe`, with the model loaded once per worker process in
`setup()`. The `Doc` never leaves this stage: only plain records go downstream
(a pickled Doc is ~2 MB and would make every later step slow).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import apache_beam as beam
from spacy.language import Language
from spacy.tokens import Doc

from newsbeam.transforms.deadletter import (
    ARTICLES,
    ERRORS,
    RejectedInput,
    article_error,
)
from newsbeam.transforms.entities import describe_people, extract_entities
from newsbeam.transforms.matching import with_match_keys
from newsbeam.transforms.metrics import (
    ARTICLES_ANNOTATED,
    ARTICLES_NOT_ANNOTATED,
    ARTICLES_PARSING,
    ENTITIES,
    QUOTES,
    ProgressCounter,
    counter,
)
from newsbeam.transforms.nlp import (
    DEFAULT_BATCH_SIZE,
    load_nlp,
    prepare_for_parse,
    reads_language,
)
from newsbeam.transforms.quotes import extract_quotes
from newsbeam.transforms.records import Article

STAGE = "annotate"

#: A worker's first batch starts with this many articles parsed on their own, so that
#: the progress line has a rate seconds after the model is loaded (a batch of 16 news
#: articles takes half a minute on a busy core); later batches are whole.
EARLY_ARTICLES = 2

#: Default of --max_article_chars: longer articles are error rows, not parsed.
MAX_CHARS = 300_000


def annotate(
    nlp: Language, articles: Sequence[Article], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[Article | tuple[Article, Exception]]:
    """Each article with entities and quotes, or (article, exception) when it failed."""
    for parsed in parse_articles(nlp, articles, batch_size):
        if len(parsed) == 2:
            yield parsed
            continue
        article, doc, title_doc = parsed
        try:
            entities = extract_entities(doc, title_doc, text=article.text)
            quotes = extract_quotes(doc, entities, text=article.text)
            entities = describe_people(doc, entities, quotes, text=article.text)
            entities, quotes = with_match_keys(entities, quotes)
        except Exception as exc:  # noqa: BLE001 - one article's failure is its dead letter
            yield article, exc
            continue
        yield replace(article, entities=entities, quotes=quotes)


def parse_articles(
    nlp: Language, articles: Sequence[Article], batch_size: int = DEFAULT_BATCH_SIZE
) -> Iterator[tuple[Article, Doc, Doc] | tuple[Article, Exception]]:
    """(article, body Doc, title Doc) per article, or (article, exception) when its parse
    failed: the one parse the entity and quote steps share.

    Titles go through NER only (the model's NER has its own embedding layer, so it does
    not need the tagger or parser): entities in a title count for salience.
    """
    texts = [prepare_for_parse(a.text) for a in articles]
    titles = [prepare_for_parse(a.title, context=a.text) for a in articles]
    try:
        docs = list(nlp.pipe(texts, batch_size=batch_size))
        title_docs = list(nlp.pipe(titles, batch_size=batch_size, disable=pipes_besides_ner(nlp)))
    except Exception:  # noqa: BLE001 - isolate the article that broke the batch
        if len(articles) == 1:
            raise
        for article in articles:
            try:
                yield from parse_articles(nlp, [article], batch_size)
            except Exception as exc:  # noqa: BLE001
                yield article, exc
        return
    yield from zip(articles, docs, title_docs)


def check_size(article: Article, max_chars: int) -> None:
    """Raise `too_long` when the article's title and text together (both are parsed)
    are longer than `max_chars`."""
    size = len(article.title) + len(article.text)
    if size > max_chars:
        raise RejectedInput(
            "too_long",
            f"title and cleaned text have {size} characters, over --max_article_chars={max_chars}",
        )


def annotate_article(nlp: Language, article: Article, max_chars: int = MAX_CHARS) -> Article:
    """One article through this stage outside Beam (`newsbeam.annotate`): with entities
    and quotes, unchanged in another language than the model's; raises what would be
    its error row (`RejectedInput` when too long, the extraction's own exception)."""
    check_size(article, max_chars)
    if not reads_language(article.language, nlp.lang):
        return article
    (result,) = annotate(nlp, [article])
    if isinstance(result, tuple):
        raise result[1]
    return result


def pipes_besides_ner(nlp: Language) -> list[str]:
    """The pipes to disable when only NER is wanted (titles: entities, no quotes)."""
    return [name for name in nlp.pipe_names if name != "ner"]


class AnnotateBatchFn(beam.DoFn):
    def __init__(self, model: str, batch_size: int, max_chars: int) -> None:
        self._model = model
        self._batch_size = batch_size
        self._max_chars = max_chars
        self._nlp: Language | None = None
        self._entities = counter(ENTITIES)
        self._quotes = counter(QUOTES)
        self._annotated = counter(ARTICLES_ANNOTATED)
        self._other_language = counter(ARTICLES_NOT_ANNOTATED)
        self._parsing = ProgressCounter(ARTICLES_PARSING)
        self._early = EARLY_ARTICLES

    def setup(self) -> None:
        self._nlp = load_nlp(self._model)
        self._early = EARLY_ARTICLES

    def process(self, batch: list[Article]) -> Iterator:
        assert self._nlp is not None
        fitting = []
        for article in batch:
            try:
                check_size(article, self._max_chars)
            except RejectedInput as exc:
                yield article_error(article, STAGE, exc)
                continue
            if not reads_language(article.language, self._nlp.lang):
                # The model would find English-shaped entities and quotes in it: junk.
                self._other_language.inc()
                yield article
            else:
                fitting.append(article)
        self._parsing.inc(len(fitting))
        early, self._early = fitting[: self._early], 0
        for group in (early, fitting[len(early) :]):
            for result in annotate(self._nlp, group, self._batch_size):
                if isinstance(result, tuple):
                    yield article_error(result[0], STAGE, result[1])
                    continue
                self._annotated.inc()
                self._entities.inc(len(result.entities))
                self._quotes.inc(len(result.quotes))
                yield result


class AnnotateArticles(beam.PTransform):
    """Articles -> {articles, errors} with entities and quotes (one spaCy parse each)."""

    def __init__(
        self, model: str, batch_size: int = DEFAULT_BATCH_SIZE, max_chars: int = MAX_CHARS
    ) -> None:
        super().__init__()
        self._model = model
        self._batch_size = batch_size
        self._max_chars = max_chars

    def expand(self, articles):
        return (
            articles
            # Fixed-size batches: BatchElements' adaptive sizing starts at one element and, with
            # each parse taking long, stays near it, losing nlp.pipe's batching (about 20%).
            | "Batch"
            >> beam.BatchElements(min_batch_size=self._batch_size, max_batch_size=self._batch_size)
            | "ParseAndExtract"
            >> beam.ParDo(
                AnnotateBatchFn(self._model, self._batch_size, self._max_chars)
            ).with_outputs(ERRORS, main=ARTICLES)
        )
