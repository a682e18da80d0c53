"""XLIFF import: a CAT tool's work comes back entry by entry, checked, and nothing else moves."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import LOCALES
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.catalog.xliff_import import import_xliff
from letter_i18n.errors import UserError
from xliffing import change_source, exported, plural_unit, set_target

NOW = "1800000000"  # 2027-01-15 08:00 UTC


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW)


def entry(project, msgid, code="fr"):
    catalog = read_project_po(project, project.po_path(code))
    return next(e for e in catalog if e.msgid == msgid and not e.obsolete)


@pytest.mark.parametrize("code", [info.code for info in LOCALES.targets])
def test_an_untouched_export_of_every_committed_catalog_imports_as_no_change(repo_copy, code):
    before = repo_copy.po_path(code).read_bytes()
    report = import_xliff(repo_copy, exported(repo_copy, code))
    assert (report.changed, report.refused, report.written) == (0, [], False)
    assert report.unchanged > 50
    assert repo_copy.po_path(code).read_bytes() == before


def test_an_untouched_export_with_previous_english_and_obsolete_entries_is_no_change(
        translated_project):
    change_source(translated_project)
    for info in LOCALES.targets:
        before = translated_project.po_path(info.code).read_bytes()
        report = import_xliff(translated_project, exported(translated_project, info.code))
        assert (report.changed, report.refused) == (0, [])
        assert translated_project.po_path(info.code).read_bytes() == before


def test_final_imports_reviewed_and_translated_imports_a_labelled_draft(translated_project):
    path = exported(translated_project)
    set_target(path, "body/s1/li2", state="final")  # a draft, approved as it is
    set_target(path, "body/s1/li1", 'Accréditer des experts, comme <g id="1" ctype="bold">'
               'le rapport</g> l’a <g id="3" ctype="link">constaté</g>.', state="translated")
    report = import_xliff(translated_project, path)
    assert (len(report.reviewed), len(report.drafts), report.refused) == (1, 1, [])
    approved = entry(translated_project, "Publish documents on [the website][unknown-site].")
    assert not model.is_fuzzy(approved) and "draft:" not in (approved.tcomment or "")
    edited = entry(translated_project, "Accredit experts, as **the report** [observed][report].")
    assert edited.msgstr == "Accréditer des experts, comme **le rapport** l’a [constaté][report]."
    assert model.is_fuzzy(edited)
    assert edited.tcomment == "draft: imported from fr.xlf (2027-01-15); needs review"
    assert model.state(edited) is model.State.TEAM_DRAFT
    catalog = read_project_po(translated_project, translated_project.po_path("fr"))
    assert catalog.metadata["PO-Revision-Date"] == "2027-01-15 08:00+0000"
    assert not catalog.metadata_is_fuzzy
    assert not translated_project.po_path("fr").read_text().startswith("#, fuzzy")


def test_a_reviewed_translation_set_back_to_translated_becomes_a_draft(translated_project):
    path = exported(translated_project)
    set_target(path, "body/title", state="translated")
    report = import_xliff(translated_project, path)
    assert report.drafts == ["A Small Letter"]
    title = entry(translated_project, "A Small Letter")
    assert model.is_fuzzy(title) and title.msgstr == "Une courte lettre"


def test_broken_inline_codes_are_refused_per_unit_with_file_and_line(translated_project):
    path = exported(translated_project)
    before = translated_project.po_path("fr").read_bytes()
    set_target(path, "body/s1/li1", "Accréditer des experts.", state="final")  # codes lost
    set_target(path, "body/s0/p2", 'Nous <g id="9" ctype="italic">écrivons</g>.')
    set_target(path, plural_unit(translated_project), 'deux organisations', form=2)
    set_target(path, "body/title", "Une lettre", state="final")  # fine
    report = import_xliff(translated_project, path)
    lines = path.read_text().splitlines()
    assert len(report.refused) == 3
    problems = "\n".join(report.refused)
    assert "the markup rule" in problems and 'the code <g id="9">' in problems
    assert "plural form 3 breaks the placeholders rule" in problems
    for problem in report.refused:
        line = int(problem.split(":")[1])
        assert problem.startswith(f"{path}:{line}: unit '")
        assert "<trans-unit" in lines[line - 1] or "<group" in lines[line - 1]
    assert report.reviewed == ["A Small Letter"]
    after = translated_project.po_path("fr").read_bytes()
    assert after != before and b"Une lettre" in after and b"Accr\xc3\xa9diter des experts." \
        not in after


def test_units_whose_english_changed_since_the_export_are_refused(translated_project):
    path = exported(translated_project)
    set_target(path, "body/s0/p1", "Madame la Présidente du Comité,", state="final")
    set_target(path, "body/title", "Une lettre", state="final")
    change_source(translated_project)
    report = import_xliff(translated_project, path)
    assert len(report.refused) == 2  # the edited paragraph, and the removed one
    assert "unit 'body/s0/p1' refused: its English no longer matches the catalog" \
        in report.refused[0]
    assert "now reads “Dear Madam Chair,”" in report.refused[0]
    assert "unit 'body/s1/p1' refused" in report.refused[1]
    assert report.reviewed == ["A Small Letter"]


def test_obsolete_entries_previous_english_and_comments_are_kept(translated_project):
    change_source(translated_project)
    path = exported(translated_project)
    set_target(path, "body/s0/p1", "Madame la Présidente du Comité,")
    set_target(path, "body/title", "Une lettre", state="final")
    before = read_project_po(translated_project, translated_project.po_path("fr"))
    import_xliff(translated_project, path)
    after = read_project_po(translated_project, translated_project.po_path("fr"))
    assert [(e.msgid, e.msgstr) for e in after if e.obsolete] == \
        [(e.msgid, e.msgstr) for e in before if e.obsolete] != []
    changed = entry(translated_project, "Dear Madam Chair,")
    assert changed.previous_msgid == "Dear Chair,"  # still a draft: the reviewer sees the change
    assert changed.msgstr == "Madame la Présidente du Comité,"
    assert changed.comment == "paragraph 1 before the first section"
    for old, new in zip(before, after, strict=True):
        if old.msgid not in ("Dear Madam Chair,", "A Small Letter"):
            assert str(old) == str(new)


def test_plural_forms_come_back_as_one_entry(translated_project):
    path = exported(translated_project)
    for form, text in enumerate(["organisation", "d’organisations", "organisations"]):
        set_target(path, plural_unit(translated_project),
                   f'<x id="1" ctype="x-python-brace-format" equiv-text="{{count}}"/> {text}',
                   state="final", form=form)
    report = import_xliff(translated_project, path)
    assert report.reviewed == ["{count} organization"]
    plural = entry(translated_project, "{count} organization")
    assert not model.is_fuzzy(plural)
    assert plural.msgstr_plural == {0: "{count} organisation", 1: "{count} d’organisations",
                                    2: "{count} organisations"}


def test_one_form_left_unreviewed_keeps_the_plural_entry_a_draft(translated_project):
    path = exported(translated_project)
    set_target(path, plural_unit(translated_project), state="final", form=0)
    assert import_xliff(translated_project, path).changed == 0


def test_an_emptied_target_never_deletes_a_translation(translated_project):
    path = exported(translated_project)
    set_target(path, "body/title", "", state="needs-translation")
    report = import_xliff(translated_project, path)
    assert "an import never deletes a translation" in report.refused[0]
    assert entry(translated_project, "A Small Letter").msgstr == "Une courte lettre"


def test_dry_run_writes_nothing(translated_project):
    path = exported(translated_project)
    set_target(path, "body/title", "Une lettre", state="final")
    before = translated_project.po_path("fr").read_bytes()
    assert import_xliff(translated_project, path, dry_run=True).reviewed == ["A Small Letter"]
    assert translated_project.po_path("fr").read_bytes() == before


def test_the_locale_comes_from_target_language_or_the_option(translated_project):
    path = exported(translated_project)
    path.write_text(path.read_text().replace('target-language="fr"', 'target-language="fr-FR"'))
    assert import_xliff(translated_project, path).locale == "fr"
    path.write_text(path.read_text().replace('target-language="fr-FR"', 'target-language="de"'))
    with pytest.raises(UserError, match="target-language 'de' is none of the catalogs'"):
        import_xliff(translated_project, path)
    assert import_xliff(translated_project, path, "fr").unchanged > 20


def test_the_option_never_sends_one_language_into_another_s_catalog(translated_project):
    path = exported(translated_project, "ru")
    before = translated_project.po_path("fr").read_bytes()
    with pytest.raises(UserError, match="'ru' is the ru catalog's, not fr's") as error:
        import_xliff(translated_project, path, "fr")
    assert "--locale ru" in error.value.hint
    assert translated_project.po_path("fr").read_bytes() == before


@pytest.mark.parametrize(("text", "message"), [
    ('<?xml version="1.0"?>\n<html/>', "is not an XLIFF 1.2 file (its root element is <html>)"),
    ('<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>',
     "is not an XLIFF 1.2 file"),
    ('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file '
     'source-language="de" target-language="fr"/></xliff>', "translates from 'de'"),
])
def test_a_wrong_file_is_a_clear_error(translated_project, text, message):
    path = translated_project.root / "wrong.xlf"
    path.write_text(text)
    with pytest.raises(UserError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_xliff(translated_project, path)


def test_a_truncated_file_is_reported_at_its_line(translated_project):
    path = exported(translated_project)
    text = path.read_text()
    path.write_text(text[:len(text) // 2])
    with pytest.raises(UserError, match="is not well-formed XML") as error:
        import_xliff(translated_project, path)
    assert error.value.line == len(text[:len(text) // 2].splitlines())


@pytest.mark.slow
def test_the_command_round_trip_as_a_translator_does_it(translated_project, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "letter_i18n", "--root",
                               str(translated_project.root), *args], capture_output=True,
                              text=True, cwd=tmp_path, check=False)

    done = run("xliff", "export", "--locale", "fr", "-o", "fr.xlf")
    assert done.returncode == 0 and "wrote fr.xlf" in done.stdout
    path = tmp_path / "fr.xlf"
    set_target(path, "body/s1/p2", "Merci.", state="translated")
    set_target(path, "body/s0/p2", "Nous écrivons.", state="final")
    done = run("xliff", "import", "fr.xlf")
    assert done.returncode == 1, done.stderr
    assert "fr.xlf:" in done.stderr and "unit 'body/s0/p2' refused" in done.stderr
    assert "Traceback" not in done.stderr
    assert "0 reviewed, 1 draft, " in done.stdout and "1 refused; written" in done.stdout
    assert entry(translated_project, "Thank you.").msgstr == "Merci."
    broken = run("xliff", "import", "missing.xlf")
    assert broken.returncode == 1 and "missing.xlf: no such file" in broken.stderr


def test_glossary_warnings_are_reported_and_do_not_refuse(repo_copy):
    path = exported(repo_copy)
    set_target(path, "body/s0/p2", "Nous écrivons au sujet des droits humains.",
               state="translated")
    report = import_xliff(repo_copy, path)
    assert report.drafts and not report.refused
    assert any("unit 'body/s0/p2': [glossary]" in warning and "droits de l’homme" in warning
               for warning in report.warnings), report.warnings


def test_a_file_saved_by_another_xliff_library_imports(translated_project):
    """translate-toolkit (Weblate's and Pootle's parser) re-serializes the whole file: other
    attribute order, indented context groups. Only the unit it changed comes back."""
    from translate.storage import poxliff

    path = exported(translated_project)
    store = poxliff.PoXliffFile.parsefile(str(path))
    unit = next(u for u in store.units if u.getid().endswith("\x04body/s1/p2"))
    unit.target = "Merci."
    unit.set_state_n(unit.S_SIGNED_OFF)
    path.write_bytes(bytes(store))
    assert 'state="signed-off"' in path.read_text()
    report = import_xliff(translated_project, path)
    assert (report.reviewed, report.drafts, report.refused) == (["Thank you."], [], [])
    assert not model.is_fuzzy(entry(translated_project, "Thank you."))


@pytest.mark.parametrize(("unit", "translation", "refused"), [
    ("body/title", "Une lettre brève", ""),  # left alone: the catalog's change stays
    ("body/s0/p1", "Madame,", "the catalog's translation changed since the export too"),
])
def test_a_catalog_changed_since_the_export_is_never_overwritten(translated_project, unit,
                                                                 translation, refused):
    path = exported(translated_project)
    set_target(path, unit, translation, state="final")
    po = translated_project.po_path("fr")
    po.write_text(po.read_text().replace('msgstr "Madame la Présidente,"',
                                         'msgstr "Madame la Présidente du Comité,"'))
    report = import_xliff(translated_project, path)
    assert entry(translated_project, "Dear Chair,").msgstr == "Madame la Présidente du Comité,"
    if refused:
        assert report.refused == [f"{path}:{report.refused[0].split(':')[1]}: unit '{unit}' "
                                  f"refused: {refused}; export again and carry your change "
                                  "over, so neither is lost"]
    else:
        assert (report.reviewed, report.refused) == (["A Small Letter"], [])


def test_importing_the_same_file_twice_changes_nothing_the_second_time(translated_project):
    path = exported(translated_project)
    set_target(path, "body/s0/p1", "Madame,", state="translated")
    assert import_xliff(translated_project, path).drafts == ["Dear Chair,"]
    before = translated_project.po_path("fr").read_bytes()
    report = import_xliff(translated_project, path)
    assert (report.changed, report.refused) == (0, [])
    assert translated_project.po_path("fr").read_bytes() == before


def test_without_the_export_s_extradata_every_difference_counts(translated_project):
    """A tool that drops extradata: the unit's text against the catalog's, as before."""
    path = exported(translated_project)
    path.write_text(re.sub(r' extradata="[^"]*"', "", path.read_text()))
    assert import_xliff(translated_project, path).changed == 0
    set_target(path, "body/s0/p1", "Madame,", state="final")
    assert import_xliff(translated_project, path).reviewed == ["Dear Chair,"]
