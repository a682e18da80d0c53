"""The engine table: deep-translator's own language codes, the gaps it really has, keys only
from the environment and never in a message. (Calling the engines: test_wire.py.)"""

from __future__ import annotations

import pytest
from deep_translator import constants

from letter_i18n import locales
from letter_i18n.drafts import engines
from letter_i18n.drafts.engines import Access

DT_TABLES = {  # deep-translator 1.11.4's own language tables, where it has a fixed one
    "libre": constants.LIBRE_LANGUAGES_TO_CODES,
    "google": constants.GOOGLE_LANGUAGES_TO_CODES,
    "mymemory": constants.MY_MEMORY_LANGUAGES_TO_CODES,
    "deepl": constants.DEEPL_LANGUAGE_TO_CODE,
}
SECRET = "s3cr3t-key-0123456789"


@pytest.mark.parametrize("name", sorted(DT_TABLES))
def test_table_codes_are_deep_translators_and_gaps_are_real(name):
    engine = engines.ENGINES[name]
    codes = set(DT_TABLES[name].values())
    assert engine.source in codes
    for info in locales.TARGETS:
        if engine.can_do(info.code):
            assert engine.codes[info.code] in codes, info.code
        else:  # a gap in our table is a gap in deep-translator's
            assert not any(info.english_name.split(" ")[0].lower() in language.lower()
                           for language in DT_TABLES[name]), info.code


def test_gaps_are_thai_for_libre_and_arabic_thai_for_deepl():
    assert [i.code for i in locales.TARGETS if not engines.ENGINES["libre"].can_do(i.code)] \
        == ["th"]
    assert [i.code for i in locales.TARGETS if not engines.ENGINES["deepl"].can_do(i.code)] \
        == ["ar", "th"]
    assert engines.ENGINES["google"].codes["zh_Hans"] == "zh-CN"
    assert engines.ENGINES["libre"].codes["zh_Hans"] == "zh"


def test_redact_removes_the_key():
    assert engines.redact(f"url?api_key={SECRET}&q=x", Access(key=SECRET)) == "url?api_key=***&q=x"


def test_keys_come_only_from_the_engines_own_variable():
    environ = {"DEEPL_API_KEY": SECRET, "LIBRETRANSLATE_API_KEY": ""}
    deepl = engines.access_from_environment(engines.ENGINES["deepl"], None, "eu", environ)
    assert (deepl.key, deepl.url, deepl.region) == (SECRET, None, "eu")
    libre = engines.access_from_environment(engines.ENGINES["libre"], "http://x", None, environ)
    assert (libre.key, libre.url) == (None, "http://x")  # set but empty: no key
    assert engines.access_from_environment(engines.ENGINES["google"], None, None,
                                           environ).key is None  # google takes no key
