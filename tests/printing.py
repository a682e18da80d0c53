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
HIDDEN_CLASSES = {"pdf"}  # the introduction's link to the PDF: hidden in print


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
        self.addresses: list[str] = []
        self.hidden_p = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "p" and HIDDEN_CLASSES & set((attributes.get("class") or "").split()):
            self.hidden_p = True
        self.hidden += tag in HIDDEN
        if tag == "a":  # print.css prints a web address after its link
            href = attributes.get("href") or ""
            self.addresses.append(href if href.startswith("http") else "")
        if tag in BLOCKS and not self.hidden and not self.hidden_p:
            self.current, self.tag = [], tag
        elif tag == "br" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in HIDDEN
        if tag == "a" and self.addresses:
            address = self.addresses.pop()
            if address and self.current is not None:
                self.current.append(f" ({address})")
        if tag == "p":
            self.hidden_p = False
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


def body_lines(path: Path, page: int) -> list[str]:
    """The lines of a page's body, as laid out (poppler's raw order), blank ones left out."""
    return [line.rstrip() for line in pdftotext(path, page).splitlines() if line.strip()]


def pixels(path: Path, page: int, dpi: int = 72) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a page rendered by poppler (one pixel a point at 72 dpi)."""
    data = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
                           str(path)], capture_output=True, check=True).stdout
    magic, width, height, _maximum, raster = data.split(maxsplit=4)
    assert magic == b"P6"
    return int(width), int(height), raster


def has_colour(path: Path, page: int, box: tuple[int, int, int, int],
               colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    """Whether a pixel of ``box`` (x0, y0, x1, y1 in points) is close to ``colour``."""
    width, _height, raster = pixels(path, page)
    x0, y0, x1, y1 = box
    return any(all(abs(raster[(y * width + x) * 3 + i] - colour[i]) <= tolerance
                   for i in range(3))
               for y in range(y0, y1) for x in range(x0, x1))
