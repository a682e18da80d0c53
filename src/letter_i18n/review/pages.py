"""Pages for reviewers who do not use a PO editor: one bilingual page per locale, one status page.

``<out>/<locale>/review.html`` sets source and translation side by side,
segment by segment, with each segment's status, a word-level diff of the
English for entries that went fuzzy after a source change, its check findings,
and where to edit it (``file:line`` of the ``.po`` entry). ``<out>/status.html``
shows a progress bar per language. The pages are in English and use no gettext
calls (the template stage extracts those from every ``*.j2``); translation
cells carry the language's ``lang`` and ``dir``. Output is deterministic and
written only when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polib
from jinja2 import Environment
from markupsafe import Markup, escape

from letter_i18n import localetable, markup, parallel, recall, templating
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import load_po, read_project_po
from letter_i18n.files import write_all_if_changed
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project
from letter_i18n.review import checks, stats, worddiff
from letter_i18n.source import glossary

REVIEW_TEMPLATE = "review.html.j2"
PAGE = "review.html"
STATUS_TEMPLATE = "status.html.j2"


@dataclass
class Row:
    """One segment as the review page shows it."""

    number: int
    where: str  # file:line of the .po entry
    anchor: str
    status: str
    context: str  # what the segment is, from the extracted comments
    source: Markup
    forms: list[tuple[str, Markup]]  # (label, translation) per form; empty when untranslated
    previous: Markup | None = None  # word diff of the previous English against the current
    draft_label: str = ""
    findings: list[checks.Finding] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # left for the native reviewer


def render_markup(text: str) -> Markup:
    """Segment markup as HTML: emphasis, strong, and links shown with their label.

    Text outside the segment model (a broken translation) is shown escaped, as is.
    """
    try:
        nodes = markup.parse(text, set(markup.referenced_labels(text)))
    except markup.MarkupError:
        return escape(text)
    return Markup("").join(_node_html(node) for node in nodes)


def _node_html(node: markup.Node) -> Markup:
    inner = Markup("").join(_node_html(child) for child in node.children)
    if node.kind == "text":
        return escape(node.text)
    if node.kind == "link":
        return Markup('<span class="link" title="link [{}]">{}</span>').format(node.label, inner)
    return Markup("<{0}>{1}</{0}>").format(node.kind, inner)


def render_diff(old: str, new: str) -> Markup:
    tags = {worddiff.EQUAL: "{}", worddiff.DELETE: "<del>{}</del>",
            worddiff.INSERT: "<ins>{}</ins>"}
    return Markup("").join(Markup(tags[op]).format(text) for op, text in worddiff.diff(old, new))


def _forms(entry: polib.POEntry) -> list[tuple[str, Markup]]:
    if entry.msgid_plural:
        return [(f"form {i}", render_markup(text))
                for i, text in sorted(entry.msgstr_plural.items()) if text]
    return [("", render_markup(entry.msgstr))] if entry.msgstr else []


def rows(catalog: polib.POFile, shown: str, findings: list[checks.Finding]) -> list[Row]:
    by_line: dict[int | None, list[checks.Finding]] = {}
    for found in findings:
        by_line.setdefault(found.line, []).append(found)
    result = []
    for number, entry in enumerate((e for e in catalog if not e.obsolete), 1):
        source = entry.msgid + (f"\n{entry.msgid_plural}" if entry.msgid_plural else "")
        row = Row(number, f"{shown}:{entry.linenum}", f"L{entry.linenum}", stats.status(entry),
                  (entry.comment or "").split("\n")[0], render_markup(source), _forms(entry),
                  draft_label=model.draft_label(entry),
                  findings=by_line.get(entry.linenum, []),
                  questions=model.open_questions(entry))
        if "fuzzy" in entry.flags and entry.previous_msgid is not None:
            row.previous = render_diff(entry.previous_msgid, entry.msgid)
        result.append(row)
    return result


def review_page(env: Environment, info: LocaleInfo, shown: str, catalog: polib.POFile,
                findings: list[checks.Finding]) -> str:
    entry_lines = {e.linenum for e in catalog if not e.obsolete}
    return env.get_template(REVIEW_TEMPLATE).render(
        locale=info, dir="rtl" if info.rtl else "ltr", catalog=shown,
        stats=stats.of_catalog(info, catalog), labels=stats.LABELS,
        categories=stats.CATEGORIES, rows=rows(catalog, shown, findings),
        catalog_findings=[f for f in findings if f.line not in entry_lines])


def status_page(env: Environment, all_stats: list[stats.LocaleStats]) -> str:
    return env.get_template(STATUS_TEMPLATE).render(
        locales=all_stats, labels=stats.LABELS, categories=stats.CATEGORIES)


KEY_FILE = ".review.key"  # what composing a review page read (recall.py)


def write_review_pages(project: Project, out_dir: str | Path,
                       codes: list[str] | None = None) -> list[Path]:
    """Write the review pages of ``codes`` (default: all) and the status page of every locale.

    A review page composed before from the same inputs is recalled, not checked and
    composed again (recall.py). Returns the pages that changed.
    """
    out_dir = Path(out_dir)
    env = templating.environment("html")
    terms, people = glossary.for_project(project), checks.people_of(project)
    pot = read_project_po(project, project.pot_path)
    targets = localetable.load(project).targets
    shared = recall.shared_digest(project, "review")

    def compose(info: LocaleInfo) -> tuple[stats.LocaleStats, str | None, str]:
        path = project.po_path(info.code)
        shown = project.shown(path)
        catalog = load_po(path, shown, root=project.root)
        digest = recall.locale_digest(shared, path)
        if (codes is not None and info.code not in codes) or recall.recall(
                out_dir / info.code / KEY_FILE, digest, [PAGE]) is not None:
            return stats.of_catalog(info, catalog), None, digest
        findings = (checks.check_catalog(catalog, info, pot, shown)
                    + checks.check_entries(catalog, info, terms, shown, people))
        return (stats.of_catalog(info, catalog),
                review_page(env, info, shown, catalog, findings), digest)

    # Each page is composed in whichever process is free; only this one writes.
    composed = parallel.map_forked(compose, targets)
    pages: list[tuple[Path, str]] = []
    for info, (_stats, html, digest) in zip(targets, composed, strict=True):
        if html is not None:
            pages += [(out_dir / info.code / PAGE, html),
                      recall.remember(out_dir / info.code / KEY_FILE, digest, {PAGE: html})]
    pages.append((out_dir / "status.html", status_page(env, [s for s, _h, _d in composed])))
    return [path for path in write_all_if_changed(pages) if path.name != KEY_FILE]
