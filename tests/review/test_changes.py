"""`diff` between git revisions built in the test: message by message, not line by line."""

from __future__ import annotations

import json
import shutil

import pytest

import gitrepo
from conftest import edit, requires
from gitrepo import ES, FR, by_kind, cli, commit, git, set_entry
from letter_i18n.catalog.pofile import load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.review import changes

pytestmark = requires(shutil.which("git"), "git", "apt-get install git")
repo = pytest.fixture(gitrepo.repo, name="repo")



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
    assert data["schema"] == "letter-i18n/diff/1"
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
