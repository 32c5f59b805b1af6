"""newsbeam: news articles -> partitioned Parquet with entities, quotes, topics and dates.

`build_pipeline(options)` builds the Beam graph (see `pipeline.build`); it is imported
lazily so that `import pipeline` stays cheap for the CLI and for Beam workers.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("newsbeam")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"


def __getattr__(name: str):
    if name == "build_pipeline":
        from pipeline.build import build_pipeline

        return build_pipeline
    raise AttributeError(name)
