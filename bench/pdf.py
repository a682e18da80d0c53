"""Benchmark: the seven PDF editions, one process against one per core.

Renders the HTML editions of this repository's letter into a temporary
directory, then times the command a user runs, `letter-i18n pdf`, printing all
seven PDFs from scratch: with `--jobs 1` (this process only) and with one
worker process per core. Each run is a fresh interpreter, so neither profits
from the other's warm font caches. Prints wall times, pages, the speed-up, and
whether both ways gave the same bytes.

    .venv/bin/python bench/pdf.py [--repeat R]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letter_i18n.editions import pdf  # noqa: E402
from letter_i18n.editions.render import render_editions  # noqa: E402
from letter_i18n.project import Project  # noqa: E402
from timing import best_of  # noqa: E402


def print_all(out: Path, jobs: int) -> None:
    for old in out.glob(f"*/{pdf.FILENAME}"):
        old.unlink()
    subprocess.run([sys.executable, "-m", "letter_i18n", "--quiet", "--root", str(ROOT), "pdf",
                    "--out", str(out), "--jobs", str(jobs)], check=True)


def digest(out: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(out.glob("*/letter.pdf"))
                                   )).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as work:
        out = Path(work) / "editions"
        render_editions(Project(ROOT), out)
        results, digests = {}, set()
        for label, jobs in (("--jobs 1", 1), (f"--jobs {cores} (one per core)", cores)):
            results[label] = best_of(args.repeat, lambda jobs=jobs: print_all(out, jobs))
            digests.add(digest(out))
        pages = sum(int(line.split()[1]) for path in sorted(out.glob("*/letter.pdf"))
                    for line in subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                               text=True).stdout.splitlines()
                    if line.startswith("Pages:"))
    sequential = results["--jobs 1"]
    print(f"seven PDF editions, {pages} pages; best of {args.repeat} runs of letter-i18n pdf")
    for label, seconds in results.items():
        print(f"  {label:26} {seconds:6.2f}s   speed-up {sequential / seconds:.2f}x")
    print("same bytes both ways" if len(digests) == 1 else "DIFFERENT bytes between the ways")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f} on {cores} cores")


if __name__ == "__main__":
    main()
