"""What a change does to the catalogs, message by message rather than line by line.

A raw ``.po`` diff shows re-wrapped lines, moved references and header dates;
a reviewer wants to know which messages were translated, which translations
changed (and how, word by word), which drafts were reviewed, what changed in
the English source, and which check findings the change brings in. Entries are
matched by (msgctxt, msgid), so reordering or re-wrapping alone is no change.

Catalogs come from two git revisions (default: the merge base with the main
branch, and the working tree; see :mod:`.git`) or from two files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click
import polib
from rapidfuzz import fuzz, process

from letter_i18n import localetable, rules
from letter_i18n.catalog import merge, model
from letter_i18n.catalog.pofile import parse_po
from letter_i18n.files import read_input
from letter_i18n.locales import SOURCE, LocaleInfo, Locales
from letter_i18n.localetable import code_problem
from letter_i18n.project import Project
from letter_i18n.review import checks, git, stats, worddiff
from letter_i18n.source import glossary

JSON_SCHEMA = "letter-i18n/diff/1"  # bumped when a field of --format json changes

# What happened to one message, in the order a reviewer reads them.
KINDS = {
    "translated": "newly translated",
    "changed": "changed translations",
    "draft_reviewed": "drafts reviewed (fuzzy cleared)",
    "draft_added": "drafts added",
    "reopened": "reviewed translations marked fuzzy again",
    "emptied": "translations removed",
    "source_new": "source entries new",
    "source_changed": "source entries changed",
    "source_removed": "source entries removed",
}
WORD_DIFF_KINDS = ("changed", "draft_reviewed", "source_changed")  # shown as old → new
MARKDOWN_ITEMS = 25  # per kind and catalog: a pull-request comment stays short enough to read
_CODE = re.compile(r"(?:^|/)([A-Za-z_]+)/LC_MESSAGES/[^/]+\.po$")


@dataclass
class Change:
    kind: str
    msgid: str
    old: str = ""  # the old translation, or the old msgid of a changed source entry
    new: str = ""
    line: int | None = None  # where the entry stands in the new catalog (old, when removed)


@dataclass
class CatalogDiff:
    path: str
    locale: str | None  # None for the template
    changes: list[Change] = field(default_factory=list)
    introduced: list[checks.Finding] = field(default_factory=list)
    resolved: int = 0
    note: str = ""  # "catalog added" or "catalog removed"

    @property
    def unchanged(self) -> bool:
        return not (self.changes or self.introduced or self.resolved or self.note)

    @property
    def title(self) -> str:
        if self.locale is None:
            return f"{self.path} (template)"
        info = _info(self.locale, None)
        return f"{self.path} ({info.english_name if info else self.locale})"

    def to_dict(self) -> dict:
        return {"path": self.path, "locale": self.locale, "note": self.note,
                "changes": [asdict(c) for c in self.changes],
                "introduced": [f.to_dict() for f in self.introduced], "resolved": self.resolved}


# --- comparing two catalogs -------------------------------------------------------------------

def _active(catalog: polib.POFile | None) -> dict[tuple[str | None, str], polib.POEntry]:
    return {model.key(e): e for e in catalog or [] if not e.obsolete}


def translation(entry: polib.POEntry) -> str:
    """The translation as one string (plural forms joined by a line ' | ')."""
    if entry.msgid_plural:
        return " | ".join(text for _, text in sorted(entry.msgstr_plural.items()))
    return entry.msgstr


def source_changes(old: polib.POFile | None, new: polib.POFile | None) -> list[Change]:
    """New, changed and removed source texts; a changed text is a removed one that is
    similar enough to a new one by msgmerge's measure (the one ``update`` uses)."""
    before, after = _active(old), _active(new)
    gone = {k: e for k, e in before.items() if k not in after}
    changes, paired = [], set()
    for key, entry in after.items():
        if key in before:
            continue
        choices = {k: e.msgid for k, e in gone.items() if k not in paired}
        best = process.extractOne(entry.msgid, choices, scorer=fuzz.ratio,
                                  score_cutoff=merge.FUZZY_THRESHOLD) if choices else None
        if best is None:
            changes.append(Change("source_new", entry.msgid, line=entry.linenum))
        else:
            paired.add(best[2])
            changes.append(Change("source_changed", entry.msgid, best[0], entry.msgid,
                                  entry.linenum))
    changes += [Change("source_removed", e.msgid, line=e.linenum)
                for k, e in gone.items() if k not in paired]
    return changes


def translation_changes(old: polib.POFile | None, new: polib.POFile) -> list[Change]:
    """What happened to each translation present in ``new``."""
    before = _active(old)
    changes = []
    for key, entry in _active(new).items():
        carried = key not in before  # the source changed: compare with the entry it came from
        was = before.get(key) or before.get((entry.previous_msgctxt, entry.previous_msgid or ""))
        kind = _translation_change(was, entry, carried)
        if kind:
            changes.append(Change(kind, entry.msgid, translation(was) if was else "",
                                  translation(entry), entry.linenum))
    return changes


def _translation_change(was: polib.POEntry | None, now: polib.POEntry, carried: bool) -> str:
    before = stats.status(was) if was is not None else "untranslated"
    after = stats.status(now)
    same_text = was is not None and translation(was) == translation(now)
    if after == "untranslated":
        return "emptied" if before != "untranslated" else ""
    if before == "untranslated":
        return "translated" if after == "reviewed" else "draft_added"
    if before != "reviewed" and after == "reviewed":
        return "draft_reviewed"
    if before == "reviewed" and after != "reviewed":
        return "" if carried and same_text else "reopened"
    return "" if same_text else "changed"


def _info(code: str, table: Locales | None) -> LocaleInfo | None:
    """The locale of a catalog: the project's, else what CLDR says (a language the project
    had at another revision); None for the source language or a code CLDR does not know."""
    if table is not None and code in table.by_code:
        info = table.by_code[code]
        return None if info is table.source else info
    return None if code == SOURCE.code or code_problem(code) else LocaleInfo(code)


def findings_delta(old: polib.POFile | None, new: polib.POFile, info: LocaleInfo | None,
                   shown: str, terms: glossary.Glossary, people: rules.People = ()
                   ) -> tuple[list[checks.Finding], int]:
    """Findings of the entry checks that ``new`` has and ``old`` had not, and how many it fixed."""
    if info is None:
        return [], 0
    after = checks.check_entries(new, info, terms, shown, people)
    before = Counter(_finding_key(f) for f in checks.check_entries(old, info, terms, shown,
                                                                   people)) \
        if old is not None else Counter()
    introduced = []
    for found in after:
        if before[_finding_key(found)]:
            before[_finding_key(found)] -= 1
        else:
            introduced.append(found)
    return introduced, sum(before.values())


def _finding_key(found: checks.Finding) -> tuple[str, str, str]:
    return (found.check, found.message, found.msgid)


def compare(path: str, old: polib.POFile | None, new: polib.POFile | None,
            terms: glossary.Glossary, table: Locales, with_source: bool = True,
            people: rules.People = ()) -> CatalogDiff:
    """The diff of one catalog; ``with_source`` also lists source entries new/changed/removed."""
    code = _locale_of(path, new if new is not None else old)
    result = CatalogDiff(path, code)
    if old is None or new is None:
        result.note = "catalog added" if old is None else "catalog removed"
    if with_source or code is None:
        result.changes += source_changes(old, new)
    if code is not None and new is not None:
        result.changes += translation_changes(old, new)
        result.introduced, result.resolved = findings_delta(old, new, _info(code, table), path,
                                                            terms, people)
    order = list(KINDS)
    result.changes.sort(key=lambda c: (order.index(c.kind), c.line or 0))
    return result


def _locale_of(path: str, catalog: polib.POFile | None) -> str | None:
    """The locale of a catalog: its directory, else its Language header; None for a template."""
    if path.endswith(".pot"):
        return None
    found = _CODE.search(path)
    if found:
        return found.group(1)
    return (catalog.metadata.get("Language") or None) if catalog is not None else None


def diff_revisions(project: Project, base: str | None, head: str | None) -> list[CatalogDiff]:
    """Diffs of every catalog between ``base`` (default: merge base with the main branch) and
    ``head`` (default: the working tree). Source changes are listed once, on the template."""
    base = base or git.merge_base(project.root)
    old, new = git.catalogs_at(project, base), git.catalogs_at(project, head)
    terms, table = glossary.for_project(project), localetable.load(project)
    has_template = any(path.endswith(".pot") for path in {*old, *new})
    people = checks.people_of(project)
    return [compare(path, old.get(path), new.get(path), terms, table, not has_template, people)
            for path in sorted({*old, *new}, key=lambda p: (not p.endswith(".pot"), p))]


def diff_files(project: Project, old: Path, new: Path) -> list[CatalogDiff]:
    olds, news = (parse_po(read_input(p, project.shown(p)), project.shown(p))
                  for p in (old, new))
    return [compare(project.shown(new), olds, news, glossary.for_project(project),
                    localetable.load(project), people=checks.people_of(project))]


# --- output -----------------------------------------------------------------------------------

def _quote(text: str) -> str:
    return '"' + checks.excerpt(text, 70) + '"'


def _words(old: str, new: str, color: bool) -> str:
    runs = worddiff.diff(old, new)
    if not color:
        return worddiff.plain(runs)
    styles = {worddiff.EQUAL: {}, worddiff.DELETE: {"fg": "red", "strikethrough": True},
              worddiff.INSERT: {"fg": "green", "underline": True}}
    return "".join(click.style(text, **styles[op]) for op, text in runs)


def to_text(diffs: list[CatalogDiff], color: bool = False) -> str:
    lines = []
    for d in diffs:
        if d.unchanged:
            lines.append(f"{d.title}: no change")
            continue
        lines.append(f"{d.title}" + (f": {d.note}" if d.note else ""))
        for kind, label in KINDS.items():
            chosen = [c for c in d.changes if c.kind == kind]
            if chosen:
                lines.append(f"  {label} ({len(chosen)})")
            for c in chosen:
                lines.append(f"    :{c.line} {_quote(c.msgid)}")
                if kind in WORD_DIFF_KINDS and c.old != c.new:
                    lines.append(f"      {_words(c.old, c.new, color)}")
                elif kind in ("translated", "draft_added", "reopened"):
                    lines.append(f"      {c.new}")
        if d.introduced:
            lines.append(f"  check findings introduced ({len(d.introduced)})")
            lines += [f"    {f.location}: {f.severity} [{f.check}] {f.message}"
                      for f in d.introduced]
        if d.resolved:
            lines.append(f"  check findings resolved: {d.resolved}")
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_words(old: str, new: str) -> str:
    marks = {worddiff.EQUAL: "{}", worddiff.DELETE: "~~{}~~", worddiff.INSERT: "**{}**"}
    return "".join(marks[op].format(_md(text)) if text.strip() else text
                   for op, text in worddiff.diff(" ".join(old.split()), " ".join(new.split())))


def _md_change(c: Change) -> str:
    if c.kind in WORD_DIFF_KINDS:
        return _md_words(c.old, c.new)
    if c.new:
        return f"“{_md(checks.excerpt(c.msgid))}” → {_md(checks.excerpt(c.new, 160))}"
    return f"“{_md(checks.excerpt(c.msgid, 160))}”"


def to_markdown(diffs: list[CatalogDiff]) -> str:
    """A pull-request comment: a summary table, then the details of each catalog folded."""
    columns = [k for k in KINDS if any(c.kind == k for d in diffs for c in d.changes)]
    head = ["Catalog", *(KINDS[k] for k in columns), "findings introduced"]
    out = ["### Catalog changes", "", "| " + " | ".join(head) + " |",
           "|---" + "|---:" * (len(head) - 1) + "|"]
    for d in diffs:
        counts = Counter(c.kind for c in d.changes)
        cells = [str(counts[k]) for k in columns] + [str(len(d.introduced))]
        out.append(f"| `{d.path}` | " + " | ".join(cells) + " |")
    for d in diffs:
        if d.unchanged:
            continue
        note = f" ({d.note})" if d.note else ""
        out += ["", f"<details><summary><code>{d.path}</code>{note}</summary>", ""]
        for kind, label in KINDS.items():
            chosen = [c for c in d.changes if c.kind == kind]
            if chosen:
                out += [f"**{label}**", ""]
            out += [f"- line {c.line}: {_md_change(c)}" for c in chosen[:MARKDOWN_ITEMS]]
            if len(chosen) > MARKDOWN_ITEMS:
                out.append(f"- … and {len(chosen) - MARKDOWN_ITEMS} more "
                           "(`letter-i18n diff` lists them all)")
            if chosen:
                out.append("")
        if d.introduced:
            out += ["**check findings introduced**", ""]
            out += [f"- {f.severity} `{f.check}` line {f.line}: {_md(f.message)} "
                    f"(“{_md(f.msgid)}”)" for f in d.introduced]
            out.append("")
        out.append("</details>")
    return "\n".join(out)


