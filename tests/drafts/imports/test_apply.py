"""The whole import: round trips from the project's own editions, perturbed files, and what
the catalog may and may not receive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from importing import (
    EPOCH,
    blank,
    edition_items,
    plain,
    render,
    translations,
    write_docx,
    write_odt,
)

from conftest import edit
from letter_i18n.catalog.model import State, state
from letter_i18n.catalog.pofile import load_po
from letter_i18n.cli import run
from letter_i18n.drafts.imports.apply import import_file, to_table
from letter_i18n.review import checks
from letter_i18n.source.letter import load_letter

pytestmark = pytest.mark.slow  # renders editions of the real letter

ROOT = Path(__file__).resolve().parents[3]
LINKS = load_letter(ROOT / "source", ROOT).links


@pytest.fixture
def project(repo_copy, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return repo_copy


@pytest.mark.parametrize("code", ["fr", "ru", "ar", "th"])
def test_an_html_edition_gives_back_every_translation(project, tmp_path, code):
    page = render(project, code, tmp_path / "out") / "index.html"
    held = blank(project, code)
    report = import_file(project, code, page)
    got = translations(project, code)
    imported = {o.msgid for o in report.outcomes if o.action == "imported"}
    assert [(o.msgid[:30], o.action) for o in report.outcomes if o.action != "imported"] == []
    assert len(imported) == 47
    assert {m: got[m] for m in imported} == {m: held[m] for m in imported}
    assert not report.missing and not report.merges
    entry = next(e for e in load_po(project.po_path(code), "po") if e.msgid in imported)
    assert entry.tcomment == "draft: imported from index.html (2027-01-01); needs review"
    assert state(entry) is State.TEAM_DRAFT
    assert checks.run(project, [code]).errors == 0  # what `letter-i18n check` asks


@pytest.mark.parametrize(("code", "name"), [("fr", "letter.md"), ("ru", "letter.txt"),
                                             ("ar", "letter.txt"), ("zh_Hans", "letter.md")])
def test_markdown_and_text_give_back_the_text_and_list_the_links_they_lost(
        project, tmp_path, code, name):
    path = render(project, code, tmp_path / "out") / name
    held = blank(project, code)
    report = import_file(project, code, path)
    got = translations(project, code)
    assert report.count("imported") == 47
    for outcome in report.outcomes:
        if got[outcome.msgid] == held[outcome.msgid]:
            continue
        # Markdown drops a link whose address is unknown; text keeps no link's extent.
        assert plain(got[outcome.msgid]) == plain(held[outcome.msgid])
        assert any("link [" in p and "is missing" in p for p in outcome.problems)


def perturbed_markdown(project, tmp_path) -> str:
    text = (render(project, "fr", tmp_path / "out") / "letter.md").read_text("utf-8")
    paragraphs = text.split("\n\n")
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Nous, organisations"))
    # A note at the top, the banner gone.
    paragraphs = ["Note de la traductrice : version établie par notre équipe, à relire."] + [
        p for p in paragraphs if not p.startswith(">")]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Nous, organisations"))
    body = paragraphs[start:]
    # Merge "Lorsque la convention…" into "À l’approche…"; split "Alors que…" in two at a
    # sentence end; leave out "L’important travail…".
    merged = next(i for i, p in enumerate(body) if p.startswith("Lorsque la convention"))
    body[merged:merged + 2] = [body[merged] + " " + body[merged + 1]]
    split = next(i for i, p in enumerate(body) if p.startswith("Même les lois"))
    first, _, second = body[split].partition(" Trop souvent, ")
    body[split:split + 1] = [first, "Trop souvent, " + second]
    body = [p for p in body if not p.startswith("L’important travail")]
    # Signatories: the experts in reverse order, numbered by hand, as one paragraph each.
    experts = next(i for i, p in enumerate(body) if p.startswith("1. Jacqueline Abreu"))
    rows = body[experts].split("\n")
    body[experts:experts + 1] = [f"{n}) {row.split('. ', 1)[1]}"
                                 for n, row in enumerate(reversed(rows), 1)]
    return "\n\n".join(paragraphs[:start] + body)


def test_a_perturbed_file_is_aligned_exactly(project, tmp_path):
    source = tmp_path / "lettre-fr.md"
    source.write_text(perturbed_markdown(project, tmp_path), encoding="utf-8")
    held = blank(project, "fr")
    report = import_file(project, "fr", source)
    got = translations(project, "fr")
    assert [u["text"][:30] for u in report.unmatched][:1] == ["Note de la traductrice : versi"]
    assert [m["excerpt"][:30] for m in report.missing] == ["The important work of combatin"]
    merges = {m["segments"][0][:20]: m["done"] for m in report.merges}
    assert merges == {"When the convention ": "divided at a sentence end",
                      "Even laws that focus": "joined: the file splits this paragraph"}
    assert report.count("imported") == 46
    wrong = [m for m in got if plain(got[m]) != plain(held[m])]
    assert wrong == []
    kaye = next(o for o in report.outcomes if o.msgid.startswith("Clinical Professor"))
    assert kaye.step == "row" and got[kaye.msgid] == held[kaye.msgid]


def test_reviewed_is_never_replaced_and_drafts_only_when_asked(project, tmp_path):
    page = render(project, "fr", tmp_path / "out") / "index.html"
    path = project.po_path("fr")
    catalog = load_po(path, "po")
    reviewed, draft = [e for e in catalog if e.msgstr and not e.msgid_plural][:2]
    reviewed.flags, reviewed.tcomment, reviewed.msgstr = [], "", "Texte revu."
    draft.msgstr = "Brouillon."
    from letter_i18n.catalog.pofile import save_po
    save_po(path, catalog)
    before = path.read_text("utf-8")
    report = import_file(project, "fr", page, dry_run=True, overwrite_drafts=True)
    assert path.read_text("utf-8") == before and not report.written
    import_file(project, "fr", page)
    got = translations(project, "fr")
    assert (got[reviewed.msgid], got[draft.msgid]) == ("Texte revu.", "Brouillon.")
    report = import_file(project, "fr", page, overwrite_drafts=True)
    got = translations(project, "fr")
    assert got[reviewed.msgid] == "Texte revu." and got[draft.msgid] != "Brouillon."
    assert {o.msgid: o.action for o in report.outcomes}[reviewed.msgid] == "kept-reviewed"
    header = load_po(path, "po").metadata["PO-Revision-Date"]
    assert header == "2027-01-01 00:00+0000"
    again = path.read_text("utf-8")
    assert not import_file(project, "fr", page, overwrite_drafts=True).written
    assert path.read_text("utf-8") == again
    assert "kept-reviewed" in to_table(report)


def test_the_command(project, tmp_path, capsys):
    page = render(project, "ru", tmp_path / "out") / "index.html"
    root = ["--root", str(project.root)]
    assert run([*root, "import", "-l", "ru", str(page), "--dry-run", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "letter-i18n/import/1" and data["written"] is False
    assert {m["action"] for m in data["matched"]} <= {"unchanged", "kept-draft"}
    (tmp_path / "a.rtf").write_text("x")
    (tmp_path / "b.docx").write_text("not a zip")
    assert run([*root, "import", "-l", "ru", str(tmp_path / "a.rtf")]) == 1
    assert run([*root, "import", "-l", "ru", str(tmp_path / "b.docx")]) == 1
    assert run([*root, "import", "-l", "ru", str(tmp_path / "none.md")]) == 1
    assert run([*root, "import", "-l", "th", str(page)]) == 1
    err = capsys.readouterr().err
    assert "the file is written in Cyrillic script, not the Thai of th" in err
    assert "cannot import a '.rtf' file" in err and "cannot be read as a Word file" in err
    assert "none.md: file not found" in err and "Traceback" not in err


@pytest.mark.parametrize(("code", "suffix"), [("ru", ".docx"), ("ar", ".docx"), ("th", ".docx"),
                                              ("fr", ".odt"), ("th", ".odt")])
def test_word_and_opendocument_files_give_back_every_translation(project, tmp_path, code,
                                                                  suffix):
    path = tmp_path / f"letter-{code}{suffix}"
    (write_docx if suffix == ".docx" else write_odt)(edition_items(project, code), LINKS, path)
    held = blank(project, code)
    report = import_file(project, code, path)
    got = translations(project, code)
    assert report.count("imported") == 47
    assert {o.msgid: got[o.msgid] for o in report.outcomes} == \
        {o.msgid: held[o.msgid] for o in report.outcomes}
    assert not report.missing and not report.unmatched and not report.merges


def test_a_partners_word_file(project, tmp_path):
    """A note on top, no Cc lines, two paragraphs merged, one split, one left out, the
    signatory list in another order and the experts listed before the organizations."""
    items = edition_items(project, "ru")
    held = blank(project, "ru")
    texts = [t for _, t in items]
    cc = texts.index(held["Cc:"])
    del items[cc:cc + 4]

    def at(msgid_start: str) -> int:
        return next(i for i, (_, t) in enumerate(items)
                    if any(t == held[m] for m in held if m.startswith(msgid_start)))

    merged = at("In advance of the first session")
    items[merged:merged + 2] = [("paragraph", items[merged][1] + " " + items[merged + 1][1])]
    split = at("Our private and personal information")
    first, dot, rest = items[split][1].partition(". ")
    items[split:split + 1] = [("paragraph", first + dot.strip()), ("paragraph", rest)]
    del items[at("There is a real risk")]
    start = at("Signatories")
    rows = items[start:]
    orgs = [r for r in rows if r[0] == "row" and not any(
        r[1].startswith(e.name) for e in load_letter(project.source_dir, project.root).experts)]
    experts = [r for r in rows if r[0] == "row" and r not in orgs]
    items[start:] = [rows[0], *reversed(experts), *orgs[::-1]]
    items.insert(0, ("paragraph", "Примечание переводчика: перевод выполнен членами коалиции."))
    path = tmp_path / "письмо.docx"
    write_docx(items, LINKS, path)
    report = import_file(project, "ru", path)
    got = translations(project, "ru")
    assert [u["text"] for u in report.unmatched] == [
        "Примечание переводчика: перевод выполнен членами коалиции."]
    assert [m["msgid"] for m in report.missing] == [
        "Cc:", *(t.text for t in load_letter(project.source_dir, project.root).cc),
        next(m for m in held if m.startswith("There is a real risk")),
        "Individual Experts and Academics"]  # the experts' heading went with the reordering
    assert [(m["segments"][0][:15], m["done"]) for m in report.merges] == [
        ("In advance of t", "divided at a sentence end"),
        ("Our private and", "joined: the file splits this paragraph")]
    assert report.count("imported") == 47 - 6
    assert all(got[o.msgid] == held[o.msgid] for o in report.outcomes
               if o.action == "imported")


@pytest.mark.parametrize("layout", ["run together", "left out"])
def test_a_signatory_list_run_together_or_left_out_gives_nothing_for_it(project, tmp_path,
                                                                        layout):
    items = edition_items(project, "fr")
    start = next(i for i, (kind, _) in enumerate(items) if kind == "row")
    rows = [t for kind, t in items if kind == "row"]
    items[start:] = [("paragraph", "; ".join(rows))] if layout == "run together" else []
    path = tmp_path / "lettre.docx"
    write_docx(items, LINKS, path)
    blank(project, "fr")
    report = import_file(project, "fr", path)
    letter = load_letter(project.source_dir, project.root)
    assert [m["msgid"] for m in report.missing][-13:] == [
        *(e.affiliation.text for e in letter.experts), "International", "Arab Region"]
    assert report.count("imported") == 47 - 13 - 1  # the experts' heading went too
    if layout == "run together":
        assert report.unmatched[-1]["text"].startswith("Access Now – International; Altern")
    else:
        assert not report.unmatched


def test_a_text_file_never_makes_a_draft_worse(project, tmp_path):
    """Thai wrapped at a width loses the spaces at its line ends, and plain text every link:
    over the catalog's own drafts, --overwrite-drafts changes nothing, and says why."""
    path = render(project, "th", tmp_path / "out") / "letter.txt"
    before = project.po_path("th").read_text("utf-8")
    report = import_file(project, "th", path, overwrite_drafts=True)
    assert project.po_path("th").read_text("utf-8") == before and not report.written
    assert {o.action for o in report.outcomes} == {"unchanged"}
    proposal = next(o for o in report.outcomes if o.msgid.startswith("The proposal"))
    assert any("line ends of wrapped Thai text joined without a space" in p
               for p in proposal.problems)


def test_a_draft_is_not_replaced_by_a_text_that_lost_its_links(project, tmp_path):
    path = render(project, "fr", tmp_path / "out") / "letter.txt"
    edit(path, "La proposition d’élaborer", "Le projet d’élaborer")
    report = import_file(project, "fr", path, overwrite_drafts=True)
    actions = {o.msgid[:12]: o.action for o in report.outcomes}
    assert actions["The proposal"] == "kept-draft"
    assert set(actions.values()) == {"unchanged", "kept-draft"}
    proposal = next(o for o in report.outcomes if o.msgid.startswith("The proposal"))
    assert "the draft is not replaced by a text with errors it has not" in proposal.problems
