"""Machine-translation engines (through deep-translator) as one table.

Why a table: every engine accepts texts up to its own length, reads its key from
its own variable and is reached its own way. What each engine calls a language
(``zh_Hans`` is ``zh-CN`` for Google, ``zh`` for LibreTranslate), and whether it
can do it at all (deep-translator 1.11.4 has no Thai for LibreTranslate or DeepL,
no Arabic for DeepL), is locale data (``engines`` in ``locales/locales.toml``):
:func:`for_locales` puts it in. All of it is checked before anything is sent. Importing
this module imports no HTTP library: :mod:`.wire` talks to the engines.

Keys come only from the environment and never appear in a message.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from babel.core import get_global, parse_locale

from letter_i18n.locales import LocaleInfo, Locales

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Access:
    """How to reach an engine in this run: key (from the environment), server, region."""

    key: str | None = None
    url: str | None = None
    region: str | None = None
    memo: dict = field(default_factory=dict, compare=False)  # per-run lookups (Microsoft)


@dataclass(frozen=True, eq=False)  # one instance per engine: compared and hashed by identity
class Engine:
    """One engine: what it is called, how to build its translator, what it can do."""

    name: str
    title: str
    max_chars: int  # longest text one request may carry
    public: bool  # a third-party web service: the text leaves your machines
    source: str = SOURCE_LANGUAGE
    key_env: str | None = None
    key_required: bool = False
    url: str = "none"  # "none", or "required": the server to use (--engine-url)
    rate_limit: float = 0.0  # requests per second by default; 0: no limit
    unescape_html: bool = False  # answers carry HTML entities (&#39;)
    refusals: tuple[str, ...] = ()  # answers that are a refusal, not a translation
    gaps: str = ""  # why locales are missing, for the error message
    codes: Mapping[str, str] = field(default_factory=dict)  # our code -> the engine's
    table: str = ""  # deep-translator's table of the codes the engine takes (constants.…)

    def can_do(self, code: str) -> bool:
        return code in self.codes


ENGINES: dict[str, Engine] = {engine.name: engine for engine in (
    Engine(
        "libre", "LibreTranslate",
        # deep-translator sends the text in the query string: keep URLs under the
        # 8 KiB request lines of common reverse proxies.
        max_chars=2000, public=False, key_env="LIBRETRANSLATE_API_KEY", url="required",
        gaps="deep-translator's LibreTranslate table does not have every language",
        table="LIBRE_LANGUAGES_TO_CODES",
    ),
    Engine(
        "google", "Google Translate (public web page)",
        max_chars=4999, public=True, rate_limit=5.0, table="GOOGLE_LANGUAGES_TO_CODES",
    ),
    Engine(
        "mymemory", "MyMemory",
        source="en-US", max_chars=499, public=True, rate_limit=1.0, unescape_html=True,
        refusals=("MYMEMORY WARNING", "QUERY LENGTH LIMIT EXCEEDED", "INVALID LANGUAGE PAIR"),
        table="MY_MEMORY_LANGUAGES_TO_CODES",
    ),
    Engine(
        "deepl", "DeepL API",
        max_chars=4000, public=True, key_env="DEEPL_API_KEY", key_required=True,
        gaps="deep-translator's DeepL table does not have every language",
        table="DEEPL_LANGUAGE_TO_CODE",
    ),
    Engine(
        "microsoft", "Microsoft Translator",
        # Microsoft's languages are asked of its service: no table to read offline.
        max_chars=10000, public=True, key_env="MICROSOFT_API_KEY", key_required=True,
    ),
)}


def for_locales(table: Locales) -> dict[str, Engine]:
    """The engines, each knowing what it calls the project's languages (one instance per
    engine and table: engines are told apart by identity)."""
    return _for_locales(table.targets)


@cache
def _for_locales(targets: tuple[LocaleInfo, ...]) -> dict[str, Engine]:
    return {name: replace(engine, codes={info.code: code for info in targets
                                         if (code := info.engine_code(name))})
            for name, engine in ENGINES.items()}


def suggested_codes(info: LocaleInfo) -> tuple[tuple[str, str], ...]:
    """What each engine with a language table in deep-translator calls a new language, for
    ``init`` to write into locales.toml: the code as a tag (pt-BR), then with CLDR's likely
    territory (hi-IN), then the bare language (pt); an engine that has none is left out."""
    from deep_translator import constants  # the HTTP clients come with it: only here

    likely = get_global("likely_subtags").get(info.babel.language, "")
    territory = info.babel.territory or (parse_locale(likely)[1] if likely else None)
    candidates = [info.tag, *([f"{info.babel.language}-{territory}"] if territory else []),
                  info.babel.language]
    found = []
    for name, engine in ENGINES.items():
        offered = set(getattr(constants, engine.table, {}).values()) if engine.table else set()
        code = next((c for c in candidates if c in offered), None)
        if code:
            found.append((name, code))
    return tuple(found)


def access_from_environment(engine: Engine, url: str | None, region: str | None,
                            environ: Mapping[str, str] | None = None) -> Access:
    """How to reach ``engine``; its key comes only from the environment, never from a file."""
    environ = os.environ if environ is None else environ
    key = environ.get(engine.key_env) if engine.key_env else None
    return Access(key=key or None, url=url, region=region)


def redact(message: str, access: Access) -> str:
    """Belt and braces: a key never reaches a message, even inside a foreign text."""
    return message.replace(access.key, "***") if access.key else message
