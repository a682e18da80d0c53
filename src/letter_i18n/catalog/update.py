"""Segments → gettext catalogs: the template ``letter.pot`` and one ``letter.po`` per locale.

:func:`update` is what ``letter-i18n update`` runs: extract, merge, write. It
reads and validates every input before writing anything, writes atomically, and
writes only files whose content changes, so an update on unchanged sources
changes no byte. Header dates move only when entries change;
``SOURCE_DATE_EPOCH`` fixes "now" for reproducible builds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib

from letter_i18n import clock, localetable
from letter_i18n.catalog import merge
from letter_i18n.catalog.model import new_pofile
from letter_i18n.catalog.pofile import dump_po, header_line, read_project_po
from letter_i18n.catalog.template import GENERATOR, fresh_template
from letter_i18n.errors import UserError
from letter_i18n.files import write_all_if_changed
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import PROJECT_ID, Project

DATE_FORMAT = "%Y-%m-%d %H:%M%z"
CATALOG_HEADER = (
    "{language} translation of the joint open letter of 22 December 2021.\n"
    "Entries marked fuzzy are drafts or follow a change of the English text: they need\n"
    "review before they count as translated. Markup in messages: *emphasis*, **strong**,\n"
    "[link text][label]. Translate the text inside the first brackets; keep each label\n"
    "and every {{placeholder}} unchanged."
)


@dataclass
class UpdateReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # catalog mistakes update corrected
    stats: dict[str, merge.MergeStats] = field(default_factory=dict)
    strays: list[localetable.Stray] = field(default_factory=list)  # catalogs of no language


def new_catalog(info: LocaleInfo, created: str) -> polib.POFile:
    """An empty catalog with the headers a PO editor needs."""
    po = new_pofile()
    po.header = CATALOG_HEADER.format(language=info.english_name)
    po.metadata = {
        "Project-Id-Version": PROJECT_ID,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": f"{info.english_name} translation team",
        "Language-Team": info.language_team,
        "Language": info.code,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": info.plural_forms,
        "X-Generator": GENERATOR,
    }
    return po


def _entries_part(text: str) -> str:
    """A written catalog without its header block: what decides whether dates move."""
    return text.partition("\n\n")[2]


def _same_entries(text: str, old: polib.POFile, path: Path) -> bool:
    """Whether ``text`` writes the entries ``old`` has.

    The file on disk is the answer when our writer wrote it (the usual case, and no
    formatting needed); otherwise the old catalog is formatted as it would be written.
    """
    entries = _entries_part(text)
    try:
        if _entries_part(path.read_text(encoding="utf-8")) == entries:
            return True
    except (OSError, UnicodeDecodeError):
        pass
    try:
        return _entries_part(dump_po(old)) == entries
    except ValueError:  # a header the writer would not write (e.g. no charset): a change
        return False


def update_catalogs(project: Project, codes: list[str] | None = None) -> UpdateReport:
    """Extract the template and merge it into each locale's catalog."""
    table = localetable.load(project)
    targets = [table.target(code) for code in codes] if codes else list(table.targets)
    stamp = clock.now().strftime(DATE_FORMAT)

    old_pot = read_project_po(project, project.pot_path) \
        if project.pot_path.exists() else None
    pot = fresh_template(project, stamp)
    pot_text = dump_po(pot)
    if old_pot is not None and _same_entries(pot_text, old_pot, project.pot_path):
        pot.metadata["POT-Creation-Date"] = old_pot.metadata.get("POT-Creation-Date", stamp)
        pot_text = dump_po(pot)
    created = pot.metadata["POT-Creation-Date"]

    olds = {info.code: read_project_po(project, project.po_path(info.code))
            for info in targets if project.po_path(info.code).exists()}
    for code, old in olds.items():
        if not old and not old.metadata:
            raise UserError("the catalog is empty", project.shown(project.po_path(code)),
                            hint="Restore it (git checkout -- FILE), or delete it to start "
                                 "a new, untranslated catalog.")

    texts: list[tuple[Path, str]] = [(project.pot_path, pot_text)]
    report = UpdateReport(strays=localetable.strays(project, table))
    for info in targets:
        old = olds[info.code] if info.code in olds else new_catalog(info, created)
        if info.code in olds:
            report.repairs += repairs(old, info, project.shown(project.po_path(info.code)))
        rule = info.rule_of(old.metadata.get("Plural-Forms"))  # the catalog's own, if valid
        merged, stats = merge.merge(pot, old, rule.nplurals)
        if "Content-Type" not in merged.metadata:  # no header at all: a new one, said aloud
            fresh = new_catalog(info, created)
            merged.header = merged.header or fresh.header
            merged.metadata = {**fresh.metadata, **merged.metadata}
        merged.metadata["Language"] = info.code
        merged.metadata["Plural-Forms"] = rule.header
        if info.contact:  # the team's address, once the locale data knows it
            merged.metadata["Language-Team"] = info.language_team
        _from_template(merged, pot, "Report-Msgid-Bugs-To", after="Project-Id-Version")
        path = project.po_path(info.code)
        text = dump_po(merged)
        if info.code in olds and not _same_entries(text, olds[info.code], path):
            merged.metadata["POT-Creation-Date"] = created
            text = dump_po(merged)
        report.stats[info.code] = stats
        texts.append((path, text))

    written = set(write_all_if_changed(texts, {path: project.shown(path) for path, _ in texts}))
    for path, _text in texts:
        (report.written if path in written else report.unchanged).append(project.shown(path))
    return report


def _from_template(catalog: polib.POFile, pot: polib.POFile, name: str, after: str) -> None:
    """A header field GNU msgmerge copies from the template, where msgmerge puts it."""
    value = pot.metadata.get(name, "")
    if name in catalog.metadata:
        catalog.metadata[name] = value
        return
    fields = list(catalog.metadata.items())
    at = next((i + 1 for i, (key, _) in enumerate(fields) if key == after), 0)
    catalog.metadata = dict([*fields[:at], (name, value), *fields[at:]])


def repairs(old: polib.POFile, info: LocaleInfo, shown: str) -> list[str]:
    """What ``update`` corrects in a catalog, said aloud: check calls these errors."""
    found = []
    if "Content-Type" not in old.metadata:
        return [f"{shown}: the catalog has no header: a new one is written"]
    rule = info.rule_of(old.metadata.get("Plural-Forms"))
    for name, want in (("Language", info.code), ("Plural-Forms", rule.header)):
        have = old.metadata.get(name, "")
        if " ".join(have.split()) != " ".join(want.split()):
            line = header_line(old, name)
            where = f"{shown}:{line}" if line else shown
            found.append(f"{where}: {name} was '{have}', set to '{want}'")
    for entry in old:
        extra = {i: text for i, text in entry.msgstr_plural.items() if i >= rule.nplurals}
        if entry.msgid_plural and not entry.obsolete and any(extra.values()):
            forms = ", ".join(f"msgstr[{i}] \"{text[:40]}\"" for i, text in extra.items()
                              if text)
            found.append(f"{shown}:{entry.linenum}: the catalog has {rule.nplurals} plural "
                         f"forms; dropped {forms}")
    return found
