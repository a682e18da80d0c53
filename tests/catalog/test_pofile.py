"""The one door to PO files: read strictly, written as msgcat writes them and only when the
bytes change, header fields found at their line, files named as the project shows them."""

from __future__ import annotations

import os

import polib
import pytest

from letter_i18n.catalog.pofile import (
    dump_entry,
    dump_po,
    header_line,
    load_po,
    new_pofile,
    parse_po,
    read_project_po,
    save_po,
    save_revision,
)
from letter_i18n.errors import UserError
from letter_i18n.project import Project

# As GNU msgcat 0.21 lays it out (checked: `msgcat fr.po` prints it unchanged).
CATALOG = r'''# French translation of the letter.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: open-letter-2021-12-22\n"
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#. paragraph 1 of section “Background”
#: source/letter.md:5
msgid ""
"We write about cybercrime and a report. This paragraph continues on a second "
"line."
msgstr ""
"Nous écrivons au sujet de la cybercriminalité et d’un rapport. Ce paragraphe "
"continue sur une deuxième ligne."

#, fuzzy
#| msgid "Dear Chair"
msgid "Dear Chair,"
msgstr "Madame la Présidente,"

#: src/letter_i18n/templates/letter.html.j2:12
#, python-brace-format
msgid "{count} organization"
msgid_plural "{count} organizations"
msgstr[0] "{count} organisation"
msgstr[1] "{count} organisations"

#~ msgid "Old"
#~ msgstr "Vieux"
'''
FR = "locales/fr/LC_MESSAGES/letter.po"


def test_parse_then_dump_gives_the_same_bytes():
    catalog = parse_po(CATALOG.encode("utf-8"))
    paragraph, dear, plural, old = catalog
    assert paragraph.msgid.endswith("continues on a second line.")
    assert (dear.flags, dear.previous_msgid) == (["fuzzy"], "Dear Chair")
    assert plural.msgstr_plural == {0: "{count} organisation", 1: "{count} organisations"}
    assert (old.obsolete, old.msgstr) == (True, "Vieux")
    assert dump_po(catalog) == CATALOG
    assert dump_entry(dear) == CATALOG.split("\n\n")[2]


def test_save_writes_load_reads_and_an_unchanged_catalog_is_not_rewritten(tmp_path):
    path = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "letter.po"
    assert save_po(path, parse_po(CATALOG.encode("utf-8"))) is True  # directories made too
    assert path.read_text(encoding="utf-8") == CATALOG
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    catalog = load_po(path)
    assert save_po(path, catalog) is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    catalog.find("Dear Chair,").msgstr = "Madame la présidente,"
    assert save_po(path, catalog) is True
    assert path.stat().st_mtime_ns != 1_000_000_000
    assert load_po(path).find("Dear Chair,").msgstr == "Madame la présidente,"


def test_a_catalog_built_in_memory_is_written_as_msgcat_would():
    catalog = new_pofile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Thank you.", msgstr="Merci.",
                                 occurrences=[("source/letter.md", "20")]))
    # a header of one line stays on one line, as msgcat leaves it
    assert dump_po(catalog) == (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: source/letter.md:20\nmsgid "Thank you."\nmsgstr "Merci."\n')
    assert (catalog.wrapwidth, catalog.encoding) == (79, "utf-8")


def test_header_line_of_a_parsed_catalog_and_none_for_a_built_one():
    catalog = parse_po(CATALOG.encode("utf-8"))
    assert header_line(catalog, "#,") == 2
    assert header_line(catalog, "Language") == 6
    assert header_line(catalog, "Plural-Forms") == 10
    assert header_line(catalog, "Last-Translator") is None  # not in this header
    assert header_line(new_pofile(), "Language") is None
    built = new_pofile()
    built.metadata = {"Language": "fr"}
    assert header_line(built, "Language") is None


def test_a_project_catalog_is_named_relative_to_the_project(tmp_path):
    project = Project(tmp_path)
    path = project.po_path("fr")
    path.parent.mkdir(parents=True)
    path.write_text(CATALOG, encoding="utf-8")
    assert read_project_po(project, path).find("Dear Chair,").msgstr == "Madame la Présidente,"
    path.write_text(CATALOG.replace('msgid "Dear Chair,"', 'msgid "Dear Chair,'),
                    encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_project_po(project, path)
    assert (caught.value.path, caught.value.line) == (FR, 23)
    assert str(caught.value).startswith(f"{FR}:23: ")
    with pytest.raises(UserError) as caught:
        read_project_po(project, project.po_path("es"))
    assert (caught.value.path, caught.value.message) == ("locales/es/LC_MESSAGES/letter.po",
                                                         "file not found")


def test_a_project_catalog_that_links_out_of_the_project_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.po"
    outside.write_text(CATALOG, encoding="utf-8")
    project = Project(tmp_path / "project")
    path = project.po_path("fr")
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    assert load_po(path).find("Dear Chair,") is not None  # outside a project: followed
    with pytest.raises(UserError, match="outside the project") as caught:
        read_project_po(project, path)
    assert caught.value.path == FR


def test_a_revision_moves_the_date_only_when_the_catalog_changes(tmp_path):
    path = tmp_path / "fr.po"
    catalog = new_pofile()
    catalog.metadata = {"PO-Revision-Date": "2021-12-22 00:00+0000",
                        "Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid="Thank you.", msgstr="Merci."))
    assert save_revision(path, catalog, "2026-11-30 12:00+0000")  # a new file is a revision
    assert load_po(path).metadata["PO-Revision-Date"] == "2026-11-30 12:00+0000"
    again = load_po(path)
    assert not save_revision(path, again, "2027-01-01 00:00+0000")  # nothing changed
    assert load_po(path).metadata["PO-Revision-Date"] == "2026-11-30 12:00+0000"
    again.find("Thank you.").msgstr = "Merci beaucoup."
    assert save_revision(path, again, "2027-01-01 00:00+0000")
    assert load_po(path).metadata["PO-Revision-Date"] == "2027-01-01 00:00+0000"
