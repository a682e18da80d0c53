"""Benchmark: catalog update against GNU msgmerge and pybabel update, same files, one run.

A synthetic document of 114 copies of the letter (≥ 5,000 segments) is fully
translated; then 5 % of its segments are edited (a word changed, or a "not"
added) and each tool merges the new template into the old catalog. Prints wall
times, the ratio of each tool to ours, and how many entries each marked fuzzy.

    .venv/bin/python bench/update.py [--copies N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letter_i18n.catalog import merge  # noqa: E402
from letter_i18n.catalog.poread import read_catalog  # noqa: E402
from letter_i18n.catalog.powrite import clear_caches, format_catalog  # noqa: E402
from letter_i18n.catalog.template import build_template  # noqa: E402
from letter_i18n.source import segments  # noqa: E402
from letter_i18n.source.letter import load_letter  # noqa: E402
from timing import best_of  # noqa: E402

EDITS = ("not ", "never ", "rarely ")


def synthetic(copies: int, rng: random.Random) -> tuple[polib.POFile, polib.POFile, int]:
    """(old translated catalog, new template, number of edited segments)."""
    letter = load_letter(ROOT / "source", ROOT)
    base = segments.segment_letter(letter)
    found = [segments.Segment(f"{seg.msgid} [{n}]", seg.kind, seg.path, seg.line + 1000 * n,
                              seg.notes) for n in range(copies) for seg in base]
    old = build_template(found, "2026-01-01 00:00+0000")
    old.metadata.update({"Language": "fr", "Plural-Forms": "nplurals=2; plural=(n > 1);"})
    for entry in old:
        entry.msgstr = "FR " + entry.msgid[::-1]
    edited = rng.sample(range(len(found)), len(found) // 20)
    for index in edited:
        words = found[index].msgid.split(" ")
        spot = rng.randrange(len(words))
        words.insert(spot, rng.choice(EDITS).strip())
        found[index].msgid = " ".join(words)
    new = build_template(found, "2026-01-02 00:00+0000")
    return old, new, len(edited)


def fuzzy_count(path: Path) -> int:
    """Fuzzy, non-obsolete entries, counted on the text: pybabel writes "#| msgid" lines
    that no strict PO reader accepts (neither ours nor polib's)."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    return sum(1 for block in blocks
               if any(line.startswith("#,") and "fuzzy" in line for line in block.splitlines())
               and not any(line.startswith("#~") for line in block.splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=114,
                        help="copies of the letter (114 × 44 segments ≥ 5,000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pybabel", action="store_true",
                        help="skip pybabel (its fuzzy matching takes minutes at this size)")
    args = parser.parse_args()
    old, new, edited = synthetic(args.copies, random.Random(20211222))
    work = Path(tempfile.mkdtemp(prefix="bench-update-"))
    old_path, pot_path = work / "old.po", work / "new.pot"
    old_path.write_text(format_catalog(old), encoding="utf-8")
    pot_path.write_text(format_catalog(new), encoding="utf-8")
    segments_count = sum(1 for _ in new)
    print(f"{segments_count} segments, {edited} edited ({edited / segments_count:.1%})")

    ours_out = work / "ours.po"

    def ours() -> None:
        # Writing the inputs above filled the writer's cache of wrapped strings; a real update
        # starts cold, like msgmerge's own process.
        clear_caches()
        merged, _ = merge.merge(read_catalog(pot_path), read_catalog(old_path), 2)
        ours_out.write_text(format_catalog(merged), encoding="utf-8")

    results = {"letter-i18n update": (best_of(args.repeat, ours), ours_out)}
    if shutil.which("msgmerge"):
        gnu_out = work / "msgmerge.po"
        results["GNU msgmerge --previous"] = (best_of(args.repeat, lambda: subprocess.run(
            ["msgmerge", "--quiet", "--previous", "-o", str(gnu_out), str(old_path),
             str(pot_path)], check=True)), gnu_out)
    print(f"letter-i18n update: {results['letter-i18n update'][0]:.3f}s; now the peers…",
          flush=True)
    pybabel = shutil.which("pybabel") or str(Path(sys.executable).parent / "pybabel")
    if Path(pybabel).exists() and not args.no_pybabel:
        babel_out = work / "pybabel.po"

        def babel() -> None:
            shutil.copy(old_path, babel_out)
            subprocess.run([pybabel, "-q", "update", "--previous", "-l", "fr", "-i",
                            str(pot_path), "-o", str(babel_out)], check=True)

        # pybabel's fuzzy matching (difflib over every message) takes minutes here: run once.
        results["pybabel update --previous"] = (best_of(1, babel), babel_out)

    ours_time = results["letter-i18n update"][0]
    print(f"{'tool':28} {'best of ' + str(args.repeat):>12} {'ratio to ours':>14} {'fuzzy':>6}")
    for name, (seconds, out) in results.items():
        print(f"{name:28} {seconds:>11.3f}s {seconds / ours_time:>13.2f}x {fuzzy_count(out):>6}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
