"""Running drafts: retries, failures and stalls, refused answers, reruns from the cache,
interruptions, concurrency, rate limits, and keys that never reach a file or the output."""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time

import pytest

import drafting
from conftest import edit
from drafting import (
    DRAFTED,
    LABEL,
    PARAGRAPH,
    SECRET,
    cli,
    draft,
    drafted,
    entries,
    size,
    snapshot,
)
from fake_libretranslate import FakeServer
from letter_i18n.drafts.cache import CACHE_FILE, Cache
from letter_i18n.drafts.run import RateLimit, summary_lines

project = pytest.fixture(drafting.catalogs_project, name="project")
server = pytest.fixture(drafting.fake_server, name="server")


def test_a_translation_saved_during_the_run_is_kept(project, server):
    n = size(project)
    path = project.po_path("fr")

    def translator_saves(seen):
        if seen.fields.get("q") == "Thank you.":
            edit(path, 'msgid "Requests"\nmsgstr ""', 'msgid "Requests"\nmsgstr "Demandes"')

    server.on_request = translator_saves
    (fr,) = draft(project, server, concurrency=1).locales
    assert fr.edited_meanwhile == 1 and fr.drafted == n.entries - 1
    found = entries(project)
    assert found["Requests"].msgstr == "Demandes" and "fuzzy" not in found["Requests"].flags
    assert found[PARAGRAPH].msgstr == DRAFTED


def test_429_and_500_are_retried(project, server):
    n = size(project)
    server.rule("Dear", status=429, times=2)
    server.rule("Thank", status=500, times=3)
    (fr,) = draft(project, server).locales
    assert (fr.drafted, fr.failed) == (n.entries, 0)
    texts = [s.fields["q"] for s in server.translations()]
    assert (texts.count("Dear Chair,"), texts.count("Thank you.")) == (3, 4)


@pytest.mark.slow
def test_failures_and_stalls_cost_only_their_segments(project, server):
    n = size(project)
    server.rule("Dear", status=500)
    server.rule("Thank", stall=True)
    server.rule("Requests", status=400)
    report = _bounded(lambda: draft(project, server, timeout=0.3, retries=2))
    (fr,) = report.locales
    assert (fr.drafted, fr.failed) == (n.entries - 3, 3)
    lines = [line for line, _ in summary_lines(report)]
    shown = "locales/fr/LC_MESSAGES/letter.po"
    assert any(re.fullmatch(rf"{shown}:\d+: failed: HTTP 500 \(127\.0\.0\.1:\d+\)", x)
               for x in lines)
    assert any(re.fullmatch(rf"{shown}:\d+: failed: no answer within 0\.3 s \(127.*", x)
               for x in lines)
    texts = [s.fields["q"] for s in server.translations()]
    assert (texts.count("Dear Chair,"), texts.count("Thank you."), texts.count("Requests")) \
        == (3, 3, 1)  # 400 is not retried
    assert entries(project)["Dear Chair,"].msgstr == ""


def test_a_long_retry_after_is_not_slept_through(project, server):
    server.rule("Dear", status=429, retry_after="120")
    (fr,) = draft(project, server).locales  # backoff_cap is 0.05 s here
    (problem,) = [p for p in fr.problems if p.kind == "failed"]
    assert problem.message.endswith("the server asks to wait 120 s; run again later")
    assert [s.fields["q"] for s in server.translations()].count("Dear Chair,") == 1


def test_a_refused_key_stops_the_engine_at_once(project, server):
    n = size(project)
    server.require_key = "another"
    (fr,) = draft(project, server, environ={"LIBRETRANSLATE_API_KEY": SECRET},
                  concurrency=1).locales
    assert fr.failed == n.entries and len(server.translations()) == 1
    assert all(SECRET not in p.message for p in fr.problems)


def _bounded(function, seconds: float = 30.0):
    """Run ``function`` in a thread; fail instead of hanging the suite."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the run hung"
    return result[0]


@pytest.mark.parametrize(("mangle", "outcome"), [
    ("markdown", "drafted"), ("tokens", "drafted"), ("strip", "drafted"),
    ("drop-token", "rejected"), ("swap-tokens", "rejected"), ("echo", "rejected"),
    ("empty", "rejected")])
def test_mangled_answers_are_repaired_or_refused_never_written_broken(project, server, mangle,
                                                                      outcome):
    server.rule("We write about", mangle=mangle)
    (fr,) = draft(project, server).locales
    found = entries(project)[PARAGRAPH]
    if outcome == "drafted":
        assert found.msgstr == DRAFTED and fr.rejected == 0
    else:
        assert (found.msgstr, found.flags, fr.rejected) == ("", [], 1)
        assert [p.kind for p in fr.problems if p.kind != "skipped"] == ["rejected"]


def test_a_rerun_sends_nothing_and_changes_no_file(project, server):
    n = size(project)
    draft(project, server, codes=("fr", "es"))
    sent = len(server.translations())
    before = snapshot(project)
    report = draft(project, server, codes=("fr", "es"), refresh=True)
    assert len(server.translations()) == sent  # all from the cache
    assert [r.from_cache for r in report.locales] == [n.entries, n.entries]
    assert snapshot(project) == before
    draft(project, server, codes=("fr", "es"))
    assert len(server.translations()) == sent and snapshot(project) == before


def test_a_crash_keeps_finished_drafts_and_the_rerun_resumes(project, server):
    n = size(project)
    def crash_after_ten(_done):
        crash_after_ten.count += 1
        if crash_after_ten.count == 10:
            raise RuntimeError("crash")
    crash_after_ten.count = 0

    with pytest.raises(RuntimeError):
        draft(project, server, progress=crash_after_ten, concurrency=1, save_interval=0.0)
    saved = [e for e in entries(project).values() if drafted(e)]
    assert 0 < len(saved) < n.entries
    (fr,) = draft(project, server).locales
    assert fr.drafted == n.entries - len(saved)
    assert len(server.translations()) == n.requests  # over both runs: nothing sent twice
    with sqlite3.connect(project.root / CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == n.requests


@pytest.mark.slow
def test_ctrl_c_keeps_finished_work_and_a_rerun_resumes(project):
    n = size(project)
    server = FakeServer(latency=0.05).start()
    try:
        process = None

        def interrupt(_seen):
            if len(server.translations()) == n.requests + 5:  # fr done, es under way
                process.send_signal(signal.SIGINT)

        server.on_request = interrupt
        process = cli(project, "draft", "--engine", "libre", "--engine-url", server.url,
                      "--locale", "fr", "--locale", "es", "--concurrency", "2")
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert "interrupted: finished drafts are saved" in err and "Traceback" not in err
        assert sum(map(drafted, entries(project).values())) == n.entries
        partial = sum(map(drafted, entries(project, "es").values()))
        assert 0 < partial < n.entries - 1
        first = len(server.translations())
        server.on_request = None
        done = cli(project, "draft", "--engine", "libre", "--engine-url", server.url,
                   "--locale", "fr", "--locale", "es")
        out, err = done.communicate(timeout=60)
        assert done.returncode == 0, err
        assert "fr (libre): 0 drafted" in out
        assert sum(bool(LABEL.match(e.tcomment)) for e in entries(project, "es").values()) \
            == n.entries
        # in-flight answers at the interrupt (at most --concurrency) are the only ones sent again
        assert len(server.translations()) == 2 * n.requests  # nothing sent twice
        assert len(server.translations()) - first < n.requests
    finally:
        server.stop()


@pytest.mark.slow
def test_ctrl_c_while_an_answer_is_cached_loses_nothing(project, server, monkeypatch):
    """SIGINT in the main thread just as an answer is being written to the cache.

    A KeyboardInterrupt raised there would lose the answer, which a rerun would
    pay for again; the run instead finishes that answer, stops and saves.
    """
    n = size(project)
    real_put, puts = Cache.put, []

    def put_with_ctrl_c(cache, *args):
        puts.append(args)
        if len(puts) == 5:
            signal.raise_signal(signal.SIGINT)  # its handler runs before the line below
        real_put(cache, *args)

    monkeypatch.setattr(Cache, "put", put_with_ctrl_c)
    before = signal.getsignal(signal.SIGINT)
    report = draft(project, server, concurrency=1)
    assert signal.getsignal(signal.SIGINT) is before  # the handler is put back
    assert report.interrupted and 5 <= len(puts) < n.requests
    saved = [e for e in entries(project).values() if drafted(e)]
    assert 0 < len(saved) < n.entries
    with sqlite3.connect(project.root / CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == len(puts)
    monkeypatch.setattr(Cache, "put", real_put)
    (fr,) = draft(project, server).locales
    assert fr.drafted == n.entries - len(saved)
    assert len(server.translations()) == n.requests  # over both runs: nothing sent twice


def test_concurrency_is_used_and_bounded(project):
    server = FakeServer(latency=0.05).start()
    try:
        draft(project, server, concurrency=3)
    finally:
        server.stop()
    assert 1 < server.most_in_flight <= 3


def test_rate_limit_spaces_request_starts(monkeypatch):
    monkeypatch.setattr(time, "monotonic", lambda: 1000.0)  # a busy machine moves no slot
    class Recorder:
        def __init__(self):
            self.waits: list[float] = []

        def wait(self, seconds):
            self.waits.append(seconds)
            return False

    limit, recorder = RateLimit(10.0), Recorder()
    for _ in range(3):
        limit.wait(recorder)
    assert [round(w, 1) for w in recorder.waits] == [0.1, 0.2]  # the first goes at once
    limit.pause(5.0)
    limit.wait(recorder)
    assert recorder.waits[-1] > 4.0


@pytest.mark.slow
def test_keys_never_reach_files_or_output(project):
    server = FakeServer(require_key=SECRET).start()
    try:
        run = cli(project, "-v", "draft", "--engine", "libre", "--engine-url", server.url,
                  "--locale", "fr", env={"LIBRETRANSLATE_API_KEY": SECRET})
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        server.require_key = "rotated"
        failing = cli(project, "draft", "--engine", "libre", "--engine-url", server.url,
                      "--locale", "es", env={"LIBRETRANSLATE_API_KEY": SECRET})
        out2, err2 = failing.communicate(timeout=60)
    finally:
        server.stop()
    assert "drafting" not in err  # no progress bar when stderr is not a terminal (CI)
    assert failing.returncode == 1 and "HTTP 403" in out2 + err2
    assert "LIBRETRANSLATE_API_KEY" in out2 + err2
    for text in (out, err, out2, err2):
        assert SECRET not in text
    for path in [*project.root.rglob("*")]:
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_drafts_move_the_revision_date_and_a_run_that_drafts_nothing_does_not(
        project, server, monkeypatch):
    from letter_i18n.catalog.pofile import load_po

    assert load_po(project.po_path("fr")).metadata["PO-Revision-Date"] == "2021-12-22 00:00+0000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC
    drafting.draft(project, server)
    assert load_po(project.po_path("fr")).metadata["PO-Revision-Date"] == "2023-11-14 22:13+0000"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710000000")
    drafting.draft(project, server)  # everything is drafted already: nothing changes
    assert load_po(project.po_path("fr")).metadata["PO-Revision-Date"] == "2023-11-14 22:13+0000"
