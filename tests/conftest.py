"""Shared fixtures: small real projects built in temporary directories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from letter_i18n.project import Project

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def small_project(tmp_path: Path) -> Project:
    """A project with the small fixture letter and no catalogs yet."""
    shutil.copytree(FIXTURES / "source", tmp_path / "source")
    return Project(tmp_path)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Project:
    """A copy of this repository's source/ and locales/ (the real letter)."""
    shutil.copytree(REPO / "source", tmp_path / "source")
    if (REPO / "locales").exists():
        shutil.copytree(REPO / "locales", tmp_path / "locales")
    return Project(tmp_path)


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
    return Project(root)
