"""Quote attribution: who said what in one parsed article (a library; no Beam).

`extract_quotes(doc, entities)` is the front door; the annotate stage calls it
(`quotes_with_features` adds each row's confidence inputs, for fitting the model). Inside:
`marks` (quoted passages), `verbs` (the cue lexicon), `cues` (cues and their speakers in
the parse), `document` (the article as the modules see it), `direct` (attributing quoted
passages), `content` and `reported` (reported clauses and their bounds), `nominal`
(nouns of speech), `speakers` (speaker phrases -> canonical entities), `statements`
(one record per statement), `transcripts` (the labelled turns of interviews),
`speech_acts` (what is a speech report), `sources` (who can speak), `confidence` (how
sure a row is) and `extract` (running them in order).
"""

from newsbeam.transforms.quotes.confidence import FEATURES as CONFIDENCE_FEATURES
from newsbeam.transforms.quotes.confidence import rescaled
from newsbeam.transforms.quotes.extract import extract_quotes, quotes_with_features
from newsbeam.transforms.quotes.sources import initials

__all__ = [
    "CONFIDENCE_FEATURES",
    "extract_quotes",
    "initials",
    "quotes_with_features",
    "rescaled",
]
