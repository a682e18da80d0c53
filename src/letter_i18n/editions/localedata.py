"""A formal letter's date in each language, from CLDR and the project's locale data.

Month names come from CLDR through Babel. UN editorial date style differs from
CLDR's long date format in some languages (Russian adds "года" after the year;
Arabic pairs the Syriac month name with the Gregorian one; Thai letters count
years in the Buddhist Era, and Babel has no Buddhist calendar): those styles are
data in ``locales/locales.toml`` (``date``, ``months``, ``year-offset``). A
language without one is dated in CLDR's long date format.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from letter_i18n.locales import LocaleInfo


def format_letter_date(date: dt.date, info: LocaleInfo) -> str:
    """The date as a formal letter in that language writes it (UN editorial style).

    ``date`` in the locale data is a CLDR date pattern with the year left out as
    ``{year}`` and, where CLDR's month name is not the one used, ``{month}``.
    """
    if info.date_pattern is None:
        return format_date(date, "long", locale=info.code)
    pattern = info.date_pattern.replace("{year}", "'{year}'").replace("{month}", "'{month}'")
    text = format_date(date, pattern, locale=info.code)
    text = text.replace("{year}", str(date.year + info.year_offset))
    if info.months:
        text = text.replace("{month}", info.months[date.month - 1])
    return text
