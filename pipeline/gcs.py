"""gs:// as an fsspec filesystem (gcsfs), for DuckDB reading the output from a bucket.

DuckDB's own GCS support is its httpfs extension, downloaded at run time: that fails
offline and behind firewalls, so newsbeam registers gcsfs, an ordinary dependency, on
the connection instead. Credentials are Application Default Credentials (`gcloud auth
application-default login`, or the VM's service account); with STORAGE_EMULATOR_HOST
set, gcsfs talks to that emulator, anonymously, as google-cloud-storage does.
"""

from __future__ import annotations

import os

from gcsfs.core import GCSFileSystem


class DuckDBGCSFileSystem(GCSFileSystem):
    """The plain JSON-API gcsfs filesystem, with plain read-ahead buffering.

    Two of gcsfs's newer defaults are avoided on purpose. `gcsfs.GCSFileSystem` probes
    each bucket's layout through the gRPC storage-control API (for zonal buckets): one
    more call per bucket, which the emulator cannot answer (a 60 s time-out each).
    Its "adaptive" read cache runs background prefetch tasks that are still pending
    when DuckDB drops the file, and Python reports each one at exit.
    """

    def _open(self, path, mode="rb", **kwargs):
        kwargs.setdefault("cache_type", "readahead")
        return super()._open(path, mode, **kwargs)


def gcs_filesystem() -> DuckDBGCSFileSystem:
    """A gs:// filesystem with default credentials (anonymous on the storage emulator)."""
    token = "anon" if os.environ.get("STORAGE_EMULATOR_HOST") else None
    return DuckDBGCSFileSystem(token=token)
