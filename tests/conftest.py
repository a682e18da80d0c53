"""Shared fixtures (small real projects built in temporary directories), and the guard of
tests that need something installed: skipped here without it, failed in CI without it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

from letter_i18n import localetable
from letter_i18n.project import Project

pytest_plugins = ["pytester"]  # for the tests of requires (test_requirements.py)
REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LOCALES = localetable.load(Project(REPO))  # this repository's languages (locales.toml)


def with_languages(project: Project) -> Project:
    """Give a test project this repository's languages (locales/locales.toml)."""
    project.locales_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(localetable.path(Project(REPO)), localetable.path(project))
    return project


@pytest.fixture
def small_project(tmp_path: Path) -> Project:
    """A project with the small fixture letter and no catalogs yet."""
    shutil.copytree(FIXTURES / "source", tmp_path / "source")
    return with_languages(Project(tmp_path))


@pytest.fixture
def repo_copy(tmp_path: Path) -> Project:
    """A copy of this repository's source/ and locales/ (the real letter)."""
    shutil.copytree(REPO / "source", tmp_path / "source")
    if (REPO / "locales").exists():
        shutil.copytree(REPO / "locales", tmp_path / "locales")
    return Project(tmp_path)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> int:
    """Per-locale work really forks, even where an earlier test left a daemon thread
    behind (the command never forks beside a thread; parallel.can_fork has its own test).
    Gives the number of processes asked for."""
    if not hasattr(os, "fork"):
        pytest.skip("POSIX fork")
    monkeypatch.setattr("letter_i18n.parallel.can_fork", lambda: True)
    monkeypatch.setenv("LETTER_I18N_JOBS", "3")
    return 3


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a file (the test fails if it is absent)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def translated_project(tmp_path: Path) -> Project:
    """The small fixture letter with small catalogs in all six languages.

    Their entries are reviewed, drafts (fuzzy) or untranslated, to exercise
    every way an edition shows a segment.
    """
    root = tmp_path / "translated"
    shutil.copytree(FIXTURES / "source", root / "source")
    shutil.copytree(FIXTURES / "locales", root / "locales")
    return with_languages(Project(root))


# -- Tests that need a program, a font, a file beside the repository… --

def in_ci() -> bool:
    """True when the environment variable CI is set (CI=true), as CI services set it."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(what: str, install: str, *, allow_module_level: bool = False) -> NoReturn:
    """Give up on the running test for lack of ``what``: skip it, or in CI fail it.

    .ci/run installs everything the tests need, so in CI a missing requirement is a
    broken set-up, never a reason to skip: the failure says what is missing and how
    .ci/run should install it (``install``: a command or where the file comes from).
    """
    if in_ci():
        pytest.fail(f"missing in CI (CI={os.environ['CI']}), where this test must run: {what}\n"
                    f".ci/run should install it: {install}", pytrace=False)
    pytest.skip(f"missing: {what} (install: {install}; in CI this test fails)",
                allow_module_level=allow_module_level)


def requires(condition: object, what: str, install: str) -> pytest.MarkDecorator:
    """Mark a test, a class or a module (``pytestmark``) that needs ``what``.

    When ``condition`` is false the test is not run: skipped here, failed in CI (see
    :func:`unavailable`), before its fixtures are set up.
    """
    return pytest.mark.requires(bool(condition), what, install)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("requires"):
        condition, what, install = mark.args
        if not condition:
            unavailable(what, install)
