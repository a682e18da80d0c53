"""Dates in each language's UN editorial style."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import LOCALES
from letter_i18n.editions.localedata import format_letter_date
from letter_i18n.locales import LocaleInfo


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "22 December 2021"),
    ("fr", "22 décembre 2021"),
    ("es", "22 de diciembre de 2021"),
    ("ru", "22 декабря 2021 года"),
    ("ar", "22 كانون الأول/ديسمبر 2021"),
    ("zh_Hans", "2021年12月22日"),
    ("th", "22 ธันวาคม 2564"),
])
def test_letter_date_in_un_style(locale, expected):
    assert format_letter_date(dt.date(2021, 12, 22), LOCALES.by_code[locale]) == expected


@pytest.mark.parametrize(("month", "expected"), [(6, "حزيران/يونيه"), (7, "تموز/يوليه"),
                                                 (1, "كانون الثاني/يناير")])
def test_arabic_months_pair_syriac_and_gregorian_names(month, expected):
    arabic = LOCALES.by_code["ar"]
    assert format_letter_date(dt.date(2022, month, 3), arabic) == f"3 {expected} 2022"


def test_thai_years_are_buddhist_era():
    assert format_letter_date(dt.date(2022, 1, 13), LOCALES.by_code["th"]) == "13 มกราคม 2565"


@pytest.mark.parametrize(("code", "expected"), [
    ("pt_BR", "22 de dezembro de 2021"), ("hi", "22 दिसंबर 2021"), ("sw", "22 Desemba 2021")])
def test_a_language_without_a_date_style_is_dated_in_cldr_s_long_format(code, expected):
    assert format_letter_date(dt.date(2021, 12, 22), LocaleInfo(code)) == expected
