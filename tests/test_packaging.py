"""The source distribution carries what its tests need, and the metadata says what it is."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tarfile
import tomllib

import pytest

from conftest import REPO, requires


def test_license_is_an_spdx_expression_with_its_file():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert {"pydyf>=0.11", "fonttools>=4.0", "brotli>=1.0"} <= set(
        project["optional-dependencies"]["pdf"])


@pytest.mark.slow
@requires(importlib.util.find_spec("build") is not None, "the build frontend",
          "pip install build")
def test_the_sdist_holds_the_letter_the_catalogs_and_the_tests(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--sdist", "-o", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    (sdist,) = tmp_path.glob("letter_i18n-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("LICENSE", "Makefile", "source/letter.md", "source/glossary.yaml",
                   "locales/letter.pot", "locales/th/LC_MESSAGES/letter.po",
                   "tests/conftest.py", "tests/fixtures/source/letter.yaml",
                   "tests/golden/ar/index.html", "src/letter_i18n/templates/letter.html.j2"):
        assert needed in names, needed
    assert not any("__pycache__" in name for name in names)
