"""Translations from a CAT tool's XLIFF 1.2 back into a catalog (``letter-i18n xliff import``).

Why not translate-toolkit's xliff2po: it writes a new catalog, losing the
previous English (``#|``) and the comments, and marking the header fuzzy. Here
the catalog is changed in place, entry by entry, and only where the file says
something new: an untouched export imports as no change at all (the same bytes).

Each unit is found by its English text (the catalog's key), its name helping
to say what happened when the English changed since the export; such a unit is
refused, with its line. A target is read against the catalog's own English: its
codes must be the source's, and the rulebook (:mod:`letter_i18n.rules`) must find
no error in it, or the unit is refused. A translation whose state is ``final`` or
``signed-off`` comes back reviewed (fuzzy cleared, draft labels and previous
English dropped, as the next ``update`` would); anything else comes back a
fuzzy draft labelled with the file's name, its previous English kept. A unit
still as exported (its ``extradata``) leaves the catalog as it is now, and one
changed both in the tool and in the catalog since is refused. Obsolete
entries, the header (bar ``PO-Revision-Date``), comments and flags are never
touched; an emptied target never deletes a translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from letter_i18n import clock, localetable, rules
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import read_project_po, save_revision
from letter_i18n.catalog.update import DATE_FORMAT
from letter_i18n.catalog.xliff import (
    PLURALS,
    REVIEWED_STATES,
    Element,
    Refused,
    baseline,
    entry_baseline,
    key,
    msgstr_of,
    parse,
    pieces,
    plain_msgstr,
    read_content,
    resnames,
    source_content,
    target_content,
)
from letter_i18n.catalog.xliff import sources as english
from letter_i18n.errors import UserError
from letter_i18n.files import read_input
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project
from letter_i18n.source import glossary
from letter_i18n.source.glossary import Glossary

_CODE_RULES = ("markup", "placeholders")  # what the inline codes carry
_ANY_DRAFT = re.compile(rf"^{re.escape(model.DRAFT_MARK)}")


@dataclass
class ImportReport:
    catalog: str
    locale: str
    reviewed: list[str] = field(default_factory=list)  # msgids now reviewed
    drafts: list[str] = field(default_factory=list)  # msgids now (still) drafts, text changed
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)  # "file:line: why"
    warnings: list[str] = field(default_factory=list)  # the rulebook's, on imported texts
    written: bool = False

    @property
    def changed(self) -> int:
        return len(self.reviewed) + len(self.drafts)


@dataclass
class _Unit:
    """One logical unit: a trans-unit, or a plural group's units (one per form)."""

    line: int
    name: str
    plural: bool
    sources: list[Element]
    targets: list[Element | None]
    msgctxt: str | None
    baseline: str  # extradata: what the unit held when exported ("" if a tool dropped it)


def import_xliff(project: Project, path: Path, code: str | None = None,
                 dry_run: bool = False) -> ImportReport:
    """Read ``path`` into its locale's catalog; write it unless ``dry_run`` or nothing changed."""
    shown = str(path)
    try:
        data = read_input(path, shown)
    except FileNotFoundError:
        raise UserError("no such file", shown) from None
    root = parse(data, shown)
    file = _the_file(root, shown)
    info = _locale(file, code, shown, localetable.load(project).targets)
    po_path = project.po_path(info.code)
    if not po_path.exists():
        raise UserError("no catalog for this locale", project.shown(po_path),
                        hint="Run `letter-i18n update` first.")
    catalog = read_project_po(project, po_path)
    report = ImportReport(project.shown(po_path), info.code)
    entries = [entry for entry in catalog if not entry.obsolete]
    by_name = dict(zip(resnames(entries), entries, strict=True))
    terms = glossary.for_project(project)
    label = model.imported_label(path.name, clock.now().strftime("%Y-%m-%d"))
    done: dict[int, int] = {}
    for unit in _units(file.first("body") or file, shown):
        where = f"{shown}:{unit.line}"
        try:
            entry = _entry(unit, entries, by_name)
            if id(entry) in done:
                raise Refused(f"translates the same entry as the unit at line {done[id(entry)]}")
            done[id(entry)] = unit.line
            change = _apply(unit, entry, info, catalog.metadata.get("Plural-Forms"), label)
        except Refused as error:
            report.refused.append(f"{where}: unit '{unit.name}' refused: {error}")
            continue
        if change is None:
            report.unchanged += 1
            continue
        (report.reviewed if change else report.drafts).append(entry.msgid)
        report.warnings += [f"{where}: unit '{unit.name}': {warning}"
                            for warning in _warnings(entry, info, terms)]
    if report.changed and not dry_run:
        report.written = save_revision(po_path, catalog, clock.now().strftime(DATE_FORMAT))
    return report


def _the_file(root: Element, shown: str) -> Element:
    if root.tag != "xliff" or root.attrs.get("version") != "1.2":
        version = f" version {root.attrs['version']}" if "version" in root.attrs else ""
        raise UserError(f"is not an XLIFF 1.2 file (its root element is <{root.tag}>{version})",
                        shown, root.line, hint="Export XLIFF 1.2 from the CAT tool, or use "
                        "the file `letter-i18n xliff export` wrote.")
    files = root.find("file")
    if len(files) != 1:
        raise UserError(f"holds {len(files)} <file> elements; an export holds one", shown,
                        root.line, hint="Import the file `letter-i18n xliff export` wrote.")
    if files[0].attrs.get("source-language", "").lower() not in ("en", "en-us", "en-gb"):
        raise UserError(f"translates from '{files[0].attrs.get('source-language', '')}', "
                        "not from English", shown, files[0].line)
    return files[0]


def _locale(file: Element, code: str | None, shown: str,
            targets: tuple[LocaleInfo, ...]) -> LocaleInfo:
    """The file's target-language as a catalog; ``code`` names it when the tag is unknown.

    ``code`` never overrides a tag that names another catalog: Russian does not go
    into the French catalog by a slip of the option.
    """
    tag = file.attrs.get("target-language", "")
    wanted = tag.replace("_", "-").lower()
    exact = [info for info in targets if info.tag.lower() == wanted]
    language = [info for info in targets
                if info.tag.split("-")[0].lower() == wanted.split("-")[0]]
    found = exact or (language if len(language) == 1 else [])
    if code and found and found[0].code != code:
        raise UserError(f"its target-language '{tag}' is the {found[0].code} catalog's, "
                        f"not {code}'s", shown, file.line,
                        hint=f"Import it with --locale {found[0].code}, or without --locale.")
    if code:
        named = [info for info in targets if info.code == code]
        if not named:
            raise UserError(f"{code} is not a language of the project", shown,
                            hint=f"`letter-i18n init {code}` adds it.")
        return named[0]
    if not found:
        raise UserError(f"its target-language '{tag}' is none of the catalogs' "
                        f"({', '.join(info.tag for info in targets)})", shown, file.line,
                        hint="Name the catalog with --locale.")
    return found[0]


def _units(parent: Element, shown: str) -> list[_Unit]:
    found: list[_Unit] = []
    for child in parent.children:
        if not isinstance(child, Element):
            continue
        if child.tag == "group" and child.attrs.get("restype") == PLURALS:
            forms = child.find("trans-unit")
            found.append(_Unit(child.line, child.attrs.get("resname") or child.attrs.get("id", ""),
                               True, [_source(u, shown) for u in forms],
                               [u.first("target") for u in forms],
                               _msgctxt(forms[0]) if forms else None,
                               child.attrs.get("extradata", "")))
        elif child.tag == "group":
            found += _units(child, shown)
        elif child.tag == "trans-unit":
            found.append(_Unit(child.line, child.attrs.get("resname") or child.attrs.get("id", ""),
                               False, [_source(child, shown)], [child.first("target")],
                               _msgctxt(child), child.attrs.get("extradata", "")))
    return found


def _source(unit: Element, shown: str) -> Element:
    source = unit.first("source")
    if source is None:
        raise UserError("a <trans-unit> without <source>", shown, unit.line)
    return source


def _msgctxt(unit: Element) -> str | None:
    for group in unit.find("context-group"):
        for context in group.find("context"):
            if context.attrs.get("context-type") == "x-po-msgctxt":
                return context.text()
    return None


def _entry(unit: _Unit, entries: list[polib.POEntry], by_name: dict) -> polib.POEntry:
    """The catalog entry whose English the unit's source is; Refused when there is none."""
    try:
        got = [key(read_content(source)) for source in unit.sources]
    except Refused as error:
        raise Refused(f"its source: {error}") from None

    def matches(entry: polib.POEntry) -> bool:
        return entry.msgctxt == unit.msgctxt and bool(entry.msgid_plural) == unit.plural \
            and got == [key(source_content(text)) for text in english(entry, len(got))]

    named = by_name.get(unit.name)
    if named is not None and matches(named):
        return named
    for entry in entries:
        if matches(entry):
            return entry
    now = f"; the catalog's '{unit.name}' now reads “{rules.excerpt(named.msgid)}”" \
        if named is not None else ""
    raise Refused("its English no longer matches the catalog (changed since the export?)"
                    f"{now}. Export again and carry the translation over")


def _apply(unit: _Unit, entry: polib.POEntry, info: LocaleInfo, plural_forms: str | None,
           label: str) -> bool | None:
    """Write the unit into ``entry``: True reviewed, False draft, None nothing to change."""
    nplurals = info.rule_of(plural_forms).nplurals if entry.msgid_plural else 1
    if len(unit.targets) != nplurals:
        raise Refused(f"has {len(unit.targets)} plural forms; the catalog has {nplurals}")
    sources = english(entry, nplurals)
    old = model.forms(entry)
    contents = [read_content(target) if target is not None else () for target in unit.targets]
    states = [target.attrs.get("state", "") if target is not None else ""
              for target in unit.targets]
    if unit.baseline and unit.baseline == baseline(
            contents, all(contents) and all(state in REVIEWED_STATES for state in states)):
        return None  # as exported: whatever the catalog holds now stays
    if unit.baseline and unit.baseline != entry_baseline(entry, nplurals) and not _same(
            contents, states, entry, sources):
        raise Refused("the catalog's translation changed since the export too; export "
                        "again and carry your change over, so neither is lost")
    texts = []
    for index, (content, source, before) in enumerate(zip(contents, sources, old,
                                                          strict=True)):
        if key(content) == key(target_content(before, source) if before else ()):
            texts.append(before)  # unchanged: the catalog's text, byte for byte
            continue
        form = f"plural form {index + 1}: " if entry.msgid_plural else ""
        if not "".join(c for c in _flatten(content)).strip():
            raise Refused(f"{form}the target is empty; an import never deletes a "
                            "translation (delete it in the catalog if that is meant)")
        table = pieces(source)
        text = plain_msgstr(content) if table is None else msgstr_of(content, table)
        if text is None:
            raise Refused(f"{form}the English has no codes to match the target's")
        texts.append(text)
    reviewed = all(texts) and all(state in REVIEWED_STATES for state in states)
    was_reviewed = model.is_translated(entry) and not model.is_fuzzy(entry)
    if texts == old and (reviewed == was_reviewed or not any(texts)):
        return None
    single = info.rule_of(plural_forms).single_value_forms
    for index, text in enumerate(texts):
        if text:
            source = entry.msgid_plural if entry.msgid_plural else entry.msgid
            problems = rules.errors(source, text, info, bool(entry.msgid_plural)
                                    and index in single)
            if problems:
                form = f"plural form {index + 1} " if entry.msgid_plural else ""
                hint = " (keep each <g> and <x/> code of the source)" \
                    if problems[0].rule in _CODE_RULES else ""
                raise Refused(f"the translation {form}breaks the {problems[0].rule} rule: "
                                f"{problems[0].message}{hint}")
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(texts))
    else:
        entry.msgstr = texts[0]
    if reviewed:
        entry.flags = [flag for flag in entry.flags if flag != model.FUZZY]
        entry.tcomment = model.drop_draft_labels(entry.tcomment)
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    else:
        model.mark_draft(entry, label, replaces=_ANY_DRAFT, keep_previous=True)
    return reviewed


def _warnings(entry: polib.POEntry, info: LocaleInfo, terms: Glossary) -> list[str]:
    """What `check` would warn about in an imported entry (glossary terms, names)."""
    source = entry.msgid_plural or entry.msgid
    return list(dict.fromkeys(
        f"[{problem.rule}] {problem.message}" for text in model.forms(entry) if text
        for problem in rules.judge(rules.Message(source, text, info, terms))
        if problem.severity == rules.WARNING))


def _same(contents: list, states: list[str], entry: polib.POEntry, sources: list[str]) -> bool:
    """Whether the unit says what the catalog already says (a file imported twice)."""
    texts = model.forms(entry)
    reviewed = all(contents) and all(state in REVIEWED_STATES for state in states)
    return reviewed == (model.is_translated(entry) and not model.is_fuzzy(entry)) and all(
        key(content) == key(target_content(text, source) if text else ())
        for content, text, source in zip(contents, texts, sources, strict=True))


def _flatten(content: tuple) -> list[str]:
    out: list[str] = []
    for item in content:
        if isinstance(item, str):
            out.append(item)
        elif item[0] == "g":
            out += _flatten(item[3])
        else:
            out.append(item[2] or "x")
    return out
