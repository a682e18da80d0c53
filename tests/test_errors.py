"""User mistakes are reported as ``file:line: what is wrong`` and a hint, with paths shown
relative to the project, as a user types them."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_i18n.errors import UserError, relative


def test_file_line_message_then_the_hint_indented():
    error = UserError("msgid appears twice in one entry", "locales/fr/LC_MESSAGES/letter.po",
                      12, hint="Remove one of them.")
    assert str(error) == ("locales/fr/LC_MESSAGES/letter.po:12: msgid appears twice in one "
                          "entry\n  Remove one of them.")
    assert error.location == "locales/fr/LC_MESSAGES/letter.po:12"
    assert (error.message, error.line, error.hint) == ("msgid appears twice in one entry", 12,
                                                       "Remove one of them.")
    assert error.args == ("msgid appears twice in one entry",)


@pytest.mark.parametrize(("path", "line", "shown"), [
    ("source/letter.yaml", None, "source/letter.yaml: unknown country"),  # no line: the file
    (Path("source") / "letter.yaml", 0, "source/letter.yaml: unknown country"),
    (None, None, "unknown country"),  # neither: the message alone
    (None, 7, "unknown country"),  # a line without a file says nothing
])
def test_what_is_known_of_the_place_is_shown(path, line, shown):
    error = UserError("unknown country", path, line)
    assert str(error) == shown
    assert error.path == (str(path) if path is not None else None)


def test_without_hint_there_is_no_second_line():
    assert "\n" not in str(UserError("file not found", "locales/letter.pot", hint=""))
    assert str(UserError("bad", "x.po", 1)) == "x.po:1: bad"


def test_relative_to_a_root(tmp_path):
    inside = tmp_path / "source" / "letter.md"
    assert relative(inside, tmp_path) == "source/letter.md"
    assert relative(str(inside), str(tmp_path)) == "source/letter.md"
    assert relative(tmp_path, tmp_path) == "."
    outside = tmp_path.parent / "elsewhere" / "letter.md"
    assert relative(outside, tmp_path) == str(outside)  # outside: as given


def test_relative_to_the_working_directory_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relative(tmp_path / "locales" / "letter.pot") == "locales/letter.pot"
    assert relative("locales/letter.pot") == "locales/letter.pot"
    assert relative("/") == "/"


def test_relative_through_a_linked_project_directory(tmp_path):
    (tmp_path / "real" / "source").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert relative(tmp_path / "link" / "source" / "letter.md", tmp_path / "real") \
        == "source/letter.md"
    assert relative(tmp_path / "real" / "source" / "letter.md", tmp_path / "link") \
        == "source/letter.md"
