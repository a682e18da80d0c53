"""Calling the engines: deep-translator's translators, with deadlines and classified failures.

Why a wire: deep-translator calls ``requests.get``/``requests.post`` with no
timeout, so a stalled server blocks a run forever. The engine modules'
``requests`` is replaced by :data:`WIRE`, which sends through a session whose
adapter puts a connect and read timeout on every request, and which records
what happened (status, Retry-After, transport error) so that failures are
classified from the wire rather than from each engine's own exceptions.

Failures are described from the wire (status, host), not from exception texts,
which for some engines contain the key (DeepL and LibreTranslate put it in the URL).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import socket
import threading
from collections.abc import Callable
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
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from letter_i18n.drafts.engines import Access, Engine


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


# How to build each engine's translator: (access, source code, target code).
BUILDERS: dict[str, Callable[[Access, str, str], BaseTranslator]] = {
    "libre": lambda a, s, t: KeylessLibreTranslator(source=s, target=t, api_key=a.key,
                                               custom_url=_server(a.url)),
    "google": lambda a, s, t: GoogleTranslator(source=s, target=t),
    "mymemory": lambda a, s, t: MyMemoryTranslator(source=s, target=t),
    "deepl": lambda a, s, t: DeeplTranslator(source=s, target=t, api_key=a.key,
                                        use_free_api=(a.key or "").endswith(":fx")),
    "microsoft": lambda a, s, t: _MicrosoftTranslator(source=s, target=t, api_key=a.key,
                                                      region=a.region, memo=a.memo),
}


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

# An answer is a translation of at most an engine's max_chars (10,000), or Google's page
# around it: a body larger than this is not an answer, however slowly or fast it comes.
MAX_ANSWER_BYTES = 1024 * 1024


class AnswerTooLarge(requests.RequestException):
    """The server sent more than :data:`MAX_ANSWER_BYTES`."""


class _DeadlineConnection(HTTPConnection):
    """Registers its socket with the call it serves, so the call's deadline can cut it."""

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        call = getattr(_CURRENT, "call", None)
        if call is not None and self.sock is not None:
            call.watch(self.sock)
        return super().getresponse(*args, **kwargs)


class _DeadlineHTTPSConnection(_DeadlineConnection, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _DeadlineConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _DeadlineHTTPSConnection


class _TimeoutAdapter(HTTPAdapter):
    """Gives every request that has none a (connect, read) timeout; connections obey deadlines."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.timeout = timeout

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

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
    """What the wire saw during one translate call (read by the thread that made it).

    ``deadline`` bounds each request as a whole (connect, headers and body): when it
    passes, the sockets the request uses are shut down, which ends any read at once,
    however slowly a server trickles bytes.
    """

    session: requests.Session
    deadline: float = 30.0
    status: int | None = None
    retry_after: float | None = None
    error: Exception | None = None
    host: str = ""
    sent: int = 0
    phase: str = ""  # connect, answer (waiting for the headers) or body
    received: int = 0  # bytes of the body so far
    expired: bool = False
    sockets: list[socket.socket] = field(default_factory=list)

    def watch(self, sock: socket.socket) -> None:
        self.phase = "answer"
        self.sockets.append(sock)

    def expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


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
        outside = call is None  # deep-translator used outside a Client: still bounded
        if outside:
            if not hasattr(_DEFAULT_SESSIONS, "session"):
                _DEFAULT_SESSIONS.session = bounded_session(DEFAULT_TIMEOUT)
            call = _CURRENT.call = _Call(_DEFAULT_SESSIONS.session, DEFAULT_TIMEOUT)
        parts = urlsplit(url)
        call.host = parts.hostname + (f":{parts.port}" if parts.port else "") \
            if parts.hostname else ""
        call.status, call.error, call.retry_after = None, None, None
        call.phase, call.received, call.expired, call.sockets = "connect", 0, False, []
        call.sent += 1
        timer = threading.Timer(call.deadline, call.expire)
        timer.daemon = True
        timer.start()
        try:
            response = call.session.request(method, url, stream=True, **kwargs)
            call.status = response.status_code
            call.retry_after = _seconds(response.headers.get("Retry-After"))
            call.phase = "body"
            response._content = _read_body(response, call)  # what .text and .json() read
        except requests.RequestException as exc:
            call.error = exc
            raise
        finally:
            timer.cancel()
            if outside:
                _CURRENT.call = None
        return response


def _read_body(response: requests.Response, call: _Call) -> bytes:
    """The whole body, at most :data:`MAX_ANSWER_BYTES` (decompressed)."""
    chunks: list[bytes] = []
    for chunk in response.iter_content(64 * 1024):
        call.received += len(chunk)
        if call.received > MAX_ANSWER_BYTES:
            response.close()
            raise AnswerTooLarge(f"more than {MAX_ANSWER_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


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
        call = _Call(local.session, self.timeout)
        _CURRENT.call = call
        try:
            translator = local.translators.get(target)
            if translator is None:
                translator = BUILDERS[self.engine.name](self.access, self.engine.source,
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
        if answer is None:
            answer = ""
        if not isinstance(answer, str):
            raise EngineError(f"the answer is not text but {type(answer).__name__} "
                              f"({str(answer)[:40]})")
        if self.engine.unescape_html:
            answer = html.unescape(answer)
        if any(answer.startswith(refusal) for refusal in self.engine.refusals):
            raise EngineError(f"{self.engine.title} refused: {answer[:80]}", fatal=True)
        return answer

    def _failure(self, call: _Call, exc: Exception) -> EngineError:
        where = f" ({call.host})" if call.host else ""
        if isinstance(call.error, AnswerTooLarge):
            return EngineError(f"the answer is larger than {MAX_ANSWER_BYTES // 1024} KiB: "
                               f"not a translation{where}")
        if call.expired and call.phase == "body":
            return EngineError(f"the answer did not finish within {self.timeout:g} s "
                               f"({call.received:,} bytes had come){where}", retryable=True)
        if call.expired or (isinstance(call.error, requests.Timeout) and call.phase == "answer"):
            return EngineError(f"no answer within {self.timeout:g} s{where}", retryable=True)
        if call.error is not None and call.phase == "body":
            return EngineError(f"the answer stopped after {call.received:,} bytes (nothing "
                               f"more for {self.timeout:g} s, or the connection broke){where}",
                               retryable=True)
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


