"""Segmentation of the small fixture letter: one segment per block, with context."""

from __future__ import annotations

import pytest

from conftest import REPO, edit
from letter_i18n.errors import UserError
from letter_i18n.source import segments
from letter_i18n.source.letter import load_letter


def segs(project):
    return segments.segment_letter(load_letter(project.source_dir, project.root))


def test_one_segment_per_block_in_reading_order(small_project):
    found = segs(small_project)
    assert [(s.kind, s.msgid) for s in found[:7]] == [
        ("title", "A Small Letter"),
        ("paragraph", "Dear Chair,"),
        ("paragraph", "We write about *cybercrime* and [a report][report]. This paragraph "
                      "continues on a second line."),
        ("heading", "Requests"),
        ("paragraph", "We ask that the Committee:"),
        ("list item", "Accredit experts, as **the report** [observed][report]."),
        ("list item", "Publish documents on [the website][unknown-site]."),
    ]
    assert [s.line for s in found[:7]] == [1, 3, 5, 8, 10, 12, 13]
    assert all(s.path == "source/letter.md" for s in found[:8])


def test_urls_stay_out_of_msgids_and_go_to_comments(small_project):
    found = segs(small_project)
    for seg in found:
        assert "https://" not in seg.msgid
    paragraph = found[2]
    assert paragraph.links == ["report"]
    assert "link [report]: https://undocs.org/A/HRC/41/41 (inferred, high confidence)" \
        in paragraph.notes
    assert "link [unknown-site]: target unknown" in found[6].notes
    assert found[5].notes[0] == "list item 1 of section “Requests”"


def test_a_person_named_in_the_body_is_a_placeholder_to_translators(small_project):
    edit(small_project.source_dir / "letter.md", "as **the report**",
         "as Bo Nobody and **the report**")
    with (small_project.source_dir / "letter.yaml").open("a", encoding="utf-8") as data:
        data.write('people:\n  chair: {name: "Bo Nobody", names: {ru: "Бо Нободи"}}\n')
    item = segs(small_project)[5]
    assert item.msgid == "Accredit experts, as {chair} and **the report** [observed][report]."
    assert item.flags == ["python-brace-format"]
    assert item.notes[1] == ("{chair} is “Bo Nobody”: keep {chair}, never the name; each edition "
                             "writes it in its readers' script (source/letter.yaml)")


def test_a_quoting_segment_tells_translators_the_official_text_exists(small_project):
    found = segs(small_project)
    note = ("quotes A/HRC/41/41, paragraph 3 (link [report]): the official wording exists in "
            "that document in every UN language; translate the quotation here, and the edition "
            "marks it as an unofficial translation with a note that links to the document")
    assert [s.msgid for s in found if note in s.notes] == [found[2].msgid, found[5].msgid]
    assert not any("quotes" in n for s in found[:2] + found[3:5] for n in s.notes)


def test_data_segments_are_translatable_fields_only(small_project):
    found = [s for s in segs(small_project) if s.path == "source/letter.yaml"]
    assert [(s.msgid, s.line) for s in found] == [
        ("H.E. Ms {name}", 5), ("Chairperson", 6), ("Ad Hoc Committee", 7),
        ("Council of State", 9), ("International", 11), ("University of São Paulo", 29),
    ]
    assert found[0].flags == ["python-brace-format"]
    assert ("{name} is “Ada Example”: keep {name}, never the name; each edition writes it in "
            "its readers' script (source/letter.yaml)") in found[0].notes
    names = {"Access Now", "Dataskydd", "Ada Example", "Jacqueline Abreu", "Sweden", "Europe"}
    assert not names & {s.msgid for s in found}


def test_template_strings_are_extracted_with_flags_and_plurals():
    found = segments.template_segments(REPO / "src/letter_i18n/templates",
                                       "src/letter_i18n/templates")
    by_id = {s.msgid: s for s in found if s.path.endswith("letter.html.j2")}
    as_of = by_id["List of signatories as of {date}"]
    assert as_of.flags == ["python-brace-format"]
    assert as_of.path == "src/letter_i18n/templates/letter.html.j2"
    assert any("{date} is the date" in note for note in as_of.notes)
    other = {s.path for s in found if s.msgid == "List of signatories as of {date}"}
    assert other == {f"src/letter_i18n/templates/letter.{ext}.j2" for ext in ("html", "md", "txt")}
    plural = by_id["{count} organization"]
    assert plural.msgid_plural == "{count} organizations"
    assert plural.flags == ["python-brace-format"]


def test_template_strings_are_extracted_once_and_again_when_a_template_changes(tmp_path,
                                                                                monkeypatch):
    import shutil

    from letter_i18n.source import segments as module
    from letter_i18n.templating import TEMPLATES_DIR

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    monkeypatch.setattr(module, "cache_directory", lambda: tmp_path)
    fresh = module._extract(str(templates), "t", sorted(templates.glob("*.j2")))
    assert module._extract_cached(str(templates), "t") == fresh
    assert len(list(tmp_path.glob("letter-i18n-strings-*.json"))) == 1

    def never(*_args):
        raise AssertionError("extracted again although nothing changed")

    monkeypatch.setattr(module, "_extract", never)
    assert module._extract_cached(str(templates), "t") == fresh  # from the disk
    page = templates / "letter.html.j2"
    page.write_text(page.read_text(encoding="utf-8") + '{{ _("A new string") }}\n',
                    encoding="utf-8")
    with pytest.raises(AssertionError, match="extracted again"):
        module._extract_cached(str(templates), "t")


@pytest.mark.parametrize("line", ["# ", "## ", "###"])
def test_an_empty_heading_is_a_mistake_at_its_line_not_an_empty_msgid(small_project, line):
    body = small_project.source_dir / "letter.md"
    text = body.read_text(encoding="utf-8")
    body.write_text(f"{text}\n{line}\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"an empty (heading|title)") as error:
        segs(small_project)
    assert error.value.location == f"source/letter.md:{len(text.splitlines()) + 2}"
