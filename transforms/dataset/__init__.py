"""The output dataset: Parquet tables, their files and how a run publishes them (no Beam graph).

`schema` is the one module that knows the tables' columns and partitions; `storage`
writes and lists Parquet files on any Beam filesystem (local or gs://) atomically;
`objects` does literal file operations (never globs); `key_index` tells an upsert
which files hold its keys; `lock` lets one run at a time
commit into an output; `journal` makes a commit crash-safe; `commit` publishes a run's
staged files and applies its write mode to older ones; `repair` finishes what a
killed run left; `compact` merges a partition's small files. The write stage and the
app's query, report and CLI read them through this front door.
"""

from newsbeam.transforms.dataset import key_index, objects, schema, storage
from newsbeam.transforms.dataset.commit import (
    WrittenFile,
    commit,
    file_name,
    key_columns,
    row_keys,
    upsert_keys,
)
from newsbeam.transforms.dataset.compact import Compacted, compact
from newsbeam.transforms.dataset.journal import committed_view
from newsbeam.transforms.dataset.lock import (
    Holder,
    LockHeld,
    OutputLock,
    current_holder,
    held_for,
    is_run_id,
    new_run_id,
)
from newsbeam.transforms.dataset.repair import abandon, committed_files, repair

__all__ = [
    "Holder",
    "LockHeld",
    "OutputLock",
    "WrittenFile",
    "Compacted",
    "abandon",
    "commit",
    "compact",
    "committed_files",
    "committed_view",
    "current_holder",
    "file_name",
    "held_for",
    "is_run_id",
    "key_columns",
    "key_index",
    "new_run_id",
    "objects",
    "repair",
    "row_keys",
    "schema",
    "storage",
    "upsert_keys",
]
