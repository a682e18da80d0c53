"""The template letter.pot: one entry per distinct text listing every place it stands, what
each segment is, and the glossary terms it uses (in English, the same in every catalog)."""

from __future__ import annotations

import pytest

from letter_i18n import __version__
from letter_i18n.catalog.pofile import load_po
from letter_i18n.catalog.template import (
    TEMPLATE_HEADER,
    build_template,
    fresh_template,
    glossary_notes,
)
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.source.glossary import Glossary, Rendering, Term
from letter_i18n.source.segments import Segment

CREATED = "2021-12-22 00:00+0000"
TERMS = Glossary((Term("committee", ("Committee",), 1, renderings={
    "fr": Rendering("Comité", source="UN", verified=True), "es": Rendering("Comité")}),),
    ("Access Now",))


@pytest.fixture
def updated(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")  # 2021-12-22 00:00 UTC
    update_catalogs(small_project)
    return small_project


def test_identical_texts_share_one_entry_that_lists_every_place():
    pot = build_template([
        Segment("Dear Chair,", "paragraph", "source/letter.md", 3, ["paragraph 1"]),
        Segment("Hello {name}", "recipient", "source/letter.yaml", 4, ["recipient"]),
        Segment("Dear Chair,", "paragraph", "source/letter.md", 9, ["paragraph 1", "list item"]),
        Segment("Europe", "region", "source/letter.yaml", 12, ["region"], msgctxt="region"),
        Segment("Europe", "template", "src/x.j2", 1, ["edition template"]),
    ], CREATED)
    assert [(e.msgctxt, e.msgid) for e in pot] == [
        (None, "Dear Chair,"), (None, "Hello {name}"), ("region", "Europe"), (None, "Europe")]
    dear, hello, region, europe = pot
    assert dear.occurrences == [("source/letter.md", "3"), ("source/letter.md", "9")]
    assert dear.comment == "paragraph 1\nlist item"  # each note once
    assert (dear.flags, hello.flags) == ([], ["python-brace-format"])
    assert (region.occurrences, europe.occurrences) == ([("source/letter.yaml", "12")],
                                                        [("src/x.j2", "1")])
    assert all(e.msgstr == "" and not e.msgstr_plural for e in pot)


def test_the_header_and_plural_entries():
    pot = build_template([Segment("{count} organization", "template", "src/x.j2", 2, [],
                                  msgid_plural="{count} organizations")], CREATED)
    assert pot.header == TEMPLATE_HEADER
    # every field GNU's msgfmt -c expects of a template, with GNU's placeholders for msginit
    assert pot.metadata == {"Project-Id-Version": "open-letter-2021-12-22",
                            "Report-Msgid-Bugs-To": "", "POT-Creation-Date": CREATED,
                            "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
                            "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
                            "Language-Team": "LANGUAGE <LL@li.org>", "Language": "",
                            "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                            "Content-Transfer-Encoding": "8bit",
                            "X-Generator": f"letter-i18n {__version__}"}
    (plural,) = pot
    assert (plural.msgid_plural, plural.msgstr_plural) == ("{count} organizations",
                                                           {0: "", 1: ""})
    assert "Plural-Forms" not in pot.metadata


def test_glossary_notes_name_the_terms_in_english():
    text = "We ask that the Committee, Access Now and the Committee:"
    assert glossary_notes(TERMS, text) == ["glossary: Committee", "do not translate: Access Now"]
    assert glossary_notes(TERMS, "The committees and Access") == []  # whole words only
    pot = build_template([Segment(text, "paragraph", "source/letter.md", 3, ["paragraph 1"])],
                         CREATED, TERMS)
    assert pot[0].comment.split("\n") == ["paragraph 1", "glossary: Committee",
                                          "do not translate: Access Now"]


def test_the_fresh_template_holds_the_letter_then_the_edition_templates(small_project):
    pot = fresh_template(small_project, CREATED)
    places = [path for entry in pot for path, _ in entry.occurrences]
    assert places[0] == "source/letter.md"
    first_template = next(i for i, p in enumerate(places) if p.startswith("src/"))
    assert all(p.startswith("src/letter_i18n/templates/") and p.endswith(".j2")
               for p in places[first_template:])
    assert {p.split("/")[0] for p in places[:first_template]} == {"source"}
    paragraph = next(e for e in pot if e.msgid.startswith("We write about"))
    assert paragraph.occurrences == [("source/letter.md", "5")]
    assert "link [report]: https://undocs.org/A/HRC/41/41 (inferred, high confidence)" \
        in paragraph.comment
    assert len({(e.msgctxt, e.msgid) for e in pot}) == len(pot)


def test_catalogs_carry_the_template_s_notes_unchanged(updated):
    """What GNU msgmerge (Weblate, a translator's tools) would write: no per-language notes."""
    glossary = updated.source_dir / "glossary.yaml"
    glossary.write_text(
        'terms:\n  committee:\n    en: ["Committee"]\n'
        '    fr: {text: "Comité", source: UN, verified: false}\n'
        'do_not_translate: ["Council of State"]\n', encoding="utf-8")
    update_catalogs(updated)
    pot = {e.msgid: e.comment for e in load_po(updated.pot_path)}
    assert "glossary: Committee" in pot["We ask that the Committee:"].split("\n")
    assert "do not translate: Council of State" in pot["Council of State"].split("\n")
    for code in ("fr", "es", "ar"):
        catalog = {e.msgid: e.comment for e in load_po(updated.po_path(code)) if not e.obsolete}
        assert catalog == pot
