"""Pick, for each segment of an edition, the best text its catalog offers.

A reviewed translation (translated, not fuzzy) comes first; else a draft
(a fuzzy entry: machine or team draft, or a translation of an older source
text); else the English source. A translation is only used if the rulebook
(:mod:`letter_i18n.rules`, the same that ``check`` applies) finds no error in
it: same link labels and ``{placeholders}``, no markup outside the model, no
raw HTML, URLs, bidi or control characters, even once references are decoded.
A translation that fails is not shown; the English source is, and the failure
is reported. An edition rendered from a branch nobody checked is safe too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from letter_i18n import markup, rules
from letter_i18n.catalog import model
from letter_i18n.locales import LocaleInfo

REVIEWED, DRAFT, UNTRANSLATED = "reviewed", "draft", "untranslated"


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
        filled = markup.PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), self.markup)
        return Text(filled, self.status, self.lang, self.labels)


@dataclass
class Translator:
    """Catalog lookups for one locale: the text to show, and what was refused and why."""

    info: LocaleInfo
    source_code: str
    catalog: polib.POFile | None = None
    reviewed_only: bool = False
    rejected: list[str] = field(default_factory=list)
    people: rules.People = ()  # the letter's name placeholders, for the names rule

    def __post_init__(self) -> None:
        self._entries = {model.key(e): e for e in self.catalog or [] if not e.obsolete}
        self._cache: dict[tuple[str, frozenset[str], str | None], Text] = {}
        # The catalog's own plural rule, as check and update read it.
        self.rule = self.info.rule_of(self.catalog.metadata.get("Plural-Forms")
                                      if self.catalog is not None else None)

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
        form = self.rule.form(n)
        candidate = entry.msgstr_plural.get(form, "") if entry is not None else ""
        single = form in self.rule.single_value_forms
        # Every plural form translates msgid_plural, as check judges it.
        return self._choose(singular, None, entry, candidate, singular if n == 1 else plural,
                            frozenset(), judged_against=plural, single_value_form=single)

    def _choose(self, msgid: str, msgctxt: str | None, entry: polib.POEntry | None,
                candidate: str, source: str, labels: frozenset[str],
                judged_against: str | None = None, single_value_form: bool = False) -> Text:
        if self.info.code == self.source_code:
            return Text(source, REVIEWED, self.info.tag, labels)
        status = UNTRANSLATED
        if entry is not None and candidate and model.is_translated(entry):
            status = DRAFT if model.is_fuzzy(entry) else REVIEWED
            if status == DRAFT and self.reviewed_only:
                status = UNTRANSLATED
        if status != UNTRANSLATED:
            problems = rules.errors(judged_against or source, candidate, self.info,
                                    single_value_form, self.people)
            if not problems:
                return Text(candidate, status, self.info.tag, labels)
            note = f"{msgid[:60]!r}: {problems[0].message}"
            if note not in self.rejected:
                self.rejected.append(note)
        return Text(source, UNTRANSLATED, "en", labels)

    def status(self, msgid: str, msgid_plural: str = "", msgctxt: str | None = None) -> str:
        """What the edition shows for a whole entry, whichever number a plural is used with.

        The status line counts entries this way, so that it says the same in every
        format and agrees with ``stats``: not only the texts a format happened to use.
        """
        if self.info.code == self.source_code:
            return REVIEWED
        entry = self._entries.get((msgctxt, msgid))
        if entry is None:
            return UNTRANSLATED
        if not msgid_plural:
            return self.text(msgid, frozenset(markup.referenced_labels(msgid)), msgctxt).status
        single = self.rule.single_value_forms
        shown = {self._choose(msgid, msgctxt, entry, text, msgid_plural, frozenset(),
                              judged_against=msgid_plural,
                              single_value_form=form in single).status
                 for form, text in (entry.msgstr_plural or {0: ""}).items()}
        return shown.pop() if len(shown) == 1 else UNTRANSLATED
