"""A strict PO reader that says exactly where a catalog is broken.

polib accepts some broken files silently (an unknown keyword such as
``msgstrr`` is skipped) and reports others without context. Translators edit
catalogs by hand, so every mistake must come back as ``file:line: what is
wrong``. This reader follows the PO grammar of GNU gettext and builds polib's
model (:class:`polib.POFile` / :class:`polib.POEntry`), which the rest of the
pipeline uses; ``entry.linenum`` is the first line of each entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from letter_i18n.catalog.gcpause import no_cyclic_gc
from letter_i18n.catalog.model import new_pofile
from letter_i18n.catalog.syntax import UNESCAPES, charset, is_utf8
from letter_i18n.errors import UserError
from letter_i18n.files import read_input

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(".*)$')


class _Draft:
    """An entry while it is being read: field name -> accumulated string.

    A plain class with slots: thousands are made per catalog, and a dataclass
    with eight default factories cost a tenth of the reading time.
    """

    __slots__ = ("comment", "fields", "flags", "keyword_lines", "last", "line", "obsolete",
                 "occurrences", "plural", "previous", "tcomment")

    def __init__(self, line: int, obsolete: bool = False) -> None:
        self.line = line
        self.obsolete = obsolete
        self.tcomment: list[str] = []
        self.comment: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.previous: dict[str, str] = {}
        self.fields: dict[str, str] = {}
        self.plural: dict[int, str] = {}
        self.last: tuple[str, str | int] | None = None  # where a continuation line goes
        self.keyword_lines: dict[str, int] = {}

    def has_message(self) -> bool:
        return bool(self.fields or self.plural)


# "#| msgid" as Babel's writer damages it: a translator comment "# | msgid …".
_DAMAGED_PREVIOUS = re.compile(r'^\s+\|\s*(?:msgctxt|msgid|msgid_plural)\s+"|^\s+\|\s*"')
_TOKEN = re.compile(r'[^"\\]+|\\[ntr"\\abfv]|\\[0-7]{1,3}|\\x[0-9a-fA-F]{1,2}|\\|"')


def unquote(text: str, where: tuple[str, int]) -> str:
    """Decode one C-style quoted PO string (with the quotes)."""
    text = text.strip()
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"'):
        raise UserError("string is not enclosed in double quotes", *where,
                        hint='Every msgid/msgstr line must look like: msgstr "text".')
    body = text[1:-1]
    if "\\" not in body and '"' not in body:
        return _no_nul(body, where)  # the common case: nothing to decode
    out = []
    for match in _TOKEN.finditer(body):
        token = match.group(0)
        if token == '"':
            raise UserError('unescaped double quote inside a string', *where,
                            hint='Write a double quote inside a string as \\".')
        if token == "\\":
            following = body[match.end():match.end() + 1]
            if not following:
                raise UserError("string ends with a lone backslash", *where,
                                hint="Write a backslash as \\\\.")
            raise UserError(f"invalid escape sequence \\{following}", *where,
                            hint='Valid escapes are \\n \\t \\" \\\\; write a backslash as \\\\.')
        if not token.startswith("\\"):
            out.append(token)
        elif token[1] in UNESCAPES:
            out.append(UNESCAPES[token[1]])
        elif token[1] == "x":
            out.append(chr(int(token[2:], 16)))
        else:
            out.append(chr(int(token[1:], 8)))
    return _no_nul("".join(out), where)


def _no_nul(text: str, where: tuple[str, int]) -> str:
    """GNU gettext cannot store NUL (it ends a C string) or EOT (its context separator)."""
    for char, name in (("\0", "NUL"), ("\x04", "EOT (U+0004)")):
        if char in text:
            raise UserError(f"a string holds the character {name}, which gettext cannot store",
                            *where, hint="Remove it (an escape such as \\0, \\x00 or \\004 "
                                         "writes it too).")
    return text


def read_catalog(path: str | Path, display_path: str | None = None,
                 root: str | Path | None = None) -> polib.POFile:
    """Read and validate a PO/POT file; raise :class:`UserError` naming file:line.

    ``root``: the project; a catalog that is a link is followed only inside it.
    """
    path = Path(path)
    shown = display_path or str(path)
    try:
        raw = read_input(path, shown, root)
    except FileNotFoundError:
        raise UserError(
            "file not found", shown, hint="Run `letter-i18n update` to create it."
        ) from None
    return parse_catalog(raw, shown)


def parse_catalog(raw: bytes, shown: str = "<catalog>") -> polib.POFile:
    """Parse PO bytes; ``shown`` is the file name used in error messages."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError("the file is not valid UTF-8", shown, line,
                        hint="Catalogs are UTF-8. Convert it (e.g. `msgconv -t UTF-8`) "
                             "and set charset=UTF-8 in the header.") from None
    text = text.removeprefix("\ufeff")
    with no_cyclic_gc():
        catalog = _build(_parse_text(text, shown), shown)
    catalog.header_lines = _header_lines(text)
    return catalog


_HEADER_FIELD = re.compile(r'^"([A-Za-z][A-Za-z0-9-]*):')


def _header_lines(text: str) -> dict[str, int]:
    """Where each header field (and the header's ``#,`` flags) stands, for findings."""
    found: dict[str, int] = {}
    in_header = False
    for number, line in enumerate(text.split("\n", 200)[:200], 1):  # headers are short
        if line.startswith('msgid ""'):
            in_header = True
        elif line.startswith("#,") and not in_header:
            found.setdefault("#,", number)
        elif in_header and not line.strip():
            break
        elif in_header and (match := _HEADER_FIELD.match(line)):
            found.setdefault(match.group(1), number)
        elif line.startswith("msgid ") and not in_header:
            break
    return found




_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_STRINGS = rf"{_STRING}(?:\n{_STRING})*"
# One well-formed, non-obsolete entry as GNU gettext and this project write it.
_ENTRY = re.compile(rf"""
    (?P<comments>(?:\#[^~\n][^\n]*\n|\#\n)*)
    (?:msgctxt\ (?P<msgctxt>{_STRINGS})\n)?
    msgid\ (?P<msgid>{_STRINGS})\n
    (?:msgid_plural\ (?P<msgid_plural>{_STRINGS})\n
       (?P<forms>(?:msgstr\[\d+\]\ {_STRINGS}(?:\n|$))+)
     | msgstr\ (?P<msgstr>{_STRINGS})(?:\n|$))
    """, re.VERBOSE)
_FORM = re.compile(rf"msgstr\[(\d+)\] ({_STRINGS})")
_BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def _parse_text(text: str, shown: str) -> list[_Draft]:
    """Entries of a catalog; blank-line separated blocks in the usual shape take a fast path.

    A block the fast pattern does not match in full (obsolete entries, unusual
    spacing, or a mistake) goes through the line-by-line reader, which knows
    every form GNU gettext accepts and names the line of any mistake.
    """
    drafts: list[_Draft] = []
    line, position = 1, 0
    for block in _BLOCK.finditer(text):
        line += text.count("\n", position, block.start())
        position = block.start()
        match = _ENTRY.fullmatch(block.group(0))
        if match:
            drafts.append(_fast_draft(match, line, shown))
        else:
            drafts += _parse_lines(block.group(0).split("\n"), shown, line)
    return drafts


def _fast_draft(match: re.Match, line: int, shown: str) -> _Draft:
    draft = _Draft(line=line)
    groups = match.groupdict()
    comments = groups["comments"].split("\n")[:-1]
    for number, raw_comment in enumerate(comments):
        comment = raw_comment.rstrip()
        kind = comment[1:2]
        if kind == ".":  # the two commonest kinds, without the general line parser
            draft.comment.append(comment[3:] if comment[2:3] == " " else comment[2:])
        elif kind == ":" and "\t" not in comment:
            for ref in comment[2:].split():
                file, _, number_text = ref.rpartition(":")
                draft.occurrences.append((file, number_text) if file and number_text.isdigit()
                                         else (ref, ""))
        else:
            _parse_line(draft, comment.strip(), (shown, line + number), False)
    number = line + len(comments)
    for keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
        quoted = groups[keyword]
        if quoted is None:
            continue
        draft.fields[keyword] = _strings(quoted, shown, number)
        draft.keyword_lines[keyword] = number
        number += quoted.count("\n") + 1
        if keyword == "msgid_plural":
            for form in _FORM.finditer(match.group("forms")):
                draft.plural[int(form.group(1))] = _strings(form.group(2), shown, number)
                number += form.group(2).count("\n") + 1
    return draft


def _strings(quoted: str, shown: str, line: int) -> str:
    """The text of consecutive quoted lines (already known to be well quoted)."""
    pieces = quoted.split("\n")
    body = "".join(piece[1:-1] for piece in pieces)
    if "\\" not in body:
        return _no_nul(body, (shown, line))
    return "".join(unquote(piece, (shown, line + i)) for i, piece in enumerate(pieces))


def _parse_lines(lines: list[str], shown: str, first_line: int = 1) -> list[_Draft]:
    drafts: list[_Draft] = []
    cur: _Draft | None = None

    def finish() -> None:
        nonlocal cur
        if cur is not None:
            if cur.has_message():
                drafts.append(cur)
            elif cur.previous or cur.flags or cur.occurrences or cur.comment:
                raise UserError("comments are not followed by a message", shown, cur.line,
                                hint="Add the msgid/msgstr lines or remove the comments.")
        cur = None

    for number, line in enumerate(lines, first_line):
        where = (shown, number)
        stripped = line.strip()
        if not stripped:
            finish()
            continue
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].lstrip()
            if not stripped:
                continue
            if stripped.startswith("|"):  # "#~| msgid": previous msgid of an obsolete entry
                stripped = "#" + stripped
        if cur is not None and _starts_new_entry(cur, stripped):
            finish()
        if cur is None:
            cur = _Draft(line=number, obsolete=obsolete)
        cur.obsolete = cur.obsolete or obsolete
        _parse_line(cur, stripped, where, obsolete)
    finish()
    return drafts


def _starts_new_entry(cur: _Draft, line: str) -> bool:
    """GNU gettext lets entries follow each other without a blank line."""
    if not cur.has_message():
        return False
    if line.startswith("#"):
        return True
    m = _KEYWORD.match(line)
    done = "msgstr" in cur.fields or bool(cur.plural)
    return bool(m) and m.group(1) in ("msgctxt", "msgid") and done


def _parse_line(cur: _Draft, s: str, where: tuple[str, int], obsolete: bool) -> None:
    if s.startswith("#|"):
        rest = s[2:].strip()
        m = _KEYWORD.match(rest)
        if m and m.group(1) in ("msgctxt", "msgid", "msgid_plural"):
            cur.previous[m.group(1)] = unquote(m.group(3), where)
            cur.last = ("previous", m.group(1))
        elif rest.startswith('"') and cur.last and cur.last[0] == "previous":
            cur.previous[cur.last[1]] += unquote(rest, where)
        else:
            raise UserError(f"malformed previous-message line: {s[:40]}", *where,
                            hint='Lines starting "#|" hold the previous msgid, e.g. #| msgid "…".')
        return
    if s.startswith("#"):
        if cur.has_message():
            raise UserError("comment in the middle of a message", *where,
                            hint="Comments go before the msgid line.")
        cur.last = None
        kind, rest = s[1:2], s[2:]
        if kind == ".":
            cur.comment.append(rest[1:] if rest.startswith(" ") else rest)
        elif kind == ":":
            for ref in rest.split():
                file, _, line = ref.rpartition(":")
                cur.occurrences.append((file, line) if file and line.isdigit() else (ref, ""))
        elif kind == ",":
            cur.flags += [f.strip() for f in rest.split(",") if f.strip()]
        else:
            body = s[1:]
            if _DAMAGED_PREVIOUS.match(body):
                raise UserError("a previous-msgid line was turned into a translator comment "
                                f"('{s[:30]}'): a tool rewrote '#|' as '# |'", *where,
                                hint="Restore the catalog from git, or turn each '# | ' line "
                                     "back into '#| ' (sed -i 's/^# | /#| /' FILE).")
            cur.tcomment.append(body[1:] if body.startswith(" ") else body)
        return
    m = _KEYWORD.match(s)
    if m:
        keyword, index, value = m.group(1), m.group(2), unquote(m.group(3), where)
        if keyword.startswith("msgstr") and "msgid" not in cur.fields:
            raise UserError(f"{keyword} without a msgid before it", *where,
                            hint="Each entry is msgid \"…\" followed by msgstr \"…\".")
        if index is not None:
            slot = int(index)
            if slot in cur.plural:
                raise UserError(f"msgstr[{slot}] appears twice in one entry", *where)
            cur.plural[slot] = value
            cur.last = ("plural", slot)
        else:
            if keyword in cur.fields:
                raise UserError(f"{keyword} appears twice in one entry", *where,
                                hint="Separate entries with an empty line.")
            cur.fields[keyword] = value
            cur.last = ("field", keyword)
        cur.keyword_lines[keyword] = where[1]
        return
    if s.startswith('"'):
        if cur.last is None or cur.last[0] == "previous":
            raise UserError("string continuation without a keyword before it", *where,
                            hint="A line that starts with a quote continues msgid or msgstr.")
        kind, key = cur.last
        if kind == "plural":
            cur.plural[key] += unquote(s, where)
        else:
            cur.fields[key] += unquote(s, where)
        return
    word = s.split()[0]
    raise UserError(f"unknown keyword '{word}'", *where,
                    hint="Expected msgctxt, msgid, msgid_plural, msgstr, msgstr[N] or a comment "
                         "starting with #.")


def _build(drafts: list[_Draft], shown: str) -> polib.POFile:
    catalog = new_pofile()
    seen: dict[tuple[bool, str | None, str], int] = {}
    for draft in drafts:
        f = draft.fields
        if "msgid" not in f:
            raise UserError("entry has no msgid", shown, draft.line)
        plural = "msgid_plural" in f
        if plural and ("msgstr" in f or not draft.plural):
            raise UserError("a plural entry needs msgstr[0], msgstr[1], … instead of msgstr",
                            shown, draft.keyword_lines.get("msgid", draft.line))
        if not plural and "msgstr" not in f:
            raise UserError("entry has no msgstr", shown, draft.keyword_lines["msgid"],
                            hint='Add msgstr "" after the msgid.')
        if plural and sorted(draft.plural) != list(range(len(draft.plural))):
            raise UserError("plural forms must be numbered msgstr[0], msgstr[1], … without gaps",
                            shown, draft.keyword_lines.get("msgid", draft.line))
        key = (draft.obsolete, f.get("msgctxt"), f["msgid"])
        if key in seen:
            ctx = f" in context '{f['msgctxt']}'" if "msgctxt" in f else ""
            raise UserError(
                f"duplicate message definition: msgid \"{_excerpt(f['msgid'])}\"{ctx} "
                f"(first defined at line {seen[key]})", shown, draft.line,
                hint="Each msgid may appear once per catalog; merge the two entries or give "
                     "one of them a msgctxt.")
        seen[key] = draft.line
        if f["msgid"] == "" and "msgctxt" not in f and not draft.obsolete:
            _read_header(catalog, draft, shown)
            continue
        entry = polib.POEntry(
            msgid=f["msgid"],
            msgstr=f.get("msgstr", ""),
            msgid_plural=f.get("msgid_plural", ""),
            msgstr_plural=dict(sorted(draft.plural.items())),
            msgctxt=f.get("msgctxt"),
            comment="\n".join(draft.comment),
            tcomment="\n".join(draft.tcomment),
            occurrences=draft.occurrences,
            flags=draft.flags,
            previous_msgctxt=draft.previous.get("msgctxt"),
            previous_msgid=draft.previous.get("msgid"),
            previous_msgid_plural=draft.previous.get("msgid_plural"),
            obsolete=draft.obsolete,
            linenum=draft.line,
        )
        catalog.append(entry)
    return catalog


def _read_header(catalog: polib.POFile, draft: _Draft, shown: str) -> None:
    catalog.header = "\n".join(draft.tcomment)
    catalog.metadata_is_fuzzy = ["fuzzy"] if "fuzzy" in draft.flags else []
    for number, line in enumerate(draft.fields.get("msgstr", "").split("\n")):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise UserError(f"malformed header line '{line}'", shown, draft.line + number,
                            hint="Header lines look like 'Key: value\\n'.")
        catalog.metadata[key.strip()] = value.strip()
    declared = charset(catalog.metadata.get("Content-Type", ""))
    if not is_utf8(declared):
        raise UserError(f"the header declares charset={declared or '(none)'}; catalogs must be "
                        "UTF-8",
                        shown, draft.keyword_lines.get("msgstr", draft.line),
                        hint="Set \"Content-Type: text/plain; charset=UTF-8\\n\" in the header "
                             "(and convert the file with `msgconv -t UTF-8` if needed).")


def _excerpt(text: str, limit: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
