"""Where a PO string holds format directives, inside which GNU never breaks a line.

Why this exists: for the first format language flagged on an entry
(``c-format``, ``python-format``, ...) ``msgcat`` parses the entry's strings
and does not break a line inside a directive it recognizes.  To wrap as GNU
does, the PO writer must find the same directives, so this mirrors gettext
0.21's parsers for python and c/objc, down to where they give up on an
invalid directive.  The list of languages is gettext's too: its order
decides the order of format flags and which parser runs.

Known limits (GNU output may differ): directives of languages other than c,
objc and python (java, csharp, javascript, lisp, php, perl, ...) are not
parsed; GNU does not break inside them, we might if a directive contains a
space or a comma.  python-brace directives are not protected, as msgcat 0.21
does not protect them either.
"""

from __future__ import annotations

__all__ = ["FORMAT_LANGUAGES", "protected_positions"]

# NFORMATS order of gettext 0.21; it decides flag order and which parser runs.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)


def _python_directives(s: str) -> list[tuple[int, int]]:
    """Spans (start, end inclusive) of valid directives, like format-python.c.

    Parsing stops at the first invalid directive, as GNU's does; spans found
    before it stay protected.
    """
    spans: list[tuple[int, int]] = []
    named = unnamed = 0
    n = len(s)
    i = 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        has_name = False
        if i < n and s[i] == "(":
            depth = 0
            i += 1
            while i < n:
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= n:
                return spans
            i += 1
            has_name = True
        while i < n and s[i] in "-+ #0":
            i += 1
        if i < n and s[i] == "*":
            i += 1
            if named:
                return spans
            unnamed += 1
        else:
            while i < n and s[i] in "0123456789":
                i += 1
        if i < n and s[i] == ".":
            i += 1
            if i < n and s[i] == "*":
                i += 1
                if named:
                    return spans
                unnamed += 1
            else:
                while i < n and s[i] in "0123456789":
                    i += 1
        if i < n and s[i] in "hlL":
            i += 1
        if i >= n or s[i] not in "%csridiuoxXeEfgG":
            return spans
        if has_name:
            if unnamed:
                return spans
            named += 1
        elif s[i] != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((start, i))
        i += 1
    return spans


_C_SIZE_CHARS = "hlLqjzZt"
_C_CONVERSIONS = "%mcCsSidouxXeEfFgGaApn"


def _c_directives(s: str, translated: bool, objc: bool = False) -> list[tuple[int, int]]:
    """Spans of valid directives, like format-c.c of gettext 0.21."""
    conversions = _C_CONVERSIONS + ("@" if objc else "")
    spans: list[tuple[int, int]] = []
    numbered = unnumbered = 0
    n = len(s)
    digits = "0123456789"

    def argno(i: int) -> tuple[int, int]:
        """Parse 'N$' at i; return (N, index after it) or (0, i)."""
        j = i
        while j < n and s[j] in digits:
            j += 1
        if j > i and j < n and s[j] == "$":
            return int(s[i:j]), j + 1
        return 0, i

    i = 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        number, i = argno(i)
        if i > start + 1 and number == 0:
            return spans
        while i < n and (s[i] in " +-#0'" or (translated and s[i] == "I")):
            i += 1
        for is_precision in (False, True):
            if is_precision:
                if i >= n or s[i] != ".":
                    break
                i += 1
            if i < n and s[i] == "*":
                i += 1
                star_start = i
                star_number, i = argno(i)
                if i > star_start and star_number == 0:
                    return spans
                if star_number:
                    if unnumbered:
                        return spans
                    numbered += 1
                else:
                    if numbered:
                        return spans
                    unnumbered += 1
            else:
                while i < n and s[i] in digits:
                    i += 1
        if i < n and s[i] == "<":
            # <inttypes.h> macros: %<PRId64>, %<PRIuMAX>, ...
            j = i + 1
            if s[j:j + 3] != "PRI" or j + 3 >= n or s[j + 3] not in "diouxX":
                return spans
            j += 4
            for suffix in ("LEAST8", "LEAST16", "LEAST32", "LEAST64", "FAST8",
                           "FAST16", "FAST32", "FAST64", "MAX", "PTR", "8",
                           "16", "32", "64"):
                if s.startswith(suffix, j):
                    j += len(suffix)
                    break
            else:
                return spans
            if j >= n or s[j] != ">":
                return spans
            i = j
            is_argument = True
        else:
            while i < n and s[i] in _C_SIZE_CHARS:
                i += 1
            if i >= n or s[i] not in conversions:
                return spans
            is_argument = s[i] not in "%m"
        if is_argument:
            if number:
                if unnumbered:
                    return spans
                numbered += 1
            else:
                if numbered:
                    return spans
                unnumbered += 1
        spans.append((start, i))
        i += 1
    return spans


def protected_positions(value: str, language: str | None, is_msgstr: bool) -> set[int]:
    """Indices in ``value`` before which GNU may not break (inside directives)."""
    if language is None or not value:
        return set()
    if language == "python":
        spans = _python_directives(value)
    elif language in ("c", "objc"):
        spans = _c_directives(value, is_msgstr, objc=language == "objc")
    else:
        # msgcat 0.21 does not protect python-brace directives at all
        # (verified: "{x.yy}" and "{n:>3}" are broken inside).  Other
        # languages are not reproduced; see the module docstring.
        return set()
    protected: set[int] = set()
    for start, end in spans:
        protected.update(range(start + 1, end + 1))
    return protected
