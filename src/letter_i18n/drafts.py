"""Which entries get a machine draft, what is sent for them, and how a draft is written.

Why the rules: translators start from a draft, never from nothing, and nothing
a person wrote is ever overwritten. Only entries with no translation get a
draft; a draft is written ``fuzzy`` with a translator comment
``draft: machine translation (ENGINE, DATE); needs review [FINGERPRINT]``, so
editors show it as needing review. The fingerprint is the draft's own: an
entry is still a machine draft (which ``--refresh-drafts`` may redo) only
while its text is unchanged; once someone edits it, it is theirs.

No engine is used unless named on the command line (the letter may be
unpublished): settings in ``pyproject.toml`` hold servers and limits, never an
engine choice and never a key. :func:`plan` reads the catalogs and the cache
and decides everything before :mod:`draft_run` sends anything, so impossible
pairs, missing keys and dry runs cost no request.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polib
from babel.messages.plurals import get_plural

from . import engines, glossary, locales, markup, protect, source
from .engines import Client, Engine
from .errors import UserError
from .merge import DRAFT_MARK
from .poparse import read_catalog
from .project import Project
from .settings import Settings

CACHE_FILE = Path(".cache") / "drafts.sqlite3"
MIN_CHARS = 50  # a smaller limit would cut sentences into fragments no engine can translate
_MACHINE = re.compile(rf"^{re.escape(DRAFT_MARK)} machine translation \(([^,()]+), "
                      r"(\d{4}-\d{2}-\d{2})\); needs review(?: \[([0-9a-f]{8})\])?$")
_PLURAL_NUMBER_NAMES = ("count", "n", "num", "number")

Key = tuple[str | None, str, str]  # msgctxt, msgid, msgid_plural


# -- options --------------------------------------------------------------------------------

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


def choose_engines(specs: list[str], codes: list[str]) -> dict[str, Engine]:
    """The engine for each locale from ``NAME`` (default) and ``LOCALE=NAME`` choices.

    Raises :class:`UserError` before anything is sent when an engine cannot do
    a locale, naming every such pair and what to do.
    """
    default: str | None = None
    per_locale: dict[str, str] = {}
    for spec in specs:
        code, _, name = spec.rpartition("=")
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
        chosen[code] = engines.ENGINES[name]
    unable = [(code, engine) for code, engine in chosen.items() if not engine.can_do(code)]
    if unable:
        pairs = ", ".join(f"{engine.name} cannot translate into "
                          f"{locales.BY_CODE[code].english_name} ({code})"
                          for code, engine in unable)
        reasons = "; ".join(dict.fromkeys(engine.gaps for _, engine in unable if engine.gaps))
        able = [e.name for e in engines.ENGINES.values() if e.can_do(unable[0][0])]
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


# -- which entries, and how a draft is written --------------------------------------------

def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or "")


def _forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def fingerprint(entry: polib.POEntry) -> str:
    return hashlib.sha256("\0".join(_forms(entry)).encode("utf-8")).hexdigest()[:8]


def is_machine_draft(entry: polib.POEntry) -> bool:
    """Fuzzy, labelled as a machine draft, and unedited since (its fingerprint still holds)."""
    if "fuzzy" not in entry.flags or not any(_forms(entry)):
        return False
    for line in (entry.tcomment or "").split("\n"):
        found = _MACHINE.match(line)
        if found and found.group(3) in (None, fingerprint(entry)):
            return True
    return False


def is_untranslated(entry: polib.POEntry) -> bool:
    return not any(_forms(entry)) and "fuzzy" not in entry.flags


def eligible(entry: polib.POEntry, refresh: bool) -> bool:
    """May this entry get a draft? Never when a person wrote or flagged anything in it."""
    if entry.obsolete or not entry.msgid:
        return False
    return is_untranslated(entry) or (refresh and is_machine_draft(entry))


def apply(entry: polib.POEntry, forms: list[str], engine: str, date: str) -> None:
    """Write a draft into ``entry``: fuzzy, labelled with engine, date and fingerprint."""
    if entry.msgid_plural:
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = forms[0]
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    kept = [line for line in (entry.tcomment or "").split("\n")
            if line and not _MACHINE.match(line)]
    label = f"{DRAFT_MARK} machine translation ({engine}, {date}); needs review"
    entry.tcomment = "\n".join([*kept, f"{label} [{fingerprint(entry)}]"])


def protected_names(project: Project, letter: source.Letter, code: str) -> dict[str, str]:
    """Names never translated -> what a draft in ``code`` shows for them.

    Organizations (with their official name in that language, if any), experts,
    the recipient, and ``do_not_translate`` in ``source/glossary.yaml`` if present.
    """
    names = {org.name: org.names.get(code, org.name) for org in letter.organizations}
    names.update({expert.name: expert.name for expert in letter.experts})
    names[letter.recipient.name] = letter.recipient.name
    names.update({name: name for name in glossary.for_project(project).do_not_translate})
    return names


# -- the plan -------------------------------------------------------------------------------

@dataclass
class Form:
    """One text to translate for an entry (its msgstr, or one plural form)."""

    protected: protect.Protected
    chunks: list[str]
    separators: list[str]


@dataclass
class Job:
    locale: str
    key: Key
    line: int
    forms: list[Form]


@dataclass
class Problem:
    line: int
    kind: str  # rejected, failed, skipped
    message: str


@dataclass
class LocalePlan:
    code: str
    engine: Engine
    path: Path
    shown: str
    jobs: list[Job] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    kept: int = 0  # entries with a person's translation or flag: never touched
    machine_drafts: int = 0  # earlier machine drafts left as they are (no --refresh-drafts)
    stale_drafts: int = 0  # ... of which the English text changed since


RequestKey = tuple[str, str, str]  # engine, locale, text


@dataclass
class Plan:
    locales: list[LocalePlan]
    answers: dict[RequestKey, str]  # from the cache
    pending: list[RequestKey]  # to send, in locale order, each once


def requests_of(here: LocalePlan) -> list[RequestKey]:
    """The distinct texts a locale's drafts need, each once."""
    return list(dict.fromkeys((here.engine.name, here.code, chunk)
                              for job in here.jobs for form in job.forms for chunk in form.chunks))


def plan(project: Project, chosen: Mapping[str, Engine], options: Options) -> Plan:
    """Read catalogs, select entries, protect and split their texts, consult the cache."""
    letter = source.load(project.source_dir, project.root)
    labels = frozenset(letter.links)
    plans: list[LocalePlan] = []
    for code, engine in chosen.items():
        path = project.po_path(code)
        catalog = read_catalog(path, project.shown(path))
        names = protected_names(project, letter, code)
        limit = options.engine(engine).max_chars
        here = LocalePlan(code, engine, path, project.shown(path))
        for entry in catalog:
            if entry.obsolete or not entry.msgid:
                continue
            if not eligible(entry, options.refresh):
                if is_machine_draft(entry):
                    here.machine_drafts += 1
                    here.stale_drafts += entry.previous_msgid is not None
                elif not is_untranslated(entry):
                    here.kept += 1
                continue
            try:
                forms = _protect_entry(entry, code, labels, names, limit)
            except (markup.MarkupError, protect.Rejected) as exc:
                here.problems.append(Problem(entry.linenum, "rejected", f"source: {exc}"))
                continue
            if not any(form.protected.translatable for form in forms):
                here.problems.append(Problem(entry.linenum, "skipped",
                                             "nothing to translate: only names or placeholders"))
                continue
            here.jobs.append(Job(code, key(entry), entry.linenum, forms))
        plans.append(here)
    wanted = [request for here in plans for request in requests_of(here)]
    answers: dict[RequestKey, str] = {}
    if (project.root / CACHE_FILE).exists():  # a dry run creates nothing
        with Cache(project.root / CACHE_FILE) as cache:
            answers = {request: answer for request in wanted
                       if (answer := cache.get(*cache_key(request))) is not None}
    return Plan(plans, answers, [request for request in wanted if request not in answers])


def _protect_entry(entry: polib.POEntry, code: str, labels: frozenset[str],
                   names: dict[str, str], limit: int) -> list[Form]:
    if entry.msgid_plural:
        info = locales.target(code)
        placeholder = _plural_placeholder(entry.msgid_plural)
        samples = protect.plural_samples(str(get_plural(code).plural_expr), info.nplurals)
        texts = [(entry.msgid if n == 1 else entry.msgid_plural, n) for n in samples]
        protected = [protect.protect(text, labels, names, n if placeholder else None,
                                     placeholder) for text, n in texts]
    else:
        protected = [protect.protect(entry.msgid, labels, names)]
    forms = []
    for p in protected:
        pieces = protect.split(p.text.strip(), limit)
        forms.append(Form(p, [c for c, _ in pieces], [s for _, s in pieces]))
    return forms


def _plural_placeholder(text: str) -> str:
    found = list(dict.fromkeys(re.findall(r"\{([A-Za-z_][A-Za-z0-9_]*)\}", text)))
    if len(found) == 1:
        return "{" + found[0] + "}"
    named = [name for name in found if name in _PLURAL_NUMBER_NAMES]
    return "{" + named[0] + "}" if named else ""


def cache_key(request: RequestKey) -> tuple[str, str, str, str]:
    name, code, text = request
    engine = engines.ENGINES[name]
    return (name, engine.source, engine.codes[code], text)


# -- the cache ------------------------------------------------------------------------------

class Cache:
    """Answers already received: (engine, source language, target language, text) -> answer.

    Written by one thread (the one running the plan); every answer is committed
    as it arrives, so a crash loses none.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS answers (engine TEXT, source TEXT, "
                        "target TEXT, text TEXT, answer TEXT, "
                        "PRIMARY KEY (engine, source, target, text))")

    def get(self, engine: str, src: str, target: str, text: str) -> str | None:
        row = self.db.execute("SELECT answer FROM answers WHERE engine=? AND source=? AND "
                              "target=? AND text=?", (engine, src, target, text)).fetchone()
        return row[0] if row else None

    def put(self, engine: str, src: str, target: str, text: str, answer: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                            (engine, src, target, text, answer))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


# -- what a person reads ----------------------------------------------------------------------

def dry_run_lines(the_plan: Plan) -> list[str]:
    """Per locale and engine: what would be sent (engines bill per character)."""
    lines = ["dry run: nothing is sent",
             f"{'locale':<8} {'engine':<10} {'segments':>8} {'requests':>8} {'characters':>10} "
             f"{'cached':>6} {'left alone':>10}"]
    pending = set(the_plan.pending)
    for here in the_plan.locales:
        wanted = requests_of(here)
        to_send = [r for r in wanted if r in pending]
        lines.append(f"{here.code:<8} {here.engine.name:<10} {len(here.jobs):>8} "
                     f"{len(to_send):>8} {sum(len(r[2]) for r in to_send):>10,} "
                     f"{len(wanted) - len(to_send):>6} {here.kept + here.machine_drafts:>10}")
        lines += [f"{here.shown}:{p.line}: {p.kind}: {p.message}" for p in here.problems]
    lines.append("left alone: entries with a person's translation or flag, and earlier "
                 "machine drafts (--refresh-drafts redoes those)")
    public = sorted({here.engine.title for here in the_plan.locales if here.engine.public})
    if public and the_plan.pending:
        lines.append(f"note: {', '.join(public)} would receive the text: it leaves your machines")
    return lines
