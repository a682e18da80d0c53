"""Each format read into blocks: kinds, runs, links, line breaks; bad files are clear errors."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from odf import teletype
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.text import A, H, LineBreak, List, ListItem, P, Span

from letter_i18n.drafts.imports.readers import (
    HEADING,
    ITEM,
    LINE,
    PARAGRAPH,
    TITLE,
    Run,
    read_blocks,
)
from letter_i18n.errors import UserError


def _hyperlink(paragraph, url: str, text: str) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def test_word(tmp_path):
    document = docx.Document()
    document.add_heading("Lettre ouverte", level=1)
    document.add_heading("Contexte", level=2)
    p = document.add_paragraph("En ")
    _hyperlink(p, "https://undocs.org/A/RES/74/146", "2019")
    p.add_run(", ")
    p.add_run("gras").bold = True
    p.add_run("\nLigne")
    document.add_paragraph("Un point", style="List Bullet")
    path = tmp_path / "lettre.docx"
    document.save(path)
    blocks = read_blocks(path, "lettre.docx")
    assert [(b.kind, b.text) for b in blocks] == [
        (TITLE, "Lettre ouverte"), (HEADING, "Contexte"), (LINE, "En 2019, gras"),
        (LINE, "Ligne"), (ITEM, "Un point")]
    runs = blocks[2].runs
    assert runs[1] == Run("2019", href="https://undocs.org/A/RES/74/146", link=2)
    assert Run("gras", bold=True) in runs


def test_opendocument(tmp_path):
    document = OpenDocumentText()
    bold = Style(name="B", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    document.text.addElement(H(outlinelevel=1, text="Titre"))
    p = P(text="Voir ")
    link = A(href="https://undocs.org/A/HRC/41/41")
    teletype.addTextToElement(link, "le rapport")
    p.addElement(link)
    span = Span(stylename=bold)
    teletype.addTextToElement(span, " fort")
    p.addElement(span)
    p.addElement(LineBreak())
    teletype.addTextToElement(p, "Suite")
    document.text.addElement(p)
    items = List()
    item = ListItem()
    item.addElement(P(text="Un point"))
    items.addElement(item)
    document.text.addElement(items)
    path = tmp_path / "lettre.odt"
    document.save(str(path))
    blocks = read_blocks(path, "lettre.odt")
    assert [(b.kind, b.text) for b in blocks] == [
        (TITLE, "Titre"), (LINE, "Voir le rapport fort"), (LINE, "Suite"),
        (ITEM, "Un point")]
    assert blocks[1].hrefs == ["https://undocs.org/A/HRC/41/41"]
    assert Run(" fort", bold=True) in blocks[1].runs


def test_a_saved_page_keeps_the_article_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("""<html><head><title>x</title><script>var a = "no";</script></head>
<body><header><nav><a href="/">Accueil</a></nav></header>
<main><article><header><p>22 décembre 2021</p></header>
<h1>Lettre</h1><p>En <a href="https://x.org/a">2019</a> et <a href="https://x.org/a"><span>cette
</span><wbr><span>année</span></a>, <span class="link-unknown">des blogueurs</span>.<br>Ligne</p>
<aside>Bannière</aside><ul><li>Point</li></ul></article></main>
<footer>Pied de page</footer></body></html>""", encoding="utf-8")
    blocks = read_blocks(path, "page.html")
    assert [(b.kind, b.text) for b in blocks] == [
        (PARAGRAPH, "22 décembre 2021"), (TITLE, "Lettre"),
        (LINE, "En 2019 et cette année, des blogueurs."), (LINE, "Ligne"),
        (ITEM, "Point")]
    assert blocks[2].hrefs == ["https://x.org/a", "https://x.org/a"]  # once per link
    links = list(dict.fromkeys((r.href, r.link) for r in blocks[2].runs if r.href is not None))
    assert [h for h, _ in links] == ["https://x.org/a", "https://x.org/a", ""]
    assert len({n for _, n in links}) == 3  # two links to one address stay two


def test_markdown(tmp_path):
    path = tmp_path / "lettre.md"
    path.write_text("# Titre\n\n> bannière\n\nEn [2019][a] **fort**,\nsuite\\\nLigne\n\n"
                    "- point\n\n[a]: <https://x.org/a>\n", encoding="utf-8")
    blocks = read_blocks(path, "lettre.md")
    assert [(b.kind, b.text) for b in blocks] == [
        (TITLE, "Titre"), ("quote", "bannière"), (LINE, "En 2019 fort, suite"),
        (LINE, "Ligne"), (ITEM, "point")]
    assert blocks[2].hrefs == ["https://x.org/a"]
    assert Run("fort", bold=True) in blocks[2].runs


def test_text_wrapped_at_a_width(tmp_path):
    long_line = "mot " * 17 + "fin"  # 71 columns
    path = tmp_path / "lettre.txt"
    hyphen = "mot " * 14 + "information-"
    path.write_text(f"Titre\n\n{long_line}\nsuite [1] et\n\n{hyphen}\ncommunication.\n\n"
                    "Adresse\nLigne courte\n\n- point un\n  qui continue\n\n"
                    "[1] https://x.org/a\n", encoding="utf-8")
    blocks = read_blocks(path, "lettre.txt")
    assert [(b.kind, b.text) for b in blocks] == [
        (TITLE, "Titre"), ("block", f"{long_line} suite et"),
        ("block", hyphen + "communication."), (LINE, "Adresse"),
        (LINE, "Ligne courte"), (ITEM, "point un qui continue")]
    assert blocks[1].hrefs == ["https://x.org/a"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.rtf", b"{\\rtf1}", "cannot import a '.rtf' file"),
    ("a.docx", b"not a zip", "cannot be read as a Word file"),
    ("a.odt", b"PK\x03\x04broken", "cannot be read as an OpenDocument text file"),
    ("a.md", b"\xff\xfe\x00bad", "is not valid utf-8 text"),
    ("a.txt", b"\n\n", "holds no text to import"),
])
def test_unreadable_files_are_clear_errors(tmp_path, name, data, message):
    """Also a Word file whose XML is broken, and an OpenDocument file saved as .docx."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UserError, match=message) as raised:
        read_blocks(path, name)
    assert raised.value.path == name


def test_a_word_file_with_broken_xml_or_of_another_format(tmp_path):
    document = OpenDocumentText()
    document.text.addElement(P(text="Bonjour"))
    odt = tmp_path / "saved.odt"
    document.save(str(odt))
    renamed = tmp_path / "renamed.docx"
    renamed.write_bytes(odt.read_bytes())
    with pytest.raises(UserError, match="cannot be read as a Word file: KeyError"):
        read_blocks(renamed, "renamed.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><unclosed>")
    with pytest.raises(UserError, match="cannot be read as a Word file"):
        read_blocks(broken, "broken.docx")


def test_a_line_break_inside_running_prose_is_no_new_block(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>Nous demandons donc que le processus<br>dans le cadre duquel le Comité"
                    "<br>mène ses travaux.<br>Madame la Présidente,</p>"
                    "<address>S. E. Mme Faouzia Boumaiza Mebarki<br>Présidente</address>",
                    encoding="utf-8")
    assert [b.text for b in read_blocks(path, "page.html")] == [
        "Nous demandons donc que le processus dans le cadre duquel le Comité mène ses travaux.",
        "Madame la Présidente,", "S. E. Mme Faouzia Boumaiza Mebarki", "Présidente"]


def test_the_marks_of_notes_are_not_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<p>du monde »<sup><a href="#note-1" role="doc-noteref">1</a></sup>. En '
                    '2019</p><ol><li id="note-1">Traduction non officielle. <a href="#ref-1">^</a>'
                    '</li></ol>', encoding="utf-8")
    assert [b.text for b in read_blocks(page, "page.html")] == [
        "du monde ». En 2019", "Traduction non officielle."]
    markdown = tmp_path / "lettre.md"
    markdown.write_text("du monde »[^1]. 正式文本[^2]\n\n[^1]: Traduction non officielle.\n"
                        "[^2]: 非正式译文。正式文本见联合国文件。\n", encoding="utf-8")
    assert [b.text for b in read_blocks(markdown, "lettre.md")] == [
        "du monde ». 正式文本", "Traduction non officielle. 非正式译文。正式文本见联合国文件。"]
    text = tmp_path / "lettre.txt"
    text.write_text("du monde »¹. En 2019\n\n¹ Traduction non officielle.\n", encoding="utf-8")
    assert [b.text for b in read_blocks(text, "lettre.txt")] == [
        "du monde ». En 2019", "¹ Traduction non officielle."]
