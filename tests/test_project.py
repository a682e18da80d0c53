"""project: where things live, and paths as messages show them."""

from __future__ import annotations

import os
from pathlib import Path

from letter_i18n.project import DOMAIN, PACKAGE_DIR, Project


def test_paths(tmp_path):
    project = Project(tmp_path)
    assert project.source_dir == tmp_path / "source"
    assert project.locales_dir == tmp_path / "locales"
    assert project.pot_path == tmp_path / "locales" / "letter.pot"
    assert project.po_path("zh_Hans") == tmp_path / "locales/zh_Hans/LC_MESSAGES/letter.po"
    assert DOMAIN == "letter"


def test_the_package_dir_holds_the_templates():
    assert (PACKAGE_DIR / "templates" / "letter.html.j2").is_file()


def test_shown_is_relative_to_the_root(tmp_path):
    project = Project(tmp_path)
    assert project.shown(project.po_path("fr")) == "locales/fr/LC_MESSAGES/letter.po"
    assert project.shown(project.pot_path) == "locales/letter.pot"
    assert project.shown(tmp_path) == "."


def test_shown_outside_the_root_is_the_path_as_given(tmp_path):
    project = Project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere" / "letter.po"
    assert project.shown(elsewhere) == str(elsewhere)


def test_shown_with_a_relative_root_and_symlinks(tmp_path, monkeypatch):
    (tmp_path / "real" / "locales").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    project = Project(Path("link"))
    assert project.shown(tmp_path / "real" / "locales" / "letter.pot") == "locales/letter.pot"
    assert project.shown(Path("link/locales/letter.pot")) == "locales/letter.pot"
    assert project.shown(Path(os.sep)) == os.sep
