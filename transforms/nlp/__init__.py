"""spaCy plumbing: loading the model once per process, faster rule components, re-casing.

`load_nlp` loads the model (`model`) with newsbeam's drop-in faster components
(`components`); `prepare_for_parse` re-cases all-caps lines before parsing with every
offset kept (`truecase`); `aligned_text` gives a Doc's text as the article's;
`reads_language` says whether a model of one language should read an article.
"""

from newsbeam.transforms.nlp.model import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL,
    aligned_text,
    load_nlp,
    reads_language,
)
from newsbeam.transforms.nlp.truecase import prepare_for_parse

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MODEL",
    "aligned_text",
    "load_nlp",
    "prepare_for_parse",
    "reads_language",
]
