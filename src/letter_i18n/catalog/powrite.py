"""Serialize polib catalogs exactly as GNU ``msgcat`` 0.21 writes them.

Why this exists: translators and CI run GNU gettext tools (``msgcat``,
``msgmerge``, ``msgfmt``) over the catalogs.  If our writer wraps lines
differently from GNU, every such run rewrites the whole file and drowns real
changes in noise.  polib wraps with Python's ``textwrap``, which is not what
GNU does, so we reimplement GNU's writer: a catalog produced here is a fixed
point of ``msgcat`` (``msgcat x.po -o y.po`` gives ``y == x``).

GNU's ``wrap()`` (gettext-tools/src/write-po.c) splits each string after every
embedded newline, escapes each piece, and asks libunistring's
``ulc_width_linebreaks`` where to break.  That function is UAX #14 as
implemented in libunistring 1.0 (Unicode 14.0): a pair table plus a few
runtime rules; complex-context (SA) characters such as Thai, ambiguous (AI)
and unknown (XX) characters are treated as AL, so Thai is only broken at
spaces and punctuation.  The pair table and the rules below were checked
against libunistring 1.0 itself, the line-break classes come from ``uniseg``
with a short list of corrections where uniseg's Unicode 16 data differs from
Unicode 14, and display widths follow libunistring's ``uc_width`` for a UTF-8
locale (ambiguous-width characters count as 1 column).

Speed: a per-character Python loop over every string made writing a large
catalog take seconds.  The writer now classifies characters with
``str.translate`` and replays the break rules only around the point where
each line overflows (see "Fast line breaking"); the straight port is kept as
``_reference_width_linebreaks`` and the tests check that both agree.

The output assumes the catalog is UTF-8 (``charset=UTF-8`` in the
``Content-Type`` header); a catalog declaring another charset is rejected if
it contains non-ASCII text, because GNU would then measure and break it
differently.

Known limits (GNU output may differ):

* Format directives of languages other than c, objc and python (java,
  csharp, javascript, lisp, php, perl, ...) are not parsed; GNU does not
  break inside them, we might if a directive contains a space or a comma.
* Characters assigned after Unicode 14.0 are classified from Python's
  ``unicodedata``; exact only when that is 14.0 (Python 3.11), as
  libunistring 1.0 treats them as unassigned.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

import polib
from uniseg.linebreak import line_break

from letter_i18n.catalog.gcpause import no_cyclic_gc
from letter_i18n.catalog.syntax import ESCAPE_TABLE, ESCAPES, charset, is_utf8

__all__ = ["format_catalog", "format_entry"]

PAGE_WIDTH = 79
"""GNU's default page width (``msgcat -w``)."""

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

# uniseg class name -> libunistring 1.0 class.  OP/CP are split by East Asian
# width at lookup time (UAX #14 LB30 only applies to non-East-Asian ones).
_UNISEG_CLASS = {
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
# from what uniseg (Unicode 16) says after the mapping above.  Found by
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
        cls = _UNISEG_CLASS.get(line_break(ch).name, _AL)
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
_UNDEFINED, _PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2, 3


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
    result = [_PROHIBITED] * (stop - start)
    # Class of the previous character, and of the last non-space character.
    prev_prop = classes[start - 1] if start > 0 else _BK
    last_prop = _BK if prev_prop in (_BK, _LF, _CR) else prev_prop
    seen_space = False
    ri_count = 0
    for i in range(start, stop):
        prop = classes[i]
        if prop in (_BK, _LF, _CR):
            result[i - start] = _MANDATORY
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
                    result[i - start] = _POSSIBLE
                    last_prop = _AL
                    seen_space = False
            else:
                if last_prop == _BK:
                    pass  # LB2: never break at the start of the text
                elif last_prop == _ZW:
                    result[i - start] = _POSSIBLE  # LB8: break after ZW
                elif prev_prop in (_ZWJ, _HL_BA):
                    pass  # LB8a after ZWJ; LB21a after Hebrew letter + hyphen
                elif last_prop == _RI and prop == _RI:
                    # LB30a: flags pair up regional indicators.
                    if seen_space or ri_count % 2 == 0:
                        result[i - start] = _POSSIBLE
                else:
                    rule = _PAIR_TABLE[last_prop][prop]
                    if rule == "_" or (rule == "%" and seen_space):
                        result[i - start] = _POSSIBLE
                last_prop = prop
                seen_space = False
            prev_prop = _HL_BA if prev_prop == _HL and prop in (_HY, _BA) else prop
        ri_count = ri_count + 1 if prop == _RI else 0
    return result


def _reference_width_linebreaks(
    chars: list[str], overrides: list[int], width: int, start_column: int
) -> list[int]:
    """Port of libunistring 1.0 ``u8_width_linebreaks``, one character at a time.

    Greedy fill: a possible break becomes an actual break (``_POSSIBLE``)
    only when the text up to the next break opportunity would exceed
    ``width`` columns.  This is the straight port that the fast
    :func:`_line_breaks` is tested against, and what it falls back on for
    text with mandatory breaks (U+0085, U+2028, U+2029).
    """
    infos = [_char_info(ch) for ch in chars]
    breaks = _possible_linebreaks([cls for cls, _ in infos])
    last_p = -1
    last_column = start_column
    piece_width = 0
    for i, (_, char_width) in enumerate(infos):
        if overrides[i] != _UNDEFINED:
            breaks[i] = overrides[i]
        # The piece of text since the last opportunity ends here; if it does
        # not fit on the line, break where it started.
        if (
            breaks[i] in (_POSSIBLE, _MANDATORY)
            and last_p >= 0
            and last_column + piece_width > width
        ):
            breaks[last_p] = _POSSIBLE
            last_column = 0
        if breaks[i] == _MANDATORY:
            last_p = -1
            last_column = 0
            piece_width = 0
        else:
            if breaks[i] == _POSSIBLE:
                last_p = i
                last_column += piece_width
                piece_width = 0
            breaks[i] = _PROHIBITED
            piece_width += char_width
    if last_p >= 0 and last_column + piece_width > width:
        breaks[last_p] = _POSSIBLE
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

    Cached because :func:`_wrap` asks twice about a piece that does not wrap
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
        if found[k - start] == _POSSIBLE and k not in prohibited
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


def _line_breaks(
    text: str, prohibited: set[int], width: int, start_column: int
) -> Iterator[int]:
    """Yield the positions in ``text`` before which GNU breaks the line.

    Same result as :func:`_reference_width_linebreaks` (the positions where
    it returns ``_POSSIBLE``; ``prohibited`` holds the positions of its
    ``_PROHIBITED`` overrides), computed one line at a time: a line starting
    at ``line_start`` ends at the last opportunity at which the text still
    fits, or, if a word is longer than the line, at the first opportunity
    after it.  A generator, so that :func:`_wrap` can ask whether there is a
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
        overrides = [_PROHIBITED if i in prohibited else _UNDEFINED for i in range(n)]
        breaks = _reference_width_linebreaks(list(text), overrides, width, start_column)
        yield from (i for i, brk in enumerate(breaks) if brk == _POSSIBLE)
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


# --------------------------------------------------------------------------
# Format directives.  GNU does not break inside a format directive: for the
# first format language flagged on an entry it parses the string and
# protects the directives it recognizes.  We mirror gettext 0.21's parsers
# for python and c/objc; python-brace directives are not protected by 0.21.
# --------------------------------------------------------------------------

# NFORMATS order of gettext 0.21; it decides flag order and which parser runs.
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)


def _python_directives(s: str) -> list[tuple[int, int]]:
    """Spans (start, end inclusive) of valid directives, like format-python.c.

    Parsing stops at the first invalid directive, as GNU's does; spans found
    before it stay protected.
    """
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    n = len(s)
    i = 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        has_name = False
        if i < n and s[i] == "(":
            depth = 0
            i += 1
            while i < n:
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= n:
                return spans
            i += 1
            has_name = True
        while i < n and s[i] in "-+ #0":
            i += 1
        if i < n and s[i] == "*":
            i += 1
            if named:
                return spans
            unnamed += 1
        else:
            while i < n and s[i] in "0123456789":
                i += 1
        if i < n and s[i] == ".":
            i += 1
            if i < n and s[i] == "*":
                i += 1
                if named:
                    return spans
                unnamed += 1
            else:
                while i < n and s[i] in "0123456789":
                    i += 1
        if i < n and s[i] in "hlL":
            i += 1
        if i >= n or s[i] not in "%csridiuoxXeEfgG":
            return spans
        if has_name:
            if unnamed:
                return spans
            named += 1
        elif s[i] != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((start, i))
        i += 1
    return spans


_C_SIZE_CHARS = "hlLqjzZt"
_C_CONVERSIONS = "%mcCsSidouxXeEfFgGaApn"


def _c_directives(s: str, translated: bool, objc: bool = False) -> list[tuple[int, int]]:
    """Spans of valid directives, like format-c.c of gettext 0.21."""
    conversions = _C_CONVERSIONS + ("@" if objc else "")
    spans: list[tuple[int, int]] = []
    numbered = unnumbered = 0
    n = len(s)
    digits = "0123456789"

    def argno(i: int) -> tuple[int, int]:
        """Parse 'N$' at i; return (N, index after it) or (0, i)."""
        j = i
        while j < n and s[j] in digits:
            j += 1
        if j > i and j < n and s[j] == "$":
            return int(s[i:j]), j + 1
        return 0, i

    i = 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        number, i = argno(i)
        if i > start + 1 and number == 0:
            return spans
        while i < n and (s[i] in " +-#0'" or (translated and s[i] == "I")):
            i += 1
        for is_precision in (False, True):
            if is_precision:
                if i >= n or s[i] != ".":
                    break
                i += 1
            if i < n and s[i] == "*":
                i += 1
                star_start = i
                star_number, i = argno(i)
                if i > star_start and star_number == 0:
                    return spans
                if star_number:
                    if unnumbered:
                        return spans
                    numbered += 1
                else:
                    if numbered:
                        return spans
                    unnumbered += 1
            else:
                while i < n and s[i] in digits:
                    i += 1
        if i < n and s[i] == "<":
            # <inttypes.h> macros: %<PRId64>, %<PRIuMAX>, ...
            j = i + 1
            if s[j:j + 3] != "PRI" or j + 3 >= n or s[j + 3] not in "diouxX":
                return spans
            j += 4
            for suffix in ("LEAST8", "LEAST16", "LEAST32", "LEAST64", "FAST8",
                           "FAST16", "FAST32", "FAST64", "MAX", "PTR", "8",
                           "16", "32", "64"):
                if s.startswith(suffix, j):
                    j += len(suffix)
                    break
            else:
                return spans
            if j >= n or s[j] != ">":
                return spans
            i = j
            is_argument = True
        else:
            while i < n and s[i] in _C_SIZE_CHARS:
                i += 1
            if i >= n or s[i] not in conversions:
                return spans
            is_argument = s[i] not in "%m"
        if is_argument:
            if number:
                if unnumbered:
                    return spans
                numbered += 1
            else:
                if numbered:
                    return spans
                unnumbered += 1
        spans.append((start, i))
        i += 1
    return spans


def _protected_positions(value: str, language: str | None, is_msgstr: bool) -> set[int]:
    """Indices in ``value`` before which GNU may not break (inside directives)."""
    if language is None or not value:
        return set()
    if language == "python":
        spans = _python_directives(value)
    elif language in ("c", "objc"):
        spans = _c_directives(value, is_msgstr, objc=language == "objc")
    else:
        # msgcat 0.21 does not protect python-brace directives at all
        # (verified: "{x.yy}" and "{n:>3}" are broken inside).  Other
        # languages are not reproduced; see the module notes.
        return set()
    protected: set[int] = set()
    for start, end in spans:
        protected.update(range(start + 1, end + 1))
    return protected


# --------------------------------------------------------------------------
# wrap() from write-po.c
# --------------------------------------------------------------------------

_ESCAPED = re.compile("[" + re.escape("".join(ESCAPES)) + "]")
_NO_WRAP_WIDTH = 2**31 - 1  # INT_MAX, GNU's width when wrapping is off


def _escape(value: str, start: int, end: int, protected: set[int]) -> tuple[str, set[int]]:
    """``value[start:end]`` escaped, and the positions in it GNU never breaks before.

    Those are the second character of each escape sequence, the ``\\n`` that
    ends a piece and the inside of format directives (``protected`` holds
    their indices in ``value``).
    """
    if not protected and _ESCAPED.search(value, start, end) is None:
        return value[start:end], set()
    text = value[start:end].translate(ESCAPE_TABLE)
    prohibited = set()
    escapes = [m.start() for m in _ESCAPED.finditer(value, start, end)]
    for shift, index in enumerate(escapes):
        prohibited.add(index - start + shift + 1)
    for index in protected:
        if start <= index < end:
            prohibited.add(index - start + bisect_left(escapes, index))
    if end > start and value[end - 1] == "\n":
        # Don't break immediately before the "\n" at the end.
        prohibited.add(len(text) - 2)
    return text, prohibited


@functools.lru_cache(maxsize=8192)
def _wrap(
    line_prefix: str, name: str, value: str, *, do_wrap: bool, page_width: int,
    language: str | None,
) -> tuple[str, ...]:
    """The lines GNU writes for ``name "value"``.

    Cached: ``update`` formats the same msgids into the template and every
    catalog, and formats each catalog's entries more than once.
    """
    out = []
    protected = _protected_positions(value, language, name.startswith("msgstr"))
    startcol_after_break = len(line_prefix) + 1
    width = (page_width if do_wrap else _NO_WRAP_WIDTH) - 1 - startcol_after_break
    first_line = True
    s = 0
    n = len(value)
    while True:
        newline = value.find("\n", s)
        es = n if newline < 0 else newline + 1
        text, prohibited = _escape(value, s, es, protected)
        breaks = list(_line_breaks(text, prohibited, width, 0))
        # If the string has several pieces or would wrap, GNU puts an empty
        # string after the keyword and starts the text on the next line.
        # (Text that wraps from column 0 wraps after the keyword too.)
        if first_line and text and (
            es < n or breaks or len(name) + 1 > width
            or next(_line_breaks(text, prohibited, width, len(name) + 1), None) is not None
        ):
            out.append(f'{line_prefix}{name} ""')
            first_line = False
        if first_line:
            out.append(f'{line_prefix}{name} "{text}"')
            first_line = False
        else:
            begin = 0
            for brk in breaks:
                out.append(f'{line_prefix}"{text[begin:brk]}"')
                begin = brk
            out.append(f'{line_prefix}"{text[begin:]}"')
        s = es
        if s >= n:
            break
    return tuple(out)


# --------------------------------------------------------------------------
# Flags, as parsed by read-catalog-abstract.c and printed by write-po.c
# --------------------------------------------------------------------------

_FLAG_SEPARATORS = "\n \t\r\f\v,"
_INT_MAX = 2**31 - 1


class _Flags:
    """The flag state GNU keeps per message; unknown flags are dropped."""

    def __init__(self, flags: Iterable[str]) -> None:
        self.fuzzy = False
        self.formats: dict[str, str] = {}
        self.range: tuple[int, int] | None = None
        self.wrap: bool | None = None
        tokens = "".join(
            c if c not in _FLAG_SEPARATORS else " " for c in ",".join(flags)
        ).split()
        it = iter(tokens)
        for token in it:
            if token == "fuzzy":
                self.fuzzy = True
            elif token.endswith("-format") and self._format(token[: -len("-format")]):
                pass
            elif token == "range:":
                self._range(next(it, ""))
            elif token == "wrap":
                self.wrap = True
            elif token == "no-wrap":
                self.wrap = False
            # Anything else (syntax checks, unknown flags) is not written.

    def _format(self, spec: str) -> bool:
        value = "yes"
        for prefix in ("no-", "possible-", "impossible-"):
            if spec.startswith(prefix):
                spec = spec[len(prefix):]
                value = prefix[:-1]
                break
        if spec not in _FORMAT_LANGUAGES:
            return False
        self.formats[spec] = value
        return True

    def _range(self, token: str) -> None:
        lo_text, sep, hi_text = token.partition("..")
        lo_digits = _leading_digits(lo_text)
        hi_digits = _leading_digits(hi_text)
        if sep and lo_digits and lo_digits == lo_text and hi_digits:
            lo = min(int(lo_digits), _INT_MAX)
            hi = min(int(hi_digits), _INT_MAX)
            if lo <= hi:
                self.range = (lo, hi)

    def parser_language(self) -> str | None:
        """The format language whose directives GNU protects, if any."""
        for language in _FORMAT_LANGUAGES:
            if self.formats.get(language) in ("yes", "possible"):
                return language
        return None

    def line(self, *, msgstr_empty: bool, obsolete: bool) -> str | None:
        parts = []
        if self.fuzzy and not msgstr_empty:
            parts.append("fuzzy")
        for language in _FORMAT_LANGUAGES:
            value = self.formats.get(language)
            if value in ("yes", "possible"):
                parts.append(f"{language}-format")
            elif value == "no":
                parts.append(f"no-{language}-format")
        if self.range is not None and not obsolete:
            parts.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.wrap is False:
            parts.append("no-wrap")
        return "#, " + ", ".join(parts) if parts else None


def _leading_digits(text: str) -> str:
    end = 0
    while end < len(text) and text[end] in "0123456789":
        end += 1
    return text[:end]


# --------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------


def _comment_lines(marker: str, text: str | None) -> list[str]:
    """``# text`` per line; an empty line is the bare marker, as GNU writes."""
    if not text:
        return []
    lines = [f"{marker} {line}" if line else marker for line in text.split("\n")]
    _check_no_continuation(lines)
    return lines


def _check_no_continuation(lines: list[str]) -> None:
    """Refuse comment lines ending in a backslash.

    GNU's PO lexer deletes every backslash-newline pair, so such a line would
    be glued to the next one and the catalog would not survive msgcat.
    """
    for line in lines:
        if line.endswith("\\"):
            raise ValueError(f"PO comment line may not end with a backslash: {line!r}")


def _reference_lines(occurrences: Iterable[tuple[str, str]], page_width: int) -> list[str]:
    """``#:`` lines, filled up to the page width like GNU does.

    GNU reads ``file:123`` as (file, 123), drops exact repeats of that pair
    (comparing names before it strips a leading ``./`` for display) and
    prints the line number in decimal, so ``a.py:007`` comes back as
    ``a.py:7``.
    """
    refs = []
    seen = set()
    for filename, line in occurrences:
        line = "" if line is None else str(line)
        token = f"{filename}:{line}" if line else filename
        name, colon, number = token.rpartition(":")
        if colon and name and number.isascii() and number.isdigit():
            key = (name, int(number))
        else:
            key = (token, -1)
        if not key[0] or key in seen:
            continue
        seen.add(key)
        name = key[0]
        while name.startswith("./"):
            name = name[2:]
        refs.append(f"{name}:{key[1]}" if key[1] >= 0 else name)
    if not refs:
        return []
    lines = []
    current = "#:"
    column = 2
    for ref in refs:
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current = "#:"
            column = 2
        current += " " + ref
        column += size
    lines.append(current)
    _check_no_continuation(lines)
    return lines


def _plural_msgstrs(entry: polib.POEntry) -> list[str]:
    forms = sorted((int(k), v) for k, v in entry.msgstr_plural.items())
    return [v for _, v in forms] or [""]


def _page_width(width: int) -> int:
    """Clamp like msgcat's ``-w``: 0 means unlimited, anything below 20 is 20."""
    if width <= 0:
        return _NO_WRAP_WIDTH
    return max(width, 20)


def _entry_lines(entry: polib.POEntry, page_width: int) -> list[str]:
    obsolete = bool(entry.obsolete)
    msgstrs = _plural_msgstrs(entry) if entry.msgid_plural else [entry.msgstr]
    if obsolete and not msgstrs[0]:
        # GNU drops obsolete entries without a translation.
        return []

    for text in _entry_texts(entry):
        if "\0" in text or "\x04" in text:
            # NUL ends a C string and EOT separates msgctxt from msgid inside
            # gettext: GNU refuses both.
            raise ValueError(f"PO strings may not contain NUL or EOT: {entry.msgid!r}")

    flags = _Flags(entry.flags)
    do_wrap = flags.wrap is not False
    language = flags.parser_language()
    lines: list[str] = []
    lines += _comment_lines("#", entry.tcomment)
    lines += _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry.occurrences, page_width)
    flag_line = flags.line(msgstr_empty=not msgstrs[0], obsolete=obsolete)
    if flag_line:
        lines.append(flag_line)

    def wrap(prefix: str, name: str, value: str) -> None:
        lines.extend(_wrap(prefix, name, value, do_wrap=do_wrap, page_width=page_width,
                           language=language))

    previous_prefix = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        wrap(previous_prefix, "msgctxt", entry.previous_msgctxt)
    if entry.previous_msgid is not None:
        wrap(previous_prefix, "msgid", entry.previous_msgid)
    if entry.previous_msgid_plural is not None:
        wrap(previous_prefix, "msgid_plural", entry.previous_msgid_plural)

    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        wrap(prefix, "msgctxt", entry.msgctxt)
    wrap(prefix, "msgid", entry.msgid)
    if entry.msgid_plural:
        wrap(prefix, "msgid_plural", entry.msgid_plural)
        for index, msgstr in enumerate(msgstrs):
            wrap(prefix, f"msgstr[{index}]", msgstr)
    else:
        wrap(prefix, "msgstr", entry.msgstr)
    return lines


def clear_caches() -> None:
    """Forget memoized line breaks (benchmarks measure a cold start, as a new process has)."""
    _wrap.cache_clear()


def format_entry(entry: polib.POEntry, width: int = PAGE_WIDTH) -> str:
    """Format one entry the way ``msgcat`` writes it, without a trailing newline.

    The entry is normalized as GNU normalizes it on reading, so that the text
    is stable under ``msgcat``: flags are reordered (fuzzy first, then format
    flags in gettext's order, range, no-wrap), unknown flags are dropped,
    ``fuzzy`` is dropped when the translation is empty, references lose a
    leading ``./`` and exact repeats, and an obsolete entry without
    translation yields the empty string (GNU omits it).  Text is assumed to
    be UTF-8.  ``width`` is the page width as for ``msgcat -w`` (0 means no
    wrapping, values below 20 count as 20).

    Raises ValueError for what GNU cannot read back: NUL or EOT (U+0004) in a
    string, or a comment line ending in a backslash.
    """
    return "\n".join(_entry_lines(entry, _page_width(width)))


def _header_entry(catalog: polib.POFile) -> polib.POEntry:
    metadata = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items())
    fuzzy = catalog.metadata_is_fuzzy
    # polib keeps the header's parsed flags here, or a bare truth value.
    flags = list(fuzzy) if isinstance(fuzzy, list | tuple) else ["fuzzy"] if fuzzy else []
    return polib.POEntry(msgid="", msgstr=metadata, tcomment=catalog.header or "", flags=flags)


def _entry_texts(entry: polib.POEntry) -> Iterable[str]:
    yield from (entry.msgid, entry.msgstr, entry.msgid_plural or "")
    yield from (entry.msgctxt or "", entry.previous_msgctxt or "")
    yield from (entry.previous_msgid or "", entry.previous_msgid_plural or "")
    yield from entry.msgstr_plural.values()


def format_catalog(catalog: polib.POFile, width: int = PAGE_WIDTH) -> str:
    """Return the whole catalog as ``msgcat`` would write it.

    Order: the header (``catalog.header`` as translator comments,
    ``catalog.metadata`` in insertion order), then the non-obsolete entries
    in catalog order, then the obsolete ones; one blank line between
    entries and a single newline at the end.  Entries are normalized as
    described in :func:`format_entry`.

    Note that ``msgcat`` itself writes nothing for a catalog without entries
    (unless given ``--force-po``); we still return the header.

    Raises ValueError for catalogs GNU would reject or break differently: a
    second header or a repeated (msgctxt, msgid), non-ASCII strings without
    ``charset=UTF-8`` in the Content-Type header, and the cases listed in
    :func:`format_entry`.
    """
    header = _header_entry(catalog)
    entries = [entry for entry in catalog if not entry.obsolete]
    entries += [entry for entry in catalog if entry.obsolete]
    page_width = _page_width(width)
    with no_cyclic_gc():  # thousands of small lists, no cycles (see poparse)
        blocks = [_entry_lines(entry, page_width) for entry in [header, *entries]]

    seen: set[tuple[str | None, str]] = set()
    for entry, block in zip([header, *entries], blocks, strict=True):
        key = (entry.msgctxt, entry.msgid)
        if block and key in seen:
            raise ValueError(f"duplicate message (GNU refuses it): {key!r}")
        seen.add(key)

    if not is_utf8(charset(header.msgstr)):
        for entry in [header, *entries]:
            if not all(text.isascii() for text in _entry_texts(entry)):
                raise ValueError(
                    "catalog contains non-ASCII text but its Content-Type header "
                    "does not declare charset=UTF-8"
                )
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"
