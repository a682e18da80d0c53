"""The seven locales of the letter, as one table.

Everything else (language names, text direction, plural rules, territory
names) comes from CLDR through Babel; only what CLDR cannot say is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.messages.plurals import get_plural

# Digit zero of the CLDR numbering systems our locales use natively (the other
# nine digits follow it in Unicode); CLDR's "hanidec" (〇一二…) has no decimal digits.
_DIGIT_ZERO = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "thai": "\u0e50"}


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
        """Plural-Forms header: CLDR's rules as Babel expresses them for gettext.

        One convention for all locales (CLDR through Babel), so Spanish and French
        have a third form for large round numbers ("1 000 000 de …"), as in CLDR.
        """
        return str(get_plural(self.code))

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
        return get_plural(self.code).num_plurals


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
