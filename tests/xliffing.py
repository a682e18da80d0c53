"""Helpers of the XLIFF tests: export a catalog, then edit units as a CAT tool would."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import edit
from letter_i18n.catalog.pofile import load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.catalog.xliff import resnames
from letter_i18n.catalog.xliff_export import write_xliff
from letter_i18n.project import Project


def exported(project: Project, code: str = "fr") -> Path:
    out = project.root / f"{code}.xlf"
    write_xliff(project, code, out)
    return out


def plural_unit(project: Project, code: str = "fr") -> str:
    """The name of the group of "{count} organization(s)", wherever the templates put it
    (a name by position would move whenever a template string is added)."""
    catalog = load_po(project.po_path(code))
    active = [entry for entry in catalog if not entry.obsolete]
    [name] = [name for entry, name in zip(active, resnames(active), strict=True)
              if entry.msgid == "{count} organization"]
    return name


def unit_of(text: str, name: str) -> str:
    """The XML of the unit (or plural group) with this id."""
    found = re.search(rf'<(trans-unit|group) id="{re.escape(name)}".*?</\1>', text, re.S)
    assert found, f"no unit {name}"
    return found.group(0)


def set_target(path: Path, name: str, target: str | None = None, state: str | None = None,
               form: int | None = None) -> None:
    """Change a unit's target (inner XML) and/or its state, as a translator in a CAT tool."""
    text = path.read_text(encoding="utf-8")
    unit = unit_of(text, name if form is None else f"{name}[{form}]")
    changed = unit
    if target is not None:
        changed = re.sub(r"(<target[^>]*>).*?(</target>)", lambda m: m.group(1) + target
                         + m.group(2), changed, count=1, flags=re.S)
    if state is not None:
        changed = re.sub(r'(<target[^>]*?state=")[^"]*', rf"\g<1>{state}", changed, count=1)
    assert changed != unit or (target is None and state is None)
    path.write_text(text.replace(unit, changed, 1), encoding="utf-8")


def change_source(project: Project) -> None:
    """An English edit (a fuzzy entry with its previous msgid) and a removed paragraph (an
    obsolete entry), merged into the catalogs."""
    letter = project.source_dir / "letter.md"
    edit(letter, "Dear Chair,", "Dear Madam Chair,")
    edit(letter, "We ask that the Committee:\n\n", "")
    update_catalogs(project)
