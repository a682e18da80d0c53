"""Each check fails on its broken case and passes on the fixed one; catalogs are checked whole."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, LOCALES, edit
from letter_i18n.catalog.pofile import parse_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.review import checks
from letter_i18n.source import glossary

TERMS = glossary.load(FIXTURES / "glossary.yaml")


def test_check_entries_skips_untranslated_and_obsolete():
    catalog = parse_po(b'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "H.E. Ms {name}"
msgstr ""

#, fuzzy
msgid "In 2019"
msgstr "En 2091"

#~ msgid "Dear {name}"
#~ msgstr "Cher"
''')
    found = checks.check_entries(catalog, LOCALES.target("fr"), TERMS, "fr.po")
    assert [(f.line, f.check, f.severity, f.msgid) for f in found] == [
        (8, "numbers", "error", "In 2019")]
    assert str(found[0]) == ('fr.po:8: error [numbers] the number 2019 is missing\n'
                             '    msgid "In 2019"')


# --- whole catalogs ---------------------------------------------------------------------------

@pytest.fixture
def updated(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    update_catalogs(small_project)
    return small_project


def translate(project, code: str, msgid: str, msgstr: str) -> None:
    edit(project.po_path(code),
         f'msgid "{msgid}"\nmsgstr ""',
         f'msgid "{msgid}"\nmsgstr "{msgstr}"')


def test_fresh_catalogs_pass(updated):
    report = checks.run(updated)
    assert report.findings == []
    assert len(report.checked) == 7


def test_a_source_change_without_update_points_at_the_source(updated):
    edit(updated.source_dir / "letter.md", "Thank you.", "Thank you very much.")
    found = [(f.path, f.line, f.check) for f in checks.run(updated).findings]
    assert ("source/letter.md", 15, "sync") in found
    pot_line = next(e.linenum for e in parse_po(updated.pot_path.read_bytes())
                    if e.msgid == "Thank you.")
    assert ("locales/letter.pot", pot_line, "sync") in found


def test_check_knows_the_letters_people_and_refuses_a_name_written_out(updated):
    translate(updated, "ru", "H.E. Ms {name}", "Её Превосходительству госпоже Ada Example")
    translate(updated, "fr", "H.E. Ms {name}", "S. E. Mme {name}")
    found = [(f.path, f.check, f.message) for f in checks.run(updated).findings]
    assert found == [
        ("locales/ru/LC_MESSAGES/letter.po", "placeholders",
         "{name} is missing: keep every {placeholder} unchanged"),
        ("locales/ru/LC_MESSAGES/letter.po", "names", "“Ada Example” is written out: write "
         "{name}, which each edition fills with the name in its readers' script "
         "(source/letter.yaml)")]
    assert checks.people_of(updated) == (("name", ("Ada Example",)),)


def test_a_catalog_missing_or_adding_entries_is_out_of_sync(updated):
    fr = updated.po_path("fr")
    edit(fr, 'msgid "Thank you."\nmsgstr ""\n', 'msgid "Thanks!"\nmsgstr "Merci !"\n')
    found = {(f.check, f.message.split(":")[0]) for f in checks.run(updated, ["fr"]).findings}
    assert found == {("sync", "1 entries of the template are missing"),
                     ("sync", "not in the template")}


def test_headers_must_fit_the_locale(updated):
    ru = updated.po_path("ru")
    edit(ru, '"Language: ru\\n"', '"Language: uk\\n"')
    edit(ru, "nplurals=3", "nplurals=2")
    lines = ru.read_text(encoding="utf-8").split("\n")
    found = [(f.line, f.check) for f in checks.run(updated, ["ru"]).findings]
    assert (lines.index('"Language: uk\\n"') + 1, "header") in found
    assert any(line.startswith('"Plural-Forms:') and (n, "header") in found
               for n, line in enumerate(lines, 1))


def test_a_broken_catalog_is_a_finding_and_the_others_are_still_checked(updated):
    edit(updated.po_path("fr"), 'msgid "Dear Chair,"', 'msgid "Dear Chair,')
    translate(updated, "es", "Thank you.", "Gracias&nbsp;!")
    report = checks.run(updated)
    assert [(f.path, f.check) for f in report.findings if f.severity == "error"] == [
        ("locales/es/LC_MESSAGES/letter.po", "html"),
        ("locales/fr/LC_MESSAGES/letter.po", "syntax")]


def run_cli(project, *args: str) -> subprocess.CompletedProcess:
    """Run from the project, as pre-commit does (it names catalogs relative to the root)."""
    return subprocess.run([sys.executable, "-m", "letter_i18n", "check", *args],
                          capture_output=True, text=True, cwd=project.root)


@pytest.mark.slow
def test_cli_errors_exit_1_warnings_exit_0_and_json_parses(updated):
    assert run_cli(updated).returncode == 0
    translate(updated, "es", "Dear Chair,", "Estimada Presidenta, {name}")
    result = run_cli(updated, "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["schema"] == "letter-i18n/check/1"
    assert (data["errors"], data["warnings"]) == (1, 0)
    assert data["findings"][0]["check"] == "placeholders"
    assert data["findings"][0]["path"] == "locales/es/LC_MESSAGES/letter.po"
    assert data["findings"][0]["msgid"] == "Dear Chair,"


@pytest.mark.slow
def test_cli_checks_only_the_named_catalogs(updated):
    translate(updated, "es", "Dear Chair,", "Estimada Presidenta, {name}")
    edit(updated.source_dir / "letter.md", "Thank you.", "Thanks.")
    fr = run_cli(updated, "locales/fr/LC_MESSAGES/letter.po")
    assert (fr.returncode, fr.stdout) == (0, "0 errors, 0 warnings in 1 catalogs\n")
    pot = run_cli(updated, str(updated.pot_path))
    assert pot.returncode == 1 and "source/letter.md:15: error [sync]" in pot.stdout
    other = run_cli(updated, "source/letter.md")
    assert other.returncode == 1 and "not a catalog of this project" in other.stderr


@pytest.mark.slow
def test_cli_lists_the_checks():
    result = subprocess.run([sys.executable, "-m", "letter_i18n", "check", "--list"],
                            capture_output=True, text=True)
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        c.name for c in checks.CHECKS]


PLURAL = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ru\\n"

{flags}msgid "{{count}} expert"
msgid_plural "{{count}} experts"
msgstr[0] "{{count}} эксперт"
msgstr[1] ""
msgstr[2] "{{count}} экспертов"
'''


@pytest.mark.parametrize(("flags", "found"), [
    ("", ["marked reviewed, but msgstr[1] is empty: translate every form, or mark the entry "
          "fuzzy"]),
    ("#, fuzzy\n", []),  # a draft in progress may be incomplete
])
def test_a_reviewed_plural_entry_must_translate_every_form(flags, found):
    catalog = parse_po(PLURAL.format(flags=flags).encode("utf-8"), "ru.po")
    findings = [f for f in checks.check_catalog(catalog, LOCALES.target("ru"), None, "ru.po")
                if f.check == "plural-forms"]
    assert [f.message for f in findings] == found
    assert all(f.severity == "error" and f.line == 6 + bool(flags) for f in findings)


def test_json_findings_carry_the_whole_msgid_and_text_an_excerpt():
    long = "We write about " + "the many things a long paragraph says, " * 5 + "2019."
    found = checks.finding("fr.po", 3, "numbers", "the number 2019 is missing", long)
    assert found.to_dict()["msgid"] == long
    assert str(found).endswith("…\"") and len(str(found).split("\n")[1]) < 80
