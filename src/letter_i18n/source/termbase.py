"""The glossary as translators' tools read it: TBX-Basic for termbases, CSV for spreadsheets.

Weblate imports TBX as a glossary and CAT tools (Trados, memoQ, Phrase, OmegaT)
as a termbase; both want one concept per entry with a language section per
language. A concept is a term of ``source/glossary.yaml``: its English forms, and
per language the agreed rendering (preferred), its accepted variants (admitted),
where it comes from and whether it was verified. Names never translated are
concepts whose term is the same in every language, marked so in a note.

TBX-Basic is the ISO 30042 (TBX 2008, ``martif``) dialect most tools accept;
only its data categories are used (``termNote`` termType and
administrativeStatus, ``descrip`` definition, ``note``).
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

from letter_i18n.locales import Locales
from letter_i18n.source.glossary import Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"
DO_NOT_TRANSLATE = "do not translate: keep as written in every language"


def to_tbx(glossary: Glossary, languages: Locales,
           title: str = "Joint open letter of 22 December 2021") -> bytes:
    """The glossary as a TBX-Basic document (UTF-8, deterministic), in the project's languages."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: languages.source.tag})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = f"{title}: glossary"
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = \
        glossary.path or "source/glossary.yaml"
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p",
                  {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for term in glossary.terms:
        entry = ET.SubElement(body, "termEntry", {"id": _id(term.id)})
        if term.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        english = _lang_set(entry, languages.source.tag)
        for i, form in enumerate(term.english):
            _tig(english, form, PREFERRED if i == 0 else ADMITTED)
        for info in languages.targets:
            rendering = term.renderings.get(info.code)
            if rendering is None:
                continue
            lang_set = _lang_set(entry, info.tag)
            _tig(lang_set, rendering.text, PREFERRED,
                 f"source: {rendering.source or 'unknown'}; "
                 f"{'verified' if rendering.verified else 'not verified'}")
            for variant in rendering.variants:
                _tig(lang_set, variant, ADMITTED, "accepted variant (an inflected form)")
    for name in glossary.do_not_translate:
        entry = ET.SubElement(body, "termEntry", {"id": _id(f"keep-{name}")})
        ET.SubElement(entry, "note").text = DO_NOT_TRANSLATE
        for info in languages.all:
            tig = _tig(_lang_set(entry, info.tag), name, PREFERRED)
            ET.SubElement(tig, "termNote", {"type": "termType"}).text = "fullForm"
    ET.indent(martif)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(martif, encoding="unicode").encode("utf-8") + b"\n")


def _lang_set(entry: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(entry, "langSet", {XML_LANG: tag})


def _tig(lang_set: ET.Element, text: str, status: str, note: str = "") -> ET.Element:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    if note:
        ET.SubElement(tig, "note").text = note
    return tig


def _id(text: str) -> str:
    """An XML ID (NCName) from a term id or a name."""
    cleaned = re.sub(r"[^\w.-]+", "-", text).strip("-")
    return cleaned if re.match(r"[^\W\d]", cleaned) else f"t-{cleaned}"


def to_csv(glossary: Glossary, languages: Locales) -> str:
    """One row per concept: the English forms, the note, then per language the rendering,
    its variants, its source and whether it is verified."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    codes = languages.codes
    writer.writerow(["id", "en", "note",
                     *(f"{code}{suffix}" for code in codes
                       for suffix in ("", " variants", " source", " verified"))])
    for term in glossary.terms:
        row = [term.id, " | ".join(term.english), term.note]
        for code in codes:
            rendering = term.renderings.get(code)
            row += (["", "", "", ""] if rendering is None else
                    [rendering.text, " | ".join(rendering.variants), rendering.source or "",
                     "yes" if rendering.verified else "no"])
        writer.writerow(row)
    for name in glossary.do_not_translate:
        writer.writerow([_id(f"keep-{name}"), name, DO_NOT_TRANSLATE,
                         *(value for _ in codes for value in (name, "", "", ""))])
    return out.getvalue()
