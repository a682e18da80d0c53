"""Turn a segment's markup into HTML, Markdown or plain text, and wrap plain text.

Only the segment model's nodes become markup (emphasis, strong, links to the
targets in source/letter.yaml); every character of text is escaped for the
output format, so nothing from a catalog can become HTML, a URL or a script.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

import icu
from markupsafe import Markup, escape
from wcwidth import wcswidth

from letter_i18n import markup
from letter_i18n.editions import bidi
from letter_i18n.source.letter import Link

if TYPE_CHECKING:
    from letter_i18n.editions.thaiwords import Words

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})
# What a line of Chinese must not split, though the line breaker may: a parenthetical in
# full-width parentheses (a country, a region, a name: "（国际）"), and a number with the Han
# character of its unit or classifier ("2019年", "2021年12月22日", "56段"). Tags inside a
# group are kept whole.
_TAG = r"<[^<>]*>"
_KEPT = re.compile(rf"（(?:[^（）<>]|{_TAG})+?）|(?:\d+[\u3400-\u9fff])+")
KEEP_AT_MOST = 10  # characters inside the parentheses; a longer one may wrap
# A note mark in a segment (a reference to a note of the edition, not markup of a catalog):
# a node of this kind, its text the note's number.
NOTE = "note"
# Where a quotation ends, in the languages of the editions: “…” (en, th, zh), «…» (ar, es,
# fr, ru); 」 for Chinese corner brackets.
CLOSING_QUOTES = "”»」』"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_AFTER_MARK = ".,;:!?)»”’…。，、；：！？）」』】〕》"  # punctuation that may follow a note mark


def note_id(number: int | str) -> str:
    return f"quote-note-{number}"


def note_ref_id(number: int | str) -> str:
    return f"quote-ref-{number}"


def with_notes(nodes: list[markup.Node], marks: dict[str, int]) -> list[markup.Node]:
    """``nodes`` with a note mark after each quotation that a link of ``marks`` introduces:
    after the first closing quotation mark that follows the link at its level, before any
    other link; right after the link when there is none."""
    out: list[markup.Node] = []
    pending: tuple[int, int] | None = None  # (number, where in out the link ends)

    def settle() -> None:
        if pending is not None:
            out.insert(pending[1], markup.Node(NOTE, str(pending[0])))

    for node in nodes:
        if node.kind == "text" and pending is not None:
            end = next((i for i, ch in enumerate(node.text) if ch in CLOSING_QUOTES), -1)
            if end >= 0:
                out += [markup.Node("text", node.text[:end + 1]),
                        markup.Node(NOTE, str(pending[0]))]
                node, pending = markup.Node("text", node.text[end + 1:]), None
        elif node.kind == "link":
            settle()
            pending = None
        if node.kind != "text":
            node = markup.Node(node.kind, node.text, node.label,
                               with_notes(node.children, marks))
        out.append(node)
        if node.kind == "link" and node.label in marks:
            pending = (marks[node.label], len(out))
    settle()
    return [n for n in out if n.kind != "text" or n.text]
# How wide a parenthetical may be, in ems of the text, and still be kept on one line: what a
# line of a list item holds at a 390 px window (390 px less 2 × 1.25rem of page and 2.5rem
# of list padding, at 1.05rem: 18.4 ems). A wider one may break inside, at any width: kept
# whole, it would leave most of a line empty before it. Widths are estimates (ems()), within
# about 0.6 em of what Chromium sets for the letter's parentheticals; the browser tests
# hold the editions to "kept where it fits, no sideways scrolling" at 390 and 1280 px.
KEEP_EMS = 18.4
# Widths of Latin characters in Noto Serif, roughly, in ems (Han and full-width: 1 em).
LATIN_EMS = {"space": 0.26, "upper": 0.68, "other": 0.5}


# A name stands as a whole word where the letter before or after it is not Latin or Cyrillic
# (nor a digit): in Chinese or Thai, no space sets the Latin name apart.
_NAME_LETTER = "[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]"


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word occurrences of any of ``names``, longest first (None: no names)."""
    ordered = sorted({name for name in names if name}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(rf"(?<!{_NAME_LETTER})(?:" + "|".join(map(re.escape, ordered))
                      + rf")(?!{_NAME_LETTER})")


def html(nodes: list[markup.Node], links: dict[str, Link], rtl: bool = False,
         names: re.Pattern[str] | None = None) -> Markup:
    """HTML; a name of a person or organization (``names``) in the text becomes a
    ``<span class="name" translate="no">``: never translated by a browser, never
    hyphenated in print; in right-to-left text (``rtl``) each left-to-right run is
    isolated."""
    out: list[str] = []
    for i, node in enumerate(nodes):
        before = nodes[i - 1] if i else None
        after = nodes[i + 1] if i + 1 < len(nodes) else None
        if node.kind == "text":
            text = node.text
            if before is not None and before.kind == NOTE:
                text = text[_glued(text):]  # kept with the mark
            if after is not None and after.kind == NOTE:
                text = text[:-1]
            out.append(_text_html(text, names, rtl))
        elif node.kind in ("em", "strong"):
            out.append(f"<{node.kind}>{html(node.children, links, rtl, names)}</{node.kind}>")
        elif node.kind == "link":
            target = links[node.label]
            inner = html(node.children, links, rtl, names)
            if target.url:
                out.append(f'<a href="{escape(target.url)}">{inner}</a>')
            else:
                out.append(f'<span class="link-unknown">{inner}</span>')
        elif node.kind == NOTE:
            # The mark never starts a line, nor leaves the punctuation after it to start one.
            head = before.text[-1:] if before is not None and before.kind == "text" else ""
            tail = after.text[:_glued(after.text)] if after is not None and after.kind == "text" \
                else ""
            out.append(f'<span class="nobr">{escape(head)}<sup class="quote-ref">'
                       f'<a href="#{note_id(node.text)}" id="{note_ref_id(node.text)}" '
                       f'role="doc-noteref">{node.text}</a></sup>{escape(tail)}</span>')
    return Markup("".join(out))


def _text_html(text: str, names: re.Pattern[str] | None, rtl: bool) -> str:
    """Escaped text with its names marked and, in right-to-left text, its left-to-right
    runs isolated. A placeholder (filled later) is neither a run nor a name."""
    parts = markup.PLACEHOLDER.split(text)  # text, name, text, name, …, text
    return "".join(_marked(part, names, rtl) if i % 2 == 0 else f"{{{part}}}"
                   for i, part in enumerate(parts))


_CLOSE_NAME, _CLOSE_RUN, _OPEN_RUN, _OPEN_NAME = range(4)  # order of tags at one offset
_TAGS = {_CLOSE_NAME: "</span>", _CLOSE_RUN: "</bdi>", _OPEN_RUN: '<bdi dir="ltr">',
         _OPEN_NAME: '<span class="name" translate="no">'}


def _marked(text: str, names: re.Pattern[str] | None, rtl: bool) -> str:
    runs = bidi.ltr_runs(text) if rtl else []
    found = [m.span() for m in names.finditer(text)] if names else []
    # A Latin name lies inside one run; a name that would cross a run's edge (part Latin,
    # part Arabic) is not marked, so that tags always nest.
    found = [(a, b) for a, b in found
             if all(b <= s or e <= a or (s <= a and b <= e) for s, e in runs)]
    tags = sorted([(s, _OPEN_RUN) for s, _ in runs] + [(e, _CLOSE_RUN) for _, e in runs]
                  + [(a, _OPEN_NAME) for a, _ in found] + [(b, _CLOSE_NAME) for _, b in found])
    out, last = [], 0
    for at, kind in tags:
        out += [str(escape(text[last:at])), _TAGS[kind]]
        last = at
    return "".join([*out, str(escape(text[last:]))])


def _glued(text: str) -> int:
    """How much of the text after a note mark stays on its line: the punctuation that
    follows it, else the next character (not a space)."""
    run = len(text) - len(text.lstrip(_AFTER_MARK))
    return run or (1 if text[:1] and not text[0].isspace() else 0)


def keep_together(page: str) -> str:
    """``page`` with each group a line must not split in a ``<span class="nobr">``
    (a parenthetical only up to :data:`KEEP_EMS` wide).

    Only the ``<body>`` is changed, and only a group whose tags are balanced.
    """
    start = page.find("<body")
    if start < 0:
        return page
    return page[:start] + _KEPT.sub(_keep, page[start:])


def ems(text: str) -> float:
    """About how wide ``text`` is set, in ems: a full-width or Han character is one em."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else
               LATIN_EMS["space" if c.isspace() else "upper" if c.isupper() else "other"]
               for c in html_lib.unescape(text))


def _keep(match: re.Match[str]) -> str:
    group = match.group()
    wide = ems(re.sub(_TAG, "", group))
    if group.startswith("（") and wide > KEEP_EMS:
        return group[0] + _KEPT.sub(_keep, group[1:])  # numbers inside are still kept
    depth = 0
    for tag in re.findall(_TAG, group):
        if not tag.endswith("/>") and not tag.startswith(("<br", "<wbr")):
            depth += -1 if tag.startswith("</") else 1
            if depth < 0:
                return group
    if depth:
        return group
    return f'<span class="nobr">{group}</span>'


def mark_words(page: str, words: Words) -> str:
    """``page`` with its Thai set as ``words`` segments it: each word a line must not split
    in a ``<span class="w">`` (white-space: nowrap), a ``<wbr>`` between two words.

    Browsers break Thai with their own dictionary, inside compounds and names; inside a
    span they cannot, and the ``<wbr>`` gives them the breaks they would not find. Neither
    adds a character: copied and searched text is the text. Only text in ``<body>`` is
    changed, never a tag or an attribute.
    """
    from letter_i18n.editions.thaiwords import RUN

    def mark(run: re.Match[str]) -> str:
        return "<wbr>".join(f'<span class="w">{unit}</span>' if len(unit) > 1 else unit
                            for unit in words.units(run.group()))

    start = page.find("<body")
    if start < 0:
        return page
    parts = re.split(f"({_TAG})", page[start:])
    return page[:start] + "".join(part if part.startswith("<") else RUN.sub(mark, part)
                                  for part in parts)


def markdown(nodes: list[markup.Node], links: dict[str, Link]) -> str:
    """GitHub-flavoured Markdown; links as reference links (definitions at the end)."""
    out: list[str] = []
    for node in nodes:
        if node.kind == "text":
            out.append(escape_markdown(node.text))
        elif node.kind == "em":
            out.append(f"*{markdown(node.children, links)}*")
        elif node.kind == "strong":
            out.append(f"**{markdown(node.children, links)}**")
        elif node.kind == "link":
            inner = markdown(node.children, links)
            out.append(f"[{inner}][{node.label}]" if links[node.label].url else inner)
        elif node.kind == NOTE:
            out.append(f"[^{node.text}]")
    return "".join(out)


def escape_markdown(text: str) -> str:
    return text.translate(_MD_SPECIAL)


_SPACED_DASH = re.compile(" ([–—]) ")


def glue_dashes(text: str) -> str:
    """A spaced dash between two parts ("name – place", Russian "name — place") held to both
    neighbours, so that a wrapped line neither ends nor starts with the dash.

    A no-break space alone does not hold after the dash: UAX #14 (LB12a) allows a break
    between a dash and a no-break space, and Chromium and ICU take it. A word joiner
    (U+2060) forbids it."""
    return _SPACED_DASH.sub("\u00a0\\1\u2060\u00a0", text)


def isolate_text(text: str) -> str:
    """Plain text of a right-to-left edition with LRI … PDI where a line needs them."""
    return "\n".join(bidi.isolate_line(line) for line in text.split("\n"))


# Markdown that a reader never sees: escapes' backslashes, link brackets and labels
# ("][label]"), emphasis stars. Reference definitions are left as they are.
_MD_HIDDEN = re.compile(r"\\(?=.)|\]\[[^\]\n]*\]|[\[\]*]")
_MD_DEFINITION = re.compile(r"^\[[^\]]+\]: <")


def isolate_markdown(text: str) -> str:
    """Markdown of a right-to-left edition with LRI … PDI where a line needs them, judged
    on the line as a reader sees it (markup hidden) and never inside the markup."""
    lines = []
    for line in text.split("\n"):
        if _MD_DEFINITION.match(line):
            lines.append(line)
            continue
        seen, where, i = [], [], 0  # each character seen, and where it is written
        while i < len(line):
            hidden = _MD_HIDDEN.match(line, i)
            if hidden and hidden.group() != "\\":
                i = hidden.end()
                continue
            step = 2 if hidden else 1  # an escaped character is seen, with its backslash
            seen.append(line[i + step - 1])
            where.append((i, i + step))
            i += step
        visible = "".join(seen)
        for start, end in reversed(bidi.needed(visible, bidi.ltr_runs(visible))):
            first, last = where[start][0], where[end - 1][1]
            line = f"{line[:first]}{bidi.LRI}{line[first:last]}{bidi.PDI}{line[last:]}"
        lines.append(line)
    return "\n".join(lines)


def plain(nodes: list[markup.Node], links: dict[str, Link], notes: list[str]) -> str:
    """Plain text; each link with a known target gets a numbered note ``[n]``."""
    out: list[str] = []
    for node in nodes:
        if node.kind == "text":
            out.append(node.text)
        elif node.kind in ("em", "strong"):
            out.append(plain(node.children, links, notes))
        elif node.kind == "link":
            out.append(plain(node.children, links, notes))
            url = links[node.label].url
            if url:
                if url not in notes:
                    notes.append(url)
                out.append(f" [{notes.index(url) + 1}]")
        elif node.kind == NOTE:
            out.append(node.text.translate(SUPERSCRIPT))
    return "".join(out)


@lru_cache(maxsize=16)
def _line_breaker(locale: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale(locale))


def width(text: str) -> int:
    """Display width in a terminal: CJK counts 2 columns, combining marks 0."""
    return max(wcswidth(text), 0)


def wrap(text: str, columns: int, locale: str, first: str = "", rest: str = "",
         words: Words | None = None) -> list[str]:
    """Wrap at ``columns`` display columns where the language allows a line break.

    ICU's line breaker (the one browsers use) finds the break opportunities:
    spaces and hyphens in Latin and Cyrillic text, between ideographs but not
    before closing punctuation in Chinese. Between two Thai letters, ``words``
    decides when given (ICU's dictionary splits compounds and names), as it does
    for the HTML edition. No character is inserted. A unit wider than the line
    is left whole on a line of its own.
    """
    breaker = _line_breaker(locale)
    breaker.setText(text)
    bounds = [0, *breaker]
    if words is not None:
        bounds = sorted((set(bounds) - words.inside(text)) | words.breaks(text))
    units = [text[a:b] for a, b in pairwise(bounds)]
    lines: list[str] = []
    line, prefix = "", first
    for unit in units:
        candidate = line + unit
        if line and width(prefix + candidate.rstrip()) > columns:
            lines.append(prefix + line.rstrip())
            line, prefix = unit, rest
        else:
            line = candidate
    if line or not lines:
        lines.append(prefix + line.rstrip())
    return lines
