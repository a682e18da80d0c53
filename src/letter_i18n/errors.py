"""One error type for user mistakes, so the CLI can report them without a traceback.

A user mistake (a typo in the source, a broken catalog) is reported as
``path:line: what is wrong`` followed by what to do about it, the format that
editors, compilers and CI logs already know how to link to.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake in the user's input: reported as ``file:line: message`` plus a hint."""

    def __init__(
        self, message: str, path: str | Path | None = None, line: int | None = None, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    @property
    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text}\n  {self.hint}" if self.hint else text


def relative(path: str | Path, root: str | Path | None = None) -> str:
    """Paths in messages are shown relative to the project, as a user types them."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path(root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
