"""What a reviewer would otherwise check by eye: catalogs in sync, translations faithful in form.

Catalog checks: the template equals a fresh extraction from the source, every
catalog holds exactly the template's entries, headers fit the locale. Entry
checks run on every translated or draft message and compare it with its
source: markup, placeholders, numbers, no HTML/URLs/invisible characters,
surrounding whitespace, glossary terms. Each check is one small function in
:data:`ENTRY_CHECKS`; a finding names ``file:line`` of the entry, the check and
an excerpt of the msgid. Errors fail CI; warnings ask a person to look.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache, cached_property

import polib

from letter_i18n import locales, markup
from letter_i18n.catalog import template
from letter_i18n.catalog.pofile import dump_entry, header_line, load_po
from letter_i18n.errors import UserError
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project
from letter_i18n.source import glossary
from letter_i18n.source.glossary import Glossary

ERROR, WARNING = "error", "warning"
EXCERPT = 60

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")
_NUMBER = re.compile(r"\d+")  # any script's decimal digits; "2014-2020" holds two numbers
_URL = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s\]\)>]*")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>|<!--"  # tags and comments
                   r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")  # references
_BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_ALLOWED_FORMAT = {0x200C, 0x200D}  # ZWNJ, ZWJ: needed for shaping, they hide nothing
_INVISIBLE_LETTERS = {0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0}  # fillers, braille blank
_LEADING, _TRAILING = re.compile(r"\A\s*"), re.compile(r"\s*\Z")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    check: str
    severity: str
    message: str
    msgid: str = ""  # excerpt of the msgid the finding is about; empty for a whole catalog

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity} [{self.check}] {self.message}"
        return f'{text}\n    msgid "{self.msgid}"' if self.msgid else text

    def to_dict(self) -> dict:
        return asdict(self)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass
class Message:
    """One translated form of an entry next to the source it translates."""

    source: str
    translation: str
    locale: LocaleInfo
    glossary: Glossary
    single_value_form: bool = False  # a plural form used for one number only may omit {count}

    @cached_property
    def labels(self) -> set[str]:
        return {*markup.referenced_labels(self.source), *markup.referenced_labels(self.translation)}

    @cached_property
    def source_nodes(self) -> list[markup.Node] | None:
        return _parse(self.source, self.labels)

    @cached_property
    def translation_nodes(self) -> list[markup.Node] | None:
        return _parse(self.translation, self.labels)

    def plain(self, nodes: list[markup.Node] | None, raw: str) -> str:
        """Text as a reader sees it (markup and link labels removed), spaces normalized."""
        text = markup.plain_text(nodes) if nodes is not None else raw
        return unicodedata.normalize("NFC", " ".join(text.split()))

    @property
    def source_text(self) -> str:
        return self.plain(self.source_nodes, self.source)

    @property
    def translation_text(self) -> str:
        return self.plain(self.translation_nodes, self.translation)


def _parse(text: str, labels: set[str]) -> list[markup.Node] | None:
    try:
        return markup.parse(text, labels)
    except markup.MarkupError:
        return None


# --- entry checks: each yields what is wrong with one message -------------------------------

def check_markup(m: Message) -> Iterator[str]:
    if m.translation_nodes is None:
        if not _HTML.search(m.translation):  # raw HTML is the html check's to report
            try:
                markup.parse(m.translation, m.labels)
            except markup.MarkupError as exc:
                yield f"markup outside the segment model: {exc}"
        return
    if m.source_nodes is None:
        return
    want, have = _shape(m.source_nodes), _shape(m.translation_nodes)
    for kind, name in (("em", "emphasis *…*"), ("strong", "strong **…**")):
        if want[kind] != have[kind]:
            yield f"{name}: {want[kind]} in the source, {have[kind]} in the translation"
    wanted = Counter(markup.links(m.source_nodes))
    for label, count in Counter(markup.links(m.translation_nodes)).items():
        if label not in wanted:
            yield f"link [{label}] is not in the source"
        elif count > 1:
            yield f"link [{label}] is used {count} times; use it once, as the source does"
    for label in wanted:
        if label not in markup.links(m.translation_nodes):
            yield f"link [{label}] is missing: keep [translated text][{label}]"
    for label in _empty_links(m.translation_nodes):
        yield f"link [{label}] has no text"


def _shape(nodes: list[markup.Node]) -> Counter[str]:
    found: Counter[str] = Counter()
    for node in nodes:
        found[node.kind] += 1
        found.update(_shape(node.children))
    return found


def _empty_links(nodes: list[markup.Node]) -> Iterator[str]:
    for node in nodes:
        if node.kind == "link" and not node.plain().strip():
            yield node.label
        yield from _empty_links(node.children)


def check_placeholders(m: Message) -> Iterator[str]:
    want = Counter(_PLACEHOLDER.findall(m.source))
    have = Counter(_PLACEHOLDER.findall(m.translation))
    for name in sorted(have.keys() - want.keys()):
        yield f"{{{name}}} is not a placeholder of the source"
    for name in sorted(want.keys() - have.keys()):
        if not m.single_value_form:
            yield f"{{{name}}} is missing: keep every {{placeholder}} unchanged"
    for name in sorted(want.keys() & have.keys()):
        if want[name] != have[name]:
            yield f"{{{name}}} appears {have[name]} times, {want[name]} in the source"


def check_numbers(m: Message) -> Iterator[str]:
    have = Counter(_digits(run, m.locale.digits) for run in _NUMBER.findall(m.translation_text))
    for number, count in sorted(Counter(_NUMBER.findall(m.source_text)).items()):
        if have[number] < count:
            yield f"the number {number} is missing" + (f" ({count} times in the source)"
                                                       if count > 1 else "")


def _digits(run: str, accepted: str) -> str:
    """ASCII form of a digit run in the locale's digits; '?' marks a digit of another script."""
    return "".join(str(unicodedata.decimal(ch)) if ch in accepted else "?" for ch in run)


def check_html(m: Message) -> Iterator[str]:
    for found in dict.fromkeys(_HTML.findall(m.translation)):
        if found not in m.source:
            yield f"raw HTML or character reference '{found}': write the character itself"


def check_urls(m: Message) -> Iterator[str]:
    for found in dict.fromkeys(_URL.findall(m.translation)):
        if found not in m.source:
            yield f"web address '{found}': links use the source's [text][label], never a URL"


def check_invisible(m: Message) -> Iterator[str]:
    if m.translation.replace("\n", "").isprintable() and not any(
            chr(code) in m.translation for code in _INVISIBLE_LETTERS):
        return  # the common case, decided in C: no control, format or separator character
    for column, ch in enumerate(m.translation, 1):
        if ch == "\n":
            continue  # the whitespace check compares line breaks
        code = ord(ch)
        category = unicodedata.category(ch)
        if code in _BIDI_CONTROLS:
            kind = "bidi control character"
        elif (category in ("Cc", "Zl", "Zp") or code in _INVISIBLE_LETTERS
              or (category == "Cf" and code not in _ALLOWED_FORMAT)):
            kind = "invisible character"
        else:
            continue
        name = unicodedata.name(ch, "control")
        yield f"{kind} U+{code:04X} {name} at character {column}: remove it"


def check_whitespace(m: Message) -> Iterator[str]:
    for where, pattern in (("leading", _LEADING), ("trailing", _TRAILING)):
        want = pattern.search(m.source).group(0)
        have = pattern.search(m.translation).group(0)
        if want != have:
            yield f"{where} whitespace {have!r} differs from the source's {want!r}"
    if m.source.count("\n") != m.translation.count("\n"):
        yield (f"{m.translation.count(chr(10))} line breaks, the source has "
               f"{m.source.count(chr(10))}")


def check_glossary(m: Message) -> Iterator[str]:
    """Found anywhere in the translation (no word boundaries in Thai or Chinese; variants may
    be stems), ignoring case: a heading or sentence start capitalizes "derechos humanos"."""
    translation = m.translation_text.casefold()
    for match in m.glossary.terms_in(m.source_text):
        rendering = match.term.renderings.get(m.locale.code)
        if rendering is None or any(_norm(form).casefold() in translation
                                    for form in rendering.forms):
            continue
        accepted = " or ".join(f"“{form}”" for form in rendering.forms)
        yield f"“{excerpt(match.form, 40)}” ({match.term.id}): expected {accepted}"


def check_do_not_translate(m: Message) -> Iterator[str]:
    translation = m.translation_text
    for name in m.glossary.untranslatables_in(m.source_text):
        if name not in translation:
            yield f"“{name}” must appear unchanged (glossary: do not translate)"


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass(frozen=True)
class Check:
    name: str
    severity: str
    verifies: str
    run: Callable[[Message], Iterator[str]] | None = None  # None: a whole-catalog check


ENTRY_CHECKS: tuple[Check, ...] = (
    Check("markup", ERROR, "same emphasis, strong and link labels as the source, each link "
          "once; nothing outside the segment model", check_markup),
    Check("placeholders", ERROR, "the same {placeholders} as the source", check_placeholders),
    Check("numbers", ERROR, "every number of the source (ASCII or the locale's own digits)",
          check_numbers),
    Check("html", ERROR, "no raw HTML tags or character references", check_html),
    Check("urls", ERROR, "no web addresses (links go through labels)", check_urls),
    Check("invisible", ERROR, "no bidi controls (U+202A–U+202E, U+2066–U+2069) or other "
          "invisible characters", check_invisible),
    Check("whitespace", ERROR, "leading/trailing whitespace and line breaks as in the source",
          check_whitespace),
    Check("glossary", WARNING, "the agreed rendering of each glossary term the source uses",
          check_glossary),
    Check("do-not-translate", WARNING, "names the glossary keeps untranslated appear unchanged",
          check_do_not_translate),
)
CATALOG_CHECKS: tuple[Check, ...] = (
    Check("syntax", ERROR, "the catalog reads as a UTF-8 PO file"),
    Check("sync", ERROR, "the template equals a fresh extraction; each catalog holds exactly "
          "the template's entries (plus obsolete ones)"),
    Check("header", ERROR, "Language and Plural-Forms fit the locale; header not fuzzy"),
)
CHECKS = CATALOG_CHECKS + ENTRY_CHECKS
BY_NAME = {check.name: check for check in CHECKS}


def finding(path: str, line: int | None, check: str, message: str, msgid: str = "") -> Finding:
    return Finding(path, line, check, BY_NAME[check].severity, message, excerpt(msgid))


# --- entries ----------------------------------------------------------------------------------

def messages(entry: polib.POEntry, info: LocaleInfo, glossary: Glossary) -> Iterator[Message]:
    """The non-empty translated forms of an entry; plural forms answer to ``msgid_plural``."""
    if entry.msgid_plural:
        single = _single_value_forms(info.plural_forms)
        for index, text in sorted(entry.msgstr_plural.items()):
            if text:
                yield Message(entry.msgid_plural, text, info, glossary, int(index) in single)
    elif entry.msgstr:
        yield Message(entry.msgid, entry.msgstr, info, glossary)


@cache
def _single_value_forms(plural_forms: str) -> frozenset[int]:
    """Plural forms that stand for one number only (as msgfmt -c reasons: n in 0…999)."""
    expr = plural_forms.partition("plural=")[2].strip().rstrip(";")
    rule = gettext.c2py(expr)
    used = Counter(rule(n) for n in range(1000))
    return frozenset(form for form, count in used.items() if count == 1)


def check_entries(catalog: polib.POFile, info: LocaleInfo, glossary: Glossary,
                  shown: str) -> list[Finding]:
    """Entry checks on every active translated or draft entry of one catalog."""
    found: list[Finding] = []
    for entry in catalog:
        if entry.obsolete:
            continue
        for message in messages(entry, info, glossary):
            for check in ENTRY_CHECKS:
                for problem in dict.fromkeys(check.run(message)):
                    found.append(finding(shown, entry.linenum, check.name, problem, entry.msgid))
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
        return {"checked": self.checked, "errors": self.errors, "warnings": self.warnings,
                "findings": [f.to_dict() for f in self.findings]}


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _read(project: Project, path, report: Report) -> polib.POFile | None:
    """Read a catalog; a broken one becomes a ``syntax`` finding instead of stopping the run."""
    shown = project.shown(path)
    report.checked.append(shown)
    try:
        return load_po(path, shown)
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
    have = {_key(e): e for e in pot if not e.obsolete}
    want = {_key(e): e for e in fresh}
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
    if " ".join(meta.get("Plural-Forms", "").split()) != " ".join(info.plural_forms.split()):
        found.append(finding(shown, header_line(catalog, "Plural-Forms"), "header",
                             f"Plural-Forms should be '{info.plural_forms}' (CLDR via Babel)"))
    for entry in catalog:
        if entry.msgid_plural and not entry.obsolete and len(entry.msgstr_plural) != info.nplurals:
            found.append(finding(shown, entry.linenum, "header", f"{len(entry.msgstr_plural)} "
                                 f"plural forms; {info.code} has {info.nplurals}", entry.msgid))
    if pot is not None:
        found += _check_against_template(catalog, pot, shown)
    return found


def _check_against_template(catalog: polib.POFile, pot: polib.POFile, shown: str) -> list[Finding]:
    want = [_key(e) for e in pot if not e.obsolete]
    have = {_key(e): e for e in catalog if not e.obsolete}
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
    plurals = {_key(e): e.msgid_plural for e in pot}
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
    terms = glossary.for_project(project)
    # Catalogs are compared with the template; its own findings count when it is checked.
    pot = _read(project, project.pot_path, report if template else Report())
    if template and pot is not None:
        report.findings += check_template(project, pot)
    targets = [locales.target(c) for c in codes] if codes is not None else list(locales.TARGETS)
    for info in targets:
        path = project.po_path(info.code)
        catalog = _read(project, path, report)
        if catalog is None:
            continue
        shown = project.shown(path)
        report.findings += check_catalog(catalog, info, pot, shown)
        report.findings += check_entries(catalog, info, terms, shown)
    report.findings.sort(key=lambda f: (f.path, f.line or 0))
    return report
