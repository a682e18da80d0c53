"""The locales of the letter: what CLDR says about each, and what the project adds.

The languages themselves are data, ``locales/locales.toml`` (read by
:mod:`letter_i18n.localetable`), so that adding one changes no code. Everything
else (language names, script, text direction, digits, plural rules, territory
names) comes from CLDR through Babel and ICU; the data file holds only what CLDR
cannot say (the Plural-Forms the translators' tools write, a UN date style, the
draft engines' language codes, the team's contact).
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

from babel import Locale
from babel.core import get_global, parse_locale
from babel.messages.plurals import get_plural

# How the gettext manual (and so Poedit and Weblate) spells the plural rules most
# languages share; a new catalog whose rule is one of these gets GNU's spelling.
GNU_SPELLINGS = (
    "nplurals=1; plural=0;",
    "nplurals=2; plural=(n != 1);",
    "nplurals=2; plural=(n > 1);",
)
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
    """One locale: its catalog code and the few facts CLDR lacks (from locales.toml)."""

    code: str  # gettext catalog name: locales/<code>/LC_MESSAGES/letter.po
    gnu_plural_forms: str | None = None  # the Plural-Forms the translators' tools write
    team: str | None = None  # Language-Team name; default "<English name> (<code>)"
    contact: str | None = None  # Language-Team address (mailing list or web page)
    date_pattern: str | None = None  # a formal letter's date; default CLDR's long date
    year_offset: int = 0  # added to the Gregorian year (Buddhist Era: 543)
    months: tuple[str, ...] | None = None  # month names replacing CLDR's in date_pattern
    engines: tuple[tuple[str, str], ...] = ()  # draft engine -> its code for the language
    length_ratio: tuple[float, float] | None = None  # a draft's length against English

    @cached_property
    def babel(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def tag(self) -> str:
        """BCP 47 language tag for lang="" and hreflang (zh_Hans: zh-Hans, pt_BR: pt-BR)."""
        return self.code.replace("_", "-")

    @property
    def script(self) -> str:
        """ISO 15924 script of the running text: the code's own, else CLDR's likely one."""
        if self.babel.script:
            return self.babel.script
        likely = get_global("likely_subtags").get(self.babel.language, "")
        return (parse_locale(likely)[2] if likely else None) or "Latn"

    @property
    def english_name(self) -> str:
        return self.babel.get_display_name("en")

    @property
    def native_name(self) -> str:
        return self.babel.get_display_name(self.babel)

    @property
    def menu_name(self) -> str:
        """The language's name in itself as a list of languages shows it: capitalized as
        CLDR's context transforms say for a menu ("Français", "Español", "Русский"; Arabic,
        Thai and Chinese have no case). Babel leaves out CLDR's context transforms; ICU,
        from the same CLDR, applies them."""
        import icu

        names = icu.LocaleDisplayNames.createInstance(
            icu.Locale(self.code), [icu.UDisplayContext.CAPITALIZATION_FOR_UI_LIST_OR_MENU])
        return names.localeDisplayName(self.code)

    @property
    def rtl(self) -> bool:
        return self.babel.character_order == "right-to-left"

    @property
    def language_team(self) -> str:
        """The Language-Team header: the team's name, and its address when one is known."""
        name = self.team or f"{self.english_name} ({self.code})"
        return f"{name} <{self.contact}>" if self.contact else name

    @property
    def plural_forms(self) -> str:
        """The Plural-Forms header a new catalog gets: GNU's, as Poedit and Weblate write it.

        CLDR (through Babel) gives Spanish, French and Portuguese a third form for large
        round numbers ("1 000 000 de …"); the letter counts organizations and experts,
        never millions, so that form is not needed and new catalogs follow the tools
        translators use. A catalog keeps whichever of the two it has (:meth:`rule_of`).
        """
        return self.gnu_plural_forms or default_plural_forms(self.code)

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

        Thai may write 2019 as ๒๐๑๙ and Arabic as ٢٠١٩; both are the same number. ICU
        gives a numbering system's digits; CLDR's "hanidec" (〇一二…) are not decimal digits.
        """
        import icu  # ICU loads in a tenth of a second: only when digits are asked for

        native = self.babel.other_numbering_systems.get("native", "latn")
        digits = icu.NumberingSystem.createInstanceByName(native).getDescription()
        decimal = len(digits) == 10 and all(unicodedata.decimal(d, -1) == i
                                            for i, d in enumerate(digits))
        return "".join(dict.fromkeys("0123456789" + (digits if decimal else "")))

    @property
    def nplurals(self) -> int:
        """Plural forms of a new catalog (a catalog's own: ``rule_of(header).nplurals``)."""
        return plural_rule(self.plural_forms).nplurals

    def engine_code(self, engine: str) -> str | None:
        """What a machine-translation engine calls this language; None: it cannot do it."""
        return dict(self.engines).get(engine)


def default_plural_forms(code: str) -> str:
    """The Plural-Forms a new catalog of a language gets, when locales.toml names none.

    GNU's spelling of the rule when one of the gettext manual's common rules sorts
    every count below a million as CLDR does (CLDR's extra form for exact millions
    is not needed: the letter counts no millions); else CLDR's rule as Babel writes it.
    """
    cldr = str(get_plural(code))
    small = _partition(plural_rule(cldr))
    return next((gnu for gnu in GNU_SPELLINGS if _partition(plural_rule(gnu)) == small), cldr)


def _partition(rule: PluralRule) -> frozenset[frozenset[int]]:
    """How a rule sorts the counts below a million: the classes, whatever their numbers."""
    classes: dict[int, set[int]] = {}
    for n in _PLURAL_SAMPLES:
        if n < 1_000_000:
            classes.setdefault(rule.form(n), set()).add(n)
    return frozenset(frozenset(numbers) for numbers in classes.values())


SOURCE = LocaleInfo("en")  # the language the letter is written in (source/letter.md)


@dataclass(frozen=True)
class Locales:
    """A project's locales: the source language and the translations, in catalog-code order."""

    source: LocaleInfo
    targets: tuple[LocaleInfo, ...]
    fonts: tuple[tuple[str, str], ...] = ()  # script -> CSS font stack, as declared
    sizes: tuple[tuple[str, float], ...] = ()  # script -> how much larger than Latin it is set
    shown: str = "locales/locales.toml"
    unspaced: frozenset[str] = frozenset()  # scripts whose sentences follow without a space

    @property
    def all(self) -> tuple[LocaleInfo, ...]:
        return (self.source, *self.targets)

    @cached_property
    def by_code(self) -> dict[str, LocaleInfo]:
        return {info.code: info for info in self.all}

    @property
    def codes(self) -> list[str]:
        return [info.code for info in self.targets]

    def target(self, code: str) -> LocaleInfo:
        """Look up a target locale by catalog code; KeyError lists the valid ones."""
        for info in self.targets:
            if info.code == code:
                return info
        raise KeyError(f"unknown locale '{code}'; known: {', '.join(self.codes)}")

    def font_stack(self, script: str) -> str:
        """The CSS font stack of a script: the declared one, else Noto's faces for it."""
        declared = dict(self.fonts)
        if script in declared:
            return declared[script]
        import icu
        name = icu.Script(icu.Script.getCode(script)[0]).getName().replace("_", " ")
        return f'"Noto Serif {name}", "Noto Sans {name}", "Noto Serif", serif'

    def scale(self, script: str) -> float:
        """How much larger than Latin a script is set so that it reads the same size."""
        return dict(self.sizes).get(script, 1)

    def sentence_gap(self, script: str) -> str:
        """What separates two sentences of running text in this script."""
        return "" if script in self.unspaced else " "

    def tags(self, *scripts: str) -> list[str]:
        """The language tags of the locales written in any of ``scripts``, in table order."""
        return [info.tag for info in self.all if info.script in scripts]

    @property
    def scales(self) -> list[tuple[str, float]]:
        """(language tag, scale) of each locale whose script is set larger (style.css.j2)."""
        return [(info.tag, self.scale(info.script)) for info in self.all
                if self.scale(info.script) != 1]

    @property
    def font_stacks(self) -> dict[str, str]:
        """Every script's stack: the declared ones, then those the locales need besides."""
        scripts = [s for s, _ in self.fonts] + [i.script for i in self.all]
        return {script: self.font_stack(script) for script in dict.fromkeys(scripts)}
