"""The inline markup a segment may carry, and nothing more.

A segment's text (msgid or msgstr) is CommonMark inline text restricted to:
plain text, ``*emphasis*``, ``**strong**`` and reference links ``[text][label]``
whose label is defined in ``source/letter.yaml``, plus ``{placeholders}`` in the
strings of the edition templates. URLs never appear in a segment; the label
stands for the target. Anything else (raw HTML, inline links with URLs,
autolinks, images, code) is not part of the model: the source is rejected for
it, and :mod:`letter_i18n.rules` refuses a translation containing it.

This module is the grammar; :mod:`letter_i18n.rules` judges translations by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": True})
_SPECIAL = re.compile(r"([\\*_\[\]`<])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_REFERENCE = re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)*)\]\[((?:[^\[\]\\]|\\.)*)\]")
_LABEL_PREFIX = "label:"
# A {placeholder} of a template string (python-brace-format, without attributes or
# indexing); BRACE_GROUP is anything in braces, to tell a placeholder from a bad one.
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")
BRACE_GROUP = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    """Names of the ``{placeholders}`` in ``text``, in order, repeats included."""
    return PLACEHOLDER.findall(text)


@dataclass
class Node:
    """One piece of inline markup: ``text``, ``em``, ``strong`` or ``link``."""

    kind: str
    text: str = ""  # for text nodes
    label: str = ""  # for links
    children: list[Node] = field(default_factory=list)

    def plain(self) -> str:
        return self.text if self.kind == "text" else "".join(c.plain() for c in self.children)


class MarkupError(ValueError):
    """Markup outside the segment model; ``str(error)`` says what and how to fix it."""


def parse(text: str, labels: set[str] | frozenset[str]) -> list[Node]:
    """Parse segment text into nodes; raise :class:`MarkupError` for anything not allowed.

    Editions, checks and review pages parse the same texts many times: parses are
    cached, and each caller gets its own copy of the nodes.
    """
    return _clone(_parse(text, frozenset(labels)))


def _clone(nodes: list[Node]) -> list[Node]:
    return [Node(n.kind, n.text, n.label, _clone(n.children)) for n in nodes]


@lru_cache(maxsize=4096)
def _parse(text: str, labels: frozenset[str]) -> list[Node]:
    undefined = [label for label in referenced_labels(text) if label not in labels]
    if undefined:
        raise MarkupError(f"undefined link label '{undefined[0]}'")
    env = {"references": {normalizeReference(label): {"href": _LABEL_PREFIX + label, "title": ""}
                          for label in labels}}
    tokens = _PARSER.parseInline(text, env)
    root = Node("root")
    stack = [root]
    for token in tokens[0].children or []:
        _add(token, stack)
    if len(stack) != 1:
        raise MarkupError("unbalanced emphasis or link")
    return _merge_text(root.children)


def _add(token: Token, stack: list[Node]) -> None:
    top = stack[-1]
    kind = token.type
    if kind == "text":
        top.children.append(Node("text", token.content))
    elif kind == "softbreak":
        top.children.append(Node("text", " "))
    elif kind in ("em_open", "strong_open"):
        node = Node(kind.removesuffix("_open"))
        top.children.append(node)
        stack.append(node)
    elif kind == "link_open":
        href = str(token.attrs.get("href", ""))
        if not href.startswith(normalizeLink(_LABEL_PREFIX)):
            raise MarkupError(f"link to '{href}': links must use a label defined in letter.yaml, "
                              "e.g. [text][label], never a URL")
        node = Node("link", label=href.removeprefix(normalizeLink(_LABEL_PREFIX)))
        top.children.append(node)
        stack.append(node)
    elif kind in ("em_close", "strong_close", "link_close"):
        stack.pop()
    elif kind in ("html_inline",):
        raise MarkupError(f"raw HTML '{token.content}' is not allowed")
    elif kind == "hardbreak":
        raise MarkupError("a hard line break is not allowed inside a segment")
    elif kind == "code_inline":
        raise MarkupError(f"code span `{token.content}` is not allowed")
    elif kind == "image":
        raise MarkupError("images are not allowed inside a segment")
    else:
        raise MarkupError(f"markup '{token.markup or kind}' is not allowed")


def _merge_text(nodes: list[Node]) -> list[Node]:
    merged: list[Node] = []
    for node in nodes:
        node.children = _merge_text(node.children)
        if node.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1].text += node.text
        else:
            merged.append(node)
    return merged


def serialize(nodes: list[Node]) -> str:
    """Write nodes back as the canonical, minimal markup used in catalogs."""
    out: list[str] = []
    for i, node in enumerate(nodes):
        if node.kind == "text":
            text = _ENTITY.sub("\\&", _SPECIAL.sub(r"\\\1", node.text))
            nxt = nodes[i + 1] if i + 1 < len(nodes) else None
            if text.endswith("!") and nxt is not None and nxt.kind == "link":
                text = text[:-1] + "\\!"
            out.append(text)
        elif node.kind == "em":
            out.append(f"*{serialize(node.children)}*")
        elif node.kind == "strong":
            out.append(f"**{serialize(node.children)}**")
        elif node.kind == "link":
            out.append(f"[{serialize(node.children)}][{node.label}]")
    return "".join(out)


def referenced_labels(text: str) -> list[str]:
    """Labels that ``[text][label]`` references in raw segment text name, defined or not.

    Lets a check parse a translation against exactly the labels its source uses,
    so a label the source does not use is reported as such.
    """
    return [m.group(2) or m.group(1) for m in _REFERENCE.finditer(text)]


def full_reference_labels(text: str) -> list[str]:
    """Labels written as full references ``[text][label]`` (not ``[label]`` or ``[label][]``)."""
    return [m.group(2) for m in _REFERENCE.finditer(text) if m.group(2)]


def links(nodes: list[Node]) -> list[str]:
    """Labels of the links, in order of appearance."""
    found: list[str] = []
    for node in nodes:
        if node.kind == "link":
            found.append(node.label)
        found += links(node.children)
    return found


def plain_text(nodes: list[Node]) -> str:
    return "".join(node.plain() for node in nodes)


# -- pieces a translation must keep ------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """What a translator's or an engine's text must carry unchanged, numbered in a segment.

    The start or end of emphasis or a link, or a text put back as it is (a
    ``{placeholder}``, a name). Machine drafts send pieces as ``[X1X]`` tokens and
    XLIFF exports them as inline codes, so a tool cannot break them: both are
    :func:`tokenize` one way and :func:`rebuild` the other.
    """

    kind: str  # "open", "close" (markup) or "text" (placeholder, name)
    node: str = ""  # em, strong or link
    label: str = ""
    text: str = ""  # for "text": what is put back
    pair: int = 0  # for "close": the number of its opening piece

    def shown(self) -> str:
        if self.kind == "text":
            return self.text
        return f"the {'start' if self.kind == 'open' else 'end'} of {what(self.node, self.label)}"


def what(kind: str, label: str) -> str:
    """A piece of markup as a translator knows it: *emphasis*, **strong**, the link [label]."""
    return {"em": "*emphasis*", "strong": "**strong**"}.get(kind, f"the link [{label}]")


class Misplaced(MarkupError):
    """A closing piece where its opening one is not the innermost open one."""

    def __init__(self, piece: Piece) -> None:
        super().__init__(f"{piece.shown()} is out of place")
        self.piece = piece


def tokenize(text: str, labels: set[str] | frozenset[str],
             names: Mapping[str, str] | None = None) -> tuple[list[str | int], dict[int, Piece]]:
    """``text`` as plain strings and numbered pieces: markup, placeholders and ``names``.

    ``names`` maps a name to the text put back for it. Raises
    :class:`MarkupError` for text outside the segment model.
    """
    names = names or {}
    pieces: dict[int, Piece] = {}
    out: list[str | int] = []
    kept = re.compile("|".join([PLACEHOLDER.pattern, *(
        rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(names, key=len, reverse=True))]))

    def add(piece: Piece) -> int:
        pieces[len(pieces) + 1] = piece
        out.append(len(pieces))
        return len(pieces)

    def walk(children: list[Node]) -> None:
        for node in children:
            if node.kind != "text":
                opening = add(Piece("open", node.kind, node.label))
                walk(node.children)
                add(Piece("close", node.kind, node.label, pair=opening))
                continue
            position = 0
            for found in kept.finditer(node.text):
                out.append(node.text[position:found.start()])
                add(Piece("text", text=names.get(found.group(0), found.group(0))))
                position = found.end()
            out.append(node.text[position:])

    walk(parse(text, labels))
    return [item for item in out if item != ""], pieces


def rebuild(items: Iterable[str | int], pieces: Mapping[int, Piece]) -> list[Node]:
    """The nodes of plain strings and piece numbers; :class:`Misplaced` for bad nesting.

    Text after an unclosed opening piece stays inside it; callers check that
    every piece came back (the rulebook and the drafts do).
    """
    root = Node("root")
    stack: list[tuple[Node, int]] = [(root, 0)]
    for item in items:
        if isinstance(item, str):
            stack[-1][0].children.append(Node("text", item))
            continue
        piece = pieces[item]
        if piece.kind == "open":
            node = Node(piece.node, label=piece.label)
            stack[-1][0].children.append(node)
            stack.append((node, item))
        elif piece.kind == "close":
            if stack[-1][1] != piece.pair:
                raise Misplaced(piece)
            stack.pop()
        else:
            stack[-1][0].children.append(Node("text", piece.text))
    return root.children
