"""The engine table: deep-translator's own language codes, the gaps it really has, keys only
from the environment and never in a message. (Calling the engines: test_wire.py.)"""

from __future__ import annotations

import pytest
from deep_translator import constants

from conftest import LOCALES
from letter_i18n.drafts import engines
from letter_i18n.drafts.engines import Access
from letter_i18n.locales import LocaleInfo, Locales

ENGINES = engines.for_locales(LOCALES)  # the engines with this project's codes

DT_TABLES = {  # deep-translator 1.11.4's own language tables, where it has a fixed one
    "libre": constants.LIBRE_LANGUAGES_TO_CODES,
    "google": constants.GOOGLE_LANGUAGES_TO_CODES,
    "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
    "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
}
SECRET = "s3cr3t-key-0123456789"


@pytest.mark.parametrize("name", sorted(DT_TABLES))
def test_table_codes_are_deep_translators_and_gaps_are_real(name):
    engine = ENGINES[name]
    codes = set(DT_TABLES[name].values())
    assert engine.source in codes
    for info in LOCALES.targets:
        if engine.can_do(info.code):
            assert engine.codes[info.code] in codes, info.code
        else:  # a gap in our table is a gap in deep-translator's
            assert not any(info.english_name.split(" ")[0].lower() in language.lower()
                           for language in DT_TABLES[name]), info.code


def test_gaps_are_thai_for_libre_and_arabic_thai_for_deepl():
    assert [i.code for i in LOCALES.targets if not ENGINES["libre"].can_do(i.code)] == ["th"]
    assert [i.code for i in LOCALES.targets if not ENGINES["deepl"].can_do(i.code)] \
        == ["ar", "th"]
    assert ENGINES["google"].codes["zh_Hans"] == "zh-CN"
    assert ENGINES["libre"].codes["zh_Hans"] == "zh"


def test_the_codes_come_from_the_locale_data_and_engines_stay_one_per_table():
    assert engines.ENGINES["google"].codes == {}  # the table alone knows no language
    assert engines.for_locales(LOCALES) is ENGINES
    hindi = Locales(LOCALES.source, (LocaleInfo("hi", engines=(("google", "hi"),)),))
    assert engines.for_locales(hindi)["google"].codes == {"hi": "hi"}
    assert not engines.for_locales(hindi)["libre"].can_do("hi")


@pytest.mark.parametrize(("code", "expected"), [
    ("pt_BR", {"libre": "pt", "google": "pt", "mymemory": "pt-BR", "deepl": "pt"}),
    ("hi", {"libre": "hi", "google": "hi", "mymemory": "hi-IN"}),  # CLDR's likely territory
    ("sw", {"google": "sw"}),
    ("zh_Hans", {"libre": "zh", "google": "zh-CN", "mymemory": "zh-CN", "deepl": "zh"}),
])
def test_init_suggests_the_codes_deep_translator_has(code, expected):
    found = dict(engines.suggested_codes(LocaleInfo(code)))
    assert found == expected
    for name, value in found.items():
        assert value in DT_TABLES[name].values()


def test_redact_removes_the_key():
    assert engines.redact(f"url?api_key={SECRET}&q=x", Access(key=SECRET)) == "url?api_key=***&q=x"


def test_keys_come_only_from_the_engines_own_variable():
    environ = {"DEEPL_API_KEY": SECRET, "LIBRETRANSLATE_API_KEY": ""}
    deepl = engines.access_from_environment(ENGINES["deepl"], None, "eu", environ)
    assert (deepl.key, deepl.url, deepl.region) == (SECRET, None, "eu")
    libre = engines.access_from_environment(ENGINES["libre"], "http://x", None, environ)
    assert (libre.key, libre.url) == (None, "http://x")  # set but empty: no key
    assert engines.access_from_environment(ENGINES["google"], None, None,
                                           environ).key is None  # google takes no key
