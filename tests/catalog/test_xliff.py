"""XLIFF's shared pieces: unit names that survive English edits, inline codes, strict reading."""

from __future__ import annotations

import polib
import pytest

from conftest import edit
from letter_i18n import markup
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.catalog.xliff import (
    Refused,
    export_state,
    key,
    msgstr_of,
    parse,
    pieces,
    read_content,
    resnames,
    source_content,
    target_content,
    to_xml,
)
from letter_i18n.errors import UserError

SOURCE = "We saw *this* and **[a report][report]** on {date}."


def names(project, code="fr"):
    catalog = read_project_po(project, project.po_path(code))
    active = [entry for entry in catalog if not entry.obsolete]
    return dict(zip([entry.msgid for entry in active], resnames(active), strict=True))


def test_units_are_named_by_where_they_stand(translated_project):
    found = names(translated_project)
    assert found["A Small Letter"] == "body/title"
    assert found["Dear Chair,"] == "body/s0/p1"
    assert found["Requests"] == "body/s1/heading"
    assert found["Publish documents on [the website][unknown-site]."] == "body/s1/li2"
    assert found["Chairperson"] == "data/title-of-the-recipient"
    assert found["{count} organization"].startswith("templates/letter.html/")
    assert len(set(found.values())) == len(found)


def test_an_edit_of_the_english_keeps_every_name(translated_project):
    before = names(translated_project)
    edit(translated_project.source_dir / "letter.md", "## Requests", "## Our requests")
    edit(translated_project.source_dir / "letter.md", "Dear Chair,", "Dear Madam Chair,")
    update_catalogs(translated_project)
    after = names(translated_project)
    renamed = {"Requests": "Our requests", "Dear Chair,": "Dear Madam Chair,"}
    assert {renamed.get(msgid, msgid): name for msgid, name in before.items()} == after


def test_the_real_catalogs_name_every_unit_once(repo_copy):
    for code in ("ar", "fr", "zh_Hans"):
        found = names(repo_copy, code)
        assert len(set(found.values())) == len(found) > 50


def test_markup_and_placeholders_become_inline_codes():
    content = source_content(SOURCE)
    assert to_xml(content) == (
        'We saw <g id="1" ctype="italic">this</g> and <g id="3" ctype="bold">'
        '<g id="4" ctype="link">a report</g></g> on '
        '<x id="7" ctype="x-python-brace-format" equiv-text="{date}"/>.')
    table = pieces(SOURCE)
    assert msgstr_of(content, table) == SOURCE


def test_a_translation_s_codes_take_the_numbers_of_the_english():
    translation = "Le {date}, nous avons vu **[un rapport][report]** et *ceci*."
    content = target_content(translation, SOURCE)
    assert key(content) == key((
        "Le ", ("x", "7", ""), ", nous avons vu ",
        ("g", "3", "", (("g", "4", "", ("un rapport",)),)), " et ", ("g", "1", "", ("ceci",)),
        ".",
    ))
    assert msgstr_of(content, pieces(SOURCE)) == translation


def test_markup_the_english_lacks_is_shown_as_plain_text():
    assert target_content("Nous avons **vu**.", "We saw.") == ("Nous avons **vu**.",)
    assert target_content("Nous [avons][nope].", "We saw.") == ("Nous [avons][nope].",)


@pytest.mark.parametrize(("xml", "message"), [
    ('<g id="9">x</g>', r'the code <g id="9"> is not in the English text'),
    ('<x id="1"/>', r'the code <x id="1"/> is not in the English text'),
    ('<x id="7"/><x id="7"/>', r"\{date\}\) is used twice"),
    ('<bpt id="1">*</bpt>', r"<bpt> at line 1 is not a code of this file"),
])
def test_codes_that_are_not_the_source_s_are_refused(xml, message):
    with pytest.raises(Refused, match=message):
        msgstr_of(read_content(parse(f"<target>{xml}</target>".encode(), "t.xlf")),
                  pieces(SOURCE))


def test_segment_marks_of_cat_tools_are_transparent():
    target = parse(b'<target><mrk mtype="seg" mid="1">Le <x id="7"/></mrk></target>',
                   "t.xlf")
    assert msgstr_of(read_content(target), pieces(SOURCE)) == "Le {date}"


def test_markup_characters_typed_as_text_are_escaped_in_the_msgstr():
    table = pieces(SOURCE)
    assert isinstance(table[2], markup.Piece) and table[2].pair == 1
    content = read_content(parse(b'<t>a *star* &amp; <g id="1">b</g></t>', "t.xlf"))
    assert msgstr_of(content, table) == "a \\*star\\* & *b*"
    assert "&amp;" in to_xml(("a & b",))


def test_states_follow_the_entry():
    reviewed = polib.POEntry(msgid="a", msgstr="b")
    draft = polib.POEntry(msgid="a", msgstr="b", flags=["fuzzy"])
    machine = polib.POEntry(msgid="a", msgstr="b", flags=["fuzzy"],
                            tcomment="draft: machine translation (libre, 2026-11-28); "
                                     "needs review")
    assert export_state(reviewed, "b") == ("final", "")
    assert export_state(draft, "b") == ("needs-review-translation", "")
    assert export_state(machine, "b") == ("needs-review-translation", "mt-suggestion")
    assert export_state(polib.POEntry(msgid="a"), "") == ("needs-translation", "")


@pytest.mark.parametrize(("data", "line", "message"), [
    (b"<xliff>\n  <file>\n</xliff>", 3, "mismatched tag"),
    (b"", 1, "no element found"),
    (b'<!DOCTYPE x [<!ENTITY a "b">]>\n<x>&a;</x>', 1, "document type declaration"),
    (b"\xff\xfe<", 1, "not well-formed"),
])
def test_broken_xml_is_reported_at_its_line(data, line, message):
    with pytest.raises(UserError, match=message) as error:
        parse(data, "fr.xlf")
    assert error.value.location == f"fr.xlf:{line}"


def test_elements_carry_their_lines_and_namespaces_are_resolved():
    root = parse(b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
                 b'<file xml:space="preserve" xmlns:o="urn:other"><o:y/></file></xliff>',
                 "f.xlf")
    file = root.first("file")
    assert (root.tag, file.line, file.attrs) == ("xliff", 2, {"xml:space": "preserve"})
    assert file.children[0].tag == "{urn:other}y"
