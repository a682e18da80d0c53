"""Helpers for the tests of diff, git and textconv: git repositories of the small letter
built in the test, catalogs changed through the PO model, and the `diff` command."""

from __future__ import annotations

import os
import subprocess
import sys

from letter_i18n.catalog.pofile import load_po, save_po
from letter_i18n.catalog.update import update_catalogs

FR = "locales/fr/LC_MESSAGES/letter.po"
ES = "locales/es/LC_MESSAGES/letter.po"


def git(root, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True,
                          check=True).stdout


def commit(project, message: str) -> str:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", message)
    return git(project.root, "rev-parse", "HEAD").strip()


def set_entry(project, path: str, msgid: str, msgstr: str, fuzzy: bool | None = None,
              comment: str | None = None) -> None:
    """Change one entry through the PO model, written as update writes catalogs."""
    catalog = load_po(project.root / path)
    entry = catalog.find(msgid)
    entry.msgstr = msgstr
    if fuzzy is not None:
        entry.flags = (["fuzzy"] if fuzzy else []) + [f for f in entry.flags if f != "fuzzy"]
    if comment is not None:
        entry.tcomment = comment
    save_po(project.root / path, catalog)


def repo(small_project, monkeypatch):
    """Fixture ``repo``: the small letter's catalogs in a git repository (branch main), with
    a first commit of three French entries, tagged ``base``."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640131200")
    update_catalogs(small_project)
    git(small_project.root, "init", "-q", "-b", "main")
    set_entry(small_project, FR, "Dear Chair,", "Madame la Présidente,")
    set_entry(small_project, FR, "Thank you.", "Merci.", fuzzy=True,
              comment="draft: machine translation (libre, 2021-12-22)")
    set_entry(small_project, FR, "Requests", "Demandes")
    commit(small_project, "first translations")
    git(small_project.root, "tag", "base")
    return small_project


def by_kind(found, path: str) -> dict[str, list[tuple[str, str, str]]]:
    result: dict[str, list[tuple[str, str, str]]] = {}
    for d in found:
        if d.path == path:
            for c in d.changes:
                result.setdefault(c.kind, []).append((c.msgid, c.old, c.new))
    return result


def cli(repo, *args: str) -> subprocess.CompletedProcess:
    """``letter-i18n diff ARGS`` run in the repository, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "letter_i18n", "diff", *args], cwd=repo.root,
                          capture_output=True, text=True)
