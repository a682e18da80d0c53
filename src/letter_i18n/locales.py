"""The seven locales of the letter, as one table.

Everything else (language names, text direction, plural rules, territory
names) comes from CLDR through Babel; only what CLDR cannot say is written here.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from babel import Locale
from babel.messages.plurals import get_plural

# Digit zero of the CLDR numbering systems our locales use natively (the other
# nine digits follow it in Unicode); CLDR's "hanidec" (〇一二…) has no decimal digits.
_DIGIT_ZERO = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "thai": "\u0e50"}


# GNU gettext's Plural-Forms for these languages, as Poedit and Weblate write them (the
# gettext manual's table): not CLDR data, the convention of the tools translators use.
_GNU_PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "th": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
}
# Numbers on which two rules must agree to be the same rule (every ending CLDR rules use).
_PLURAL_SAMPLES = (*range(0, 1200), 1_000_000, 2_000_000, 1_000_001, 10_000_000)


@dataclass(frozen=True)
class PluralRule:
    """A Plural-Forms header read: how many forms, and which one a number takes."""

    header: str

    @cached_property
    def _parsed(self) -> tuple[int, Callable[[int], int]] | None:
        found = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=(.*?);?\s*",
                             self.header)
        if not found:
            return None
        try:
            return int(found.group(1)), gettext.c2py(found.group(2).strip())
        except (ValueError, SyntaxError):
            return None

    @property
    def valid(self) -> bool:
        return self._parsed is not None

    @property
    def nplurals(self) -> int:
        return self._parsed[0] if self._parsed else 1

    def form(self, n: int) -> int:
        return self._parsed[1](n) if self._parsed else 0

    def same_as(self, other: PluralRule) -> bool:
        return _same_rules(self.header, other.header)

    @cached_property
    def single_value_forms(self) -> frozenset[int]:
        """Forms that stand for one number only (as msgfmt -c reasons: n in 0…999); such a
        form may leave out its {count}."""
        used = Counter(self.form(n) for n in range(1000))
        return frozenset(form for form, count in used.items() if count == 1)


@cache
def plural_rule(header: str) -> PluralRule:
    """One rule per header text, read once (update, check, render and drafts ask often)."""
    return PluralRule(header)


@cache
def _same_rules(first: str, second: str) -> bool:
    """Whether two headers give every number the same form (asked once per pair: each
    answer evaluates both rules on every sample number)."""
    one, other = plural_rule(first), plural_rule(second)
    return (one.valid and other.valid and one.nplurals == other.nplurals
            and all(one.form(n) == other.form(n) for n in _PLURAL_SAMPLES))


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # gettext catalog name: locales/<code>/LC_MESSAGES/letter.po
    tag: str  # BCP 47 language tag for lang="" and hreflang
    script: str  # ISO 15924 script of the language's running text

    @cached_property
    def babel(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def english_name(self) -> str:
        return self.babel.get_display_name("en")

    @property
    def native_name(self) -> str:
        return self.babel.get_display_name(self.babel)

    @property
    def rtl(self) -> bool:
        return self.babel.character_order == "right-to-left"

    @property
    def plural_forms(self) -> str:
        """The Plural-Forms header a new catalog gets: GNU's, as Poedit and Weblate write it.

        CLDR (through Babel) gives Spanish and French a third form for large round
        numbers ("1 000 000 de …"); the letter counts organizations and experts,
        never millions, so that form is not needed and new catalogs follow the tools
        translators use. A catalog keeps whichever of the two it has (:meth:`rule_of`).
        """
        return _GNU_PLURAL_FORMS.get(self.code) or self.cldr_plural_forms

    @property
    def cldr_plural_forms(self) -> str:
        return str(get_plural(self.code))

    def rule_of(self, header: str | None) -> PluralRule:
        """The plural rule a catalog uses: its own Plural-Forms when it is one of the
        language's (GNU's, Poedit's, Weblate's or CLDR's, however written), else the default."""
        if header:
            own = plural_rule(header)
            if own.valid and any(own.same_as(plural_rule(known)) for known in
                                 (self.plural_forms, self.cldr_plural_forms)):
                return own
        return plural_rule(self.plural_forms)

    def accepts(self, header: str | None) -> bool:
        return bool(header) and self.rule_of(header).header == header

    @property
    def digits(self) -> str:
        """Decimal digits a number may be written with: ASCII, plus CLDR's native digits.

        Thai may write 2019 as ๒๐๑๙ and Arabic as ٢٠١٩; both are the same number.
        """
        native = self.babel.other_numbering_systems.get("native", "latn")
        zeros = dict.fromkeys(["0", _DIGIT_ZERO.get(native, "0")])
        return "".join(chr(ord(zero) + i) for zero in zeros for i in range(10))

    @property
    def nplurals(self) -> int:
        """Plural forms of a new catalog (a catalog's own: ``rule_of(header).nplurals``)."""
        return plural_rule(self.plural_forms).nplurals


SOURCE = LocaleInfo("en", "en", "Latn")

TARGETS: tuple[LocaleInfo, ...] = (
    LocaleInfo("ar", "ar", "Arab"),
    LocaleInfo("es", "es", "Latn"),
    LocaleInfo("fr", "fr", "Latn"),
    LocaleInfo("ru", "ru", "Cyrl"),
    LocaleInfo("th", "th", "Thai"),
    LocaleInfo("zh_Hans", "zh-Hans", "Hans"),
)

ALL: tuple[LocaleInfo, ...] = (SOURCE, *TARGETS)
BY_CODE = {info.code: info for info in ALL}


def target(code: str) -> LocaleInfo:
    """Look up a target locale by catalog code; KeyError lists the valid ones."""
    for info in TARGETS:
        if info.code == code:
            return info
    raise KeyError(f"unknown locale '{code}'; known: {', '.join(t.code for t in TARGETS)}")
