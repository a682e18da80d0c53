"""Measure: where ICU and newmm would let a line of the Thai catalog break, against a list of
words a line must never split (bench/thai_words_gold.txt, written by reading the text).

For each segmenter, over every run of Thai letters in the Thai catalog's translations:

- bad breaks: break opportunities strictly inside an occurrence of a listed word;
- breaks: all break opportunities between two Thai letters (a segmenter that never
  breaks has no bad break, and no use);
- longest unit: the longest piece with no break inside, in characters (what must fit a
  390 px line);
- time to segment the whole catalog, imports and dictionary included, in a fresh process.

ICU is PyICU's line breaker (the text edition's until now; Chromium uses the same
dictionary). newmm is PyThaiNLP's, with its own word list, then with the project's words
added (editions/thaiwords.py: glossary renderings, Thai names, source/thai-words.txt).

    .venv/bin/python bench/thai_breaks.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locales" / "th" / "LC_MESSAGES" / "letter.po"
GOLD = Path(__file__).with_name("thai_words_gold.txt")

# Each segmenter in a process of its own: prints the break offsets of every run, as JSON.
SEGMENTERS = {
    "ICU (PyICU line breaker)": """
import icu
breaker = icu.BreakIterator.createLineInstance(icu.Locale("th"))
def breaks(run):
    breaker.setText(run)
    return [b for b in breaker if b < len(run)]
""",
    "newmm, PyThaiNLP's words": """
from letter_i18n.editions.thaiwords import Words
words = Words()
def breaks(run):
    return sorted(words.breaks(run))
""",
    "newmm, + the project's words": """
from letter_i18n.editions.thaiwords import Words, project_words
from letter_i18n.project import Project
from letter_i18n.source.letter import load_letter
project = Project(ROOT)
words = Words(project_words(project, load_letter(project.source_dir, ROOT), "th"))
def breaks(run):
    return sorted(words.breaks(run))
""",
}
PROLOGUE = """
import json, sys, time
from itertools import pairwise
from pathlib import Path
start = time.perf_counter()
ROOT = Path(sys.argv[1])
sys.path.insert(0, str(ROOT / "src"))
"""
EPILOGUE = """
runs = json.loads(sys.stdin.read())
found = [breaks(run) for run in runs]
print(json.dumps({"breaks": found, "seconds": time.perf_counter() - start}))
"""


def thai_runs() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    import polib

    from letter_i18n.editions.thaiwords import RUN

    return [m.group() for entry in polib.pofile(str(CATALOG)) if entry.msgstr
            for m in RUN.finditer(entry.msgstr)]


def gold_words() -> list[tuple[str, bool]]:
    """(word, whether the project's word list has it); a | marks an allowed break."""
    words = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, mark = line.partition(" ")
            words.append((word, mark.strip() == "*"))
    return words


def main() -> None:
    runs = thai_runs()
    gold = gold_words()
    # Offsets inside each run that fall strictly inside a listed word: (run, offset) -> word
    inside: dict[tuple[int, int], tuple[str, bool]] = {}
    for index, run in enumerate(runs):
        for entry, listed in gold:
            word = entry.replace("|", "")
            allowed = {i - n for n, i in enumerate(m.start() for m in re.finditer(r"\|", entry))}
            for m in re.finditer(re.escape(word), run):
                for offset in range(1, len(word)):
                    if offset not in allowed:
                        inside.setdefault((index, m.start() + offset), (word, listed))
    letters = sum(len(run) for run in runs)
    print(f"{len(runs)} runs of Thai, {letters:,} characters; {len(gold)} listed words, "
          f"{len({(i, w) for (i, _), (w, _) in inside.items()})} occurrences\n")
    print(f"{'segmenter':31} {'bad breaks':>10} {'(listed*)':>9} {'breaks':>7} "
          f"{'longest unit':>12} {'time':>7}")
    for name, body in SEGMENTERS.items():
        done = subprocess.run([sys.executable, "-c", PROLOGUE + body + EPILOGUE, str(ROOT)],
                              input=json.dumps(runs), capture_output=True, text=True,
                              check=True)
        result = json.loads(done.stdout)
        bad: dict[str, int] = {}
        listed = 0
        longest = 0
        count = 0
        for index, (run, breaks) in enumerate(zip(runs, result["breaks"], strict=True)):
            count += len(breaks)
            bounds = [0, *breaks, len(run)]
            longest = max(longest, *(b - a for a, b in pairwise(bounds)))
            for offset in breaks:
                if (index, offset) in inside:
                    word, star = inside[index, offset]
                    bad[word] = bad.get(word, 0) + 1
                    listed += star
        total = sum(bad.values())
        print(f"{name:31} {total:>10} {listed:>9} {count:>7} {longest:>12} "
              f"{result['seconds']:>6.2f}s")
        worst = sorted(bad.items(), key=lambda item: -item[1])[:8]
        print("    " + ", ".join(f"{word} {n}" for word, n in worst))


if __name__ == "__main__":
    main()
