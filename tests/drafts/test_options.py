"""What a draft run may do, decided before anything is sent: engines per locale, settings from
pyproject.toml (never an engine, never a key), the command line over them, keys and servers."""

from __future__ import annotations

import pytest

import drafting
from conftest import LOCALES
from drafting import choose, draft, options
from letter_i18n import settings
from letter_i18n.drafts import engines
from letter_i18n.drafts.options import (
    EngineSettings,
    OptionError,
    Options,
    Overrides,
    choose_engines,
    clients,
    options_from,
    parse_engine_specs,
    resolve,
)
from letter_i18n.errors import UserError
from letter_i18n.settings import Settings

ENGINES = engines.for_locales(LOCALES)  # the engines with this project's codes

project = pytest.fixture(drafting.catalogs_project, name="project")
server = pytest.fixture(drafting.fake_server, name="server")


def test_an_impossible_pair_is_an_error_before_anything_is_sent(project, server):
    with pytest.raises(UserError) as caught:
        draft(project, server, "libre", codes=("fr", "th"))
    assert "libre cannot translate into Thai (th)" in caught.value.message
    assert "--engine th=google" in caught.value.hint and "Nothing was sent" in caught.value.hint
    assert server.seen == []



def test_keys_are_required_where_needed_and_urls_for_libre(project):
    with pytest.raises(UserError, match="deepl needs an API key") as caught:
        clients(choose(["deepl"], ["fr"]), options(), {})
    assert "DEEPL_API_KEY" in caught.value.hint
    with pytest.raises(UserError, match="libre needs the address of your server"):
        clients(choose(["libre"], ["fr"]), options(), {})


def test_settings_from_pyproject(project):
    (project.root / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.letter-i18n.draft]\nconcurrency = 2\ntimeout = 5\n\n"
        "[tool.letter-i18n.draft.libre]\nurl = 'http://127.0.0.1:5000'\nrate-limit = 2.5\n",
        encoding="utf-8")
    found = options_from(settings.load(project))
    assert (found.concurrency, found.timeout, found.retries) == (2, 5.0, 4)
    libre = found.engine(ENGINES["libre"])
    assert (libre.url, libre.rate_limit, libre.max_chars) == ("http://127.0.0.1:5000", 2.5, 2000)
    assert found.engine(ENGINES["google"]).rate_limit == 5.0


@pytest.mark.parametrize(("text", "message", "line"), [
    ("[tool.letter-i18n.draft]\nconcurency = 2\n", "unknown setting 'concurency'", 2),
    ("[tool.letter-i18n.draft.deepl]\napi-key = 'x'\n", "API keys are never kept in files", 2),
    ("[tool.letter-i18n.draft]\nengine = 'google'\n", "engines are not chosen in settings", 2),
    ("[tool.letter-i18n.draft]\ntimeout = 'soon'\n", "'timeout' must be a number", 2),
    ("[tool.letter-i18n.draft]\ntimeout = \n", "TOML syntax error", 2),
    ("[tool.letter-i18n.draft.google]\nurl = 'http://x'\n", "google has a fixed address", 2),
    ("[tool.letter-i18n.draft.libre]\nmax-chars = 10\n", "'max-chars' must be at least 50", 2),
])
def test_settings_mistakes_name_file_and_line(project, text, message, line):
    (project.root / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match=message) as caught:
        options_from(settings.load(project))
    assert (caught.value.path, caught.value.line) == ("pyproject.toml", line)



def test_engine_specs_are_names_or_locale_equals_name():
    assert parse_engine_specs(["libre", "th=google", "zh_Hans=deepl"], LOCALES.codes) == [
        (None, "libre"), ("th", "google"), ("zh_Hans", "deepl")]
    for bad in ("babelfish", "xx=google", "en=google", "fr="):
        with pytest.raises(ValueError, match=f"^'{bad}': use NAME or LOCALE=NAME") as caught:
            parse_engine_specs([bad], LOCALES.codes)
        assert "libre, google, mymemory, deepl, microsoft" in str(caught.value)


def test_a_locale_choice_overrides_the_default_and_every_locale_needs_one():
    chosen = choose_engines([(None, "libre"), ("th", "google")], ["fr", "th"], LOCALES)
    assert {code: engine.name for code, engine in chosen.items()} == {"fr": "libre",
                                                                     "th": "google"}
    with pytest.raises(UserError) as caught:
        choose_engines([("fr", "libre")], ["fr", "es"], LOCALES)
    assert caught.value.message == "no engine named for es"
    assert "--engine es=NAME" in caught.value.hint


def test_settings_and_engine_defaults_merge():
    found = Options(engines={"google": EngineSettings(rate_limit=0.0),
                             "libre": EngineSettings(max_chars=None)})
    assert found.engine(ENGINES["google"]) == EngineSettings(None, 0.0, 4999, None)
    assert found.engine(ENGINES["libre"]) == EngineSettings(None, 0.0, 2000, None)
    assert found.engine(ENGINES["mymemory"]).rate_limit == 1.0  # its default


@pytest.mark.parametrize(("key", "value", "toml", "message"), [
    ("concurrency", 0, "0", "'concurrency' must be at least 1"),
    ("timeout", 0, "0", "'timeout' must be more than 0 seconds"),
    ("retries", 1.5, "1.5", "'retries' must be a whole number of at least 0, not 1.5"),
    ("retries", True, "true", "'retries' must be a whole number of at least 0, not True"),
    ("timeout", -1, "-1", "'timeout' must be a number of at least 0, not -1"),
])
def test_run_settings_out_of_range(key, value, toml, message):
    text = f"[tool.letter-i18n.draft]\n{key} = {toml}\n"
    with pytest.raises(UserError) as caught:
        options_from(Settings({"draft": {key: value}}, "pyproject.toml", text))
    assert (caught.value.message, caught.value.path, caught.value.line) == (
        message, "pyproject.toml", 2)


def test_the_command_line_goes_over_the_settings():
    configured = Settings({"draft": {"concurrency": 2, "timeout": 5,
                                     "libre": {"url": "http://127.0.0.1:5000"}}},
                          "pyproject.toml", "")
    _chosen, found = resolve(configured, [(None, "libre"), ("th", "google")], ["fr", "th"],
                             Overrides(engine_url="http://10.0.0.1:5000", concurrency=8,
                                       rate_limit=0.5, refresh=True), LOCALES)
    assert (found.concurrency, found.timeout, found.refresh) == (8, 5.0, True)
    assert found.engines["libre"].url == "http://10.0.0.1:5000"
    assert found.engines["google"].url is None  # Google has a fixed address
    assert found.engines["libre"].rate_limit == found.engines["google"].rate_limit == 0.5
    _, kept = resolve(configured, [(None, "libre")], ["fr"], Overrides(), LOCALES)
    assert (kept.concurrency, kept.engines["libre"].url) == (2, "http://127.0.0.1:5000")


def test_an_engine_url_no_chosen_engine_takes_is_a_usage_error():
    with pytest.raises(OptionError, match="--engine-url is for LibreTranslate") as caught:
        resolve(Settings({}, "pyproject.toml", ""), [(None, "google")], ["fr"],
                Overrides(engine_url="http://127.0.0.1:5000"), LOCALES)
    assert "choose --engine libre" in caught.value.hint


def test_a_server_address_must_be_http_and_clients_are_one_per_engine():
    found = options(engines={"libre": EngineSettings(url="ftp://127.0.0.1")})
    with pytest.raises(UserError, match="must start with http:// or https://, not 'ftp://"):
        clients(choose_engines([(None, "libre")], ["fr"], LOCALES), found, {})
    found.engines["libre"].url = "http://127.0.0.1:5000"
    both = [(None, "libre"), ("th", "google")]
    made = clients(choose_engines(both, ["fr", "es", "th"], LOCALES),
                   found, {"LIBRETRANSLATE_API_KEY": "k"})
    assert sorted(made) == ["google", "libre"]
    assert (made["libre"].access.url, made["libre"].access.key) == ("http://127.0.0.1:5000", "k")
