"""Helpers for the PDF tests: poppler's text of a page area, an edition's own text,
and font configurations with chosen fonts only."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from conftest import unavailable

# A4 in points, and the page margins of print.css.j2 (24 mm top, 22 mm bottom).
PAGE_WIDTH, PAGE_HEIGHT = 595, 842
BODY_TOP, BODY_BOTTOM = 62, 779
BLOCKS = {"p", "li", "h1", "h2", "h3", "address"}
HIDDEN = {"head", "nav"}  # nav: hidden in print


def pdftotext(path: Path, page: int | None = None, area: str = "body", raw: bool = True) -> str:
    """Text of the body, header or footer area of every page (or one page)."""
    top, bottom = {"body": (BODY_TOP, BODY_BOTTOM), "header": (0, BODY_TOP),
                   "footer": (BODY_BOTTOM, PAGE_HEIGHT)}[area]
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = ["-raw"] if raw else []
    return subprocess.run(["pdftotext", *mode, *pages, "-x", "0", "-y", str(top),
                           "-W", str(PAGE_WIDTH), "-H", str(bottom - top), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {k.strip(): v.strip() for k, _, v in
            (line.partition(":") for line in out.stdout.splitlines())}


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[tuple[str, str]] = []
        self.hidden = 0
        self.current: list[str] | None = None
        self.tag = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.hidden += tag in HIDDEN
        if tag in BLOCKS and not self.hidden:
            self.current, self.tag = [], tag
        elif tag == "br" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in HIDDEN
        if tag == self.tag and self.current is not None:
            text = " ".join("".join(self.current).split())
            if text:
                self.blocks.append((tag, text))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def edition_blocks(html_path: Path) -> list[tuple[str, str]]:
    """(tag, text) of every block a reader sees in print: headings, paragraphs, items."""
    parser = _Blocks()
    parser.feed(html_path.read_text(encoding="utf-8"))
    return parser.blocks


def squash(text: str) -> str:
    """Text compared without spaces, line breaks, hyphens (hyphenation adds them), list
    bullets or bidi controls; SARA AM as its decomposition with NIKHAHIT after a tone mark,
    the order of the glyphs the font draws it with."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not c.isspace() and c not in "-\u2010•"
                   and unicodedata.category(c) != "Cf")
    return re.sub("\u0e4d([\u0e48-\u0e4b])", "\\1\u0e4d", text)


def letters(text: str) -> Counter:
    """How often each character occurs, spaces and bidi controls aside."""
    return Counter(c for c in unicodedata.normalize("NFKC", text)
                   if not c.isspace() and unicodedata.category(c) != "Cf")


def font_config(tmp_path: Path, *patterns: str) -> Path:
    """A fontconfig configuration that knows only these installed fonts (for FONTCONFIG_FILE).

    Each pattern is fontconfig's, e.g. "Noto Serif:bold"."""
    if not shutil.which("fc-match"):
        unavailable("fontconfig (fc-match)", "apt-get install fontconfig")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for pattern in patterns:
        found = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", pattern],
                               capture_output=True, text=True, check=True).stdout.split("\n")
        if pattern.partition(":")[0] not in found[1].split(","):
            unavailable(f"the font {pattern}", "apt-get install fonts-noto-core")
        (fonts / Path(found[0]).name).symlink_to(found[0])
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                      f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
                      "</fontconfig>\n", encoding="utf-8")
    return config
