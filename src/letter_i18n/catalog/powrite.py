"""Serialize polib catalogs exactly as GNU ``msgcat`` 0.21 writes them.

Why this exists: translators and CI run GNU gettext tools (``msgcat``,
``msgmerge``, ``msgfmt``) over the catalogs.  If our writer wraps lines
differently from GNU, every such run rewrites the whole file and drowns real
changes in noise.  polib wraps with Python's ``textwrap``, which is not what
GNU does, so we reimplement GNU's writer: a catalog produced here is a fixed
point of ``msgcat`` (``msgcat x.po -o y.po`` gives ``y == x``).

GNU's ``wrap()`` (gettext-tools/src/write-po.c) splits each string after every
embedded newline, escapes each piece, and asks libunistring where to break
it, never inside an escape sequence or a format directive.
:mod:`letter_i18n.catalog.linebreak` answers as libunistring 1.0 does and
:mod:`letter_i18n.catalog.directives` finds the directives; this module does
the rest of write-po.c: flags, comments, references and the layout of
entries.

The output assumes the catalog is UTF-8 (``charset=UTF-8`` in the
``Content-Type`` header); a catalog declaring another charset is rejected if
it contains non-ASCII text, because GNU would then measure and break it
differently.  Other known limits (format directives of other languages,
characters newer than Unicode 14.0) are described in those two modules.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable

import polib

from letter_i18n.catalog.directives import FORMAT_LANGUAGES, protected_positions
from letter_i18n.catalog.gcpause import no_cyclic_gc
from letter_i18n.catalog.linebreak import line_breaks
from letter_i18n.catalog.syntax import ESCAPE_TABLE, ESCAPES, charset, is_utf8

__all__ = ["format_catalog", "format_entry"]

PAGE_WIDTH = 79
"""GNU's default page width (``msgcat -w``)."""

# --------------------------------------------------------------------------
# wrap() from write-po.c
# --------------------------------------------------------------------------

_ESCAPED = re.compile("[" + re.escape("".join(ESCAPES)) + "]")
_NO_WRAP_WIDTH = 2**31 - 1  # INT_MAX, GNU's width when wrapping is off


def _escape(value: str, start: int, end: int, protected: set[int]) -> tuple[str, set[int]]:
    """``value[start:end]`` escaped, and the positions in it GNU never breaks before.

    Those are the second character of each escape sequence, the ``\\n`` that
    ends a piece and the inside of format directives (``protected`` holds
    their indices in ``value``).
    """
    if not protected and _ESCAPED.search(value, start, end) is None:
        return value[start:end], set()
    text = value[start:end].translate(ESCAPE_TABLE)
    prohibited = set()
    escapes = [m.start() for m in _ESCAPED.finditer(value, start, end)]
    for shift, index in enumerate(escapes):
        prohibited.add(index - start + shift + 1)
    for index in protected:
        if start <= index < end:
            prohibited.add(index - start + bisect_left(escapes, index))
    if end > start and value[end - 1] == "\n":
        # Don't break immediately before the "\n" at the end.
        prohibited.add(len(text) - 2)
    return text, prohibited


@functools.lru_cache(maxsize=8192)
def _wrap(
    line_prefix: str, name: str, value: str, *, do_wrap: bool, page_width: int,
    language: str | None,
) -> tuple[str, ...]:
    """The lines GNU writes for ``name "value"``.

    Cached: ``update`` formats the same msgids into the template and every
    catalog, and formats each catalog's entries more than once.
    """
    out = []
    protected = protected_positions(value, language, name.startswith("msgstr"))
    startcol_after_break = len(line_prefix) + 1
    width = (page_width if do_wrap else _NO_WRAP_WIDTH) - 1 - startcol_after_break
    first_line = True
    s = 0
    n = len(value)
    while True:
        newline = value.find("\n", s)
        es = n if newline < 0 else newline + 1
        text, prohibited = _escape(value, s, es, protected)
        breaks = list(line_breaks(text, prohibited, width, 0))
        # If the string has several pieces or would wrap, GNU puts an empty
        # string after the keyword and starts the text on the next line.
        # (Text that wraps from column 0 wraps after the keyword too.)
        if first_line and text and (
            es < n or breaks or len(name) + 1 > width
            or next(line_breaks(text, prohibited, width, len(name) + 1), None) is not None
        ):
            out.append(f'{line_prefix}{name} ""')
            first_line = False
        if first_line:
            out.append(f'{line_prefix}{name} "{text}"')
            first_line = False
        else:
            begin = 0
            for brk in breaks:
                out.append(f'{line_prefix}"{text[begin:brk]}"')
                begin = brk
            out.append(f'{line_prefix}"{text[begin:]}"')
        s = es
        if s >= n:
            break
    return tuple(out)


# --------------------------------------------------------------------------
# Flags, as parsed by read-catalog-abstract.c and printed by write-po.c
# --------------------------------------------------------------------------

_FLAG_SEPARATORS = "\n \t\r\f\v,"
_INT_MAX = 2**31 - 1
# gettext 0.21's syntax checks: read, and not written by msgcat.
_SYNTAX_CHECKS = frozenset({"ellipsis-unicode", "space-ellipsis", "quote-unicode",
                            "bullet-unicode"})


class _Flags:
    """The flag state GNU keeps per message, and the flags GNU does not know.

    GNU drops flags it does not know; other tools' flags (Weblate's
    ``max-length:80``, ``md-text``, ``placeholders:…``) are kept here, after
    GNU's, each as written between commas and in its first place, as
    translate-toolkit (Weblate's PO library) reads and writes them.
    """

    def __init__(self, flags: Iterable[str]) -> None:
        self.fuzzy = False
        self.formats: dict[str, str] = {}
        self.range: tuple[int, int] | None = None
        self.wrap: bool | None = None
        self.unknown: list[str] = []
        gnu: list[str] = []
        for flag in (f.strip() for f in ",".join(flags).split(",")):
            words = "".join(c if c not in _FLAG_SEPARATORS else " " for c in flag).split()
            if words and not (flag.startswith("range:") or all(map(self._known, words))):
                if flag not in self.unknown:
                    self.unknown.append(flag)
            else:
                gnu += words
        it = iter(gnu)
        for token in it:
            if token == "fuzzy":
                self.fuzzy = True
            elif token.endswith("-format") and self._format(token[: -len("-format")]):
                pass
            elif token == "range:":
                self._range(next(it, ""))
            elif token == "wrap":
                self.wrap = True
            elif token == "no-wrap":
                self.wrap = False
            # Anything else GNU knows but does not write (syntax checks) is dropped.

    @staticmethod
    def _known(word: str) -> bool:
        """A flag GNU reads (and writes, or drops on purpose, as its syntax checks)."""
        if word in ("fuzzy", "wrap", "no-wrap") or word.removeprefix("no-") in _SYNTAX_CHECKS:
            return True
        spec = word.removesuffix("-format")
        for prefix in ("no-", "possible-", "impossible-"):
            spec = spec.removeprefix(prefix)
        return word.endswith("-format") and spec in FORMAT_LANGUAGES

    def _format(self, spec: str) -> bool:
        value = "yes"
        for prefix in ("no-", "possible-", "impossible-"):
            if spec.startswith(prefix):
                spec = spec[len(prefix):]
                value = prefix[:-1]
                break
        if spec not in FORMAT_LANGUAGES:
            return False
        self.formats[spec] = value
        return True

    def _range(self, token: str) -> None:
        lo_text, sep, hi_text = token.partition("..")
        lo_digits = _leading_digits(lo_text)
        hi_digits = _leading_digits(hi_text)
        if sep and lo_digits and lo_digits == lo_text and hi_digits:
            lo = min(int(lo_digits), _INT_MAX)
            hi = min(int(hi_digits), _INT_MAX)
            if lo <= hi:
                self.range = (lo, hi)

    def parser_language(self) -> str | None:
        """The format language whose directives GNU protects, if any."""
        for language in FORMAT_LANGUAGES:
            if self.formats.get(language) in ("yes", "possible"):
                return language
        return None

    def line(self, *, msgstr_empty: bool, obsolete: bool) -> str | None:
        parts = []
        if self.fuzzy and not msgstr_empty:
            parts.append("fuzzy")
        for language in FORMAT_LANGUAGES:
            value = self.formats.get(language)
            if value in ("yes", "possible"):
                parts.append(f"{language}-format")
            elif value == "no":
                parts.append(f"no-{language}-format")
        if self.range is not None and not obsolete:
            parts.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.wrap is False:
            parts.append("no-wrap")
        parts += self.unknown
        return "#, " + ", ".join(parts) if parts else None


def _leading_digits(text: str) -> str:
    end = 0
    while end < len(text) and text[end] in "0123456789":
        end += 1
    return text[:end]


# --------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------


def _comment_lines(marker: str, text: str | None) -> list[str]:
    """``# text`` per line; an empty line is the bare marker, as GNU writes."""
    if not text:
        return []
    lines = [f"{marker} {line}" if line else marker for line in text.split("\n")]
    _check_no_continuation(lines)
    return lines


def _check_no_continuation(lines: list[str]) -> None:
    """Refuse comment lines ending in a backslash.

    GNU's PO lexer deletes every backslash-newline pair, so such a line would
    be glued to the next one and the catalog would not survive msgcat.
    """
    for line in lines:
        if line.endswith("\\"):
            raise ValueError(f"PO comment line may not end with a backslash: {line!r}")


def _reference_lines(occurrences: Iterable[tuple[str, str]], page_width: int) -> list[str]:
    """``#:`` lines, filled up to the page width like GNU does.

    GNU reads ``file:123`` as (file, 123), drops exact repeats of that pair
    (comparing names before it strips a leading ``./`` for display) and
    prints the line number in decimal, so ``a.py:007`` comes back as
    ``a.py:7``.
    """
    refs = []
    seen = set()
    for filename, line in occurrences:
        line = "" if line is None else str(line)
        token = f"{filename}:{line}" if line else filename
        name, colon, number = token.rpartition(":")
        if colon and name and number.isascii() and number.isdigit():
            key = (name, int(number))
        else:
            key = (token, -1)
        if not key[0] or key in seen:
            continue
        seen.add(key)
        name = key[0]
        while name.startswith("./"):
            name = name[2:]
        refs.append(f"{name}:{key[1]}" if key[1] >= 0 else name)
    if not refs:
        return []
    lines = []
    current = "#:"
    column = 2
    for ref in refs:
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(current)
            current = "#:"
            column = 2
        current += " " + ref
        column += size
    lines.append(current)
    _check_no_continuation(lines)
    return lines


def _plural_msgstrs(entry: polib.POEntry) -> list[str]:
    forms = sorted((int(k), v) for k, v in entry.msgstr_plural.items())
    return [v for _, v in forms] or [""]


def _page_width(width: int) -> int:
    """Clamp like msgcat's ``-w``: 0 means unlimited, anything below 20 is 20."""
    if width <= 0:
        return _NO_WRAP_WIDTH
    return max(width, 20)


def _entry_lines(entry: polib.POEntry, page_width: int) -> list[str]:
    obsolete = bool(entry.obsolete)
    msgstrs = _plural_msgstrs(entry) if entry.msgid_plural else [entry.msgstr]
    if obsolete and not msgstrs[0]:
        # GNU drops obsolete entries without a translation.
        return []

    for text in _entry_texts(entry):
        if "\0" in text or "\x04" in text:
            # NUL ends a C string and EOT separates msgctxt from msgid inside
            # gettext: GNU refuses both.
            raise ValueError(f"PO strings may not contain NUL or EOT: {entry.msgid!r}")

    flags = _Flags(entry.flags)
    do_wrap = flags.wrap is not False
    language = flags.parser_language()
    lines: list[str] = []
    lines += _comment_lines("#", entry.tcomment)
    lines += _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry.occurrences, page_width)
    flag_line = flags.line(msgstr_empty=not msgstrs[0], obsolete=obsolete)
    if flag_line:
        lines.append(flag_line)

    def wrap(prefix: str, name: str, value: str) -> None:
        lines.extend(_wrap(prefix, name, value, do_wrap=do_wrap, page_width=page_width,
                           language=language))

    previous_prefix = "#~| " if obsolete else "#| "
    if entry.previous_msgctxt is not None:
        wrap(previous_prefix, "msgctxt", entry.previous_msgctxt)
    if entry.previous_msgid is not None:
        wrap(previous_prefix, "msgid", entry.previous_msgid)
    if entry.previous_msgid_plural is not None:
        wrap(previous_prefix, "msgid_plural", entry.previous_msgid_plural)

    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        wrap(prefix, "msgctxt", entry.msgctxt)
    wrap(prefix, "msgid", entry.msgid)
    if entry.msgid_plural:
        wrap(prefix, "msgid_plural", entry.msgid_plural)
        for index, msgstr in enumerate(msgstrs):
            wrap(prefix, f"msgstr[{index}]", msgstr)
    else:
        wrap(prefix, "msgstr", entry.msgstr)
    return lines


def clear_caches() -> None:
    """Forget memoized line breaks (benchmarks measure a cold start, as a new process has)."""
    _wrap.cache_clear()


def format_entry(entry: polib.POEntry, width: int = PAGE_WIDTH) -> str:
    """Format one entry the way ``msgcat`` writes it, without a trailing newline.

    The entry is normalized as GNU normalizes it on reading, so that the text
    is stable under ``msgcat``: flags are reordered (fuzzy first, then format
    flags in gettext's order, range, no-wrap), flags GNU does not know follow
    in their order (GNU would drop them: with those, ``msgcat`` is no fixed point),
    ``fuzzy`` is dropped when the translation is empty, references lose a
    leading ``./`` and exact repeats, and an obsolete entry without
    translation yields the empty string (GNU omits it).  Text is assumed to
    be UTF-8.  ``width`` is the page width as for ``msgcat -w`` (0 means no
    wrapping, values below 20 count as 20).

    Raises ValueError for what GNU cannot read back: NUL or EOT (U+0004) in a
    string, or a comment line ending in a backslash.
    """
    return "\n".join(_entry_lines(entry, _page_width(width)))


def _header_entry(catalog: polib.POFile) -> polib.POEntry:
    metadata = "".join(f"{key}: {value}\n" for key, value in catalog.metadata.items())
    fuzzy = catalog.metadata_is_fuzzy
    # polib keeps the header's parsed flags here, or a bare truth value.
    flags = list(fuzzy) if isinstance(fuzzy, list | tuple) else ["fuzzy"] if fuzzy else []
    return polib.POEntry(msgid="", msgstr=metadata, tcomment=catalog.header or "", flags=flags)


def _entry_texts(entry: polib.POEntry) -> Iterable[str]:
    yield from (entry.msgid, entry.msgstr, entry.msgid_plural or "")
    yield from (entry.msgctxt or "", entry.previous_msgctxt or "")
    yield from (entry.previous_msgid or "", entry.previous_msgid_plural or "")
    yield from entry.msgstr_plural.values()


def format_catalog(catalog: polib.POFile, width: int = PAGE_WIDTH) -> str:
    """Return the whole catalog as ``msgcat`` would write it.

    Order: the header (``catalog.header`` as translator comments,
    ``catalog.metadata`` in insertion order), then the non-obsolete entries
    in catalog order, then the obsolete ones; one blank line between
    entries and a single newline at the end.  Entries are normalized as
    described in :func:`format_entry`.

    Note that ``msgcat`` itself writes nothing for a catalog without entries
    (unless given ``--force-po``); we still return the header.

    Raises ValueError for catalogs GNU would reject or break differently: a
    second header or a repeated (msgctxt, msgid), non-ASCII strings without
    ``charset=UTF-8`` in the Content-Type header, and the cases listed in
    :func:`format_entry`.
    """
    header = _header_entry(catalog)
    entries = [entry for entry in catalog if not entry.obsolete]
    entries += [entry for entry in catalog if entry.obsolete]
    page_width = _page_width(width)
    with no_cyclic_gc():  # thousands of small lists, no cycles (see poparse)
        blocks = [_entry_lines(entry, page_width) for entry in [header, *entries]]

    seen: set[tuple[str | None, str]] = set()
    for entry, block in zip([header, *entries], blocks, strict=True):
        key = (entry.msgctxt, entry.msgid)
        if block and key in seen:
            raise ValueError(f"duplicate message (GNU refuses it): {key!r}")
        seen.add(key)

    if not is_utf8(charset(header.msgstr)):
        for entry in [header, *entries]:
            if not all(text.isascii() for text in _entry_texts(entry)):
                raise ValueError(
                    "catalog contains non-ASCII text but its Content-Type header "
                    "does not declare charset=UTF-8"
                )
    return "\n\n".join("\n".join(block) for block in blocks if block) + "\n"
