"""`diff` between git revisions built in the test: message by message, not line by line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import edit, requires
from letter_i18n.catalog.pofile import load_po, save_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.review import changes
from letter_i18n.review.textconv import textconv

pytestmark = requires(shutil.which("git"), "git", "apt-get install git")
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


@pytest.fixture
def repo(small_project, monkeypatch):
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


def test_translation_changes_between_two_commits(repo):
    set_entry(repo, FR, "Council of State", "Conseil d’État")  # newly translated
    set_entry(repo, FR, "International", "International", fuzzy=True)  # draft added
    set_entry(repo, FR, "Thank you.", "Merci beaucoup.", fuzzy=False)  # draft reviewed
    set_entry(repo, FR, "Dear Chair,", "Madame la présidente,")  # changed
    set_entry(repo, FR, "Requests", "")  # emptied
    head = commit(repo, "more")
    found = changes.diff_revisions(repo, "base", head)
    assert by_kind(found, FR) == {
        "translated": [("Council of State", "", "Conseil d’État")],
        "changed": [("Dear Chair,", "Madame la Présidente,", "Madame la présidente,")],
        "draft_reviewed": [("Thank you.", "Merci.", "Merci beaucoup.")],
        "draft_added": [("International", "", "International")],
        "emptied": [("Requests", "Demandes", "")],
    }
    assert next(d for d in found if d.path == ES).unchanged


def test_source_changes_are_listed_once_on_the_template(repo):
    edit(repo.source_dir / "letter.md", "Dear Chair,", "Dear Madam Chair,")
    edit(repo.source_dir / "letter.md", "## Requests\n", "## Requests\n\nA new paragraph.\n")
    edit(repo.source_dir / "letter.md", "\nThank you.\n", "\n")
    update_catalogs(repo)
    found = changes.diff_revisions(repo, "base", None)  # the working tree
    assert by_kind(found, "locales/letter.pot") == {
        "source_new": [("A new paragraph.", "", "")],
        "source_changed": [("Dear Madam Chair,", "Dear Chair,", "Dear Madam Chair,")],
        "source_removed": [("Thank you.", "", "")],
    }
    # the fr translation went fuzzy with the source: that is the source change, not a new event
    assert by_kind(found, FR) == {}


def test_rewrapping_and_reordering_alone_is_no_change(repo):
    path = repo.root / FR
    catalog = load_po(path)
    entries = list(catalog)
    catalog[:] = entries[::-1]
    catalog.wrapwidth = 40
    path.write_text(catalog.__unicode__(), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != git(repo.root, "show", f"HEAD:{FR}")
    found = changes.diff_revisions(repo, "HEAD", None)
    assert all(d.unchanged for d in found)
    assert "(French): no change" in changes.to_text(found)


def test_findings_the_change_introduces(repo):
    set_entry(repo, FR, "Council of State", "Conseil d’État <br>")
    set_entry(repo, ES, "Dear Chair,", "Estimada Presidenta,")
    found = changes.diff_revisions(repo, "HEAD", None)
    fr = next(d for d in found if d.path == FR)
    assert [(f.check, f.msgid) for f in fr.introduced] == [("html", "Council of State")]
    assert "check findings introduced (1)" in changes.to_text(found)
    commit(repo, "a translation with raw HTML")
    set_entry(repo, FR, "Council of State", "Conseil d’État")
    fixed = next(d for d in changes.diff_revisions(repo, "HEAD", None) if d.path == FR)
    assert (fixed.introduced, fixed.resolved) == ([], 1)


def test_default_base_is_the_merge_base_with_main(repo):
    git(repo.root, "checkout", "-q", "-b", "feature")
    set_entry(repo, FR, "Council of State", "Conseil d’État")
    commit(repo, "on the branch")
    set_entry(repo, FR, "International", "International", fuzzy=True)  # uncommitted
    found = changes.diff_revisions(repo, None, None)
    assert by_kind(found, FR) == {
        "translated": [("Council of State", "", "Conseil d’État")],
        "draft_added": [("International", "", "International")]}


def cli(repo, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "letter_i18n", "diff", *args], cwd=repo.root,
                          capture_output=True, text=True)


@pytest.mark.slow
def test_cli_formats(repo):
    set_entry(repo, FR, "Dear Chair,", "Madame la présidente,")
    text = cli(repo, "HEAD")
    assert text.returncode == 0, text.stderr
    assert "  changed translations (1)" in text.stdout
    assert "Madame la [-Présidente-]{+présidente+}," in text.stdout
    markdown = cli(repo, "HEAD", "--format", "markdown").stdout
    assert "| `locales/fr/LC_MESSAGES/letter.po` | 1 | 0 |" in markdown
    assert "- line " in markdown and "~~Présidente~~**présidente**," in markdown
    data = json.loads(cli(repo, "HEAD", "--format", "json").stdout)
    fr = next(c for c in data["catalogs"] if c["path"] == FR)
    assert fr["changes"][0]["kind"] == "changed"
    bad = cli(repo, "no-such-revision")
    assert bad.returncode == 1 and "error: git" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.slow
def test_two_files(repo, tmp_path):
    old = tmp_path / "old.po"
    shutil.copy(repo.root / FR, old)
    set_entry(repo, FR, "Council of State", "Conseil d’État")
    result = cli(repo, str(old), FR)
    assert result.returncode == 0, result.stderr
    assert "newly translated (1)" in result.stdout and "Conseil d’État" in result.stdout


@pytest.mark.slow
def test_textconv_shows_whole_messages_in_git_diff(repo):
    long_text = " ".join(["Nous écrivons"] * 20)
    set_entry(repo, FR, "Dear Chair,", long_text)
    converted = cli(repo, "--textconv", FR).stdout
    assert f'msgstr "{long_text}"' in converted
    assert "#:" not in converted and "Language: fr" in converted
    command = f"{sys.executable} -m letter_i18n diff --textconv"
    git(repo.root, "config", "diff.letter-i18n.textconv", command)
    (repo.root / ".gitattributes").write_text("*.po diff=letter-i18n\n", encoding="utf-8")
    shown = git(repo.root, "diff", "--", FR)
    assert '-msgstr "Madame la Présidente,"' in shown
    assert f'+msgstr "{long_text}"' in shown


def test_textconv_passes_a_broken_catalog_through(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid "a\n', encoding="utf-8")
    assert textconv(path) == 'msgid "a\n'

