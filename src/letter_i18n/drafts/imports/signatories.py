"""The signatory list of a translated file, found by the names that are never translated.

Every organization and expert keeps its name in every language, so a block that
starts (or ends) with one is a row of the list, wherever the file puts it, in
whatever order and numbering. An expert's row minus the name is the translated
title and affiliation; an organization working in a region CLDR cannot name
("International", "Arab Region") gives that region's name, agreed by a vote of its
rows. A list reformatted as one paragraph, or left out, gives nothing: its
segments are then reported as not found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from letter_i18n.drafts.imports.readers import Block
from letter_i18n.source.letter import Letter

_NUMBERING = re.compile(r"^\s*(?:\d{1,3}|[\u0660-\u0669\u06f0-\u06f9\u0e50-\u0e59]{1,3})[.)]\s*")
_SEPARATORS = " \t,،、，:：;；–—-|/"
_BRACKETS = {"(": ")", "（": "）", "[": "]"}
MIN_ROWS = 3  # fewer rows than this is a name mentioned in a paragraph, not a list
ROW_SLACK = 400  # characters a row may hold besides the name


@dataclass
class Found:
    """What the rows gave: a text per expert (index) and per region key, with its rows."""

    claimed: set[int] = field(default_factory=set)  # indices of the blocks that are rows
    affiliations: dict[int, tuple[str, int]] = field(default_factory=dict)  # expert → (text, block)
    regions: dict[str, tuple[str, float, list[int]]] = field(default_factory=dict)


def _names_pattern(names: Sequence[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in ordered))


def find(blocks: Sequence[Block], letter: Letter, code: str) -> Found:
    org_names: dict[str, int] = {}
    for index, org in enumerate(letter.organizations):
        org_names[org.name] = index
        if code in org.names:
            org_names[org.names[code]] = index
    experts = {expert.name: index for index, expert in enumerate(letter.experts)}
    pattern = _names_pattern([*org_names, *experts])
    rows: list[tuple[int, str, str]] = []  # (block, name, rest)
    for b, block in enumerate(blocks):
        text = _NUMBERING.sub("", block.text)
        name = _row_name(text, pattern)
        if name is not None and len(text) - len(name) <= ROW_SLACK:
            rows.append((b, name, _rest(text, name)))
    found = Found()
    if len(rows) < MIN_ROWS:
        return found
    votes: dict[str, Counter[str]] = {}
    where: dict[str, list[int]] = {}
    for b, name, rest in rows:
        found.claimed.add(b)
        if name in experts:
            if rest:
                found.affiliations.setdefault(experts[name], (rest, b))
            continue
        org = letter.organizations[org_names[name]]
        region = letter.regions.get(org.region) if org.region else None
        if org.country is None and region is not None and region.name is not None and rest:
            votes.setdefault(region.key, Counter())[rest] += 1
            where.setdefault(region.key, []).append(b)
    for key, counted in votes.items():
        text, count = counted.most_common(1)[0]
        total = sum(counted.values())
        # One row alone is thin evidence; rows that disagree, thinner.
        confidence = round(count / total * (0.95 if count >= 2 else 0.7), 2)
        found.regions[key] = (text, confidence, where[key])
    return found


def _row_name(text: str, pattern: re.Pattern[str]) -> str | None:
    """The name a row starts or ends with (a right-to-left row may put it last)."""
    match = pattern.match(text)
    if match and _bounded(text, match.end()):
        return match.group(0)
    for match in pattern.finditer(text):
        if match.end() == len(text.rstrip(" .")) and match.start() > 0:
            return match.group(0)
    return None


def _bounded(text: str, end: int) -> bool:
    return end == len(text) or not text[end].isalnum()


def _rest(text: str, name: str) -> str:
    """The row without the name and the separators around it."""
    rest = text[len(name):] if text.startswith(name) else text[:text.rfind(name)]
    rest = rest.strip(_SEPARATORS)
    if rest[:1] in _BRACKETS and rest.endswith(_BRACKETS[rest[0]]) and \
            rest.count(rest[0]) == 1:  # "Access Now（国际）"
        rest = rest[1:-1].strip()
    return rest
