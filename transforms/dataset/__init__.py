"""The output dataset: Parquet tables, their files and how a run publishes them (no Beam graph).

`schema` is the one module that knows the tables' columns and partitions; `storage`
writes and lists Parquet files on any Beam filesystem (local or gs://) atomically;
`commit` publishes a run's staged files and applies its write mode to older ones.
The write stage and the app's query and report read them through this front door.
"""

from newsbeam.transforms.dataset import schema, storage
from newsbeam.transforms.dataset.commit import WrittenFile, commit, file_name, row_keys

__all__ = ["WrittenFile", "commit", "file_name", "row_keys", "schema", "storage"]
