"""newsbeam: news articles -> partitioned Parquet with entities, quotes, topics and dates.

This folder (pipeline/) is the `newsbeam` package: the app (CLI, options, wiring,
local runner, query, report, watch, eval). What runs on a worker is the subpackage
`newsbeam.transforms` (the transforms/ folder), which imports nothing from the app.
Imports run one way: app -> stages -> libraries -> records and metrics.

Because every import of `newsbeam.transforms` first runs this module, it imports
nothing itself: `build_pipeline(options)` (see `newsbeam.build`) and `annotate(text,
title=, url=, published=)` (one article without Beam, see `newsbeam.one_article`) are
loaded lazily, so `import newsbeam` stays cheap for the CLI and for Beam workers.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("newsbeam")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"


def __getattr__(name: str):
    if name == "build_pipeline":
        from newsbeam.build import build_pipeline

        return build_pipeline
    if name == "annotate":
        from newsbeam.one_article import annotate

        return annotate
    raise AttributeError(name)
