"""The fast line breaker must agree with the per-character port of libunistring.

The port (``reference_width_linebreaks``) is what was checked against
libunistring 1.0; the fast ``line_breaks`` replays its rules only near the
end of each line, so it is tested against the port on the letter's scripts
and on the classes with special rules.  That both together match GNU is
tested through the writer, in test_powrite.
"""

from __future__ import annotations

from unittest import mock

import icu
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from alphabet import ALPHABET
from letter_i18n.catalog import linebreak
from letter_i18n.catalog.linebreak import (
    POSSIBLE,
    PROHIBITED,
    UNDEFINED,
    line_breaks,
    reference_width_linebreaks,
)

SPECIAL = (
    "\u0301\u200d\u200b\u2060\u00ad"  # combining mark, ZWJ, ZW space, word joiner, soft hyphen
    "\U0001f1eb\U0001f1f7\U0001f44d\U0001f3fd"  # regional indicators, emoji base + modifier
    "\u05d0\u05d1-\u2010"  # Hebrew letters, hyphens (LB21a)
    "\u1100\u1161\u11a8\uac00\uac01"  # Hangul jamo and syllables
    "\u2028\u0085\x01\x7f"  # mandatory breaks, control characters
    "\uff08\uff09\u3002\u30fc\u00b4"  # wide brackets, ideographic full stop, NS, BB
)
# One column wide each, so that the breaker counts columns without a table.
NARROW = "abcdefghijklmnopqrstuvwxyzXYZ0123456789éàçабвгд,.;:!?-()[]{}/'&*+=<>@#%$_|~\"\\"
# Few characters, so that the rules with state (marks, ZWJ, regional
# indicators, Hebrew + hyphen, opening punctuation + spaces) meet often.
RULES = "a1(-\u05d0\u0301\u200d\u200b\U0001f1eb\U0001f1f7\u00ad\u2014\u3002"
CHARACTERS = st.sampled_from(
    [
        st.sampled_from(NARROW),
        st.sampled_from(ALPHABET),
        st.one_of(st.sampled_from(ALPHABET), st.sampled_from(SPECIAL)),
        st.sampled_from(RULES),
    ]
)


def words(characters: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Words of ``characters`` between runs of spaces, long enough to need
    several lines at the widths drawn below."""
    return st.lists(
        st.tuples(
            st.text(characters, min_size=1, max_size=12),
            st.sampled_from([" ", " ", "  ", ""]),
        ),
        min_size=2,
        max_size=40,
    ).map(lambda words: "".join(word + spaces for word, spaces in words))


def reference_breaks(text: str, prohibited: set[int], width: int, start_column: int) -> list[int]:
    """Where the per-character port breaks ``text`` (its ``POSSIBLE`` positions)."""
    overrides = [PROHIBITED if i in prohibited else UNDEFINED for i in range(len(text))]
    breaks = reference_width_linebreaks(list(text), overrides, width, start_column)
    return [i for i, brk in enumerate(breaks) if brk == POSSIBLE]


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(
    text=CHARACTERS.flatmap(words),
    width=st.integers(0, 60),
    start_column=st.integers(0, 80),
    window=st.sampled_from([1, 2, 3, linebreak._WINDOW]),
    prohibited=st.sets(st.integers(0, 500)),
)
# Replays that would go wrong if they started right after a Hebrew letter +
# soft hyphen, a regional indicator or a ZWJ.
@example(text="\u05d0\xad\u05d0", width=2, start_column=7, window=1, prohibited=set())
@example(text="\U0001f1eb\U0001f1eb", width=7, start_column=7, window=2, prohibited=set())
@example(text="(\u200d \U0001f1f7", width=0, start_column=0, window=1, prohibited=set())
def test_fast_line_breaks_match_the_reference_port(
    text: str, width: int, start_column: int, window: int, prohibited: set[int]
) -> None:
    """Small search windows make the replay start after every kind of character."""
    prohibited = {i for i in prohibited if i < len(text)}
    expected = reference_breaks(text, prohibited, width, start_column)
    with mock.patch.object(linebreak, "_WINDOW", window):
        assert list(line_breaks(text, prohibited, width, start_column)) == expected


def test_fast_line_breaks_cover_the_hard_cases() -> None:
    """Overlong words, text without spaces, and a replay that starts after marks."""
    cases = [
        ("x" * 200 + " " + "y" * 10, 70, 0),
        ("的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年" * 4, 30, 5),
        ("เพราะคำถามที่เกิดขึ้นตลอดปีที่ผ่านมาไม่อาจรอได้อีกต่อไป " * 3, 40, 0),
        ("a\u0301\u0301 " * 40, 20, 0),
        ("( " * 60 + "and then some", 25, 3),
    ]
    for text, width, start_column in cases:
        expected = reference_breaks(text, set(), width, start_column)
        assert expected, text
        assert list(line_breaks(text, set(), width, start_column)) == expected


def test_line_break_classes_are_unicode_16_as_the_corrections_assume() -> None:
    """ICU gives the Line_Break values; the corrections to libunistring's classes were
    made for Unicode 16, so another ICU data version must fail here, not shift lines."""
    assert icu.UNICODE_VERSION.split(".")[:2] == linebreak.UNICODE_VERSION.split(".")
    assert [linebreak.line_break_name(c) for c in "a (1)\u3001\u0e01\u00a0-"] == [
        "AL", "SP", "OP", "NU", "CP", "CL", "SA", "GL", "HY"]


@pytest.mark.slow
def test_line_break_classes_agree_with_uniseg_on_every_code_point() -> None:
    """Two readings of the same Unicode data (uniseg's is the one the corrections
    were first checked with)."""
    from uniseg.linebreak import line_break

    differ = [hex(cp) for cp in range(0x110000)
              if linebreak.line_break_name(chr(cp)) != line_break(chr(cp)).name]
    assert differ == []
