"""Forked per-locale work: same results as one process, errors raised as they would be."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from letter_i18n import parallel
from letter_i18n.errors import UserError


def children() -> set[str]:
    """This process's child processes, living or zombie (Linux /proc)."""
    return {pid for task in Path("/proc/self/task").iterdir()
            for pid in (task / "children").read_text().split()}


def tagged(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def test_results_come_back_in_order_from_several_processes(forking):
    results = parallel.map_forked(tagged, list(range(7)), jobs=3)
    assert [value for value, _pid in results] == [n * n for n in range(7)]
    pids = {pid for _value, pid in results}
    assert os.getpid() in pids  # this process takes a share too
    assert len(pids) == 3


def test_one_job_or_one_item_stays_in_this_process():
    assert {pid for _v, pid in parallel.map_forked(tagged, [1, 2, 3], jobs=1)} == {os.getpid()}
    assert parallel.map_forked(tagged, [5], jobs=4) == [(25, os.getpid())]
    assert parallel.map_forked(tagged, [], jobs=4) == []


def test_the_environment_sets_the_number_of_processes(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.jobs_available() == 1
    assert {pid for _v, pid in parallel.map_forked(tagged, [1, 2, 3])} == {os.getpid()}
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "5")
    assert parallel.jobs_available() == 5
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "many")  # not a number: the cores
    assert parallel.jobs_available() == len(os.sched_getaffinity(0))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = parallel.map_forked(tagged, [1, 2, 3, 4], jobs=2)
    finally:
        stop.set()
        other.join()
    assert {pid for _v, pid in results} == {os.getpid()}


def fails_on_three(item: int) -> int:
    if item == 3:
        raise UserError("a broken entry", "locales/fr/LC_MESSAGES/letter.po", 12, hint="Fix it.")
    return item


def test_an_error_in_a_child_is_raised_here_with_its_details(forking):
    with pytest.raises(UserError) as caught:
        parallel.map_forked(fails_on_three, [0, 1, 2, 3], jobs=2)  # 3 is the child's
    assert str(caught.value) == "locales/fr/LC_MESSAGES/letter.po:12: a broken entry\n  Fix it."


def unpicklable_error(item: int) -> int:
    if item == 1:
        error = ValueError("cannot travel")
        error.handle = threading.Lock()  # makes the exception unpicklable
        raise error
    return item


def test_an_error_that_does_not_pickle_still_arrives(forking):
    with pytest.raises(RuntimeError, match="cannot travel"):
        parallel.map_forked(unpicklable_error, [0, 1], jobs=2)


def dies(item: int) -> int:
    if item == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return item


def test_a_child_killed_without_a_result_is_an_error_not_a_hang(forking):
    before = children()
    with pytest.raises(parallel.ChildFailed, match="without a result"):
        parallel.map_forked(dies, [0, 1], jobs=2)
    assert children() == before  # reaped, no zombie


def fails_here(item: int) -> int:
    if item == 0:
        raise KeyError("the parent's share")
    return item


def test_an_error_in_this_process_leaves_no_child_behind(forking):
    before = children()
    with pytest.raises(KeyError):
        parallel.map_forked(fails_here, [0, 1, 2, 3], jobs=2)
    assert children() == before


# -- One call on speculation (fork_call) --

def test_a_forked_call_returns_its_result_from_another_process(forking):
    ahead = parallel.fork_call(lambda: tagged(6))
    value, pid = ahead.result()
    assert value == 36 and pid != os.getpid()
    assert children() == set()


def test_a_forked_call_nobody_wants_is_stopped_at_once(forking):
    import time

    ahead = parallel.fork_call(lambda: time.sleep(60))
    assert children() == {str(ahead.pid)}
    start = time.monotonic()
    ahead.cancel()
    assert time.monotonic() - start < 5
    assert children() == set()
    ahead.cancel()  # twice is harmless


def test_a_forked_call_raises_its_error_here(forking):
    ahead = parallel.fork_call(lambda: fails_on_three(3))
    with pytest.raises(UserError, match="a broken entry"):
        ahead.result()


def test_no_forked_call_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.fork_call(lambda: 1) is None
    finally:
        stop.set()
        thread.join()
