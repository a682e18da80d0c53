"""YAML loading that remembers line numbers, so data errors can name file:line.

PyYAML's composer keeps the position of every node; plain ``safe_load`` throws
it away. :func:`load` builds ordinary dicts, lists and scalars, plus a side
table (:class:`Lines`) from each mapping and list to its line and its keys' lines.
Duplicate keys, which PyYAML silently merges, are reported as errors.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from letter_i18n.errors import UserError
from letter_i18n.files import read_input

# libyaml's loader when PyYAML was built with it (it keeps node positions too): 10x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Lines:
    """Line numbers (1-based) of containers and of their keys or items."""

    def __init__(self) -> None:
        self._of: dict[int, tuple[int, dict[Any, int]]] = {}

    def add(self, container: Any, line: int, children: dict[Any, int]) -> None:
        self._of[id(container)] = (line, children)

    def of(self, container: Any, key: Any = None) -> int | None:
        """Line of ``container[key]``, or of the container itself when key is None."""
        line, children = self._of.get(id(container), (None, {}))
        return line if key is None else children.get(key, line)


class DataReader:
    """Base of the readers that turn loaded YAML into data, failing at the right line."""

    def __init__(self, shown: str, lines: Lines) -> None:
        self.shown = shown
        self.lines = lines

    def fail(self, message: str, container: Any, key: Any = None, hint: str = "") -> UserError:
        return UserError(message, self.shown, self.lines.of(container, key), hint)

    def mapping(self, value: Any, parent: Any, key: Any, required: set[str],
                optional: set[str] = frozenset(), what: str | None = None) -> dict:
        """``value`` as a mapping with exactly these keys (unknown keys first: typos)."""
        what = what or f"'{key}'"
        if not isinstance(value, dict):
            raise self.fail(f"{what} must be a mapping", parent, key)
        unknown = sorted(value.keys() - required - optional)
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(f"unknown field '{unknown[0]}' in {what}", value, unknown[0],
                            hint=f"Allowed here: {allowed}.")
        missing = sorted(required - value.keys())
        if missing:
            raise self.fail(f"{what} is missing {', '.join(missing)}", parent, key)
        return value


def load_yaml(path: Path, shown: str, root: Path | None = None) -> tuple[Any, Lines]:
    """Load a YAML file; syntax errors become :class:`UserError` with the line.

    ``root``: the project; a file that is a link is followed only inside it.
    """
    lines = Lines()
    try:
        text = read_input(path, shown, root).decode("utf-8")
    except FileNotFoundError:
        raise UserError("file not found", shown) from None
    except UnicodeDecodeError:
        raise UserError("the file is not valid UTF-8", shown) from None
    loader = None
    try:
        loader = _LOADER(text)
        node = loader.get_single_node()
        data = _build(loader, node, lines, shown) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise UserError(f"YAML syntax error: {exc.problem}", shown,
                        mark.line + 1 if mark else None,
                        hint="Check indentation and quoting near this line.") from None
    except yaml.reader.ReaderError as exc:  # a control character; its position is unmarked
        at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        raise UserError(f"character U+{exc.character:04X} is not allowed in YAML", shown,
                        text.count("\n", 0, at) + 1 if at >= 0 else None,
                        hint="Remove it: control characters are invisible and often pasted "
                             "by accident.") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines


def _build(loader: Any, node: yaml.Node, lines: Lines, shown: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        children: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _build(loader, key_node, lines, shown)
            if not isinstance(key, Hashable):  # a list, or a mapping (sets are mappings)
                raise UserError(f"a key must be a single value, not a "
                                f"{'list' if isinstance(key, list) else 'mapping'}", shown,
                                key_node.start_mark.line + 1,
                                hint="Quote a key written in brackets or braces, as in "
                                     "'[report]': value.")
            if key in result:
                raise UserError(f"duplicate key '{key}'", shown, key_node.start_mark.line + 1,
                                hint=f"'{key}' is already defined at line {children[key]}.")
            result[key] = _build(loader, value_node, lines, shown)
            children[key] = key_node.start_mark.line + 1
        lines.add(result, node.start_mark.line + 1, children)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = [_build(loader, item, lines, shown) for item in node.value]
        lines.add(items, node.start_mark.line + 1,
                  {i: item.start_mark.line + 1 for i, item in enumerate(node.value)})
        return items
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # e.g. a timestamp with month 13
        raise UserError(f"invalid value '{node.value}': {exc}", shown,
                        node.start_mark.line + 1) from None
