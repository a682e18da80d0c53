"""The PO reader accepts what GNU gettext writes and names the line of every mistake."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from letter_i18n.catalog.poread import parse_catalog
from letter_i18n.errors import UserError

GOOD = '''# French translation.
msgid ""
msgstr ""
"Project-Id-Version: x\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

#. paragraph 1
#: source/letter.md:3 source/letter.md:9
msgid "Hello"
msgstr "Bonjour"

#, fuzzy, python-brace-format
#| msgid "Hi {name}"
msgid ""
"Hello "
"{name}"
msgstr "Bonjour {name}"

msgctxt "region"
msgid "Europe"
msgstr "Europe"
msgid "{count} organization"
msgid_plural "{count} organizations"
msgstr[0] "{count} organisation"
msgstr[1] "{count} organisations"
msgstr[2] "{count} d’organisations"

#~| msgid "Olde"
#~ msgid "Old"
#~ msgstr "Vieux \\"x\\"\\n"
'''
SHOWN = "locales/fr/LC_MESSAGES/letter.po"


def test_reads_every_part_of_an_entry():
    catalog = parse_catalog(GOOD.encode())
    assert catalog.metadata["Language"] == "fr"
    assert catalog.header == "French translation."
    hello, greet, europe, plural, old = list(catalog)
    assert (hello.linenum, hello.comment, hello.occurrences) == (
        8, "paragraph 1", [("source/letter.md", "3"), ("source/letter.md", "9")])
    assert (greet.msgid, greet.flags, greet.previous_msgid) == (
        "Hello {name}", ["fuzzy", "python-brace-format"], "Hi {name}")
    assert (europe.msgctxt, europe.msgstr) == ("region", "Europe")
    assert plural.msgstr_plural == {0: "{count} organisation", 1: "{count} organisations",
                                    2: "{count} d’organisations"}
    assert (old.obsolete, old.msgstr, old.previous_msgid) == (True, 'Vieux "x"\n', "Olde")


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ('msgstr "Bonjour"', 'msgstrr "Bonjour"', 11, "unknown keyword 'msgstrr'"),
    ('msgstr "Bonjour"', 'msgstr "Bonjour', 11, "not enclosed in double quotes"),
    ('msgstr "Bonjour"', 'msgstr "Bon"jour"', 11, "unescaped double quote"),
    ('msgstr "Bonjour"', 'msgstr "Bon\\jour"', 11, "invalid escape sequence \\j"),
    ("charset=UTF-8", "charset=ISO-8859-1", 3, "charset=ISO-8859-1; catalogs must be UTF-8"),
    ("charset=UTF-8", "charset=CHARSET", 3, "charset=CHARSET"),
    ('msgid "{count} organization"',
     'msgid "Hello"\nmsgstr "x"\n\nmsgid "{count} organization"', 23,
     'duplicate message definition: msgid "Hello" (first defined at line 8)'),
    ('msgid "Hello"\nmsgstr "Bonjour"', 'msgid "Hello"', 10, "entry has no msgstr"),
    ('msgstr[2] "{count} d’organisations"', 'msgstr[3] "x"', 23, "without gaps"),
    ('"Hello "', 'msgstr "Hello "', 18, "msgstr appears twice"),
])
def test_mistakes_name_the_line(old, new, line, message):
    assert old in GOOD
    with pytest.raises(UserError) as caught:
        parse_catalog(GOOD.replace(old, new, 1).encode(), SHOWN)
    error = caught.value
    assert (error.path, error.line) == (SHOWN, line)
    assert message in error.message
    assert str(error).startswith(f"{SHOWN}:{line}: ")
    assert error.hint or "duplicate" in message or "no msgstr" in message or "gaps" in message


def test_invalid_utf8_names_the_line():
    raw = GOOD.replace("Bonjour", "Bonjé").encode("utf-8").replace("é".encode(), b"\xe9")
    with pytest.raises(UserError) as caught:
        parse_catalog(raw, SHOWN)
    assert (caught.value.line, caught.value.message) == (11, "the file is not valid UTF-8")


@pytest.mark.parametrize(("quoted", "text"), [
    ('"plain"', "plain"),
    ('"tab\\there \\"q\\" back\\\\slash\\n"', 'tab\there "q" back\\slash\n'),
    ('"octal \\101\\x42"', "octal AB"),
])
def test_escapes_are_decoded(quoted, text):
    from letter_i18n.catalog.poread import unquote

    assert unquote(quoted, ("x.po", 1)) == text


def test_a_lone_backslash_at_the_end_is_an_error():
    from letter_i18n.catalog.poread import unquote

    with pytest.raises(UserError, match="lone backslash"):
        unquote('"abc\\"', ("x.po", 3))


def test_fast_path_reads_exactly_what_the_line_reader_reads(monkeypatch):
    """Well-formed entries take a one-pattern fast path; it must agree with the line reader."""
    from letter_i18n.catalog import poread as poparse

    def fields(catalog):
        return [(e.linenum, e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, e.msgstr_plural,
                 e.comment, e.tcomment, e.occurrences, e.flags, e.previous_msgid, e.obsolete)
                for e in catalog]

    real = (REPO / "locales" / "ru" / "LC_MESSAGES" / "letter.po").read_bytes()
    for raw in (GOOD.encode(), real):
        fast = parse_catalog(raw)
        monkeypatch.setattr(poparse, "_ENTRY", re.compile(r"(?!)"))  # never matches
        slow = parse_catalog(raw)
        monkeypatch.undo()
        assert fields(fast) == fields(slow)
        assert (fast.header, fast.metadata) == (slow.header, slow.metadata)


@pytest.mark.parametrize("escape", ["\\0", "\\000", "\\x00", "\\004", "\\x4", "\0"])
def test_nul_and_eot_are_errors_at_their_line(escape):
    """GNU gettext cannot store them; the writer would refuse them later with a traceback."""
    raw = GOOD + f'\nmsgid "Thanks"\nmsgstr "Merci{escape}"\n'
    with pytest.raises(UserError, match="which gettext cannot store") as caught:
        parse_catalog(raw.encode("utf-8"), "fr.po")
    assert (caught.value.path, caught.value.line) == ("fr.po", raw.count("\n"))


def test_a_previous_msgid_damaged_into_a_translator_comment_is_reported():
    """Babel's writer turns '#| msgid' into '# | msgid': the catalog would keep junk."""
    raw = GOOD.replace('#| msgid "Hi {name}"', '# | msgid "Hi {name}"')
    line = raw.split("\n").index('# | msgid "Hi {name}"') + 1
    with pytest.raises(UserError, match=re.escape("a tool rewrote '#|' as '# |'")) as caught:
        parse_catalog(raw.encode("utf-8"), "fr.po")
    assert (caught.value.path, caught.value.line) == ("fr.po", line)
    assert "sed -i" in caught.value.hint
    parse_catalog(GOOD.replace("#, fuzzy", "# a note about | pipes\n#, fuzzy").encode(), "x.po")
