"""Where GNU gettext breaks the lines of a PO string.

Why this exists: GNU's ``wrap()`` (gettext-tools/src/write-po.c) asks
libunistring's ``ulc_width_linebreaks`` where to break each piece of a
string, and Python has nothing that answers the same way (``textwrap`` does
not).  The PO writer (:mod:`letter_i18n.catalog.powrite`) needs the exact
answers to write catalogs that ``msgcat`` leaves alone.

``ulc_width_linebreaks`` is UAX #14 as implemented in libunistring 1.0
(Unicode 14.0): a pair table plus a few runtime rules; complex-context (SA)
characters such as Thai, ambiguous (AI) and unknown (XX) characters are
treated as AL, so Thai is only broken at spaces and punctuation.  The pair
table and the rules below were checked against libunistring 1.0 itself, the
line-break classes come from ICU's Line_Break property (Unicode 16, the same
data as ``uniseg``'s, which costs more to import) with a short list of
corrections where Unicode 16 differs from Unicode 14, and display widths
follow libunistring's ``uc_width`` for a UTF-8 locale (ambiguous-width
characters count as 1 column).

Speed: a per-character Python loop over every string made writing a large
catalog take seconds.  :func:`line_breaks` classifies characters with
``str.translate`` and replays the break rules only around the point where
each line overflows (see "Fast line breaking"); the straight port is kept as
:func:`reference_width_linebreaks` and the tests check that both agree.

Known limit: characters assigned after Unicode 14.0 are classified from
Python's ``unicodedata``; exact only when that is 14.0 (Python 3.11), as
libunistring 1.0 treats them as unassigned.
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

import icu

__all__ = [
    "MANDATORY", "POSSIBLE", "PROHIBITED", "UNDEFINED",
    "line_breaks", "reference_width_linebreaks",
]

# --------------------------------------------------------------------------
# Line-break classes, numbered as in libunistring 1.0 so that the pair table
# below can be compared with the library's own table cell by cell.
# --------------------------------------------------------------------------

(
    _WJ, _GL, _B2, _BA, _BB, _HY, _CL, _CP, _CP_EA, _EX, _IN, _NS, _OP, _OP_EA,
    _QU, _IS, _NU, _PO, _PR, _SY, _AL, _H2, _H3, _ID, _ID_EP, _JL, _JV, _JT,
    _HL, _RI, _ZWJ, _EB, _EM,
) = range(33)
# Classes handled by rules rather than by the pair table.
_BK, _CR, _LF, _CM, _ZW, _SP = range(33, 39)
# Runtime-only state: a Hebrew letter followed by a hyphen/BA (UAX #14 LB21a).
_HL_BA = 100

# libunistring 1.0's ``unilbrk_table``: row = class before the break, column
# = class after it.  "_" direct break, "%" break only after spaces, "^" never.
# Column order is the class numbering above (WJ GL B2 BA BB HY CL CP CP_EA EX
# IN NS OP OP_EA QU IS NU PO PR SY AL H2 H3 ID ID_EP JL JV JT HL RI ZWJ EB EM).
# Note that it has no "IS x AL" rule (LB29): "1,a" may break after the comma.
_PAIR_TABLE = (
    "^%%%%%^^^^%%%%%^%%%^%%%%%%%%%%%%%",  # WJ
    "^%%%%%^^^^%%%%%^%%%^%%%%%%%%%%%%%",  # GL
    "^%^%_%^^^^%%__%^___^_____________",  # B2
    "^__%_%^^^^%%__%^___^_____________",  # BA
    "^%%%%%^^^^%%%%%^%%%^%%%%%%%%%%%%%",  # BB
    "^__%_%^^^^%%__%^%__^_____________",  # HY
    "^%_%_%^^^^%^__%^_%%^_____________",  # CL
    "^%_%_%^^^^%%__%^%%%^%_______%_%__",  # CP
    "^%_%_%^^^^%%__%^_%%^_____________",  # CP_EA
    "^%_%_%^^^^%%__%^___^_____________",  # EX
    "^%_%_%^^^^%%__%^___^_____________",  # IN
    "^%_%_%^^^^%%__%^___^_____________",  # NS
    "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",  # OP
    "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",  # OP_EA
    "^%%%%%^^^^%%^^%^%%%^%%%%%%%%%%%%%",  # QU
    "^%_%_%^^^^%%__%^%__^_____________",  # IS
    "^%_%_%^^^^%%%_%^%%%^%_______%_%__",  # NU
    "^%_%_%^^^^%%%%%^%__^%_______%_%__",  # PO
    "^%_%_%^^^^%%%%%^%__^%%%%%%%%%_%%%",  # PR
    "^%_%_%^^^^%%__%^%__^________%____",  # SY
    "^%_%_%^^^^%%%_%^%%%^%_______%_%__",  # AL
    "^%_%_%^^^^%%__%^_%_^______%%_____",  # H2
    "^%_%_%^^^^%%__%^_%_^_______%_____",  # H3
    "^%_%_%^^^^%%__%^_%_^_____________",  # ID
    "^%_%_%^^^^%%__%^_%_^____________%",  # ID_EP
    "^%_%_%^^^^%%__%^_%_^_%%__%%______",  # JL
    "^%_%_%^^^^%%__%^_%_^______%%_____",  # JV
    "^%_%_%^^^^%%__%^_%_^_______%_____",  # JT
    "^%_%_%^^^^%%%_%^%%%^%_______%_%__",  # HL
    "^%_%_%^^^^%%__%^___^_____________",  # RI
    "^%_%_%^^^^%%%_%^%%%^%__%%___%_%%%",  # ZWJ
    "^%_%_%^^^^%%__%^_%_^____________%",  # EB
    "^%_%_%^^^^%%__%^_%_^_____________",  # EM
)

# Unicode Line_Break value (short name) -> libunistring 1.0 class.  OP/CP are split by East Asian
# width at lookup time (UAX #14 LB30 only applies to non-East-Asian ones).
_UNICODE_CLASS = {
    "WJ": _WJ, "GL": _GL, "B2": _B2, "BA": _BA, "BB": _BB, "HY": _HY,
    "CL": _CL, "CP": _CP, "EX": _EX, "IN": _IN, "NS": _NS, "OP": _OP,
    "QU": _QU, "IS": _IS, "NU": _NU, "PO": _PO, "PR": _PR, "SY": _SY,
    "AL": _AL, "H2": _H2, "H3": _H3, "ID": _ID, "JL": _JL, "JV": _JV,
    "JT": _JT, "HL": _HL, "RI": _RI, "ZWJ": _ZWJ, "EB": _EB, "EM": _EM,
    "BK": _BK, "NL": _BK, "CR": _CR, "LF": _LF, "CM": _CM, "ZW": _ZW, "SP": _SP,
    # Conditional Japanese starters are resolved to NS (libunistring does).
    "CJ": _NS,
    # Contingent breaks are resolved to ID by libunistring.
    "CB": _ID,
    # libunistring does not handle complex context (Thai, Lao, Khmer, Myanmar)
    # and treats ambiguous and unknown characters as alphabetic.
    "SA": _AL, "AI": _AL, "XX": _AL, "SG": _AL,
    # Unicode 15.1 split these off AL/CM for Brahmic scripts; Unicode 14 did not
    # have them.
    "AK": _AL, "AS": _AL, "AP": _AL, "VI": _CM, "VF": _CM,
}

# Characters assigned in Unicode 14 whose class in libunistring 1.0 differs
# from what Unicode 16 says after the mapping above.  Found by
# comparing every code point with libunistring's own table.
_LB_CORRECTIONS: tuple[tuple[int, int, int], ...] = (
    # Arabic number signs / end of ayah ("prepended concatenation marks"):
    # NU since Unicode 15.1, AL in Unicode 14.
    (0x0600, 0x0605, _AL), (0x06DD, 0x06DD, _AL), (0x0890, 0x0891, _AL),
    (0x08E2, 0x08E2, _AL), (0x110BD, 0x110BD, _AL), (0x110CD, 0x110CD, _AL),
    # Brahmic scripts (Balinese, Javanese, Cham, Brahmi, Grantha, ...):
    # digits and punctuation reclassified in Unicode 15.1.
    (0x19DA, 0x19DA, _AL), (0x1B50, 0x1B59, _NU), (0x1B5C, 0x1B5C, _AL),
    (0x1B61, 0x1B6A, _AL), (0x1B74, 0x1B7C, _AL), (0xA9C1, 0xA9C6, _AL),
    (0xA9CA, 0xA9CD, _AL), (0xA9CF, 0xA9CF, _AL), (0xA9D0, 0xA9D9, _NU),
    (0xA9DE, 0xA9DF, _AL), (0xAA40, 0xAA42, _AL), (0xAA44, 0xAA4B, _AL),
    (0xAA50, 0xAA59, _NU), (0xAA5C, 0xAA5C, _AL), (0x11049, 0x1104D, _AL),
    (0x11052, 0x11065, _AL), (0x11066, 0x1106F, _NU), (0x1133D, 0x1133D, _AL),
    (0x1135D, 0x1135D, _AL), (0x11950, 0x11959, _NU), (0x11EF2, 0x11EF2, _AL),
    (0x11EF7, 0x11EF8, _AL),
    # Combining half marks: GL since Unicode 15.1, CM before.
    (0x1DCD, 0x1DCD, _CM), (0x1DFC, 0x1DFC, _CM), (0xFE20, 0xFE20, _CM),
    (0xFE22, 0xFE22, _CM), (0xFE24, 0xFE24, _CM), (0xFE26, 0xFE27, _CM),
    (0xFE29, 0xFE29, _CM), (0xFE2B, 0xFE2B, _CM), (0xFE2D, 0xFE2E, _CM),
    (0x1107F, 0x1107F, _CM),
    # Punctuation.
    (0x2057, 0x2057, _AL), (0x2E56, 0x2E56, _CL), (0x2E58, 0x2E58, _CL),
    (0x2E5A, 0x2E5A, _CL), (0x2E5C, 0x2E5C, _CL), (0xFE10, 0xFE10, _IS),
    (0xFE13, 0xFE14, _IS),
    # Pictographs that Unicode 14 classified ID.
    (0x1F10D, 0x1F10F, _ID), (0x1F16D, 0x1F16F, _ID), (0x1F1AD, 0x1F1AD, _ID),
    (0x1F8B0, 0x1F8B1, _ID),
)

# Ranges of code points unassigned in Unicode 14 that libunistring 1.0 (via
# LineBreak.txt defaults and emoji data) classifies as ideographic.
_UNASSIGNED_ID = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x2FFFD), (0x30000, 0x3FFFD),
)
# Unassigned Extended_Pictographic code points: ID, plus LB30b (x EM).
_UNASSIGNED_ID_EP = ((0x1F000, 0x1FAFF), (0x1FC00, 0x1FFFD))

# Code points unassigned in Unicode 14 that libunistring's uc_width reports
# as two columns wide (reserved slots inside wide blocks).
_UNASSIGNED_WIDE = (
    (0x2E9A, 0x2E9A), (0x2EF4, 0x2EFF), (0x2FD6, 0x2FEF), (0x2FFC, 0x2FFF),
    (0x3040, 0x3040), (0x3097, 0x3098), (0x3100, 0x3104), (0x3130, 0x3130),
    (0x318F, 0x318F), (0x31E4, 0x31EF), (0x321F, 0x321F), (0xA48D, 0xA48F),
    (0xA4C7, 0xA4CF), (0xFA6E, 0xFA6F), (0xFADA, 0xFAFF), (0xFE1A, 0xFE1F),
    (0xFE53, 0xFE53), (0xFE67, 0xFE67), (0xFE6C, 0xFE6F), (0xFF00, 0xFF00),
    (0x1F203, 0x1F20F), (0x1F23C, 0x1F23F), (0x1F249, 0x1F24F),
    (0x1F252, 0x1F25F), (0x1F266, 0x1F2FF), (0x2A6E0, 0x2A6FF),
    (0x2B739, 0x2B73F), (0x2B81E, 0x2B81F), (0x2CEA2, 0x2CEAF),
    (0x2EBE1, 0x2F7FF), (0x2FA1E, 0x2FFFF), (0x3134B, 0x3FFFF),
)
# Zero-width despite their general category / block.
_ZERO_WIDTH_EXTRA = ((0x1160, 0x11FF), (0xD7B0, 0xD7C6), (0xD7CB, 0xD7FB))
# Non-spacing marks that libunistring nevertheless counts as one column.
_SPACING_MN = frozenset((0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F))


# The corrections above turn Unicode 16 classes into libunistring's; other
# Unicode data would need other corrections (tests/catalog/test_linebreak.py).
UNICODE_VERSION = "16.0"
_LINE_BREAK = icu.UProperty.LINE_BREAK


def line_break_name(ch: str) -> str:
    """The character's Line_Break property, by its short name ("AL", "OP", …)."""
    value = icu.Char.getIntPropertyValue(ch, _LINE_BREAK)
    return icu.Char.getPropertyValueName(_LINE_BREAK, value,
                                         icu.UPropertyNameChoice.SHORT_PROPERTY_NAME)


def _in_ranges(cp: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@functools.cache
def _char_info(ch: str) -> tuple[int, int]:
    """Return (line-break class, display width) of one character.

    Cached because catalogs repeat the same few hundred characters.
    """
    cp = ord(ch)
    category = unicodedata.category(ch)
    if category == "Cn":
        # Unassigned in Unicode 14 (libunistring 1.0's version).
        if _in_ranges(cp, _UNASSIGNED_ID_EP):
            cls = _ID_EP
        elif _in_ranges(cp, _UNASSIGNED_ID):
            cls = _ID
        elif 0x20C1 <= cp <= 0x20CF:
            cls = _PR
        else:
            cls = _AL
        width = 2 if _in_ranges(cp, _UNASSIGNED_WIDE) else 1
        return cls, width

    for lo, hi, fixed in _LB_CORRECTIONS:
        if lo <= cp <= hi:
            cls = fixed
            break
    else:
        cls = _UNICODE_CLASS.get(line_break_name(ch), _AL)
    east_asian = unicodedata.east_asian_width(ch)
    if cls == _OP and east_asian in ("F", "W", "H"):
        cls = _OP_EA
    elif cls == _CP and east_asian in ("F", "W", "H"):
        cls = _CP_EA

    if cp < 0x20 or 0x7F <= cp < 0xA0:
        # uc_width returns -1 for control characters; the line breaker
        # ignores them.
        width = 0
    elif (
        (category in ("Mn", "Me", "Cf") and cp not in _SPACING_MN)
        or _in_ranges(cp, _ZERO_WIDTH_EXTRA)
    ):
        width = 0
    elif east_asian in ("W", "F"):
        width = 2
    else:
        width = 1
    return cls, width


# Break values, as in libunistring's <unilbrk.h>.
UNDEFINED, PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2, 3


def _possible_linebreaks(
    classes: Sequence[int], start: int = 0, stop: int | None = None
) -> list[int]:
    """Port of libunistring 1.0 ``u8_possible_linebreaks_loop``.

    ``result[i - start]`` says whether a line may break *before* character
    ``i``, for ``start <= i < stop``.  Starting in the middle of a text is
    exact when ``classes[start - 1]`` is not in ``_NO_RESYNC``: the state the
    loop keeps after such a character is that character's class alone (see
    :func:`_break_opportunities`).
    """
    stop = len(classes) if stop is None else stop
    result = [PROHIBITED] * (stop - start)
    # Class of the previous character, and of the last non-space character.
    prev_prop = classes[start - 1] if start > 0 else _BK
    last_prop = _BK if prev_prop in (_BK, _LF, _CR) else prev_prop
    seen_space = False
    ri_count = 0
    for i in range(start, stop):
        prop = classes[i]
        if prop in (_BK, _LF, _CR):
            result[i - start] = MANDATORY
            prev_prop = prop
            last_prop = _BK
            seen_space = False
        else:
            if prop == _SP:
                seen_space = True
            elif prop == _ZW:
                last_prop = _ZW
                seen_space = False
            elif prop in (_CM, _ZWJ):
                # LB9/LB10: a mark attaches to what precedes it, except at the
                # start, after a space or after ZW where it acts as AL.
                if last_prop == _BK:
                    last_prop = _AL
                    seen_space = False
                elif last_prop == _ZW or seen_space:
                    result[i - start] = POSSIBLE
                    last_prop = _AL
                    seen_space = False
            else:
                if last_prop == _BK:
                    pass  # LB2: never break at the start of the text
                elif last_prop == _ZW:
                    result[i - start] = POSSIBLE  # LB8: break after ZW
                elif prev_prop in (_ZWJ, _HL_BA):
                    pass  # LB8a after ZWJ; LB21a after Hebrew letter + hyphen
                elif last_prop == _RI and prop == _RI:
                    # LB30a: flags pair up regional indicators.
                    if seen_space or ri_count % 2 == 0:
                        result[i - start] = POSSIBLE
                else:
                    rule = _PAIR_TABLE[last_prop][prop]
                    if rule == "_" or (rule == "%" and seen_space):
                        result[i - start] = POSSIBLE
                last_prop = prop
                seen_space = False
            prev_prop = _HL_BA if prev_prop == _HL and prop in (_HY, _BA) else prop
        ri_count = ri_count + 1 if prop == _RI else 0
    return result


def reference_width_linebreaks(
    chars: list[str], overrides: list[int], width: int, start_column: int
) -> list[int]:
    """Port of libunistring 1.0 ``u8_width_linebreaks``, one character at a time.

    Greedy fill: a possible break becomes an actual break (``POSSIBLE``)
    only when the text up to the next break opportunity would exceed
    ``width`` columns.  This is the straight port that the fast
    :func:`line_breaks` is tested against, and what it falls back on for
    text with mandatory breaks (U+0085, U+2028, U+2029).
    """
    infos = [_char_info(ch) for ch in chars]
    breaks = _possible_linebreaks([cls for cls, _ in infos])
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, (_, char_width) in enumerate(infos):
        if overrides[i] != UNDEFINED:
            breaks[i] = overrides[i]
        # The piece of text since the last opportunity ends here; if it does
        # not fit on the line, break where it started.
        if (
            breaks[i] in (POSSIBLE, MANDATORY)
            and last_p >= 0
            and last_column + piece_width > width
        ):
            breaks[last_p] = POSSIBLE
            last_column = 0
        if breaks[i] == MANDATORY:
            last_p = -1
            last_column = 0
            piece_width = 0
        else:
            if breaks[i] == POSSIBLE:
                last_p = i
                last_column += piece_width
                piece_width = 0
            breaks[i] = PROHIBITED
            piece_width += char_width
    if last_p >= 0 and last_column + piece_width > width:
        breaks[last_p] = POSSIBLE
    return breaks


# --------------------------------------------------------------------------
# Fast line breaking.  The port above costs a Python loop iteration per
# character, but a line of a long paragraph has one break, and the greedy
# fill only needs the break opportunities next to where the line overflows.
# So: classes and widths come from str.translate (C speed, per-code-point
# cache), and the state machine is replayed only over a few characters
# before (and, for an overlong word, after) each overflow point.
# --------------------------------------------------------------------------


class _CodeTable(dict[int, int]):
    """``str.translate`` table: code point -> class + ``_WIDE`` × width.

    Filled on first use of each code point, by ``__missing__``, so that
    ``translate`` classifies a whole string in C and only a code point never
    seen before costs a call to :func:`_char_info`.  Class and width share
    one code (below 128, which keeps ``translate``'s fast path for ASCII
    text) because translating a non-ASCII string costs a dictionary lookup
    per character; two ``bytes.translate`` calls then split the codes.
    """

    def __missing__(self, code_point: int) -> int:
        cls, width = _char_info(chr(code_point))
        value = self[code_point] = cls + _WIDE * width
        return value


_WIDE = 40  # more than any class number
_CODE_TABLE = _CodeTable()
_CODE_CLASS = bytes(code % _WIDE for code in range(256))
_CODE_WIDTH = bytes(code // _WIDE for code in range(256))


@functools.lru_cache(maxsize=1)
def _char_codes(text: str) -> tuple[bytes, bytes]:
    """(line-break classes, display widths) of ``text``, one byte per character.

    Cached because the PO writer asks twice about a piece that does not wrap
    from column 0 (the second time: would it wrap after the keyword?).
    """
    codes = text.translate(_CODE_TABLE).encode("latin-1")
    return codes.translate(_CODE_CLASS), codes.translate(_CODE_WIDTH)


# After a character of any other class, the state machine's state is that
# class alone: last_prop and prev_prop are the class, no space is pending and
# no regional indicators are counted.  Spaces and marks leave the class before
# them in the state, HY/BA after a Hebrew letter leave a flag (LB21a) and RI
# counts pairs, so a replay cannot start right after these.
_NO_RESYNC = frozenset((_SP, _CM, _ZWJ, _RI, _HY, _BA))
_MANDATORY_CLASSES = bytes((_BK, _CR, _LF))
_SPACE = bytes((_SP,))
_WINDOW = 16  # first guess at how far back the last opportunity of a line is


def _break_opportunities(classes: bytes, prohibited: set[int], lo: int, hi: int) -> list[int]:
    """Positions ``k``, ``lo < k <= hi``, before which a line may break."""
    start = lo + 1
    while start > 0 and classes[start - 1] in _NO_RESYNC:
        start -= 1
    found = _possible_linebreaks(classes, start, hi + 1)
    return [
        k for k in range(lo + 1, hi + 1)
        if found[k - start] == POSSIBLE and k not in prohibited
    ]


_WORD = bytes((_AL, _NU))  # no break opportunity between two of these (LB23, LB28, LB29)
_PLAIN_BEFORE_SPACE = frozenset(range(_BK)) - {_ZWJ, _HL}  # pair-table classes, no state


def _after_last_space(classes: bytes, prohibited: set[int], lo: int, hi: int) -> int | None:
    """The common case of :func:`_last_opportunity`, decided without a replay.

    When the text from the last space to ``hi`` is one run of letters and
    digits, the only candidate is right after the space, and the pair table
    (with a space seen) decides it from the class of the last non-space
    character before the space. Anything less plain returns None: replay.
    """
    space = classes.rfind(_SPACE, lo, hi)
    if space < 0 or space + 1 in prohibited or classes[space + 1:hi + 1].translate(None, _WORD):
        return None
    before = space
    while before >= 0 and classes[before] == _SP:
        before -= 1
    if before < 0 or classes[before] not in _PLAIN_BEFORE_SPACE:
        return None
    rule = _PAIR_TABLE[classes[before]][classes[space + 1]]
    return space + 1 if rule in ("_", "%") else None


def _last_opportunity(classes: bytes, prohibited: set[int], lo: int, hi: int) -> int | None:
    """The last break opportunity in ``(lo, hi]``, searching back from ``hi``.

    Each window reaches back to the last space, where most opportunities
    are, and at most ``_WINDOW`` characters (doubling each time) for text
    without spaces (Chinese, Thai).
    """
    found = _after_last_space(classes, prohibited, lo, hi)
    if found is not None:
        return found
    span = _WINDOW
    while hi > lo:
        start = max(lo, hi - span, classes.rfind(_SPACE, lo, hi))
        found = _break_opportunities(classes, prohibited, start, hi)
        if found:
            return found[-1]
        hi = start
        span *= 2
    return None


def _first_opportunity(classes: bytes, prohibited: set[int], lo: int) -> int | None:
    """The first break opportunity after ``lo``, for a word longer than the line."""
    end = len(classes) - 1
    span = _WINDOW
    while lo < end:
        space = classes.find(_SPACE, lo + 1)
        stop = min(end, lo + span, space + 1 if space >= 0 else end)
        found = _break_opportunities(classes, prohibited, lo, stop)
        if found:
            return found[0]
        lo = stop
        span *= 2
    return None


def line_breaks(
    text: str, prohibited: set[int], width: int, start_column: int
) -> Iterator[int]:
    """Yield the positions in ``text`` before which GNU breaks the line.

    Same result as :func:`reference_width_linebreaks` (the positions where
    it returns ``POSSIBLE``; ``prohibited`` holds the positions of its
    ``PROHIBITED`` overrides), computed one line at a time: a line starting
    at ``line_start`` ends at the last opportunity at which the text still
    fits, or, if a word is longer than the line, at the first opportunity
    after it.  A generator, so that the PO writer can ask whether there is a
    break at all without computing the others.
    """
    classes, widths = _char_codes(text)
    n = len(text)
    if widths.count(1) == n:
        prefix = None  # every character is one column wide
        total = n
    else:
        prefix = list(accumulate(widths, initial=0))
        total = prefix[-1]
    if start_column + total <= width:
        return  # fits: the opportunities do not matter
    if any(cls in classes for cls in _MANDATORY_CLASSES):
        overrides = [PROHIBITED if i in prohibited else UNDEFINED for i in range(n)]
        breaks = reference_width_linebreaks(list(text), overrides, width, start_column)
        yield from (i for i, brk in enumerate(breaks) if brk == POSSIBLE)
        return
    line_start = 0
    column = start_column
    while True:
        # The line overflows at the first opportunity whose column exceeds
        # `width`; `fits` is the last position within the width.
        if prefix is None:
            if column + n - line_start <= width:
                return
            fits = line_start + width - column
        else:
            limit = width - column + prefix[line_start]
            if total <= limit:
                return
            fits = bisect_right(prefix, limit, line_start) - 1
        fits = max(fits, line_start)
        brk = _last_opportunity(classes, prohibited, line_start, fits)
        if brk is None:
            brk = _first_opportunity(classes, prohibited, fits)
            if brk is None:
                return
        yield brk
        line_start = brk
        column = 0
