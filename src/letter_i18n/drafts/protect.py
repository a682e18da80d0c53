"""What an engine may see of a segment, and how its answer becomes a msgstr, or is refused.

Why: web engines mangle Markdown ("[a] [b]", "** x **"), translate names that
must stay as they are, and rename ``{placeholders}``. So an engine is sent
sentences in which each piece of inline markup (opening and closing), each
placeholder and each do-not-translate name is a token ``[X1X]``: a shape that
engines pass through as an opaque code. Tokens are put back from a table,
tolerating what engines do to them (spaces, lower case, lost brackets), and the
result is rebuilt through :mod:`markup` and checked again: same emphasis and
links, same labels, same placeholders. A draft that cannot be made safe is
refused with a reason, never written.

Texts longer than an engine's limit are split at sentence boundaries (UAX #29),
not after abbreviations, and joined again without spaces after CJK full stops.
Plural forms are drafted from CLDR sample numbers ("21 organizations" for
Russian's first form) so the engine chooses the noun's form; the number is then
turned back into its placeholder.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from uniseg.sentencebreak import sentences

from letter_i18n import markup, rules
from letter_i18n.locales import LocaleInfo, PluralRule
from letter_i18n.markup import Piece

TOKEN = "[X{}X]"
_TOKEN = re.compile(r"\[\s*X\s*(\d{1,3})\s*X\s*\]|\bX(\d{1,3})X\b", re.IGNORECASE)
_NO_SPACE_BEFORE = set(",.)]}،。、，．")
# A sentence break after these is an abbreviation, not an end ("H.E. Ms", "i.e.", "p.").
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b[a-z]\.[a-z]|\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|Art|Arts|para|paras|cf|vs|"
    r"etc|e\.g|i\.e|p|pp|Vol|Ph\.D|J\.D))\.\s*$")
# Digits as engines write numbers: 1000000, 1,000,000, 1 000 000, 1.000.000, ١٠٠٠.
_NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+(?!\d)|\d+")


class Rejected(ValueError):
    """An answer that cannot become a draft; ``str()`` says why, for the report."""


@dataclass(frozen=True)
class Protected:
    """A source text as the engine sees it, with the tokens' table."""

    original: str  # the English text as in the catalog
    text: str  # what is sent (tokens instead of markup, names and placeholders)
    tokens: Mapping[int, Piece]
    labels: frozenset[str]
    number: int | None = None  # plural sample standing for ``placeholder``
    placeholder: str = ""
    locale: LocaleInfo | None = None  # the draft's language: which digits are its own

    @property
    def translatable(self) -> bool:
        """Whether anything but tokens, digits and punctuation is left to translate."""
        return any(ch.isalpha() for ch in _TOKEN.sub("", self.text))


def protect(text: str, labels: frozenset[str], names: Mapping[str, str],
            number: int | None = None, placeholder: str = "",
            locale: LocaleInfo | None = None) -> Protected:
    """Replace markup, placeholders and ``names`` (source -> what to put back) by tokens.

    With ``number``, ``placeholder`` in ``text`` is replaced by that number
    (a plural sample) instead of a token. Raises :class:`markup.MarkupError`
    for text outside the segment model and :class:`Rejected` for text that
    already looks like a token.
    """
    if _TOKEN.search(text):
        raise Rejected("the source text contains something that looks like a token ([X1X])")
    sample = text.replace(placeholder, str(number)) if number is not None else text
    items, tokens = markup.tokenize(sample, labels, names)
    sent = "".join(item if isinstance(item, str) else TOKEN.format(item) for item in items)
    return Protected(text, sent, tokens, frozenset(labels), number, placeholder, locale)


def restore(p: Protected, answer: str | None) -> tuple[str, list[str]]:
    """The msgstr for an engine's ``answer``, and the repairs made; raises :class:`Rejected`."""
    repairs: list[str] = []
    if answer is None or not answer.strip():
        raise Rejected("the engine's answer is empty")
    _plausible_length(p, answer)
    if "\n" in answer.strip() and "\n" not in p.text.strip():
        answer = re.sub(r"\s*\n\s*", " ", answer)
        repairs.append("line breaks the source does not have")
    found = list(_TOKEN.finditer(answer))
    numbers = [int(m.group(1) or m.group(2)) for m in found]
    invented = sorted(set(numbers) - set(p.tokens))
    if invented:
        raise Rejected(f"the engine's answer has tokens that were not sent: {invented}")
    lost = [p.tokens[n].shown() for n in p.tokens if n not in numbers]
    if lost:
        raise Rejected(f"the engine lost {', '.join(lost)}")
    repeated = sorted(n for n, count in Counter(numbers).items() if count > 1)
    if repeated:
        raise Rejected(f"the engine repeated {', '.join(p.tokens[n].shown() for n in repeated)}")
    if any(m.group(0) != TOKEN.format(n) for m, n in zip(found, numbers, strict=True)):
        repairs.append("tokens respelled by the engine")

    items: list[str | int] = []
    position = 0
    for m, n in zip(found, numbers, strict=True):
        items += [answer[position:m.start()], n]
        position = m.end()
    items.append(answer[position:])
    try:
        nodes = markup.rebuild(items, p.tokens)
    except markup.Misplaced as error:
        raise Rejected(f"the engine moved {error.piece.shown()} out of place") from None
    nodes = _tidy(nodes, repairs)
    if "  " not in p.original and _collapse_spaces(nodes):
        repairs.append("doubled spaces")
    if p.number is not None:
        _number_to_placeholder(nodes, p.number, p.placeholder)

    result = markup.serialize(nodes).strip()
    lead = p.original[:len(p.original) - len(p.original.lstrip())]
    trail = p.original[len(p.original.rstrip()):]
    if (lead or trail) and not (answer.startswith(lead) and answer.endswith(trail)):
        repairs.append("leading or trailing whitespace")
    result = lead + result + trail
    check(p, result)
    return result, list(dict.fromkeys(repairs))


# How long a translation from English may be, in characters, against its source: the
# widest range most languages need (Russian and Arabic run to half as long again), with
# slack for short texts; a language outside it says so in locales.toml (Chinese runs to
# about a third of the English: draft-length-ratio).
_DEFAULT_RATIO = (0.25, 3.5)
_LENGTH_SLACK = 24


def _plausible_length(p: Protected, answer: str) -> None:
    """Refuse an answer whose length says it is not a translation of the text sent."""
    low, high = (p.locale.length_ratio if p.locale else None) or _DEFAULT_RATIO
    sent, got = len(p.text), len(answer.strip())
    if got > high * sent + _LENGTH_SLACK:
        raise Rejected(f"the answer is {got / sent:.0f} times as long as the text sent "
                       f"({got:,} characters for {sent:,}): not a translation of it")
    if got < low * sent - _LENGTH_SLACK:
        raise Rejected(f"the answer is {got:,} characters for {sent:,} sent: too short to "
                       "be a translation of it")


def _tidy(nodes: list[markup.Node], repairs: list[str]) -> list[markup.Node]:
    """Merge text; move spaces at the inner edges of emphasis and links outside ("** x **")."""
    tidy: list[markup.Node] = []
    for node in nodes:
        if node.kind == "text":
            if tidy and tidy[-1].kind == "text":
                tidy[-1].text += node.text
            elif node.text:
                tidy.append(node)
            continue
        node.children = _tidy(node.children, repairs)
        inner = markup.plain_text(node.children)
        if not inner.strip():
            raise Rejected(f"the engine left {markup.what(node.kind, node.label)} around nothing")
        before = inner[:len(inner) - len(inner.lstrip())]
        after = inner[len(inner.rstrip()):]
        if before or after:
            repairs.append("spaces inside emphasis or links")
            _strip_edges(node.children)
            if before and tidy and tidy[-1].kind == "text" and not tidy[-1].text[-1:].isspace():
                tidy[-1].text += " "
            tidy.append(node)
            if after:
                tidy.append(markup.Node("text", " "))
        else:
            tidy.append(node)
    merged: list[markup.Node] = []
    for node in tidy:
        if node.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1].text += node.text
        else:
            merged.append(node)
    # Spaces an engine put between a link or emphasis and a comma or full stop ("*x* ,").
    for before, node in itertools.pairwise(merged):
        if before.kind != "text" and node.kind == "text" \
                and node.text.lstrip(" ")[:1] in _NO_SPACE_BEFORE and node.text[:1] == " ":
            node.text = node.text.lstrip(" ")
            repairs.append("spaces before punctuation")
    return merged


def _strip_edges(children: list[markup.Node]) -> None:
    if children and children[0].kind == "text":
        children[0].text = children[0].text.lstrip()
    elif children:
        _strip_edges(children[0].children)
    if children and children[-1].kind == "text":
        children[-1].text = children[-1].text.rstrip()
    elif children:
        _strip_edges(children[-1].children)


def _collapse_spaces(nodes: list[markup.Node]) -> bool:
    changed = False
    for node in nodes:
        if node.kind == "text" and "  " in node.text:
            node.text = re.sub(r" {2,}", " ", node.text)
            changed = True
        changed = _collapse_spaces(node.children) or changed
    return changed


def _number_to_placeholder(nodes: list[markup.Node], number: int, placeholder: str) -> None:
    """Turn the plural sample back into its placeholder; it must appear exactly once."""
    spots = [(node, m) for node in _text_nodes(nodes) for m in _NUMBER.finditer(node.text)
             if _value(m.group(0)) == number]
    if len(spots) != 1:
        raise Rejected(f"the number {number} standing for {placeholder} came back "
                       f"{len(spots)} times")
    node, m = spots[0]
    node.text = node.text[:m.start()] + placeholder + node.text[m.end():]


def _text_nodes(nodes: list[markup.Node]) -> list[markup.Node]:
    found: list[markup.Node] = []
    for node in nodes:
        found += [node] if node.kind == "text" else _text_nodes(node.children)
    return found


def _value(digits: str) -> int:
    return int("".join(ch for ch in digits if ch.isdigit()))


def check(p: Protected, result: str) -> None:
    """Refuse a msgstr whose markup nests differently or that breaks a rule of the rulebook."""
    if not result.strip():
        raise Rejected("the draft is empty")
    try:
        nodes = markup.parse(result, p.labels)
    except markup.MarkupError:
        nodes = None  # the rulebook says what is wrong
    if nodes is not None and sorted(_shape(nodes)) != sorted(
            _shape(markup.parse(p.original, p.labels))):
        raise Rejected("emphasis or links do not come out as in the source "
                       "(CommonMark cannot place them around this text)")
    problems = rules.errors(p.original, result, p.locale)
    if problems:
        raise Rejected(f"the draft breaks the {problems[0].rule} rule: {problems[0].message}")
    if result.strip() == p.original.strip():
        raise Rejected("the engine's answer is the source text, unchanged")


def _shape(nodes: list[markup.Node], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Each emphasis and link with what it sits in: equal shapes, equal markup."""
    found: list[tuple[str, ...]] = []
    for node in nodes:
        if node.kind != "text":
            here = (*path, f"{node.kind}:{node.label}")
            found.append(here)
            found += _shape(node.children, here)
    return found


# -- long texts ---------------------------------------------------------------------------

def split(text: str, limit: int) -> list[tuple[str, str]]:
    """Pieces of ``text`` of at most ``limit`` characters, each with the space that followed it.

    Pieces end at sentence boundaries where possible; a sentence longer than the
    limit is cut at its last space before the limit (or, without one, at the limit).
    """
    if len(text) <= limit:
        return [(text, "")]
    units: list[str] = []
    for sentence in sentences(text):
        if units and _ABBREVIATION.search(units[-1]):
            units[-1] += sentence
        else:
            units.append(sentence)
    pieces: list[str] = []
    for unit in units:
        while len(unit.rstrip()) > limit:
            cut = unit.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            pieces.append(unit[:cut + (unit[cut:cut + 1] == " ")])
            unit = unit[len(pieces[-1]):]
        if pieces and len(pieces[-1]) + len(unit.rstrip()) <= limit \
                and pieces[-1][-1:].isspace():
            pieces[-1] += unit
        else:
            pieces.append(unit)
    return [(piece.rstrip(), piece[len(piece.rstrip()):]) for piece in pieces if piece.strip()]


def join(translations: list[str], separators: list[str]) -> str:
    """Put translated pieces together; no space after a full-width (CJK) character."""
    out = ""
    for translation, separator in zip(translations, separators, strict=True):
        out += translation.strip()
        if separator and out and unicodedata.east_asian_width(out[-1]) in ("W", "F"):
            separator = ""
        out += separator
    return out


# -- plural forms -------------------------------------------------------------------------

_SAMPLE_CANDIDATES = (*range(0, 201), 1000, 10000, 100000, 1000000)


def plural_samples(rule: PluralRule) -> list[int]:
    """A number for each form of a plural rule.

    The smallest n >= 2 that selects the form (engines keep such digits rather
    than spelling out "one"), else 1, else 0.
    """
    samples: list[int | None] = [None] * rule.nplurals
    for n in _SAMPLE_CANDIDATES:
        form = rule.form(n)
        if form < rule.nplurals and (samples[form] is None or _rank(n) < _rank(samples[form])):
            samples[form] = n
    missing = [i for i, n in enumerate(samples) if n is None]
    if missing:
        raise ValueError(f"no number selects plural form {missing[0]} of {rule.header}")
    return [n for n in samples if n is not None]


def _rank(n: int) -> int:
    return 0 if n >= 2 else 1 if n == 1 else 2
