"""Benchmark: aligning a 100-copy translated document, against po4a-gettextize on the same text.

The French Markdown edition of the real letter is rendered, its signatory rows taken out as
the import does, and its blocks repeated 100 times with one paragraph of each copy left out;
the letter's segments in edition order are repeated alike. Ours aligns the blocks to the
segments (`letter-i18n import`'s banded aligner); po4a-gettextize, the peer, pairs master and
translation block by block and gives up on any difference of structure, so it gets the whole
editions without omissions and without the draft banner.

    .venv/bin/python bench/import.py [--copies N] [--repeat R]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letter_i18n.drafts.imports import align, signatories  # noqa: E402
from letter_i18n.drafts.imports.apply import block_piece, letter_units  # noqa: E402
from letter_i18n.drafts.imports.readers import read_blocks  # noqa: E402
from letter_i18n.editions.render import render_editions  # noqa: E402
from letter_i18n.project import Project  # noqa: E402
from letter_i18n.source import glossary  # noqa: E402
from letter_i18n.source.letter import load_letter  # noqa: E402
from timing import best_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    project = Project(ROOT)
    render_editions(project, work, ["fr", "en"])
    letter = load_letter(ROOT / "source", ROOT)
    units = [u.aligned for u in letter_units(letter, "fr", glossary.for_project(project))]
    blocks = read_blocks(work / "fr" / "letter.md", "letter.md")
    claimed = signatories.find(blocks, letter, "fr").claimed  # as the import takes them out
    pieces = [block_piece(b) for i, b in enumerate(blocks) if i not in claimed]
    all_units = units * args.copies
    all_pieces = [p for n in range(args.copies) for i, p in enumerate(pieces)
                  if i != 12 + n % 10]  # one paragraph left out of each copy
    print(f"{len(all_units)} segments, {len(all_pieces)} blocks")
    beads: list = []

    def ours() -> None:
        beads[:] = align.align(all_units, all_pieces)

    results = {"letter-i18n import (align)": best_of(args.repeat, ours)}
    missing = sum(1 for b in beads if not b.blocks)
    po4a = None
    if shutil.which("po4a-gettextize"):
        master = (work / "en" / "letter.md").read_text("utf-8")
        # po4a needs the same structure: the draft banner (a block quote the English lacks)
        # and the notes on unofficial translations are taken out of its copy.
        translation = (work / "fr" / "letter.md").read_text("utf-8")
        translation = re.sub(r"(?m)\n(?:>.*\n)+|^\[\^\d+\]:.*\n\n?|\[\^\d+\]", "", translation)
        (work / "master.md").write_text("\n\n".join([master] * args.copies), "utf-8")
        (work / "fr.md").write_text("\n\n".join([translation] * args.copies), "utf-8")

        def peer() -> None:
            nonlocal po4a
            po4a = subprocess.run(
                ["po4a-gettextize", "-f", "text", "-o", "markdown", "-M", "UTF-8", "-L",
                 "UTF-8", "-m", str(work / "master.md"), "-l", str(work / "fr.md"),
                 "-p", str(work / "po4a.po")], check=False, capture_output=True, text=True,
                cwd=work)  # where it leaves gettextization.failed.po when it fails

        results["po4a-gettextize (no omissions)"] = best_of(1, peer)
    ours_time = results["letter-i18n import (align)"]
    print(f"{'tool':34} {'time':>9} {'ratio to ours':>14}")
    for name, seconds in results.items():
        print(f"{name:34} {seconds:>8.3f}s {seconds / ours_time:>13.2f}x")
    if po4a is not None:
        print("po4a-gettextize: " + ("succeeded" if po4a.returncode == 0 else
                                      f"failed ({po4a.stderr.strip().splitlines()[0][:100]})"))
    extra = sum(1 for b in beads if not b.units)
    print(f"segments found missing: {missing} ({args.copies} were left out); blocks matching "
          f"no segment: {extra} (per copy: the banner's two lines, the notes on quotations, the "
          "count line and the list's footnote)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
