"""The bounded client, through deep-translator's real HTTP code: deadlines on every request,
failures classified from the wire, keys never shown, and each engine's answer shape.

LibreTranslate runs against a local fake server; Google, MyMemory, DeepL and
Microsoft answer through ``responses`` in the shapes their services use. Nothing
leaves the machine: ``responses`` refuses any request it was not told about.
"""

from __future__ import annotations

import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

from conftest import LOCALES
from fake_libretranslate import FakeServer, google_page, pseudo_translate
from letter_i18n.drafts import engines, wire
from letter_i18n.drafts.engines import Access
from letter_i18n.drafts.wire import Client, EngineError

ENGINES = engines.for_locales(LOCALES)  # the engines with this project's codes

SECRET = "s3cr3t-key-0123456789"


@pytest.fixture
def server():
    fake = FakeServer().start()
    yield fake
    fake.stop()


def libre(server: FakeServer, key: str | None = None, timeout: float = 5.0) -> Client:
    return Client(ENGINES["libre"], Access(key=key, url=server.url), timeout)


def test_libre_without_key_sends_none(server):
    client = libre(server)
    assert client.translate("fr", "Dear Chair,") == pseudo_translate("Dear Chair,", "fr")
    (seen,) = server.translations()
    assert seen.fields == {"q": "Dear Chair,", "source": "en", "target": "fr", "format": "text"}
    assert client.sent == 1


def test_libre_key_comes_from_the_environment_and_is_sent(server):
    server.require_key = SECRET
    access = engines.access_from_environment(ENGINES["libre"], server.url, None,
                                             {"LIBRETRANSLATE_API_KEY": SECRET})
    client = Client(ENGINES["libre"], access, 5.0)
    assert client.translate("zh_Hans", "Thank you.") == pseudo_translate("Thank you.", "zh")
    assert server.translations()[0].fields["api_key"] == SECRET
    assert server.translations()[0].fields["target"] == "zh"


def test_refused_key_is_fatal_and_never_shown(server):
    server.require_key = "another"
    client = libre(server, key=SECRET)
    with pytest.raises(EngineError) as caught:
        client.translate("fr", "Dear Chair,")
    assert caught.value.fatal and not caught.value.retryable
    assert "HTTP 403" in caught.value.message and "LIBRETRANSLATE_API_KEY" in caught.value.message
    assert SECRET not in caught.value.message


@pytest.mark.parametrize(("status", "retryable"), [(429, True), (500, True), (503, True),
                                                  (400, False)])
def test_http_errors_are_classified(server, status, retryable):
    server.rule("Dear", status=status)
    with pytest.raises(EngineError) as caught:
        libre(server).translate("fr", "Dear Chair,")
    assert (caught.value.retryable, caught.value.fatal) == (retryable, False)
    assert caught.value.message == f"HTTP {status} ({urlsplit(server.url).netloc})"


def test_429_retry_after_is_read(server):
    server.rule("Dear", status=429)
    with pytest.raises(EngineError) as caught:
        libre(server).translate("fr", "Dear Chair,")
    assert caught.value.retry_after == 0.0


def test_a_stalled_server_does_not_hang_the_call(server):
    server.rule("Dear", stall=True)
    client = libre(server, timeout=0.3)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: _capture(outcome, client))
    worker.start()
    worker.join(20)  # a guard against hanging the suite, not a speed assertion
    assert not worker.is_alive(), "a stalled server hung the request"
    assert isinstance(outcome[0], EngineError) and outcome[0].retryable
    assert "no answer within 0.3 s (127.0.0.1:" in str(outcome[0])


def _capture(outcome: list[BaseException], client: Client) -> None:
    try:
        client.translate("fr", "Dear Chair,")
    except BaseException as exc:
        outcome.append(exc)


def test_connection_refused_is_retryable():
    client = Client(ENGINES["libre"], Access(url="http://127.0.0.1:9/"), 1.0)
    with pytest.raises(EngineError) as caught:
        client.translate("fr", "Dear Chair,")
    assert caught.value.retryable and "could not connect (127.0.0.1:9)" in caught.value.message


def test_deep_translator_outside_a_client_is_bounded_too(monkeypatch, server):
    wire.install_wire()
    seen = {}
    original = wire._TimeoutAdapter.send

    def spy(self, request, stream=False, timeout=None, **kwargs):
        seen["timeout"] = self.timeout
        return original(self, request, stream=stream, timeout=timeout, **kwargs)

    monkeypatch.setattr(wire._TimeoutAdapter, "send", spy)
    translator = wire.KeylessLibreTranslator(source="en", target="fr", custom_url=server.url)
    assert translator.translate("Thank you.") == pseudo_translate("Thank you.", "fr")
    assert seen["timeout"] == wire.DEFAULT_TIMEOUT


# -- engines behind responses, in their services' answer shapes --------------------------------

GOOGLE = "https://translate.google.com/m"


@responses.activate
def test_google_scrapes_the_mobile_page():
    def answer(request):
        query = {k: v[0] for k, v in parse_qs(urlsplit(request.url).query).items()}
        assert (query["sl"], query["tl"]) == ("en", "zh-CN")
        return 200, {"Content-Type": "text/html; charset=UTF-8"}, google_page(f"译 {query['q']}")

    responses.add_callback(responses.GET, GOOGLE, callback=answer)
    client = Client(ENGINES["google"], Access(), 5.0)
    assert client.translate("zh_Hans", "  Thank you & bye.  ") == "译 Thank you & bye."


@responses.activate
def test_google_429_is_retryable():
    responses.add(responses.GET, GOOGLE, status=429, body="<html>sorry</html>")
    with pytest.raises(EngineError) as caught:
        Client(ENGINES["google"], Access(), 5.0).translate("fr", "Thank you.")
    assert caught.value.retryable and "HTTP 429 (translate.google.com)" in caught.value.message


MYMEMORY = "http://api.mymemory.translated.net/get"


def mymemory_answer(translation: str, status: int = 200) -> dict:
    """MyMemory's /get answer: responseData plus translation-memory matches."""
    return {"responseData": {"translatedText": translation, "match": 0.85},
            "quotaFinished": status == 429, "mtLangSupported": None, "responseDetails": "",
            "responseStatus": status, "responderId": None, "exception_code": None,
            "matches": [{"id": "0", "segment": "Thank you.", "translation": translation,
                         "source": "en-US", "target": "fr-FR", "quality": 74,
                         "reference": None, "usage-count": 2, "subject": "",
                         "created-by": "MT!", "last-updated-by": "MT!",
                         "create-date": "2024-05-01 10:00:00",
                         "last-update-date": "2024-05-01 10:00:00", "match": 0.85,
                         "penalty": 0, "model": "neural"}]}


@responses.activate
def test_mymemory_language_pair_and_html_entities():
    responses.add(responses.GET, MYMEMORY,
                  json=mymemory_answer("Merci &amp; l&#39;ensemble."),
                  match=[responses.matchers.query_param_matcher(
                      {"langpair": "en-US|fr-FR", "q": "Thank you."})])
    client = Client(ENGINES["mymemory"], Access(), 5.0)
    assert client.translate("fr", "Thank you.") == "Merci & l'ensemble."


@responses.activate
def test_mymemory_quota_warning_is_a_refusal_not_a_translation():
    responses.add(responses.GET, MYMEMORY, json=mymemory_answer(
        "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN "
        "10 HOURS 20 MINUTES 11 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP "
        "TO TRANSLATE MORE", status=429))
    with pytest.raises(EngineError) as caught:
        Client(ENGINES["mymemory"], Access(), 5.0).translate("fr", "Thank you.")
    assert caught.value.fatal and "MyMemory refused" in caught.value.message


@responses.activate
@pytest.mark.parametrize(("key", "host"), [(SECRET + ":fx", "api-free.deepl.com"),
                                           (SECRET, "api.deepl.com")])
def test_deepl_free_or_pro_by_key(key, host):
    responses.add(responses.GET, f"https://{host}/v2/translate",
                  json={"translations": [{"detected_source_language": "EN",
                                          "text": "Merci."}]},
                  match=[responses.matchers.query_param_matcher(
                      {"auth_key": key, "source_lang": "en", "target_lang": "fr",
                       "text": "Thank you."})])
    client = Client(ENGINES["deepl"], Access(key=key), 5.0)
    assert client.translate("fr", "Thank you.") == "Merci."


@responses.activate
def test_deepl_refused_key_message_names_the_variable_not_the_key():
    responses.add(responses.GET, "https://api.deepl.com/v2/translate", status=403,
                  json={"message": "Wrong endpoint or key"})
    with pytest.raises(EngineError) as caught:
        Client(ENGINES["deepl"], Access(key=SECRET), 5.0).translate("fr", "Thank you.")
    assert caught.value.fatal and "DEEPL_API_KEY" in caught.value.message
    assert SECRET not in caught.value.message


MS_LANGUAGES = "https://api.cognitive.microsofttranslator.com/languages"
MS_TRANSLATE = "https://api.cognitive.microsofttranslator.com/translate"


@responses.activate
def test_microsoft_fetches_languages_once_and_sends_the_key_in_a_header():
    responses.add(responses.GET, MS_LANGUAGES, json={"translation": {
        "en": {"name": "English", "nativeName": "English", "dir": "ltr"},
        "fr": {"name": "French", "nativeName": "Français", "dir": "ltr"},
        "zh-Hans": {"name": "Chinese Simplified", "nativeName": "中文 (简体)", "dir": "ltr"}}})

    def answer(request):
        assert request.headers["Ocp-Apim-Subscription-Key"] == SECRET
        assert request.headers["Ocp-Apim-Subscription-Region"] == "westeurope"
        query = parse_qs(urlsplit(request.url).query)
        text = json.loads(request.body)[0]["text"]
        return 200, {}, json.dumps([{"translations": [{"text": f"{query['to'][0]}:{text}",
                                                        "to": query["to"][0]}]}])

    responses.add_callback(responses.POST, MS_TRANSLATE, callback=answer)
    client = Client(ENGINES["microsoft"], Access(key=SECRET, region="westeurope"), 5.0)
    assert client.translate("zh_Hans", "Thank you.") == "zh-hans:Thank you."
    assert client.translate("fr", "Thank you.") == "fr:Thank you."
    assert [c.request.method for c in responses.calls] == ["GET", "POST", "POST"]


def outcome_of(client: Client, text: str = "Dear Chair,") -> tuple[BaseException | str, float]:
    """What a translate call ends with, and after how long (in a thread: a hang fails)."""
    outcome: list[BaseException | str] = []

    def call() -> None:
        try:
            outcome.append(client.translate("fr", text))
        except BaseException as exc:
            outcome.append(exc)

    started = time.monotonic()
    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(30)  # a guard against hanging the suite, not a speed assertion
    assert not worker.is_alive(), "the request was not bounded"
    return outcome[0], time.monotonic() - started


@pytest.mark.parametrize("trickle_headers", [False, True], ids=["body", "headers"])
def test_a_trickling_server_is_cut_at_the_request_s_deadline(server, trickle_headers):
    """One byte every 0.1 s never trips a per-read timeout; the total deadline cuts it."""
    server.rule("Dear", trickle=0.1, trickle_headers=trickle_headers)
    error, _ = outcome_of(libre(server, timeout=1.0))  # the whole answer would take ~5 s
    assert isinstance(error, EngineError) and error.retryable
    if trickle_headers:
        assert "no answer within 1 s (127.0.0.1:" in str(error)
    else:
        assert "the answer did not finish within 1 s (" in str(error)


def test_a_huge_answer_is_refused_not_kept(server):
    server.rule("Dear", size=5_000_000)
    error, _ = outcome_of(libre(server))
    assert isinstance(error, EngineError) and not error.retryable
    assert "the answer is larger than 1024 KiB: not a translation" in str(error)


def test_an_endless_answer_is_cut_at_the_size_cap(server):
    server.rule("Dear", endless=True)
    error, _ = outcome_of(libre(server, timeout=10.0))
    assert isinstance(error, EngineError) and "larger than 1024 KiB" in str(error)


@pytest.mark.parametrize("payload", [{"translatedText": 42}, {"translatedText": ["a"]}])
def test_an_answer_that_is_not_text_is_an_error(server, payload):
    server.rule("Dear", payload=payload)
    error, _ = outcome_of(libre(server))
    assert isinstance(error, EngineError)
    assert f"the answer is not text but {type(payload['translatedText']).__name__}" in str(error)


def test_a_stall_in_the_middle_of_the_body_says_so(server, monkeypatch):
    """Bytes come, then none: not "could not connect" but how far the answer got."""
    server.rule("Dear", trickle=2.0)  # the headers, then a byte only every 2 s
    error, _ = outcome_of(libre(server, timeout=0.5))
    assert isinstance(error, EngineError) and error.retryable
    assert "could not connect" not in str(error)
    assert "the answer" in str(error) and "bytes" in str(error)
