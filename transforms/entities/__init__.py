"""Entities: the canonical people, organisations and places of one article (no Beam).

`extract_entities(doc, ...)` is the front door; the annotate stage calls it. Inside:
`mentions` (spaCy's mentions and their propagation), `names` (name normalisation),
`clusters` (merging mentions into entities), `gazetteer` (known places) and `extract`.
"""

from newsbeam.transforms.entities.extract import extract_entities

__all__ = ["extract_entities"]
