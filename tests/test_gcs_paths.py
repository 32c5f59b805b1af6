"""gs:// semantics the pipeline relies on, on the storage emulator (no pipeline run):
folder placeholders and hidden files are not inputs, a bucket "folder" named without a
slash is read as a folder, and storage publishes and lists like on a local disk."""

from __future__ import annotations

import pyarrow as pa

from newsbeam.transforms.dataset import storage
from newsbeam.transforms.formats.inputs import HIDDEN, PLACEHOLDER, ignored_reason, match_inputs


def test_placeholders_and_hidden_files_are_not_inputs():
    assert ignored_reason("gs://b/raw/a.txt", "gs://b/raw/") is None
    assert ignored_reason("gs://b/raw/", "gs://b/raw/") == PLACEHOLDER
    assert ignored_reason("gs://b/raw/.a.txt.1234.inprogress", "gs://b/raw/") == HIDDEN
    assert ignored_reason("gs://b/raw/.tmp/a.txt", "gs://b/raw/") == HIDDEN
    assert ignored_reason("gs://b/.raw/a.txt", "gs://b/.raw/") is None


def test_bucket_folder_without_slash_is_read_as_a_folder(gcs_emulator):
    bucket = gcs_emulator.bucket
    for name in ("paths/raw/", "paths/raw/a.txt", "paths/raw/sub/b.txt", "paths/rawer.txt"):
        gcs_emulator.upload(bucket, name, b"x")
    folder = match_inputs(f"gs://{bucket}/paths/raw")
    assert sorted(m.path for m in folder.files) == [
        f"gs://{bucket}/paths/raw/a.txt",
        f"gs://{bucket}/paths/raw/sub/b.txt",
    ]
    assert folder.ignored == {PLACEHOLDER: 1}
    one = [m.path for m in match_inputs(f"gs://{bucket}/paths/rawer.txt").files]
    assert one == [f"gs://{bucket}/paths/rawer.txt"]
    assert match_inputs(f"gs://{bucket}/paths/missing*").files == []


def test_storage_publishes_and_lists_on_a_bucket(gcs_emulator):
    bucket = gcs_emulator.bucket
    root = f"gs://{bucket}/paths/out"
    run = "20260101T000000-0123abcd"
    gcs_emulator.upload(
        bucket, f"paths/out/articles/date=2026-01-01/.part-1.parquet.{run}.ab.inprogress", b""
    )
    path = storage.join(root, "articles", "date=2026-01-01", "part-1.parquet")
    storage.write_parquet(pa.table({"n": [1, 2]}), path, run)
    assert storage.list_files(root) == [path]
    assert storage.read_parquet(path)["n"].to_pylist() == [1, 2]
    temps = storage.leftovers(root)
    assert [(t.path.rsplit("/", 1)[1], t.run_id) for t in temps] == [
        (f".part-1.parquet.{run}.ab.inprogress", run)
    ]
    assert storage.remove_leftovers(root, {"20260101T000000-99999999"}) == 0
    assert storage.remove_leftovers(root, {run}) == 1
    assert gcs_emulator.list(bucket, "paths/out/") == [
        "paths/out/articles/date=2026-01-01/part-1.parquet"
    ]
    assert storage.list_files(f"gs://{bucket}/paths/nothing") == []
