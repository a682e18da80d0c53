"""The glossary: terms found in English text, and mistakes in the file named by file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from letter_i18n.errors import UserError
from letter_i18n.source import glossary


@pytest.fixture
def terms() -> glossary.Glossary:
    return glossary.load(FIXTURES / "glossary.yaml")


def test_fixture_loads_with_renderings_and_variants(terms):
    assembly = terms.terms[0]
    assert (assembly.id, assembly.english, assembly.line) == (
        "general-assembly", ("General Assembly",), 3)
    assert assembly.renderings["ru"].forms == (
        "Генеральная Ассамблея", "Генеральной Ассамблеи", "Генеральную Ассамблею")
    assert assembly.renderings["fr"].verified is True
    assert "es" not in assembly.renderings  # no agreed rendering yet
    assert terms.do_not_translate == ("Clément Nyaletsossi Voule",)


def test_terms_are_whole_words_case_sensitive_longest_first(terms):
    found = terms.terms_in("The Ad Hoc Committee asked the General Assembly; "
                           "the Committee agreed. General Assemblyman, human rights.")
    assert [(m.term.id, m.form) for m in found] == [
        ("ad-hoc-committee", "Ad Hoc Committee"), ("general-assembly", "General Assembly"),
        ("committee", "Committee"), ("human-rights", "human rights")]
    assert terms.terms_in("the general assembly and committees") == []


def test_untranslatables_are_found_as_whole_words(terms):
    assert terms.untranslatables_in("said Clément Nyaletsossi Voule.") == [
        "Clément Nyaletsossi Voule"]
    assert terms.untranslatables_in("Clément Nyaletsossi Vouley") == []


def test_a_project_without_glossary_has_no_terms(small_project):
    assert glossary.for_project(small_project).terms == ()


def test_the_project_glossary_loads():
    path = REPO / "source" / glossary.GLOSSARY_FILE
    loaded = glossary.load(path, "source/glossary.yaml")
    assert loaded.terms and all(term.english for term in loaded.terms)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("terms:\n  x:\n    en: [\"A\"]\n    pt-BR: {text: \"B\"}\n", 4, "unknown field 'pt-BR'"),
    ("terms:\n  x:\n    en: [\"A\"]\n    fr: {source: UN}\n", 4, "needs 'text'"),
    ("terms:\n  x:\n    fr: {text: \"B\"}\n", 2, "has no English forms"),
    ("terms:\n  x:\n    en: \"A\"\n", 3, "must be a list of strings"),
    ("terms:\n  x:\n    en: [\"A\", \" B\"]\n", 3, "item 2 must be a non-empty string"),
    ("terms:\n  x:\n    en: [\"A\"]\n  y:\n    en: [\"A\"]\n", 4, "already a form of term 'x'"),
    ("terms:\n  x:\n    en: [\"A\"]\n    fr: {text: \"B\", verified: maybe}\n", 4,
     "'verified' of 'fr' of term 'x' must be true or false"),
    ("terms:\n  x:\n    en: [\"A\"]\n    en: [\"B\"]\n", 4, "duplicate key 'en'"),
    ("terms: {}\nkeep: []\n", 2, "unknown field 'keep'"),
])
def test_mistakes_name_file_and_line(tmp_path: Path, text, line, message):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        glossary.load(path, "source/glossary.yaml")
    assert (caught.value.path, caught.value.line) == ("source/glossary.yaml", line)
    assert message in caught.value.message


def test_the_same_file_is_read_once_and_an_edit_is_seen(tmp_path: Path):
    """Every stage of a build asks for the glossary: one parse per process, unless the
    file changed in between (a translator saving it during a build)."""
    path = tmp_path / "glossary.yaml"
    path.write_text((FIXTURES / "glossary.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    first = glossary.load(path)
    assert glossary.load(path) is first
    path.write_text(path.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    second = glossary.load(path)
    assert second is not first and second == first
    path.write_text("terms: [\n", encoding="utf-8")
    with pytest.raises(UserError):
        glossary.load(path)
