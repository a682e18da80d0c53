"""Signatory rows found by name, in any order and numbering; regions by vote."""

from __future__ import annotations

from pathlib import Path

from letter_i18n.drafts.imports.readers import Block, Run
from letter_i18n.drafts.imports.signatories import find
from letter_i18n.source.letter import load_letter

ROOT = Path(__file__).resolve().parents[3]
LETTER = load_letter(ROOT / "source", ROOT)


def blocks(*texts: str) -> list[Block]:
    return [Block("list item", [Run(t)], f"line {n}") for n, t in enumerate(texts, 1)]


def test_rows_in_any_order_give_affiliations_and_regions():
    found = find(blocks("Un paragraphe qui cite Access Now en passant.",
                        "3) Valerie Steeves – professeure, Université d’Ottawa",
                        "Access Now（国际）", "ARTICLE 19 – International",
                        "Human Rights Watch – International", "Marietje Schaake"), LETTER, "fr")
    assert found.claimed == {1, 2, 3, 4, 5}
    steeves = next(i for i, e in enumerate(LETTER.experts) if e.name == "Valerie Steeves")
    assert found.affiliations == {steeves: ("professeure, Université d’Ottawa", 1)}
    assert found.regions == {"international": ("International", 0.63, [2, 3, 4])}


def test_a_name_in_a_paragraph_is_no_list():
    found = find(blocks("Access Now – International", "Human Rights Watch – International"),
                 LETTER, "fr")
    assert not found.claimed and not found.regions
