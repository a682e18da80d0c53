"""git's textconv filter: a catalog shown as whole messages, one line per field, without the
references and extracted comments that move with every source edit."""

from __future__ import annotations

import shutil
import sys

import polib
import pytest

import gitrepo
from conftest import requires
from gitrepo import FR, cli, git, set_entry
from letter_i18n.review.textconv import textconv

needs_git = requires(shutil.which("git"), "git", "apt-get install git")
repo = pytest.fixture(gitrepo.repo, name="repo")

CATALOG = r'''# French translation.
msgid ""
msgstr ""
"Project-Id-Version: x\n"
"Language: fr\n"
"Content-Type: text/plain; charset=UTF-8\n"

# a translator's note
# on two lines
#. paragraph 1
#: source/letter.md:3 source/letter.md:9
#, fuzzy, python-brace-format
#| msgid "Hi {name}"
msgid ""
"Hello "
"{name}, a long line that a PO editor would wrap somewhere around here: \"quoted\""
msgstr "Bonjour {name}\tTab"

msgctxt "region"
msgid "Europe"
msgstr "Europe"

msgid "{count} organization"
msgid_plural "{count} organizations"
msgstr[0] "{count} organisation"
msgstr[1] "{count} organisations"
msgstr[2] "{count} d’organisations"

#~ msgid "Old"
#~ msgstr "Vieux"
'''


def test_one_line_per_field_whole_messages_and_no_references(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(CATALOG, encoding="utf-8")
    assert textconv(path) == r'''Project-Id-Version: x
Language: fr
Content-Type: text/plain; charset=UTF-8

# a translator's note
# on two lines
#, fuzzy, python-brace-format
#| msgid "Hi {name}"
msgid "Hello {name}, a long line that a PO editor would wrap somewhere around here: \"quoted\""
msgstr "Bonjour {name}\tTab"

msgctxt "region"
msgid "Europe"
msgstr "Europe"

msgid "{count} organization"
msgid_plural "{count} organizations"
msgstr[0] "{count} organisation"
msgstr[1] "{count} organisations"
msgstr[2] "{count} d’organisations"

#~ msgid "Old"
#~ msgstr "Vieux"
'''


def test_rewrapping_and_moved_references_convert_to_the_same_text(tmp_path):
    before, after = tmp_path / "before.po", tmp_path / "after.po"
    before.write_text(CATALOG, encoding="utf-8")
    catalog = polib.pofile(CATALOG)
    catalog.wrapwidth = 30
    for entry in catalog:
        entry.occurrences = [("source/letter.md", "42")]
        entry.comment = "paragraph 7"
    after.write_text(str(catalog), encoding="utf-8")
    assert after.read_text(encoding="utf-8") != CATALOG
    assert textconv(after) == textconv(before)


@needs_git
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


def test_a_catalog_that_is_not_utf8_is_passed_through_readably(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid "caf\xe9"\nmsgstr ""\n')
    assert textconv(path) == 'msgid "caf\ufffd"\nmsgstr ""\n'
