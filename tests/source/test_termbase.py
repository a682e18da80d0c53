"""The glossary for translators' tools: TBX-Basic read back by ElementTree and by
translate-toolkit (Weblate's reader) as an independent oracle, and CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, LOCALES, REPO, requires
from letter_i18n.source import glossary, termbase

LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TERMS = glossary.load(FIXTURES / "glossary.yaml", "glossary.yaml")


def parsed(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def entry(root: ET.Element, term_id: str) -> ET.Element:
    (found,) = [e for e in root.iter("termEntry") if e.get("id") == term_id]
    return found


def terms_of(entry_: ET.Element, lang: str) -> list[tuple[str, str, str]]:
    """(term, administrative status, note) of one language section."""
    (lang_set,) = [s for s in entry_.findall("langSet") if s.get(LANG) == lang]
    return [(tig.findtext("term"),
             tig.findtext("termNote[@type='administrativeStatus']"),
             tig.findtext("note") or "") for tig in lang_set.findall("tig")]


def test_tbx_basic_has_one_concept_per_term_with_a_language_section_each():
    root = parsed(termbase.to_tbx(TERMS, LOCALES))
    assert (root.tag, root.get("type"), root.get(LANG)) == ("martif", "TBX-Basic", "en")
    assert root.findtext("martifHeader/fileDesc/sourceDesc/p") == "glossary.yaml"
    ids = [e.get("id") for e in root.iter("termEntry")]
    assert ids == ["general-assembly", "ad-hoc-committee", "committee", "human-rights",
                   "keep-Clément-Nyaletsossi-Voule"]
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in ids)  # XML IDs
    ga = entry(root, "general-assembly")
    assert terms_of(ga, "en") == [("General Assembly", termbase.PREFERRED, "")]
    assert terms_of(ga, "fr") == [("Assemblée générale", termbase.PREFERRED,
                                   "source: UN; verified")]
    assert terms_of(ga, "ru") == [
        ("Генеральная Ассамблея", termbase.PREFERRED, "source: secondary; not verified"),
        ("Генеральной Ассамблеи", termbase.ADMITTED, "accepted variant (an inflected form)"),
        ("Генеральную Ассамблею", termbase.ADMITTED, "accepted variant (an inflected form)")]
    assert [s.get(LANG) for s in ga.findall("langSet")] == ["en", "ar", "fr", "ru"]
    assert entry(root, "ad-hoc-committee").findtext("descrip[@type='definition']") == \
        "Short name of the committee."
    assert [t for t, _, _ in terms_of(entry(root, "human-rights"), "en")] == [
        "human rights", "Human Rights"]


def test_names_never_translated_are_the_same_term_in_every_language():
    keep = entry(parsed(termbase.to_tbx(TERMS, LOCALES)), "keep-Clément-Nyaletsossi-Voule")
    assert keep.findtext("note") == termbase.DO_NOT_TRANSLATE
    langs = [s.get(LANG) for s in keep.findall("langSet")]
    assert langs == ["en", "ar", "es", "fr", "ru", "th", "zh-Hans"]
    assert {terms_of(keep, lang)[0][0] for lang in langs} == {"Clément Nyaletsossi Voule"}


def test_the_project_glossary_exports_deterministically():
    terms = glossary.load(REPO / "source" / "glossary.yaml", "source/glossary.yaml")
    data = termbase.to_tbx(terms, LOCALES)
    assert data == termbase.to_tbx(terms, LOCALES)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<martif ')
    assert len(list(parsed(data).iter("termEntry"))) == \
        len(terms.terms) + len(terms.do_not_translate)


@requires(__import__("importlib.util").util.find_spec("translate") is not None,
          "translate-toolkit (Weblate's file readers)", "pip install -e '.[test]'")
def test_translate_toolkit_reads_every_concept_with_its_languages():
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(termbase.to_tbx(TERMS, LOCALES))
    assert [unit.source for unit in store.units] == [
        "General Assembly", "Ad Hoc Committee", "Committee", "human rights",
        "Clément Nyaletsossi Voule"]
    first = store.units[0]
    assert [node.get(LANG) for node in first.getlanguageNodes()] == ["en", "ar", "fr", "ru"]


def test_csv_has_a_row_per_concept_and_four_columns_per_language():
    rows = list(csv.DictReader(io.StringIO(termbase.to_csv(TERMS, LOCALES))))
    assert [row["id"] for row in rows] == ["general-assembly", "ad-hoc-committee", "committee",
                                            "human-rights", "keep-Clément-Nyaletsossi-Voule"]
    ru = rows[0]
    assert (ru["ru"], ru["ru variants"], ru["ru source"], ru["ru verified"]) == (
        "Генеральная Ассамблея", "Генеральной Ассамблеи | Генеральную Ассамблею", "secondary",
        "no")
    assert (rows[0]["fr verified"], rows[0]["es"]) == ("yes", "")
    assert rows[3]["en"] == "human rights | Human Rights"
    assert {rows[4][code] for code in ("ar", "es", "fr", "ru", "th", "zh_Hans")} == {
        "Clément Nyaletsossi Voule"}


@pytest.mark.slow
def test_the_command_writes_tbx_and_csv(small_project, tmp_path):
    from click.testing import CliRunner

    from letter_i18n.cli import cli

    (small_project.source_dir / "glossary.yaml").write_text(
        (FIXTURES / "glossary.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "letter.tbx"
    result = runner.invoke(cli, ["--root", str(small_project.root), "glossary", "-o", str(out)])
    assert result.exit_code == 0 and result.output == f"wrote {out}\n"
    assert parsed(out.read_bytes()).get("type") == "TBX-Basic"
    again = runner.invoke(cli, ["--root", str(small_project.root), "glossary", "-o", str(out)])
    assert again.output == ""  # unchanged: not rewritten
    printed = runner.invoke(cli, ["--root", str(small_project.root), "glossary", "--format",
                                  "csv"])
    assert printed.output.startswith("id,en,note,ar,ar variants,")
