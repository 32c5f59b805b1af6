"""How sure a row is: the chance that it is a speech report with the right speaker.

A logistic model over what the stage knows of each row: its kind, how its content was
found (a quotation next to its cue, a clause the cue governs, "according to", a noun of
speech, an object, a set-off attribution), the cue, and how its speaker was resolved (a
name in the sentence, a pronoun, a role word, an apposition, a description of an
unnamed source, nobody). The weights (transforms/data/quote_confidence.json) are fitted
by `newsbeam.evaluation.confidence` on the web-news development gold and PolNeAR's
train split. The model's probability is then rescaled so that 0.5 falls where the rows
at or above it were right at least 96% of the time on each development gold file, the
crawled text and the HTML pages alike (linearly
below and above that point): a row at or above 0.5 is one a reader can take as a fact,
and the order of rows is the model's.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources

from spacy.tokens import Token

from newsbeam.transforms.quotes.document import QuoteDocument
from newsbeam.transforms.quotes.speakers import Resolution
from newsbeam.transforms.quotes.speech_acts import cue_token
from newsbeam.transforms.quotes.verbs import FINITE_TAGS
from newsbeam.transforms.records import Quote

#: The model's inputs, in the order of its weights.
FEATURES = (
    "bias",
    "direct",
    "mixed",
    "no_cue",
    "according",
    "nominal",
    "clause",
    "object",
    "set_off",
    "say_or_tell",
    "speaker_name",
    "speaker_pronoun",
    "pronoun_far",
    "speaker_role",
    "speaker_apposition",
    "speaker_description",
    "no_speaker",
    "organization",
    "one_word_name",
    "odd_name",
    "finite_clause",
    "cue_first",
    "short",
    "long",
)
#: A pronoun's antecedent this far back (characters) is a riskier guess.
FAR = 300
_WEIGHTS = "quote_confidence.json"
_COMPLEMENTS = frozenset(("ccomp", "xcomp", "advcl", "parataxis"))
_PARTICLES = frozenset("of and the for de la del der van von al bin".split())
_OBJECTS = frozenset(("dobj", "prep", "dative", "oprd", "attr"))


def row_features(qdoc: QuoteDocument, quote: Quote, resolution: Resolution) -> list[float]:
    """The model's inputs for one row (see `FEATURES`), given how its speaker was
    resolved."""
    cue = cue_token(qdoc, quote)
    method = resolution.method
    content = qdoc.tokens_between(quote.start, quote.end)
    how = _construction(qdoc, quote, cue)
    words = len(quote.text.split())
    named = quote.speaker is not None
    values = {
        "bias": 1.0,
        "direct": quote.kind == "direct",
        "mixed": quote.kind == "mixed",
        "no_cue": cue is None,
        "according": how == "according",
        "nominal": how == "nominal",
        "clause": how == "clause",
        "object": how == "object",
        "set_off": how == "set_off",
        "say_or_tell": cue is not None and cue.lemma_.lower() in ("say", "tell"),
        "speaker_name": named and method == "name",
        "speaker_pronoun": method == "pronoun",
        "pronoun_far": method == "pronoun" and resolution.distance > FAR,
        "speaker_role": method == "role",
        "speaker_apposition": method == "apposition",
        "speaker_description": method == "description",
        "no_speaker": quote.speaker_type == "none",
        "organization": quote.speaker_type == "organization",
        "one_word_name": named and len(quote.speaker.split()) == 1,
        "odd_name": named and _odd_name(quote.speaker, quote.speaker_type),
        "finite_clause": any(t.tag_ in FINITE_TAGS for t in content),
        "cue_first": cue is not None and cue.idx < quote.start,
        "short": words <= 3,
        "long": words > 40,
    }
    return [float(values[name]) for name in FEATURES]


def _odd_name(name: str, kind: str) -> bool:
    """A name whose shape the entity stage may have got wrong: a person named by more than
    three words or with a word in capitals ("Werugha MCA Jason Tuja"), an organisation
    with a lower-case word other than a particle ("RTI International for ...")."""
    words = name.split()
    if kind == "person":
        return len(words) > 3 or any(len(w) > 1 and w.isupper() for w in words)
    return any(w.islower() and w not in _PARTICLES for w in words[1:])


def _construction(qdoc: QuoteDocument, quote: Quote, cue: Token | None) -> str:
    if cue is None:
        return "none"
    if cue.lower_ == "according":
        return "according"
    if cue.pos_ == "NOUN":
        return "nominal"
    if quote.kind == "direct":
        return "quotation"
    governed = {t.dep_ for t in qdoc.tokens_between(quote.start, quote.end) if t.head.i == cue.i}
    if governed & _COMPLEMENTS:
        return "clause"
    if governed & _OBJECTS:
        return "object"
    return "set_off"


@functools.cache
def _model() -> tuple[tuple[float, ...], float]:
    """The fitted weights, in `FEATURES` order, and the probability that maps to 0.5."""
    text = resources.files("newsbeam.transforms.data").joinpath(_WEIGHTS).read_text("utf-8")
    fitted = json.loads(text)
    weights = tuple(float(fitted["weights"].get(name, 0.0)) for name in FEATURES)
    return weights, float(fitted.get("threshold", 0.5))


def probability(features: list[float], weights: tuple[float, ...]) -> float:
    score = sum(w * x for w, x in zip(weights, features))
    return 1.0 / (1.0 + math.exp(-score))


def rescaled(p: float, threshold: float) -> float:
    """`p` mapped so that `threshold` becomes 0.5, linearly on each side."""
    if p < threshold:
        return 0.5 * p / threshold
    return 0.5 + 0.5 * (p - threshold) / (1.0 - threshold)


def confidence(features: list[float]) -> float:
    """A row's confidence (see the module docstring), rounded to 3 places."""
    weights, threshold = _model()
    return round(rescaled(probability(features, weights), threshold), 3)
