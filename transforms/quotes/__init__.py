"""Quote attribution: who said what in one parsed article (a library; no Beam).

`extract_quotes(doc, entities)` is the front door; the annotate stage calls it. Inside:
`marks` (quoted passages), `verbs` (the cue lexicon), `cues` (cues and their speakers in
the parse), `document` (the article as the modules see it), `direct` (attributing quoted
passages), `content` and `reported` (reported clauses and their bounds), `nominal`
(nouns of speech), `speakers` (speaker phrases -> canonical entities), `statements`
(one record per statement) and `extract` (running them in order).
"""

from newsbeam.transforms.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
