"""Turn a segment's markup into HTML, Markdown or plain text, and wrap plain text.

Only the segment model's nodes become markup (emphasis, strong, links to the
targets in source/letter.yaml); every character of text is escaped for the
output format, so nothing from a catalog can become HTML, a URL or a script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

import icu
from markupsafe import Markup, escape
from wcwidth import wcswidth

from letter_i18n import markup
from letter_i18n.source.letter import Link

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})
# What a line of Chinese must not split, though the line breaker may: a short parenthetical
# in full-width parentheses (a country, a region: "（国际）"), and a number with the Han
# character of its unit or classifier ("2019年", "2021年12月22日", "56段"). Tags inside a
# group are kept whole.
_TAG = r"<[^<>]*>"
_KEPT = re.compile(rf"（(?:[^（）<>]|{_TAG})+?）|(?:\d+[\u3400-\u9fff])+")
KEEP_AT_MOST = 10  # characters inside the parentheses; a longer one may wrap


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


def html(nodes: list[markup.Node], links: dict[str, Link],
         names: re.Pattern[str] | None = None) -> Markup:
    """HTML; a name of a person or organization (``names``) in the text becomes a
    ``<span class="name" translate="no">``: never translated by a browser, never
    hyphenated in print."""
    out: list[str] = []
    for node in nodes:
        if node.kind == "text":
            out.append(_text_html(node.text, names))
        elif node.kind in ("em", "strong"):
            out.append(f"<{node.kind}>{html(node.children, links, names)}</{node.kind}>")
        elif node.kind == "link":
            target = links[node.label]
            inner = html(node.children, links, names)
            if target.url:
                out.append(f'<a href="{escape(target.url)}">{inner}</a>')
            else:
                out.append(f'<span class="link-unknown">{inner}</span>')
    return Markup("".join(out))


def _text_html(text: str, names: re.Pattern[str] | None) -> str:
    if names is None:
        return str(escape(text))
    out, end = [], 0
    for match in names.finditer(text):
        out += [str(escape(text[end:match.start()])),
                f'<span class="name" translate="no">{escape(match.group())}</span>']
        end = match.end()
    return "".join([*out, str(escape(text[end:]))])


def keep_together(page: str) -> str:
    """``page`` with each group a line must not split in a ``<span class="nobr">``.

    Only the ``<body>`` is changed, and only a group whose tags are balanced.
    """
    start = page.find("<body")
    if start < 0:
        return page
    return page[:start] + _KEPT.sub(_keep, page[start:])


def _keep(match: re.Match[str]) -> str:
    group = match.group()
    inner = re.sub(_TAG, "", group)
    if inner.startswith("（") and len(inner) - 2 > KEEP_AT_MOST:
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
    return "".join(out)


def escape_markdown(text: str) -> str:
    return text.translate(_MD_SPECIAL)


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
    return "".join(out)


@lru_cache(maxsize=16)
def _line_breaker(locale: str) -> icu.BreakIterator:
    return icu.BreakIterator.createLineInstance(icu.Locale(locale))


def width(text: str) -> int:
    """Display width in a terminal: CJK counts 2 columns, combining marks 0."""
    return max(wcswidth(text), 0)


def wrap(text: str, columns: int, locale: str, first: str = "", rest: str = "") -> list[str]:
    """Wrap at ``columns`` display columns where the language allows a line break.

    ICU's line breaker (the one browsers use) finds the break opportunities:
    spaces and hyphens in Latin and Cyrillic text, between ideographs but not
    before closing punctuation in Chinese, and between words (dictionary) in
    Thai, which writes no spaces between words. No character is inserted.
    A unit wider than the line is left whole on a line of its own.
    """
    breaker = _line_breaker(locale)
    breaker.setText(text)
    bounds = [0, *breaker]
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
