"""`make editions` decides by itself when nothing is to be done, and never when something is.

make compares the build's stamp with every input: the letter, the catalogs, the
package's code and templates, the settings, the installed fonts, and the output
directories (a deleted edition file is made again). `make -q` answers without
running anything, so each kind of input is tried on a copy of the project.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, requires

pytestmark = [pytest.mark.slow,
              requires(shutil.which("make"), "GNU make", "apt-get install make")]
BUILT = "build/editions/.built"
THEN = 1_700_000_000  # inputs were last changed then; the build ran after


def set_time(path: Path, when: float) -> None:
    os.utime(path, (when, when), follow_symlinks=False)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A copy of the project as a finished build leaves it: every input older than the stamp."""
    root = tmp_path / "project"
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(REPO / name, root / name) if root.exists() else (
            root.mkdir(), shutil.copy2(REPO / name, root / name))
    for name in ("source", "locales", "src"):
        shutil.copytree(REPO / name, root / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for code in ("en", "fr"):
        (root / "build" / "editions" / code).mkdir(parents=True)
        (root / "build" / "editions" / code / "index.html").write_text("<p>edition</p>\n")
    (root / "fonts" / "truetype").mkdir(parents=True)
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / ".installed").touch()
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):  # files, then folders
        set_time(path, THEN)
    set_time(root / ".venv" / ".installed", THEN + 10)
    (root / BUILT).touch()
    set_time(root / BUILT, THEN + 20)
    set_time(root / "build" / "editions", THEN)  # as the build left it: the stamp came last
    return root


def up_to_date(root: Path) -> bool:
    """``make -q editions``: 0 when nothing is to be done (it runs nothing either way)."""
    done = subprocess.run(["make", "-q", "editions", f"FONT_DIRS={root / 'fonts' / 'truetype'}"],
                          cwd=root, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode == 0


def test_nothing_changed_is_nothing_to_do(built):
    assert up_to_date(built)


@pytest.mark.parametrize("changed", [
    "source/letter.md", "source/letter.yaml", "source/glossary.yaml", "locales/letter.pot",
    "locales/fr/LC_MESSAGES/letter.po", "locales/locales.toml",
    "src/letter_i18n/templates/letter.html.j2",
    "src/letter_i18n/templates/print.css.j2", "src/letter_i18n/editions/render.py",
    "src/letter_i18n/rules.py", "pyproject.toml", "fonts/truetype",
])
def test_a_change_to_any_input_rebuilds(built, changed):
    set_time(built / changed, THEN + 30)
    assert not up_to_date(built)


def test_a_new_catalog_or_font_rebuilds(built):
    (built / "locales" / "uk" / "LC_MESSAGES").mkdir(parents=True)
    (built / "locales" / "uk" / "LC_MESSAGES" / "letter.po").touch()
    assert not up_to_date(built)


def test_a_deleted_edition_file_is_made_again(built):
    (built / "build" / "editions" / "fr" / "index.html").unlink()
    assert not up_to_date(built)


def test_a_missing_stamp_builds(built):
    (built / BUILT).unlink()
    assert not up_to_date(built)


def test_an_input_saved_while_the_build_runs_builds_again(built):
    """The build reads the letter, then a translator saves a catalog before it ends: the
    stamp must not claim that newer catalog was built."""
    building = built / "fake-build"
    building.write_text("#!/bin/sh\nsleep 0.05\ntouch locales/fr/LC_MESSAGES/letter.po\n")
    building.chmod(0o755)
    fonts = f"FONT_DIRS={built / 'fonts' / 'truetype'}"
    (built / BUILT).unlink()
    done = subprocess.run(["make", "editions", f"CLI={building}", fonts], cwd=built,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "an input changed during the build: run make again" in done.stdout
    assert not (built / BUILT).exists()
    assert not up_to_date(built)
    building.write_text("#!/bin/sh\ntrue\n")  # a build during which nothing changes
    done = subprocess.run(["make", "editions", f"CLI={building}", fonts], cwd=built,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert up_to_date(built)
    assert not list((built / "build" / "editions").glob(".built.*"))
