"""Reading inputs safely; atomic, change-aware writes.

Inputs (sources, catalogs, settings) are read only as regular files of a
bounded size, and a link is followed only to a file inside the project: a
catalog that is a link to ``/etc/passwd``, ``/dev/zero`` or a FIFO is refused
with a clear message instead of being shown, exhausting memory or hanging.

Nothing is lost: a file is written to a temporary file in the same directory,
flushed to disk and renamed over the target, so a crash or Ctrl-C leaves either
the old file or the new one, never a truncated one. The temporary file's name
carries the writer's process id, so a later write removes what a killed writer
left behind. A file whose content would not change is not touched at all, so
re-running a command on unchanged inputs changes no file (not even its
modification time).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from letter_i18n.errors import UserError

# Far above anything this project reads (the letter's catalogs are ~50 KB each).
MAX_INPUT_BYTES = 16 * 1024 * 1024


def read_input(path: str | Path, shown: str, root: str | Path | None = None,
               limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file; :class:`UserError` for anything but a sane regular file.

    ``root``: a symbolic link is followed only to a file inside it (the project).
    Raises ``FileNotFoundError`` when the file does not exist, so callers can say
    what to do about that.
    """
    path = Path(path)
    if root is not None and not path.resolve().is_relative_to(Path(root).resolve()):
        raise UserError(f"leads through a link to {path.resolve()}, outside the project", shown,
                        hint="Inputs are read only inside the project; replace the link "
                             "with the file itself.")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the open
    except PermissionError:
        raise UserError("cannot be read: permission denied", shown) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise UserError(f"is {kind}, not a regular file", shown,
                            hint="Point it at the file itself.")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        size = f"{limit / 2**20:g} MiB" if limit >= 2**20 else f"{limit:,} bytes"
        raise UserError(f"is larger than {size}, more than any input of this project should be",
                        shown, hint="Is it the right file?")
    return data


def _kind(mode: int) -> str:
    """What a file is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a directory" if stat.S_ISDIR(mode) else "a socket or other special file"


def write_if_changed(path: str | Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless it already holds exactly that.

    Returns True when the file was written.
    """
    return bool(write_all_if_changed([(Path(path), data)]))


def write_all_if_changed(outputs: list[tuple[Path, str | bytes]],
                         shown: dict[Path, str] | None = None) -> list[Path]:
    """Write several files as one change: either every changed file is replaced, or none.

    Every new content goes to a temporary file first; only when all of them are
    on disk are they renamed over their targets. A directory that cannot be
    written is a :class:`UserError` naming it, and nothing is written. Returns
    the paths that were written (unchanged files are not touched).
    """
    shown = shown or {}
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            payload = data.encode("utf-8") if isinstance(data, str) else data
            try:
                if path.read_bytes() == payload:
                    continue
            except FileNotFoundError:
                pass
            try:
                staged.append((_stage(path, payload), path))
            except PermissionError:
                where = shown.get(path, str(path))
                raise UserError("cannot be written: permission denied in its directory", where,
                                hint="Nothing was written. Make the directory writable, then "
                                     "run the command again.") from None
        _sync([tmp for tmp, _path in staged])
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _path in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [path for _tmp, path in staged]


def _stage(path: Path, payload: bytes) -> str:
    """``payload`` in a temporary file beside ``path``, with ``path``'s mode (synced later)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _sync(paths: list[str]) -> None:
    """Every staged file on disk before any is renamed into place. Waiting on the disk
    releases the interpreter, so many files are synced at once: their waits overlap (a
    build writes dozens of files; one at a time, their syncs added up)."""
    if len(paths) < 2:
        for path in paths:
            _fsync(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(8, len(paths))) as pool:
        list(pool.map(_fsync, paths))


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_abandoned(path: Path) -> None:
    """Temporary files of ``path`` whose writer no longer runs (killed before its rename)."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^.]+\.tmp")
    for sibling in path.parent.glob(f".{path.name}.*.tmp"):
        found = pattern.fullmatch(sibling.name)
        if found and not _running(int(found.group(1))):
            sibling.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True
