"""`newsbeam eval entities --gold` and `--wrong-merges`: the scorer and the checker on
hand-made inputs (real Parquet read back by DuckDB)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsbeam.evaluation.entity_gold import GoldArticle, Predicted, Tally, normalise
from newsbeam.evaluation.wrong_merges import clashing_given_names, frequent_names, wrong_merges
from newsbeam.transforms.dataset import schema


def _entity(article: str, name: str, label: str, forms: list[str]) -> dict:
    return {
        "article_id": article,
        "entity_id": f"{article}-{name}",
        "name": name,
        "label": label,
        "mention_count": len(forms),
        "salience": 0.5,
        "mentions": [{"text": f, "start": 0, "end": len(f)} for f in forms],
    }


def _write_entities(root: Path, rows: list[dict]) -> None:
    folder = root / "entities" / "date=2024-01-01" / "topic=politics"
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema.ENTITIES), folder / "part-0.parquet")


def test_clashing_given_names_allow_short_forms_and_initials():
    assert clashing_given_names(["Michael Pompeo", "Mike Pompeo", "M. Pompeo", "Pompeo"]) == ()
    assert clashing_given_names(["Donald Trump", "Trump", "Melania Trump"]) == (
        "Donald",
        "Melania",
    )
    # Titles are not given names: "Sen. Chuck Schumer" and "Chuck Schumer" agree.
    assert clashing_given_names(["Sen. Chuck Schumer", "Chuck Schumer"]) == ()


def test_wrong_merges_counts_people_of_an_output_folder(tmp_path):
    _write_entities(
        tmp_path,
        [
            _entity("a1", "Tanner Fischer", "PERSON", ["Tanner Fischer", "Adrianne Fischer"]),
            _entity("a1", "Bill Clinton", "PERSON", ["William Clinton", "Bill Clinton"]),
            _entity("a2", "Sharif", "ORG", ["Ahmed Sharif", "Shehbaz Sharif"]),
        ],
    )
    people, found = wrong_merges(str(tmp_path))
    assert people == 2
    assert [(m.article_id, m.name, m.given_names) for m in found] == [
        ("a1", "Tanner Fischer", ("Adrianne", "Tanner"))
    ]


def test_frequent_names_rank_by_articles_with_their_forms(tmp_path):
    _write_entities(
        tmp_path,
        [
            _entity("a1", "United States", "GPE", ["U.S.", "United States", "U.S."]),
            _entity("a2", "United States", "GPE", ["US"]),
            _entity("a2", "Reuters", "ORG", ["Reuters"]),
            _entity("a2", "Pompeo", "PERSON", ["Pompeo"]),
        ],
    )
    rows = frequent_names(str(tmp_path), limit=5)
    assert [(r.name, r.label, r.articles) for r in rows] == [
        ("United States", "GPE", 2),
        ("Reuters", "ORG", 1),
    ]
    assert rows[0].variants == ("U.S.", "US", "United States")


def _gold() -> GoldArticle:
    return GoldArticle.from_entry(
        {
            "article": "g1",
            "entities": [
                {"name": "Andrew Weiss", "label": "PERSON", "variants": ["Andrew Weiss", "Weiss"]},
                {"name": "Twitter", "label": "ORG", "variants": ["Twitter"]},
                {"name": "Nepal", "label": "GPE", "variants": ["Nepal", "Nepal's"]},
                {"name": "Himalayas", "label": "LOC", "variants": ["the Himalayas"]},
            ],
            "boilerplate_names": ["Joe Raedle"],
        }
    )


def _predicted(name: str, label: str, *forms: str) -> Predicted:
    return Predicted(name, label, frozenset(normalise(f) for f in (name, *forms)))


def test_gold_scorer_counts_precision_recall_errors_and_splits():
    tally = Tally()
    tally.add(
        _gold(),
        [
            _predicted("Andrew Weiss", "PERSON", "Weiss"),
            _predicted("Weiss", "PERSON"),  # the same referent again: a split
            _predicted("Twitter", "PERSON"),  # wrong type
            _predicted("Joe Raedle", "PERSON"),  # a widget line's name
            _predicted("Mountainous Nepal", "GPE"),  # not an entity
            _predicted("Nepal", "GPE", "Nepal’s"),
            _predicted("Himalayas", "LOC"),  # places together: LOC counts as GPE
            _predicted("Nepalese", "NORP"),  # not scored
        ],
    )
    scores = tally.scores()
    assert scores["PERSON"] == {
        "precision": 0.5,
        "recall": 1.0,
        "predicted": 4,
        "gold": 1,
        "split_referents": 1,
    }
    assert scores["GPE"]["precision"] == round(2 / 3, 4)
    assert scores["GPE"]["recall"] == 1.0
    assert scores["ORG"]["recall"] == 0.0
    assert dict(tally.errors) == {
        "PERSON: wrong type (ORG)": ["g1 'Twitter'"],
        "PERSON: boilerplate name": ["g1 'Joe Raedle'"],
        "GPE: not an entity": ["g1 'Mountainous Nepal'"],
    }
