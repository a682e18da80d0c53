"""The one way the package makes jinja2 environments: editions, picker and review pages alike.

Why one factory: the pages must agree on escaping (HTML autoescaped, Markdown
and text not), on undefined names (an error, never an empty string), on
whitespace, and with extraction on how ``_()`` strings are read: the catalog
stage extracts template strings with :data:`EXTRACT_OPTIONS`, and rendering
looks them up with the same trimming policy, so both see the same msgid.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)

from letter_i18n.project import PACKAGE_DIR

TEMPLATES_DIR = PACKAGE_DIR / "templates"
TEMPLATES_SHOWN = "src/letter_i18n/templates"  # how catalog references name the directory
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
EXTRACT_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}

Filters = tuple[tuple[str, Callable[..., Any]], ...]


@lru_cache(maxsize=1)
def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (keyed by each template's source checksum, so
    an edited template is compiled anew): compiling them is a tenth of a build's time."""
    try:
        return FileSystemBytecodeCache()  # a private directory of the user's, in the temp dir
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=8)
def environment(fmt: str = "html", filters: Filters = ()) -> Environment:
    """A compiled environment for one output format (``html``, ``md`` or ``txt``).

    Cached: every locale of a build shares the compiled templates of a format.
    ``filters`` are extra template filters, as ``(name, function)`` pairs.
    """
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=fmt == "html",
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"],
                      bytecode_cache=_bytecode_cache())
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(dict(filters))
    return env


def cache_directory() -> Path | None:
    """The user's private cache directory beside the compiled templates (None: no cache)."""
    cache = _bytecode_cache()
    return Path(cache.directory) if isinstance(cache, FileSystemBytecodeCache) else None
