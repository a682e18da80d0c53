"""XLIFF 1.2, what export and import share: unit names, states, inline codes, strict reading.

Why: professional translators work in CAT tools (Trados, memoQ, Phrase, OmegaT),
which exchange XLIFF 1.2. A tool must not be able to break what a translation has
to keep, so the pieces the machine drafts send as tokens (:func:`markup.tokenize`:
the start and end of emphasis, strong and links, and ``{placeholders}``) become
inline codes: ``<g>`` around emphasis, strong and link text (XML nesting keeps
them balanced) and ``<x/>`` for a placeholder. A code's ``id`` is the piece's
number in the English text, so a target is read back against the catalog's own
msgid, never against what the file claims.

A unit is named (``id`` and ``resname``) by where its text stands, not by the
text: ``body/s2/p3`` is paragraph 3 of section 2 of the letter, ``data/…`` a
text of letter.yaml by its role, ``templates/letter.html/4`` the 4th string of a
template. An edit of the English keeps the name, so a CAT tool can match the
unit with the one it translated before.

States: reviewed entries are ``final`` (and ``approved="yes"``, which some tools
read instead), drafts and changed English ``needs-review-translation``
(machine drafts with the qualifier ``mt-suggestion``), untranslated ones
``needs-translation``. Only ``final`` and ``signed-off`` come back reviewed.

Each unit's ``extradata`` records what it held when exported (:func:`baseline`), so
import can tell a translator's change from a change the catalog had meanwhile.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

import polib

from letter_i18n import markup
from letter_i18n.catalog import model
from letter_i18n.errors import UserError

NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PLURALS = "x-gettext-plurals"
REVIEWED_STATES = frozenset({"final", "signed-off"})
PLACEHOLDER_CTYPE = "x-python-brace-format"
_CTYPES = {"em": "italic", "strong": "bold", "link": "link"}
# Characters XML 1.0 cannot carry, even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BODY = re.compile(r"^(paragraph|list item) (\d+) ")

# Inline content: text, ("g", id, content) around text, ("x", id) for a placeholder.
Content = tuple


@dataclass(frozen=True)
class Element:
    """An XML element as read, with the line it starts on (for ``file:line`` messages)."""

    tag: str  # local name in the XLIFF namespace, or "{ns}name" for any other
    attrs: dict[str, str]
    children: list[Element | str]
    line: int

    def find(self, tag: str) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element) and c.tag == tag]

    def first(self, tag: str) -> Element | None:
        found = self.find(tag)
        return found[0] if found else None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class Refused(ValueError):
    """A unit that cannot come back (its codes, its English, its text); ``str()`` says why."""


# -- names ---------------------------------------------------------------------------------

def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "entry"


def resnames(entries: list[polib.POEntry]) -> list[str]:
    """A name per active entry, in catalog order, that an edit of its English keeps."""
    section, seen, names = 0, Counter(), []
    for entry in entries:
        where = (entry.comment or "").split("\n")[0]
        path = PurePosixPath(entry.occurrences[0][0]) if entry.occurrences else None
        numbered = False
        if path is not None and path.suffix == ".md":
            found = _BODY.match(where)
            if where == "section heading":
                section += 1
                base = f"body/s{section}/heading"
            elif where == "title of the letter":
                base = "body/title"
            elif found:
                kind = "p" if found.group(1) == "paragraph" else "li"
                base = f"body/s{section}/{kind}{found.group(2)}"
            else:
                base = f"body/s{section}/{_slug(where)}"
        elif path is not None and path.suffix in (".yaml", ".yml"):
            base = f"data/{_slug(where)}"
        elif path is not None:
            base, numbered = f"templates/{path.stem}", True
        else:
            base, numbered = "entry", True
        seen[base] += 1
        names.append(f"{base}/{seen[base]}" if numbered or seen[base] > 1 else base)
    return names


# -- inline codes --------------------------------------------------------------------------

def _labels(*texts: str) -> frozenset[str]:
    return frozenset(label for text in texts for label in markup.referenced_labels(text))


def pieces(msgid: str) -> dict[int, markup.Piece] | None:
    """The numbered pieces of an English text; None when it is outside the segment model."""
    try:
        return markup.tokenize(msgid, _labels(msgid))[1]
    except markup.MarkupError:
        return None


def source_content(msgid: str) -> Content:
    """The English text as inline content: codes numbered as :func:`markup.tokenize` does."""
    try:
        items, table = markup.tokenize(msgid, _labels(msgid))
    except markup.MarkupError:
        return (msgid,)
    return _nest(items, table, {n: n for n in table})


def target_content(msgstr: str, msgid: str) -> Content:
    """A translation as inline content, its codes numbered as in its English text.

    A translation whose markup has no counterpart in the English (check reports
    it) is shown as plain text, so the translator sees and mends it.
    """
    source = pieces(msgid)
    try:
        items, table = markup.tokenize(msgstr, _labels(msgid, msgstr))
    except markup.MarkupError:
        return (msgstr,)
    if source is None:
        return (msgstr,)
    wanted: dict[tuple, list[int]] = {}
    for number, piece in source.items():
        wanted.setdefault(_identity(piece), []).append(number)
    numbering: dict[int, int] = {}
    for number, piece in table.items():
        candidates = wanted.get(_identity(piece))
        if not candidates:
            return (msgstr,)
        numbering[number] = candidates.pop(0)
    return _nest(items, table, numbering)


def _identity(piece: markup.Piece) -> tuple:
    return (piece.kind, piece.node, piece.label, piece.text)


def _nest(items: list[str | int], table: dict[int, markup.Piece],
          numbering: dict[int, int]) -> Content:
    stack: list[list] = [[]]
    for item in items:
        if isinstance(item, str):
            stack[-1].append(item)
            continue
        piece = table[item]
        if piece.kind == "open":
            stack.append([])
        elif piece.kind == "close":
            inner = tuple(stack.pop())
            opening = table[piece.pair]
            stack[-1].append(("g", str(numbering[piece.pair]), _CTYPES[opening.node], inner))
        else:
            stack[-1].append(("x", str(numbering[item]), piece.text))
    return tuple(stack[0])


def to_xml(content: Content) -> str:
    out = []
    for item in content:
        if isinstance(item, str):
            out.append(escape(item))
        elif item[0] == "g":
            out.append(f'<g id="{item[1]}" ctype="{item[2]}">{to_xml(item[3])}</g>')
        else:
            out.append(f'<x id="{item[1]}" ctype="{PLACEHOLDER_CTYPE}" '
                       f"equiv-text={quoteattr(item[2])}/>")
    return "".join(out)


def key(content: Content) -> tuple:
    """What a comparison of two contents looks at: text and codes, not their attributes."""
    out: list = []
    for item in content:
        if isinstance(item, str):
            if out and isinstance(out[-1], str):
                out[-1] += item
            elif item:
                out.append(item)
        elif item[0] == "g":
            out.append(("g", item[1], key(item[3])))
        else:
            out.append(("x", item[1]))
    return tuple(out)


def read_content(element: Element) -> Content:
    """The inline content of a ``<source>`` or ``<target>``; Refused for unknown codes.

    ``<mrk>`` (segment marks CAT tools add) is transparent.
    """
    out: list = []
    for child in element.children:
        if isinstance(child, str):
            out.append(child)
        elif child.tag == "mrk":
            out.extend(read_content(child))
        elif child.tag == "g" and "id" in child.attrs:
            out.append(("g", child.attrs["id"], child.attrs.get("ctype", ""), read_content(child)))
        elif child.tag == "x" and "id" in child.attrs:
            out.append(("x", child.attrs["id"], child.attrs.get("equiv-text", "")))
        else:
            raise Refused(f"<{child.tag}> at line {child.line} is not a code of this file; "
                            "keep the source's <g> and <x/> codes")
    return tuple(out)


def msgstr_of(content: Content, table: dict[int, markup.Piece]) -> str:
    """The msgstr a target's content stands for, read against its English text's pieces."""
    closing = {piece.pair: number for number, piece in table.items() if piece.kind == "close"}
    used: set[str] = set()
    items: list[str | int] = []

    def number(code: str, kinds: tuple[str, ...], shown: str) -> int:
        n = int(code) if code.isdigit() else 0
        if n not in table or table[n].kind not in kinds:
            raise Refused(f"{shown} is not in the English text; use the source's codes")
        if code in used:
            raise Refused(f"{shown} ({table[n].shown()}) is used twice")
        used.add(code)
        return n

    def walk(inner: Content) -> None:
        for item in inner:
            if isinstance(item, str):
                items.append(item)
            elif item[0] == "g":
                opening = number(item[1], ("open",), f'the code <g id="{item[1]}">')
                items.append(opening)
                walk(item[3])
                items.append(closing[opening])
            else:
                items.append(number(item[1], ("text",), f'the code <x id="{item[1]}"/>'))

    walk(content)
    return markup.serialize(markup.rebuild(items, table))


def plain_msgstr(content: Content) -> str | None:
    """A target without codes, as written (for an English text outside the segment model)."""
    return "".join(content) if all(isinstance(item, str) for item in content) else None


def check_xml_text(text: str, where: str) -> None:
    """Refuse text XML 1.0 cannot carry (control characters; check reports them too)."""
    found = _NOT_XML.search(text)
    if found:
        raise UserError(f"the text holds U+{ord(found.group(0)):04X}, which XML cannot carry",
                        where, hint="Run `letter-i18n check` and mend the entry first.")


# -- states --------------------------------------------------------------------------------

def export_state(entry: polib.POEntry, text: str) -> tuple[str, str]:
    """The target state (and qualifier) of one form of an entry."""
    if not text:
        return "needs-translation", ""
    if model.is_translated(entry) and not model.is_fuzzy(entry):
        return "final", ""
    if model.is_machine_draft(entry):
        return "needs-review-translation", "mt-suggestion"
    return "needs-review-translation", ""


def baseline(contents: list[Content], reviewed: bool) -> str:
    """What a unit held when exported (its ``extradata``): a digest of its targets' text and
    codes and whether it was reviewed.

    Import compares a unit with it to tell the translator's changes from the
    catalog's since the export: a unit the translator left alone is not written
    back over a catalog that moved on.
    """
    digest = hashlib.sha256(repr(([key(c) for c in contents], reviewed)).encode("utf-8"))
    return f"letter-i18n:{digest.hexdigest()[:16]}"


def sources(entry: polib.POEntry, nplurals: int) -> list[str]:
    """The English of each unit of an entry: a plural entry's first form shows the singular
    (unless the language has one form), the others the plural."""
    if not entry.msgid_plural:
        return [entry.msgid]
    if nplurals == 1:
        return [entry.msgid_plural]
    return [entry.msgid] + [entry.msgid_plural] * (nplurals - 1)


def entry_baseline(entry: polib.POEntry, nplurals: int) -> str:
    """The ``extradata`` of an entry's unit: what import compares the unit with."""
    texts = (model.forms(entry) + [""] * nplurals)[:nplurals]
    contents = [target_content(text, source) if text else ()
                for text, source in zip(texts, sources(entry, nplurals), strict=True)]
    return baseline(contents, model.is_translated(entry) and not model.is_fuzzy(entry))


# -- reading -------------------------------------------------------------------------------

def parse(data: bytes, shown: str) -> Element:
    """The document's root element; a :class:`UserError` at its line for anything not XML.

    Document type declarations (and so entities) are refused: an XLIFF file has none.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[Element] = []
    root: list[Element] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        element = Element(_local(name), {_local(k): v for k, v in attrs.items()}, [],
                          parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(element)
        stack.append(element)

    def text(data: str) -> None:
        if stack:
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += data
            else:
                children.append(data)

    def doctype(*_args: object) -> None:
        raise UserError("has a document type declaration; XLIFF files have none", shown,
                        parser.CurrentLineNumber, hint="Export the file again from the tool.")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _name: stack.pop()
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.buffer_text = True
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise UserError(f"is not well-formed XML: {expat.ErrorString(error.code)} "
                        f"(column {error.offset + 1})", shown, error.lineno,
                        hint="Was the file saved completely? Export it again from the "
                             "CAT tool.") from None
    return root[0]


def _local(name: str) -> str:
    namespace, _, local = name.rpartition(" ")
    if namespace == NS:
        return local
    if namespace == XML_NS:
        return f"xml:{local}"
    return f"{{{namespace}}}{local}" if namespace else local
