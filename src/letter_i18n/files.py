"""Atomic, change-aware file writes.

Nothing is lost: a file is written to a temporary file in the same directory,
flushed to disk and renamed over the target, so a crash or Ctrl-C leaves either
the old file or the new one, never a truncated one. A file whose content would
not change is not touched at all, so re-running a command on unchanged inputs
changes no file (not even its modification time).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_if_changed(path: str | Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless it already holds exactly that.

    Returns True when the file was written.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
