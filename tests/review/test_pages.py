"""Review and status pages: valid HTML5, bilingual with the right lang/dir, deterministic."""

from __future__ import annotations

import html5lib
import pytest

from conftest import edit
from letter_i18n import parallel
from letter_i18n.catalog.pofile import load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.review import pages as review
from letter_i18n.source import segments


def parse(path):
    """Strict HTML5 parsing: any parse error (bad nesting, stray tags) fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(
        path.read_text(encoding="utf-8"))


@pytest.fixture
def project(small_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    update_catalogs(small_project)
    fr = small_project.po_path("fr")
    edit(fr, 'msgid "Dear Chair,"\nmsgstr ""', 'msgid "Dear Chair,"\nmsgstr "Madame,"')
    edit(fr, 'msgid "Thank you."\nmsgstr ""',
         '# draft: machine translation\n#, fuzzy\nmsgid "Thank you."\nmsgstr "Merci <b>."')
    edit(small_project.po_path("ar"), 'msgid "Requests"\nmsgstr ""',
         '# open question: الطلبات or المطالب?\nmsgid "Requests"\nmsgstr "الطلبات"')
    edit(small_project.source_dir / "letter.md", "Dear Chair,", "Dear Madam Chair,")
    update_catalogs(small_project)  # "Dear Chair," becomes fuzzy with the previous English
    return small_project


def row(tree, anchor: str):
    return tree.find(f".//tr[@id='{anchor}']")


def test_pages_are_valid_html5_and_written_once(project, tmp_path):
    out = tmp_path / "editions"
    written = review.write_review_pages(project, out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == sorted(
        ["status.html", *(f"{c}/review.html" for c in ("ar", "es", "fr", "ru", "th", "zh_Hans"))])
    for path in written:
        tree = parse(path)
        assert tree.get("lang") == "en"
    assert review.write_review_pages(project, out) == []  # deterministic: nothing rewritten


def test_pages_composed_in_several_processes_equal_those_of_one(project, tmp_path,
                                                              monkeypatch, forking):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    alone = sorted(review.write_review_pages(project, tmp_path / "one"))
    monkeypatch.setenv(parallel.JOBS_VARIABLE, str(forking))
    forked = sorted(review.write_review_pages(project, tmp_path / "two"))
    assert [p.relative_to(tmp_path / "one") for p in alone] == [
        p.relative_to(tmp_path / "two") for p in forked]
    for one, two in zip(alone, forked, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    only_fr = review.write_review_pages(project, tmp_path / "fr-only", ["fr"])
    assert sorted(p.relative_to(tmp_path / "fr-only").as_posix() for p in only_fr) == [
        "fr/review.html", "status.html"]


def test_each_segment_shows_status_where_to_edit_and_findings(project, tmp_path):
    review.write_review_pages(project, tmp_path)
    tree = parse(tmp_path / "fr" / "review.html")
    fr = load_po(project.po_path("fr"))
    entries = {e.msgid: e for e in fr}
    changed = row(tree, f"L{entries['Dear Madam Chair,'].linenum}")
    assert changed.get("class") == "source_changed"
    meta = "".join(changed.find("td").itertext())
    assert f"locales/fr/LC_MESSAGES/letter.po:{entries['Dear Madam Chair,'].linenum}" in meta
    previous = changed.find(".//p[@class='previous']")
    assert [el.text for el in previous.iter("ins")] == [" Madam"]
    draft = row(tree, f"L{entries['Thank you.'].linenum}")
    assert draft.get("class") == "draft"
    assert "draft: machine translation" in "".join(draft.itertext())
    finding = draft.find(".//ul[@class='findings']/li")
    assert finding.get("class") == "error" and "[html]" in finding.text
    untranslated = row(tree, f"L{entries['Requests'].linenum}")
    assert untranslated.find(".//span[@class='missing']").get("lang") == "en"


def test_open_questions_are_shown_to_the_reviewer_in_english(project, tmp_path):
    review.write_review_pages(project, tmp_path)
    tree = parse(tmp_path / "ar" / "review.html")
    line = next(e.linenum for e in load_po(project.po_path("ar")) if e.msgid == "Requests")
    (question,) = row(tree, f"L{line}").findall(".//p[@class='question']")
    assert (question.get("lang"), question.get("dir")) == ("en", "ltr")
    assert "".join(question.itertext()) == "Open question: الطلبات or المطالب?"


def test_translation_cells_carry_language_and_direction(project, tmp_path):
    review.write_review_pages(project, tmp_path)
    for code, tag, direction in (("ar", "ar", "rtl"), ("zh_Hans", "zh-Hans", "ltr"),
                                 ("th", "th", "ltr")):
        tree = parse(tmp_path / code / "review.html")
        cells = tree.findall(".//td[@class='translation']")
        assert cells and {(c.get("lang"), c.get("dir")) for c in cells} == {(tag, direction)}
        assert {c.get("lang") for c in tree.findall(".//td[@class='source']")} == {"en"}


def test_markup_is_rendered_with_link_labels(project, tmp_path):
    review.write_review_pages(project, tmp_path)
    tree = parse(tmp_path / "fr" / "review.html")
    source = next(td for td in tree.findall(".//td[@class='source']")
                  if "".join(td.itertext()).startswith("We write about"))
    assert source.find("em").text == "cybercrime"
    assert source.find("span[@class='link']").get("title") == "link [report]"


def test_status_page_has_a_bar_per_language(project, tmp_path):
    review.write_review_pages(project, tmp_path)
    tree = parse(tmp_path / "status.html")
    rows = tree.findall(".//tbody/tr")
    assert [r.find("th/a").get("href") for r in rows] == [
        f"{c}/review.html" for c in ("ar", "es", "fr", "ru", "th", "zh_Hans")]
    ar_name = rows[0].find("th/span")
    assert (ar_name.get("lang"), ar_name.get("dir")) == ("ar", "rtl")
    fr_bar = rows[2].find(".//div[@class='bar']")
    widths = [span.get("style") for span in fr_bar.findall("span")]
    assert [span.get("class") for span in fr_bar.findall("span")] == [
        "draft", "source_changed", "untranslated"]
    assert all(w.startswith("width: ") for w in widths)


def test_review_templates_add_nothing_to_the_catalogs(project):
    found = segments.template_segments()
    names = {s.path.rsplit("/", 1)[1] for s in found}
    assert names and not names & {review.REVIEW_TEMPLATE, review.STATUS_TEMPLATE}
