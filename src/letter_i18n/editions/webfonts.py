"""Web fonts that travel with the pages: WOFF2 subsets of the Noto faces the editions use.

A reader without the Noto fonts would see Thai and Chinese as boxes and Arabic in
whatever face the system finds. So each page (``<code>/index.html`` and the
picker) gets, in ``fonts/`` beside it, the regular and bold faces of the typeface
of every script the editions are set in (the first family of each script's font stack,
``locales/locales.toml``: the faces the PDF is printed in), cut down to the
characters of that page the face has. A face has every such character, not only
those of its own script, because which face draws a character depends on the
element it is in: the "(" of "(J.D.)" is Noto Serif's in an Arabic page, the
other ones are Noto Naskh Arabic's.

The @font-face rules name the same files in every edition (``fonts.css.j2``), so
the HTML does not depend on the machine that renders it; a face a page does not
use is not shipped, and is never requested, since no text of the page needs it.

Subsets are made by fontTools with fixed options, without timestamps, so the same
characters and font give the same bytes. A page's fonts are cut again only when
its characters, the installed font files, fontTools or this module change (a key
file in ``fonts/``); subsets are also kept in the user's cache, so that another
checkout or a test renders them once. Without the fonts (or fontTools) the pages
still work: they use the reader's fonts, and the build says what to install.
The licence of the fonts (SIL OFL 1.1, in the Debian package's copyright file)
is shipped beside them, as the OFL requires.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from multiprocessing import get_context
from pathlib import Path

from letter_i18n import localetable, templating
from letter_i18n.catalog.gcpause import usual_cyclic_gc
from letter_i18n.editions import fonts
from letter_i18n.errors import UserError
from letter_i18n.files import write_all_if_changed, write_if_changed
from letter_i18n.locales import Locales
from letter_i18n.project import Project

DIRECTORY = "fonts"
KEY_FILE = ".key"
WEIGHTS = {400: ("Regular", 80), 700: ("Bold", 200)}  # CSS weight: style name, fontconfig's
DOCS = Path("/usr/share/doc")  # Debian packages' copyright files (the OFL text)
START_METHOD = "fork" if sys.platform == "linux" else "spawn"  # as pdf.py's printers
INSTALL_HINT = ("Install fontTools with brotli (.venv/bin/pip install -e '.[pdf]') and the "
                "fonts (apt-get install fonts-noto-core fonts-noto-cjk)")


@dataclass(frozen=True)
class Face:
    family: str
    weight: int

    @property
    def filename(self) -> str:
        return f"{self.family.replace(' ', '')}-{WEIGHTS[self.weight][0]}.woff2"


def families(table: Locales) -> list[str]:
    """The typeface of each script of the editions, in the order of the project's stacks."""
    return list(dict.fromkeys(fonts.first_family(stack)
                              for stack in table.font_stacks.values()))


def faces(table: Locales) -> list[Face]:
    """Every face a page may use: the regular and bold of each script's typeface."""
    return [Face(family, weight) for family in families(table) for weight in WEIGHTS]


def package(family: str) -> str | None:
    """The Debian package of a Noto family (None for another family)."""
    return next((package for word, package in fonts.FAMILY_PACKAGES if word in family), None)


@dataclass(frozen=True)
class Source:
    path: Path
    index: int  # the face's number in a collection (.ttc)

    def identity(self) -> str:
        stat = self.path.stat()
        return f"{self.path}:{self.index}:{stat.st_size}:{stat.st_mtime_ns}"


def sources(wanted: list[Face]) -> dict[Face, Source]:
    """The installed file of each wanted face, from fontconfig."""
    return {face: source for face, source in _installed().items() if face in wanted}


@cache
def _installed() -> dict[Face, Source]:
    """The installed regular and bold upright faces (``fc-list``, once per process)."""
    if shutil.which("fc-list") is None:
        return {}
    listing = subprocess.run(
        ["fc-list", "--format", "%{family}\t%{weight}\t%{slant}\t%{file}\t%{index}\n"],
        capture_output=True, text=True, check=True).stdout
    found: dict[Face, Source] = {}
    weights = {fc: css for css, (_, fc) in WEIGHTS.items()}
    for line in sorted(listing.splitlines()):
        names, weight, slant, path, index = line.split("\t")
        if slant != "0" or int(float(weight)) not in weights:
            continue
        for name in names.split(","):
            found.setdefault(Face(name.strip(), weights[int(float(weight))]),
                             Source(Path(path), int(index)))
    return found


@cache
def _cmap(source: Source) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(source.path, fontNumber=source.index, lazy=True)
    return frozenset(font.getBestCmap() or {})


# Characters a page shows that are not in its text: ordered lists' numbers.
GENERATED = "0123456789."


# A tag, its quoted attribute values included; or a comment.
_TAG = re.compile(r"""<!--.*?-->|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL)


def page_characters(html: str) -> str:
    """Every character of a page that needs a glyph, sorted, with the characters a shaper
    may draw it as: Thai SARA AM (ำ) is drawn as NIKHAHIT + SARA AA, its decomposition.

    The text of the body is what is left between its tags (the pages are the renderer's
    own, well-formed HTML), decoded; a set of characters needs no parser's tree."""
    body = html[html.find("<body"):]
    text = set(unescape(_TAG.sub("", body)) + GENERATED)
    text |= {part for c in text for form in ("NFD", "NFKD")
             for part in unicodedata.normalize(form, c)}
    return "".join(sorted(c for c in text if fonts.needs_glyph(c)))


# Unicode's script of a character where it differs from the font stack's key.
SCRIPT_OF_STACK = {"Hans": "Hani"}


def scripts(family: str, table: Locales) -> set[str]:
    """The scripts (ISO 15924, as Unicode names them) set in ``family``."""
    keys = {s for s, stack in table.font_stacks.items() if fonts.first_family(stack) == family}
    return {SCRIPT_OF_STACK.get(key, key) for key in keys}


def plan(chars: str, found: dict[Face, Source],
         table: Locales) -> tuple[dict[Face, str], str]:
    """The characters each installed face gets, and those no shipped face has (left to the
    reader's fonts). A face is shipped when the page has text in a script set in it."""
    import icu

    present = {icu.Script.getScript(c).getShortName() for c in chars}
    cut: dict[Face, str] = {}
    for face in faces(table):
        if face in found and scripts(face.family, table) & present:
            have = _cmap(found[face])
            cut[face] = "".join(c for c in chars if ord(c) in have)
    covered = {c for mine in cut.values() for c in mine}
    return cut, "".join(c for c in chars if c not in covered)


def _options():
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # screens rasterise well without; a third of the size
    options.desubroutinize = True  # CFF compresses better under WOFF2 without subroutines
    options.name_IDs = ["*"]  # keep the copyright and licence names (OFL)
    options.notdef_outline = True
    return options


def subset(source: Source, chars: str) -> bytes:
    """The WOFF2 subset of one face with ``chars``: the same bytes for the same input."""
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    font = TTFont(source.path, fontNumber=source.index, lazy=False, recalcTimestamp=False)
    subsetter = fontsubset.Subsetter(_options())
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    return out.getvalue()


@cache
def _fonttools_version() -> str:
    """Read off the modules (package metadata would cost more than the rest of a no-op)."""
    try:
        import brotli
        import fontTools
    except ImportError as missing:
        raise Unavailable(f"{missing.name} is not installed: the pages are written without "
                          "their fonts", hint=INSTALL_HINT) from None
    return f"{fontTools.version}/{brotli.__version__}"


class Unavailable(UserError):
    """fontTools, brotli or the fonts are missing: pages use the reader's fonts."""


@cache
def _module_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _key(chars: str, found: dict[Face, Source]) -> str:
    """What a page's fonts depend on: its characters, the installed faces, fontTools and
    brotli, and this code. Read without opening a font, so an unchanged page costs a hash."""
    parts = [_fonttools_version(), _module_digest(), chars]
    parts += [f"{face.filename} {source.identity()}" for face, source in sorted(
        found.items(), key=lambda item: item[0].filename)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cache_path(key: str) -> Path | None:
    cache_dir = templating.cache_directory()
    return cache_dir / f"letter-i18n-fonts-{key}" if cache_dir else None


def _from_cache(key: str) -> tuple[dict[str, bytes], str] | None:
    """A page's font files and uncovered characters as cut before, if the cache has them."""
    cached = _cache_path(key)
    if not cached or not (cached / KEY_FILE).is_file():
        return None
    uncovered = (cached / KEY_FILE).read_text(encoding="utf-8")
    return {p.name: p.read_bytes() for p in sorted(cached.iterdir())
            if p.name != KEY_FILE}, uncovered


def _cut(key: str, chars: str, found: dict[Face, Source],
         table: Locales) -> tuple[dict[str, bytes], str]:
    """The page's font files and the characters none of them has, cut and put in the
    user's cache (the key file written last: the entry is complete)."""
    cached = _cache_path(key)
    cut, uncovered = plan(chars, found, table)
    made = {face.filename: subset(found[face], mine) for face, mine in cut.items()}
    if cached:
        for name, data in made.items():
            write_if_changed(cached / name, data)
        write_if_changed(cached / KEY_FILE, uncovered)  # written last: the entry is complete
    return made, uncovered


@dataclass
class FontReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # pages whose fonts were up to date
    uncovered: dict[str, str] = field(default_factory=dict)  # page: characters left to readers
    missing: list[str] = field(default_factory=list)  # families not installed
    removed: list[str] = field(default_factory=list)  # fonts of pages no longer there


def pages(out_dir: Path, table: Locales) -> list[Path]:
    """The pages that carry fonts: each edition and the language picker."""
    found = [out_dir / info.code / "index.html" for info in table.all]
    return [page for page in [*found, out_dir / "index.html"] if page.is_file()]


def ship(project: Project, out_dir: Path, jobs: int | None = None) -> FontReport:
    """Write the fonts of every page in ``out_dir`` beside it; raise :class:`Unavailable`
    (nothing written) when fontTools or all the fonts are missing. Pages whose fonts must
    be cut are cut in ``jobs`` processes (default: one per core)."""
    table = localetable.load(project)
    found = sources(faces(table))
    report = FontReport(missing=[f for f in families(table) if Face(f, 400) not in found])
    if not found:
        raise Unavailable("none of the editions' fonts is installed: the pages are written "
                          "without their fonts", hint=INSTALL_HINT)
    _fonttools_version()
    todo: list[tuple[Path, str, str]] = []
    for page in pages(out_dir, table):
        chars = page_characters(page.read_text(encoding="utf-8"))
        key = _key(chars, found)
        key_path = page.parent / DIRECTORY / KEY_FILE
        if key_path.is_file() and key_path.read_text(encoding="utf-8") == key + "\n":
            report.unchanged.append(project.shown(key_path.parent))
        else:
            todo.append((page, key, chars))
    made = [_from_cache(key) for _, key, _ in todo]  # cut before, in any checkout
    to_cut = [i for i, faces_of in enumerate(made) if faces_of is None]
    workers = min(jobs or os.cpu_count() or 1, len(to_cut))
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=get_context(START_METHOD),
                                 initializer=usual_cyclic_gc) as pool:
            cut = list(pool.map(_cut, *zip(*[(todo[i][1], todo[i][2], found, table)
                                                 for i in to_cut], strict=True)))
    else:
        cut = [_cut(todo[i][1], todo[i][2], found, table) for i in to_cut]
    for i, faces_of in zip(to_cut, cut, strict=True):
        made[i] = faces_of
    for (page, key, _), (wanted, uncovered) in zip(todo, made, strict=True):
        report.uncovered[project.shown(page)] = uncovered
        _write(project, page.parent / DIRECTORY, key, wanted, table, report)
    for info in table.all:  # an edition no longer rendered (--min-complete) loses its fonts
        stale = out_dir / info.code / DIRECTORY
        if stale.is_dir() and not (out_dir / info.code / "index.html").is_file():
            shutil.rmtree(stale)
            report.removed.append(project.shown(stale))
    return report


def _write(project: Project, where: Path, key: str, wanted: dict[str, bytes], table: Locales,
           report: FontReport) -> None:
    """A page's fonts with their licence; faces it no longer needs removed; the key last."""
    shipped = {name.split("-")[0] for name in wanted}
    for name in sorted({package(f) or "" for f in families(table)
                        if f.replace(" ", "") in shipped} - {""}):
        licence = DOCS / name / "copyright"
        if licence.is_file():
            wanted[f"{name}.copyright.txt"] = licence.read_bytes()
    if where.is_dir():
        for old in where.iterdir():
            if old.name not in wanted and old.name != KEY_FILE and old.is_file():
                old.unlink()
    written = write_all_if_changed([(where / name, data) for name, data in wanted.items()])
    report.written += [project.shown(path) for path in written]
    write_if_changed(where / KEY_FILE, key + "\n")
