"""Which characters no installed font can show, by Unicode script, and what to install.

Under WeasyPrint, Pango takes each character from the first font of the CSS
stack that has it, and otherwise from any installed font that has it
(fontconfig's fallback). A character that no installed font has becomes a
missing-glyph box. So what can be shown is the union of the character sets of
the installed fonts, which fontconfig lists (``fc-list``): one call, no font
file opened. The printed editions are also meant to be set in their own
typeface (the first family of the edition's font stack), not in a fallback.
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import icu

from letter_i18n.errors import UserError

# Debian packages with a Noto font for a script (ISO 15924), for the scripts of
# the editions and their neighbours; fonts-noto-core has most living scripts.
PACKAGES: dict[str, str] = {
    **dict.fromkeys(["Latn", "Cyrl", "Grek", "Arab", "Hebr", "Thai", "Laoo", "Khmr", "Mymr",
                     "Deva", "Beng", "Taml", "Ethi", "Armn", "Geor", "Zyyy", "Zinh"],
                    "fonts-noto-core"),
    **dict.fromkeys(["Hani", "Hans", "Hant", "Hira", "Kana", "Hang", "Bopo"], "fonts-noto-cjk"),
}
EMOJI_PACKAGE = "fonts-noto-color-emoji"
SHOWN_PER_SCRIPT = 5  # characters quoted in a message


@dataclass(frozen=True)
class InstalledFonts:
    """The character coverage and family names of the fonts fontconfig knows."""

    starts: tuple[int, ...]  # sorted, non-overlapping ranges of covered code points
    ends: tuple[int, ...]
    families: frozenset[str]

    def covers(self, codepoint: int) -> bool:
        i = bisect.bisect_right(self.starts, codepoint) - 1
        return i >= 0 and codepoint <= self.ends[i]


@dataclass(frozen=True)
class Missing:
    """Characters of one script that no installed font has."""

    script: str  # ISO 15924 code, or "Emoji"
    name: str  # e.g. "Kawi", "Han"
    chars: str

    @property
    def package(self) -> str | None:
        return EMOJI_PACKAGE if self.script == "Emoji" else PACKAGES.get(self.script)

    def __str__(self) -> str:
        shown = ", ".join(f"U+{ord(c):04X} {c}" for c in self.chars[:SHOWN_PER_SCRIPT])
        more = f" and {len(self.chars) - SHOWN_PER_SCRIPT} more" \
            if len(self.chars) > SHOWN_PER_SCRIPT else ""
        return f"{self.name} script ({shown}{more})"


@cache
def installed() -> InstalledFonts:
    """Ask fontconfig once per process (``FONTCONFIG_FILE`` chooses another configuration)."""
    if shutil.which("fc-list") is None:
        raise UserError("fontconfig's fc-list is not installed: cannot tell which fonts exist",
                        hint="Install it: apt-get install fontconfig")
    listing = subprocess.run(["fc-list", "--format", "%{family}\t%{charset}\n"],
                             capture_output=True, text=True, check=True).stdout
    families: set[str] = set()
    charsets: set[str] = set()  # fonts share most of their charsets and ranges:
    for line in listing.splitlines():  # each is split and parsed once
        names, _, charset = line.partition("\t")
        families.update(name.strip() for name in names.split(",") if name.strip())
        charsets.add(charset)
    pieces = {piece for charset in charsets for piece in charset.split()}
    ranges = sorted((int(first, 16), int(last or first, 16))
                    for first, _, last in (piece.partition("-") for piece in pieces))
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return InstalledFonts(tuple(r[0] for r in merged), tuple(r[1] for r in merged),
                          frozenset(families))


def fingerprint() -> str:
    """Changes whenever the installed fonts cover other characters or other families."""
    fonts = installed()
    return repr((fonts.starts, fonts.ends, sorted(fonts.families)))


def needs_glyph(char: str) -> bool:
    """Whether showing the character takes a glyph (controls and default-ignorables do not)."""
    return not (unicodedata.category(char) == "Cc"
                or icu.Char.hasBinaryProperty(char, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT))


def missing(text: str, fonts: InstalledFonts) -> list[Missing]:
    """The characters of ``text`` that no installed font has, grouped by script."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for char in sorted(set(text)):
        if needs_glyph(char) and not fonts.covers(ord(char)):
            if icu.Char.hasBinaryProperty(char, icu.UProperty.EMOJI_PRESENTATION):
                key = ("Emoji", "emoji")
            else:
                script = icu.Script.getScript(char)
                key = (script.getShortName(), script.getName().replace("_", " "))
            found[key].append(char)
    return [Missing(code, name, "".join(chars)) for (code, name), chars in sorted(found.items())]


def install_hint(gaps: list[Missing]) -> str:
    """What to install so that the fonts cover ``gaps``."""
    packages = sorted({gap.package for gap in gaps if gap.package})
    unknown = [gap.name for gap in gaps if not gap.package]
    hints = []
    if packages:
        hints.append(f"Install the fonts: apt-get install {' '.join(packages)}")
    if unknown:
        hints.append(f"No Debian package known here has a font for {', '.join(unknown)}: install "
                     "one that does; `fc-list :charset=HEX` lists the fonts that have a "
                     "character")
    return "; ".join(hints) + "."


def first_family(stack: str) -> str:
    """The first family of a CSS font-family list: the typeface an edition is set in."""
    return stack.split(",")[0].strip().strip("\"'")


# Debian packages of the Noto families, by a word of the family name (first match wins):
# the CJK faces are packaged apart; the other living scripts' are in fonts-noto-core.
FAMILY_PACKAGES = (("Noto Color Emoji", EMOJI_PACKAGE), ("CJK", "fonts-noto-cjk"),
                   ("Noto", "fonts-noto-core"))


def family_hint(family: str) -> str:
    """What to install to have the font family an edition is set in."""
    package = next((package for word, package in FAMILY_PACKAGES if word in family), None)
    if package:
        return f"Install it: apt-get install {package}"
    return (f"Install a font named {family} (`fc-list : family` lists the installed ones), or "
            "name an installed family first in the script's `fonts` in locales/locales.toml")
