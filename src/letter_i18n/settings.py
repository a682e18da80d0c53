"""Settings kept in the repository: the ``[tool.letter-i18n]`` table of ``pyproject.toml``.

Why there: the project already has that file, and settings shared through git
(an engine's server, a rate limit) belong next to the code that reads them.
tomllib gives no positions, so a mistake is located by finding its key in the
file's text, to report it as ``pyproject.toml:line``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from letter_i18n.errors import UserError
from letter_i18n.files import read_input
from letter_i18n.project import Project

FILE = "pyproject.toml"
TABLE = "letter-i18n"
_HEADER = re.compile(r"^\s*\[\[?([^\[\]]+)\]\]?\s*(?:#.*)?$")  # [table] or [[array.of.tables]]


@dataclass
class Settings:
    data: dict[str, Any]  # the [tool.letter-i18n] table
    shown: str
    text: str

    def table(self, *path: str) -> dict[str, Any]:
        """A sub-table (``table("draft", "libre")``); empty when absent."""
        table = self.data
        for name in path:
            value = table.get(name, {})
            if not isinstance(value, dict):
                raise self.fail(f"'{name}' must be a table", name)
            table = value
        return table

    def line(self, key: str) -> int | None:
        """The first line that sets ``key`` or opens a table named by it, in our tables.

        Only ``[tool.letter-i18n…]`` tables count: other tools' may use the same names.
        """
        setting = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        ours = False
        for number, text in enumerate(self.text.split("\n"), 1):
            header = _HEADER.match(text)
            if header:
                parts = re.sub(r'[\s"\']', "", header.group(1)).split(".")
                ours = parts[:2] == ["tool", TABLE]
                if ours and len(parts) > 2 and parts[-1] == key:
                    return number
            elif ours and setting.match(text):
                return number
        return None

    def fail(self, message: str, key: str, hint: str = "") -> UserError:
        return UserError(message, self.shown, self.line(key), hint)


def parse_toml(text: str, shown: str) -> dict[str, Any]:
    """A TOML file's data; a syntax error is reported at its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise UserError(f"TOML syntax error: {exc}", shown,
                        int(found.group(1)) if found else None) from None


def load(project: Project) -> Settings:
    """The project's settings; empty when it has no pyproject.toml or no such table."""
    path = project.root / FILE
    shown = project.shown(path)
    try:
        text = read_input(path, shown, project.root).decode("utf-8")
    except FileNotFoundError:
        return Settings({}, shown, "")
    except UnicodeDecodeError:
        raise UserError("the file is not valid UTF-8", shown) from None
    data = parse_toml(text, shown)
    tool = data.get("tool", {})
    table = tool.get(TABLE, {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise UserError(f"[tool.{TABLE}] must be a table", shown)
    return Settings(table, shown, text)
