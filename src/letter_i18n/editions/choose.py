"""Pick, for each segment of an edition, the best text its catalog offers.

A reviewed translation (translated, not fuzzy) comes first; else a draft
(a fuzzy entry: machine or team draft, or a translation of an older source
text); else the English source. A translation is only used if it keeps the
segment's markup model: the same link labels as the source, the same
``{placeholders}``, no markup outside the model (raw HTML, URLs). Bidi
embedding/override/isolate controls are removed, so a catalog cannot reorder
what readers see. A translation that fails these rules is not shown; the English
source is, and the failure is reported.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field

import polib

from letter_i18n import markup
from letter_i18n.locales import LocaleInfo

REVIEWED, DRAFT, UNTRANSLATED = "reviewed", "draft", "untranslated"
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
URL_LIKE = re.compile(r"(?i)\b(?:https?|ftp|javascript|data|vbscript|file|mailto):|\bwww\.")


@dataclass(frozen=True)
class Text:
    """One segment as an edition shows it."""

    markup: str  # segment markup (translation or English source)
    status: str  # reviewed, draft or untranslated
    lang: str  # BCP 47 tag of the text
    labels: frozenset[str]

    def nodes(self) -> list[markup.Node]:
        return markup.parse(self.markup, self.labels)

    def fill(self, **values: str) -> Text:
        """Substitute ``{name}`` placeholders (no attribute access, unlike str.format)."""
        filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.markup)
        return Text(filled, self.status, self.lang, self.labels)


@dataclass
class Translator:
    """Catalog lookups for one locale, remembering what each used entry's status was."""

    info: LocaleInfo
    source_code: str
    catalog: polib.POFile | None = None
    reviewed_only: bool = False
    used: dict[tuple[str | None, str], str] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._entries = {(e.msgctxt, e.msgid): e for e in self.catalog or [] if not e.obsolete}
        self._cache: dict[tuple[str, frozenset[str], str | None], Text] = {}
        self._plural = gettext.c2py(self.info.plural_forms.split("plural=")[1].rstrip(";"))

    def text(self, msgid: str, labels: frozenset[str] = frozenset(),
             msgctxt: str | None = None) -> Text:
        key = (msgid, labels, msgctxt)
        if key not in self._cache:  # template strings are looked up once per signatory
            self._cache[key] = self._text(msgid, labels, msgctxt)
        return self._cache[key]

    def _text(self, msgid: str, labels: frozenset[str], msgctxt: str | None) -> Text:
        entry = self._entries.get((msgctxt, msgid))
        candidate = entry.msgstr if entry is not None else ""
        return self._choose(msgid, msgctxt, entry, candidate, msgid, labels)

    def plural(self, singular: str, plural: str, n: int) -> Text:
        entry = self._entries.get((None, singular))
        source = singular if n == 1 else plural
        candidate = ""
        if entry is not None and entry.msgstr_plural:
            candidate = entry.msgstr_plural.get(self._plural(n), "")
        return self._choose(singular, None, entry, candidate, source, frozenset())

    def _choose(self, msgid: str, msgctxt: str | None, entry: polib.POEntry | None,
                candidate: str, source: str, labels: frozenset[str]) -> Text:
        status = UNTRANSLATED
        if self.info.code == self.source_code:
            status = REVIEWED
        elif entry is not None and candidate:
            status = DRAFT if "fuzzy" in entry.flags else REVIEWED
            if status == DRAFT and self.reviewed_only:
                status = UNTRANSLATED
        if status != UNTRANSLATED and self.info.code != self.source_code:
            cleaned = BIDI_CONTROLS.sub("", candidate)
            problem = _problem(cleaned, source, labels)
            if problem is None:
                self.used[(msgctxt, msgid)] = status
                return Text(cleaned, status, self.info.tag, labels)
            note = f"{msgid[:60]!r}: {problem}"
            if note not in self.rejected:
                self.rejected.append(note)
            status = UNTRANSLATED
        self.used[(msgctxt, msgid)] = status
        if self.info.code == self.source_code:
            return Text(source, REVIEWED, self.info.tag, labels)
        return Text(source, UNTRANSLATED, "en", labels)

    def counts(self) -> Counter:
        return Counter(self.used.values())


def _problem(translation: str, source: str, labels: frozenset[str]) -> str | None:
    """Why a translation cannot be shown, or None."""
    if URL_LIKE.search(translation) and not URL_LIKE.search(source):
        return "it contains a URL; link targets come from source/letter.yaml only"
    try:
        nodes = markup.parse(translation, labels)
    except markup.MarkupError as exc:
        return str(exc)
    if Counter(markup.links(nodes)) != Counter(markup.links(markup.parse(source, labels))):
        return "its links differ from the source's"
    if set(PLACEHOLDER.findall(translation)) != set(PLACEHOLDER.findall(source)):
        return "its {placeholders} differ from the source's"
    return None
