"""A catalog as XLIFF 1.2 for CAT tools (``letter-i18n xliff export``).

Why not translate-toolkit's po2xliff: it leaves markup and placeholders as
plain text a tool can break, exports obsolete entries as approved, and loses the
previous English of a changed entry. Here each active entry is one
``trans-unit`` (a plural entry a ``group restype="x-gettext-plurals"`` of one
unit per form), named so that an edit of the English keeps the name; markup and
placeholders are inline codes; ``#.`` lines are developer notes, ``#`` lines
translator notes, ``#:`` references locations, the previous English of a changed
entry an ``alt-trans`` (with the translation made for it) and a note. The file
holds no date: exporting an unchanged catalog gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import polib

from letter_i18n import __version__, localetable
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.catalog.xliff import (
    NS,
    PLURALS,
    check_xml_text,
    entry_baseline,
    export_state,
    resnames,
    source_content,
    sources,
    target_content,
    to_xml,
)
from letter_i18n.errors import UserError
from letter_i18n.files import write_if_changed
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project

TOOL = "letter-i18n"
GUIDE = ("Translate the target of each unit. Keep every inline code: <g> around emphasis, "
         "strong and link text (move it with the words it marks), <x/> for a {placeholder}. "
         "Set a unit's state to final (or signed-off) only when the translation is reviewed; "
         "any other state comes back as a draft that needs review.")


def export_xliff(project: Project, code: str) -> tuple[str, int]:
    """The XLIFF text of a locale's catalog, and how many entries it holds."""
    info = localetable.load(project).target(code)
    path = project.po_path(code)
    if not path.exists():
        raise UserError("no catalog for this locale", project.shown(path),
                        hint="Run `letter-i18n update` first.")
    catalog = read_project_po(project, path)
    shown = project.shown(path)
    entries = [entry for entry in catalog if not entry.obsolete]
    rule = info.rule_of(catalog.metadata.get("Plural-Forms"))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<xliff version="1.2" xmlns="{NS}">',
             f'  <file original={quoteattr(shown)} source-language="en" '
             f'target-language="{info.tag}" datatype="po" tool-id="{TOOL}">',
             "    <header>",
             f'      <tool tool-id="{TOOL}" tool-name="{TOOL}" tool-version="{__version__}"/>',
             f'      <note from="{TOOL}">{escape(GUIDE)}</note>',
             "    </header>",
             "    <body>"]
    for entry, name in zip(entries, resnames(entries), strict=True):
        for text in (entry.msgid, entry.msgid_plural or "", entry.previous_msgid or "",
                     entry.comment or "", entry.tcomment or "", *model.forms(entry)):
            check_xml_text(text, f"{shown}:{entry.linenum}")
        if entry.msgid_plural:
            lines += _plural_group(entry, name, rule, info)
        else:
            lines += _unit(entry, name, entry.msgid, entry.msgstr, "      ",
                           extradata=entry_baseline(entry, 1))
    lines += ["    </body>", "  </file>", "</xliff>", ""]
    return "\n".join(lines), len(entries)


def write_xliff(project: Project, code: str, out: Path) -> tuple[bool, int]:
    """Write the export to ``out`` atomically; False when it already held these bytes."""
    text, count = export_xliff(project, code)
    return write_if_changed(out, text), count


def _plural_group(entry: polib.POEntry, name: str, rule, info: LocaleInfo) -> list[str]:
    lines = [f"      <group id={quoteattr(name)} resname={quoteattr(name)} "
             f'restype="{PLURALS}" extradata="{entry_baseline(entry, rule.nplurals)}">']
    for index, source in enumerate(sources(entry, rule.nplurals)):
        numbers = [n for n in range(0, 1001) if rule.form(n) == index][:4]
        note = (f"plural form {index + 1} of {rule.nplurals} in {info.english_name}, used for "
                f"numbers such as {', '.join(map(str, numbers))}")
        lines += _unit(entry, f"{name}[{index}]", source, entry.msgstr_plural.get(index, ""),
                       "        ", extra_note=note)
    lines.append("      </group>")
    return lines


def _unit(entry: polib.POEntry, name: str, source: str, text: str, indent: str,
          extra_note: str = "", extradata: str = "") -> list[str]:
    state, qualifier = export_state(entry, text)
    approved = ' approved="yes"' if state == "final" else ""
    qualified = f' state-qualifier="{qualifier}"' if qualifier else ""
    inner = indent + "  "
    extra = f' extradata="{extradata}"' if extradata else ""
    lines = [f'{indent}<trans-unit id={quoteattr(name)} resname={quoteattr(name)}'
             f'{approved}{extra} xml:space="preserve">',
             f"{inner}<source>{to_xml(source_content(source))}</source>",
             f'{inner}<target state="{state}"{qualified}>'
             f"{to_xml(target_content(text, source)) if text else ''}</target>"]
    if entry.previous_msgid is not None and text:
        lines += [f'{inner}<alt-trans alttranstype="previous-version">',
                  f"{inner}  <source>{to_xml(source_content(entry.previous_msgid))}</source>",
                  f"{inner}  <target>{to_xml(target_content(text, source))}</target>",
                  f"{inner}</alt-trans>"]
    notes = [("developer", line) for line in (entry.comment or "").split("\n") if line]
    notes += [("translator", line) for line in (entry.tcomment or "").split("\n") if line]
    if entry.previous_msgid is not None:
        notes.append((TOOL, "The English changed since this translation was made. It was: "
                      + entry.previous_msgid))
    if extra_note:
        notes.append((TOOL, extra_note))
    lines += [f'{inner}<note from="{origin}">{escape(note)}</note>' for origin, note in notes]
    if entry.msgctxt is not None:
        lines += [f'{inner}<context-group purpose="information">',
                  f'{inner}  <context context-type="x-po-msgctxt">{escape(entry.msgctxt)}'
                  "</context>", f"{inner}</context-group>"]
    for path, line in entry.occurrences:
        # Unnamed: a context-group's name must be unique in the whole file (po2xliff's
        # repeated "po-reference" is invalid XLIFF).
        number = f'<context context-type="linenumber">{line}</context>' if line else ""
        lines.append(f'{inner}<context-group purpose="location">'
                     f'<context context-type="sourcefile">{escape(path)}</context>{number}'
                     "</context-group>")
    lines.append(f"{indent}</trans-unit>")
    return lines
