"""The project's languages as data: ``locales/locales.toml``, read strictly and added to.

Why a file under ``locales/`` and not ``pyproject.toml``: the languages belong
to the catalogs, not to the Python package; a translator's pull request that
adds one touches ``locales/`` only; a project without a ``pyproject.toml`` (the
test fixtures, a fork that installs the tool from PyPI) still has its
languages; and ``letter-i18n init`` appends a table to a file of its own
without rewriting the maintainer's ``pyproject.toml``. It holds only what CLDR
cannot say (:mod:`letter_i18n.locales`). Every mistake is reported at its line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale, UnknownLocaleError

from letter_i18n.errors import UserError
from letter_i18n.files import read_input, write_if_changed
from letter_i18n.locales import SOURCE, LocaleInfo, Locales, plural_rule
from letter_i18n.project import DOMAIN, Project
from letter_i18n.settings import parse_toml

FILE = "locales.toml"
# Key in the file -> (LocaleInfo field, what it must be).
_KEYS: dict[str, tuple[str, str]] = {
    "source": ("", "true or false"),
    "plural-forms": ("gnu_plural_forms", "a Plural-Forms header"),
    "team": ("team", "a string"),
    "contact": ("contact", "a string (a mailing list address or a web page)"),
    "date": ("date_pattern", "a CLDR date pattern with {year} (and {month})"),
    "year-offset": ("year_offset", "an integer"),
    "months": ("months", "a list of 12 month names"),
    "engines": ("engines", "a table of engine = \"code\""),
    "draft-length-ratio": ("length_ratio", "a list [lowest, highest]"),
}
_SCRIPT_KEYS = {"fonts", "scale", "sentence-space"}
_HEADER = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")


def path(project: Project):
    return project.locales_dir / FILE


def load(project: Project) -> Locales:
    """The project's locales; only the source language when the file does not exist."""
    where = path(project)
    shown = project.shown(where)
    try:
        data = read_input(where, shown, project.root)
    except FileNotFoundError:
        return Locales(SOURCE, (), shown=shown)
    try:
        return parse(data.decode("utf-8"), shown)
    except UnicodeDecodeError:
        raise UserError("the file is not valid UTF-8", shown) from None


@cache
def parse(text: str, shown: str) -> Locales:
    """The table a file's text describes (read once per text: every stage asks)."""
    data = parse_toml(text, shown)
    fail = _Failer(text, shown)
    for key in data:
        if key not in ("locales", "scripts"):
            raise fail(f"unknown table '{key}'", (key,), "The file has [locales.CODE] and "
                       "[scripts.CODE] tables only.")
    scripts = list(_tables(data, "scripts", fail))
    fonts = tuple((script, _script_fonts(script, table, fail)) for script, table in scripts)
    sizes = tuple((script, _script_scale(script, table, fail)) for script, table in scripts
                  if "scale" in table)
    unspaced = frozenset(script for script, table in scripts
                         if not _sentence_space(script, table, fail))
    infos = [_locale(code, table, fail) for code, table in _tables(data, "locales", fail)]
    sources = [info for info, is_source in infos if is_source]
    if len(sources) != 1:
        raise fail(f"{len(sources)} locales are marked `source = true`; exactly one must be "
                   "(the language of source/letter.md)", ("locales",))
    targets = sorted((info for info, is_source in infos if not is_source), key=lambda i: i.code)
    return Locales(sources[0], tuple(targets), fonts, sizes, shown, unspaced)


def _tables(data: dict[str, Any], name: str, fail: _Failer):
    tables = data.get(name, {})
    if not isinstance(tables, dict):
        raise fail(f"'{name}' must be a table of tables", (name,))
    for key, table in tables.items():
        if not isinstance(table, dict):
            raise fail(f"'{name}.{key}' must be a table", (name, key))
        yield key, table


def _script_fonts(script: str, table: dict[str, Any], fail: _Failer) -> str:
    if not re.fullmatch(r"[A-Z][a-z]{3}", script):
        raise fail(f"'{script}' is not an ISO 15924 script code (like Latn, Arab, Deva)",
                   ("scripts", script))
    for key in table:
        if key not in _SCRIPT_KEYS:
            raise fail(f"unknown key '{key}' in [scripts.{script}]", ("scripts", script, key),
                       "A script has three keys: fonts (a CSS font-family list), scale and "
                       "sentence-space.")
    fonts = table.get("fonts")
    if not isinstance(fonts, str) or not fonts.strip():
        raise fail(f"[scripts.{script}] needs fonts = \"a CSS font-family list\"",
                   ("scripts", script, "fonts"))
    return fonts


def _script_scale(script: str, table: dict[str, Any], fail: _Failer) -> float:
    scale = table["scale"]
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not 0.5 <= scale <= 2:
        raise fail(f"'scale' of [scripts.{script}] must be a number from 0.5 to 2 (1: Latin's "
                   "size)", ("scripts", script, "scale"))
    return float(scale)


def _sentence_space(script: str, table: dict[str, Any], fail: _Failer) -> bool:
    space = table.get("sentence-space", True)
    if not isinstance(space, bool):
        raise fail(f"'sentence-space' of [scripts.{script}] must be true or false",
                   ("scripts", script, "sentence-space"))
    return space


def _locale(code: str, table: dict[str, Any], fail: _Failer) -> tuple[LocaleInfo, bool]:
    problem = code_problem(code)
    if problem:
        raise fail(problem, ("locales", code))
    fields: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise fail(f"unknown key '{key}' in [locales.{code}]", ("locales", code, key),
                       f"Known keys: {', '.join(_KEYS)}.")
        converted = _convert(key, value)
        if converted is None:
            raise fail(f"'{key}' must be {_KEYS[key][1]}", ("locales", code, key))
        fields[_KEYS[key][0]] = converted
    is_source = fields.pop("", False)
    return LocaleInfo(code, **fields), is_source


def _convert(key: str, value: Any) -> Any:
    """The value as LocaleInfo holds it, or None when it is not what the key needs."""
    if key == "source":
        return value if isinstance(value, bool) else None
    if key == "year-offset":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if key == "months":
        ok = isinstance(value, list) and len(value) == 12 and all(
            isinstance(m, str) and m for m in value)
        return tuple(value) if ok else None
    if key == "engines":
        ok = isinstance(value, dict) and all(isinstance(v, str) and v for v in value.values())
        return tuple(value.items()) if ok else None
    if key == "draft-length-ratio":
        ok = isinstance(value, list) and len(value) == 2 and all(
            isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value)
        return (float(value[0]), float(value[1])) if ok and value[0] < value[1] else None
    if not isinstance(value, str) or not value.strip():
        return None
    if key == "plural-forms" and not plural_rule(value).valid:
        return None
    if key == "date" and "{year}" not in value:
        return None
    return value


def code_problem(code: str) -> str | None:
    """Why ``code`` cannot name a catalog (None when it can): CLDR must know it, as written."""
    try:
        canonical = str(Locale.parse(code.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return (f"'{code}' is not a locale CLDR knows: write a language code with an "
                "optional script and territory, like pt_BR, hi, sw or zh_Hant")
    if canonical != code:
        return f"'{code}' is written '{canonical}' in catalog names (gettext's and CLDR's form)"
    return None


class _Failer:
    """Builds the error for a key path at its line in the file."""

    def __init__(self, text: str, shown: str) -> None:
        self.lines = text.split("\n")
        self.shown = shown

    def __call__(self, message: str, keys: tuple[str, ...], hint: str = "") -> UserError:
        return UserError(message, self.shown, self.line(keys), hint)

    def line(self, keys: tuple[str, ...]) -> int | None:
        """The line of ``[a.b]`` for ("a", "b"), or of ``c = …`` inside it for ("a", "b", "c")."""
        table, key = (keys, None) if len(keys) < 3 else (keys[:2], keys[2])
        header_at = None
        for number, text in enumerate(self.lines, 1):
            header = _HEADER.match(text)
            if header:
                parts = tuple(p.strip().strip("\"'") for p in header.group(1).split("."))
                if header_at is not None and key is not None:
                    break
                if parts[:len(table)] == table and header_at is None:
                    header_at = number
            elif header_at is not None and key is not None and re.match(
                    rf'^\s*"?{re.escape(key)}"?\s*=', text):
                return number
        return header_at


def append_locale(project: Project, info: LocaleInfo, note: str) -> None:
    """Add ``[locales.CODE]`` at the end of the file (created if need be), keeping the rest."""
    where = path(project)
    old = where.read_text(encoding="utf-8") if where.exists() else ""
    lines = [f"\n[locales.{info.code}]" if old else f"[locales.{info.code}]",
             f"# {note}" if note else "",
             f"plural-forms = {json.dumps(info.plural_forms, ensure_ascii=False)}"]
    if info.engines:
        pairs = ", ".join(f"{name} = {json.dumps(code)}" for name, code in info.engines)
        lines.append(f"engines = {{ {pairs} }}")
    lines.append('# contact = "…"  # the team\'s mailing list or web page, for Language-Team')
    text = (old if not old or old.endswith("\n") else old + "\n") + \
        "\n".join(line for line in lines if line) + "\n"
    parse(text, project.shown(where))  # never write a file that does not read back
    write_if_changed(where, text)


@dataclass(frozen=True)
class Stray:
    """A catalog in locales/ of a language the data file does not have (Weblate's "start
    new translation" or msginit made it): reported by update and check, never ignored."""

    shown: str
    code: str

    @property
    def message(self) -> str:
        problem = code_problem(self.code)
        if problem:
            return (f"a catalog of no language the project can have: {problem}; rename its "
                    "directory, then run `letter-i18n init CODE`")
        return (f"a catalog of {self.code}, which {FILE} does not list: run "
                f"`letter-i18n init {self.code}` to add the language (the catalog is kept), "
                "or remove the file")

    def __str__(self) -> str:
        return f"{self.shown}: {self.message}"


def strays(project: Project, table: Locales) -> list[Stray]:
    """Catalogs under locales/ that belong to no locale of the table."""
    known = {info.code for info in table.targets}
    found = sorted(project.locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [Stray(project.shown(po), po.parent.parent.name) for po in found
            if po.parent.parent.name not in known]
