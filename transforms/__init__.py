"""What runs on a worker: the pipeline's stages and the libraries they wrap (no app code).

- Ground floor: `records` (the typed records between stages), `metrics` (the counter
  namespace, every counter name, the progress side channel) and `deadletter` (turning
  failures into error rows).
- Stages, one module each, a composite `beam.PTransform` each: `read` (and
  `notifications` with `windows` for streaming), `boilerplate`, `clean`, `annotate`,
  `topics`, `dates`, `write`.
- Libraries, a folder each with a front door (its `__init__`) that re-exports its
  public names: `formats` (input files and their parsers, date parsing), `nlp` (the
  spaCy model), `entities`, `quotes`, `dataset` (the Parquet tables: schema, storage,
  commit). Code outside a library imports only its front door.

Nothing here imports `newsbeam`'s app modules (tests/test_layout.py checks it).
"""
