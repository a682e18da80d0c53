"""Runs written back as segment markup: links by address and position, emphasis, splits."""

from __future__ import annotations

from letter_i18n.drafts.imports.readers import Run
from letter_i18n.drafts.imports.rebuild import join, normalize, rebuild, split

TARGETS = {"a": "https://undocs.org/A/RES/76/174", "b": "https://undocs.org/A/RES/76/174",
           "c": None, "d": "https://x.org/d"}


def test_links_by_address_then_position():
    runs = [Run("En "), Run("2019", href="https://x.org/d", link=1), Run(" puis "),
            Run("cette année", href="http://undocs.org/A/RES/76/174/", link=2), Run(", "),
            Run("vivement", href="https://undocs.org/A/RES/76/174", link=3), Run(" et "),
            Run("des blogueurs", href="", link=4), Run(".")]
    source = "In [2019][d] and [this year][a], [deeply][b] and [bloggers][c]."
    built = rebuild(runs, source, TARGETS)
    assert built.text == ("En [2019][d] puis [cette année][a], [vivement][b] et "
                          "[des blogueurs][c].")
    assert built.notes == []


def test_emphasis_only_where_the_source_has_it():
    runs = [Run("Un "), Run("mot", bold=True), Run(" "), Run("penché ", italic=True),
            Run("*vrai* !")]
    assert rebuild(runs, "A *word* here", TARGETS).text == "Un mot *penché* \\*vrai\\* !"
    built = rebuild(runs, "A word", TARGETS)
    assert built.text == "Un mot penché \\*vrai\\* !"
    assert built.notes == ["bold in the file but not in the source: dropped",
                           "italic in the file but not in the source: dropped"]


def test_an_unknown_link_is_kept_as_text_and_said():
    built = rebuild([Run("voir "), Run("ici", href="https://autre.org", link=1)], "see here",
                    TARGETS)
    assert built.text == "voir ici"
    assert built.notes == ["a link to 'https://autre.org' matches no link of the source: "
                           "kept as text"]


def test_footnote_asterisks_and_spaces():
    assert rebuild([Run("  Signataires*  ")], "Signatories", TARGETS).text == "Signataires"
    assert normalize([Run(" a \n b\u00a0: ")]) == [Run("a b\u00a0:")]
    assert join([[Run("Un.")], [Run("Deux.")]], " ") == [Run("Un."), Run(" "), Run("Deux.")]


def test_a_merged_block_is_cut_at_the_sentence_end_nearest_its_share():
    runs = [Run("Première phrase. Deuxième phrase, "), Run("lien", href="https://x.org/d",
                                                          link=1), Run(". Troisième.")]
    parts = split(runs, ["First sentence. Second one, [link][d].", "Third."], frozenset(TARGETS))
    assert ["".join(r.text for r in p) for p in parts] == [
        "Première phrase. Deuxième phrase, lien.", "Troisième."]
    assert split([Run("Sans fin de phrase")], ["One.", "Two."], frozenset(TARGETS)) is None
