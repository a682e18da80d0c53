"""Where things live in a letter-i18n project (one table of paths)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DOMAIN = "letter"
PROJECT_ID = "open-letter-2021-12-22"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def pot_path(self) -> Path:
        return self.locales_dir / f"{DOMAIN}.pot"

    def po_path(self, code: str) -> Path:
        return self.locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"

    def shown(self, path: Path) -> str:
        """A path as users see it in messages: relative to the project root.

        Links are not followed first: a catalog that is a link is named where it
        stands in the project, not where it points.
        """
        for mine, root in ((Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
                           (path.resolve(), self.root.resolve())):
            if mine.is_relative_to(root):
                return str(mine.relative_to(root))
        return str(path)


MARKER = Path("source") / "letter.yaml"  # what makes a directory a letter-i18n project


def find_root(start: Path) -> Path | None:
    """The nearest directory from ``start`` upwards that holds ``source/letter.yaml``.

    Like git finding its repository: a command run in ``locales/fr`` works on the
    project. None when there is none.
    """
    start = Path(os.path.abspath(start))
    for directory in (start, *start.parents):
        if (directory / MARKER).is_file():
            return directory
    return None
