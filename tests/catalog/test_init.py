"""`init`: a new language joins every step as data, with no code change."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from conftest import edit, requires
from letter_i18n import localetable
from letter_i18n.catalog.init import init_locale
from letter_i18n.catalog.pofile import load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.cli import cli
from letter_i18n.editions.render import render_editions
from letter_i18n.errors import UserError
from letter_i18n.review import checks, stats

needs_gettext = requires(shutil.which("msgcat") and shutil.which("msgmerge")
                         and shutil.which("msginit"),
                         "GNU gettext (msgcat, msgmerge, msginit)", "apt-get install gettext")


@pytest.fixture
def with_portuguese(translated_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    update_catalogs(translated_project)
    report = init_locale(translated_project, "pt_BR", (("google", "pt"),))
    return translated_project, report


def test_init_writes_a_catalog_with_complete_headers(with_portuguese):
    project, report = with_portuguese
    assert not report.adopted and report.info.tag == "pt-BR"
    po = load_po(project.po_path("pt_BR"))
    assert po.metadata == {
        "Project-Id-Version": "open-letter-2021-12-22",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "2021-12-22 00:00+0000",
        "PO-Revision-Date": "2021-12-22 00:00+0000",
        "Last-Translator": "Portuguese (Brazil) translation team",
        "Language-Team": "Portuguese (Brazil) (pt_BR)",
        "Language": "pt_BR",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",  # GNU's, as Weblate writes it
        "X-Generator": po.metadata["X-Generator"],
    }
    assert po.header.startswith("Portuguese (Brazil) translation of the joint open letter")
    assert [e.msgid for e in po] == [e.msgid for e in load_po(project.pot_path)]
    assert "[locales.pt_BR]" in localetable.path(project).read_text(encoding="utf-8")


@needs_gettext
def test_the_new_catalog_is_a_msgcat_and_msgmerge_fixed_point(with_portuguese):
    project, _ = with_portuguese
    po = project.po_path("pt_BR")
    for command in (["msgcat", str(po)],
                    ["msgmerge", "--quiet", "--previous", str(po), str(project.pot_path)]):
        written = subprocess.run([*command, "-o", "-"], capture_output=True, check=True).stdout
        assert written == po.read_bytes(), command[0]


@pytest.mark.slow
def test_the_new_language_joins_update_check_stats_and_the_editions(with_portuguese):
    project, _ = with_portuguese
    assert update_catalogs(project).written == []  # init left nothing for update to do
    found = checks.run(project)
    assert found.errors == 0 and "locales/pt_BR/LC_MESSAGES/letter.po" in found.checked
    counted = {s.info.code: s for s in stats.collect(project)}
    assert list(counted) == ["ar", "es", "fr", "pt_BR", "ru", "th", "zh_Hans"]
    assert counted["pt_BR"].segments["untranslated"] == counted["pt_BR"].total("segments")
    edit(project.po_path("pt_BR"), 'msgid "Chairperson"\nmsgstr ""',
         'msgid "Chairperson"\nmsgstr "Presidenta"')
    out = project.root / "build"
    report = render_editions(project, out)
    assert "pt_BR" in [r.code for r in report.editions]
    page = (out / "pt_BR" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR" dir="ltr">' in page and "Presidenta" in page
    assert "22 de dezembro de 2021" in page  # CLDR's long date: no date style was needed
    picker = (out / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'<a href="pt_BR/index.html" hreflang="pt-BR" lang="pt-BR" '
                      r'class="script-Latn">([^<]*)</a>', picker)
    assert entry and entry.group(1) == "Português (Brasil)"  # in itself, as CLDR lists it
    assert 'hreflang="pt-BR"' in (out / "fr" / "index.html").read_text(encoding="utf-8")


def test_a_language_in_another_script_gets_that_script_s_noto_faces(translated_project):
    init_locale(translated_project, "hi")
    render_editions(translated_project, translated_project.root / "build", ["hi"])
    page = (translated_project.root / "build" / "hi" / "index.html").read_text(encoding="utf-8")
    assert '"Noto Serif Devanagari", "Noto Sans Devanagari"' in page
    picker = (translated_project.root / "build" / "index.html").read_text(encoding="utf-8")
    assert ".script-Deva { font-family: \"Noto Serif Devanagari\"" in picker


@needs_gettext
def test_a_stray_catalog_is_reported_by_update_and_check_then_adopted_by_init(
        translated_project, monkeypatch):
    """A catalog made by msginit (or Weblate's "start new translation"), not in the data."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    project = translated_project
    update_catalogs(project)
    stray = project.po_path("pt_BR")
    stray.parent.mkdir(parents=True)
    subprocess.run(["msginit", "--no-translator", "-l", "pt_BR", "-i", str(project.pot_path),
                    "-o", str(stray)], capture_output=True, check=True)
    edit(stray, 'msgid "Chairperson"\nmsgstr ""', 'msgid "Chairperson"\nmsgstr "Presidenta"')
    report = update_catalogs(project)
    assert [str(s) for s in report.strays] == [
        "locales/pt_BR/LC_MESSAGES/letter.po: a catalog of pt_BR, which locales.toml does not "
        "list: run `letter-i18n init pt_BR` to add the language (the catalog is kept), or "
        "remove the file"]
    found = [f for f in checks.run(project).findings if f.check == "stray-catalog"]
    assert [(f.path, f.severity) for f in found] == [
        ("locales/pt_BR/LC_MESSAGES/letter.po", "error")]
    with pytest.raises(UserError, match=r"a catalog of pt_BR, which locales\.toml does not"):
        checks.named_catalogs(project, [stray])
    adopted = init_locale(project, "pt_BR")
    assert adopted.adopted and adopted.update.repairs == []  # msginit's header is GNU's
    po = load_po(stray)
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert po.metadata["Last-Translator"] == "Automatically generated"  # msginit's, kept
    assert next(e for e in po if e.msgid == "Chairperson").msgstr == "Presidenta"
    assert not [f for f in checks.run(project).findings if f.check == "stray-catalog"]


@pytest.mark.parametrize(("code", "message"), [
    ("pt-BR", "'pt-BR' is written 'pt_BR'"), ("xx_QQ", "not a locale CLDR knows"),
    ("fr", "fr is already a language of the project"),
    ("en", "the language the letter is written in")])
def test_a_code_init_cannot_take_is_a_clear_error(translated_project, code, message):
    before = localetable.path(translated_project).read_bytes()
    with pytest.raises(UserError, match=message):
        init_locale(translated_project, code)
    assert localetable.path(translated_project).read_bytes() == before


def test_a_failed_init_leaves_the_data_file_as_it_was(translated_project):
    before = localetable.path(translated_project).read_bytes()
    (translated_project.source_dir / "letter.md").write_text("", encoding="utf-8")
    with pytest.raises(UserError):
        init_locale(translated_project, "pt_BR")
    assert localetable.path(translated_project).read_bytes() == before
    assert not translated_project.po_path("pt_BR").exists()


@pytest.mark.slow
def test_the_command_says_what_it_added(translated_project):
    result = CliRunner().invoke(cli, ["--root", str(translated_project.root), "init", "hi"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "added Hindi (hi) to locales/locales.toml: Plural-Forms nplurals=2; plural=(n > 1);",
        "drafts: libre (hi), google (hi), mymemory (hi-IN)",
        "wrote locales/hi/LC_MESSAGES/letter.po"]
    result = CliRunner().invoke(cli, ["--root", str(translated_project.root), "stats", "-l",
                                      "hi"])
    assert result.exit_code == 0 and "hi " in result.output
    bad = CliRunner().invoke(cli, ["--root", str(translated_project.root), "stats", "-l", "pt"])
    assert bad.exit_code == 2 and "`letter-i18n init pt` adds a language" in bad.output


@pytest.mark.slow
def test_build_makes_the_new_language_s_pages(translated_project):
    """`build` (update, render, review) takes the new language with the others."""
    root = str(translated_project.root)
    assert CliRunner().invoke(cli, ["--root", root, "init", "sw"]).exit_code == 0
    result = CliRunner().invoke(cli, ["--root", root, "build", "--no-pdf"])
    assert result.exit_code == 0, result.output
    out = translated_project.root / "build" / "editions"
    assert {"index.html", "letter.md", "letter.txt", "review.html"} <= \
        {p.name for p in (out / "sw").iterdir()}
    assert '<html lang="sw" dir="ltr">' in (out / "sw" / "index.html").read_text(encoding="utf-8")
    assert ">Kiswahili<" in (out / "status.html").read_text(encoding="utf-8")


def test_a_language_in_a_script_set_apart_gets_its_script_s_typography(translated_project):
    """The stylesheets set Arabic, Thai-like and Han scripts apart (line heights, sizes,
    justification, the print measure): a new language in one of those scripts is set the
    same, in its own page and wherever another page names it in its own language."""
    for code in ("fa", "lo", "ja"):
        init_locale(translated_project, code)
    out = translated_project.root / "build"
    render_editions(translated_project, out, ["fa", "lo", "ja", "fr"])
    pages = {code: (out / code / "index.html").read_text(encoding="utf-8")
             for code in ("fa", "lo", "ja", "fr")}
    for page in pages.values():  # the rules reach every page, where the languages are named
        assert "body:lang(fa), :not(:lang(fa)) > :lang(fa) { line-height: 1.9; font-size: " \
               "1.12rem; }" in page
        assert ":lang(lo) { line-height: 1.9; }" in page
        assert ":lang(ja) body, body:lang(ja) { line-height: 1.8; text-align: justify; }" in page
        assert ":lang(ja) article > p { inline-size: 43em; }" in page  # print: whole characters
        assert ":lang(lo) article > p { text-align: start; }" in page  # print: not justified
    # Their own rules stay with the table's languages: Arabic and Thai keep theirs.
    assert "body:lang(ar), :not(:lang(ar)) > :lang(ar)" in pages["fr"]
    assert ":lang(th) { line-height: 1.9; }" in pages["fr"]
    assert ":lang(fr) { line-height" not in pages["fr"]
