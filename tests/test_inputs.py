"""Listing inputs and confining reads: every entry a pattern names is a file, a dead
letter or a counted non-input, and no local file outside the roots is ever opened."""

from __future__ import annotations

import os

import pytest
from apache_beam.io.filesystem import FileMetadata

from newsbeam.transforms.deadletter import ERRORS, RejectedInput
from newsbeam.transforms.formats.inputs import (
    HIDDEN,
    LINKED_FOLDER,
    allowed_roots,
    check_local_file,
    list_local,
    match_inputs,
    pattern_root,
)
from newsbeam.transforms.read import ParseFilesFn

ARTICLE = b"Harbour reopens\n\nThe harbour reopened on Tuesday after repairs.\n"


@pytest.fixture
def tree(tmp_path):
    """An input folder `in/` with every kind of entry, and a secret outside it."""
    root, outside = tmp_path / "in", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"Secret\n\nnot an input\n")
    (root / "a.txt").write_bytes(ARTICLE)
    (root / "sub" / "b.txt").write_bytes(ARTICLE)
    (root / ".draft.txt").write_bytes(ARTICLE)
    (root / ".git" / "config").write_bytes(b"x")
    (root / "inside-link.txt").symlink_to(root / "a.txt")
    (root / "outside-link.txt").symlink_to(outside / "secret.txt")
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "dangling-outside.txt").symlink_to(outside / "gone.txt")
    (root / "linked-sub").symlink_to(root / "sub")
    (root / "linked-outside").symlink_to(outside)
    os.mkfifo(root / "pipe.txt")
    return root, outside


def _names(listing, root) -> list[str]:
    return sorted(os.path.relpath(m.path, root) for m in listing.files)


def test_a_folder_lists_every_entry_somewhere(tree):
    root, _ = tree
    listing = list_local(f"{root}/**")
    assert _names(listing, root) == [
        "a.txt",
        "dangling-outside.txt",
        "dangling.txt",
        "inside-link.txt",
        "outside-link.txt",
        "pipe.txt",
        "sub/b.txt",
    ]
    assert listing.ignored == {HIDDEN: 2, LINKED_FOLDER: 1}  # .draft.txt, .git/; linked-sub
    assert [(path, exc.kind) for path, exc in listing.rejected] == [
        (f"{root}/linked-outside", "outside_root")
    ]


def test_a_one_level_glob_does_not_descend(tree):
    root, _ = tree
    listing = list_local(f"{root}/*.txt")
    assert "sub/b.txt" not in _names(listing, root)
    assert listing.ignored == {HIDDEN: 1} and listing.rejected == []
    deeper = list_local(f"{root}/*/b.txt")
    assert _names(deeper, root) == ["sub/b.txt"]
    assert deeper.ignored == {HIDDEN: 1, LINKED_FOLDER: 1}  # .git/ and linked-sub could hold one


def test_a_folder_that_cannot_be_listed_is_a_dead_letter(tree, monkeypatch):
    # chmod 000 does not stop root (tests may run as root): refuse the listing instead.
    root, _ = tree
    locked = str(root / "sub")
    scandir = os.scandir

    def refuse_locked(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    listing = list_local(f"{root}/**")
    assert "sub/b.txt" not in _names(listing, root)
    assert sorted((p, e.kind) for p, e in listing.rejected) == [
        (f"{root}/linked-outside", "outside_root"),
        (locked, "unreadable"),
    ]


def test_roots_of_patterns():
    assert pattern_root("/data/in/**") == "/data/in/"
    assert pattern_root("/data/in/*.txt") == "/data/in/"
    assert pattern_root("/data/*/x.txt") == "/data/"
    assert pattern_root("/data/in/a.txt") == "/data/in/a.txt"
    assert pattern_root("gs://b/raw/**") == "gs://b/raw/"
    assert allowed_roots(["/data/in/**", "/one/a.txt", "gs://b/raw/**"]) == [
        "/data/in/",
        "/one/a.txt",
        "/one",
    ]


def test_a_missing_pattern_lists_nothing(tmp_path):
    listing = match_inputs(str(tmp_path / "nothing-*.txt"))
    assert (listing.files, listing.rejected, dict(listing.ignored)) == ([], [], {})


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("outside-link.txt", "outside_root"),
        ("pipe.txt", "not_a_file"),
        ("sub", "not_a_file"),
        # issue 31, low: a dangling link was FileNotFoundError, or outside_root when
        # it pointed out of the root; it is neither, it is broken
        ("dangling.txt", "broken_link"),
        ("dangling-outside.txt", "broken_link"),
    ],
)
def test_check_rejects_what_must_not_be_opened(tree, name, kind):
    root, _ = tree
    with pytest.raises(RejectedInput) as info:
        check_local_file(str(root / name), [os.path.realpath(root)])
    assert info.value.kind == kind


def test_check_accepts_files_and_links_inside_the_root(tree):
    root, outside = tree
    real_root = os.path.realpath(root)
    check_local_file(str(root / "inside-link.txt"), [real_root])
    check_local_file(str(root / "sub" / "b.txt"), [real_root])
    # A file named explicitly is its own root, wherever it leads.
    named = str(root / "outside-link.txt")
    check_local_file(named, [os.path.realpath(r) for r in allowed_roots([named])])
    with pytest.raises(RejectedInput):
        check_local_file(str(outside / "secret.txt"), [])


def _parse(path, roots) -> list:
    fn = ParseFilesFn(max_file_bytes=10_000, roots=roots)
    fn.setup()
    return list(fn.process(FileMetadata(str(path), os.path.getsize(path), 0)))


def test_the_reader_never_opens_a_file_outside_its_roots(tree):
    root, _ = tree
    (out,) = _parse(root / "outside-link.txt", [str(root)])
    assert out.tag == ERRORS and out.value.error == "outside_root"
    (fifo,) = _parse(root / "pipe.txt", [str(root)])  # would block forever if opened
    assert fifo.value.error == "not_a_file"
    (article,) = _parse(root / "a.txt", [str(root)])
    assert article.title == "Harbour reopens"


def test_a_sidecar_leading_outside_the_root_is_neither_read_nor_claimed(tree):
    root, outside = tree
    (outside / "meta.json").write_text('{"title": "Stolen title", "url": "https://x.example/"}')
    (root / "c.txt").write_bytes(ARTICLE)
    (root / "c.json").symlink_to(outside / "meta.json")
    (article,) = _parse(root / "c.txt", [str(root)])
    assert (article.title, article.url) == ("Harbour reopens", None)
    (rejected,) = _parse(root / "c.json", [str(root)])
    assert (rejected.value.source_uri, rejected.value.error) == (
        str(root / "c.json"),
        "outside_root",
    )
