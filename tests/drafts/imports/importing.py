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
