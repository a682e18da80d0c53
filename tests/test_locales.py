"""locales: what CLDR (through Babel) says about each locale, and what the data adds."""

from __future__ import annotations

import gettext

import pytest

from conftest import LOCALES
from letter_i18n import locales
from letter_i18n.locales import LocaleInfo, default_plural_forms


def plural_index(code: str, cldr: bool = False):
    info = LOCALES.by_code[code]
    forms = info.cldr_plural_forms if cldr else info.plural_forms
    return gettext.c2py(forms.split("plural=", 1)[1].rstrip(";"))


def test_the_table():
    assert [info.code for info in LOCALES.all] == ["en", "ar", "es", "fr", "ru", "th", "zh_Hans"]
    assert locales.SOURCE.code == "en" and locales.SOURCE not in LOCALES.targets
    assert LOCALES.by_code["zh_Hans"].tag == "zh-Hans"
    assert {info.code: info.script for info in LOCALES.all} == {
        "en": "Latn", "ar": "Arab", "es": "Latn", "fr": "Latn", "ru": "Cyrl", "th": "Thai",
        "zh_Hans": "Hans"}


@pytest.mark.parametrize(("code", "nplurals"), [
    ("en", 2), ("ar", 6), ("es", 2), ("fr", 2), ("ru", 3), ("th", 1), ("zh_Hans", 1)])
def test_new_catalogs_get_gnu_s_plural_forms(code, nplurals):
    info = LOCALES.by_code[code]
    assert info.nplurals == nplurals
    assert info.plural_forms.startswith(f"nplurals={nplurals}; plural=")


SAMPLES = (0, 1, 2, 3, 5, 11, 21, 100, 102, 1_000_000)


@pytest.mark.parametrize(("code", "forms"), [
    ("ar", [0, 1, 2, 3, 3, 4, 4, 5, 5, 5]),
    ("es", [1, 0, 1, 1, 1, 1, 1, 1, 1, 1]),
    ("fr", [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]),  # 0 is singular in French
    ("ru", [2, 0, 1, 1, 2, 2, 0, 2, 1, 2]),
    ("th", [0] * 10),
    ("zh_Hans", [0] * 10),
])
def test_gnu_plural_forms_pick_the_form(code, forms):
    index = plural_index(code)
    assert [index(n) for n in SAMPLES] == forms


@pytest.mark.parametrize(("code", "forms"), [
    ("es", [2, 0, 2, 2, 2, 2, 2, 2, 2, 1]),  # CLDR's third form: large round numbers
    ("fr", [0, 0, 2, 2, 2, 2, 2, 2, 2, 1]),
])
def test_cldr_plural_forms_pick_the_form(code, forms):
    index = plural_index(code, cldr=True)
    assert [index(n) for n in SAMPLES] == forms


@pytest.mark.parametrize("code", ["ar", "es", "fr", "ru", "th", "zh_Hans"])
def test_a_catalog_keeps_gnu_s_or_cldr_s_rule_however_written(code):
    info = LOCALES.target(code)
    for header in (info.plural_forms, info.cldr_plural_forms,
                   " ".join(info.plural_forms.replace(" ", "").split())):
        assert info.accepts(header), header  # the catalog's own text is kept
        assert info.rule_of(header).header == header
    assert not info.accepts("nplurals=2; plural=(n == 7);")
    assert info.rule_of("nplurals=2; plural=(n == 7);").header == info.plural_forms
    assert not info.accepts("nonsense") and not info.accepts(None)


def test_digits_are_ascii_plus_native_ones():
    assert LOCALES.target("th").digits == "0123456789๐๑๒๓๔๕๖๗๘๙"
    assert LOCALES.target("ar").digits == "0123456789٠١٢٣٤٥٦٧٨٩"
    for code in ("en", "es", "fr", "ru", "zh_Hans"):
        assert LOCALES.by_code[code].digits == "0123456789", code


def test_only_arabic_is_right_to_left():
    assert [info.code for info in LOCALES.all if info.rtl] == ["ar"]


@pytest.mark.parametrize(("code", "english", "native"), [
    ("en", "English", "English"),
    ("ar", "Arabic", "العربية"),
    ("es", "Spanish", "español"),
    ("fr", "French", "français"),
    ("ru", "Russian", "русский"),
    ("th", "Thai", "ไทย"),
    ("zh_Hans", "Chinese (Simplified)", "中文 (简体)"),
])
def test_names(code, english, native):
    info = LOCALES.by_code[code]
    assert (info.english_name, info.native_name) == (english, native)


def test_target_finds_each_target():
    for info in LOCALES.targets:
        assert LOCALES.target(info.code) is info


@pytest.mark.parametrize("code", ["en", "de", "zh", "zh-Hans", "FR", ""])
def test_target_of_anything_else_lists_the_codes(code):
    with pytest.raises(KeyError) as caught:
        LOCALES.target(code)
    assert caught.value.args[0] == (f"unknown locale '{code}'; "
                                    "known: ar, es, fr, ru, th, zh_Hans")


@pytest.mark.parametrize(("code", "tag", "script", "forms"), [
    ("pt_BR", "pt-BR", "Latn", "nplurals=2; plural=(n > 1);"),  # GNU's pt_BR, as Weblate's
    ("hi", "hi", "Deva", "nplurals=2; plural=(n > 1);"),
    ("sw", "sw", "Latn", "nplurals=2; plural=(n != 1);"),
    ("ja", "ja", "Jpan", "nplurals=1; plural=0;"),
    ("pl", "pl", "Latn", LocaleInfo("pl").cldr_plural_forms),  # no GNU spelling: CLDR's rule
])
def test_a_language_not_in_the_data_gets_everything_from_cldr(code, tag, script, forms):
    info = LocaleInfo(code)
    assert (info.tag, info.script, info.plural_forms) == (tag, script, forms)
    assert info.accepts(info.cldr_plural_forms)  # a catalog with CLDR's rule keeps it


def test_the_millions_form_is_left_out_only_where_cldr_adds_it():
    """French's third CLDR form serves exact millions only: GNU's two forms for new catalogs."""
    assert default_plural_forms("fr") == "nplurals=2; plural=(n > 1);"
    assert default_plural_forms("es") == "nplurals=2; plural=(n != 1);"
    assert default_plural_forms("ru") == LocaleInfo("ru").cldr_plural_forms  # 3 real forms


def test_hindi_may_write_devanagari_digits():
    assert LocaleInfo("hi").digits == "0123456789०१२३४५६७८९"


def test_language_team_names_the_team_and_its_address_when_known():
    assert LocaleInfo("fr").language_team == "French (fr)"
    assert LocaleInfo("fr", team="Équipe", contact="https://translate.example/fr/") \
        .language_team == "Équipe <https://translate.example/fr/>"
