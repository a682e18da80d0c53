"""XLIFF export: what a CAT tool gets, checked against the published XLIFF 1.2 schema and read
by translate-toolkit's XLIFF reader as an independent oracle."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from translate.storage import poxliff

from conftest import LOCALES, requires
from letter_i18n import markup
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.catalog.xliff import NS
from letter_i18n.catalog.xliff_export import export_xliff
from letter_i18n.errors import UserError
from xliffing import change_source, exported, plural_unit, unit_of

# The OASIS XLIFF 1.2 strict schema and the W3C xml.xsd it imports, as Debian ships them
# (php-symfony-translation); the schema is not copied into this repository.
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
STRICT = SCHEMAS / "xliff-core-1.2-strict.xsd"


@pytest.fixture(scope="module")
def schema():
    class Local(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url.endswith("/xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(STRICT), parser))


@requires(STRICT.is_file(), "the XLIFF 1.2 schema", "apt-get install php-symfony-translation")
@pytest.mark.parametrize("code", [info.code for info in LOCALES.targets])
def test_every_committed_catalog_exports_valid_xliff_1_2_strict(repo_copy, schema, code):
    text, count = export_xliff(repo_copy, code)
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    assert count == len(document.findall(f".//{{{NS}}}trans-unit")) - sum(
        len(group) - 1 for group in document.iter(f"{{{NS}}}group"))


@requires(STRICT.is_file(), "the XLIFF 1.2 schema", "apt-get install php-symfony-translation")
def test_previous_english_and_plurals_are_valid_too(translated_project, schema):
    change_source(translated_project)
    document = etree.fromstring(export_xliff(translated_project, "fr")[0].encode("utf-8"))
    assert schema.validate(document), schema.error_log
    assert document.find(f".//{{{NS}}}alt-trans") is not None


def test_translate_toolkit_sees_the_catalog_s_sources_targets_states_and_notes(
        translated_project):
    change_source(translated_project)
    catalog = read_project_po(translated_project, translated_project.po_path("fr"))
    store = poxliff.PoXliffFile.parsefile(str(exported(translated_project)))
    units = [unit for unit in store.units if not unit.isheader()]
    active = [entry for entry in catalog if not entry.obsolete]
    assert len(units) == len(active)
    for unit, entry in zip(units, active, strict=True):
        assert str(unit.source) == _plain(entry.msgid)
        if entry.msgid_plural:
            assert unit.hasplural()
            assert list(map(str, unit.target.strings)) == list(map(_plain, model.forms(entry)))
        else:
            assert str(unit.target or "") == _plain(entry.msgstr)
        assert unit.isfuzzy() == (model.is_fuzzy(entry) and bool(entry.msgstr
                                                              or entry.msgstr_plural))
        assert unit.getnotes("developer") == entry.comment
        assert unit.getnotes("translator") == entry.tcomment
        assert unit.getlocations() == []  # unnamed groups: a name must be unique in a file


def _plain(text: str) -> str:
    """The text a tool shows outside the inline codes: markup and placeholders are codes."""
    text = markup.PLACEHOLDER.sub("", text)
    return markup.plain_text(markup.parse(text, markup.referenced_labels(text)))


def test_obsolete_entries_are_not_exported_and_previous_english_is(translated_project):
    change_source(translated_project)
    text = exported(translated_project).read_text(encoding="utf-8")
    catalog = read_project_po(translated_project, translated_project.po_path("fr"))
    assert any(entry.obsolete for entry in catalog)
    assert "We ask that the Committee" not in text and "Nous demandons" not in text
    unit = unit_of(text, "body/s0/p1")
    assert "<source>Dear Madam Chair,</source>" in unit
    assert '<alt-trans alttranstype="previous-version">\n' in unit
    assert "<source>Dear Chair,</source>\n          <target>Madame la Présidente,</target>" \
        in unit
    assert "It was: Dear Chair," in unit
    assert 'state="needs-review-translation"' in unit


def test_units_carry_states_notes_and_plural_forms(translated_project):
    text = exported(translated_project).read_text(encoding="utf-8")
    reviewed = unit_of(text, "body/title")
    assert 'approved="yes"' in reviewed and '<target state="final">Une courte lettre' in reviewed
    assert '<note from="developer">title of the letter</note>' in reviewed
    draft = unit_of(text, "body/s1/li2")
    assert '<note from="translator">draft: test fixture</note>' in draft
    assert 'approved' not in draft
    assert '<target state="needs-translation"></target>' in unit_of(text, "body/s1/p2")
    group = unit_of(text, plural_unit(translated_project))
    assert 'restype="x-gettext-plurals"' in group
    assert group.count("<trans-unit") == 3
    assert "plural form 1 of 3 in French, used for numbers such as 0, 1" in group
    assert '<x id="1" ctype="x-python-brace-format" equiv-text="{count}"/> organisations' \
        in group


def test_export_is_deterministic_and_rewrites_nothing(translated_project):
    out = exported(translated_project)
    before = out.stat().st_mtime_ns
    assert exported(translated_project).stat().st_mtime_ns == before
    assert export_xliff(translated_project, "fr")[0] == out.read_text(encoding="utf-8")


def test_a_locale_without_catalog_is_a_clear_error(small_project):
    with pytest.raises(UserError, match="no catalog for this locale"):
        export_xliff(small_project, "fr")
