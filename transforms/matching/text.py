"""Text folded for matching across articles: what differs between copies of one thing.

Two outlets print the same sentence with curly or straight quotes, another dash, an
accent dropped or kept, other capitals and spacing; folding all of these away leaves
what a reader would call the same words.
"""

from __future__ import annotations

import unicodedata


def folded_words(text: str) -> list[str]:
    """The words of `text`, case-folded, accents dropped, punctuation and quote marks
    taken for spaces ("Don’t — ever" -> ["don", "t", "ever"])."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":
            continue
        kept.append(" " if category[0] in "PZC" else char)
    return "".join(kept).split()
