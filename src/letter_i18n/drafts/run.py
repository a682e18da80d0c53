"""Sending what a draft plan needs, and saving drafts as they are finished.

Why the machinery: engines are slow, fail and stall. Requests run on a few
threads (``concurrency``) with deadlines (see :mod:`engines`), retries with
exponential backoff and jitter for 429, 5xx, timeouts and connection errors,
and an optional rate limit per engine; one failure never stops the others,
and an engine that refuses access is not asked again. Worker threads only do
HTTP: the main thread checks answers (:mod:`protect`), writes every answer to
the cache the moment it arrives, and rewrites a catalog atomically when its
locale finishes and every few seconds, re-reading it first so that what a
translator saved meanwhile is kept. Ctrl-C or a crash loses nothing finished,
and a rerun sends only what is still missing: while a run executes in the main
thread, Ctrl-C only sets a flag that the main loop reads between answers, so a
KeyboardInterrupt never lands half-way through collecting or caching one.
"""

from __future__ import annotations

import contextlib
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from letter_i18n import clock
from letter_i18n.catalog.model import Key, key, mark_machine_draft
from letter_i18n.catalog.pofile import load_po, save_revision
from letter_i18n.catalog.update import DATE_FORMAT
from letter_i18n.drafts import engines, protect
from letter_i18n.drafts.cache import CACHE_FILE, Cache, RequestKey, cache_key
from letter_i18n.drafts.options import Options
from letter_i18n.drafts.plan import Job, LocalePlan, Plan, Problem, eligible
from letter_i18n.drafts.wire import Client, EngineError
from letter_i18n.project import Project

GRACE = 2.0  # seconds to wait for answers in flight when a run is stopped


class RateLimit:
    """At most ``per_second`` request starts per second for one engine; 429 pauses it."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.next = 0.0
        self.lock = threading.Lock()

    def wait(self, stop: threading.Event) -> None:
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next)
            self.next = slot + self.interval
        if slot > now:
            stop.wait(slot - now)

    def pause(self, seconds: float) -> None:
        with self.lock:
            self.next = max(self.next, time.monotonic() + seconds)


class Interrupt:
    """Ctrl-C (SIGINT) as a count the main loop reads instead of a KeyboardInterrupt.

    Python raises KeyboardInterrupt wherever the main thread happens to be: between
    taking a future's answer and committing it to the cache, or inside
    ``concurrent.futures.wait`` while it holds the futures' locks. Either loses a
    finished answer (a rerun pays for it again) or blocks a worker for good.
    """

    def __init__(self) -> None:
        self.presses = 0

    def _handle(self, _signum: int, _frame: object) -> None:
        self.presses += 1

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Catch SIGINT while the block runs, then put the previous handler back.

        Only the main thread can set signal handlers: elsewhere, and when SIGINT is
        ignored or its handler was not set from Python, nothing is changed.
        """
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
        if previous is None or previous is signal.SIG_IGN:
            yield
            return
        signal.signal(signal.SIGINT, self._handle)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


@dataclass
class LocaleReport:
    code: str
    engine: str
    shown: str
    drafted: int = 0
    from_cache: int = 0  # of the drafted: no request needed
    repaired: int = 0  # of the drafted: an answer fixed up safely (spaces, token spelling)
    rejected: int = 0
    failed: int = 0
    skipped: int = 0
    kept: int = 0
    machine_drafts: int = 0
    stale_drafts: int = 0
    edited_meanwhile: int = 0  # drafts not written: someone changed the entry during the run
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Report:
    locales: list[LocaleReport]
    written: list[str] = field(default_factory=list)
    requests: int = 0  # distinct texts sent
    sent: int = 0  # HTTP requests, retries included
    interrupted: bool = False  # Ctrl-C: what was finished is saved, the rest is not sent


def _locale_report(here: LocalePlan) -> LocaleReport:
    """What the plan already knows: entries left alone, skipped, or refused at the source."""
    return LocaleReport(
        here.code, here.engine.name, here.shown, kept=here.kept,
        skipped=sum(p.kind == "skipped" for p in here.problems),
        rejected=sum(p.kind == "rejected" for p in here.problems),
        machine_drafts=here.machine_drafts, stale_drafts=here.stale_drafts,
        problems=list(here.problems))


class _Run:
    """One execution of a plan: the main thread collects answers, checks and saves drafts."""

    def __init__(self, project: Project, the_plan: Plan, clients: Mapping[str, Client],
                 options: Options, progress: Callable[[int], None] | None) -> None:
        self.plan, self.clients, self.options, self.progress = the_plan, clients, options, progress
        self.root = project.root
        self.answers: dict[RequestKey, str] = dict(the_plan.answers)
        self.failures: dict[RequestKey, str] = {}
        self.stop = threading.Event()
        self.interrupt = Interrupt()
        self.stopped: dict[str, str] = {}  # engine -> why no more is sent to it
        self.limits = {name: RateLimit(options.engine(client.engine).rate_limit)
                       for name, client in clients.items()}
        self.random = random.Random()
        now = clock.now()
        self.date = now.date().isoformat()
        self.revised = now.strftime(DATE_FORMAT)
        self.cache = Cache(project.root / CACHE_FILE)
        self.reports = {here.code: _locale_report(here) for here in the_plan.locales}
        self.waiting: dict[RequestKey, list[Job]] = {}
        self.collected: set[Future] = set()
        self.open_jobs: dict[str, int] = {}
        self.drafts: dict[str, dict[Key, list[str]]] = {here.code: {}
                                                        for here in the_plan.locales}
        self.report = Report(list(self.reports.values()))

    # -- worker threads: only HTTP --
    def send(self, request: RequestKey) -> str:
        name, code, text = request
        client = self.clients[name]
        for attempt in range(self.options.retries + 1):
            if self.stop.is_set():
                raise EngineError("not sent: the run was stopped")
            if name in self.stopped:
                raise EngineError(f"not sent: {name} was stopped after: {self.stopped[name]}")
            self.limits[name].wait(self.stop)
            try:
                return client.translate(code, text)
            except EngineError as exc:
                if exc.fatal:
                    self.stopped.setdefault(name, exc.message)
                if not exc.retryable or attempt == self.options.retries:
                    raise
                if (exc.retry_after or 0.0) > self.options.backoff_cap:
                    raise EngineError(f"{exc.message}: the server asks to wait "
                                      f"{exc.retry_after:.0f} s; run again later") from None
                if exc.retry_after:
                    self.limits[name].pause(exc.retry_after)
                delay = min(self.options.backoff_cap, self.options.backoff * 2 ** attempt)
                delay = max(exc.retry_after or 0.0, delay / 2 + self.random.uniform(0, delay / 2))
                if self.stop.wait(delay):
                    raise EngineError("not sent: the run was stopped") from None
        raise AssertionError("unreachable")

    # -- main thread --
    def run(self) -> Report:
        with self.interrupt.installed():
            self._run()
        return self.report

    def _run(self) -> None:
        for here in self.plan.locales:
            self.open_jobs[here.code] = len(here.jobs)
            for job in here.jobs:
                needed = {(here.engine.name, here.code, c) for f in job.forms for c in f.chunks}
                missing = [r for r in needed if r not in self.answers]
                for request in missing:
                    self.waiting.setdefault(request, []).append(job)
                if not missing:
                    self.finish(job, from_cache=True)
        executor = ThreadPoolExecutor(max_workers=self.options.concurrency,
                                      thread_name_prefix="draft")
        last_save = time.monotonic()
        futures: dict[Future, RequestKey] = {}
        try:
            for here in self.plan.locales:
                if not self.open_jobs[here.code]:
                    self.save(here.code)
            futures.update({executor.submit(self.send, request): request
                            for request in self.plan.pending})
            outstanding = set(futures)
            while outstanding and not self.interrupt.presses:  # Ctrl-C is seen within 0.2 s
                done, outstanding = wait(outstanding, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    self.collect(futures[future], future)
                if time.monotonic() - last_save >= self.options.save_interval:
                    for code in self.drafts:
                        self.save(code)
                    last_save = time.monotonic()
        except KeyboardInterrupt:  # where Interrupt could not take SIGINT over
            self.report.interrupted = True
        finally:
            self.report.interrupted = self.report.interrupted or self.interrupt.presses > 0
            self.stop.set()
            executor.shutdown(wait=False, cancel_futures=True)
            try:
                # Answers already on their way are worth a moment's wait (bounded by the
                # request deadline): they are paid for, and a rerun need not ask again.
                # A second Ctrl-C ends the wait; what has arrived is still saved.
                live = {f for f in futures if f not in self.collected and not f.cancelled()}
                deadline = time.monotonic() + min(self.options.timeout, GRACE)
                while live and self.interrupt.presses < 2:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    done, live = wait(live, timeout=min(left, 0.2), return_when=FIRST_COMPLETED)
                    for future in done:
                        if future.exception() is None:
                            self.collect(futures[future], future)
                for code in self.drafts:
                    self.save(code)
            finally:
                self.cache.close()
                self.report.sent = sum(client.sent for client in self.clients.values())

    def collect(self, request: RequestKey, future: Future) -> None:
        self.collected.add(future)
        self.report.requests += 1
        try:
            answer = future.result()
        except EngineError as exc:
            self.failures[request] = engines.redact(exc.message, self.clients[request[0]].access)
        else:
            self.answers[request] = answer
            self.cache.put(*cache_key(request, self.clients[request[0]].engine), answer)
        if self.progress:
            self.progress(1)
        for job in self.waiting.pop(request, []):
            needed = [(request[0], job.locale, c) for f in job.forms for c in f.chunks]
            if all(r in self.answers or r in self.failures for r in needed):
                self.finish(job, from_cache=False)

    def finish(self, job: Job, from_cache: bool) -> None:
        report = self.reports[job.locale]
        engine = report.engine
        self.open_jobs[job.locale] -= 1
        failed = [self.failures[(engine, job.locale, c)] for f in job.forms for c in f.chunks
                  if (engine, job.locale, c) in self.failures]
        if failed:
            report.failed += 1
            report.problems.append(Problem(job.line, "failed", failed[0]))
        else:
            try:
                forms, repaired = [], False
                for form in job.forms:
                    answers = [self.answers[(engine, job.locale, c)] for c in form.chunks]
                    text, repairs = protect.restore(form.protected,
                                                    protect.join(answers, form.separators))
                    forms.append(text)
                    repaired = repaired or bool(repairs)
            except protect.Rejected as exc:
                report.rejected += 1
                report.problems.append(Problem(job.line, "rejected", str(exc)))
            else:
                self.drafts[job.locale][job.key] = forms
                report.drafted += 1
                report.from_cache += from_cache
                report.repaired += repaired
        if not self.open_jobs[job.locale]:
            self.save(job.locale)

    def save(self, code: str) -> None:
        """Re-read the catalog, put in the finished drafts whose entries are still eligible."""
        pending = self.drafts[code]
        if not pending:
            return
        here = next(p for p in self.plan.locales if p.code == code)
        catalog = load_po(here.path, here.shown, root=self.root)
        for entry in catalog:
            forms = pending.pop(key(entry), None)
            if forms is None:
                continue
            if eligible(entry, self.options.refresh):
                mark_machine_draft(entry, forms, here.engine.name, self.date)
            else:
                self.reports[code].edited_meanwhile += 1
                self.reports[code].drafted -= 1
        self.reports[code].drafted -= len(pending)  # entries gone meanwhile (an update ran)
        pending.clear()
        if save_revision(here.path, catalog, self.revised) \
                and here.shown not in self.report.written:
            self.report.written.append(here.shown)


def run_plan(project: Project, the_plan: Plan, clients: Mapping[str, Client], options: Options,
        progress: Callable[[int], None] | None = None) -> Report:
    """Send what the plan needs and write the drafts.

    Ctrl-C stops sending and returns the report (``interrupted``) after saving
    everything finished; any other exception is raised after the same save.
    """
    return _Run(project, the_plan, clients, options, progress).run()


def summary_lines(report: Report) -> list[tuple[str, int]]:
    """(line, verbosity level): counts per locale, then each problem as file:line."""
    lines: list[tuple[str, int]] = []
    for r in report.locales:
        lines.append((f"{r.code} ({r.engine}): {r.drafted} drafted ({r.from_cache} from cache, "
                      f"{r.repaired} repaired), {r.rejected} rejected, {r.failed} failed, "
                      f"{r.skipped} skipped; {r.kept} with a person's work left alone", 1))
        if r.machine_drafts:
            stale = f", {r.stale_drafts} for changed English" if r.stale_drafts else ""
            lines.append((f"  {r.machine_drafts} earlier machine drafts kept{stale}: "
                          "--refresh-drafts redoes them", 1))
        if r.edited_meanwhile:
            lines.append((f"  {r.edited_meanwhile} drafts not written: the entries were "
                          "edited during the run", 1))
        lines += [(f"{r.shown}:{p.line}: {p.kind}: {p.message}", 2 if p.kind == "skipped" else 1)
                  for p in r.problems]
    lines += [(f"wrote {path}", 1) for path in report.written]
    lines.append((f"{report.requests} texts sent in {report.sent} HTTP requests", 1))
    return lines
