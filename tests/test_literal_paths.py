"""Issue 31, case 1: `[`, `*` and `?` in folder names are names, never patterns.

An --output used as a glob emptied unrelated datasets (`--output '/data/a*'` emptied
`/data/archive2024`, `--write_mode replace` into `o*` emptied `oVictim`); `o[1]` left a
probe file; an input folder `in[1]` was never read and a sibling output was refused as
"inside the input". Each character gets the whole story through the real CLI: the
input folder with the character is read (and its look-alike sibling is not), an
output with the character beside it is accepted, `--write_mode replace` into it leaves
the look-alike dataset whole, no probe is left, and `newsbeam query` reads it.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsbeam.query import connect
from tests.test_cli_e2e import newsbeam

#: character -> (input folder, a folder its glob reading would match instead,
#:               output folder, a dataset its glob reading would destroy)
CASES = {
    "[": ("in[1]", "in1", "o[1]", "o1"),
    "*": ("in*", "inbox", "o*", "oVictim"),
    "?": ("in?", "inX", "o?", "oV"),
}


def _article(folder, name: str, title: str) -> None:
    folder.mkdir()
    (folder / name).write_text(f"{title}\n\nThe council met on Monday, the mayor said.\n")


def _victim_dataset(folder) -> str:
    """An unrelated dataset: one article file, as a run would have written it."""
    path = folder / "articles" / "date=2020-01-01" / "topic=other" / "part-victim.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({"article_id": ["victim"], "title": ["Untouchable"]}), path)
    return str(path)


@pytest.mark.parametrize("char", sorted(CASES))
def test_glob_characters_in_folder_names_are_literal(tmp_path, char):
    source, lookalike, output, victim = (tmp_path / name for name in CASES[char])
    _article(source, "a.txt", "Read from the folder with the character")
    _article(lookalike, "b.txt", "Read from the look-alike folder")
    victim_file = _victim_dataset(victim)

    result = newsbeam(
        "run", "--input", str(source), "--output", str(output), "--write_mode", "replace"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr

    titles = connect(str(output)).execute("SELECT title FROM articles").fetchall()
    assert titles == [("Read from the folder with the character",)]
    assert [p.name for p in victim.rglob("*") if p.is_file()] == ["part-victim.parquet"]
    assert pq.read_table(victim_file)["title"].to_pylist() == ["Untouchable"]
    for folder in (output, victim, tmp_path):
        assert not list(folder.rglob("*probe*")), folder
    assert connect(str(victim)).execute("SELECT title FROM articles").fetchall() == [
        ("Untouchable",)
    ]


def test_output_inside_a_literal_input_folder_is_still_refused(tmp_path):
    source = tmp_path / "in[1]"
    _article(source, "a.txt", "Inside")
    result = newsbeam("run", "--input", str(source), "--output", str(source / "out"))
    assert result.returncode == 2
    assert "is inside the input" in result.stderr


def test_replace_into_an_output_named_like_a_glob_leaves_lookalikes_whole(tmp_path):
    """`--write_mode replace` into `o*` emptied the unrelated `oVictim` (input elsewhere)."""
    victim_file = _victim_dataset(tmp_path / "oVictim")
    source = tmp_path / "src"
    _article(source, "a.txt", "From elsewhere")
    result = newsbeam(
        "run", "--input", str(source / "a.txt"), "--output", str(tmp_path / "o*"),
        "--write_mode", "replace",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert pq.read_table(victim_file)["title"].to_pylist() == ["Untouchable"]
