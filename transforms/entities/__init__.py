"""Entities: the canonical people, organisations and places of one article (no Beam).

`extract_entities(doc, ...)` is the front door; the annotate stage calls it. Inside:
`mentions` (spaCy's mentions and their propagation), `names` (name normalisation),
`clusters` (merging mentions into entities), `gazetteer` (known places), `gender` (what
an article and the given-name table tell of a person's gender), `short_forms` (short forms
of given names; `full_given_name` folds them for `matching.person_key`), `calls`
(`calls_to_action`: the site's widget sentences in a paragraph, which the quote stage
skips too), `roles` (words for people by their role, shared with the quote stage's
sources), `repairs` (roles the model tagged into a name), `extract`, and `people`
(`describe_people`: each person's roles from `person_roles`, affiliation and gender from
`person_gender`). `given_name` and `given_names_agree` are the rule no entity breaks (its
full names agree on the given name); the eval checks it.
"""

from newsbeam.transforms.entities.calls import calls_to_action, in_call_to_action
from newsbeam.transforms.entities.extract import extract_entities
from newsbeam.transforms.entities.gazetteer import (
    IRREGULAR_DEMONYMS,
    is_demonym,
    is_known_organisation,
    is_known_place,
)
from newsbeam.transforms.entities.gender import (
    FEMALE,
    MALE,
    PRONOUN_GENDER,
    given_name_gender,
    naming_words,
    word_gender,
)
from newsbeam.transforms.entities.names import (
    HONORIFICS,
    POSTNOMINALS,
    clean_words,
    given_name,
    opens_with_saint,
    person_parts,
    strip_honorifics,
    strip_postnominals,
)
from newsbeam.transforms.entities.people import describe_people
from newsbeam.transforms.entities.repairs import is_possessive
from newsbeam.transforms.entities.roles import PERSON_NOUNS
from newsbeam.transforms.entities.short_forms import full_given_name, given_names_agree

__all__ = [
    "FEMALE",
    "HONORIFICS",
    "IRREGULAR_DEMONYMS",
    "MALE",
    "PERSON_NOUNS",
    "POSTNOMINALS",
    "PRONOUN_GENDER",
    "calls_to_action",
    "clean_words",
    "describe_people",
    "extract_entities",
    "full_given_name",
    "given_name",
    "given_name_gender",
    "given_names_agree",
    "in_call_to_action",
    "is_demonym",
    "is_known_organisation",
    "is_known_place",
    "is_possessive",
    "naming_words",
    "opens_with_saint",
    "person_parts",
    "strip_honorifics",
    "strip_postnominals",
    "word_gender",
]
