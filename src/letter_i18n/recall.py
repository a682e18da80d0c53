"""A page composed before from exactly the same inputs is not composed again.

After a translator's edit, ``make editions`` renders the editions and writes the
review pages again, and six of the seven locales' pages would come out byte for
byte as they are. Composing them costs most of that time, so each locale's
directory keeps beside its pages a key (``.edition.key``, ``.review.key``): a
digest of everything composing them reads, the digests of the files written and
what composing reported (an edition's status counts). When the digest of the
inputs is the same and the files are still those bytes, the pages are recalled.
A key never holds text of a catalog (an edition that rejected a translation
keeps none: its warnings must be shown on every run).

What the digest covers, so that a stale page cannot be recalled: every file of
the project's ``source/``, ``locales/locales.toml``, the template and
``pyproject.toml``; the locale's own catalog; every file of this package (code,
templates, data); the versions of Python, Unicode, ICU and each library whose
output the pages show (CLDR comes with Babel, Thai words with PyThaiNLP); and
the options and facts the caller passes in (render: reviewed only, whether the
PDF is linked). Nothing else is read: composing takes no clock, environment or
other locale's catalog.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from letter_i18n import localetable
from letter_i18n.project import PACKAGE_DIR, Project

# Distributions whose behaviour shows in a page (wcwidth: text wrapping).
LIBRARIES = ("babel", "jinja2", "markupsafe", "markdown-it-py", "wcwidth", "pythainlp",
             "polib", "pyyaml", "pyicu-wheels", "pyicu")


def shared_digest(project: Project, *options: object) -> str:
    """The digest of the inputs every locale's pages share, with the caller's ``options``."""
    digest = hashlib.sha256()
    for part in (_environment(), repr(options).encode(),
                 _files_digest(project.source_dir, project.source_dir),
                 _files_digest(project.root, [localetable.path(project), project.pot_path,
                                              project.root / "pyproject.toml"]),
                 _package_digest()):
        digest.update(hashlib.sha256(part if isinstance(part, bytes)
                                     else part.encode()).digest())
    return digest.hexdigest()


def locale_digest(shared: str, catalog: Path | None, *facts: object) -> str:
    """The digest of one locale's inputs: the shared ones, its catalog and ``facts``."""
    data = catalog.read_bytes() if catalog is not None and catalog.is_file() else b""
    return hashlib.sha256(f"{shared}\n{hashlib.sha256(data).hexdigest()}\n{facts!r}"
                          .encode()).hexdigest()


def recall(key_path: Path, digest: str, names: Iterable[str]) -> dict[str, Any] | None:
    """What composing the pages ``names`` beside ``key_path`` reported, if their inputs had
    ``digest`` and the files are still as written."""
    directory = key_path.parent
    try:
        key = json.loads(key_path.read_text(encoding="utf-8"))
        if key["inputs"] != digest or sorted(key["files"]) != sorted(names):
            return None
        for name, expected in key["files"].items():
            if hashlib.sha256((directory / name).read_bytes()).hexdigest() != expected:
                return None
        return dict(key["reported"])
    except (OSError, ValueError, KeyError, TypeError):  # none, or not ours: compose
        return None


def remember(key_path: Path, digest: str, outputs: dict[str, str],
             reported: dict[str, Any] | None = None) -> tuple[Path, str]:
    """The key that keeps what composing ``outputs`` gave: to be written with, and after,
    those files (a key never vouches for files that are not yet in place)."""
    files = {name: hashlib.sha256(text.encode("utf-8")).hexdigest()
             for name, text in sorted(outputs.items())}
    return key_path, json.dumps({"inputs": digest, "files": files, "reported": reported or {}},
                                indent=1, sort_keys=True) + "\n"


def forget(key_path: Path) -> None:
    key_path.unlink(missing_ok=True)


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
