"""yamlines: YAML with line numbers, so a data mistake is reported as file:line."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from letter_i18n.errors import UserError
from letter_i18n.source import yamlines
from letter_i18n.source.yamlines import DataReader, load_yaml

DATA = """\
# a comment
date: 2021-12-22
recipient:
  name: Chair
  title: "Ms"

signatories:
  - Access Now
  - name: ARTICLE 19
    country: GB
"""


@pytest.fixture(params=["libyaml", "python"])
def loader(request, monkeypatch):
    """Both loaders: libyaml's where PyYAML has it, and the pure-Python one."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(yamlines, "_LOADER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamlines, "_LOADER", yaml.SafeLoader)
    return request.param


def load(tmp_path, text: str | bytes):
    path = tmp_path / "letter.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_yaml(path, "source/letter.yaml")


def fails(tmp_path, text: str | bytes) -> UserError:
    with pytest.raises(UserError) as caught:
        load(tmp_path, text)
    assert caught.value.path == "source/letter.yaml"
    return caught.value


def test_data_is_plain_python(tmp_path, loader):
    data, _ = load(tmp_path, DATA)
    assert data == {"date": dt.date(2021, 12, 22), "recipient": {"name": "Chair", "title": "Ms"},
                    "signatories": ["Access Now", {"name": "ARTICLE 19", "country": "GB"}]}


def test_lines_of_keys_items_and_containers(tmp_path, loader):
    data, lines = load(tmp_path, DATA)
    assert lines.of(data, "date") == 2
    assert lines.of(data, "recipient") == 3
    assert lines.of(data["recipient"]) == 4  # a block mapping starts at its first key
    assert lines.of(data["recipient"], "title") == 5
    assert lines.of(data, "signatories") == 7
    assert [lines.of(data["signatories"], i) for i in (0, 1)] == [8, 9]
    assert lines.of(data["signatories"][1], "country") == 10


def test_unknown_keys_and_unknown_containers(tmp_path, loader):
    data, lines = load(tmp_path, DATA)
    assert lines.of(data["recipient"], "missing") == 4  # falls back to the container's line
    assert lines.of({"not": "loaded"}) is None
    assert lines.of({"not": "loaded"}, "not") is None


def test_an_empty_file_is_none(tmp_path, loader):
    assert load(tmp_path, "# nothing here\n")[0] is None


def test_duplicate_keys_name_both_lines(tmp_path, loader):
    error = fails(tmp_path, "links:\n  report: a\n  other: b\n  report: c\n")
    assert (error.line, error.message) == (4, "duplicate key 'report'")
    assert "already defined at line 2" in error.hint


def test_duplicate_keys_at_the_top_level(tmp_path, loader):
    error = fails(tmp_path, "date: 2021-12-22\ndate: 2021-12-23\n")
    assert (error.line, error.hint) == (2, "'date' is already defined at line 1.")


@pytest.mark.parametrize(("text", "line"), [
    ("date: 2021-12-22\nrecipient: [Chair\nnext: 1\n", 3),  # unclosed flow sequence
    ("a: 1\n b: 2\n", 2),  # bad indentation
    ("a:\n\tb: 1\n", 2),  # a tab
    ("a: *nowhere\n", 1),  # unknown alias
    ("a: 1\n---\nb: 2\n", 2),  # two documents
])
def test_syntax_errors_name_the_line(tmp_path, loader, text, line):
    error = fails(tmp_path, text)
    assert error.message.startswith("YAML syntax error: ")
    assert error.line == line
    assert str(error).startswith(f"source/letter.yaml:{line}: YAML syntax error")


def test_an_invalid_value_names_its_line(tmp_path, loader):
    error = fails(tmp_path, "a: 1\ndate: 2021-13-01\n")
    assert error.line == 2
    assert error.message.startswith("invalid value '2021-13-01'")


def test_a_list_as_key_is_an_error_at_its_line(tmp_path, loader):
    # the Markdown habit "[label]: url" makes a one-item list the key
    error = fails(tmp_path, "links:\n  [report]: https://undocs.org/A/HRC/41/41\n")
    assert (error.line, error.message) == (2, "a key must be a single value, not a list")
    assert "'[report]'" in error.hint
    assert fails(tmp_path, "{a: 1}: x\n").message.endswith("not a mapping")


def test_a_control_character_is_an_error_at_its_line(tmp_path, loader):
    error = fails(tmp_path, "é: ééé\nname: Access\x07Now\n")
    assert (error.line, error.message) == (2, "character U+0007 is not allowed in YAML")


def test_invalid_utf8(tmp_path):
    error = fails(tmp_path, "name: caf\xe9\n".encode("latin-1"))
    assert (error.line, error.message) == (None, "the file is not valid UTF-8")


def test_missing_file(tmp_path):
    with pytest.raises(UserError) as caught:
        load_yaml(tmp_path / "nowhere.yaml", "source/nowhere.yaml")
    assert str(caught.value) == "source/nowhere.yaml: file not found"


class Reader(DataReader):
    pass


@pytest.fixture
def reader_and_data(tmp_path):
    data, lines = load(tmp_path, DATA)
    return Reader("source/letter.yaml", lines), data


def test_mapping_with_exactly_the_keys_is_returned(reader_and_data):
    reader, data = reader_and_data
    value = reader.mapping(data["recipient"], data, "recipient", {"name"}, {"title", "email"})
    assert value is data["recipient"]


def test_mapping_unknown_key_first_at_its_line_with_the_allowed_ones(reader_and_data):
    reader, data = reader_and_data
    with pytest.raises(UserError) as caught:
        reader.mapping(data["recipient"], data, "recipient", {"name", "email"})
    assert str(caught.value) == ("source/letter.yaml:5: unknown field 'title' in 'recipient'\n"
                          "  Allowed here: email, name.")


def test_mapping_missing_keys_at_the_parent_s_key(reader_and_data):
    reader, data = reader_and_data
    with pytest.raises(UserError) as caught:
        reader.mapping(data["recipient"], data, "recipient", {"name", "title", "email", "city"})
    assert caught.value.message == "'recipient' is missing city, email"
    assert caught.value.line == 3


def test_mapping_of_a_non_mapping(reader_and_data):
    reader, data = reader_and_data
    with pytest.raises(UserError) as caught:
        reader.mapping(data["signatories"][0], data["signatories"], 0, {"name"},
                       what="signatory 1")
    assert (caught.value.line, caught.value.message) == (8, "signatory 1 must be a mapping")
