"""`quote_key`: one key for the same statement printed in many articles.

A wire quote syndicated by forty sites is forty rows of `quotes`; grouping them needs
a key that ignores how each site typeset it (see `text.folded_words`).
"""

from __future__ import annotations

import hashlib

from newsbeam.transforms.matching.text import folded_words


def quote_key(text: str) -> str | None:
    """blake2b (16 bytes, hex) of the quote's folded words, or None when it has none."""
    words = folded_words(text)
    if not words:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()
