"""Benchmark: `make editions` as a translator meets it, against po4a run in the same invocation.

Measured on a copy of the project (the repository is not touched):

- no-op: `make editions` with nothing changed (make decides; no Python starts);
- one edit: one French msgstr changed, then `make editions` (update, render, review,
  and the French PDF when WeasyPrint is installed);
- full: `letter-i18n build --no-pdf` from an empty build/ (catalog update plus the 21
  HTML/Markdown/text files, the review pages and the web fonts), one process; and the
  issue's first measurement, `letter-i18n update && letter-i18n render` (two processes);
- the peer: po4a (Debian `po4a`) extracting, updating and generating the letter's
  Markdown in the six languages;
- peak RSS of a full build with the PDFs, and of a one-edit build.

    .venv/bin/python bench/build.py [--repeat R]

Medians of R runs; the goals are in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO4A_CONFIG = """[po4a_langs] ar es fr ru th zh_Hans
[po4a_paths] po4a/letter.pot $lang:po4a/$lang.po
[type: text] source/letter.md $lang:po4a-out/$lang/letter.md opt:"--option markdown --keep 0"
"""
TITLE = 'msgstr "Lettre ouverte conjointe'


def copy_project(work: Path) -> Path:
    root = work / "project"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, root / name)
    for name in ("source", "locales", "src"):
        shutil.copytree(ROOT / name, root / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (root / ".venv").symlink_to(ROOT / ".venv")
    return root


CPU: dict[str, list[float]] = {}  # processor time of each timed command, by its name


def timed(args: list[str], cwd: Path) -> float:
    """Wall time of one run; its processor time (user + system, children included) is kept
    in CPU: a figure a busy machine disturbs less than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(Path(args[0]).name, []).append(
        after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


PEAK = """import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"""


def peak_mib(args: list[str], cwd: Path) -> float:
    """The largest resident set of any process the command ran (itself, printers, forks),
    measured from a process of its own so that no earlier run counts."""
    out = subprocess.run([sys.executable, "-c", PEAK, *args], cwd=cwd, check=True,
                         capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    root = copy_project(work)
    # As installed: pip compiles a package's bytecode, and Python writes it for an editable
    # install on first use; a machine with PYTHONDONTWRITEBYTECODE set would compile every
    # module from source on every run instead, which is not what users meet.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    cli = str(ROOT / ".venv" / "bin" / "letter-i18n")
    subprocess.run(["make", "-s", "editions"], cwd=root, check=True, capture_output=True)

    noop = [timed(["make", "-s", "editions"], root) for _ in range(args.repeat)]
    fr = root / "locales" / "fr" / "LC_MESSAGES" / "letter.po"
    one_edit = []

    def edit(i: int) -> None:
        text = fr.read_text(encoding="utf-8")
        fr.write_text(text.replace(TITLE + (" !" if i % 2 else ""),
                                   TITLE + ("" if i % 2 else " !"), 1), encoding="utf-8")

    for i in range(args.repeat):
        edit(i)
        one_edit.append(timed(["make", "-s", "editions"], root))
    edit(args.repeat)
    # The command make runs: through make, the printers' memory does not reach the figure.
    edit_peak = peak_mib([cli, "-q", "build"], root)

    def full() -> float:
        shutil.rmtree(root / "build", ignore_errors=True)
        return timed([cli, "-q", "build", "--no-pdf"], root)

    def update_render() -> float:  # the first measurement: two commands
        shutil.rmtree(root / "build", ignore_errors=True)
        return timed(["sh", "-c", f"{cli} -q update && {cli} -q render"], root)

    def po4a() -> float:
        shutil.rmtree(root / "po4a", ignore_errors=True)
        shutil.rmtree(root / "po4a-out", ignore_errors=True)
        return timed(["po4a", "--no-backups", "--quiet", "po4a.cfg"], root)

    (root / "po4a.cfg").write_text(PO4A_CONFIG, encoding="utf-8")
    have_po4a = shutil.which("po4a") is not None
    ours, theirs, two = [], [], []
    for _ in range(args.repeat):  # alternating, so that all meet the same machine
        ours.append(full())
        two.append(update_render())
        if have_po4a:
            theirs.append(po4a())
    shutil.rmtree(root / "build", ignore_errors=True)
    peak = peak_mib([cli, "-q", "build"], root)

    print(f"make editions, nothing changed:            {median_ms(noop)}  (goal < 150 ms)")
    print(f"make editions, one French msgstr changed:  {median_ms(one_edit)}  (goal <= 2000 ms,"
          " French PDF included)")
    print(f"letter-i18n build --no-pdf, clean build/:  {median_ms(ours)}")
    print(f"update && render (21 files), clean build/: {median_ms(two)}")
    if have_po4a:
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"po4a, six Markdown translations:           {median_ms(theirs)}")
        print(f"ratio letter-i18n / po4a: {ratio:.2f}x (goal <= 1.5x)")
        print(f"ratio update && render / po4a: "
              f"{statistics.median(two) / statistics.median(theirs):.2f}x")
        cpu = statistics.median(CPU["letter-i18n"]) / statistics.median(CPU["po4a"])
        print(f"processor time, letter-i18n / po4a: {cpu:.2f}x (both cores counted)")
    else:
        print("po4a is not installed (apt-get install po4a): no comparison")
    print(f"peak RSS of a full build with PDFs:        {peak:7.0f} MiB (goal < 300 MiB)")
    print(f"peak RSS of a one-edit build:              {edit_peak:7.0f} MiB")
    print(f"cores: {os.cpu_count()}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
