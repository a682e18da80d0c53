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

from letter_i18n import locales, parallel, templating
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.editions import formats, thaiwords
from letter_i18n.editions.choose import DRAFT, REVIEWED, UNTRANSLATED, Text, Translator
from letter_i18n.editions.localedata import (
    FONT_STACKS,
    SCRIPT_SCALES,
    format_letter_date,
    script_scales,
    sentence_gap,
)
from letter_i18n.files import write_if_changed
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project
from letter_i18n.source import glossary, segments
from letter_i18n.source.letter import Letter, Organization, load_letter

FORMATS = {"index.html": ("letter.html.j2", "html"), "letter.md": ("letter.md.j2", "md"),
           "letter.txt": ("letter.txt.j2", "txt")}
TEXT_COLUMNS = 72
# Names of organizations and people: Latin script, language not stated. Marked dir="ltr"
# as well as isolated (<bdi>): print renderers without dir=auto then still keep a name that
# wraps inside a right-to-left line in its own order.
NAME_LANG = "und-Latn"


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
    """A segment in all three output formats, with its status for markup."""

    def __init__(self, text: Text, letter: Letter, page_lang: str, notes: list[str],
                 names: re.Pattern[str] | None = None):
        nodes = text.nodes()
        self.status = text.status
        self.html = formats.html(nodes, letter.links, names)
        self.md = formats.markdown(nodes, letter.links)
        self.txt = formats.plain(nodes, letter.links, notes)
        self.lang = text.lang if text.lang != page_lang else ""

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
                 translator: Translator, alternates: list[dict[str, str]],
                 words: thaiwords.Words | None = None, pdf: bool = False,
                 names: re.Pattern[str] | None = None):
        self.info, self.letter, self.translator = info, letter, translator
        self.words = words  # where Thai may break (None: the line breaker decides)
        self.names = names  # of people and organizations, marked wherever the text names them
        self.pdf = pdf  # whether the edition links its letter.pdf (it exists or is being made)
        self.sentence_gap = sentence_gap(info.script)
        self.found = [*found, *segments.template_segments()]  # all the entries
        self.tag, self.code = info.tag, info.code
        self.dir = "rtl" if info.rtl else "ltr"
        self.fonts = FONT_STACKS[info.script]
        self.alternates = alternates
        self.notes: list[str] = []  # link targets of the text edition, numbered
        labels = frozenset(letter.links)
        body = [s for s in found if s.path == letter.body_path]
        self.title = self.piece(body[0].msgid, labels)
        self.title_text = self.title.txt
        self.blocks = self._blocks(body[1:], labels)
        rec = letter.recipient
        addressed_as = self.piece(rec.addressed_as.text)
        bdi = Markup('<bdi lang="{}" dir="ltr" translate="no">{}</bdi>').format(NAME_LANG, rec.name)
        self.addressee = {
            "html": Markup("<span{}>{}</span>").format(
                addressed_as.attrs, addressed_as.html.replace("{name}", bdi)),
            "md": addressed_as.md.replace("{name}", formats.escape_markdown(rec.name)),
            "txt": addressed_as.txt.replace("{name}", rec.name),
            "status": addressed_as.status,
        }
        self.recipient_lines = [self.piece(rec.title.text), self.piece(rec.committee.text)]
        self.cc = [self.piece(cc.text) for cc in letter.cc]
        self.date_iso = letter.date.isoformat()
        self.date = format_letter_date(letter.date, info.code)
        self.as_of = format_letter_date(letter.signatories_as_of, info.code)
        self.organizations = [self._organization(org) for org in letter.organizations]
        self.experts = [(e.name, self.piece(e.affiliation.text)) for e in letter.experts]

    def piece(self, msgid: str, labels: frozenset[str] = frozenset()) -> Piece:
        return Piece(self.translator.text(msgid, labels), self.letter, self.tag, self.notes,
                     self.names)

    def _blocks(self, body: list[segments.Segment], labels: frozenset[str]) -> list[dict]:
        blocks: list[dict] = []
        for seg in body:
            item = self.piece(seg.msgid, labels)
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
            return body.fill(**{k: _value(v, fmt) for k, v in values.items()}).markup
        escaped = {k: str(v.__html__()) if hasattr(v, "__html__") else str(escape(v))
                   for k, v in values.items()}
        body = Text(str(escape(text.markup)), text.status, text.lang, text.labels)
        filled = Markup(body.fill(**escaped).markup)
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


def load_catalog(project: Project, info: LocaleInfo) -> polib.POFile | None:
    if info.code == locales.SOURCE.code:
        return None
    path = project.po_path(info.code)
    return read_project_po(project, path) if path.exists() else None


def render_editions(project: Project, out_dir: Path, codes: list[str] | None = None, *,
           reviewed_only: bool = False, min_complete: float = 0.0,
           pdf: Collection[str] | None = None) -> RenderReport:
    """Write the editions of ``codes`` (default: all seven) and the language picker.

    An edition links its PDF when its code is in ``pdf`` (the editions ``build`` is
    about to print) or, by default, when ``letter.pdf`` is already beside it: a link
    to a PDF that will not exist is worse than none.
    """
    letter = load_letter(project.source_dir, project.root)
    found = segments.segment_letter(letter)
    names = formats.names_pattern([*glossary.for_project(project).do_not_translate,
                                   *(org.name for org in letter.organizations),
                                   *(expert.name for expert in letter.experts)])
    chosen = [locales.BY_CODE[c] for c in codes] if codes else list(locales.ALL)
    catalogs = {info.code: load_catalog(project, info) for info in chosen}  # read all first
    report = RenderReport()
    alternates = [{"tag": i.tag, "code": i.code, "name": i.native_name, "script": i.script}
                  for i in locales.ALL]
    def compose(info: LocaleInfo) -> tuple[EditionResult, dict[str, str]]:
        translator = Translator(info, locales.SOURCE.code, catalogs[info.code], reviewed_only)
        words = (thaiwords.Words(thaiwords.project_words(project, letter, info.code))
                 if info.script == thaiwords.SCRIPT else None)
        has_pdf = (out_dir / info.code / "letter.pdf").exists() if pdf is None \
            else info.code in pdf
        edition = Edition(info, letter, found, translator, alternates, words, has_pdf, names)
        outputs = {name: _environment(fmt).get_template(template)
                   .render(e=edition, **_globals(edition), **_gettext_callables(translator, fmt))
                   for name, (template, fmt) in FORMATS.items()}
        outputs["index.html"] = formats.keep_together(outputs["index.html"])
        if words:
            outputs["index.html"] = formats.mark_words(outputs["index.html"], words)
        return EditionResult(info.code, counts=edition.counts,
                             rejected=translator.rejected), outputs

    # Each edition is composed in whichever process is free; only this one writes.
    for result, outputs in parallel.map_forked(compose, chosen):
        report.editions.append(result)
        if reviewed_only and result.reviewed_share * 100 < min_complete:
            result.skipped = (f"{result.reviewed_share:.0%} reviewed, below --min-complete "
                              f"{min_complete:g}%")
            for name in FORMATS:
                (out_dir / result.code / name).unlink(missing_ok=True)
            continue
        for name, text in outputs.items():
            path = out_dir / result.code / name
            if write_if_changed(path, text):
                result.written.append(project.shown(path))
    published = [a for a in alternates
                 if any(r.code == a["code"] and not r.skipped for r in report.editions)
                 or (out_dir / a["code"] / "index.html").exists()]
    picker = templating.environment("html").get_template("picker.html.j2")
    english = Translator(locales.SOURCE, locales.SOURCE.code)
    title = english.text(found[0].msgid).markup
    if write_if_changed(out_dir / "index.html",
                        picker.render(editions=published, title=title, fonts=FONT_STACKS,
                                      scales=script_scales(), scale=1, name_lang=NAME_LANG)):
        report.written.append(project.shown(out_dir / "index.html"))
    report.written += [p for r in report.editions for p in r.written]
    return report


def _globals(edition: Edition) -> dict[str, Any]:
    counts = edition.counts
    return {
        "counts": counts,
        "total": sum(counts.values()),
        "is_source": edition.code == locales.SOURCE.code,
        "link_targets": [(label, link.url) for label, link in edition.letter.links.items()
                         if link.url],
        "name_lang": NAME_LANG,
        "scales": script_scales(),
        "scale": SCRIPT_SCALES.get(edition.info.script, 1),
        "mark": mark,
        "classes": classes,
        "css_counters": css_counters,
    }


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
