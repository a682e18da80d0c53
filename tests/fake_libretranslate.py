"""A LibreTranslate-compatible server on 127.0.0.1 that misbehaves on request.

It speaks ``POST /translate`` (fields in the query string, a form or JSON, as
LibreTranslate accepts them) and ``GET /languages``, and, for the benchmark's
Thai, Google's mobile page ``GET /m`` (``tl``/``sl``/``q``) in the shape
deep-translator scrapes. "Translating" reverses every word's letters (tokens and
digits stay), so answers differ from the source and are checked exactly.

Misbehaviour is planned per text: :meth:`FakeServer.rule` makes answers to texts
containing a substring fail with a status (429 with Retry-After, 500), stall
(hold the connection without answering until the server stops), or come back
mangled the way web engines mangle ("] [", "** x **"), with tokens respelled,
lost, swapped, echoed, emptied or stripped. ``latency`` delays every answer.
Every request is recorded; the server stops by itself when the test ends.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LANGUAGES = ("en", "ar", "es", "fr", "ru", "zh")
_TOKEN = re.compile(r"\[X\d+X\]")
_WORD = re.compile(r"\[X\d+X\]|[^\W\d_]+")
STALL_LIMIT = 30.0  # a stalled answer is given up after this long, so the server always stops


def pseudo_translate(text: str, target: str) -> str:
    """Every word's letters reversed; tokens and digits unchanged (one run, no randomness)."""
    del target  # same pseudo language for every target: tests compare with this function
    return _WORD.sub(lambda m: m.group(0) if _TOKEN.fullmatch(m.group(0)) else m.group(0)[::-1],
                     text)


def mangle_markdown(text: str) -> str:
    """What web engines do to Markdown: "[a][b]" -> "[a] [b]", "**x**" -> "** x **"."""
    text = text.replace("][", "] [")
    text = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"** \1 **", text)
    return re.sub(r"(?<!\*)\*(?!\*|\s)([^*]*?\S)\*(?!\*)", r"* \1 *", text)


MANGLERS = {
    "markdown": mangle_markdown,
    "tokens": lambda t: re.sub(r"\[X(\d+)X\]", lambda m: f" [ x{m.group(1)}x ] ", t),
    "drop-token": lambda t: _TOKEN.sub("", t, count=1),
    "swap-tokens": lambda t: re.sub(r"(\[X\d+X\])(.*?)(\[X\d+X\])", r"\3\2\1", t, count=1),
    "echo": None,  # handled in the server: the source comes back unchanged
    "empty": lambda t: "",
    "strip": str.strip,
}


@dataclass
class Rule:
    match: str
    status: int = 0  # answer with this HTTP status instead
    stall: bool = False
    mangle: str = ""
    times: int = -1  # how many requests it applies to; -1: all
    retry_after: str = "0"  # the Retry-After header of a 429
    trickle: float = 0.0  # send the answer one byte every this many seconds
    trickle_headers: bool = False  # ... starting with the status line and headers
    size: int = 0  # pad the translated text to this many characters
    endless: bool = False  # a chunked body that never ends
    payload: object = None  # answer this JSON instead of {"translatedText": …}


@dataclass
class Seen:
    path: str
    fields: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeServer:
    latency: float = 0.0
    require_key: str = ""  # answer 403 unless api_key is this
    rules: list[Rule] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    on_request: object = None  # called with each Seen, e.g. to edit a catalog mid-run

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def rule(self, match: str, **kwargs: object) -> Rule:
        found = Rule(match, **kwargs)
        with self.lock:
            self.rules.append(found)
        return found

    def translations(self) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path in ("/translate", "/m")]

    def start(self) -> FakeServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def plan_for(self, text: str) -> Rule | None:
        with self.lock:
            for found in self.rules:
                if found.match in text and found.times != 0:
                    found.times -= found.times > 0
                    return found
        return None


def _handler(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else each answer waits for a delayed ACK (40 ms)

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            self.handle_request()

        def do_POST(self) -> None:
            self.handle_request()

        def handle_request(self) -> None:
            parts = urlsplit(self.path)
            fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            if body and "json" in (self.headers.get("Content-Type") or ""):
                fields.update(json.loads(body))
            elif body:
                fields.update({k: v[0] for k, v in parse_qs(body).items()})
            seen = Seen(parts.path, fields, dict(self.headers))
            with server.lock:
                server.seen.append(seen)
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            try:
                if callable(server.on_request):
                    server.on_request(seen)
                self.answer(parts.path, fields)
            finally:
                with server.lock:
                    server.in_flight -= 1

        def answer(self, path: str, fields: dict[str, str]) -> None:
            if path == "/languages":
                return self.send(200, [{"code": c, "name": c, "targets": list(LANGUAGES)}
                                       for c in LANGUAGES])
            if path not in ("/translate", "/m"):
                return self.send(404, {"error": "Not Found"})
            text = fields.get("q", "")
            target = fields.get("target") or fields.get("tl", "")
            if server.latency:
                time.sleep(server.latency)
            if path == "/translate" and server.require_key \
                    and fields.get("api_key") != server.require_key:
                return self.send(403, {"error": "Invalid API key"})
            if path == "/translate" and target not in LANGUAGES:
                return self.send(400, {"error": f"{target} is not supported"})
            found = server.plan_for(text)
            if found and found.stall:
                server.stopping.wait(STALL_LIMIT)
                return None
            if found and found.status:
                headers = {"Retry-After": found.retry_after} if found.status == 429 else {}
                return self.send(found.status, {"error": "Slowdown" if found.status == 429
                                                else "Internal Server Error"}, headers)
            if found and (found.trickle or found.endless):
                return self.send_slowly(found, {"translatedText": pseudo_translate(text, target)})
            if found and found.payload is not None:
                return self.send(200, found.payload)
            answer = pseudo_translate(text, target)
            if found and found.size:
                answer = (answer + " ") * (found.size // (len(answer) + 1) + 1)
            if found and found.mangle == "echo":
                answer = text
            elif found and found.mangle:
                answer = MANGLERS[found.mangle](answer)
            if path == "/m":
                return self.send_html(answer)
            return self.send(200, {"translatedText": answer})

        def send(self, status: int, payload: object, headers: dict[str, str] | None = None,
                 ) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            # The client may give up on the answer (a size cap, a deadline), as it should.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def send_slowly(self, found: Rule, payload: object) -> None:
            """A byte at a time, or forever: until the client gives up or the server stops."""
            data = json.dumps(payload).encode("utf-8")
            head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + ("Transfer-Encoding: chunked\r\n\r\n" if found.endless
                       else f"Content-Length: {len(data)}\r\n\r\n")).encode()
            try:
                if found.trickle_headers:
                    data = head + data
                else:
                    self.wfile.write(head)
                    self.wfile.flush()
                if found.endless:
                    while not server.stopping.is_set():
                        self.wfile.write(b"10000\r\n" + b" " * 0x10000 + b"\r\n")
                    return
                for byte in data:
                    if server.stopping.wait(found.trickle):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except OSError:
                return  # the client hung up, as it should

        def send_html(self, answer: str) -> None:
            data = google_page(answer).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def google_page(answer: str) -> str:
    """Google's mobile translation page as deep-translator scrapes it (div.result-container)."""
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Google Translate</title>"
            "</head><body><div class=\"root-container\"><div class=\"header\">Google Translate"
            "</div><form action=\"/m\" class=\"\"><div class=\"input-container\"><input "
            "type=\"text\" name=\"q\" class=\"input-field\"></div></form>"
            f"<div class=\"result-container\">{html.escape(answer, quote=False)}</div>"
            "</div></body></html>")
