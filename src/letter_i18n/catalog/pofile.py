"""Reading and writing PO files: the one door every stage goes through.

``load_po`` reads strictly (a mistake is ``file:line: what is wrong``), and
``save_po`` writes exactly what GNU ``msgcat`` would, atomically and only when
the bytes change. A catalog is polib's model (:class:`polib.POFile` of
:class:`polib.POEntry`), made here with the one set of options the project
uses; the reader adds where each header field stands (:func:`header_line`), so
a finding about the header points at its line.
"""

from __future__ import annotations

from pathlib import Path

import polib

from letter_i18n.catalog.model import new_pofile
from letter_i18n.catalog.poread import parse_catalog as parse_po
from letter_i18n.catalog.poread import read_catalog as load_po
from letter_i18n.catalog.powrite import format_catalog as dump_po
from letter_i18n.catalog.powrite import format_entry as dump_entry
from letter_i18n.files import write_if_changed
from letter_i18n.project import Project

__all__ = ["dump_entry", "dump_po", "header_line", "load_po", "new_pofile", "parse_po",
           "read_project_po", "save_po", "save_revision"]


def read_project_po(project: Project, path: Path) -> polib.POFile:
    """A catalog of ``project``, named in messages as the project shows it."""
    return load_po(path, project.shown(path), root=project.root)


def save_po(path: str | Path, catalog: polib.POFile) -> bool:
    """Write ``catalog`` as msgcat would, atomically; False when the file already held it."""
    return write_if_changed(path, dump_po(catalog))


def save_revision(path: Path, catalog: polib.POFile, revised: str) -> bool:
    """Write ``catalog`` as a revision of the file at ``path``: when its text changes,
    ``PO-Revision-Date`` moves to ``revised`` (drafts and imports revise a catalog; a run
    that changes nothing leaves the date and the file alone). False when nothing was written.
    """
    text = dump_po(catalog)
    try:
        changed = text != path.read_text(encoding="utf-8")
    except FileNotFoundError:
        changed = True
    if changed:
        catalog.metadata["PO-Revision-Date"] = revised
        text = dump_po(catalog)
    return write_if_changed(path, text)


def header_line(catalog: polib.POFile, field: str) -> int | None:
    """The line of a header field (``"Language"``, or ``"#,"`` for the header's flags).

    Known for catalogs read by :func:`load_po` / :func:`parse_po`; None otherwise.
    """
    return getattr(catalog, "header_lines", {}).get(field)
