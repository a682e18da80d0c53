"""Each check fails on its broken case and passes on the fixed one; catalogs are checked whole."""

from __future__ import annotations

import json
import subprocess
import sys

import polib
import pytest

from conftest import FIXTURES, edit
from letter_i18n import locales
from letter_i18n.catalog.pofile import parse_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.review import checks
from letter_i18n.source import glossary

TERMS = glossary.load(FIXTURES / "glossary.yaml")
REPORT = "We write about *cybercrime* and [a report][report]."
IN_2019 = "In his 2019 report, the rapporteur (2014-2020) said it."

# (check, locale, source, broken translation, fixed translation)
CORPUS = [
    ("markup", "fr", REPORT, "Nous écrivons sur la cybercriminalité et [un rapport][report].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la **cybercriminalité** et [un rapport][report].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et [un rapport][rapport].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Sur la *cybercriminalité* [un][report] et [rapport][report].",
     "Sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et un rapport.",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et `[un rapport][report]`.",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et un rapport[][report].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("placeholders", "fr", "H.E. Ms {name}", "S.E. Mme {nom}", "S.E. Mme {name}"),
    ("placeholders", "fr", "H.E. Ms {name}", "S.E. Mme", "S.E. Mme {name}"),
    ("placeholders", "fr", "H.E. Ms {name}", "S.E. Mme {name} {name}", "S.E. Mme {name}"),
    ("numbers", "fr", IN_2019, "Dans son rapport de 2091, le rapporteur (2014-2020) l’a dit.",
     "Dans son rapport de 2019, le rapporteur (2014-2020) l’a dit."),
    ("numbers", "fr", IN_2019, "Dans son rapport de 2019, le rapporteur (2014) l’a dit.",
     "Dans son rapport de 2019, le rapporteur (2014–2020) l’a dit."),
    ("numbers", "th", IN_2019, "ในรายงานปี ๒๕๖๒ ผู้รายงาน (2014-2020) กล่าวไว้",
     "ในรายงานปี ๒๐๑๙ ผู้รายงาน (2014-2020) กล่าวไว้"),
    ("numbers", "fr", IN_2019, "Dans son rapport de ๒๐๑๙, le rapporteur (2014-2020) l’a dit.",
     "Dans son rapport de 2019, le rapporteur (2014-2020) l’a dit."),
    ("numbers", "ar", "over 40 organizations", "أكثر من أربعين منظمة", "أكثر من ٤٠ منظمة"),
    ("html", "fr", "We ask that", "Nous <b>demandons</b> que", "Nous demandons que"),
    ("html", "fr", "rights: online", "droits&nbsp;: en ligne", "droits\u00a0: en ligne"),
    ("urls", "fr", "See [the report][report].",
     "Voir [le rapport][report] (https://undocs.org/A/HRC/41/41).", "Voir [le rapport][report]."),
    ("urls", "es", "the website", "el sitio www.example.org", "el sitio web"),
    ("invisible", "ar", "the right to privacy", "الحق في\u202e الخصوصية", "الحق في الخصوصية"),
    ("invisible", "th", "the right to privacy", "สิทธิใน\u200bความเป็นส่วนตัว",
     "สิทธิในความเป็นส่วนตัว"),
    ("invisible", "fr", "the right", "le\u2066 droit\u2069", "le droit"),
    ("whitespace", "fr", "Background", "Contexte ", "Contexte"),
    ("whitespace", "fr", "Background", "\nContexte", "Contexte"),
    ("whitespace", "fr", "Dear Chair,\n", "Madame la Présidente,", "Madame la Présidente,\n"),
    ("glossary", "fr", "the General Assembly expressed",
     "l’Assemblée plénière a exprimé", "l’Assemblée générale a exprimé"),
    ("glossary", "ru", "the General Assembly expressed",
     "Генеральный совет выразил", "Генеральной Ассамблеи выразила"),
    ("glossary", "fr", "the Ad Hoc Committee", "la Commission ad hoc", "le Comité spécial"),
    ("do-not-translate", "ar", "said Clément Nyaletsossi Voule.",
     "قال كليمان نياليتسوسي فول.", "قال Clément Nyaletsossi Voule (كليمان نياليتسوسي فول)."),
]


def failing(code: str, source: str, translation: str) -> dict[str, list[str]]:
    message = checks.Message(source, translation, locales.target(code), TERMS)
    found = {check.name: list(check.run(message)) for check in checks.ENTRY_CHECKS}
    return {name: problems for name, problems in found.items() if problems}


@pytest.mark.parametrize(("check", "code", "source", "broken", "fixed"), CORPUS)
def test_check_fails_on_broken_and_passes_on_fixed(check, code, source, broken, fixed):
    assert check in failing(code, source, broken)
    assert failing(code, source, fixed) == {}


def test_every_entry_check_has_a_broken_case():
    assert {c.name for c in checks.ENTRY_CHECKS} <= {case[0] for case in CORPUS}


def test_messages_say_what_is_wrong():
    assert failing("fr", REPORT, "Sur la *cybercriminalité* et un rapport.")["markup"] == [
        "link [report] is missing: keep [translated text][report]"]
    assert failing("fr", IN_2019, "En 2019, rien.")["numbers"] == [
        "the number 2014 is missing", "the number 2020 is missing"]
    assert failing("ar", "x", "x\u202ey")["invisible"] == [
        "bidi control character U+202E RIGHT-TO-LEFT OVERRIDE at character 2: remove it"]


def test_raw_html_is_reported_once_by_the_html_check():
    found = failing("fr", "We ask that", "Nous <b>demandons</b> que")
    assert list(found) == ["html"]


def test_allowed_characters_pass():
    # no-break spaces (French), ZWJ/ZWNJ (shaping), a case change at a heading's start
    assert failing("fr", "rights: online", "droits\u202f: en\u00a0ligne") == {}
    assert failing("ar", "rights", "حقو\u200dق") == {}
    assert failing("es", "Human Rights and Procedural Safeguards",
                   "Derechos humanos y salvaguardias procesales") == {}


def plural_entry(forms: dict[int, str]) -> polib.POEntry:
    return polib.POEntry(msgid="{count} organization", msgid_plural="{count} organizations",
                         msgstr_plural=forms, linenum=7)


def test_a_plural_form_for_one_number_may_drop_the_placeholder():
    ar = locales.target("ar")  # forms 0, 1, 2 stand for n = 0, 1, 2 only
    forms = {0: "لا منظمات", 1: "منظمة واحدة", 2: "منظمتان", 3: "{count} منظمات",
             4: "{count} منظمة", 5: "منظمة"}
    found = [f for m in checks.messages(plural_entry(forms), ar, TERMS)
             for f in checks.check_placeholders(m)]
    assert found == ["{count} is missing: keep every {placeholder} unchanged"]  # form 5 only


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
    found = checks.check_entries(catalog, locales.target("fr"), TERMS, "fr.po")
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
