"""The programme's choices on made-up units and blocks: each kind of step, and the band."""

from __future__ import annotations

from collections import Counter

from letter_i18n.drafts.imports.align import (
    Evidence,
    Piece,
    Unit,
    align,
    normal_url,
    numbers_of,
    symbols_of,
    url_symbols,
)


def unit(length: int, kind: str = "paragraph", numbers: str = "") -> Unit:
    return Unit(kind, length, Evidence(numbers=numbers_of(numbers)))


def piece(length: int, kind: str = "paragraph", numbers: str = "", cuts=()) -> Piece:
    return Piece(kind, length, Evidence(numbers=numbers_of(numbers), text=""), cuts)


def steps(beads) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.units, b.blocks) for b in beads]


UNITS = [unit(20, "title"), unit(300, numbers="2019"), unit(12, "heading"), unit(450),
         unit(200, numbers="40"), unit(380), unit(260, numbers="2021 12")]


def test_one_to_one_with_confidence():
    pieces = [piece(u.length * 1.2, u.kind, " ".join(u.evidence.numbers)) for u in UNITS]
    beads = align(UNITS, pieces)
    assert steps(beads) == [((i,), (i,)) for i in range(len(UNITS))]
    assert all(b.confidence >= 0.8 for b in beads)


def test_note_merge_split_and_omission():
    pieces = [piece(150),  # a translator's note
              piece(24, "title"), piece(360, numbers="2019"), piece(14, "heading"),
              piece(540 + 240, numbers="40", cuts=(300, 540)),  # units 3 and 4 merged
              piece(200), piece(256),  # unit 5 split
              ]  # unit 6 left out
    beads = align(UNITS, pieces)
    assert steps(beads) == [((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2,), (3,)),
                            ((3, 4), (4,)), ((5,), (5, 6)), ((6,), ())]


def test_invariants_outweigh_lengths():
    units = [unit(100, numbers="2019"), unit(100, numbers="2020")]
    pieces = [piece(100, numbers="2020")]
    assert steps(align(units, pieces, 1.0)) == [((0,), ()), ((1,), (0,))]


def test_a_buddhist_era_year_is_the_same_year():
    assert numbers_of("พ.ศ. ๒๕๖๒", 543) == Counter({"2019": 1})
    assert numbers_of("٢٠١٩") == Counter({"2019": 1})


def test_addresses_compare_without_scheme_and_slash():
    assert normal_url("http://www.UNDOCS.org/A/RES/74/146/") == "undocs.org/A/RES/74/146"


def test_a_long_document_stays_in_its_band():
    units = UNITS * 150
    pieces = [piece(u.length * 0.9, u.kind, " ".join(u.evidence.numbers)) for u in units]
    del pieces[500]  # one omission far from the start
    beads = align(units, pieces)
    assert sum(1 for b in beads if not b.blocks) == 1
    assert sum(len(b.units) for b in beads) == len(units)


def test_a_merge_needs_a_sentence_end_where_the_first_unit_would_end():
    units = [unit(400), unit(30, "line")]
    assert steps(align(units, [piece(430, cuts=(200,))], 1.0)) == [((0,), (0,)), ((1,), ())]
    assert steps(align(units, [piece(430, cuts=(200, 398))], 1.0)) == [((0, 1), (0,))]


def test_the_band_widens_when_the_path_needs_it():
    units = UNITS * 20
    notes = [piece(50, "quote") for _ in range(40)]  # far more than the first band
    pieces = notes + [piece(u.length, u.kind, " ".join(u.evidence.numbers)) for u in units]
    beads = align(units, pieces)
    assert steps(beads) == [((), (j,)) for j in range(40)] + [
        ((i,), (i + 40,)) for i in range(len(units))]


def test_a_document_symbol_in_the_text_tells_which_paragraph_it_is():
    units = [Unit("paragraph", 100, Evidence(symbols=url_symbols([f"https://undocs.org/{s}"])))
             for s in ("A/HRC/41/41", "A/RES/75/176")]
    pieces = [Piece("paragraph", 100, Evidence(symbols=symbols_of("(A/RES/75/176)"), text=""))]
    assert steps(align(units, pieces, 1.0)) == [((0,), ()), ((1,), (0,))]
    assert symbols_of("le rapport (A/HRC/41/41), https://undocs.org/A/RES/74/146") == Counter(
        {"A/HRC/41/41": 1})
    assert url_symbols(["http://www.undocs.org/A/RES/74/146/", "https://x.org/A/B/1"]) == \
        Counter({"A/RES/74/146": 1})
