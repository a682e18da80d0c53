"""Word-level differences between two versions of a message, for people reviewing a change.

Words are Unicode word-break segments (UAX #29 through uniseg): whole words in
English, French or Russian, single characters in Chinese and Thai (which write
no spaces), so a change shows as the words that changed, in every script.
"""

from __future__ import annotations

from difflib import SequenceMatcher

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


def tokens(text: str) -> list[str]:
    from uniseg.wordbreak import words  # only for a changed source: uniseg is slow to import

    return list(words(text)) if text else []


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(operation, text)`` runs that turn ``old`` into ``new``; adjacent runs are merged."""
    a, b = tokens(old), tokens(new)
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(runs, EQUAL, "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(runs, DELETE, "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _add(runs, INSERT, "".join(b[j1:j2]))
    return runs


def _add(runs: list[tuple[str, str]], op: str, text: str) -> None:
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))


def plain(runs: list[tuple[str, str]]) -> str:
    """git's ``--word-diff=plain`` notation: ``[-old-]{+new+}``."""
    marks = {EQUAL: "{}", DELETE: "[-{}-]", INSERT: "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in runs)
