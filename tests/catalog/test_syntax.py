"""The lexical rules the PO reader and writer share: GNU's escape table, and the charset a
header declares, read as GNU's po-charset.c reads it."""

from __future__ import annotations

import polib
import pytest

from letter_i18n.catalog.pofile import dump_po, parse_po
from letter_i18n.catalog.poread import unquote
from letter_i18n.catalog.syntax import ESCAPES, UNESCAPES, charset, is_utf8, quote
from letter_i18n.errors import UserError

WHERE = ("fr.po", 1)


def test_the_escape_table_is_gnus():
    assert ESCAPES == {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t",
                       "\v": "v", "\\": "\\", '"': '"'}
    assert {letter: char for char, letter in UNESCAPES.items()} == ESCAPES


@pytest.mark.parametrize("char", sorted(ESCAPES), ids=lambda c: "\\" + ESCAPES[c])
def test_every_escape_is_written_as_gnu_writes_it_and_read_back(char):
    quoted = quote(f"a{char}b")
    assert quoted == f'"a\\{ESCAPES[char]}b"'
    assert unquote(quoted, WHERE) == f"a{char}b"


def test_text_with_every_escape_round_trips_through_writer_and_reader():
    text = "Say \"hi\"\tto C:\\dir\a\b\f\v\r and\nmore é 中文"
    assert unquote(quote(text), WHERE) == text
    assert quote("no escapes: é, 中文, {name}") == '"no escapes: é, 中文, {name}"'
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalog.append(polib.POEntry(msgid=text, msgstr=text[::-1], msgctxt="\\ctx\""))
    (entry,) = parse_po(dump_po(catalog).encode("utf-8"))
    assert (entry.msgid, entry.msgstr, entry.msgctxt) == (text, text[::-1], "\\ctx\"")


def test_the_reader_refuses_what_the_table_lacks():
    with pytest.raises(UserError, match=r"invalid escape sequence \\q"):
        unquote('"a\\qb"', WHERE)
    assert unquote('"\\x41\\101"', WHERE) == "AA"  # hex and octal, as GNU reads them


@pytest.mark.parametrize(("header", "found"), [
    ("text/plain; charset=UTF-8", "UTF-8"),
    ("text/plain; charset=UTF-8   ", "UTF-8"),  # trailing spaces are not part of it
    ("text/plain; charset=utf-8\tx", "utf-8"),
    ("Language: fr\nContent-Type: text/plain; charset=ISO-8859-1\nPlural-Forms: x", "ISO-8859-1"),
    ("text/plain; charset=CHARSET", "CHARSET"),  # the placeholder of xgettext's templates
    ("text/plain", ""),
    ("text/plain; charset=", ""),
    ("", ""),
])
def test_charset_of_a_header(header, found):
    assert charset(header) == found


def test_which_names_are_utf8():
    assert all(is_utf8(name) for name in ("UTF-8", "utf-8", "UTF8", "utf_8"))
    assert not any(is_utf8(name) for name in ("", "CHARSET", "ISO-8859-1", "UTF-16"))


@pytest.mark.parametrize(("declared", "shown"), [("CHARSET", "CHARSET"), ("", "(none)"),
                                                 ("ISO-8859-1", "ISO-8859-1")])
def test_the_reader_accepts_only_a_utf8_charset(declared, shown):
    def header(value: str) -> bytes:
        return f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={value}\\n"\n'.encode()

    assert parse_po(header("UTF-8  ")).metadata["Content-Type"] == "text/plain; charset=UTF-8"
    with pytest.raises(UserError) as caught:
        parse_po(header(declared), "fr.po")
    assert caught.value.message == f"the header declares charset={shown}; catalogs must be UTF-8"
    assert caught.value.line == 2
