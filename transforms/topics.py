"""Classify articles into the 17 top-level IPTC Media Topics.

The shipped model (`transforms/data/topics_model.npz`, rebuilt by `newsbeam train-topics
--shipped`) is a linear model over lower-cased words and word pairs (a lexicon of cue words
with weights learned on labelled news folded in): scoring is a dictionary look-up and one
small matrix sum per article, so the stage costs a fraction of the spaCy parse. Titles and
early paragraphs weigh more than late ones (news is written top-down), and the names of
salient entities are counted again.

Users can swap in their own spaCy text classifier (`ClassifyTopics(model_path=...)`); its
labels, slugified, then become the topics.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import apache_beam as beam
import numpy as np

from newsbeam.transforms.deadletter import (
    ARTICLES,
    ERRORS,
    ArticleStageFn,
    article_error,
    run_stage,
)
from newsbeam.transforms.metrics import TOPIC, counter, keyed
from newsbeam.transforms.nlp import reads_language
from newsbeam.transforms.records import Article, Entity, TopicScore

#: IPTC Media Topics top-level qcode -> partition slug (stable: slugs are folder names).
IPTC_TOP_LEVEL: dict[str, str] = {
    "medtop:01000000": "arts-culture-entertainment-media",
    "medtop:02000000": "crime-law-justice",
    "medtop:03000000": "disaster-accident-emergency",
    "medtop:04000000": "economy-business-finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human-interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle-leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science-technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict-war-peace",
    "medtop:17000000": "weather",
}

#: The slug of an article whose best topic scores below the threshold.
OTHER = "other"
#: The shipped model reads English; an article in another language gets topic `other`.
MODEL_LANGUAGE = "en"

#: The stage name of this step's dead letters.
STAGE = "classify"

#: Default confidence below which the primary topic is `other` (probability of the best topic).
#: `other` is for an article that fits no topic, not for a hard choice between two (the
#: topic guide's rule): the best of 17 topics is implausible only when it is barely above
#: the uniform 1/17 (0.06). At 0.25, 6 of 218 labelled web articles went to `other` though
#: each has a topic (a crime story at 0.22, a climate story at 0.18).
DEFAULT_THRESHOLD = 0.1

#: How much one title word counts relative to a word of the first paragraph.
TITLE_WEIGHT = 2.0

#: Paragraph i (0-based) counts 1 / (1 + i / PARAGRAPH_HALF_LIFE): the tenth counts about 0.3.
PARAGRAPH_HALF_LIFE = 4.0

#: Extra weight of an entity name's words, times the entity's salience (clamped to [0, 1]).
ENTITY_WEIGHT = 6.0

_MODEL_FILE = "topics_model.npz"
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.&][a-z0-9]+)*")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
_SLUG_JUNK_RE = re.compile(r"[^a-z0-9]+")


def slugify(label: str) -> str:
    """Make a partition-safe slug ([a-z0-9-]) from any label; `other` when nothing is left."""
    slug = _SLUG_JUNK_RE.sub("-", label.lower().replace("&", " ")).strip("-")
    return slug or OTHER


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens; keeps `u.s`, `s&p`, `3.5` whole so they stay meaningful."""
    return _TOKEN_RE.findall(text.lower())


def features(tokens: Sequence[str]) -> Iterator[str]:
    """Words and adjacent word pairs ("interest rates", "world cup") of one text span."""
    yield from tokens
    for first, second in itertools.pairwise(tokens):
        yield f"{first} {second}"


def weighted_spans(
    title: str, text: str, entities: Sequence[Entity] = ()
) -> Iterator[tuple[str, float]]:
    """The article's text spans with the weight each of their words gets.

    The title counts TITLE_WEIGHT, paragraphs fade with their position, and entity names
    count again in proportion to salience: what an article is about is named early and often.
    """
    if title:
        yield title, TITLE_WEIGHT
    for index, paragraph in enumerate(_PARAGRAPH_RE.split(text)):
        yield paragraph, 1.0 / (1.0 + index / PARAGRAPH_HALF_LIFE)
    for entity in entities:
        if entity.salience > 0:
            yield entity.name, ENTITY_WEIGHT * min(entity.salience, 1.0)


@dataclass(frozen=True)
class LinearTopicModel:
    """Softmax over `bias + scale * mean(weights[feature])` of the article's weighted features."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    scale: float

    @classmethod
    def load(cls, path: str | Path | None = None) -> LinearTopicModel:
        """Load a model saved by `save` (the shipped one when `path` is None)."""
        if path is None:
            with resources.as_file(resources.files("newsbeam.transforms.data") / _MODEL_FILE) as p:
                return cls.load(p)
        with np.load(path, allow_pickle=False) as data:
            vocabulary = [str(term) for term in data["vocabulary"]]
            return cls(
                labels=tuple(str(label) for label in data["labels"]),
                index={term: row for row, term in enumerate(vocabulary)},
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                scale=float(data["scale"]),
            )

    def save(self, path: str | Path) -> None:
        """Write the model as a compressed .npz (no pickles: safe to load from anywhere)."""
        vocabulary = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            vocabulary=np.array(vocabulary),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            scale=np.float32(self.scale),
        )

    def feature_counts(self, spans: Iterable[tuple[str, float]]) -> dict[int, float]:
        """Known features of the spans -> summed position weight (unknown words are dropped)."""
        counts: dict[int, float] = {}
        index = self.index
        for span, weight in spans:
            for feature in features(tokenize(span)):
                row = index.get(feature)
                if row is not None:
                    counts[row] = counts.get(row, 0.0) + weight
        return counts

    def probabilities(self, spans: Iterable[tuple[str, float]]) -> np.ndarray:
        """Probability of each label for the weighted spans (the bias alone when none is known)."""
        counts = self.feature_counts(spans)
        logits = self.bias.copy()
        if counts:
            rows = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            amounts = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
            logits += self.scale * (amounts @ self.weights[rows]) / amounts.sum()
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


@functools.lru_cache(maxsize=1)
def default_model() -> LinearTopicModel:
    """The shipped IPTC model, loaded once per process."""
    return LinearTopicModel.load()


def ranked(labels: Sequence[str], scores: Iterable[float]) -> list[TopicScore]:
    """TopicScores best first (ties by label, so output is deterministic)."""
    pairs = sorted(zip(labels, scores, strict=True), key=lambda pair: (-pair[1], pair[0]))
    return [TopicScore(label=label, score=round(float(score), 4)) for label, score in pairs]


def classify(title: str, text: str, entities: Sequence[Entity] = ()) -> list[TopicScore]:
    """Scores over the 17 top-level IPTC Media Topics, best first (TopicScore.label = slug)."""
    model = default_model()
    return ranked(model.labels, model.probabilities(weighted_spans(title, text, entities)))


def primary_topic(scores: Sequence[TopicScore], threshold: float) -> str:
    """Slug of the best topic, or "other" below the threshold."""
    if not scores:
        return OTHER
    best = max(scores, key=lambda score: score.score)
    return best.label if best.score >= threshold else OTHER


def unread(article: Article) -> Article:
    """An article in a language the model does not read: topic `other`, no scores (the
    model would file it by the few words of its own language the article holds)."""
    return replace(article, topics=[], topic=OTHER)


def with_topics(article: Article, scores: list[TopicScore], threshold: float) -> Article:
    """The article with its scores and partition topic: the best topic at or above the
    threshold, else `other`."""
    return replace(article, topics=scores, topic=primary_topic(scores, threshold))


def classify_article(article: Article, threshold: float = DEFAULT_THRESHOLD) -> Article:
    """The shipped model's scores and topic for an annotated article (title, text and
    entities), exactly as the classify stage sets them."""
    if not reads_language(article.language, MODEL_LANGUAGE):
        return unread(article)
    return with_topics(article, classify(article.title, article.text, article.entities), threshold)


def classifier_input(title: str, text: str) -> str:
    """The text a spaCy topic classifier sees: title, blank line, body (in training and use)."""
    return f"{title}\n\n{text}" if title else text


def distinct_slugs(labels: Iterable[str]) -> dict[str, str]:
    """Label -> slug, refusing labels that slugify alike ("Sci/Tech" and "sci tech"): their
    articles would silently share one partition."""
    slugs: dict[str, str] = {}
    owner: dict[str, str] = {}
    for label in labels:
        slug = slugify(label)
        if slug in owner and owner[slug] != label:
            raise ValueError(
                f"labels {owner[slug]!r} and {label!r} both become topic {slug!r}; rename one"
            )
        owner[slug] = label
        slugs[label] = slug
    return slugs


#: spaCy components whose labels are topics.
_TEXTCAT_FACTORIES = frozenset({"textcat", "textcat_multilabel"})

#: Articles per nlp.pipe batch of a user's spaCy classifier.
SPACY_BATCH_SIZE = 64


class SpacyTopicClassifier:
    """A user's spaCy text classifier (`--topic_model PATH`), labels slugified.

    Loading refuses a model two of whose labels slugify alike (ValueError).
    """

    def __init__(self, model_path: str) -> None:
        import spacy  # Imported here: the shipped model needs no spaCy.

        self.nlp = spacy.load(model_path)
        #: The language the model reads (its spaCy `lang`).
        self.language = self.nlp.lang or MODEL_LANGUAGE
        self.slugs = distinct_slugs(
            label
            for name in self.nlp.pipe_names
            if self.nlp.get_pipe_meta(name).factory in _TEXTCAT_FACTORIES
            for label in getattr(self.nlp.get_pipe(name), "labels", ())
        )

    def classify_batch(self, articles: Iterable[tuple[str, str]]) -> list[list[TopicScore]]:
        """Scores per (title, text), through nlp.pipe (batched: far faster than one call per
        article); the title goes first, as in training."""
        docs = self.nlp.pipe(
            (classifier_input(title, text) for title, text in articles),
            batch_size=SPACY_BATCH_SIZE,
        )
        return [
            ranked([self.slugs.get(label, slugify(label)) for label in doc.cats], doc.cats.values())
            for doc in docs
        ]

    def classify_articles(self, articles: Sequence[Article], threshold: float) -> list[Article]:
        """The articles with their scores and topic, as the classify stage sets them (an
        article in a language other than the model's is `other`, unscored)."""
        read = [a for a in articles if reads_language(a.language, self.language)]
        scores = iter(self.classify_batch((a.title, a.text) for a in read))
        return [
            with_topics(a, next(scores), threshold)
            if reads_language(a.language, self.language)
            else unread(a)
            for a in articles
        ]

    def classifier(self, threshold: float) -> Callable[[Sequence[Article]], list[Article]]:
        """`classify_articles` at a fixed threshold."""
        return functools.partial(self.classify_articles, threshold=threshold)


def _count_topic(counters: dict[str, Any], topic: str) -> None:
    """Add one to the `topic.<slug>` counter."""
    if topic not in counters:
        counters[topic] = counter(keyed(TOPIC, topic))
    counters[topic].inc()


class ClassifyTopicsFn(ArticleStageFn):
    """Scores each article with the shipped model (loaded once per worker process); an
    article the model fails on is a dead letter of the `classify` stage.

    Counts articles per primary topic in the `topic.<slug>` counters.
    """

    stage = STAGE

    def __init__(self, threshold: float) -> None:
        super().__init__()
        self._threshold = threshold
        self._counters: dict[str, Any] = {}

    def setup(self) -> None:
        default_model()

    def transform(self, article: Article) -> Article:
        classified = classify_article(article, self._threshold)
        _count_topic(self._counters, classified.topic)
        return classified


class ClassifyTopicsBatchFn(beam.DoFn):
    """Scores batches of articles with a user's spaCy classifier (loaded once per worker)."""

    def __init__(self, model_path: str, threshold: float) -> None:
        self._model_path = model_path
        self._threshold = threshold
        self._classifier: SpacyTopicClassifier | None = None
        self._counters: dict[str, Any] = {}

    def setup(self) -> None:
        self._classifier = SpacyTopicClassifier(self._model_path)

    def process(self, batch: Sequence[Article]) -> Iterator:
        """Each article with its topics; when the batch fails, each article is retried
        alone and the ones that still fail become dead letters."""
        assert self._classifier is not None, "setup() loads the classifier"
        try:
            classified = self._classifier.classify_articles(batch, self._threshold)
        except Exception as exc:  # noqa: BLE001 - isolate the article that broke the batch
            if len(batch) == 1:
                yield article_error(batch[0], STAGE, exc)
            else:
                for article in batch:
                    yield from self.process([article])
            return
        for article in classified:
            _count_topic(self._counters, article.topic)
            yield article


class ClassifyTopics(beam.PTransform):
    """Articles -> {articles, errors} with `topics` and `topic` set."""

    def __init__(self, model_path: str | None = None, threshold: float | None = None) -> None:
        """`model_path`: a spaCy textcat pipeline to use instead of the shipped IPTC model;
        `threshold`: best-topic score below which the topic is `other` (None: the default)."""
        super().__init__()
        self._model_path = model_path
        self._threshold = DEFAULT_THRESHOLD if threshold is None else threshold

    def expand(self, articles: beam.PCollection):
        if self._model_path is None:
            return run_stage(articles, "ScoreTopics", ClassifyTopicsFn(self._threshold))
        return (
            articles
            | "BatchForSpacy"
            >> beam.BatchElements(min_batch_size=1, max_batch_size=SPACY_BATCH_SIZE)
            | "ScoreTopicsWithSpacy"
            >> beam.ParDo(ClassifyTopicsBatchFn(self._model_path, self._threshold)).with_outputs(
                ERRORS, main=ARTICLES
            )
        )
