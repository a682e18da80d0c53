"""Where GNU may not break a line inside a format directive: python and c/objc parsed as
gettext 0.21 parses them, up to an invalid directive; python-brace and others not at all."""

from __future__ import annotations

import polib
import pytest

from letter_i18n.catalog.directives import FORMAT_LANGUAGES, protected_positions
from letter_i18n.catalog.powrite import format_entry


def inside(text: str, directive: str) -> set[int]:
    """Positions after the first character of ``directive`` in ``text``, up to its end."""
    start = text.index(directive)
    return set(range(start + 1, start + len(directive)))


@pytest.mark.parametrize(("text", "directives"), [
    ("Hello %(name)s!", ["%(name)s"]),
    ("%(a name)s, %(other one)d and 100%%", ["%(a name)s", "%(other one)d", "%%"]),
    ("%5.2f of %-3s", ["%5.2f", "%-3s"]),
    ("%(a)s and %s", ["%(a)s"]),  # named then unnamed: invalid, GNU stops there
    ("%d then %y then %s", ["%d"]),  # %y is no directive: nothing after it counts
    ("no directive at all", []),
])
def test_python_format(text, directives):
    expected = set().union(*(inside(text, d) for d in directives))
    assert protected_positions(text, "python", is_msgstr=False) == expected
    assert protected_positions(text, "python", is_msgstr=True) == expected


def test_python_brace_format_is_never_protected():
    """msgcat 0.21 breaks inside {x.yy} and {n:>3}: so must the writer."""
    for text in ("Hello {name}!", "{count} organizations", "{x.yy} {n:>3}", "{a name}"):
        assert protected_positions(text, "python-brace", is_msgstr=False) == set()
        assert protected_positions(text, "python-brace", is_msgstr=True) == set()


@pytest.mark.parametrize(("text", "msgid", "msgstr"), [
    ("Got %d of %s", ["%d", "%s"], ["%d", "%s"]),
    ("%1$s and %2$d", ["%1$s", "%2$d"], ["%1$s", "%2$d"]),
    ("%s and %1$s", ["%s"], ["%s"]),  # unnumbered then numbered: invalid
    ("% d and %'.2f", ["% d", "%'.2f"], ["% d", "%'.2f"]),
    ("%<PRId64> bytes", ["%<PRId64>"], ["%<PRId64>"]),
    ("%Id apples", [], ["%Id"]),  # the I flag is for translations only
    ("%m and %%", ["%m", "%%"], ["%m", "%%"]),
])
def test_c_format(text, msgid, msgstr):
    for is_msgstr, directives in ((False, msgid), (True, msgstr)):
        expected = set().union(*(inside(text, d) for d in directives))
        assert protected_positions(text, "c", is_msgstr) == expected, is_msgstr


def test_objc_has_the_at_directive_and_c_does_not():
    assert protected_positions("%@ said %s", "objc", False) == {1, 9}
    assert protected_positions("%@ said %s", "c", False) == set()


def test_no_language_or_one_not_reproduced_protects_nothing():
    assert protected_positions("%(name)s", None, False) == set()
    assert protected_positions("", "python", False) == set()
    for language in ("java", "perl", "php", "qt"):
        assert language in FORMAT_LANGUAGES
        assert protected_positions("%s %d %(name)s", language, False) == set()


def test_gettexts_order_of_format_languages():
    assert FORMAT_LANGUAGES[:4] == ("c", "objc", "python", "python-brace")
    assert len(FORMAT_LANGUAGES) == len(set(FORMAT_LANGUAGES)) == 28


def test_the_writer_keeps_a_python_directive_whole_but_breaks_inside_braces():
    """Checked against msgcat 0.21: the same texts, with and without the flag."""
    text = "b" * 66 + " %(a name)s and more words here."
    kept = format_entry(polib.POEntry(msgid="a", msgstr=text, flags=["python-format"]))
    assert kept.split("\n")[-1] == '"%(a name)s and more words here."'
    broken = format_entry(polib.POEntry(msgid="a", msgstr=text))
    assert broken.split("\n")[-2:] == [f'"{"b" * 66} %(a "', '"name)s and more words here."']
    braces = "b" * 68 + " {a name} and more words here."
    brace = format_entry(polib.POEntry(msgid="a", msgstr=braces, flags=["python-brace-format"]))
    assert brace.split("\n")[-1] == '"name} and more words here."'
