"""Entities: the canonical people, organisations and places of one article (no Beam).

`extract_entities(doc, ...)` is the front door; the annotate stage calls it. Inside:
`mentions` (spaCy's mentions and their propagation), `names` (name normalisation),
`clusters` (merging mentions into entities), `gazetteer` (known places), `gender` (what
an article and the given-name table tell of a person's gender) and `extract`.
"""

from newsbeam.transforms.entities.extract import extract_entities
from newsbeam.transforms.entities.gender import (
    FEMALE,
    MALE,
    PRONOUN_GENDER,
    given_name_gender,
    word_gender,
)

__all__ = [
    "FEMALE",
    "MALE",
    "PRONOUN_GENDER",
    "extract_entities",
    "given_name_gender",
    "word_gender",
]
