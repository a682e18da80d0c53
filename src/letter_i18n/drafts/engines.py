"""Machine-translation engines (through deep-translator) as one table.

Why a table: every engine names languages its own way (``zh_Hans`` is ``zh-CN``
for Google, ``zh`` for LibreTranslate), cannot do some pairs (deep-translator
1.11.4 has no Thai for LibreTranslate or DeepL, and no Arabic for DeepL),
accepts texts up to its own length and reads its key from its own variable.
Those differences are data here, checked before anything is sent. Importing
this module imports no HTTP library: :mod:`.wire` talks to the engines.

Keys come only from the environment and never appear in a message.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

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
    codes: Mapping[str, str]  # our locale code -> the engine's code; absent: cannot do
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

    def can_do(self, code: str) -> bool:
        return code in self.codes


ENGINES: dict[str, Engine] = {engine.name: engine for engine in (
    Engine(
        "libre", "LibreTranslate",
        {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "zh_Hans": "zh"},
        # deep-translator sends the text in the query string: keep URLs under the
        # 8 KiB request lines of common reverse proxies.
        max_chars=2000, public=False, key_env="LIBRETRANSLATE_API_KEY", url="required",
        gaps="deep-translator's LibreTranslate table has no Thai",
    ),
    Engine(
        "google", "Google Translate (public web page)",
        {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "th": "th", "zh_Hans": "zh-CN"},
        max_chars=4999, public=True, rate_limit=5.0,
    ),
    Engine(
        "mymemory", "MyMemory",
        {"ar": "ar-SA", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "th": "th-TH",
         "zh_Hans": "zh-CN"},
        source="en-US", max_chars=499, public=True, rate_limit=1.0, unescape_html=True,
        refusals=("MYMEMORY WARNING", "QUERY LENGTH LIMIT EXCEEDED", "INVALID LANGUAGE PAIR"),
    ),
    Engine(
        "deepl", "DeepL API",
        {"es": "es", "fr": "fr", "ru": "ru", "zh_Hans": "zh"},
        max_chars=4000, public=True, key_env="DEEPL_API_KEY", key_required=True,
        gaps="deep-translator's DeepL table has neither Arabic nor Thai",
    ),
    Engine(
        "microsoft", "Microsoft Translator",
        # deep-translator lower-cases Microsoft's codes (zh-Hans -> zh-hans).
        {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "th": "th", "zh_Hans": "zh-hans"},
        max_chars=10000, public=True, key_env="MICROSOFT_API_KEY", key_required=True,
    ),
)}


def access_from_environment(engine: Engine, url: str | None, region: str | None,
                            environ: Mapping[str, str] | None = None) -> Access:
    """How to reach ``engine``; its key comes only from the environment, never from a file."""
    environ = os.environ if environ is None else environ
    key = environ.get(engine.key_env) if engine.key_env else None
    return Access(key=key or None, url=url, region=region)


def redact(message: str, access: Access) -> str:
    """Belt and braces: a key never reaches a message, even inside a foreign text."""
    return message.replace(access.key, "***") if access.key else message
