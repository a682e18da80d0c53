"""Machine-translation engines (through deep-translator) as one table, called with deadlines.

Why a table: every engine names languages its own way (``zh_Hans`` is ``zh-CN``
for Google, ``zh`` for LibreTranslate), cannot do some pairs (deep-translator
1.11.4 has no Thai for LibreTranslate or DeepL, and no Arabic for DeepL),
accepts texts up to its own length and reads its key from its own variable.
Those differences are data here, checked before anything is sent.

Why a wire: deep-translator calls ``requests.get``/``requests.post`` with no
timeout, so a stalled server blocks a run forever. The engine modules'
``requests`` is replaced by :data:`WIRE`, which sends through a session whose
adapter puts a connect and read timeout on every request, and which records
what happened (status, Retry-After, transport error) so that failures are
classified from the wire rather than from each engine's own exceptions.

Keys come only from the environment and never appear in a message: failures
are described from the wire (status, host), not from exception texts, which
for some engines contain the key (DeepL and LibreTranslate put it in the URL).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from deep_translator import (
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
)
from deep_translator import deepl as _deepl_module
from deep_translator import google as _google_module
from deep_translator import libre as _libre_module
from deep_translator import microsoft as _microsoft_module
from deep_translator import mymemory as _mymemory_module
from deep_translator.base import BaseTranslator
from deep_translator.exceptions import LanguageNotSupportedException
from requests.adapters import HTTPAdapter

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Access:
    """How to reach an engine in this run: key (from the environment), server, region."""

    key: str | None = None
    url: str | None = None
    region: str | None = None
    memo: dict = field(default_factory=dict, compare=False)  # per-run lookups (Microsoft)


class KeylessLibreTranslator(LibreTranslator):
    """deep-translator's LibreTranslator with the api key optional, as on self-hosted servers.

    Its constructor refuses to start without a key, but ``translate`` adds the
    key to the request only when one is set: so construct with a stand-in and
    clear it, and nothing but the text and languages goes over the wire.
    """

    def __init__(self, *, api_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(api_key=api_key or "none", **kwargs)
        self.api_key = api_key


class _MicrosoftTranslator(MicrosoftTranslator):
    """Fetches Microsoft's language list once per run, not once per translator."""

    def __init__(self, *, memo: dict, **kwargs: Any) -> None:
        self._memo = memo
        super().__init__(**kwargs)

    def _get_supported_languages(self) -> dict:
        with _MEMO_LOCK:
            if "languages" not in self._memo:
                self._memo["languages"] = super()._get_supported_languages()
            return self._memo["languages"]


_MEMO_LOCK = threading.Lock()


def _server(url: str | None) -> str | None:
    return url if url is None or url.endswith("/") else url + "/"


@dataclass(frozen=True, eq=False)  # one instance per engine: compared and hashed by identity
class Engine:
    """One engine: what it is called, how to build its translator, what it can do."""

    name: str
    title: str
    build: Callable[[Access, str, str], BaseTranslator]  # (access, source code, target code)
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
        lambda a, s, t: KeylessLibreTranslator(source=s, target=t, api_key=a.key,
                                               custom_url=_server(a.url)),
        {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "zh_Hans": "zh"},
        # deep-translator sends the text in the query string: keep URLs under the
        # 8 KiB request lines of common reverse proxies.
        max_chars=2000, public=False, key_env="LIBRETRANSLATE_API_KEY", url="required",
        gaps="deep-translator's LibreTranslate table has no Thai",
    ),
    Engine(
        "google", "Google Translate (public web page)",
        lambda a, s, t: GoogleTranslator(source=s, target=t),
        {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "th": "th", "zh_Hans": "zh-CN"},
        max_chars=4999, public=True, rate_limit=5.0,
    ),
    Engine(
        "mymemory", "MyMemory",
        lambda a, s, t: MyMemoryTranslator(source=s, target=t),
        {"ar": "ar-SA", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "th": "th-TH",
         "zh_Hans": "zh-CN"},
        source="en-US", max_chars=499, public=True, rate_limit=1.0, unescape_html=True,
        refusals=("MYMEMORY WARNING", "QUERY LENGTH LIMIT EXCEEDED", "INVALID LANGUAGE PAIR"),
    ),
    Engine(
        "deepl", "DeepL API",
        lambda a, s, t: DeeplTranslator(source=s, target=t, api_key=a.key,
                                        use_free_api=(a.key or "").endswith(":fx")),
        {"es": "es", "fr": "fr", "ru": "ru", "zh_Hans": "zh"},
        max_chars=4000, public=True, key_env="DEEPL_API_KEY", key_required=True,
        gaps="deep-translator's DeepL table has neither Arabic nor Thai",
    ),
    Engine(
        "microsoft", "Microsoft Translator",
        lambda a, s, t: _MicrosoftTranslator(source=s, target=t, api_key=a.key,
                                             region=a.region, memo=a.memo),
        # deep-translator lower-cases Microsoft's codes (zh-Hans -> zh-hans).
        {"ar": "ar", "es": "es", "fr": "fr", "ru": "ru", "th": "th", "zh_Hans": "zh-hans"},
        max_chars=10000, public=True, key_env="MICROSOFT_API_KEY", key_required=True,
    ),
)}


class EngineError(Exception):
    """A request that did not give a translation; says whether trying again can help."""

    def __init__(self, message: str, *, retryable: bool = False, fatal: bool = False,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.fatal = fatal  # no point sending this engine anything more in this run
        self.retry_after = retry_after


# -- the wire ---------------------------------------------------------------------------

class _TimeoutAdapter(HTTPAdapter):
    """Gives every request that has none a (connect, read) timeout."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, stream: bool = False,
             timeout: Any = None, **kwargs: Any) -> requests.Response:
        return super().send(request, stream=stream,
                            timeout=(self.timeout, self.timeout) if timeout is None else timeout,
                            **kwargs)


def bounded_session(timeout: float) -> requests.Session:
    session = requests.Session()
    adapter = _TimeoutAdapter(timeout)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@dataclass
class _Call:
    """What the wire saw during one translate call (read by the thread that made it)."""

    session: requests.Session
    status: int | None = None
    retry_after: float | None = None
    error: Exception | None = None
    host: str = ""
    sent: int = 0


DEFAULT_TIMEOUT = 30.0
_CURRENT = threading.local()
_DEFAULT_SESSIONS = threading.local()


class _Wire:
    """Stands in for the ``requests`` module inside deep-translator's engine modules."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        call = getattr(_CURRENT, "call", None)
        if call is None:  # deep-translator used outside a Client: still bounded
            if not hasattr(_DEFAULT_SESSIONS, "session"):
                _DEFAULT_SESSIONS.session = bounded_session(DEFAULT_TIMEOUT)
            call = _Call(_DEFAULT_SESSIONS.session)
        parts = urlsplit(url)
        call.host = parts.hostname + (f":{parts.port}" if parts.port else "") \
            if parts.hostname else ""
        call.status, call.error, call.retry_after = None, None, None
        call.sent += 1
        try:
            response = call.session.request(method, url, **kwargs)
        except requests.RequestException as exc:
            call.error = exc
            raise
        call.status = response.status_code
        call.retry_after = _seconds(response.headers.get("Retry-After"))
        return response


WIRE = _Wire()
_ENGINE_MODULES = (_libre_module, _google_module, _mymemory_module, _deepl_module,
                   _microsoft_module)


def install_wire() -> None:
    """Route deep-translator's engine modules through :data:`WIRE` (idempotent)."""
    for module in _ENGINE_MODULES:
        module.requests = WIRE


def _seconds(value: str | None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) in seconds."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - dt.datetime.now(dt.UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


# -- a client: one engine in one run ----------------------------------------------------

class Client:
    """Translates with one engine: per-thread translators, deadlines, classified failures.

    deep-translator's translators keep request parameters on the instance
    (Google, MyMemory, Microsoft), so each thread builds its own.
    """

    def __init__(self, engine: Engine, access: Access, timeout: float = DEFAULT_TIMEOUT) -> None:
        install_wire()
        self.engine = engine
        self.access = access
        self.timeout = timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self.sent = 0  # HTTP requests, retries included

    def translate(self, target: str, text: str) -> str:
        """The engine's answer for ``text`` in our locale ``target`` (may be empty)."""
        local = self._local
        if not hasattr(local, "session"):
            local.session, local.translators = bounded_session(self.timeout), {}
        call = _Call(local.session)
        _CURRENT.call = call
        try:
            translator = local.translators.get(target)
            if translator is None:
                translator = self.engine.build(self.access, self.engine.source,
                                               self.engine.codes[target])
                local.translators[target] = translator
            answer = translator.translate(text)
        except LanguageNotSupportedException:
            raise EngineError(f"{self.engine.title} does not offer "
                              f"{self.engine.codes[target]}", fatal=True) from None
        except Exception as exc:  # deep-translator's errors differ per engine: read the wire
            raise self._failure(call, exc) from None
        finally:
            _CURRENT.call = None
            with self._lock:
                self.sent += call.sent
        answer = "" if answer is None else str(answer)
        if self.engine.unescape_html:
            answer = html.unescape(answer)
        if any(answer.startswith(refusal) for refusal in self.engine.refusals):
            raise EngineError(f"{self.engine.title} refused: {answer[:80]}", fatal=True)
        return answer

    def _failure(self, call: _Call, exc: Exception) -> EngineError:
        where = f" ({call.host})" if call.host else ""
        if isinstance(call.error, requests.Timeout):
            return EngineError(f"no answer within {self.timeout:g} s{where}", retryable=True)
        if isinstance(call.error, requests.ConnectionError):
            return EngineError(f"could not connect{where}", retryable=True)
        if call.error is not None:
            return EngineError(f"request failed: {type(call.error).__name__}{where}",
                               retryable=True)
        status = call.status
        if status in (401, 403):
            return EngineError(f"HTTP {status}{where}: access refused; check "
                               f"{self.engine.key_env or 'the server'}", fatal=True)
        if status == 429 or (status is not None and status >= 500):
            return EngineError(f"HTTP {status}{where}", retryable=True,
                               retry_after=call.retry_after)
        if status is not None and not 200 <= status < 300:
            return EngineError(f"HTTP {status}{where}")
        return EngineError(f"unreadable answer ({type(exc).__name__}){where}")


def access_from_environment(engine: Engine, url: str | None, region: str | None,
                            environ: Mapping[str, str] | None = None) -> Access:
    """How to reach ``engine``; its key comes only from the environment, never from a file."""
    environ = os.environ if environ is None else environ
    key = environ.get(engine.key_env) if engine.key_env else None
    return Access(key=key or None, url=url, region=region)


def redact(message: str, access: Access) -> str:
    """Belt and braces: a key never reaches a message, even inside a foreign text."""
    return message.replace(access.key, "***") if access.key else message
