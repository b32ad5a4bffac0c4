"""Hypothesis strategies for what visitors may type or craft: markup, quotes, Thai with
zero-width characters and Thai digits, query-syntax characters, absurd numbers."""

from hypothesis import strategies as st

NASTY = [
    "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>",
    "</mark><b>",
    "ผู้สูงอายุ",
    "ศูนย์\u200bพัฒนา\u200cเด็ก\u200dเล็ก",
    "ศพด.",
    "อบต.",
    "๒๕๖๗",
    "2567",
    "\ufeff",
    "\u200b",
    '"',
    "'",
    "-",
    "*",
    "~",
    "\\",
    "%",
    "_",
    "OR",
    "AND NOT",
    "(",
    "{",
    "[",
    "99999999999999999999",
    "-1",
    "0",
    "١٢٣",
    "ก" * 250,
    "\x00",
    "\r\n",
]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map(" ".join),
)


def parameter_values(valid: list[str]) -> st.SearchStrategy[list[str]]:
    """Zero to three values for one parameter, valid ones mixed with hostile ones."""
    return st.lists(st.one_of(st.sampled_from(valid), hostile_text), max_size=3)


def query_parameters(valid: dict[str, list[str]]) -> st.SearchStrategy[dict[str, list[str]]]:
    return st.fixed_dictionaries({}, optional={name: parameter_values(values) for name, values in valid.items()})
