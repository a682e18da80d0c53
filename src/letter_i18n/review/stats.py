"""How far each translation is: reviewed, draft, fuzzy after a source change, untranslated.

Counted in segments and in source words (a long paragraph weighs more than a
heading). The state of each entry is :func:`letter_i18n.catalog.model.state`;
machine and team drafts are counted together as *draft*. :func:`below` is the
gate CI uses (``stats --fail-under``): the locales reviewed less than required.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import click
import polib

from letter_i18n import localetable, markup
from letter_i18n.catalog import model
from letter_i18n.catalog.pofile import read_project_po
from letter_i18n.locales import LocaleInfo
from letter_i18n.project import Project

JSON_SCHEMA = "letter-i18n/stats/1"  # bumped when a field of --format json changes
CATEGORIES = ("reviewed", "draft", "source_changed", "untranslated")
LABELS = {"reviewed": "reviewed", "draft": "draft", "source_changed": "source changed",
          "untranslated": "untranslated"}
BAR_CHARS = {"reviewed": "█", "draft": "▓", "source_changed": "▒", "untranslated": "░"}
COLORS = {"reviewed": "green", "draft": "yellow", "source_changed": "magenta",
          "untranslated": "bright_black"}


def status(entry: polib.POEntry) -> str:
    """One of :data:`CATEGORIES` for an active entry."""
    found = model.state(entry)
    return "draft" if found.is_draft else str(found)


def words(msgid: str) -> int:
    """Words of the source as a reader sees them (markup and link labels do not count)."""
    try:
        text = markup.plain_text(markup.parse(msgid, set(markup.referenced_labels(msgid))))
    except markup.MarkupError:
        text = msgid
    return len(text.split())


@dataclass
class LocaleStats:
    info: LocaleInfo
    segments: dict[str, int]
    words: dict[str, int]

    def total(self, unit: str) -> int:
        return sum(getattr(self, unit).values())

    def percent(self, unit: str, category: str) -> float:
        total = self.total(unit)
        return round(100 * getattr(self, unit)[category] / total, 1) if total else 0.0

    def to_dict(self) -> dict:
        return {"locale": self.info.code, "language": self.info.english_name,
                **{unit: {"total": self.total(unit), **getattr(self, unit),
                          "percent": {c: self.percent(unit, c) for c in CATEGORIES}}
                   for unit in ("segments", "words")}}


def of_catalog(info: LocaleInfo, catalog: polib.POFile) -> LocaleStats:
    result = LocaleStats(info, dict.fromkeys(CATEGORIES, 0), dict.fromkeys(CATEGORIES, 0))
    for entry in catalog:
        if entry.obsolete:
            continue
        category = status(entry)
        result.segments[category] += 1
        result.words[category] += words(entry.msgid)
    return result


def collect(project: Project, codes: list[str] | None = None) -> list[LocaleStats]:
    table = localetable.load(project)
    targets = [table.target(c) for c in codes] if codes else list(table.targets)
    return [of_catalog(info, read_project_po(project, project.po_path(info.code)))
            for info in targets]


@dataclass(frozen=True)
class Shortfall:
    """A locale whose reviewed share is below a required minimum (``stats --fail-under``)."""

    code: str
    share: float  # percent reviewed, exact
    minimum: float  # percent required

    def __str__(self) -> str:
        return f"{self.code}: {self.shown()}% reviewed, below --fail-under {self.minimum:g}"

    def shown(self) -> str:
        """The share as the tables round it, with more digits where that reaches the minimum.

        79.96 against 80 reads "79.96", never "80.0".
        """
        for digits in (1, 2, 3):
            text = f"{self.share:.{digits}f}"
            if float(text) < self.minimum:
                return text
        return f"{math.floor(self.share * 1000) / 1000:.3f}"


def below(stats: list[LocaleStats], minimum: float, unit: str = "segments") -> list[Shortfall]:
    """The locales whose reviewed share of ``unit`` (segments or words) is below ``minimum`` %.

    The share is compared exactly, not as the rounded percentage the tables show.
    A catalog with nothing in it has nothing left to review and is never below.
    """
    found = []
    for s in stats:
        total, reviewed = s.total(unit), getattr(s, unit)["reviewed"]
        if total and 100 * reviewed < minimum * total:
            found.append(Shortfall(s.info.code, 100 * reviewed / total, minimum))
    return found


def bar(counts: dict[str, int], width: int) -> list[tuple[str, int]]:
    """Cells per category for a stacked bar of ``width`` (largest remainders, sums to width)."""
    total = sum(counts.values())
    if not total:
        return [("untranslated", width)]
    exact = {c: counts[c] * width / total for c in CATEGORIES}
    cells = {c: int(exact[c]) for c in CATEGORIES}
    by_remainder = sorted(CATEGORIES, key=lambda c: -(exact[c] - cells[c]))
    for c in by_remainder[: width - sum(cells.values())]:
        cells[c] += 1
    return [(c, cells[c]) for c in CATEGORIES if cells[c]]


def to_json(stats: list[LocaleStats]) -> str:
    return json.dumps({"schema": JSON_SCHEMA, "locales": [s.to_dict() for s in stats]},
                      ensure_ascii=False, indent=2)


def to_markdown(stats: list[LocaleStats]) -> str:
    head = ["Language", *(LABELS[c] for c in CATEGORIES), "words reviewed"]
    rows = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for s in stats:
        cells = [f"{s.segments[c]} ({s.percent('segments', c):.1f} %)" for c in CATEGORIES]
        cells.append(f"{s.words['reviewed']}/{s.total('words')} "
                     f"({s.percent('words', 'reviewed'):.1f} %)")
        rows.append(f"| {s.info.english_name} (`{s.info.code}`) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def to_table(stats: list[LocaleStats], width: int = 24, color: bool = False) -> str:
    """A terminal table: a stacked bar per locale, then counts and percentages per unit."""
    legend = "   ".join(f"{BAR_CHARS[c]} {LABELS[c]}" for c in CATEGORIES)
    head = " " * (9 + width) + "".join(f"{LABELS[c]:>17}" for c in CATEGORIES)
    lines = [legend, "", head]
    for s in stats:
        cells = "".join(click.style(BAR_CHARS[c] * n, fg=COLORS[c]) if color else BAR_CHARS[c] * n
                        for c, n in bar(s.segments, width))
        for i, unit in enumerate(("segments", "words")):
            lead = f"{s.info.code:<8} {cells}" if i == 0 else " " * (9 + width)
            counts = "".join(f"{getattr(s, unit)[c]:>9} {s.percent(unit, c):5.1f}%"
                             for c in CATEGORIES)
            lines.append(f"{lead}{counts}  {unit}")
    return "\n".join(lines)
