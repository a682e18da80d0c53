"""Per-locale work spread over the machine's cores by forking.

Why fork, and not a process pool: the work (rendering an edition, a review page)
needs the source, catalogs and compiled templates the process already holds; a
forked child has them for free, where a spawned worker would import and load
everything again, which costs more than the rendering itself. The child
computes, pickles its results into an unlinked temporary file and leaves with
``os._exit``; only the parent writes output files, so writes stay atomic and in
one place.

Fork is used only where it is safe and pays: on POSIX, with more than one core
available, more than one item, and no other thread alive (a thread could hold a
lock the child would inherit). Otherwise the work runs in this process, with the
same results.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import IO, TypeVar

T = TypeVar("T")
R = TypeVar("R")

JOBS_VARIABLE = "LETTER_I18N_JOBS"  # a number of processes; 1 turns forking off


class ChildFailed(RuntimeError):
    """A child process ended without a result (killed, or out of memory)."""


def jobs_available() -> int:
    """How many processes the work may use: the cores this process may run on."""
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def map_forked(function: Callable[[T], R], items: Sequence[T],
               jobs: int | None = None) -> list[R]:
    """``[function(item) for item in items]``, computed in up to ``jobs`` processes.

    The results come back in the order of ``items``. An exception raised by
    ``function`` in a child is raised here, as it would be without forking.
    """
    jobs = min(jobs or jobs_available(), len(items))
    if jobs < 2 or not can_fork():
        return [function(item) for item in items]
    shares = [list(range(start, len(items), jobs)) for start in range(jobs)]
    children: list[tuple[int, IO[bytes], list[int]]] = []
    results: dict[int, R] = {}
    gc.freeze()  # a child's collections would touch, and so copy, every inherited page
    with contextlib.ExitStack() as spools:
        try:
            for share in shares[1:]:
                spool = spools.enter_context(tempfile.TemporaryFile())
                pid = os.fork()
                if pid == 0:  # the child: never returns
                    _child(function, items, share, spool)
                children.append((pid, spool, share))
            for index in shares[0]:
                results[index] = function(items[index])
            while children:
                pid, spool, share = children[0]
                _, status = os.waitpid(pid, 0)
                children.pop(0)
                results.update(zip(share, _collect(spool, status), strict=True))
        finally:
            gc.unfreeze()
            for pid, _spool, _share in children:  # only when something went wrong here
                _stop(pid)
    return [results[index] for index in range(len(items))]


class Forked:
    """A call running in a forked child (:func:`fork_call`): wait for it or stop it."""

    def __init__(self, pid: int, spool: IO[bytes]) -> None:
        self.pid, self.spool = pid, spool

    def result(self) -> object:
        """Wait for the child and return its result (raise its exception)."""
        try:
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            return _collect(self.spool, status)[0]
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the child if it still runs; its result is not wanted."""
        if self.pid:
            _stop(self.pid)
            self.pid = 0
        self.spool.close()


def fork_call(function: Callable[[], R]) -> Forked | None:
    """Start ``function()`` in a forked child, or None where forking is not safe.

    For work done on speculation beside the caller's own: the caller decides later
    whether it wants the result (:meth:`Forked.result`) or not (:meth:`Forked.cancel`).
    """
    if not can_fork():
        return None
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Forked
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(lambda _: function(), [None], [0], spool)
    return Forked(pid, spool)


def _child(function: Callable[[T], R], items: Sequence[T], share: list[int],
           spool: IO[bytes]) -> None:
    code = 0
    try:
        try:
            outcome = ("ok", [function(items[index]) for index in share])
        except KeyboardInterrupt:
            code = 130
            raise
        except BaseException as error:  # handed to the parent, raised there
            outcome = ("error", error)
        try:
            data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # what does not pickle travels as text
            kind, value = outcome
            text = (f"{type(value).__name__}: {value}" if kind == "error"
                    else f"a result that cannot be pickled ({error})")
            data = pickle.dumps(("error", RuntimeError(text)))
        spool.write(data)
        spool.flush()
    finally:
        os._exit(code)


def _collect(spool: IO[bytes], status: int) -> list:
    spool.seek(0)
    data = spool.read()
    if os.waitstatus_to_exitcode(status) == 130:
        raise KeyboardInterrupt
    if not data:
        raise ChildFailed(f"a worker process ended without a result (wait status {status})")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise value
    return value


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
