"""The rulebook: what is wrong with this translation of this source?

Every stage that meets a translation asks here, so that they judge alike:
``check`` (the CI gate) reports each problem as a finding, ``render`` shows a
translation only if it has no error (otherwise the English, with a warning),
machine drafts are refused on the same errors, and so are imported texts.
Whatever ``check`` passes, ``render`` shows; whatever ``render`` refuses,
``check`` fails.

A rule reads the translation twice: as the translator wrote it (raw markup)
and as a reader gets it, after CommonMark has decoded character references
and escapes (``h&#116;tps://`` is ``https://`` to a reader, ``&#x202E;`` a real
RIGHT-TO-LEFT OVERRIDE). Each rule is one small function over a
:class:`Message` in :data:`RULES`; errors make a translation unusable,
warnings ask a person to look.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from letter_i18n import markup
from letter_i18n.locales import LocaleInfo

ERROR, WARNING = "error", "warning"
# A person's {placeholder} and the forms of the name (as written, then in other scripts):
# hashable, so that errors() can remember its verdicts.
People = tuple[tuple[str, tuple[str, ...]], ...]
EXCERPT = 60

_NUMBER = re.compile(r"\d+")  # any script's decimal digits; "2014-2020" holds two numbers
# Web addresses a reader (or a Markdown viewer's autolinker) would follow: any scheme with
# "//" wherever it stands ("2091ftp://…"), the schemes browsers act on without it unless
# they end a word ("metadata:" is not a link), and "www." names.
_URL = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://"
                  r"|(?<![a-z])(?:javascript|vbscript|data|file|mailto|tel|sms|blob|about):"
                  r"|www\.)[^\s\]\)>]*")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>|<!--"  # tags and comments
                   r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")  # references
_BIDI_CONTROLS = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C, 0x200E, 0x200F}
_JOINERS = {0x200C, 0x200D}  # ZWNJ, ZWJ: needed to shape Arabic, Indic and emoji
_INVISIBLE_LETTERS = {0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0, 0xFFFD}  # fillers, blank, U+FFFD
_LEADING, _TRAILING = re.compile(r"\A\s*"), re.compile(r"\s*\Z")
# Characters that only markup uses: in what a reader sees, each is a piece of markup that
# did not take (an unbalanced "*", a "[" of a link written apart from its label).
_MARKUP_CHARS = "*_`[]<>"
_STRAY_BRACE = re.compile(r"[{}]")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    rule: str
    severity: str
    message: str


@dataclass
class Message:
    """One translated form next to the source text it translates."""

    source: str
    translation: str
    locale: LocaleInfo | None = None  # digits it may write numbers with; None: ASCII only
    glossary: object | None = None  # a source.glossary.Glossary, for the warnings
    single_value_form: bool = False  # a plural form for one number only may omit {count}
    people: People = ()  # placeholders that stand for a person's name, with its forms

    @cached_property
    def labels(self) -> frozenset[str]:
        """Parse both texts against the labels either names: a label the source lacks is
        then reported as such, not as a parse error."""
        return frozenset({*markup.referenced_labels(self.source),
                          *markup.referenced_labels(self.translation)})

    @cached_property
    def source_nodes(self) -> list[markup.Node] | None:
        return _parse(self.source, self.labels)

    @cached_property
    def translation_nodes(self) -> list[markup.Node] | None:
        return _parse(_mask_braces(self.translation), self.labels)

    @cached_property
    def source_text(self) -> str:
        """What a reader of the source sees: markup gone, references decoded, spaces normal."""
        return _reader_text(self.source_nodes, self.source)

    @cached_property
    def translation_text(self) -> str:
        return _reader_text(self.translation_nodes, self.translation)

    @cached_property
    def decoded(self) -> str:
        """The translation's text as CommonMark decodes it, unnormalized (controls kept)."""
        nodes = self.translation_nodes
        return markup.plain_text(nodes) if nodes is not None else self.translation


def _parse(text: str, labels: frozenset[str]) -> list[markup.Node] | None:
    try:
        return markup.parse(text, labels)
    except markup.MarkupError:
        return None


def _mask_braces(text: str) -> str:
    """Brace groups hidden from the Markdown parser: ``{date.__class__}`` is a bad
    placeholder (the placeholders rule says so), not strong emphasis."""
    return markup.BRACE_GROUP.sub(lambda m: "{" + "x" * (len(m.group(0)) - 2) + "}", text)


def _reader_text(nodes: list[markup.Node] | None, raw: str) -> str:
    return _norm(markup.plain_text(nodes) if nodes is not None else raw)


# --- the rules: each yields what is wrong with one message ------------------------------------

def rule_markup(m: Message) -> Iterator[str]:
    if m.translation_nodes is None:
        if not _HTML.search(m.translation):  # raw HTML is the html rule's to report
            try:
                markup.parse(_mask_braces(m.translation), m.labels)
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
    found = markup.links(m.translation_nodes)
    for label, count in Counter(found).items():
        if label not in wanted:
            yield f"link [{label}] is not in the source"
        elif count > 1:
            yield f"link [{label}] is used {count} times; use it once, as the source does"
    for label in wanted:
        if label not in found:
            yield f"link [{label}] is missing: keep [translated text][{label}]"
    full = Counter(markup.full_reference_labels(m.translation))
    for label, count in Counter(found).items():
        if count > full[label]:
            yield f"link [{label}] is not written [text][{label}] (text and label together)"
    for label in _empty_links(m.translation_nodes):
        yield f"link [{label}] has no text"
    source_plain = markup.plain_text(m.source_nodes)
    stray = [ch for ch in _MARKUP_CHARS if m.decoded.count(ch) > source_plain.count(ch)]
    if stray:
        yield (f"markup characters that do not take effect: {' '.join(stray)} "
               "(unbalanced emphasis, or a link written apart from its label)")


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


def rule_placeholders(m: Message) -> Iterator[str]:
    want = Counter(markup.placeholders(m.source))
    have = Counter(markup.placeholders(m.translation))
    for group in dict.fromkeys(markup.BRACE_GROUP.findall(m.translation)):
        if not markup.PLACEHOLDER.fullmatch(group):
            yield f"'{excerpt(group, 40)}' is not a placeholder: keep each {{name}} as it is"
    rest = markup.BRACE_GROUP.sub("", m.translation)
    if _STRAY_BRACE.search(rest) and not _STRAY_BRACE.search(markup.BRACE_GROUP.sub("", m.source)):
        yield "a brace { or } outside a {placeholder}"
    for name in sorted(have.keys() - want.keys()):
        yield f"{{{name}}} is not a placeholder of the source"
    for name in sorted(want.keys() - have.keys()):
        if not m.single_value_form:
            yield f"{{{name}}} is missing: keep every {{placeholder}} unchanged"
    for name in sorted(want.keys() & have.keys()):
        if want[name] != have[name]:
            yield f"{{{name}}} appears {have[name]} times, {want[name]} in the source"


def rule_names(m: Message) -> Iterator[str]:
    """A person's name is a placeholder the edition fills in the reader's script: written
    out (as the source spells it, or in a script), it would not follow letter.yaml."""
    wanted = set(markup.placeholders(m.source))
    for key, forms in m.people:
        if key not in wanted:
            continue
        surname = forms[0].split()[-1]
        spelled = [form for form in forms if form in m.translation_text]
        if not spelled and re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", m.translation_text):
            spelled = [surname]
        if spelled:
            yield (f"“{spelled[0]}” is written out: write {{{key}}}, which each edition fills "
                   "with the name in its readers' script (source/letter.yaml)")


def rule_numbers(m: Message) -> Iterator[str]:
    digits = m.locale.digits if m.locale is not None else "0123456789"
    have = Counter(_digits(run, digits) for run in _NUMBER.findall(m.translation_text))
    for number, count in sorted(Counter(_NUMBER.findall(m.source_text)).items()):
        if have[number] < count:
            yield f"the number {number} is missing" + (f" ({count} times in the source)"
                                                       if count > 1 else "")


def _digits(run: str, accepted: str) -> str:
    """ASCII form of a digit run in the locale's digits; '?' marks a digit of another script."""
    return "".join(str(unicodedata.decimal(ch)) if ch in accepted else "?" for ch in run)


def rule_html(m: Message) -> Iterator[str]:
    for found in dict.fromkeys(_HTML.findall(m.translation)):
        if found not in m.source:
            yield f"raw HTML or character reference '{found}': write the character itself"


def rule_urls(m: Message) -> Iterator[str]:
    for text in (m.translation, m.decoded):
        for found in dict.fromkeys(_URL.findall(text)):
            if found not in m.source:
                yield f"web address '{excerpt(found, 40)}': links use the source's " \
                      "[text][label], never a URL"


def rule_invisible(m: Message) -> Iterator[str]:
    for text in dict.fromkeys((m.translation, m.decoded)):
        yield from _invisible(text)


def _invisible(text: str) -> Iterator[str]:
    if text.replace("\n", "").isprintable() and not any(
            chr(code) in text for code in _INVISIBLE_LETTERS):
        return  # the common case, decided in C: no control, format or separator character
    for column, ch in enumerate(text, 1):
        if ch == "\n":
            continue  # the whitespace rule compares line breaks
        code = ord(ch)
        category = unicodedata.category(ch)
        if code in _BIDI_CONTROLS:
            kind = "bidi control character"
        elif code in _JOINERS:
            if not _between_latin(text, column - 1):
                continue
            kind = "joiner inside a Latin or Cyrillic word"
        elif category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs") or code in _INVISIBLE_LETTERS:
            kind = "control or invisible character"
        else:
            continue
        name = unicodedata.name(ch, "control")
        yield f"{kind} U+{code:04X} {name} at character {column}: remove it"


def _between_latin(text: str, i: int) -> bool:
    """A joiner shapes nothing between two letters of an alphabet without joining forms."""
    around = [text[j] for j in (i - 1, i + 1) if 0 <= j < len(text)]
    return bool(around) and all(ch.isalpha() and unicodedata.name(ch, "").startswith(
        ("LATIN", "CYRILLIC", "GREEK")) for ch in around)


def rule_whitespace(m: Message) -> Iterator[str]:
    for where, pattern in (("leading", _LEADING), ("trailing", _TRAILING)):
        want = pattern.search(m.source).group(0)
        have = pattern.search(m.translation).group(0)
        if want != have:
            yield f"{where} whitespace {have!r} differs from the source's {want!r}"
    if m.source.count("\n") != m.translation.count("\n"):
        yield (f"{m.translation.count(chr(10))} line breaks, the source has "
               f"{m.source.count(chr(10))}")


def rule_glossary(m: Message) -> Iterator[str]:
    """Found anywhere in the translation (no word boundaries in Thai or Chinese; variants may
    be stems), ignoring case: a heading or sentence start capitalizes "derechos humanos"."""
    if m.glossary is None or m.locale is None:
        return
    translation = m.translation_text.casefold()
    for match in m.glossary.terms_in(m.source_text):
        rendering = match.term.renderings.get(m.locale.code)
        if rendering is None or any(_norm(form).casefold() in translation
                                    for form in rendering.forms):
            continue
        accepted = " or ".join(f"“{form}”" for form in rendering.forms)
        yield f"“{excerpt(match.form, 40)}” ({match.term.id}): expected {accepted}"


def rule_do_not_translate(m: Message) -> Iterator[str]:
    if m.glossary is None:
        return
    translation = m.translation_text
    for name in m.glossary.untranslatables_in(m.source_text):
        if name not in translation:
            yield f"“{name}” must appear unchanged (glossary: do not translate)"


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass(frozen=True)
class Rule:
    name: str
    severity: str
    verifies: str
    run: Callable[[Message], Iterator[str]]


RULES: tuple[Rule, ...] = (
    Rule("markup", ERROR, "same emphasis, strong and link labels as the source, each link "
         "once and written [text][label]; nothing outside the segment model", rule_markup),
    Rule("placeholders", ERROR, "the same {placeholders} as the source, nothing else in braces",
         rule_placeholders),
    Rule("names", ERROR, "a person's name stays the {placeholder} the source has, never "
         "written out in any script", rule_names),
    Rule("numbers", ERROR, "every number of the source (ASCII or the locale's own digits)",
         rule_numbers),
    Rule("html", ERROR, "no raw HTML tags or character references", rule_html),
    Rule("urls", ERROR, "no web addresses of any scheme, also once references are decoded "
         "(links go through labels)", rule_urls),
    Rule("invisible", ERROR, "no bidi controls, control characters or other invisible "
         "characters (joiners only where a script needs them)", rule_invisible),
    Rule("whitespace", ERROR, "leading/trailing whitespace and line breaks as in the source",
         rule_whitespace),
    Rule("glossary", WARNING, "the agreed rendering of each glossary term the source uses",
         rule_glossary),
    Rule("do-not-translate", WARNING, "names the glossary keeps untranslated appear unchanged",
         rule_do_not_translate),
)
BY_NAME = {rule.name: rule for rule in RULES}


def judge(message: Message) -> list[Problem]:
    """Every problem of one translated form, errors and warnings, each once, in rule order."""
    found = errors(message.source, message.translation, message.locale,
                   message.single_value_form, message.people)
    return found + [Problem(rule.name, rule.severity, text) for rule in RULES
                    if rule.severity == WARNING for text in dict.fromkeys(rule.run(message))]


def errors(source: str, translation: str, locale: LocaleInfo | None = None,
           single_value_form: bool = False, people: People = ()) -> list[Problem]:
    """The errors that make ``translation`` unusable in place of ``source`` (no warnings).

    Remembered: a build asks for the same texts in render, in each format's
    status line and on the review pages.
    """
    return list(_errors(source, translation, locale, single_value_form, people))


@lru_cache(maxsize=16384)
def _errors(source: str, translation: str, locale: LocaleInfo | None,
            single_value_form: bool, people: People) -> tuple[Problem, ...]:
    message = Message(source, translation, locale, None, single_value_form, people)
    return tuple(Problem(rule.name, rule.severity, text) for rule in RULES
                 if rule.severity == ERROR for text in dict.fromkeys(rule.run(message)))


SAFETY_RULES = ("html", "urls", "invisible")


def unsafe(text: str) -> list[Problem]:
    """What would make a source text unsafe to show: the rulebook's safety rules, with
    nothing in the source to excuse it (the letter itself may hold no URL or reference)."""
    message = Message("", text)
    return [Problem(name, ERROR, found) for name in SAFETY_RULES
            for found in dict.fromkeys(BY_NAME[name].run(message))]

