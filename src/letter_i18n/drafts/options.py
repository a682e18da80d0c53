"""What a draft run may do: engines chosen per locale, settings, and the command line, merged.

No engine is used unless named on the command line (the letter may be
unpublished): settings in ``pyproject.toml`` hold servers and limits, never an
engine choice and never a key; keys come only from the environment. Everything
here is decided before anything is sent, so an impossible pair, a missing key
or a bad address costs no request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from letter_i18n.drafts import engines
from letter_i18n.drafts.engines import Engine
from letter_i18n.drafts.wire import Client
from letter_i18n.errors import UserError
from letter_i18n.locales import Locales
from letter_i18n.settings import Settings

EngineChoice = tuple[str | None, str]  # (locale, or None for every locale; engine name)
MIN_CHARS = 50  # a smaller limit would cut sentences into fragments no engine can translate


@dataclass
class EngineSettings:
    """What the settings (or the command line) say about one engine; None: its default."""

    url: str | None = None
    rate_limit: float | None = None  # requests per second; 0: no limit
    max_chars: int | None = None
    region: str | None = None


@dataclass
class Options:
    concurrency: int = 4  # requests in flight at once, over all engines
    timeout: float = 30.0  # seconds to connect, and to wait for each read
    retries: int = 4  # tries after the first, for 429, 5xx, timeouts, connection errors
    backoff: float = 0.5  # first retry after about this many seconds, doubling each time
    backoff_cap: float = 30.0
    save_interval: float = 2.0  # seconds between incremental saves of a locale's catalog
    refresh: bool = False  # redo earlier machine drafts
    engines: dict[str, EngineSettings] = field(default_factory=dict)

    def engine(self, engine: Engine) -> EngineSettings:
        found = self.engines.get(engine.name, EngineSettings())
        return EngineSettings(
            found.url, engine.rate_limit if found.rate_limit is None else found.rate_limit,
            found.max_chars or engine.max_chars, found.region)


_RUN_KEYS = {"concurrency": int, "timeout": float, "retries": int}
_ENGINE_KEYS = {"url": str, "rate-limit": float, "max-chars": int, "region": str}


def options_from(settings: Settings) -> Options:
    """Options from ``[tool.letter-i18n.draft]``: never an engine choice, never a key."""
    table = settings.table("draft")
    options = Options()
    for key, value in table.items():
        if key in ENGINE_NAMES:
            options.engines[key] = _engine_settings(settings, key)
        elif key in _RUN_KEYS:
            setattr(options, key, _number(settings, key, value, _RUN_KEYS[key]))
        else:
            raise _unknown(settings, key, [*_RUN_KEYS, *ENGINE_NAMES])
    if options.concurrency < 1:
        raise settings.fail("'concurrency' must be at least 1", "concurrency")
    if options.timeout <= 0:
        raise settings.fail("'timeout' must be more than 0 seconds", "timeout")
    return options


def _engine_settings(settings: Settings, name: str) -> EngineSettings:
    found = EngineSettings()
    for key, value in settings.table("draft", name).items():
        if key not in _ENGINE_KEYS:
            raise _unknown(settings, key, list(_ENGINE_KEYS))
        kind = _ENGINE_KEYS[key]
        value = _number(settings, key, value, kind) if kind is not str else value
        if kind is str and not (isinstance(value, str) and value.strip()):
            raise settings.fail(f"'{key}' must be a non-empty string", key)
        if key == "max-chars" and value < MIN_CHARS:
            raise settings.fail(f"'max-chars' must be at least {MIN_CHARS}", key)
        if key == "url" and engines.ENGINES[name].url == "none":
            raise settings.fail(f"{name} has a fixed address: 'url' is for libre", key)
        setattr(found, key.replace("-", "_"), value)
    return found


def _number(settings: Settings, key: str, value: object, kind: type) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 \
            or (kind is int and not isinstance(value, int)):
        raise settings.fail(f"'{key}' must be a {'whole ' if kind is int else ''}number "
                            f"of at least 0, not {value!r}", key)
    return kind(value)


def _unknown(settings: Settings, key: str, allowed: list[str]) -> UserError:
    if "key" in key.lower() or "token" in key.lower() or "secret" in key.lower():
        env = ", ".join(e.key_env for e in engines.ENGINES.values() if e.key_env)
        return settings.fail(f"'{key}': API keys are never kept in files", key,
                             hint=f"Set them in the environment: {env}.")
    if key == "engine":
        return settings.fail("engines are not chosen in settings", key,
                             hint="Name the engine on the command line (--engine): no engine "
                                  "is ever used unless named, the letter may be unpublished.")
    return settings.fail(f"unknown setting '{key}'", key, hint=f"Allowed: {', '.join(allowed)}.")


ENGINE_NAMES = tuple(engines.ENGINES)


def choose_engines(choices: list[EngineChoice], codes: list[str],
                   table: Locales) -> dict[str, Engine]:
    """The engine for each locale from ``NAME`` (default) and ``LOCALE=NAME`` choices.

    Raises :class:`UserError` before anything is sent when an engine cannot do
    a locale, naming every such pair and what to do.
    """
    known = engines.for_locales(table)
    default: str | None = None
    per_locale: dict[str, str] = {}
    for code, name in choices:
        if code:
            per_locale[code] = name
        else:
            default = name
    chosen: dict[str, Engine] = {}
    for code in codes:
        name = per_locale.get(code, default)
        if name is None:
            raise UserError(f"no engine named for {code}", hint="Name one for every locale: "
                            f"--engine NAME, or --engine {code}=NAME.")
        chosen[code] = known[name]
    unable = [(code, engine) for code, engine in chosen.items() if not engine.can_do(code)]
    if unable:
        pairs = ", ".join(f"{engine.name} cannot translate into "
                          f"{table.by_code[code].english_name} ({code})"
                          for code, engine in unable)
        reasons = "; ".join(dict.fromkeys(engine.gaps for _, engine in unable if engine.gaps))
        able = [e.name for e in known.values() if e.can_do(unable[0][0])]
        example = f" (e.g. --engine {unable[0][0]}={able[0]})" if able else ""
        raise UserError(f"{pairs}" + (f": {reasons}" if reasons else ""),
                        hint=f"Choose another engine for it{example} or leave it out with "
                             "--locale. Nothing was sent.")
    return chosen


def clients(chosen: Mapping[str, Engine], options: Options,
            environ: Mapping[str, str] | None = None) -> dict[str, Client]:
    """One client per engine in use; missing keys and servers are reported before sending."""
    made: dict[str, Client] = {}
    for engine in dict.fromkeys(chosen.values()):
        settings = options.engine(engine)
        access = engines.access_from_environment(engine, settings.url, settings.region, environ)
        if engine.key_required and not access.key:
            raise UserError(f"{engine.name} needs an API key",
                            hint=f"Set {engine.key_env} in the environment (never in a file).")
        if engine.url == "required" and not access.url:
            raise UserError(f"{engine.name} needs the address of your server",
                            hint="Pass --engine-url http://localhost:5000 or set url under "
                                 f"[tool.letter-i18n.draft.{engine.name}] in pyproject.toml.")
        if access.url and not re.match(r"https?://[^/\s]+", access.url):
            raise UserError(f"the address of the {engine.title} server must start with "
                            f"http:// or https://, not '{access.url}'")
        made[engine.name] = Client(engine, access, options.timeout)
    return made




def parse_engine_specs(values: list[str] | tuple[str, ...],
                       codes: list[str]) -> list[EngineChoice]:
    """``NAME`` and ``LOCALE=NAME`` choices as ``(locale or None, engine name)`` pairs, for
    a project whose locales are ``codes``.

    Raises :class:`ValueError` naming the bad value and what is allowed.
    """
    parsed: list[tuple[str | None, str]] = []
    for value in values:
        code, _, name = value.rpartition("=")
        if name not in engines.ENGINES or (code and code not in codes):
            raise ValueError(f"'{value}': use NAME or LOCALE=NAME with NAME one of "
                             f"{', '.join(engines.ENGINES)} and LOCALE one of "
                             f"{', '.join(sorted(codes))}")
        parsed.append((code or None, name))
    return parsed


class OptionError(UserError):
    """Command-line options that contradict each other (a usage error)."""


@dataclass
class Overrides:
    """What the command line says; None: leave the settings' value."""

    engine_url: str | None = None
    concurrency: int | None = None
    timeout: float | None = None
    rate_limit: float | None = None
    refresh: bool = False


def resolve(settings: Settings, choices: list[EngineChoice], codes: list[str],
            overrides: Overrides, table: Locales) -> tuple[dict[str, Engine], Options]:
    """The engine per locale and the run's options: settings first, the command line over them.

    Raises :class:`UserError` for an engine that cannot do a locale and for an
    ``--engine-url`` no chosen engine takes.
    """
    options = options_from(settings)
    options.refresh = overrides.refresh
    options.concurrency = overrides.concurrency or options.concurrency
    options.timeout = overrides.timeout or options.timeout
    chosen = choose_engines(choices, codes, table)
    if overrides.engine_url and all(e.url == "none" for e in chosen.values()):
        raise OptionError(f"--engine-url is for LibreTranslate (libre); "
                        f"{', '.join(sorted({e.name for e in chosen.values()}))} has a fixed "
                        "address", hint="Leave --engine-url out, or choose --engine libre.")
    for engine in set(chosen.values()):
        found = options.engines.setdefault(engine.name, EngineSettings())
        if overrides.engine_url and engine.url != "none":
            found.url = overrides.engine_url
        if overrides.rate_limit is not None:
            found.rate_limit = overrides.rate_limit
    return chosen, options
