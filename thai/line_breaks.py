"""Where a line of Thai may wrap. Thai has no spaces between words, and a browser's own
dictionary splits names, abbreviations and programme terms it does not know; the portal's
segmenter (thai.text) knows them, so titles and labels wrap only between its words."""

import re

import nlpo3

from .text import THAI, _dictionary_name

# Opening brackets and quotes stay with the word after them; other punctuation with the word before.
_OPENING = re.compile(r"^[(\[{“‘\"']+$")


def word_runs(text: str) -> list[str]:
    """`text` cut into the pieces a line may wrap between, exactly as written (nothing is
    normalised: the pieces join back into `text`). Spaces are pieces of their own."""
    if not text:
        return []
    runs: list[str] = []
    pending = ""  # an opening bracket waiting for its word
    for token in nlpo3.segment(text, _dictionary_name()):
        if token.isspace():
            if pending:
                runs.append(pending)
                pending = ""
            runs.append(token)
        elif _OPENING.match(token):
            pending += token
        elif not THAI.search(token) and not token[0].isalnum() and runs and not runs[-1].isspace():
            runs[-1] += token  # ".", ",", ")" stay on the line of the word they follow
        elif runs and not runs[-1].isspace() and not THAI.search(token) and not THAI.search(runs[-1][-1]):
            runs[-1] += pending + token  # Latin words and numbers are whole already
            pending = ""
        else:
            runs.append(pending + token)
            pending = ""
    if pending:
        runs.append(pending)
    return runs
