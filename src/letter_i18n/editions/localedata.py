"""Locale data for the editions that CLDR (through Babel) does not provide.

Month names, territory names, language names, text direction and plural rules
all come from CLDR through Babel. What is written here by hand, and why:

- UN editorial date style differs from CLDR's long date format in three
  languages: Russian adds "года" after the year (CLDR writes "г."); Arabic
  pairs the Syriac month name with the Gregorian one ("كانون الأول/ديسمبر")
  and writes June and July as "يونيه" and "يوليه", where CLDR has neither the
  pairing nor those spellings; Thai letters count years in the Buddhist Era
  (Gregorian year + 543), and Babel has no Buddhist calendar.
- Font stacks per script, and how much larger a script is set than Latin, are
  design choices, not locale data.
- Whether sentences are separated by a space is a property of the script (CLDR
  has no such datum): Chinese and Japanese end a sentence with a full-width
  stop that carries its own space.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from letter_i18n import locales

# Arabic month names in UN editorial style: Syriac/Gregorian pairs (CLDR lacks them).
_ARABIC_UN_MONTHS = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
    "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)


@dataclass(frozen=True)
class DateStyle:
    """How a locale writes a full date in a formal letter.

    ``pattern`` is a CLDR date pattern for Babel with the year left out as
    ``{year}`` and, where CLDR's month name is not the one used, ``{month}``.
    """

    pattern: str
    year_offset: int = 0  # added to the Gregorian year (Buddhist Era: 543)
    months: tuple[str, ...] | None = None  # month names replacing CLDR's


DATE_STYLES: dict[str, DateStyle] = {
    "en": DateStyle("d MMMM {year}"),
    "fr": DateStyle("d MMMM {year}"),
    "es": DateStyle("d 'de' MMMM 'de' {year}"),
    "ru": DateStyle("d MMMM {year} 'года'"),
    "zh_Hans": DateStyle("{year}年M月d日"),
    "ar": DateStyle("d {month} {year}", months=_ARABIC_UN_MONTHS),
    "th": DateStyle("d MMMM {year}", year_offset=543),
}


def format_letter_date(date: dt.date, locale: str) -> str:
    """The date as a formal letter in that language writes it (UN editorial style)."""
    style = DATE_STYLES[locale]
    pattern = style.pattern.replace("{year}", "'{year}'").replace("{month}", "'{month}'")
    text = format_date(date, pattern, locale=locale)
    text = text.replace("{year}", str(date.year + style.year_offset))
    if style.months:
        text = text.replace("{month}", style.months[date.month - 1])
    return text


# Font stacks by ISO 15924 script: Noto families first (Debian: fonts-noto-core,
# fonts-noto-cjk), then common system fonts, then the generic family.
FONT_STACKS: dict[str, str] = {
    "Latn": '"Noto Serif", "Noto Sans", "DejaVu Serif", Georgia, serif',
    "Cyrl": '"Noto Serif", "Noto Sans", "DejaVu Serif", Georgia, serif',
    "Arab": '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Noto Serif", serif',
    "Thai": '"Noto Serif Thai", "Noto Sans Thai", "Tahoma", "Noto Serif", sans-serif',
    "Hans": '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Songti SC", '
            '"Noto Serif", serif',
}

# How much larger than Latin a script is set so that it reads the same size: Thai letters
# stand on a small x-height with their vowels and tone marks above and below, and read
# about a tenth smaller than Latin at the same font size.
SCRIPT_SCALES: dict[str, float] = {"Thai": 1.12}


def script_scales() -> list[tuple[str, float]]:
    """(language tag, scale) of each locale whose script is set larger (style.css.j2)."""
    return [(info.tag, SCRIPT_SCALES[info.script]) for info in locales.ALL
            if info.script in SCRIPT_SCALES]


# Scripts whose sentences follow one another without a space (the full-width stop has it).
NO_SPACE_BETWEEN_SENTENCES = frozenset({"Hans", "Hant", "Hani", "Jpan"})


def sentence_gap(script: str) -> str:
    """What separates two sentences of running text in this script."""
    return "" if script in NO_SPACE_BETWEEN_SENTENCES else " "
