"""Measure: how far polib's and Babel's PO writers are from GNU msgcat, catalog by catalog.

Each committed catalog is written three ways (polib's `__unicode__`, Babel's
`write_po`, ours) and each result is run through GNU `msgcat`; the script
counts the lines msgcat changes. A writer whose output msgcat leaves alone is
diff-clean: a reviewer never sees lines re-wrapped by whoever last saved the file.

    .venv/bin/python bench/wrapping.py
"""

from __future__ import annotations

import difflib
import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import polib  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from letter_i18n.catalog.poread import read_catalog  # noqa: E402
from letter_i18n.catalog.powrite import format_catalog  # noqa: E402


def changed_lines(text: str) -> int:
    """Lines that differ between ``text`` and msgcat's rewrite of it."""
    fixed = subprocess.run(["msgcat", "-"], input=text.encode(), capture_output=True,
                           check=True).stdout.decode()
    diff = difflib.ndiff(text.splitlines(), fixed.splitlines())
    return sum(1 for line in diff if line.startswith(("- ", "+ ")))


def babel_text(path: Path) -> str:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    out = io.BytesIO()
    write_po(out, catalog, width=79, include_previous=True)
    return out.getvalue().decode()


def main() -> None:
    paths = [ROOT / "locales" / "letter.pot",
             *sorted((ROOT / "locales").glob("*/LC_MESSAGES/letter.po"))]
    print(f"{'catalog':42} {'lines':>6} {'polib':>6} {'Babel':>6} {'ours':>6}")
    for path in paths:
        ours = format_catalog(read_catalog(path))
        polib_text = str(polib.pofile(str(path), wrapwidth=79))
        counts = [changed_lines(text) for text in (polib_text, babel_text(path), ours)]
        name = str(path.relative_to(ROOT))
        print(f"{name:42} {ours.count(chr(10)):>6} " + " ".join(f"{n:>6}" for n in counts))
    print("(lines msgcat changes in each writer's output; 0 = a msgcat fixed point)")


if __name__ == "__main__":
    main()
