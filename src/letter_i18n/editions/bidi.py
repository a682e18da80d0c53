"""Left-to-right runs inside right-to-left text, isolated so that they keep their order.

In an Arabic sentence the Unicode Bidirectional Algorithm (UAX #9) gives a
neutral character the direction of the text around it: in "… القانون (J.D.)، …"
the parentheses and the last full stop sit between Latin and Arabic, resolve
right-to-left, and the reader sees "(.J.D)". A Latin run (a name, a degree, a
document symbol, an address) with its own punctuation and the brackets that
enclose only it is therefore isolated left-to-right: in HTML every such run is a
``<bdi dir="ltr">``; in Markdown and text, where the marks are visible to anyone
editing the file, LRI … PDI (U+2066, U+2069) go only where the algorithm would
otherwise misplace something, which ICU's implementation of UAX #9 decides.

The run is found from the characters' bidi classes and scripts, not from
patterns of known names: it starts and ends with a strong left-to-right letter
and holds no right-to-left letter and no punctuation of a right-to-left script
(an Arabic comma separates two names, it does not belong to either). A trailing
number joined to it ("A/HRC/41/41"), the full stop of an abbreviation ("J.D.")
and a bracket pair around nothing else join the run.
"""

from __future__ import annotations

import re
from functools import cache

import icu

LRI, PDI = "\u2066", "\u2069"
_STRONG_LTR = icu.UCharDirection.LEFT_TO_RIGHT
_ENDS_RUN = frozenset({icu.UCharDirection.RIGHT_TO_LEFT, icu.UCharDirection.RIGHT_TO_LEFT_ARABIC,
                       icu.UCharDirection.BLOCK_SEPARATOR, icu.UCharDirection.SEGMENT_SEPARATOR})
_OPEN, _CLOSE = icu.UBidiPairedBracketType.OPEN, icu.UBidiPairedBracketType.CLOSE
# After the run's last letter: a number joined to it ("/41/41", "-19", "2.0").
_NUMBER_TAIL = re.compile(r"(?: ?[-/.:,+]?\d+)+%?")
# An abbreviation's last word: a single letter or letters with inner full stops ("Ph.D"),
# after a space, a bracket or the start ("(J.D").
_ABBREVIATION = re.compile(r"(?<![\w.])(?:\w|\w+(?:\.\w+)+)$")


@cache
def _ends_run(char: str) -> bool:
    """A right-to-left letter, a paragraph or segment separator, or punctuation of a
    right-to-left script (Arabic comma, semicolon, question mark)."""
    if icu.Char.charDirection(char) in _ENDS_RUN:
        return True
    return any(icu.Script(code).isRightToLeft() for code in icu.Script.getScriptExtensions(char)
               if code != icu.UScriptCode.COMMON)


def _strong_ltr(char: str) -> bool:
    return icu.Char.charDirection(char) == _STRONG_LTR


def ltr_runs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of ``text`` to isolate left-to-right, in order."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if not _strong_ltr(text[i]):
            i += 1
            continue
        start = end = i
        while end < n and not _ends_run(text[end]):
            end += 1
        while not _strong_ltr(text[end - 1]):  # neutrals after the last letter stay outside
            end -= 1
        tail = _NUMBER_TAIL.match(text, end)
        if tail:
            end = tail.end()
        elif text.startswith(".", end) and _ABBREVIATION.search(text[start:end]):
            end += 1
        start, end = _brackets(text, start, end)
        runs.append((start, end))
        i = end
    return runs


def _brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """The run widened to the brackets that pair with one inside it ("(ALTSEAN" + ")") or
    that enclose it ("(" + "J.D." + ")")."""
    after = text[end] if end < len(text) else ""
    if after and icu.Char.getIntPropertyValue(after, icu.UProperty.BIDI_PAIRED_BRACKET_TYPE) \
            == _CLOSE:
        opener = icu.Char.getBidiPairedBracket(after)
        if text.count(opener, start, end) > text.count(after, start, end):
            return _brackets(text, start, end + 1)
    before = text[start - 1] if start else ""
    if before and icu.Char.getIntPropertyValue(before, icu.UProperty.BIDI_PAIRED_BRACKET_TYPE) \
            == _OPEN:
        closer = icu.Char.getBidiPairedBracket(before)
        inside = text.count(closer, start, end) - text.count(before, start, end)
        if inside > 0 or (inside == 0 and after == closer):
            return _brackets(text, start - 1, end + (inside == 0))
    return start, end


def _levels(text: str) -> list[int]:
    """UAX #9's embedding level of each character of ``text`` in a right-to-left paragraph."""
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), 1)
    levels = bidi.getLevels()
    out, unit = [], 0  # ICU counts UTF-16 code units
    for char in text:
        out.append(levels[unit])
        unit += 2 if ord(char) > 0xFFFF else 1
    return out


def needed(line: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of ``line`` that are misplaced without isolates in right-to-left text.

    A run is misplaced when a character of it resolves right-to-left (odd
    level), or when it holds the line's first strong letter while right-to-left
    letters follow: a viewer that takes a paragraph's direction from its first
    letter (UAX #9 P2, as Markdown renderers with ``dir=auto`` do) would set the
    whole line left-to-right.
    """
    if not runs:
        return []
    levels = _levels(line)
    chosen = []
    outside = [i for i in range(len(line)) if not any(s <= i < e for s, e in runs)]
    first_rtl = next((i for i in outside if _ends_run(line[i]) and line[i].isalpha()), None)
    for start, end in runs:
        leads = first_rtl is not None and start < first_rtl and not any(
            _strong_ltr(line[i]) for i in outside if i < start)
        if leads or any(level % 2 for level in levels[start:end]):
            chosen.append((start, end))
    return chosen


def isolate_line(line: str) -> str:
    """``line`` with LRI … PDI around the left-to-right runs that need them."""
    for start, end in reversed(needed(line, ltr_runs(line))):
        line = f"{line[:start]}{LRI}{line[start:end]}{PDI}{line[end:]}"
    return line
