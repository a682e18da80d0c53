"""localetable: the project's languages as data (locales/locales.toml), mistakes at their line."""

from __future__ import annotations

import shutil

import pytest

from conftest import LOCALES, REPO
from letter_i18n import localetable
from letter_i18n.errors import UserError
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project


def test_the_repository_s_table_is_the_seven_editions():
    assert [info.code for info in LOCALES.all] == ["en", "ar", "es", "fr", "ru", "th", "zh_Hans"]
    assert LOCALES.source.code == "en"
    assert LOCALES.by_code["th"].year_offset == 543
    assert dict(LOCALES.by_code["zh_Hans"].engines)["microsoft"] == "zh-hans"
    assert LOCALES.by_code["zh_Hans"].length_ratio == (0.1, 2.0)


def test_a_project_without_the_file_has_only_its_source_language(tmp_path):
    table = localetable.load(Project(tmp_path))
    assert table.all == (LocaleInfo("en"),) and table.targets == ()


def loaded(tmp_path, text: str):
    (tmp_path / "locales").mkdir(exist_ok=True)
    (tmp_path / "locales" / "locales.toml").write_text(text, encoding="utf-8")
    return localetable.load(Project(tmp_path))


SOURCE = "[locales.en]\nsource = true\n"


def test_targets_are_in_code_order_whatever_the_file_s_order(tmp_path):
    table = loaded(tmp_path, SOURCE + "[locales.sw]\n[locales.hi]\n[locales.pt_BR]\n")
    assert table.codes == ["hi", "pt_BR", "sw"]
    assert table.by_code["pt_BR"].plural_forms == "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize(("text", "line", "message"), [
    (SOURCE + "[locales.fr]\nplural-forms = \"nplurals=2; plural=(n > 1);\"\ncolour = 1\n",
     5, "unknown key 'colour' in [locales.fr]"),
    (SOURCE + "[locales.fr\n", 3, "TOML syntax error"),
    (SOURCE + "[locales.fr]\nplural-forms = \"two forms\"\n", 4, "'plural-forms' must be a "
     "Plural-Forms header"),
    (SOURCE + "[locales.fr]\nmonths = [\"janvier\"]\n", 4, "'months' must be a list of 12"),
    (SOURCE + "[locales.fr]\ndate = \"d MMMM y\"\n", 4, "'date' must be a CLDR date pattern"),
    (SOURCE + "[locales.fr]\nengines = { google = 3 }\n", 4, "'engines' must be a table"),
    (SOURCE + "[locales.fr]\ndraft-length-ratio = [2, 1]\n", 4, "'draft-length-ratio'"),
    (SOURCE + "\n[locales.xx_QQ]\n", 4, "'xx_QQ' is not a locale CLDR knows"),
    (SOURCE + "[locales.pt_br]\n", 3, "'pt_br' is written 'pt_BR'"),
    ("[locales.fr]\n", 1, "0 locales are marked `source = true`"),
    (SOURCE + "[scripts.Deva]\nfont = \"x\"\n", 4, "unknown key 'font' in [scripts.Deva]"),
    (SOURCE + "[scripts.devanagari]\nfonts = \"x\"\n", 3, "not an ISO 15924 script code"),
    (SOURCE + "[languages.fr]\n", 3, "unknown table 'languages'"),
    (SOURCE + "[scripts.Thai]\nfonts = \"x\"\nscale = 12\n", 5, "'scale' of [scripts.Thai]"),
    (SOURCE + "[scripts.Hans]\nfonts = \"x\"\nsentence-space = \"no\"\n", 5,
     "'sentence-space' of [scripts.Hans] must be true or false"),
])
def test_mistakes_are_reported_at_their_line(tmp_path, text, line, message):
    with pytest.raises(UserError) as caught:
        loaded(tmp_path, text)
    assert (caught.value.path, caught.value.line) == ("locales/locales.toml", line)
    assert message in caught.value.message


def test_scripts_set_larger_than_latin_and_the_languages_they_size():
    assert LOCALES.scale("Thai") == 1.12 and LOCALES.scale("Latn") == 1
    assert LOCALES.scales == [("th", 1.12)]


def test_chinese_sentences_follow_one_another_without_a_space(tmp_path):
    assert LOCALES.sentence_gap("Hans") == ""
    assert LOCALES.sentence_gap("Latn") == LOCALES.sentence_gap("Thai") == " "
    table = loaded(tmp_path, SOURCE + "[locales.ja]\n[scripts.Jpan]\nfonts = \"x\"\n"
                   "sentence-space = false\n")
    assert table.sentence_gap("Jpan") == "" and table.sentence_gap("Hans") == " "


def test_script_fonts_declared_or_noto_s_for_the_script(tmp_path):
    table = loaded(tmp_path, SOURCE + "[locales.hi]\n[scripts.Latn]\nfonts = '\"A\", serif'\n")
    assert table.font_stack("Latn") == '"A", serif'
    assert table.font_stack("Deva") == \
        '"Noto Serif Devanagari", "Noto Sans Devanagari", "Noto Serif", serif'
    assert list(table.font_stacks) == ["Latn", "Deva"]  # declared first, then what is used


def test_append_adds_a_table_and_keeps_every_byte_before_it(tmp_path):
    project = Project(tmp_path)
    (tmp_path / "locales").mkdir()
    shutil.copy(REPO / "locales" / "locales.toml", localetable.path(project))
    before = localetable.path(project).read_text(encoding="utf-8")
    info = LocaleInfo("pt_BR", engines=(("google", "pt"), ("mymemory", "pt-BR")))
    localetable.append_locale(project, info, "Portuguese (Brazil)")
    after = localetable.path(project).read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):] == (
        '\n[locales.pt_BR]\n# Portuguese (Brazil)\nplural-forms = "nplurals=2; plural=(n > 1);"\n'
        'engines = { google = "pt", mymemory = "pt-BR" }\n'
        '# contact = "…"  # the team\'s mailing list or web page, for Language-Team\n')
    table = localetable.load(project)
    assert table.target("pt_BR").engines == info.engines
    assert table.target("pt_BR").gnu_plural_forms == "nplurals=2; plural=(n > 1);"


def test_stray_catalogs_are_found_and_told_what_to_run(tmp_path):
    project = Project(tmp_path)
    for code in ("fr", "pt_BR", "pt-PT"):
        (project.po_path(code)).parent.mkdir(parents=True)
        project.po_path(code).write_text("", encoding="utf-8")
    table = loaded(tmp_path, SOURCE + "[locales.fr]\n")
    found = {stray.code: str(stray) for stray in localetable.strays(project, table)}
    assert set(found) == {"pt_BR", "pt-PT"}
    assert found["pt_BR"].startswith("locales/pt_BR/LC_MESSAGES/letter.po: a catalog of pt_BR, "
                                     "which locales.toml does not list")
    assert "`letter-i18n init pt_BR`" in found["pt_BR"]
    assert "'pt-PT' is written 'pt_PT'" in found["pt-PT"]


@pytest.mark.parametrize(("code", "problem"), [
    ("pt_BR", None), ("hi", None), ("zh_Hant", None),
    ("pt-BR", "written 'pt_BR'"), ("klingon", "not a locale CLDR knows"), ("", "not a locale")])
def test_which_codes_can_name_a_catalog(code, problem):
    found = localetable.code_problem(code)
    assert (found is None) if problem is None else (problem in found)


def test_a_commit_changing_the_languages_checks_every_catalog():
    """The pre-commit hook for locales.toml runs `check` on all catalogs (strays included)."""
    import re as regex

    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for repo in hooks["repos"] for h in repo["hooks"]
               if regex.search(h.get("files", "^$"), "locales/locales.toml")]
    assert hook["pass_filenames"] is False
    assert hook["entry"].split("&&")[-1].split() == [
        "exec", ".venv/bin/letter-i18n", "check'", "letter-i18n-languages"]  # no file named
