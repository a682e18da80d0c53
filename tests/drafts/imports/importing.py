"""Helpers of the import tests: editions rendered from the real catalogs, blank catalogs."""

from __future__ import annotations

from pathlib import Path

from letter_i18n import markup
from letter_i18n.catalog.pofile import load_po, save_po
from letter_i18n.editions.render import render_editions
from letter_i18n.project import Project

EPOCH = "1798761600"  # 2027-01-01 00:00 UTC


def render(project: Project, code: str, out: Path) -> Path:
    render_editions(project, out, [code])
    return out / code


def translations(project: Project, code: str) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in load_po(project.po_path(code), "po") if e.msgstr}


def blank(project: Project, code: str) -> dict[str, str]:
    """Empty ``code``'s catalog; return the translations it held."""
    held = translations(project, code)
    catalog = load_po(project.po_path(code), "po")
    for entry in catalog:
        entry.msgstr = ""
        entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
        entry.flags = []
        entry.tcomment = ""
    save_po(project.po_path(code), catalog)
    return held


def plain(text: str) -> str:
    labels = frozenset(markup.referenced_labels(text))
    return markup.plain_text(markup.parse(text, labels))


# -- Word and OpenDocument files written from a catalog, as a partner would send them --

def edition_items(project: Project, code: str) -> list[tuple[str, str]]:
    """(kind, segment markup) in the order an edition shows them, from ``code``'s catalog:
    title, date, address lines, Cc, body, signatory headings and rows."""
    from babel.dates import format_date

    from letter_i18n import localetable
    from letter_i18n.source.letter import load_letter
    from letter_i18n.source.segments import segment_letter

    letter = load_letter(project.source_dir, project.root)
    tr = translations(project, code)
    body = [s for s in segment_letter(letter) if s.path == letter.body_path]
    locale = localetable.load(project).target(code).babel
    rec = letter.recipient
    items = [("title", tr[body[0].msgid]),
             ("paragraph", format_date(letter.date, "long", locale=locale)),
             ("line", tr[rec.addressed_as.text]),
             ("line", tr[rec.title.text]), ("line", tr[rec.committee.text]),
             ("paragraph", tr["Cc:"]), *(("line", tr[t.text]) for t in letter.cc)]
    items += [(s.kind, tr[s.msgid]) for s in body[1:]]
    items.append(("heading", tr["Signatories"]))
    for org in letter.organizations:
        region = letter.regions.get(org.region) if org.region else None
        place = (locale.territories.get(org.country) if org.country
                 else tr[region.name.text] if region and region.name else None)
        items.append(("row", f"{org.name} – {place}" if place else org.name))
    items.append(("heading", tr["Individual Experts and Academics"]))
    items += [("row", f"{e.name}, {tr[e.affiliation.text]}") for e in letter.experts]
    for placeholder, person in letter.persons.items():  # names as the edition writes them
        items = [(kind, text.replace(f"{{{placeholder}}}", person.name_in(code)))
                 for kind, text in items]
    return items


def _runs(text: str, links: dict) -> list[tuple[str, bool, bool, str | None]]:
    """(text, bold, italic, address) of a segment's markup; "" for a link of unknown address."""
    out: list[tuple[str, bool, bool, str | None]] = []

    def walk(nodes, bold=False, italic=False, href=None):
        for node in nodes:
            if node.kind == "text":
                out.append((node.text, bold, italic, href))
            else:
                walk(node.children, bold or node.kind == "strong", italic or node.kind == "em",
                     (links[node.label].url or "") if node.kind == "link" else href)

    walk(markup.parse(text, frozenset(links)))
    return out


def write_docx(items: list[tuple[str, str]], links: dict, path: Path) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    styles = {"title": "Title", "heading": "Heading 2", "list item": "List Bullet",
              "row": "List Number"}
    address: list[str] = []
    for kind, text in [*items, ("end", "")]:
        if kind == "line":
            address.append(text)
            continue
        if address:  # address lines: one paragraph, broken by line breaks
            document.add_paragraph("\n".join(address))
            address = []
        if kind == "end":
            break
        paragraph = document.add_paragraph(style=styles.get(kind))
        for chunk, bold, italic, href in _runs(text, links):
            if href is None:
                run = paragraph.add_run(chunk)
                run.bold, run.italic = bold or None, italic or None
                continue
            link = OxmlElement("w:hyperlink")
            if href:
                link.set(qn("r:id"), paragraph.part.relate_to(
                    href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
            else:
                link.set(qn("w:anchor"), "unknown")
            r, t = OxmlElement("w:r"), OxmlElement("w:t")
            t.text = chunk
            t.set(qn("xml:space"), "preserve")
            r.append(t)
            link.append(r)
            paragraph._p.append(link)
    document.save(path)


def write_odt(items: list[tuple[str, str]], links: dict, path: Path) -> None:
    from odf import teletype
    from odf.opendocument import OpenDocumentText
    from odf.text import A, H, List, ListItem, P

    document = OpenDocumentText()
    for kind, text in items:
        if kind in ("title", "heading"):
            element = H(outlinelevel=1 if kind == "title" else 2)
        else:
            element = P()
        for chunk, _bold, _italic, href in _runs(text, links):
            if href is None:
                teletype.addTextToElement(element, chunk)
            else:
                link = A(href=href or "#unknown")
                teletype.addTextToElement(link, chunk)
                element.addElement(link)
        if kind in ("list item", "row"):
            items_ = List()
            item = ListItem()
            item.addElement(element)
            items_.addElement(item)
            document.text.addElement(items_)
        else:
            document.text.addElement(element)
    document.save(str(path))
