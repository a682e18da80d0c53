"""settings: the [tool.letter-i18n] table of pyproject.toml, mistakes named pyproject.toml:line."""

from __future__ import annotations

import pytest

from letter_i18n import settings
from letter_i18n.errors import UserError
from letter_i18n.project import Project

PYPROJECT = """\
[project]
name = "letter-i18n"

[tool.pytest.ini_options]
timeout = 60

[tool.letter-i18n.draft]
concurrency = 4
timeout = 30

[tool.letter-i18n.draft.libre]
url = "http://localhost:5000"
"""


def project_with(tmp_path, text: str | bytes) -> Project:
    path = tmp_path / "pyproject.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return Project(tmp_path)


def fails(tmp_path, text: str | bytes) -> UserError:
    with pytest.raises(UserError) as caught:
        settings.load(project_with(tmp_path, text))
    return caught.value


def test_no_pyproject_is_no_settings(tmp_path):
    found = settings.load(Project(tmp_path))
    assert found.data == {}
    assert found.table("draft") == {}
    assert found.table("draft", "libre") == {}


def test_no_table_of_ours_is_no_settings(tmp_path):
    found = settings.load(project_with(tmp_path, '[project]\nname = "x"\n[tool.ruff]\nx = 1\n'))
    assert found.data == {}
    assert found.table("draft") == {}


def test_tables_by_path(tmp_path):
    found = settings.load(project_with(tmp_path, PYPROJECT))
    assert found.shown == "pyproject.toml"
    assert found.table() == found.data
    assert found.table("draft") == {"concurrency": 4, "timeout": 30,
                                    "libre": {"url": "http://localhost:5000"}}
    assert found.table("draft", "libre") == {"url": "http://localhost:5000"}
    assert found.table("draft", "deepl") == {}
    assert found.table("elsewhere", "deeper") == {}


def test_lines_of_keys_and_tables_in_our_tables_only(tmp_path):
    found = settings.load(project_with(tmp_path, PYPROJECT))
    assert found.line("concurrency") == 8
    assert found.line("timeout") == 9  # not pytest's timeout on line 5
    assert found.line("libre") == 11
    assert found.line("url") == 12
    assert found.line("name") is None  # [project]'s
    assert found.line("missing") is None


def test_fail_names_pyproject_and_line(tmp_path):
    found = settings.load(project_with(tmp_path, PYPROJECT))
    error = found.fail("'timeout' must be a number", "timeout", hint="Seconds, such as 30.")
    assert str(error) == "pyproject.toml:9: 'timeout' must be a number\n  Seconds, such as 30."


@pytest.mark.parametrize(("text", "path", "line"), [
    ("[tool.letter-i18n]\ndraft = 3\n", ("draft",), 2),
    ('[tool.other]\ndraft = 1\n\n[tool.letter-i18n]\ndraft = "x"\n', ("draft",), 5),
    ('[tool.letter-i18n.draft]\ntimeout = 30\nlibre = "http://h"\n', ("draft", "libre"), 3),
    ('[tool."letter-i18n".draft]\nlibre = []\n', ("draft", "libre"), 2),
])
def test_a_value_that_should_be_a_table(tmp_path, text, path, line):
    found = settings.load(project_with(tmp_path, text))
    with pytest.raises(UserError) as caught:
        found.table(*path)
    error = caught.value
    assert (error.location, error.message) == (f"pyproject.toml:{line}",
                                               f"'{path[-1]}' must be a table")


@pytest.mark.parametrize("text", ['[tool]\nletter-i18n = "yes"\n', "tool = 3\n"])
def test_our_table_itself_must_be_a_table(tmp_path, text):
    assert str(fails(tmp_path, text)) == "pyproject.toml: [tool.letter-i18n] must be a table"


@pytest.mark.parametrize(("text", "line"), [
    ("[tool.letter-i18n.draft]\ntimeout = \n", 2),
    ("[project]\nname = 'x'\n\n[tool.letter-i18n]\na = 1\na = 2\n", 6),
    ("[tool.letter-i18n\n", 1),
])
def test_toml_syntax_errors_name_the_line(tmp_path, text, line):
    error = fails(tmp_path, text)
    assert error.location == f"pyproject.toml:{line}"
    assert error.message.startswith("TOML syntax error: ")


def test_invalid_utf8(tmp_path):
    error = fails(tmp_path, '[tool.letter-i18n.draft.libre]\nurl = "caf\xe9"\n'.encode("latin-1"))
    assert str(error) == "pyproject.toml: the file is not valid UTF-8"
