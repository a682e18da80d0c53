"""What a reviewer would otherwise check by eye: catalogs in sync, translations faithful in form.

Catalog checks: the template equals a fresh extraction from the source, every
catalog holds exactly the template's entries, headers fit the locale. Entry
checks are the rules of :mod:`letter_i18n.rules` (the rulebook ``render``
obeys too) on every translated or draft message: markup, placeholders,
numbers, no HTML/URLs/invisible characters, surrounding whitespace, glossary
terms. A finding names ``file:line`` of the entry, the check and an excerpt of
the msgid. Errors fail CI; warnings ask a person to look.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polib

from letter_i18n import localetable, rules
from letter_i18n.catalog import model, template
from letter_i18n.catalog.pofile import dump_entry, header_line, load_po
from letter_i18n.errors import UserError
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project
from letter_i18n.rules import ERROR, WARNING, excerpt
from letter_i18n.source import glossary
from letter_i18n.source.glossary import Glossary
from letter_i18n.source.letter import DATA_FILE, load_letter


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    check: str
    severity: str
    message: str
    msgid: str = ""  # the msgid the finding is about, whole; empty for a whole catalog

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity} [{self.check}] {self.message}"
        return f'{text}\n    msgid "{excerpt(self.msgid)}"' if self.msgid else text

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Check:
    name: str
    severity: str
    verifies: str


# The version of --format json's shape; a new field keeps it, a changed or removed one bumps it.
JSON_SCHEMA = "letter-i18n/check/1"

CATALOG_CHECKS: tuple[Check, ...] = (
    Check("syntax", ERROR, "the catalog reads as a UTF-8 PO file"),
    Check("sync", ERROR, "the template equals a fresh extraction; each catalog holds exactly "
          "the template's entries (plus obsolete ones)"),
    Check("header", ERROR, "Language and Plural-Forms fit the locale; header not fuzzy"),
    Check("stray-catalog", ERROR, "every catalog under locales/ belongs to a language of "
          "locales/locales.toml (one made by Weblate or msginit needs `letter-i18n init`)"),
    Check("plural-forms", ERROR, "each plural entry has the locale's number of forms, and one "
          "marked reviewed translates every form"),
)
# The entry checks are the rulebook's rules, so that check and render judge alike.
ENTRY_CHECKS: tuple[Check, ...] = tuple(Check(r.name, r.severity, r.verifies)
                                       for r in rules.RULES)
CHECKS = CATALOG_CHECKS + ENTRY_CHECKS
BY_NAME = {check.name: check for check in CHECKS}


def finding(path: str, line: int | None, check: str, message: str, msgid: str = "") -> Finding:
    return Finding(path, line, check, BY_NAME[check].severity, message, msgid)


# --- entries ----------------------------------------------------------------------------------

def messages(entry: polib.POEntry, info: LocaleInfo, glossary: Glossary | None = None,
             plural_forms: str | None = None, people: rules.People = ()
             ) -> Iterator[rules.Message]:
    """The non-empty translated forms of an entry; plural forms answer to ``msgid_plural``.

    ``plural_forms``: the catalog's header (default: the locale's, for a new catalog).
    """
    if entry.msgid_plural:
        single = info.rule_of(plural_forms).single_value_forms
        for index, text in sorted(entry.msgstr_plural.items()):
            if text:
                yield rules.Message(entry.msgid_plural, text, info, glossary, int(index) in single,
                                    people)
    elif entry.msgstr:
        yield rules.Message(entry.msgid, entry.msgstr, info, glossary, people=people)


def people_of(project: Project) -> rules.People:
    """The placeholders of the letter's people with the forms of their names (none when the
    project has no letter yet): the names rule needs them."""
    if not (project.source_dir / DATA_FILE).exists():
        return ()
    return load_letter(project.source_dir, project.root).name_forms


def check_entries(catalog: polib.POFile, info: LocaleInfo, glossary: Glossary,
                  shown: str, people: rules.People = ()) -> list[Finding]:
    """The rulebook on every active translated or draft entry of one catalog."""
    found: list[Finding] = []
    for entry in catalog:
        if entry.obsolete:
            continue
        for message in messages(entry, info, glossary, catalog.metadata.get("Plural-Forms"),
                                people):
            for problem in rules.judge(message):
                found.append(finding(shown, entry.linenum, problem.rule, problem.message,
                                     entry.msgid))
    return found


# --- catalogs ---------------------------------------------------------------------------------

@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    def to_dict(self) -> dict:
        return {"schema": JSON_SCHEMA, "checked": self.checked, "errors": self.errors,
                "warnings": self.warnings, "findings": [f.to_dict() for f in self.findings]}


def _read(project: Project, path, report: Report) -> polib.POFile | None:
    """Read a catalog; a broken one becomes a ``syntax`` finding instead of stopping the run."""
    shown = project.shown(path)
    report.checked.append(shown)
    try:
        return load_po(path, shown, root=project.root)
    except FileNotFoundError:
        report.findings.append(finding(shown, None, "sync", "the catalog does not exist; "
                                       "run `letter-i18n update`"))
    except UserError as exc:
        message = f"{exc.message} ({exc.hint})" if exc.hint else exc.message
        report.findings.append(finding(exc.path or shown, exc.line, "syntax", message))
    return None


def check_template(project: Project, pot: polib.POFile) -> list[Finding]:
    """The committed template must equal what ``update`` would extract now (dates aside)."""
    shown = project.shown(project.pot_path)
    fresh = template.fresh_template(project, "")
    have = {model.key(e): e for e in pot if not e.obsolete}
    want = {model.key(e): e for e in fresh}
    found = []
    for key, entry in want.items():
        if key not in have:
            path, line = entry.occurrences[0]
            found.append(finding(path, int(line), "sync", f"this text is not in {shown}: "
                                 "run `letter-i18n update`", entry.msgid))
    for key, entry in have.items():
        if key not in want:
            found.append(finding(shown, entry.linenum, "sync", "no longer in the source: "
                                 "run `letter-i18n update`", entry.msgid))
    stale = [e for key, e in have.items()
             if key in want and dump_entry(e) != dump_entry(want[key])]
    if stale:
        more = f" (and {len(stale) - 1} more)" if len(stale) > 1 else ""
        found.append(finding(shown, stale[0].linenum, "sync", "comments, references or flags "
                             f"differ from a fresh extraction{more}: run `letter-i18n update`",
                             stale[0].msgid))
    order = [k for k in have if k in want]
    if not stale and order != [k for k in want if k in have]:
        found.append(finding(shown, None, "sync", "entries are not in source order: "
                             "run `letter-i18n update`"))
    return found


def check_catalog(catalog: polib.POFile, info: LocaleInfo, pot: polib.POFile | None,
                  shown: str) -> list[Finding]:
    """Header and sync with the template of one locale's catalog."""
    found = []
    meta = catalog.metadata
    if catalog.metadata_is_fuzzy:
        found.append(finding(shown, header_line(catalog, "#,"), "header",
                             "the header is marked fuzzy, so msgfmt ignores it: remove the flag"))
    if meta.get("Language") != info.code:
        found.append(finding(shown, header_line(catalog, "Language"), "header",
                             f"Language is '{meta.get('Language', '')}', expected '{info.code}'"))
    if not info.accepts(meta.get("Plural-Forms")):
        found.append(finding(shown, header_line(catalog, "Plural-Forms"), "header",
                             f"Plural-Forms is not one of {info.code}'s: use GNU's "
                             f"'{info.plural_forms}' or CLDR's '{info.cldr_plural_forms}'"))
    nplurals = info.rule_of(meta.get("Plural-Forms")).nplurals
    for entry in catalog:
        if not entry.msgid_plural or entry.obsolete:
            continue
        if len(entry.msgstr_plural) != nplurals:
            found.append(finding(shown, entry.linenum, "plural-forms",
                                 f"{len(entry.msgstr_plural)} plural forms; the catalog's "
                                 f"Plural-Forms has {nplurals}", entry.msgid))
        empty = [i for i, text in sorted(entry.msgstr_plural.items()) if not text]
        if empty and len(empty) < len(entry.msgstr_plural) and not model.is_fuzzy(entry):
            found.append(finding(shown, entry.linenum, "plural-forms",
                                 f"marked reviewed, but msgstr[{empty[0]}] is empty: translate "
                                 "every form, or mark the entry fuzzy", entry.msgid))
    if pot is not None:
        found += _check_against_template(catalog, pot, shown)
    return found


def _check_against_template(catalog: polib.POFile, pot: polib.POFile, shown: str) -> list[Finding]:
    want = [model.key(e) for e in pot if not e.obsolete]
    have = {model.key(e): e for e in catalog if not e.obsolete}
    found = []
    missing = [k for k in want if k not in have]
    if missing:
        found.append(finding(shown, None, "sync", f"{len(missing)} entries of the template are "
                             "missing: run `letter-i18n update`", missing[0][1]))
    wanted = set(want)
    for key, entry in have.items():
        if key not in wanted:
            found.append(finding(shown, entry.linenum, "sync", "not in the template: run "
                                 "`letter-i18n update` (it becomes obsolete)", entry.msgid))
    plurals = {model.key(e): e.msgid_plural for e in pot}
    for key, entry in have.items():
        if key in plurals and entry.msgid_plural != plurals[key]:
            found.append(finding(shown, entry.linenum, "sync", "msgid_plural differs from the "
                                 "template", entry.msgid))
    if not missing and [k for k in have if k in plurals] != [k for k in want if k in have]:
        found.append(finding(shown, None, "sync", "entries are not in the template's order: run "
                             "`letter-i18n update`"))
    return found


def run(project: Project, codes: list[str] | None = None, template: bool = True) -> Report:
    """Check the template (when ``template``) and the catalogs of ``codes`` (default: all)."""
    report = Report()
    terms, people = glossary.for_project(project), people_of(project)
    # Catalogs are compared with the template; its own findings count when it is checked.
    pot = _read(project, project.pot_path, report if template else Report())
    if template and pot is not None:
        report.findings += check_template(project, pot)
    table = localetable.load(project)
    targets = [table.target(c) for c in codes] if codes is not None else list(table.targets)
    if codes is None:
        report.findings += [finding(stray.shown, None, "stray-catalog", stray.message)
                            for stray in localetable.strays(project, table)]
    for info in targets:
        path = project.po_path(info.code)
        catalog = _read(project, path, report)
        if catalog is None:
            continue
        shown = project.shown(path)
        report.findings += check_catalog(catalog, info, pot, shown)
        report.findings += check_entries(catalog, info, terms, shown, people)
    report.findings.sort(key=lambda f: (f.path, f.line or 0))
    return report


def named_catalogs(project: Project, paths: tuple[Path, ...] | list[Path]
                   ) -> tuple[list[str] | None, bool]:
    """Locale codes and whether the template is named; (None, True) when nothing is named."""
    if not paths:
        return None, True
    table = localetable.load(project)
    by_path = {project.po_path(info.code).resolve(): info.code for info in table.targets}
    strays = {project.po_path(stray.code).resolve(): stray
              for stray in localetable.strays(project, table)}
    codes, template = [], False
    for path in paths:
        # pre-commit passes paths relative to the repository; --root may be elsewhere
        full = (path if path.is_absolute() or path.exists() else project.root / path).resolve()
        if full == project.pot_path.resolve():
            template = True
        elif full in by_path:
            codes.append(by_path[full])
        elif full in strays:
            raise UserError(strays[full].message, strays[full].shown)
        else:
            raise UserError(f"not a catalog of this project: {path}",
                            hint="Name locales/letter.pot or locales/<locale>/LC_MESSAGES/"
                                 "letter.po, or nothing to check them all.")
    return codes, template
