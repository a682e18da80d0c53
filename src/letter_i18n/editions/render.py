"""Render the letter's editions: HTML, Markdown and plain text for every locale.

:func:`render` builds, per locale, one model of the edition (every segment
through :class:`~letter_i18n.translate.Translator`, dates and place names from
locale data) and fills three jinja2 templates with it, plus a language picker.
Files are written atomically and only when their content changes, so a second
build on unchanged inputs rewrites nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import polib
from jinja2 import Environment, pass_context
from markupsafe import Markup, escape

from letter_i18n import localetable, parallel, recall, templating
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.editions import formats, thaiwords, webfonts
from letter_i18n.editions.choose import DRAFT, REVIEWED, UNTRANSLATED, Text, Translator
from letter_i18n.editions.localedata import EMBEDDED_LATIN, SCRIPT_GROUPS, format_letter_date
from letter_i18n.files import write_all_if_changed
from letter_i18n.locales import LocaleInfo, Locales
from letter_i18n.project import Project
from letter_i18n.source import glossary, segments
from letter_i18n.source.letter import Letter, Organization, load_letter

KEY_FILE = ".edition.key"  # what composing an edition read and gave (recall.py)
FORMATS = {"index.html": ("letter.html.j2", "html"), "letter.md": ("letter.md.j2", "md"),
           "letter.txt": ("letter.txt.j2", "txt")}
TEXT_COLUMNS = 72
# Names of organizations and people: Latin script, language not stated. Marked dir="ltr"
# as well as isolated (<bdi>): print renderers without dir=auto then still keep a name that
# wraps inside a right-to-left line in its own order.
NAME_LANG = "und-Latn"
_NAME_HTML = '<bdi lang="{}" dir="ltr" translate="no">{}</bdi>'
# A name in the page's own script: in the page's language and direction, never machine
# translated, never hyphenated in print (class "name"; {0}, the Latin tag, is not used).
_SCRIPT_NAME_HTML = '<span class="name" translate="no">{1}</span>'


@dataclass
class EditionResult:
    code: str
    written: list[str] = field(default_factory=list)
    skipped: str = ""  # why the edition was not written (--min-complete)
    counts: dict[str, int] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)

    @property
    def reviewed_share(self) -> float:
        total = sum(self.counts.values())
        return self.counts.get(REVIEWED, 0) / total if total else 0.0


@dataclass
class RenderReport:
    editions: list[EditionResult] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


class Piece:
    """A segment in all three output formats, with its status for markup.

    A person's ``{placeholder}`` becomes the name as the text's language writes it
    (``forms``: placeholder -> name, and whether it is the name as written in Latin
    script); ``marks`` puts a note mark after the quotations their links introduce;
    ``names`` (people and organizations) are marked wherever the text names them.
    """

    def __init__(self, text: Text, letter: Letter, page: LocaleInfo, notes: list[str],
                 forms: dict[str, tuple[str, bool]] | None = None,
                 marks: dict[str, int] | None = None,
                 names: re.Pattern[str] | None = None):
        nodes = text.nodes()
        if marks:
            nodes = formats.with_notes(nodes, marks)
        self.status = text.status
        self.lang = text.lang if text.lang != page.tag else ""
        self.html = formats.html(nodes, letter.links, rtl=page.rtl and not self.lang,
                                 names=names)
        self.md = formats.markdown(nodes, letter.links)
        self.txt = formats.plain(nodes, letter.links, notes)
        for key, (name, latin) in (forms or {}).items():
            if "{" + key + "}" not in self.txt:
                continue
            shown = Markup(_NAME_HTML if latin else _SCRIPT_NAME_HTML).format(NAME_LANG, name)
            self.html = self.html.replace("{" + key + "}", shown)
            self.md = self.md.replace("{" + key + "}", formats.escape_markdown(name))
            self.txt = self.txt.replace("{" + key + "}", name)

    @property
    def attrs(self) -> Markup:
        """HTML attributes marking drafts and untranslated fallbacks."""
        parts = []
        if self.lang:
            parts.append(f'lang="{self.lang}" dir="ltr"')
        if self.status != REVIEWED:
            parts.append(f'class="{self.status}"')
        return Markup(" " + " ".join(parts)) if parts else Markup("")

    def __html__(self) -> str:
        return f"<span{self.attrs}>{self.html}</span>" if self.attrs else str(self.html)


class Edition:
    """Everything a template needs to show the letter in one locale."""

    def __init__(self, info: LocaleInfo, letter: Letter, found: list[segments.Segment],
                 translator: Translator, alternates: list[dict[str, str]], table: Locales,
                 words: thaiwords.Words | None = None, pdf: bool = False,
                 names: re.Pattern[str] | None = None):
        self.info, self.letter, self.translator = info, letter, translator
        self.words = words  # where Thai may break (None: the line breaker decides)
        self.names = names  # of people and organizations, marked wherever the text names them
        self.pdf = pdf  # whether the edition links its letter.pdf (it exists or is being made)
        self.sentence_gap = table.sentence_gap(info.script)
        self.found = [*found, *segments.template_segments()]  # all the entries
        self.tag, self.code = info.tag, info.code
        self.dir = "rtl" if info.rtl else "ltr"
        self.table = table  # the project's locales: fonts and sizes by script
        self.fonts = table.font_stack(info.script)
        scale = EMBEDDED_LATIN.get(info.script)
        self.embedded_latin = (table.font_stack("Latn"), scale) if scale else None
        self.webfonts = webfonts.faces(table)
        self.alternates = alternates
        self.notes: list[str] = []  # link targets of the text edition, numbered
        self.quotations: list[dict[str, Any]] = []  # notes on quotations, numbered
        labels = frozenset(letter.links)
        body = [s for s in found if s.path == letter.body_path]
        self.title = self.piece(body[0].msgid, labels)
        self.title_text = self.title.txt
        self.blocks = self._blocks(body[1:], labels)
        rec = letter.recipient
        addressed_as = self.piece(rec.addressed_as.text)
        self.addressee = {
            "html": Markup("<span{}>{}</span>").format(addressed_as.attrs, addressed_as.html),
            "md": addressed_as.md,
            "txt": addressed_as.txt,
            "status": addressed_as.status,
        }
        self.recipient_lines = [self.piece(rec.title.text), self.piece(rec.committee.text)]
        self.cc = [self.piece(cc.text) for cc in letter.cc]
        self.date_iso = letter.date.isoformat()
        self.date = format_letter_date(letter.date, info)
        self.as_of = format_letter_date(letter.signatories_as_of, info)
        self.organizations = [self._organization(org) for org in letter.organizations]
        self.experts = [(e.name, self.piece(e.affiliation.text)) for e in letter.experts]

    def piece(self, msgid: str, labels: frozenset[str] = frozenset(),
              quoting: list[str] | None = None) -> Piece:
        text = self.translator.text(msgid, labels)
        source = self.translator.source_code
        translated = text.lang == self.tag and self.code != source
        code = self.code if translated else source
        forms = {key: (person.name_in(code), code not in person.names)
                 for key, person in self.letter.persons.items()}
        marks = {}
        for label in quoting or ():
            if translated:  # the English quotes the official wording itself
                marks[label] = len(self.quotations) + 1
                self.quotations.append(self._quotation(label, marks[label]))
        return Piece(text, self.letter, self.info, self.notes, forms, marks, self.names)

    def _quotation(self, label: str, number: int) -> dict[str, Any]:
        """A note that a translated quotation is not the document's official wording."""
        quote, url = self.letter.quotations[label], self.letter.links[label].url
        return {"number": number, "label": label, "id": formats.note_id(number),
                "ref": formats.note_ref_id(number), "document": quote.document,
                "paragraph": quote.paragraph, "url": url,
                "sup": str(number).translate(formats.SUPERSCRIPT)}

    def _blocks(self, body: list[segments.Segment], labels: frozenset[str]) -> list[dict]:
        blocks: list[dict] = []
        for seg in body:
            quoting = [label for label in dict.fromkeys(seg.links)
                       if label in self.letter.quotations]
            item = self.piece(seg.msgid, labels, quoting)
            if seg.kind == "list item":
                if not blocks or blocks[-1]["kind"] != "list":
                    blocks.append({"kind": "list", "items": []})
                blocks[-1]["items"].append(item)
            else:
                blocks.append({"kind": seg.kind, "items": [item]})
        return blocks

    def _organization(self, org: Organization) -> dict[str, Any]:
        own = org.names.get(self.code)
        territories = self.info.babel.territories
        places: list[Any] = []
        if org.country:
            places.append(territories[org.country])
        if org.region:
            region = self.letter.regions[org.region]
            places.append(territories[region.cldr] if region.cldr
                          else self.piece(region.name.text))
        return {"name": own or org.name, "name_lang": "" if own else NAME_LANG, "places": places}

    @cached_property
    def counts(self) -> dict[str, int]:
        """Entries of the template by what this edition shows for them (the status line)."""
        counts = Counter(self.translator.status(seg.msgid, seg.msgid_plural, seg.msgctxt)
                         for seg in {(s.msgctxt, s.msgid): s for s in self.found}.values())
        return {status: counts.get(status, 0) for status in (REVIEWED, DRAFT, UNTRANSLATED)}


class Marked(Markup):
    """A translated template string in HTML, with the status of its translation."""

    status: str

    def __new__(cls, html: str, status: str) -> Marked:
        marked = super().__new__(cls, html)
        marked.status = status
        return marked


def mark(*shown: Any) -> str:
    """How a block that shows ``shown`` is marked in the margin: "untranslated" when any
    of it falls back to English, else "draft" when any of it is an unreviewed draft, else
    "". Each value is a Piece, a translated template string (Marked), a dict with a
    "status" or anything else (names, dates: reviewed by definition)."""
    found = {value.get("status") if isinstance(value, dict) else getattr(value, "status", "")
             for value in shown}
    return next((status for status in (UNTRANSLATED, DRAFT) if status in found), "")


def classes(*names: str) -> Markup:
    """` class="…"` for the non-empty ``names``, or nothing."""
    joined = " ".join(name for name in names if name)
    return Markup(' class="{}"').format(joined) if joined else Markup("")


@pass_context
def _wrap_filter(context: Any, text: Any, first: str = "", rest: str = "") -> str:
    edition = context["e"]
    lines = formats.wrap(str(text), TEXT_COLUMNS, edition.code, first, rest, edition.words)
    return "\n".join(lines)


def _gettext_callables(translator: Translator, fmt: str) -> dict[str, Any]:
    """``_``/``gettext``/``ngettext`` that translate through ``translator``.

    In HTML, a translated template string is escaped before its ``{placeholders}``
    are filled (values are escaped unless already markup), and drafts and English
    fallbacks are marked as in the letter's text.
    """
    def as_output(text: Text, values: dict[str, Any]) -> Any:
        if fmt != "html":
            template = formats.escape_markdown(text.markup) if fmt == "md" else text.markup
            body = Text(template, text.status, text.lang, text.labels)
            return formats.glue_dashes(
                body.fill(**{k: _value(v, fmt) for k, v in values.items()}).markup)
        escaped = {k: str(v.__html__()) if hasattr(v, "__html__") else str(escape(v))
                   for k, v in values.items()}
        body = Text(str(escape(text.markup)), text.status, text.lang, text.labels)
        filled = Markup(formats.glue_dashes(body.fill(**escaped).markup))
        if text.lang != translator.info.tag:
            return Marked(f'<span lang="{text.lang}" dir="ltr" class="{text.status}">'
                          f"{filled}</span>", text.status)
        if text.status == DRAFT:
            return Marked(f'<span class="draft">{filled}</span>', DRAFT)
        return Marked(filled, text.status)

    def gettext(message: str, **values: Any) -> Any:
        return as_output(translator.text(message), values)

    def ngettext(singular: str, plural: str, n: int, **values: Any) -> Any:
        return as_output(translator.plural(singular, plural, n), {"num": n, **values})

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def _environment(fmt: str) -> Environment:
    """The format's environment, with the filters the edition templates use."""
    return templating.environment(fmt, (("wrap", _wrap_filter),
                                        ("md", formats.escape_markdown)))


def _value(value: Any, fmt: str) -> str:
    """A placeholder value in Markdown or text: pieces in that format, the rest as is."""
    if isinstance(value, Piece):
        return value.md if fmt == "md" else value.txt
    return str(value)


def load_catalog(project: Project, info: LocaleInfo, source: LocaleInfo) -> polib.POFile | None:
    if info.code == source.code:
        return None
    path = project.po_path(info.code)
    return read_project_po(project, path) if path.exists() else None


def render_editions(project: Project, out_dir: Path, codes: list[str] | None = None, *,
           reviewed_only: bool = False, min_complete: float = 0.0,
           pdf: Collection[str] | None = None) -> RenderReport:
    """Write the editions of ``codes`` (default: every locale) and the language picker.

    An edition links its PDF when its code is in ``pdf`` (the editions ``build`` is
    about to print) or, by default, when ``letter.pdf`` is already beside it: a link
    to a PDF that will not exist is worse than none.
    """
    letter = load_letter(project.source_dir, project.root)
    found = segments.segment_letter(letter)
    names = formats.names_pattern([*glossary.for_project(project).do_not_translate,
                                   *(org.name for org in letter.organizations),
                                   *(expert.name for expert in letter.experts),
                                   *(person.name for person in letter.persons.values())])
    table = localetable.load(project)
    source = table.source
    chosen = [table.by_code[c] for c in codes] if codes else list(table.all)
    report = RenderReport()
    alternates = [{"tag": i.tag, "code": i.code, "name": i.menu_name, "script": i.script}
                  for i in table.all]

    def links_pdf(info: LocaleInfo) -> bool:
        return (out_dir / info.code / "letter.pdf").exists() if pdf is None \
            else info.code in pdf

    shared = recall.shared_digest(project, reviewed_only)
    digests = {info.code: recall.locale_digest(
        shared, None if info.code == source.code else project.po_path(info.code),
        info.code, links_pdf(info)) for info in chosen}
    known = {info.code: _recalled_counts(recall.recall(
        out_dir / info.code / KEY_FILE, digests[info.code], FORMATS)) for info in chosen}
    to_compose = [info for info in chosen if known[info.code] is None]
    catalogs = {info.code: load_catalog(project, info, source) for info in to_compose}

    def compose(info: LocaleInfo) -> tuple[EditionResult, dict[str, str]]:
        translator = Translator(info, source.code, catalogs[info.code], reviewed_only,
                                people=letter.name_forms)
        words = (thaiwords.Words(thaiwords.project_words(project, letter, info.code),
                                 templating.cache_directory())
                 if info.script == thaiwords.SCRIPT else None)
        edition = Edition(info, letter, found, translator, alternates, table, words,
                          links_pdf(info), names)
        outputs = {name: _environment(fmt).get_template(template)
                   .render(e=edition, **_globals(edition), **_gettext_callables(translator, fmt))
                   for name, (template, fmt) in FORMATS.items()}
        outputs["index.html"] = formats.keep_together(outputs["index.html"])
        if info.rtl:
            outputs["letter.md"] = formats.isolate_markdown(outputs["letter.md"])
            outputs["letter.txt"] = formats.isolate_text(outputs["letter.txt"])
        if words:
            outputs["index.html"] = formats.mark_words(outputs["index.html"], words)
            words.save()
        return EditionResult(info.code, counts=edition.counts,
                             rejected=translator.rejected), outputs

    # Each edition is composed in whichever process is free; only this one writes. An
    # edition composed before from the same inputs is recalled instead (recall.py).
    composed = dict(zip((info.code for info in to_compose),
                        parallel.map_forked(compose, to_compose), strict=True))
    pending: list[tuple[Path, str]] = []  # written together: their syncs overlap
    owners: dict[Path, EditionResult] = {}
    for info in chosen:
        result, outputs = composed.get(info.code) or (
            EditionResult(info.code, counts=known[info.code] or {}), {})
        directory = out_dir / result.code
        report.editions.append(result)
        if reviewed_only and result.reviewed_share * 100 < min_complete:
            result.skipped = (f"{result.reviewed_share:.0%} reviewed, below --min-complete "
                              f"{min_complete:g}%")
            for name in FORMATS:
                (directory / name).unlink(missing_ok=True)
            recall.forget(directory / KEY_FILE)
            continue
        for name, text in outputs.items():
            pending.append((directory / name, text))
            owners[directory / name] = result
        if outputs and not result.rejected:
            pending.append(recall.remember(directory / KEY_FILE, digests[info.code], outputs,
                                           {"counts": result.counts}))
        elif outputs:
            recall.forget(directory / KEY_FILE)
    published = [a for a in alternates
                 if any(r.code == a["code"] and not r.skipped for r in report.editions)
                 or (out_dir / a["code"] / "index.html").exists()]
    picker = templating.environment("html").get_template("picker.html.j2")
    english = Translator(source, source.code)
    title = english.text(found[0].msgid).markup
    pending.insert(0, (out_dir / "index.html", picker.render(
        editions=published, title=title, fonts=table.font_stacks, scales=table.scales, scale=1,
        script_tags=script_tags(table),
        name_lang=NAME_LANG, webfonts=webfonts.faces(table))))
    shown = {path: project.shown(path) for path, _text in pending}
    for path in write_all_if_changed(pending, shown):
        if path in owners:
            owners[path].written.append(shown[path])
        elif path.name != KEY_FILE:
            report.written.append(shown[path])
    report.written += [p for r in report.editions for p in r.written]
    return report


def _recalled_counts(reported: dict[str, Any] | None) -> dict[str, int] | None:
    """An edition's status counts as its key kept them; None: compose the edition."""
    try:
        return {str(status): int(count) for status, count in reported["counts"].items()}
    except (TypeError, KeyError, AttributeError, ValueError):
        return None


def _globals(edition: Edition) -> dict[str, Any]:
    counts = edition.counts
    return {
        "counts": counts,
        "total": sum(counts.values()),
        "is_source": edition.translator.info.code == edition.translator.source_code,
        "link_targets": [(label, link.url) for label, link in edition.letter.links.items()
                         if link.url],
        "name_lang": NAME_LANG,
        "stacks": edition.table.font_stacks,
        "webfonts": edition.webfonts,
        "scales": edition.table.scales,
        "script_tags": script_tags(edition.table),
        "scale": edition.table.scale(edition.info.script),
        "mark": mark,
        "classes": classes,
        "css_counters": css_counters,
    }


def script_tags(table: Locales) -> dict[str, list[str]]:
    """The language tags of each group of scripts the stylesheets set alike
    (localedata.SCRIPT_GROUPS), and of the scripts whose sentences follow without a space."""
    groups = {name: table.tags(*scripts) for name, scripts in SCRIPT_GROUPS.items()}
    groups["unspaced-sentences"] = table.tags(*table.unspaced)
    return groups


def css_counters(template: str) -> Markup:
    """A CSS ``content`` value from a translated folio such as "{page} / {pages}": the
    placeholders become the page counters, the rest quoted CSS strings (every character
    but letters, digits and spaces escaped, so no translation can end the rule)."""
    parts = []
    for piece in re.split(r"(\{pages?\})", template):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            quoted = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in piece)
            parts.append(f'"{quoted}"')
    return Markup(" ".join(parts))
