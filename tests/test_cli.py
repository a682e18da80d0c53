"""The command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import edit
from letter_i18n.catalog.pofile import load_po
from letter_i18n.cli import cli


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "letter_i18n", *args],
                          capture_output=True, text=True)


@pytest.mark.parametrize("command", [[], ["update"], ["check"], ["stats"], ["diff"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.slow
def test_update_then_up_to_date(small_project):
    first = run("--root", str(small_project.root), "update")
    assert first.returncode == 0, first.stderr
    assert "wrote locales/letter.pot" in first.stdout
    second = run("--root", str(small_project.root), "update")
    assert (second.returncode, second.stdout.strip()) == (0, "catalogs are up to date")
    assert run("--root", str(small_project.root), "--quiet", "update").stdout == ""


@pytest.mark.slow
def test_verbose_reports_merge_counts(small_project):
    run("--root", str(small_project.root), "update")
    result = run("--root", str(small_project.root), "--verbose", "update", "--locale", "fr")
    entries = len(load_po(small_project.pot_path))
    assert f"fr: {entries} kept, 0 fuzzy, 0 new, 0 obsoleted, 0 revived" in result.stdout


@pytest.mark.slow
def test_user_mistake_is_one_clear_line_and_exit_1(small_project):
    run("--root", str(small_project.root), "update")
    edit(small_project.po_path("fr"), 'msgid "Dear Chair,"', 'msgid "Dear Chair,"\nmsgid "x"')
    result = run("--root", str(small_project.root), "update")
    assert result.returncode == 1
    assert result.stderr.startswith("error: locales/fr/LC_MESSAGES/letter.po:")
    assert "msgid appears twice in one entry" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_source_mistake_names_file_and_line(small_project):
    edit(small_project.source_dir / "letter.yaml", "country: SE", "country: XX")
    result = run("--root", str(small_project.root), "update")
    assert result.returncode == 1
    assert "error: source/letter.yaml:24: unknown country code 'XX'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_usage_errors_exit_2(small_project):
    assert run("--root", str(small_project.root), "update", "--locale", "de").returncode == 2
    assert run("no-such-command").returncode == 2


@pytest.mark.slow
def test_render_writes_editions_then_nothing(small_project):
    run("--root", str(small_project.root), "update")
    first = run("--root", str(small_project.root), "render")
    assert first.returncode == 0, first.stderr
    assert "wrote build/editions/ar/index.html" in first.stdout
    assert (small_project.root / "build/editions/zh_Hans/letter.txt").exists()
    second = run("--root", str(small_project.root), "render")
    assert second.stdout.strip() == "editions are up to date"


@pytest.mark.slow
def test_render_holds_back_incomplete_editions_with_a_reason(small_project):
    run("--root", str(small_project.root), "update")
    result = run("--root", str(small_project.root), "render", "--reviewed-only",
                 "--min-complete", "90", "--locale", "fr", "--locale", "en")
    assert result.returncode == 0
    assert "fr: not written: 0% reviewed, below --min-complete 90%" in result.stderr
    assert not (small_project.root / "build/editions/fr/index.html").exists()
    assert run("--root", str(small_project.root), "render", "--min-complete", "5").returncode == 2
