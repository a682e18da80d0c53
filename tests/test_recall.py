"""Pages recalled instead of composed (editions, review pages): only when every input and
every file is the same."""

from __future__ import annotations

import json

import pytest

from conftest import edit
from letter_i18n import parallel, recall
from letter_i18n.editions.render import KEY_FILE, render_editions
from letter_i18n.review import pages

ALL = ["ar", "en", "es", "fr", "ru", "th", "zh_Hans"]


@pytest.fixture
def composed(monkeypatch):
    """The codes of the editions each render composes (in this process: one list)."""
    seen: list[list[str]] = []

    def serial(function, items, jobs=None):
        seen.append(sorted(info.code for info in items))
        return [function(item) for item in items]

    monkeypatch.setattr(parallel, "map_forked", serial)
    return seen


@pytest.fixture
def reviewed(monkeypatch):
    """The codes of the review pages each run checks and composes."""
    seen: list[str] = []
    page = pages.review_page

    def spy(env, info, *args):
        seen.append(info.code)
        return page(env, info, *args)

    monkeypatch.setattr(pages, "review_page", spy)
    monkeypatch.setattr(parallel, "map_forked",
                        lambda function, items, jobs=None: [function(i) for i in items])
    return seen


def render(project, **options):
    return render_editions(project, project.root / "build", **options)


def test_an_unchanged_edition_is_recalled_and_reports_as_composed(translated_project,
                                                                  composed):
    first = render(translated_project)
    again = render(translated_project)
    assert composed == [ALL, []]
    assert again.written == []
    assert [(r.code, r.counts, r.rejected) for r in again.editions] == [
        (r.code, r.counts, r.rejected) for r in first.editions]


def test_one_catalog_edited_composes_that_edition_only(translated_project, composed):
    render(translated_project)
    edit(translated_project.po_path("fr"), 'msgstr "Une courte lettre"',
         'msgstr "Une lettre courte"')
    report = render(translated_project)
    assert composed[-1] == ["fr"]
    assert "build/fr/index.html" in report.written


@pytest.mark.parametrize("change", [
    "source", "table", "template", "package", "library", "reviewed-only", "pdf-link",
    "output-edited", "output-removed", "key-damaged", "key-without-counts"])
def test_every_kind_of_input_change_composes_again(translated_project, composed, monkeypatch,
                                                   change):
    root = translated_project.root
    render(translated_project)
    fr = root / "build" / "fr"
    options = {}
    if change == "source":
        edit(root / "source" / "letter.md", "We write about", "We wrote about")
    elif change == "table":
        table = root / "locales" / "locales.toml"
        table.write_text(table.read_text(encoding="utf-8") + "\n# a comment\n",
                         encoding="utf-8")
    elif change == "template":
        edit(translated_project.pot_path, "msgid \"\"", "# a comment\nmsgid \"\"")
    elif change == "package":  # code, templates or data of letter_i18n
        monkeypatch.setattr(recall, "_package_digest", lambda: b"another version")
    elif change == "library":
        monkeypatch.setattr(recall, "_environment", lambda: "another Babel")
    elif change == "reviewed-only":
        options["reviewed_only"] = True
    elif change == "pdf-link":
        (fr / "letter.pdf").write_bytes(b"%PDF-1.7\n")
    elif change == "output-edited":
        (fr / "letter.md").write_text("edited by hand\n", encoding="utf-8")
    elif change == "output-removed":
        (fr / "letter.txt").unlink()
    elif change == "key-damaged":
        (fr / KEY_FILE).write_text("{", encoding="utf-8")
    elif change == "key-without-counts":  # the inputs and files match, what it kept does not
        key = json.loads((fr / KEY_FILE).read_text(encoding="utf-8"))
        key["reported"] = {}
        (fr / KEY_FILE).write_text(json.dumps(key), encoding="utf-8")
    render(translated_project, **options)
    assert "fr" in composed[-1]
    if change.startswith("output"):
        assert (fr / "letter.md").read_text(encoding="utf-8") != "edited by hand\n"
        assert (fr / "letter.txt").exists()
    if change in ("source", "table", "template", "package", "library", "reviewed-only"):
        assert composed[-1] == ALL  # shared by every edition


def test_an_edition_that_rejected_a_translation_is_composed_every_time(translated_project,
                                                                        composed):
    """Its warning must be shown on every run, and no key holds the rejected text."""
    edit(translated_project.po_path("fr"), 'msgstr "Une courte lettre"',
         'msgstr "Une courte lettre <script>"')
    first = render(translated_project)
    again = render(translated_project)
    assert composed[-1] == ["fr"]
    rejected = next(r.rejected for r in again.editions if r.code == "fr")
    assert rejected and rejected == next(r.rejected for r in first.editions if r.code == "fr")
    assert not (translated_project.root / "build" / "fr" / KEY_FILE).exists()
    assert all("<script" not in key.read_text(encoding="utf-8")
               for key in (translated_project.root / "build").glob(f"*/{KEY_FILE}"))


# -- Review pages --

def write_pages(project):
    return pages.write_review_pages(project, project.root / "build")


def test_an_unchanged_review_page_is_recalled_and_the_status_page_still_counts_all(
        translated_project, reviewed):
    first = write_pages(translated_project)
    status = (translated_project.root / "build" / "status.html").read_text(encoding="utf-8")
    assert sorted(reviewed) == sorted(ALL[:1] + ALL[2:])  # every target language
    reviewed.clear()
    assert write_pages(translated_project) == [] and reviewed == []
    assert (translated_project.root / "build" / "status.html").read_text(
        encoding="utf-8") == status
    assert len(first) == 7  # six review pages and the status page


@pytest.mark.parametrize("change", ["catalog", "source", "template", "page-edited"])
def test_a_review_page_is_composed_again_when_an_input_or_the_page_changed(
        translated_project, reviewed, change):
    root = translated_project.root
    write_pages(translated_project)
    reviewed.clear()
    if change == "catalog":
        edit(translated_project.po_path("fr"), 'msgstr "Une courte lettre"',
             'msgstr "Une lettre courte"')
    elif change == "source":  # the letter's data: names the checks know
        edit(root / "source" / "letter.yaml", '"Council of State"',
             '"Council of State of Thailand"')
    elif change == "template":
        edit(translated_project.pot_path, "msgid \"\"", "# a comment\nmsgid \"\"")
    elif change == "page-edited":
        (root / "build" / "fr" / "review.html").write_text("edited", encoding="utf-8")
    written = write_pages(translated_project)
    assert "fr" in reviewed
    if change in ("catalog", "page-edited"):
        assert reviewed == ["fr"] and root / "build" / "fr" / "review.html" in written
    else:
        assert len(reviewed) == 6
