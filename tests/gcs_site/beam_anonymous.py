"""Test-only: make Beam talk to GCS anonymously at once, as it does after discovery fails.

Beam looks for Google credentials once per process (`apache_beam.internal.gcp.auth.
_Credentials`), retrying `google.auth.default()` with exponential back-off for about 25 s
before it gives up and connects anonymously. Against the storage emulator anonymous is
right, so the tests mark that cache as already filled with "no credentials". The mark is
set when Beam's auth module is imported, so a process that never imports Beam pays
nothing. Never used by the product: real runs must discover real credentials.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from types import ModuleType

AUTH_MODULE = "apache_beam.internal.gcp.auth"


def skip_credential_discovery(auth: ModuleType) -> None:
    """Fill Beam's credential cache with None: its GCS client then goes anonymous."""
    auth._Credentials._credentials = None
    auth._Credentials._credentials_init = True


class _PatchedLoader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        skip_credential_discovery(module)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds Beam's auth module through the other finders and patches it once loaded."""

    def find_spec(self, name, path, target=None):
        if name != AUTH_MODULE:
            return None
        others = [f for f in sys.meta_path if f is not self]
        for finder in others:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, path, target) if find_spec else None
            if spec is not None and spec.loader is not None:
                spec.loader = _PatchedLoader(spec.loader)
                return spec
        return None


def install() -> None:
    """Patch Beam's auth module now if it is loaded, else as soon as it is imported."""
    if AUTH_MODULE in sys.modules:
        skip_credential_discovery(sys.modules[AUTH_MODULE])
    elif not any(isinstance(f, _PatchOnImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _PatchOnImport())
