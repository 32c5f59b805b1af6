"""Matching across articles: keys that group one thing seen in many articles (no Beam).

`quote_key` (the same statement, however typeset), `person_key` (the same person,
however titled or short-named) and `near_copy_signature` (a MinHash and its LSH band
keys: syndicated copies of one story). Inside: `text` (folding), `quotes`, `people`,
`near_copies` and `keys` (`with_match_keys`: an article's entities and quotes keyed).
The clean and annotate stages call them; `newsbeam query`'s `people` and `duplicates`
views group by them.
"""

from newsbeam.transforms.matching.keys import with_match_keys
from newsbeam.transforms.matching.near_copies import (
    BANDS,
    NUM_PERM,
    ROWS_PER_BAND,
    NearCopySignature,
    near_copy_signature,
)
from newsbeam.transforms.matching.people import person_key
from newsbeam.transforms.matching.quotes import quote_key

__all__ = [
    "BANDS",
    "NUM_PERM",
    "ROWS_PER_BAND",
    "NearCopySignature",
    "near_copy_signature",
    "person_key",
    "quote_key",
    "with_match_keys",
]
