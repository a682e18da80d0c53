"""Which blocks of a translated file translate which segments of the letter.

Gale and Church's length-based dynamic programme (1993), with the evidence a
letter offers on top of lengths. A unit is a segment in reading order; a block is
what the file holds. Every step of the programme pairs a few of each, at a cost:

- the prior of the step: 1–1 is usual; 2–1 (paragraphs merged), 1–2 (a paragraph
  split), 1–0 (left out) and 0–1 (a translator's note, a banner) are rare;
- structure: a heading paired with a paragraph, or a list item with a heading, is
  unlikely (blocks of a plain-text file have no known kind and cost nothing);
- invariants: what does not change across languages — numbers (Thai may write
  years in the Buddhist Era), link addresses, names never translated, and the
  glossary's renderings in the target language. Each one found lowers the cost;
  each missing, or each number or address the blocks have and the units do not,
  raises it;
- length: the blocks' length against the units' length times the file's ratio,
  as a normal deviate (Gale–Church's δ).

The programme runs in a band around the diagonal, widened until the best path
no longer touches its edge, so a long document aligns in seconds. Each step of
the best path gets a confidence from its own evidence.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

_NUMBER = re.compile(r"\d+")
# Where a sentence ends (and the next may start a paragraph of its own).
SENTENCE_END = re.compile(r"(?<=[.!?։。！？؟])[\"”»’)]*\s+|(?<=[。！？])")
_HALF_ROOT = math.sqrt(0.5)
NO_CUT = 6.0  # cost of a merge whose block has no sentence end where the first unit would end
# Log-priors of the steps (Gale and Church's estimates, rounded): (units, blocks) → cost.
STEPS: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89), (1, 0): -math.log(0.02), (0, 1): -math.log(0.02),
    (2, 1): -math.log(0.045), (1, 2): -math.log(0.045)}
VARIANCE = 6.8  # Gale–Church's s² per character, for a ratio of 1
FOUND, MISSING, UNEXPECTED = 1.0, 2.5, 1.5  # invariant weights in the cost
WORD_WEIGHT = 0.5  # a name or term counts half a number or address: a term recurs
# How unlikely a unit of one kind is as a block of another (missing pairs: 0).
KIND_COST: dict[tuple[str, str], float] = {
    **{("title", k): c for k, c in (("heading", 1), ("paragraph", 2), ("list item", 4),
                                     ("quote", 3))},
    **{("heading", k): c for k, c in (("title", 1), ("paragraph", 3), ("list item", 4),
                                       ("quote", 3))},
    **{("paragraph", k): c for k, c in (("title", 4), ("heading", 4), ("list item", 1.5),
                                         ("quote", 1), ("short line", 1))},
    **{("list item", k): c for k, c in (("title", 4), ("heading", 4), ("paragraph", 1.5),
                                         ("quote", 1.5), ("short line", 1))},
    **{("line", k): c for k, c in (("title", 3), ("heading", 2), ("list item", 1),
                                    ("quote", 1), ("paragraph", 0.3))},
    # A line of a paragraph broken into lines is an address or Cc line, not running text.
    **{(k, "line"): c for k, c in (("title", 2), ("heading", 2), ("paragraph", 1.5),
                                    ("list item", 1))},
}
THRESHOLD = 0.5  # below this confidence a step is reported, and nothing is imported
BAND = 16  # first half-width of the band (widened as needed)
SHORT = 10  # characters: below this, a length is measured as this long


@dataclass
class Evidence:
    """What does not change across languages, of one unit or one block."""

    numbers: Counter[str] = field(default_factory=Counter)
    urls: Counter[str] = field(default_factory=Counter)
    # Names (casefolded), each with the forms an edition may write it in: as good as numbers.
    names: tuple[tuple[str, ...], ...] = ()
    words: tuple[tuple[str, ...], ...] = ()  # per glossary term: its accepted forms (casefolded)
    optional: Counter[str] = field(default_factory=Counter)  # numbers neither needed nor odd
    # UN document symbols ("A/HRC/41/41"): a unit's from its links' addresses, welcome in
    # the translation's text but not needed; a block's from its text, odd in another unit.
    symbols: Counter[str] = field(default_factory=Counter)
    text: str = ""  # casefolded plain text (blocks)


@dataclass
class Unit:
    kind: str  # title, heading, paragraph, list item, line (of the address), date
    length: int  # characters of plain text
    evidence: Evidence
    fixed: int = 0  # of the length: names, the same length in every language


@dataclass
class Piece:
    kind: str
    length: int
    evidence: Evidence
    cuts: tuple[int, ...] = ()  # where sentences end inside the block (character offsets)


def cuts_of(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in SENTENCE_END.finditer(text) if 0 < m.end() < len(text))


def within(cut: int, expected: float, length: int) -> bool:
    """A cut is where a merged block may divide when it falls near where the first
    segment's share of the length says, and its part is neither half nor twice that."""
    return abs(cut - expected) <= max(12, 0.15 * length) and \
        expected / 2 <= cut <= max(expected * 2, expected + 12)


@dataclass(frozen=True)
class Bead:
    """One step of the best path: these units are translated by these blocks."""

    units: tuple[int, ...]
    blocks: tuple[int, ...]
    confidence: float
    why: str  # the evidence, in words, for the report


def numbers_of(text: str, era_offset: int = 0) -> Counter[str]:
    """Numbers as ASCII digits, whatever the script; a year in another era counts as ours."""
    found: Counter[str] = Counter()
    for run in _NUMBER.findall(text):
        digits = "".join(str(unicodedata.decimal(ch, 0)) for ch in run)
        value = int(digits) if len(digits) < 6 else -1
        if era_offset and 1900 + era_offset <= value <= 2100 + era_offset:
            digits = str(value - era_offset)
        found[digits.lstrip("0") or "0"] += 1
    return found


SYMBOL = re.compile(r"(?<![\w/])[A-Z]{1,4}(?:/[A-Z0-9][A-Za-z0-9.]*){2,}")  # A/RES/74/146


def symbols_of(text: str) -> Counter[str]:
    """Document symbols written in a text (not inside a web address)."""
    return Counter(SYMBOL.findall(text))


def url_symbols(urls: Sequence[str]) -> Counter[str]:
    """Document symbols that UN document addresses name (undocs.org/A/HRC/41/41)."""
    found: Counter[str] = Counter()
    for url in urls:
        host, _, path = normal_url(url).partition("/")
        if host.endswith("undocs.org") and SYMBOL.fullmatch(path):
            found[path] += 1
    return found


def normal_url(url: str) -> str:
    """An address as compared: no scheme, no "www.", no trailing slash, host in lower case."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.I)
    host, _, path = rest.partition("/")
    return f"{host.lower().removeprefix('www.')}/{path}".rstrip("/")


def ratio(units: Sequence[Unit], pieces: Sequence[Piece]) -> float:
    """Characters of translation per character of source, over the whole file."""
    fixed = sum(u.fixed for u in units)
    source = sum(u.length for u in units) - fixed
    return max(0.05, (sum(p.length for p in pieces) - fixed) / max(source, 1))


class _Scorer:
    def __init__(self, units: Sequence[Unit], pieces: Sequence[Piece], ratio_: float) -> None:
        self.units, self.pieces, self.c = units, pieces, ratio_
        self.hard = [sum(u.evidence.numbers.values()) + sum(u.evidence.urls.values())
                     + len(u.evidence.names) for u in units]
        self.expected = [hard + WORD_WEIGHT * len(u.evidence.words)
                         for hard, u in zip(self.hard, units, strict=True)]
        self.spread = math.sqrt(VARIANCE) * ratio_
        self.fixed = [u.fixed for u in units]
        self.ulen = [u.length - u.fixed for u in units]
        self.plen = [p.length for p in pieces]
    def evidence(self, us: range, bs: range) -> tuple[float, float, float, int]:
        """Invariants of units ``us`` in blocks ``bs``: (found, missing, of the missing the
        terms, unexpected); a term weighs :data:`WORD_WEIGHT`."""
        if len(us) == 1:
            ev = self.units[us[0]].evidence
            numbers, optional, urls, words = ev.numbers, ev.optional, ev.urls, ev.words
            names = ev.names
        else:
            numbers, optional, urls, words, names = Counter(), Counter(), Counter(), (), ()
            for u in us:
                ev = self.units[u].evidence
                numbers.update(ev.numbers)
                optional.update(ev.optional)
                urls.update(ev.urls)
                words += ev.words
                names += ev.names
        if len(bs) == 1:
            block = self.pieces[bs[0]].evidence
            have_n, have_u, text = block.numbers, block.urls, block.text
        else:
            have_n, have_u = Counter(), Counter()
            for b in bs:
                have_n.update(self.pieces[b].evidence.numbers)
                have_u.update(self.pieces[b].evidence.urls)
            text = " ".join(self.pieces[b].evidence.text for b in bs)
        hard = soft = 0.0
        unexpected = 0
        have_s = self.pieces[bs[0]].evidence.symbols if len(bs) == 1 else sum(
            (self.pieces[b].evidence.symbols for b in bs), Counter())
        if have_s:
            symbols = Counter() if len(us) > 1 else self.units[us[0]].evidence.symbols
            if len(us) > 1:
                for u in us:
                    symbols.update(self.units[u].evidence.symbols)
            for k, n in have_s.items():
                hard += min(n, symbols.get(k, 0))
                unexpected += max(0, n - symbols.get(k, 0))
        for k, n in numbers.items():
            hard += min(n, have_n.get(k, 0))
        for k, n in urls.items():
            hard += min(n, have_u.get(k, 0))
        for forms, n in Counter(names).items():
            hard += min(n, max(text.count(form) for form in forms))
        for forms, n in Counter(words).items():  # a term found as often as the text has it
            soft += WORD_WEIGHT * min(n, max(text.count(form) for form in forms))
        for k, n in have_n.items():
            unexpected += max(0, n - numbers.get(k, 0) - optional.get(k, 0))
        for k, n in have_u.items():
            unexpected += max(0, n - urls.get(k, 0))
        found = hard + soft
        return found, sum(self.expected[u] for u in us) - found, \
            WORD_WEIGHT * len(words) - soft, unexpected

    def length_p(self, us: range, bs: range) -> float:
        fixed = sum(self.fixed[us.start:us.stop])
        source = sum(self.ulen[us.start:us.stop])
        target = sum(self.plen[bs.start:bs.stop]) - fixed
        # A few characters say little: short lines are measured as if of SHORT characters.
        delta = (target - self.c * source) / (math.sqrt(max(source, SHORT)) * self.spread)
        return math.erfc(abs(delta) * _HALF_ROOT)

    def cut_cost(self, us: range, bs: range) -> float:
        """Two units in one block: is there a sentence end where the first would end?"""
        if len(us) < 2:
            return 0.0
        piece = self.pieces[bs[0]]
        first = self.units[us[0]].length
        both = self.units[us[0]].length + self.units[us[1]].length
        expected = piece.length * first / max(both, 1)
        return 0.0 if any(within(c, expected, piece.length) for c in piece.cuts) else NO_CUT

    def kind_cost(self, us: range, bs: range) -> float:
        if len(us) == len(bs) == 1:
            return KIND_COST.get((self.units[us[0]].kind, self.pieces[bs[0]].kind), 0.0)
        return sum(KIND_COST.get((self.units[u].kind, self.pieces[b].kind), 0.0)
                   for u in us for b in bs) / max(1, len(bs) if len(us) == 1 else 1)

    def cost(self, us: range, bs: range, budget: float = math.inf) -> float:
        """The step's cost; ``math.inf`` as soon as it cannot come under ``budget``."""
        step = STEPS[(len(us), len(bs))]
        if not us or not bs:  # a unit left out misses its numbers and addresses (terms recur)
            return step + MISSING * sum(self.hard[us.start:us.stop])
        base = step - math.log(max(self.length_p(us, bs), 1e-300)) + self.kind_cost(us, bs) \
            + self.cut_cost(us, bs)
        if base - FOUND * sum(self.expected[us.start:us.stop]) >= budget:
            return math.inf  # even finding every invariant would not make it the best
        found, missing, _, unexpected = self.evidence(us, bs)
        return base - FOUND * found + MISSING * missing + UNEXPECTED * unexpected

    def bead(self, us: range, bs: range) -> Bead:
        if not us or not bs:
            return Bead(tuple(us), tuple(bs), 0.0, "")
        found, missing, soft, unexpected = self.evidence(us, bs)
        p = self.length_p(us, bs)
        # A missing number or address is strong evidence against; a term rendered
        # otherwise than the glossary says (an inflection, a synonym), weak.
        score = (2.0 + min(found, 3) - 3.0 * (missing - soft) - 0.5 * soft - 2.0 * unexpected
                 - self.kind_cost(us, bs) - self.cut_cost(us, bs) + 0.8 * math.log(max(p, 1e-12)))
        if len(us) + len(bs) > 2:
            score -= 0.5
        confidence = 1 / (1 + math.exp(-score))
        why = f"length {p:.2f}, {found:g} invariants found" + (
            f", {missing:g} missing" if missing else "") + (
            f", {unexpected} unexpected" if unexpected else "")
        return Bead(tuple(us), tuple(bs), round(confidence, 2), why)


def align(units: Sequence[Unit], pieces: Sequence[Piece], ratio_: float | None = None
          ) -> list[Bead]:
    """The best path through units and blocks, as beads in order (every unit and block once).

    ``ratio_``: characters of translation per source character (default: the whole file's).
    """
    scorer = _Scorer(units, pieces, ratio_ or ratio(units, pieces))
    band = BAND
    while True:
        path, touched = _programme(scorer, len(units), len(pieces), band)
        if not touched or band >= max(len(units), len(pieces)):
            return [scorer.bead(us, bs) for us, bs in path]
        band *= 2


def _programme(scorer: _Scorer, n: int, m: int, band: int
               ) -> tuple[list[tuple[range, range]], bool]:
    """Dynamic programme in a band of half-width ``band`` around the diagonal."""
    inf = math.inf
    slope = m / n if n else 0.0

    def window(i: int) -> range:
        centre = round(i * slope)
        return range(max(0, centre - band), min(m, centre + band) + 1)

    cost: list[dict[int, float]] = [dict() for _ in range(n + 1)]
    back: list[dict[int, tuple[int, int]]] = [dict() for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in window(i):
            if i == 0 and j == 0:
                continue
            best, step = inf, (0, 0)
            for (du, db) in STEPS:
                pi, pj = i - du, j - db
                if pi < 0 or pj < 0:
                    continue
                before = cost[pi].get(pj)
                if before is None:
                    continue
                total = before + scorer.cost(range(pi, i), range(pj, j), best - before)
                if total < best:
                    best, step = total, (du, db)
            if best < inf:
                cost[i][j] = best
                back[i][j] = step
    if m not in cost[n]:
        return [], True
    path: list[tuple[range, range]] = []
    i, j, touched = n, m, False
    while i or j:
        w = window(i)
        touched = touched or (band < max(n, m) and (j in (w.start, w.stop - 1)
                                                    and j not in (0, m)))
        du, db = back[i][j]
        path.append((range(i - du, i), range(j - db, j)))
        i, j = i - du, j - db
    path.reverse()
    return path, touched
