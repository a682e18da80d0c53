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
and decides everything before :mod:`.run` sends anything, so impossible
pairs, missing keys and dry runs cost no request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polib

from letter_i18n import localetable, markup
from letter_i18n.catalog.model import Key, is_machine_draft, is_untranslated, key
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.drafts import protect
from letter_i18n.drafts.cache import CACHE_FILE, Cache, RequestKey, cache_key
from letter_i18n.drafts.engines import Engine
from letter_i18n.drafts.options import Options
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project
from letter_i18n.source import glossary
from letter_i18n.source.letter import Letter, load_letter

_PLURAL_NUMBER_NAMES = ("count", "n", "num", "number")



# -- which entries, and how a draft is written --------------------------------------------

def eligible(entry: polib.POEntry, refresh: bool) -> bool:
    """May this entry get a draft? Never when a person wrote or flagged anything in it."""
    if entry.obsolete or not entry.msgid:
        return False
    return is_untranslated(entry) or (refresh and is_machine_draft(entry))


def protected_names(project: Project, letter: Letter, code: str) -> dict[str, str]:
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




@dataclass
class Plan:
    locales: list[LocalePlan]
    answers: dict[RequestKey, str]  # from the cache
    pending: list[RequestKey]  # to send, in locale order, each once


def requests_of(here: LocalePlan) -> list[RequestKey]:
    """The distinct texts a locale's drafts need, each once."""
    return list(dict.fromkeys((here.engine.name, here.code, chunk)
                              for job in here.jobs for form in job.forms for chunk in form.chunks))


def make_plan(project: Project, chosen: Mapping[str, Engine], options: Options) -> Plan:
    """Read catalogs, select entries, protect and split their texts, consult the cache."""
    letter = load_letter(project.source_dir, project.root)
    labels = frozenset(letter.links)
    table = localetable.load(project)
    plans: list[LocalePlan] = []
    for code, engine in chosen.items():
        path = project.po_path(code)
        catalog = read_project_po(project, path)
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
                forms = _protect_entry(entry, table.target(code), labels, names, limit,
                                       catalog.metadata.get("Plural-Forms"))
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
                       if (answer := cache.get(*cache_key(request, chosen[request[1]])))
                       is not None}
    return Plan(plans, answers, [request for request in wanted if request not in answers])


def _protect_entry(entry: polib.POEntry, info: LocaleInfo, labels: frozenset[str],
                   names: dict[str, str], limit: int, plural_forms: str | None = None
                   ) -> list[Form]:
    if entry.msgid_plural:
        placeholder = _plural_placeholder(entry.msgid_plural)
        samples = protect.plural_samples(info.rule_of(plural_forms))  # the catalog's own
        texts = [(entry.msgid if n == 1 else entry.msgid_plural, n) for n in samples]
        protected = [protect.protect(text, labels, names, n if placeholder else None,
                                     placeholder, info) for text, n in texts]
    else:
        protected = [protect.protect(entry.msgid, labels, names, locale=info)]
    forms = []
    for p in protected:
        pieces = protect.split(p.text.strip(), limit)
        forms.append(Form(p, [c for c, _ in pieces], [s for _, s in pieces]))
    return forms


def _plural_placeholder(text: str) -> str:
    found = list(dict.fromkeys(markup.placeholders(text)))
    if len(found) == 1:
        return "{" + found[0] + "}"
    named = [name for name in found if name in _PLURAL_NUMBER_NAMES]
    return "{" + named[0] + "}" if named else ""


# -- what a person reads ----------------------------------------------------------------------

def dry_run_lines(the_plan: Plan, options: Options | None = None) -> list[str]:
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
    if options is not None and the_plan.pending:
        lines.append(f"time: at most {_duration(upper_bound(the_plan, options))}, even if every "
                     f"request fails ({options.timeout:g} s a request, {options.retries + 1} "
                     f"tries, {options.concurrency} at a time)")
    return lines


def upper_bound(the_plan: Plan, options: Options) -> float:
    """Seconds the run may take at most: every request a deadline, every retry its longest
    wait, the requests in rounds of ``concurrency``, paced by any rate limit."""
    per_request = (options.retries + 1) * options.timeout + options.retries * options.backoff_cap
    rounds = -(-len(the_plan.pending) // options.concurrency)
    pacing = 0.0
    for engine in {here.engine for here in the_plan.locales}:
        rate = options.engine(engine).rate_limit
        if rate:
            pacing += len([r for r in the_plan.pending if r[0] == engine.name]) / rate
    return rounds * per_request + pacing


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
