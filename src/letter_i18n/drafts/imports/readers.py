"""Read a translated file into one model: blocks of runs, whatever the format.

A partner's translation comes as Word, OpenDocument, a saved web page, Markdown
or plain text. The aligner should not care which, so every reader gives the same
thing: the file's blocks in reading order (heading, paragraph, list item), each a
list of runs carrying only what the segment model can use again (bold, italic,
a link's address). A line break inside a paragraph starts a new block: address
lines and signatory lists are often written that way.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt
from wcwidth import wcswidth

from letter_i18n.errors import UserError
from letter_i18n.files import read_input

# Spaces a file may hold for layout; no-break spaces are the translation's own (French
# punctuation), and kept.
SPACES = re.compile(r"[ \t\r\n\f\v]+")
TITLE, HEADING, PARAGRAPH, ITEM, QUOTE, BLOCK, SHORT, LINE = (
    "title", "heading", "paragraph", "list item", "quote", "block", "short line", "line")
# BLOCK: a text file's paragraph (kind unknown); SHORT: one short line alone, which in a text
# file may be a heading (or, in Thai, which ends no sentence with a stop, a paragraph);
# LINE: a line of a paragraph broken by line breaks (an address, a list of copies).


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting; ``href`` "" is a link of unknown address."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    link: int = 0  # which link of the file (two neighbouring links may share an address)


@dataclass
class Block:
    kind: str
    runs: list[Run]
    where: str  # "line 12", "paragraph 4": for the report
    guessed: int = 0  # wrapped lines of Thai joined without a space: maybe there was one

    @property
    def text(self) -> str:
        return SPACES.sub(" ", "".join(run.text for run in self.runs)).strip(" ")

    @property
    def hrefs(self) -> list[str]:
        """The address of each link, once however many runs it spans."""
        found: list[str] = []
        last: tuple[str | None, int] | None = None
        for run in self.runs:
            if run.href and (run.href, run.link) != last:
                found.append(run.href)
            last = (run.href, run.link)
        return found


@dataclass
class _Builder:
    """Collects runs into blocks. A line break inside a paragraph ends a block (address lines,
    a signatory list typed with line breaks), unless the text runs on across it: the line
    ends no sentence and the next starts in lower case (prose wrapped by hand)."""

    blocks: list[Block] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    kind: str = PARAGRAPH
    where: str = ""
    guessed: int = 0
    pending: bool = False  # a line break whose meaning the next text decides
    lined: bool = False  # the paragraph is broken into lines

    def start(self, kind: str, where: str, guessed: int = 0) -> None:
        self.close()
        self.kind, self.where, self.guessed, self.lined = kind, where, guessed, False

    def line_break(self) -> None:
        self.pending = True

    def add(self, run: Run) -> None:
        parts = run.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                self.line_break()
            if part.strip() and self.pending:
                self._resolve(part)
            if part or (run.href is not None and len(parts) == 1):
                self.runs.append(Run(part, run.bold, run.italic, run.href, run.link))

    def _resolve(self, following: str) -> None:
        self.pending = False
        before = "".join(run.text for run in self.runs).rstrip()
        if before and following.lstrip()[:1].islower() and not _LINE_END.search(before):
            self.runs.append(Run(" "))
        else:
            self.lined = True
            self.close()

    def close(self) -> None:
        kind = LINE if self.lined and self.kind == PARAGRAPH else self.kind
        block = Block(kind, self.runs, self.where, self.guessed)
        if block.text or block.hrefs:
            self.blocks.append(block)
        self.runs = []
        self.pending = False


_LINE_END = re.compile(r"[.!?:;։。！？：؟]$")


# --- Word ---------------------------------------------------------------------------------

def read_docx(data: bytes, shown: str) -> list[Block]:
    import docx
    from docx.text.hyperlink import Hyperlink

    document = docx.Document(io.BytesIO(data))
    built = _Builder()
    for number, paragraph in enumerate(_docx_paragraphs(document), 1):
        built.start(_docx_kind(paragraph), f"paragraph {number}")
        for link, item in enumerate(paragraph.iter_inner_content(), 1):
            if isinstance(item, Hyperlink):
                address = item.address or ""
                for run in item.runs:
                    built.add(Run(run.text, bool(run.bold), bool(run.italic), address, link))
            else:
                built.add(Run(item.text, bool(item.bold), bool(item.italic)))
    built.close()
    return built.blocks


def _docx_paragraphs(document) -> Iterator:
    """Body paragraphs in order, table cells' paragraphs where the table stands."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _docx_kind(paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style == "title" or style == "heading 1":
        return TITLE
    if style.startswith("heading"):
        return HEADING
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if style.startswith("list") or numbered:
        return ITEM
    return QUOTE if style in ("quote", "intense quote") else PARAGRAPH


# --- OpenDocument -------------------------------------------------------------------------

def read_odt(data: bytes, shown: str) -> list[Block]:
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    styles = _odt_styles(document)
    built = _Builder()
    counter = [0, 0]  # paragraphs, links

    def walk(node, bold: bool, italic: bool, link: tuple[str, int] | None, kind: str) -> None:
        href = link[0] if link else None
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                built.add(Run(str(child.data), bold, italic, href, link[1] if link else 0))
                continue
            name = child.qname[1]
            if name in ("h", "p"):
                counter[0] += 1
                level = child.getAttribute("outlinelevel") if name == "h" else None
                own = (TITLE if level in ("1", None) and name == "h" and not built.blocks
                       else HEADING) if name == "h" else kind
                built.start(own, f"paragraph {counter[0]}")
                b, i = styles.get(child.getAttribute("stylename"), (False, False))
                walk(child, bold or b, italic or i, link, own)
                built.close()
            elif name == "list-item":
                walk(child, bold, italic, link, ITEM)
            elif name == "span":
                b, i = styles.get(child.getAttribute("stylename"), (False, False))
                walk(child, bold or b, italic or i, link, kind)
            elif name == "a":
                counter[1] += 1
                address = child.getAttribute("href") or ""
                address = "" if address.startswith("#") else address  # inside the document
                walk(child, bold, italic, (address, counter[1]), kind)
            elif name == "s":
                built.add(Run(" " * int(child.getAttribute("c") or 1), bold, italic, href))
            elif name == "tab":
                built.add(Run(" ", bold, italic, href))
            elif name == "line-break":
                built.add(Run("\n", bold, italic, href))
            elif name not in ("note", "annotation", "tracked-changes", "bookmark"):
                walk(child, bold, italic, link, kind)

    walk(document.text, False, False, None, PARAGRAPH)
    built.close()
    return built.blocks


def _odt_styles(document) -> dict[str, tuple[bool, bool]]:
    """Style name → (bold, italic), from the automatic and the common styles."""
    from odf import style as odf_style

    found: dict[str, tuple[bool, bool]] = {}
    for styles in (document.styles, document.automaticstyles):
        for item in styles.getElementsByType(odf_style.Style):
            bold = italic = False
            for props in item.getElementsByType(odf_style.TextProperties):
                bold = bold or props.getAttribute("fontweight") in ("bold", "600", "700", "800")
                italic = italic or props.getAttribute("fontstyle") in ("italic", "oblique")
            found[item.getAttribute("name")] = (bold, italic)
    return found


# --- HTML ---------------------------------------------------------------------------------

_SKIPPED = {"script", "style", "nav", "footer", "aside", "noscript", "template", "form",
            "button", "select", "svg", "iframe", "head", "title"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "blockquote", "td", "th",
           "section", "article", "main", "dd", "dt", "pre", "tr", "ul", "ol", "table",
           "address", "header", "body", "figcaption", "hr"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "col", "base"}


class _Page(HTMLParser):
    """The blocks of a page, each tagged with whether it stands in an <article> / <main>.

    Navigation, scripts, styles, asides (a draft banner) and footers are skipped; a
    <header> is skipped unless it is inside the article or main (the letter's own
    header holds its date and address).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.built = _Builder()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.skip = 0
        self.where: list[set[str]] = []  # per block: {"article", "main"} it stands in

    def _inside(self, *tags: str) -> bool:
        return any(tag in tags for tag, _ in self.stack)

    def _format(self) -> Run:
        bold = self._inside("strong", "b")
        italic = self._inside("em", "i")
        for tag, attrs in reversed(self.stack):
            if tag == "a" and "href" in attrs and not attrs["href"].startswith("#"):  # not a note
                return Run("", bold, italic, attrs["href"], int(attrs[" link"]))
            if tag == "span" and "link-unknown" in attrs.get("class", "").split():
                return Run("", bold, italic, "", int(attrs[" link"]))
        return Run("", bold, italic)

    def _close(self) -> None:
        """End the current block, noting where it stood (the stack as it is now)."""
        before = len(self.built.blocks)
        self.built.close()
        self._tag_new(before)

    def _begin(self) -> None:
        """What the next block is, from the elements now open."""
        tags = [tag for tag, _ in self.stack]
        last = next((t for t in reversed(tags) if t in _BLOCKS), "")
        self.built.kind = (TITLE if last == "h1" else HEADING if re.fullmatch(r"h[2-6]", last)
                           else ITEM if "li" in tags
                           else QUOTE if "blockquote" in tags else PARAGRAPH)
        self.built.where = f"line {self.getpos()[0]}"
        self.built.lined = False

    def _tag_new(self, before: int) -> None:
        here = {tag for tag, _ in self.stack if tag in ("article", "main")}
        self.where += [here] * (len(self.built.blocks) - before)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        values[" link"] = str(len(self.stack) + 1000 * self.getpos()[0] + self.getpos()[1])
        if tag in _VOID:
            if tag == "br" and not self.skip:
                self.built.line_break()
            elif tag == "hr" and not self.skip:
                self._close()
                self._begin()
            return
        hidden = "hidden" in values or values.get("aria-hidden") == "true" or (
            tag == "a" and values.get("href", "").startswith("#"))  # a note's mark, a way back
        skipped = tag in _SKIPPED or hidden or (tag == "header"
                                                and not self._inside("article", "main"))
        if not self.skip and tag in _BLOCKS:
            self._close()
        self.stack.append((tag, values))
        if skipped or self.skip:
            self.skip += 1
        elif tag in _BLOCKS:
            self._begin()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            top, _ = self.stack[-1]
            if self.skip:
                self.skip -= 1
                self.stack.pop()
            else:
                if top in _BLOCKS:
                    self._close()
                self.stack.pop()
                if top in _BLOCKS:
                    self._begin()
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            run = self._format()
            before = len(self.built.blocks)
            self.built.add(Run(data.replace("\n", " "), run.bold, run.italic, run.href,
                               run.link))
            self._tag_new(before)

    def blocks(self) -> list[Block]:
        self._close()
        for scope in ("article", "main"):
            if any(scope in here for here in self.where):
                return [b for b, here in zip(self.built.blocks, self.where, strict=True)
                        if scope in here]
        return self.built.blocks


def read_html(data: bytes, shown: str) -> list[Block]:
    page = _Page()
    page.feed(_decode(data, shown, _html_charset(data)))
    page.close()
    return page.blocks()


def _html_charset(data: bytes) -> str:
    found = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    return found.group(1).decode("ascii") if found else "utf-8"


# --- Markdown -----------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark")
_FOOTNOTE_NOTE = re.compile(r"(?m)^\[\^[^\]\s]+\]:[ \t]*")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\](?!:)")


def read_markdown(data: bytes, shown: str) -> list[Block]:
    # GitHub's footnotes are not CommonMark: a mark "[^1]" goes, a note "[^1]: text" is
    # its text (else "[^1]: text" may parse as a link definition and "[^1]" as a link).
    text = _FOOTNOTE_NOTE.sub("", _FOOTNOTE_REF.sub("", _decode(data, shown)))
    tokens = _MARKDOWN.parse(text)
    built = _Builder()
    context: list[str] = []
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            context.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            context.pop()
        if token.type != "inline":
            continue
        opener = tokens[i - 1]
        kind = ((TITLE if opener.tag == "h1" else HEADING) if opener.type == "heading_open"
                else QUOTE if context and context[-1] == "blockquote_open"
                else ITEM if context else PARAGRAPH)
        built.start(kind, f"line {(opener.map[0] if opener.map else 0) + 1}")
        _markdown_inline(token.children or [], built)
    built.close()
    return built.blocks


def _markdown_inline(children: list, built: _Builder) -> None:
    bold = italic = link = count = 0
    href: str | None = None
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            built.add(Run(child.content, bold > 0, italic > 0, href, link))
        elif kind == "softbreak":
            built.add(Run(" ", bold > 0, italic > 0, href, link))
        elif kind == "hardbreak":
            built.add(Run("\n"))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind.endswith("open") else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind.endswith("open") else -1
        elif kind == "link_open":
            count += 1
            href, link = str(child.attrs.get("href", "")), count
        elif kind == "link_close":
            href, link = None, 0


# --- plain text ---------------------------------------------------------------------------

_ITEM_MARK = re.compile(r"^(\s*)(?:[-*•–]|\d{1,3}[.)])\s+")
_NOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S+)\s*$")
_NOTE_REF = re.compile(r" ?\[(\d{1,3})\]")
_SUPERSCRIPTS = re.compile(r"(?<=\S)[¹²³⁴⁵⁶⁷⁸⁹⁰]+")  # a note's mark after a word
_SUPERSCRIPT_NOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+ ")
_THAI = re.compile(r"[\u0e00-\u0e7f]")  # Thai spaces phrases: a line end may have been one
THAI_SLACK = 16  # columns: a line of Thai this close to the width was wrapped
_NO_SPACES = re.compile(r"[\u0e00-\u0e7f\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def read_text(data: bytes, shown: str) -> list[Block]:
    """Paragraphs between blank lines; a line break inside one is a wrap when the next
    line's first word would not have fitted on it (text wrapped at a fixed width), a
    line of its own otherwise. Link notes ``[n] address`` at the end give the addresses
    of the ``[n]`` marks in the text (where the link's words start is not known)."""
    lines = _decode(data, shown).replace("\r\n", "\n").split("\n")
    notes = {m.group(1): m.group(2) for line in lines if (m := _NOTE.match(line.strip()))}
    # Marks of notes written "¹ Unofficial translation…" at the end go once lines are joined
    # (taken off before, they would change the widths that tell a wrap from a line break).
    marks = any(_SUPERSCRIPT_NOTE.match(line) for line in lines)
    width = max((_width(line.rstrip()) for line in lines if not _NOTE.match(line.strip())),
                default=0)
    built = _Builder()
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        found = list(_text_blocks(paragraph, width))
        for number, text, kind, guessed in found:
            if kind == BLOCK and len(paragraph) == 1 and _heading_like(text):
                kind = SHORT if built.blocks else TITLE
            elif kind == BLOCK and len(found) > 1:
                kind = LINE
            built.start(kind, f"line {number}", guessed)
            if marks and not _SUPERSCRIPT_NOTE.match(text):
                text = _SUPERSCRIPTS.sub("", text)
            _text_runs(text, notes, built)
        built.close()
        paragraph.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip() or _NOTE.match(line.strip()):
            flush()
        else:
            paragraph.append((number, line.rstrip()))
    flush()
    return built.blocks


def _text_blocks(lines: list[tuple[int, str]], width: int
                 ) -> Iterator[tuple[int, str, str, int]]:
    """(line, text, kind, joins guessed) of each block of one paragraph's lines."""
    current: list | None = None
    previous = ""
    for number, line in lines:
        mark = _ITEM_MARK.match(line)
        stripped = line.strip()
        hanging = current is not None and current[2] == ITEM and line[:1].isspace()
        if current is not None and not mark and (hanging or _wrapped(previous, stripped, width)):
            text = current[1]
            no_space = _NO_SPACES.match(text[-1:]) and _NO_SPACES.match(stripped[:1])
            joint = "" if no_space or re.search(r"\w[-‐]$", text) else " "  # none after a hyphen
            current[1] = text + joint + stripped
            current[3] += bool(_THAI.match(text[-1:]) and _THAI.match(stripped[:1]))
        else:
            if current is not None:
                yield tuple(current)
            current = [number, line[mark.end():] if mark else stripped, ITEM if mark else BLOCK, 0]
        previous = line
    if current is not None:
        yield tuple(current)


def _heading_like(text: str) -> bool:
    """A paragraph of one short line that ends no sentence: a heading, in a text file."""
    return len(text) <= 80 and not re.search(r"[.,;:!?。，；：！？،؛]$", text.rstrip("*").rstrip())


def _wrapped(previous: str, line: str, width: int) -> bool:
    """A line break is a wrap when the next line's first word would not have fitted."""
    if width < 40:
        return False
    breaker = _line_breaker()
    breaker.setText(line)
    first = line[:breaker.following(0)].rstrip()
    if _width(previous) + 1 + _width(first) > width:
        return True
    # Thai words are found with a dictionary, and the one that wrapped the file may have
    # seen a longer word than ICU's: a nearly full line of Thai ran on.
    return bool(_THAI.match(previous[-1:])) and _width(previous) >= width - THAI_SLACK


@lru_cache(maxsize=1)
def _line_breaker():
    """ICU's line breaker (the one the text editions are wrapped with): where a line of
    Thai, which has no spaces between words, may break."""
    import icu

    return icu.BreakIterator.createLineInstance(icu.Locale.getRoot())


def _text_runs(text: str, notes: dict[str, str], built: _Builder) -> None:
    at = 0
    for found in _NOTE_REF.finditer(text):
        if found.group(1) not in notes:
            continue
        built.add(Run(text[at:found.start()]))
        built.add(Run("", href=notes[found.group(1)]))
        at = found.end()
    built.add(Run(text[at:]))


def _width(text: str) -> int:
    return max(wcswidth(text), len(text) // 2)  # wcswidth is -1 for a control character


# --- the door -----------------------------------------------------------------------------

def _decode(data: bytes, shown: str, encoding: str = "utf-8") -> str:
    try:
        return data.decode(encoding if encoding.lower() != "utf-8" else "utf-8-sig")
    except (UnicodeDecodeError, LookupError):
        raise UserError(f"is not valid {encoding} text", shown,
                        hint="Save the file as UTF-8 and import it again.") from None


READERS: dict[str, Callable[[bytes, str], list[Block]]] = {
    ".docx": read_docx, ".odt": read_odt, ".html": read_html, ".htm": read_html,
    ".md": read_markdown, ".markdown": read_markdown, ".txt": read_text,
}


def read_blocks(path: Path, shown: str) -> list[Block]:
    """The blocks of ``path``, by its extension; a clear :class:`UserError` otherwise."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UserError(f"cannot import a '{path.suffix or 'extensionless'}' file", shown,
                        hint="Import a .docx, .odt, .html, .md or .txt file (save other "
                             "formats as one of these).")
    try:
        data = read_input(path, shown)
    except FileNotFoundError:
        raise UserError("file not found", shown) from None
    try:
        blocks = reader(data, shown)
    except UserError:
        raise
    except Exception as exc:  # a damaged file breaks a parser in any way it likes
        what = {".docx": "a Word file", ".odt": "an OpenDocument text file"}.get(
            path.suffix.lower(), f"a {path.suffix} file")
        raise UserError(f"cannot be read as {what}: {type(exc).__name__}: {exc}", shown,
                        hint="Is the file damaged, or saved in another format under this "
                             "name? Open it and save it again.") from None
    if not blocks:
        raise UserError("holds no text to import", shown)
    return blocks
