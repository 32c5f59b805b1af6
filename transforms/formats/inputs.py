"""Which files an input pattern names, and which of them may be opened.

Beam's local listing walks the pattern's folder and silently drops what it cannot
stat (dangling symlinks, folders it may not enter), and it lists symlinks to files
anywhere on the machine: a link dropped into an input folder would read /etc/passwd
into the output. Here every entry a pattern names ends up somewhere:

- an input file (`Listing.files`), dangling symlinks and special files included: the
  reader checks each one before opening it (`check_local_file`) and rejects it with a
  dead letter;
- a dead letter (`Listing.rejected`): a folder that cannot be listed, a symlinked
  folder that leads outside the root;
- a counted non-input (`Listing.ignored`, by reason): hidden files and folders below
  the root (writers' temporary files, `.git`), folder placeholder objects (`raw/` in a
  bucket), symlinked folders inside the root (not descended: their files are listed
  under their real path).

Names are literal unless they hold an unescaped wildcard: options escape an `--input`
that names an existing local file or folder (`escape`), so a folder called `in[1]` is
read as itself, and a gs:// pattern that names objects literally is read as such
before it is tried as a pattern.

Confinement: a local file is opened only when its real path (symlinks resolved) lies
inside an allowed root. A batch run's roots are the folders of its `--input` patterns
(the part before the first wildcard) and the files it names explicitly; a streaming
run's are its `--allowed_roots`. gs:// objects have no symlinks and are always allowed.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from apache_beam.io.filesystem import FileMetadata, FileSystem
from apache_beam.io.filesystems import FileSystems

from newsbeam.transforms.deadletter import RejectedInput

HIDDEN = "hidden"
PLACEHOLDER = "folder_placeholder"
LINKED_FOLDER = "symlinked_folder"
OUTSIDE_ROOT = "outside_root"
BROKEN_LINK = "broken_link"

_WILDCARD = re.compile(r"[*?[]")


@dataclass
class Listing:
    """What one input pattern names: files to read, dead letters, counted non-inputs."""

    files: list[FileMetadata] = field(default_factory=list)
    rejected: list[tuple[str, Exception]] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)


def is_local(path: str) -> bool:
    return "://" not in path


def escape(path: str) -> str:
    """`path` as a pattern naming exactly it: `[`, `*`, `?` become `[[]`, `[*]`, `[?]`
    (glob.escape's rule, which Beam's fnmatch-style matching understands)."""
    return _WILDCARD.sub(lambda m: f"[{m.group(0)}]", path)


def _split_root(pattern: str) -> tuple[str, int, bool]:
    """(the literal text before the first wildcard, where that text ends in `pattern`,
    whether there is a wildcard at all); escaped characters (`[*]`) are literal."""
    literal: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if (
            char == "["
            and pattern[i + 1 : i + 2] in ("*", "?", "[")
            and pattern[i + 2 : i + 3] == "]"
        ):
            literal.append(pattern[i + 1])
            i += 3
        elif char in "*?[":
            return "".join(literal), i, True
        else:
            literal.append(char)
            i += 1
    return "".join(literal), i, False


def has_wildcard(pattern: str) -> bool:
    """Whether `pattern` has a wildcard that is not escaped."""
    return _split_root(pattern)[2]


def pattern_root(pattern: str) -> str:
    """The folder a pattern lists, as a literal path: its part before the first
    wildcard, up to a slash.

    A pattern without wildcards names one file (or, on a bucket, a "folder" prefix)
    and is its own root (unescaped: `in[[]1]` is the folder `in[1]`).
    """
    literal, _, wild = _split_root(pattern)
    return literal[: literal.rfind("/") + 1] if wild else literal


def _below_root(pattern: str) -> str:
    """The part of `pattern` after its root folder (a pattern again)."""
    literal, end, _ = _split_root(pattern)
    cut = literal.rfind("/") + 1
    # the root's text in the pattern ends at the same slash: count back what follows it
    return pattern[end - (len(literal) - cut) :]


def allowed_roots(patterns: Sequence[str]) -> list[str]:
    """The local roots of a batch run: each pattern's folder, and for a file named
    explicitly also its folder (where its sidecar lives)."""
    roots: list[str] = []
    for pattern in patterns:
        if not is_local(pattern):
            continue
        root = pattern_root(pattern)
        roots.append(root)
        if not has_wildcard(pattern):
            roots.append(posixpath.dirname(root))
    return roots


def ignored_reason(path: str, root: str) -> str | None:
    """Why `path`, listed under `root`, is not an input; None when it is one."""
    if path.endswith("/"):
        return PLACEHOLDER
    below = path[len(root) :] if path.startswith(root) else posixpath.basename(path)
    if any(part.startswith(".") for part in below.split("/")):
        return HIDDEN
    return None


def match_inputs(pattern: str) -> Listing:
    """Everything `pattern` names; a path (no wildcard) naming no file is retried as a folder.

    Options turn local folders into `folder/**` up front, but whether `gs://b/raw` is
    an object or a "folder" (a name prefix) only a listing can tell, and nothing may
    reach the network before the run: so the question is settled here, at run time.
    """
    if not is_local(pattern) and has_wildcard(pattern):
        literal = match_inputs(escape(pattern))  # `gs://b/in[1]` may be a real name
        if literal.files:
            return literal
    listing = _listing(pattern)
    if not listing.files and not has_wildcard(pattern):
        listing = _listing(pattern.rstrip("/") + "/**")
    return listing


def _listing(pattern: str) -> Listing:
    if is_local(pattern):
        return list_local(pattern)
    listing = Listing()
    root = pattern_root(pattern)
    for result in FileSystems.match([pattern]):
        for metadata in result.metadata_list:
            _add(listing, metadata, ignored_reason(metadata.path, root))
    return listing


def _add(listing: Listing, metadata: FileMetadata, reason: str | None) -> None:
    if reason:
        listing.ignored[reason] += 1
    else:
        listing.files.append(metadata)


def list_local(pattern: str) -> Listing:
    """The local entries `pattern` names, with Beam's wildcard rules (`*` within one
    folder, `**` across folders). Symlinked folders are never descended."""
    listing = Listing()
    root = pattern_root(pattern)
    if not has_wildcard(pattern):
        if os.path.lexists(root) and not os.path.isdir(root):
            _add(listing, _local_metadata(root), ignored_reason(root, root))
        return listing
    named = re.compile(FileSystem.translate_pattern(pattern)).match
    segments = _below_root(pattern).split("/")
    top = root.rstrip("/") or "/"
    failures: list[OSError] = []
    for folder, subfolders, names in os.walk(top, onerror=failures.append):
        entered = _entered(folder, [*subfolders, *names])
        if entered is not None:
            failures.append(entered)
            subfolders[:] = []
            continue
        kept = []
        for name in subfolders:
            path = os.path.join(folder, name)
            below = _could_hold(segments, os.path.relpath(path, top).split(os.sep))
            if not (below or named(path)):
                continue
            if name.startswith("."):
                listing.ignored[HIDDEN] += 1
            elif os.path.islink(path):
                _linked_folder(listing, path, top)
            elif below:
                kept.append(name)
        subfolders[:] = kept
        for name in names:
            path = os.path.join(folder, name)
            if not named(path):
                continue
            try:
                _add(listing, _local_metadata(path), ignored_reason(path, root))
            except OSError as exc:  # vanished or unreachable: its own dead letter
                listing.rejected.append((path, exc))
    for failure in failures:
        if failure.filename != top or not isinstance(failure, FileNotFoundError):
            listing.rejected.append((failure.filename, _unreadable_folder(failure)))
    return listing


def _entered(folder: str, names: list[str]) -> OSError | None:
    """Why `folder` lists its names but its entries cannot be reached (read but no
    search permission); None when they can. Such a folder is one dead letter: before,
    its first entry's error ended the listing of the whole pattern."""
    if not names:
        return None
    try:
        os.lstat(os.path.join(folder, names[0]))
    except PermissionError as exc:
        return PermissionError(exc.errno, f"cannot enter folder: {exc.strerror}", folder)
    except OSError:
        return None  # gone meanwhile: the entry itself will say so
    return None


def _could_hold(segments: list[str], parts: list[str]) -> bool:
    """Whether the folder `parts` (below the root) can hold a file the pattern's
    `segments` (below the root) name: each part matches its segment, up to a `**`."""
    for index, part in enumerate(parts):
        if index >= len(segments) - 1:  # the last segment names files, not folders
            return "**" in segments[-1]
        if "**" in segments[index]:
            return True
        if not re.match(FileSystem.translate_pattern(segments[index]), part):
            return False
    return True


def _linked_folder(listing: Listing, path: str, root: str) -> None:
    if is_within(os.path.realpath(path), os.path.realpath(root)):
        listing.ignored[LINKED_FOLDER] += 1
    else:
        listing.rejected.append((path, _outside(path)))


def _unreadable_folder(failure: OSError) -> RejectedInput:
    reason = failure.strerror or str(failure)
    if not reason.startswith("cannot "):
        reason = f"cannot list folder: {reason}"
    return RejectedInput("unreadable", reason)


def _local_metadata(path: str) -> FileMetadata:
    """Size and time of what `path` leads to (of the link itself when it leads nowhere)."""
    try:
        info = os.stat(path)
    except OSError:
        info = os.lstat(path)
    return FileMetadata(path, info.st_size, info.st_mtime)


def is_within(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip("/") + "/")


def _outside(path: str) -> RejectedInput:
    return RejectedInput(OUTSIDE_ROOT, f"{path} leads outside the allowed input folders")


def check_local_file(path: str, real_roots: Sequence[str]) -> None:
    """Raise unless `path` is a regular file whose real path is inside one of
    `real_roots` (already resolved with `os.path.realpath`).

    A FIFO or device would block or never end the read; a symlink out of the root
    would read a file nobody gave as input. A dangling symlink is said to be one
    (`broken_link`), wherever it points: before, one pointing out of the root was an
    `outside_root` row, one pointing inside a bare FileNotFoundError.
    """
    if os.path.islink(path) and not os.path.exists(path):
        raise RejectedInput(BROKEN_LINK, f"{path} is a symlink whose target does not exist")
    if not any(is_within(os.path.realpath(path), root) for root in real_roots):
        raise _outside(path)
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        kind = "folder" if stat.S_ISDIR(mode) else "special file (FIFO, socket or device)"
        raise RejectedInput("not_a_file", f"{path} is a {kind}, not a regular file")
