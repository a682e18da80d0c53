"""Catalogs as they are at a git revision, read from git's objects in repositories built in the
test, and the base a change is compared with: the merge base with the main branch."""

from __future__ import annotations

import shutil

import pytest

import gitrepo
from conftest import requires
from gitrepo import FR, by_kind, commit, git, set_entry
from letter_i18n.errors import UserError
from letter_i18n.project import Project
from letter_i18n.review import changes
from letter_i18n.review.git import WORKTREE, catalogs_at, main_branch, merge_base

pytestmark = requires(shutil.which("git"), "git", "apt-get install git")
repo = pytest.fixture(gitrepo.repo, name="repo")

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Language: {code}\\n"\n\n')
POT_PATH = "locales/letter.pot"
FR_PATH = "locales/fr/LC_MESSAGES/letter.po"
ES_PATH = "locales/es/LC_MESSAGES/letter.po"


def write(root, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


def catalog(code: str, msgstr: str) -> str:
    return HEADER.format(code=code) + f'msgid "Dear Chair,"\nmsgstr "{msgstr}"\n'


@pytest.fixture
def tiny(tmp_path) -> Project:
    """A repository (branch main) whose project lives in a subdirectory: a template, a French
    catalog and a file under locales/ that is no catalog, committed once."""
    git(tmp_path, "init", "-q", "-b", "main")
    project = Project(tmp_path / "letter")
    write(project.root, POT_PATH, catalog("", ""))
    write(project.root, FR_PATH, catalog("fr", "Madame la Présidente,"))
    write(project.root, "locales/README.md", "Catalogs of the letter.\n")
    commit(project, "first")
    return project


def translations(found) -> dict[str, str]:
    return {path: next(e.msgstr for e in po if e.msgid == "Dear Chair,")
            for path, po in found.items()}


def test_default_base_is_the_merge_base_with_main(repo):
    git(repo.root, "checkout", "-q", "-b", "feature")
    set_entry(repo, FR, "Council of State", "Conseil d’État")
    commit(repo, "on the branch")
    set_entry(repo, FR, "International", "International", fuzzy=True)  # uncommitted
    found = changes.diff_revisions(repo, None, None)
    assert by_kind(found, FR) == {
        "translated": [("Council of State", "", "Conseil d’État")],
        "draft_added": [("International", "", "International")]}


@pytest.mark.slow
def test_catalogs_at_a_revision_and_in_the_working_tree(tiny):
    first = git(tiny.root, "rev-parse", "HEAD").strip()
    write(tiny.root, FR_PATH, catalog("fr", "Madame la présidente,"))  # not committed
    write(tiny.root, ES_PATH, catalog("es", "Estimada Presidenta,"))  # not even added
    assert translations(catalogs_at(tiny, WORKTREE)) == {
        ES_PATH: "Estimada Presidenta,", FR_PATH: "Madame la présidente,", POT_PATH: ""}
    committed = catalogs_at(tiny, "HEAD")
    assert translations(committed) == {FR_PATH: "Madame la Présidente,", POT_PATH: ""}
    assert committed[FR_PATH].metadata["Language"] == "fr"
    # read from git's objects: the working tree is as it was
    assert "présidente" in (tiny.root / FR_PATH).read_text(encoding="utf-8")
    commit(tiny, "second")
    assert translations(catalogs_at(tiny, first)) == translations(committed)
    assert translations(catalogs_at(tiny, "HEAD"))[FR_PATH] == "Madame la présidente,"


@pytest.mark.slow
def test_a_broken_catalog_at_a_revision_is_named_by_revision_path_and_line(tiny):
    write(tiny.root, FR_PATH, catalog("fr", "Madame") + 'msgid "x\n')
    commit(tiny, "broken")
    with pytest.raises(UserError) as caught:
        catalogs_at(tiny, "HEAD")
    assert (caught.value.path, caught.value.line) == (f"HEAD:{FR_PATH}", 8)


@pytest.mark.slow
def test_an_unknown_revision_is_a_user_error_quoting_git(tiny):
    with pytest.raises(UserError) as caught:
        catalogs_at(tiny, "no-such-revision")
    message = caught.value.message
    assert message.startswith("git ls-tree -r: fatal: ") and "no-such-revision" in message


@pytest.mark.slow
def test_the_main_branch_is_origins_default_else_main_else_master(tiny):
    git(tiny.root, "checkout", "-q", "-b", "feature")
    git(tiny.root, "branch", "master")
    assert main_branch(tiny.root) == "main"  # main and master: main
    git(tiny.root, "branch", "-D", "main")
    assert main_branch(tiny.root) == "master"
    git(tiny.root, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk")
    assert main_branch(tiny.root) == "origin/trunk"
    git(tiny.root, "symbolic-ref", "--delete", "refs/remotes/origin/HEAD")
    git(tiny.root, "branch", "-D", "master")
    with pytest.raises(UserError, match="cannot tell the main branch") as caught:
        main_branch(tiny.root)
    assert "letter-i18n diff BASE" in caught.value.hint


@pytest.mark.slow
def test_the_merge_base_is_where_the_branch_left_main(tiny):
    fork = git(tiny.root, "rev-parse", "HEAD").strip()
    git(tiny.root, "checkout", "-q", "-b", "feature")
    write(tiny.root, FR_PATH, catalog("fr", "Madame,"))
    commit(tiny, "on the branch")
    git(tiny.root, "checkout", "-q", "main")
    write(tiny.root, ES_PATH, catalog("es", "Estimada Presidenta,"))
    commit(tiny, "on main")
    git(tiny.root, "checkout", "-q", "feature")
    assert merge_base(tiny.root) == fork
