"""Benchmark: rendering the seven editions against mdpo's po2md on the same letter, one run.

Ours: `render` writes 7 locales × 3 formats (HTML, Markdown, text)
into an empty directory (a full build), then again with nothing changed (an
incremental build, which must write nothing). The peer: mdpo's `po2md`, which
does the comparable core job for Markdown only: it rebuilds
source/letter.md in each of the six target languages from a PO file
(`md2po` extracts it; msgstrs are taken from our catalogs where msgids match).

    .venv/bin/python bench/editions.py [--repeat R]

Needs mdpo (`pip install mdpo`) for the comparison.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letter_i18n import localetable  # noqa: E402
from letter_i18n.catalog.pofile import load_po  # noqa: E402
from letter_i18n.editions.render import render_editions  # noqa: E402
from letter_i18n.project import Project  # noqa: E402
from timing import best_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = Project(ROOT)
    work = Path(tempfile.mkdtemp(prefix="bench-editions-"))

    def full() -> None:
        out = work / "full"
        shutil.rmtree(out, ignore_errors=True)
        render_editions(project, out)

    full_time = best_of(args.repeat, full)
    incremental = work / "incremental"
    render_editions(project, incremental)
    written: list[str] = []
    incremental_time = best_of(args.repeat, lambda: written.extend(
        render_editions(project, incremental).written))
    print(f"letter-i18n render, 7 editions x 3 formats, full build:  {full_time * 1000:7.1f} ms")
    print(f"letter-i18n render, nothing changed (incremental):      "
          f"{incremental_time * 1000:7.1f} ms  ({len(written)} files rewritten)")

    try:
        from mdpo.md2po import markdown_to_pofile
        from mdpo.po2md import pofile_to_markdown
    except ImportError:
        print("mdpo is not installed: pip install mdpo (no comparison)")
        return
    template = markdown_to_pofile(str(ROOT / "source" / "letter.md"))
    pofiles = {}
    for info in localetable.load(project).targets:
        ours = {e.msgid: e.msgstr for e in load_po(project.po_path(info.code))}
        po = markdown_to_pofile(str(ROOT / "source" / "letter.md"))
        for entry in po:
            entry.msgstr = ours.get(entry.msgid, "")
        path = work / f"{info.code}.po"
        po.save(str(path))
        pofiles[info.code] = path
    matched = sum(1 for e in template if e.msgid in
                  {x.msgid for x in load_po(project.po_path("fr"))})
    peer_time = best_of(args.repeat, lambda: [
        pofile_to_markdown(str(ROOT / "source" / "letter.md"), str(path),
                           save=str(work / f"{code}.md"))
        for code, path in pofiles.items()])
    print(f"mdpo po2md, 6 Markdown translations of letter.md:       {peer_time * 1000:7.1f} ms"
          f"  ({matched}/{len(template)} msgids shared with our catalogs)")
    print(f"ratio mdpo / letter-i18n full build: {peer_time / full_time:.2f}x "
          f"(ours renders 21 files with locale data, mdpo 6)")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
