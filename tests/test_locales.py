"""locales: the seven locales, with what CLDR (through Babel) says about each."""

from __future__ import annotations

import gettext

import pytest

from letter_i18n import locales


def plural_index(code: str, cldr: bool = False):
    info = locales.BY_CODE[code]
    forms = info.cldr_plural_forms if cldr else info.plural_forms
    return gettext.c2py(forms.split("plural=", 1)[1].rstrip(";"))


def test_the_table():
    assert [info.code for info in locales.ALL] == ["en", "ar", "es", "fr", "ru", "th", "zh_Hans"]
    assert locales.SOURCE.code == "en" and locales.SOURCE not in locales.TARGETS
    assert locales.BY_CODE["zh_Hans"].tag == "zh-Hans"
    assert {info.code: info.script for info in locales.ALL} == {
        "en": "Latn", "ar": "Arab", "es": "Latn", "fr": "Latn", "ru": "Cyrl", "th": "Thai",
        "zh_Hans": "Hans"}


@pytest.mark.parametrize(("code", "nplurals"), [
    ("en", 2), ("ar", 6), ("es", 2), ("fr", 2), ("ru", 3), ("th", 1), ("zh_Hans", 1)])
def test_new_catalogs_get_gnu_s_plural_forms(code, nplurals):
    info = locales.BY_CODE[code]
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
    info = locales.target(code)
    for header in (info.plural_forms, info.cldr_plural_forms,
                   " ".join(info.plural_forms.replace(" ", "").split())):
        assert info.accepts(header), header  # the catalog's own text is kept
        assert info.rule_of(header).header == header
    assert not info.accepts("nplurals=2; plural=(n == 7);")
    assert info.rule_of("nplurals=2; plural=(n == 7);").header == info.plural_forms
    assert not info.accepts("nonsense") and not info.accepts(None)


def test_digits_are_ascii_plus_native_ones():
    assert locales.target("th").digits == "0123456789๐๑๒๓๔๕๖๗๘๙"
    assert locales.target("ar").digits == "0123456789٠١٢٣٤٥٦٧٨٩"
    for code in ("en", "es", "fr", "ru", "zh_Hans"):
        assert locales.BY_CODE[code].digits == "0123456789", code


def test_only_arabic_is_right_to_left():
    assert [info.code for info in locales.ALL if info.rtl] == ["ar"]


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
    info = locales.BY_CODE[code]
    assert (info.english_name, info.native_name) == (english, native)


def test_target_finds_each_target():
    for info in locales.TARGETS:
        assert locales.target(info.code) is info


@pytest.mark.parametrize("code", ["en", "de", "zh", "zh-Hans", "FR", ""])
def test_target_of_anything_else_lists_the_codes(code):
    with pytest.raises(KeyError) as caught:
        locales.target(code)
    assert caught.value.args[0] == (f"unknown locale '{code}'; "
                                    "known: ar, es, fr, ru, th, zh_Hans")
