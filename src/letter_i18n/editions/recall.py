"""An edition composed before from exactly the same inputs is not composed again.

After a translator's edit, ``make editions`` renders again, and six of the seven
editions would come out byte for byte as they are. Composing them costs most of
a render, so each edition keeps beside its files (``.edition.key``) a digest of
everything composing it reads, the digests of the files it wrote and what it
reported (status counts). When the digest of the inputs is the same and the
files are still those bytes, the edition is recalled. An edition that rejected a
translation is always composed again: its warnings must be shown on every run,
and a key never holds the rejected (possibly hostile) text.

What the digest covers, so that a stale edition cannot be recalled: every file
of the project's ``source/``, ``locales/locales.toml``, the template and
``pyproject.toml``;
the edition's own catalog; every file of this package (code, templates, data);
the versions of Python, Unicode, ICU and each library whose output the editions
show (CLDR comes with Babel, Thai words with PyThaiNLP); and the options and
facts render passes in (reviewed only, whether the PDF is linked). Nothing else
is read: compose takes no clock, environment or other locale's catalog.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from letter_i18n import localetable
from letter_i18n.project import PACKAGE_DIR, Project

KEY_FILE = ".edition.key"
# Distributions whose behaviour shows in an edition (wcwidth: text wrapping).
LIBRARIES = ("babel", "jinja2", "markupsafe", "markdown-it-py", "wcwidth", "pythainlp",
             "polib", "pyyaml", "pyicu-wheels", "pyicu")


@dataclass(frozen=True)
class Recalled:
    counts: dict[str, int]


def shared_digest(project: Project, *options: object) -> str:
    """The digest of the inputs every edition shares, with render's ``options``."""
    digest = hashlib.sha256()
    for part in (_environment(), repr(options).encode(),
                 _files_digest(project.source_dir, project.source_dir),
                 _files_digest(project.root, [localetable.path(project), project.pot_path,
                                              project.root / "pyproject.toml"]),
                 _package_digest()):
        digest.update(hashlib.sha256(part if isinstance(part, bytes)
                                     else part.encode()).digest())
    return digest.hexdigest()


def edition_digest(shared: str, catalog: Path | None, *facts: object) -> str:
    """The digest of one edition's inputs: the shared ones, its catalog and ``facts``."""
    data = catalog.read_bytes() if catalog is not None and catalog.is_file() else b""
    return hashlib.sha256(f"{shared}\n{hashlib.sha256(data).hexdigest()}\n{facts!r}"
                          .encode()).hexdigest()


def recall(directory: Path, digest: str, names: Iterable[str]) -> Recalled | None:
    """What composing the edition in ``directory`` gave, if its inputs had ``digest`` and
    its files ``names`` are still as written."""
    try:
        key = json.loads((directory / KEY_FILE).read_text(encoding="utf-8"))
        if key["inputs"] != digest or sorted(key["files"]) != sorted(names):
            return None
        for name, expected in key["files"].items():
            if hashlib.sha256((directory / name).read_bytes()).hexdigest() != expected:
                return None
        return Recalled({str(status): int(n) for status, n in key["counts"].items()})
    except (OSError, ValueError, KeyError, TypeError):  # none, or not ours: compose
        return None


def remember(directory: Path, digest: str, outputs: dict[str, str],
             counts: dict[str, int]) -> tuple[Path, str]:
    """The key file that keeps what composing the edition gave: to be written with, and
    after, its files (a key never vouches for files that are not yet in place)."""
    files = {name: hashlib.sha256(text.encode("utf-8")).hexdigest()
             for name, text in sorted(outputs.items())}
    return directory / KEY_FILE, json.dumps(
        {"inputs": digest, "files": files, "counts": counts}, indent=1, sort_keys=True) + "\n"


def forget(directory: Path) -> None:
    (directory / KEY_FILE).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def _environment() -> str:
    import icu

    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} -")
    return "\n".join([sys.version, unicodedata.unidata_version, icu.ICU_VERSION, *versions])


@lru_cache(maxsize=1)
def _package_digest() -> bytes:
    return _files_digest(PACKAGE_DIR, PACKAGE_DIR)


def _files_digest(root: Path, where: Path | list[Path]) -> bytes:
    """Names and bytes of the files under ``where`` (a directory, or a list of files that
    may not exist), compiled bytecode left out."""
    paths = (sorted(p for p in where.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
             if isinstance(where, Path) else [p for p in where if p.is_file()])
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()
