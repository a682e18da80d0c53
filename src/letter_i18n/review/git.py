"""Catalogs as they were at a git revision, for ``letter-i18n diff``.

Plumbing only (``ls-tree``, ``cat-file``, ``merge-base``): the files are read
from git's objects, never checked out, so the working tree is not touched.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib

from letter_i18n.catalog.pofile import parse_po
from letter_i18n.errors import UserError
from letter_i18n.files import read_input
from letter_i18n.project import Project

WORKTREE = None  # a revision of None means the files as they are on disk


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError:
        raise UserError("git is not installed", hint="Install git, or compare two files: "
                        "letter-i18n diff OLD.po NEW.po") from None
    if done.returncode:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout


def main_branch(root: Path) -> str:
    """The branch pull requests go to: origin's default branch, else main, else master."""
    found = subprocess.run(["git", "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"],
                           cwd=root, capture_output=True, text=True, check=False)
    if found.returncode == 0 and found.stdout.strip():
        return found.stdout.strip().removeprefix("refs/remotes/")
    for name in ("main", "master"):
        if subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{name}"],
                          cwd=root, capture_output=True, check=False).returncode == 0:
            return name
    raise UserError("cannot tell the main branch (no origin/HEAD, main or master)",
                    hint="Name the base revision: letter-i18n diff BASE [HEAD].")


def merge_base(root: Path) -> str:
    return _git(root, "merge-base", "HEAD", main_branch(root)).decode().strip()


def catalogs_at(project: Project, revision: str | None) -> dict[str, polib.POFile]:
    """Every catalog under locales/ at ``revision`` (None: the working tree), by shown path."""
    if revision is WORKTREE:
        return {project.shown(p): parse_po(read_input(p, project.shown(p), project.root),
                                         project.shown(p))
                for p in sorted(project.locales_dir.rglob("*.po*")) if _is_catalog(p.name)}
    root = project.root
    prefix = project.shown(project.locales_dir)
    names = _git(root, "ls-tree", "-r", "-z", "--name-only", revision, "--", prefix)
    found = {}
    for name in sorted(filter(None, names.decode("utf-8").split("\0"))):
        if _is_catalog(name):
            raw = _git(root, "cat-file", "blob", f"{revision}:./{name}")
            found[name] = parse_po(raw, f"{revision}:{name}")
    return found


def _is_catalog(name: str) -> bool:
    return name.endswith((".po", ".pot"))


