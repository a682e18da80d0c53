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


# Latin inside the text of another script (runs, names, English fallbacks), by the page's
# script: set in the Latin script's font stack, at this size relative to the text around
# it. Noto Naskh Arabic's alef stands 0.67 em high, Noto Serif's ascenders 0.76 em: at
# 0.88 em the Latin ascenders end at the alef's height and the Latin stems weigh about as
# much as the Naskh strokes (at 1 em Latin looked bigger and heavier than the Arabic).
# Noto Serif Thai has a hyphen and no Latin letters: in a Latin name with a hyphen, the
# letters fell back to Noto Serif and the hyphen did not, and the Thai face's taller
# metrics moved that line's baseline away from its list number. A design choice, not
# locale data.
EMBEDDED_LATIN: dict[str, float] = {"Arab": 0.88, "Thai": 1.0}

# Writing systems the stylesheets (style.css.j2, print.css.j2) set alike, by ISO 15924 code:
# their rules reach every locale the table writes in one of them, so a new language in one
# of these scripts is set like the ones here (Persian and Urdu are written in Arab). Design
# choices by writing system, not locale data.
SCRIPT_GROUPS: dict[str, tuple[str, ...]] = {
    # Han (and kana) text set on a grid of whole characters, justified, with taller lines.
    "grid": ("Hans", "Hant", "Jpan"),
    # Words not separated by spaces: taller lines for the marks above and below, and never
    # justified in print (WeasyPrint justifies only at spaces).
    "unspaced-words": ("Thai", "Laoo", "Khmr", "Mymr"),
    # Naskh text set a little larger, with taller lines.
    "arabic": ("Arab",),
}
