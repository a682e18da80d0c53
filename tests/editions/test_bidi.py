"""Left-to-right runs in right-to-left text: which spans, and where isolates are needed.

ICU's implementation of UAX #9 is the oracle: a line is reordered for display as a viewer
that takes the paragraph's direction from its first letter would, and every Latin run must
come out as it was written, inside a right-to-left line.
"""

from __future__ import annotations

import icu
import pytest

from letter_i18n.editions import bidi


def runs(text: str) -> list[str]:
    return [text[start:end] for start, end in bidi.ltr_runs(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("دكتوراه في القانون (J.D.)، ودكتوراه (Ph.D.)، أستاذة", ["(J.D.)", "(Ph.D.)"]),
    ("Alternative ASEAN Network on Burma (ALTSEAN) – ميانمار", [
        "Alternative ASEAN Network on Burma (ALTSEAN)"]),
    ("ARTICLE 19 – دولية", ["ARTICLE 19"]),
    ("الوثيقة A/HRC/41/41، و", ["A/HRC/41/41"]),
    ("المقرر، Clément Nyaletsossi Voule (كليمان نيالتسوسي فول)، قائلاً", [
        "Clément Nyaletsossi Voule"]),
    # an Arabic comma separates two names; a sentence's full stop is not the name's
    ("Citizen Lab، Munk School", ["Citizen Lab", "Munk School"]),
    ("انظر Citizen Lab. ثم", ["Citizen Lab"]),
    ("راجع https://undocs.org/A/RES/76/174 هنا", ["https://undocs.org/A/RES/76/174"]),
    ("في (Foo) Bar) عربي", ["(Foo) Bar"]),  # an unpaired bracket stays outside
    ("العربية فقط، 2019", []),
])
def test_runs_take_their_own_punctuation_and_brackets(text, expected):
    assert runs(text) == expected


def shown(line: str) -> str:
    """``line`` as a viewer that takes a paragraph's direction from its first strong letter
    shows it (UAX #9 P2/P3, then reordered left to right, brackets mirrored)."""
    para = icu.Bidi()
    para.setPara(icu.UnicodeString(line), icu.Bidi.DEFAULT_LTR)
    assert para.getParaLevel() == 1, f"laid out left-to-right: {line!r}"
    return str(para.writeReordered(icu.Bidi.DO_MIRRORING | icu.Bidi.REMOVE_BIDI_CONTROLS))


LINES = [
    "دكتوراه في القانون (J.D.)، ودكتوراه في الفلسفة (Ph.D.)، أستاذة",
    " 11. Valerie Steeves، دكتوراه في القانون (J.D.)، ودكتوراه",
    "  2. Alternative ASEAN Network on Burma (ALTSEAN) – ميانمار (بورما)",
    "  7. ARTICLE 19 – دولية",
    "     Africa (CIPESA) – أفريقيا",
    "للأمم المتحدة، Clément Nyaletsossi Voule (كليمان نيالتسوسي فول)، قائلاً:",
    "في الوثيقة A/HRC/41/41، قال",
]


@pytest.mark.parametrize("line", LINES)
def test_isolated_lines_show_every_run_as_written_in_a_right_to_left_line(line):
    isolated = bidi.isolate_line(line)
    visual = shown(isolated)
    for run in runs(line):
        assert run in visual, (run, visual)


@pytest.mark.parametrize("line", LINES[:5])
def test_without_isolates_these_lines_are_misshown(line):
    """The oracle sees the bug: the test above cannot pass by accident."""
    para = icu.Bidi()
    para.setPara(icu.UnicodeString(line), icu.Bidi.DEFAULT_LTR)
    visual = str(para.writeReordered(icu.Bidi.DO_MIRRORING))
    assert para.getParaLevel() == 0 or not all(run in visual for run in runs(line))


def test_isolates_go_only_where_needed():
    # a name inside an Arabic sentence: its spaces resolve left-to-right as they are
    assert bidi.isolate_line(LINES[5]) == LINES[5]
    assert bidi.needed("في قسم Human Rights Watch و", bidi.ltr_runs(
        "في قسم Human Rights Watch و")) == []
    # Latin only (the notes of the text edition): nothing to isolate
    assert bidi.isolate_line("[1] https://undocs.org/A/HRC/41/41") == (
        "[1] https://undocs.org/A/HRC/41/41")
    assert bidi.isolate_line("  7. ARTICLE 19 – دولية") == (
        f"  7. {bidi.LRI}ARTICLE 19{bidi.PDI} – دولية")
