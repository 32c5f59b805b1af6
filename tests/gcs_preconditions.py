"""Test-only: gcp-storage-emulator with Cloud Storage's generation preconditions.

The emulator ignores `ifGenerationMatch` (checked: a second create with
`if_generation_match=0` succeeds, a stale generation replaces and deletes), which is
what the output lock relies on against real Cloud Storage: "create only if absent",
"replace or delete only the version I read". This wraps the emulator's object insert
and delete handlers to answer 412 Precondition Failed as Cloud Storage does, then
starts the emulator exactly as `python -m gcp_storage_emulator` would. The lock's own
code is not touched: it sends its real requests to this server.
"""

from __future__ import annotations

import sys
import threading
from http import HTTPStatus

from gcp_storage_emulator.exceptions import NotFound
from gcp_storage_emulator.handlers import objects
from gcp_storage_emulator.storage import Storage

_wanted = threading.local()


class _Unmet(Exception):
    pass


def _generation(storage: Storage, bucket: str, name: str) -> str:
    try:
        return str(storage.get_file_obj(bucket, name).get("generation") or "0")
    except NotFound:
        return "0"


def _refuse(response) -> None:
    response.status = HTTPStatus.PRECONDITION_FAILED
    response.json({"error": {"code": 412, "message": "conditionNotMet"}})


def _with_precondition(handler):
    def insert(request, response, storage, *args, **kwargs):
        _wanted.generation = (request.query.get("ifGenerationMatch") or [None])[0]
        try:
            return handler(request, response, storage, *args, **kwargs)
        except _Unmet:
            _refuse(response)
        finally:
            _wanted.generation = None

    return insert


def _checked_create(create):
    def create_file(self, bucket_name, file_name, content, file_obj, file_id=None):
        wanted = getattr(_wanted, "generation", None)
        if wanted is not None and _generation(self, bucket_name, file_name) != wanted:
            raise _Unmet
        return create(self, bucket_name, file_name, content, file_obj, file_id)

    return create_file


def _checked_delete(delete):
    def delete_object(request, response, storage, *args, **kwargs):
        wanted = (request.query.get("ifGenerationMatch") or [None])[0]
        params = request.params
        if (
            wanted is not None
            and _generation(storage, params["bucket_name"], params["object_id"]) != wanted
        ):
            return _refuse(response)
        return delete(request, response, storage, *args, **kwargs)

    return delete_object


def install() -> None:
    """Patch the handlers; must run before `gcp_storage_emulator.server` is imported."""
    objects.insert = _with_precondition(objects.insert)
    objects.delete = _checked_delete(objects.delete)
    Storage.create_file = _checked_create(Storage.create_file)


if __name__ == "__main__":
    install()
    from gcp_storage_emulator.__main__ import main

    sys.exit(main(sys.argv[1:]))
