"""`update` end to end: diff-clean, idempotent, atomic, and GNU-compatible catalogs."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import LOCALES, REPO, edit, requires
from letter_i18n import files
from letter_i18n.catalog.pofile import dump_po, load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.errors import UserError
from letter_i18n.project import Project

needs_gettext = requires(shutil.which("msgcat") and shutil.which("msgfmt")
                         and shutil.which("msgmerge"),
                         "GNU gettext (msgcat, msgfmt, msgmerge)", "apt-get install gettext")
ALL_CATALOGS = ["letter.pot", *(f"{t.code}/LC_MESSAGES/letter.po" for t in LOCALES.targets)]


def snapshot(project: Project) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(project.root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(project.locales_dir.rglob("*")) if p.is_file()}


@pytest.fixture
def updated(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")  # 2021-12-22 00:00 UTC
    update_catalogs(small_project)
    return small_project


def test_update_creates_template_and_six_catalogs(updated):
    assert sorted(str(p.relative_to(updated.locales_dir))
                  for p in updated.locales_dir.rglob("*.po*")) == sorted(ALL_CATALOGS)
    pot = load_po(updated.pot_path)
    assert pot.metadata["POT-Creation-Date"] == "2021-12-22 00:00+0000"
    entry = next(e for e in pot if e.msgid.startswith("We write about"))
    assert entry.occurrences == [("source/letter.md", "5")]
    assert "link [report]: https://undocs.org/A/HRC/41/41 (inferred, high confidence)" \
        in entry.comment
    for info in LOCALES.targets:
        po = load_po(updated.po_path(info.code))
        assert po.metadata["Language"] == info.code
        assert po.metadata["Plural-Forms"] == info.plural_forms
        assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
        assert [e.msgid for e in po] == [e.msgid for e in pot]
        plural = next(e for e in po if e.msgid_plural)
        assert len(plural.msgstr_plural) == info.nplurals


def test_second_update_touches_no_file(updated, monkeypatch):
    before = snapshot(updated)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a later "now" must not leak in
    report = update_catalogs(updated)
    assert report.written == []
    assert snapshot(updated) == before


def test_header_dates_move_only_when_entries_change(updated, monkeypatch):
    fr = updated.po_path("fr")
    revision = load_po(fr).metadata["PO-Revision-Date"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC
    edit(updated.source_dir / "letter.md", "Thank you.", "Thank you very much.")
    report = update_catalogs(updated)
    assert "locales/letter.pot" in report.written
    assert load_po(updated.pot_path).metadata["POT-Creation-Date"] == "2023-11-14 22:13+0000"
    po = load_po(fr)
    assert po.metadata["POT-Creation-Date"] == "2023-11-14 22:13+0000"
    assert po.metadata["PO-Revision-Date"] == revision  # the translators' date, not ours


def test_a_catalog_another_tool_rewrapped_keeps_its_dates(updated, monkeypatch):
    """Same entries, other line breaks (a tool that does not wrap as msgcat does): update
    writes the file back as msgcat would, but no entry changed, so no date moves."""
    fr = updated.po_path("fr")
    canonical = fr.read_text(encoding="utf-8")
    created = load_po(fr).metadata["POT-Creation-Date"]
    rewrapped = load_po(fr)
    rewrapped.wrapwidth = 0  # polib's own writer, one line per string
    fr.write_text(str(rewrapped), encoding="utf-8")
    assert fr.read_text(encoding="utf-8") != canonical
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report = update_catalogs(updated)
    assert report.written == ["locales/fr/LC_MESSAGES/letter.po"]
    assert load_po(fr).metadata["POT-Creation-Date"] == created
    assert fr.read_text(encoding="utf-8") == canonical


def test_translations_survive_a_source_change(updated):
    fr = updated.po_path("fr")
    text = fr.read_text(encoding="utf-8")
    text = text.replace('msgid "Dear Chair,"\nmsgstr ""', 'msgid "Dear Chair,"\nmsgstr "Madame,"')
    text = text.replace('msgid "Thank you."\nmsgstr ""', 'msgid "Thank you."\nmsgstr "Merci."')
    fr.write_text(text, encoding="utf-8")
    edit(updated.source_dir / "letter.md", "Dear Chair,", "Dear Madam Chair,")
    edit(updated.source_dir / "letter.md", "Thank you.", "")
    update_catalogs(updated)
    po = {e.msgid: e for e in load_po(fr)}
    changed = po["Dear Madam Chair,"]
    assert (changed.msgstr, changed.flags, changed.previous_msgid) == (
        "Madame,", ["fuzzy"], "Dear Chair,")
    assert po["Thank you."].obsolete and po["Thank you."].msgstr == "Merci."
    edit(updated.source_dir / "letter.md", "Publish documents on [the website][unknown-site].\n",
         "Publish documents on [the website][unknown-site].\n\nThank you.\n")
    update_catalogs(updated)
    back = {e.msgid: e for e in load_po(fr)}["Thank you."]
    assert (back.obsolete, back.msgstr, back.flags) == (False, "Merci.", [])


def test_a_broken_catalog_stops_the_update_before_any_write(updated):
    fr = updated.po_path("fr")
    edit(fr, 'msgid "Dear Chair,"', 'msgid "Dear Chair,')
    edit(updated.source_dir / "letter.md", "Thank you.", "Thanks.")
    before = snapshot(updated)
    with pytest.raises(UserError) as caught:
        update_catalogs(updated)
    assert caught.value.path == "locales/fr/LC_MESSAGES/letter.po"
    assert caught.value.line is not None
    assert snapshot(updated) == before


def test_an_interrupted_write_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "letter.po"
    target.write_text("old content\n", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_if_changed(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["letter.po"]


@needs_gettext
@pytest.mark.parametrize("name", ALL_CATALOGS)
def test_committed_catalogs_are_msgcat_fixed_points(name):
    path = REPO / "locales" / name
    result = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    assert result.stdout.decode("utf-8") == path.read_text(encoding="utf-8")


@needs_gettext
@pytest.mark.parametrize("name", ALL_CATALOGS[1:])
def test_committed_catalogs_are_msgmerge_fixed_points(name, tmp_path):
    """Weblate's msgmerge add-on, or a translator's `msgmerge --previous`, changes no line."""
    path = REPO / "locales" / name
    out = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "--previous", str(path),
                    str(REPO / "locales" / "letter.pot"), "-o", str(out)], check=True)
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


@needs_gettext
@pytest.mark.parametrize("name", ALL_CATALOGS[1:])
def test_committed_catalogs_pass_msgfmt_check(name, tmp_path):
    path = REPO / "locales" / name
    result = subprocess.run(["msgfmt", "-c", "--statistics", "-o", str(tmp_path / "x.mo"),
                             str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "translated message" in result.stderr or "untranslated" in result.stderr


def test_committed_catalogs_are_up_to_date(repo_copy):
    before = snapshot(repo_copy)
    report = update_catalogs(repo_copy)
    assert report.written == [], "run `make update` and commit the catalogs"
    assert snapshot(repo_copy) == before


def test_a_failed_write_changes_no_catalog(updated, monkeypatch):
    """All catalogs change together or not at all: a failure at the third leaves none changed."""
    edit(updated.source_dir / "letter.md", "We write about", "We wrote about")
    before = snapshot(updated)
    staged = []
    real_stage = files._stage

    def stage(path, payload):
        if len(staged) == 2:
            raise PermissionError(13, "Permission denied", str(path))
        staged.append(path)
        return real_stage(path, payload)

    monkeypatch.setattr(files, "_stage", stage)
    with pytest.raises(UserError, match="cannot be written: permission denied") as caught:
        update_catalogs(updated)
    assert caught.value.path.startswith("locales/")
    assert snapshot(updated) == before  # no temporary file left either


def test_update_says_what_it_corrects(updated):
    fr = updated.po_path("fr")
    edit(fr, '"Language: fr\\n"', '"Language: de\\n"')
    line = line_of(fr, "Language: de")
    report = update_catalogs(updated)
    assert report.repairs == [f"locales/fr/LC_MESSAGES/letter.po:{line}: "
                              "Language was 'de', set to 'fr'"]
    assert load_po(fr).metadata["Language"] == "fr"


def test_update_says_which_extra_plural_form_it_drops(updated):
    ru = updated.po_path("ru")
    text = ru.read_text(encoding="utf-8")
    start = text.index('msgid "{count} organization"')
    end = text.index("\n\n", start)
    entry = text[start:end]
    forms = "".join(f'msgstr[{i}] "{i} организаций"\n' for i in range(4))
    ru.write_text(text[:start] + entry.split("msgstr[0]")[0] + forms.rstrip("\n") + text[end:],
                  encoding="utf-8")
    report = update_catalogs(updated)
    assert len(report.repairs) == 1
    assert "the catalog has 3 plural forms; dropped msgstr[3] \"3 организаций\"" in \
        report.repairs[0]


def test_an_empty_catalog_file_is_an_error_not_a_fresh_catalog(updated):
    updated.po_path("fr").write_text("")
    with pytest.raises(UserError, match="the catalog is empty") as caught:
        update_catalogs(updated)
    assert caught.value.path == "locales/fr/LC_MESSAGES/letter.po"
    assert updated.po_path("fr").read_text() == ""


def line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
                if text in line)


def test_a_catalog_rewritten_with_gnu_s_plural_forms_keeps_them_and_its_translations(updated):
    """Poedit or Weblate may write French as GNU does: nplurals=2; plural=(n > 1);."""
    from letter_i18n.review import checks

    fr = updated.po_path("fr")
    catalog = load_po(fr)
    catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    for entry in catalog:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: "{count} organisation", 1: "{count} organisations"} \
                if entry.msgid == "{count} organization" else {0: "", 1: ""}
    fr.write_text(dump_po(catalog), encoding="utf-8")
    report = update_catalogs(updated)
    assert report.repairs == []
    after = load_po(fr)
    assert after.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    plural = after.find("{count} organization")
    assert plural.msgstr_plural == {0: "{count} organisation", 1: "{count} organisations"}
    assert [f for f in checks.run(updated, ["fr"]).findings if f.severity == "error"] == []


def test_a_catalog_without_a_header_gets_one_and_update_says_so(updated):
    """A file holding only an old entry (no header): GNU reads it as ASCII; update must not
    write the letter's non-ASCII text into it without declaring UTF-8."""
    fr = updated.po_path("fr")
    fr.write_text('#~ msgid "old"\n#~ msgstr "vieux"\n', encoding="utf-8")
    report = update_catalogs(updated)
    assert report.repairs == ["locales/fr/LC_MESSAGES/letter.po: the catalog has no header: "
                              "a new one is written"]
    after = load_po(fr)
    assert after.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert after.metadata["Language"] == "fr"
    assert any(e.obsolete and e.msgid == "old" for e in after)


def test_weblate_s_flags_survive_update_and_check(updated):
    """Flags GNU does not know (Weblate's max-length:80, md-text) are kept, not dropped."""
    from letter_i18n.review import checks

    po = updated.po_path("fr")
    edit(po, 'msgid "Chairperson"\nmsgstr ""',
         '#, max-length:80, md-text\nmsgid "Chairperson"\nmsgstr "Présidente"')
    edit(updated.source_dir / "letter.md", "Publish documents on [the website][unknown-site].\n",
         "Publish documents on [the website][unknown-site].\n\nThank you.\n")
    update_catalogs(updated)  # a change elsewhere: the catalog is written again
    assert '#, max-length:80, md-text\nmsgid "Chairperson"\nmsgstr "Présidente"' in \
        po.read_text(encoding="utf-8")
    assert not [f for f in checks.run(updated).findings if f.path == updated.shown(po)]


def test_a_team_contact_in_the_locale_data_goes_into_language_team(updated):
    """Language-Team is "team <contact>" once locales.toml names the team's address."""
    from letter_i18n import localetable

    before = updated.po_path("fr").read_text(encoding="utf-8")
    assert '"Language-Team: French (fr)\\n"' in before  # no address known: the name alone
    address = "https://translate.example/projects/letter/fr/"  # a team's page (Weblate's form)
    edit(localetable.path(updated), "[locales.fr]\n", f'[locales.fr]\ncontact = "{address}"\n')
    assert update_catalogs(updated, ["fr"]).written == ["locales/fr/LC_MESSAGES/letter.po"]
    after = updated.po_path("fr").read_text(encoding="utf-8")
    assert after == before.replace("Language-Team: French (fr)",
                                   f"Language-Team: French (fr) <{address}>")
    edit(localetable.path(updated), "[locales.es]\n", '[locales.es]\nteam = "Equipo ES"\n'
         'contact = "https://translate.example/es/"\n')
    updated.po_path("es").unlink()  # a new catalog gets it too
    update_catalogs(updated, ["es"])
    assert '"Language-Team: Equipo ES <https://translate.example/es/>\\n"' in \
        updated.po_path("es").read_text(encoding="utf-8")
