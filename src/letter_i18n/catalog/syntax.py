"""The lexical rules of PO files that the reader and the writer must agree on.

One escape table (GNU gettext's: ``\\a \\b \\f \\n \\r \\t \\v \\\\ \\"``) and one
reading of the header's charset, as GNU's ``po-charset.c`` reads it: the text
after ``charset=`` up to a space, tab or newline.
"""

from __future__ import annotations

# character -> the letter after the backslash, as GNU's write-po.c escapes them
ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
           "\\": "\\", '"': '"'}
UNESCAPES = {letter: char for char, letter in ESCAPES.items()}
ESCAPE_TABLE = str.maketrans({char: "\\" + letter for char, letter in ESCAPES.items()})


def quote(text: str) -> str:
    """A PO string on one line, quoted and escaped."""
    return '"' + text.translate(ESCAPE_TABLE) + '"'


def charset(header: str) -> str:
    """The charset a header text (the Content-Type value, or the whole header) declares.

    Empty when none is declared; GNU then reads the file as ASCII, as it does
    for the template's placeholder ``CHARSET``.
    """
    position = header.find("charset=")
    if position < 0:
        return ""
    rest = header[position + len("charset="):]
    end = len(rest)
    for separator in " \t\n":
        found = rest.find(separator)
        if 0 <= found < end:
            end = found
    return rest[:end]


def is_utf8(name: str) -> bool:
    return name.upper().replace("_", "-") in ("UTF-8", "UTF8")
