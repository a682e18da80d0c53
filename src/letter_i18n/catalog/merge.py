"""Merge a fresh template into a translated catalog, with GNU msgmerge's semantics.

- An entry whose msgctxt and msgid are unchanged keeps its translation, flags
  and translator comments; extracted comments and references come from the
  template.
- A new msgid similar enough to an old translated one (msgmerge's measure:
  2·LCS / total length ≥ 0.6, here computed by RapidFuzz's Indel ratio) gets
  that translation marked ``fuzzy``, with the old msgid kept as ``#| msgid`` so
  editors show what changed. A fuzzy entry is never treated as reviewed, so a
  sentence that gains a "not" can never pass as translated.
- Everything else is new and empty.
- Drafts are labelled by translator-comment lines starting with ``draft:``
  (see :mod:`.model`); once a translator clears the fuzzy flag the entry is
  reviewed, and the next merge drops those labels.
- Old translated entries no longer in the template, and not carried over as a
  fuzzy match, become obsolete (``#~``); an obsolete entry whose text comes
  back is revived. Untranslated old entries are dropped, as msgmerge does.
"""

from __future__ import annotations

import copy
import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

import polib

from letter_i18n.catalog.gcpause import no_cyclic_gc
from letter_i18n.catalog.model import drop_draft_labels, is_translated, key, new_pofile

FUZZY_THRESHOLD = 60.0  # msgmerge's FUZZY_THRESHOLD (0.6), on RapidFuzz's 0–100 scale
_FORMAT_FLAG_SUFFIX = "-format"


@dataclass
class MergeStats:
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0
    fuzzy_ids: list[str] = field(default_factory=list)


def merge(
    template: polib.POFile, old: polib.POFile, nplurals: int
) -> tuple[polib.POFile, MergeStats]:
    """Return the merged catalog (header from ``old``) and what happened."""
    with no_cyclic_gc():
        return _merge(template, old, nplurals)


def _merge(
    template: polib.POFile, old: polib.POFile, nplurals: int
) -> tuple[polib.POFile, MergeStats]:
    stats = MergeStats()
    active = {key(e): e for e in old if not e.obsolete}
    obsolete = {key(e): e for e in old if e.obsolete}
    candidates = [e for e in old if not e.obsolete and is_translated(e)]
    search = FuzzySearch([e.msgid for e in candidates], [e.occurrences for e in candidates])
    result = new_pofile()
    result.header, result.metadata = old.header, dict(old.metadata)
    result.metadata_is_fuzzy = old.metadata_is_fuzzy
    used: set[tuple[str | None, str]] = set()

    for fresh in (e for e in template if not e.obsolete):
        k = key(fresh)
        match = active.get(k) or obsolete.get(k)
        if match is not None:
            used.add(k)
            entry = _carry(fresh, match, nplurals)
            if match.obsolete:
                stats.revived += 1
            else:
                stats.kept += 1
        else:
            best = _best_fuzzy(fresh, search, candidates)
            if best is not None:
                used.add(key(best))  # its translation lives on in the fuzzy entry
                entry = _carry(fresh, best, nplurals)
                if "fuzzy" not in entry.flags:
                    entry.flags.insert(0, "fuzzy")
                if best.previous_msgid is None or "fuzzy" not in best.flags:
                    entry.previous_msgctxt = best.msgctxt
                    entry.previous_msgid = best.msgid
                    entry.previous_msgid_plural = best.msgid_plural or None
                stats.fuzzy += 1
                stats.fuzzy_ids.append(fresh.msgid)
            else:
                entry = _blank(fresh, nplurals)
                stats.new += 1
        result.append(entry)

    for old_entry in old:
        if key(old_entry) in used:
            continue
        if old_entry.obsolete:
            result.append(copy.deepcopy(old_entry))
        elif is_translated(old_entry) or old_entry.tcomment:
            gone = copy.deepcopy(old_entry)
            gone.obsolete = True
            gone.occurrences, gone.comment = [], ""
            result.append(gone)
            stats.obsoleted += 1
    return result, stats


class FuzzySearch:
    """The old message most similar to a new one: msgmerge's measure, found faster.

    An exhaustive search compares a new message with every translated one. Most
    changed messages stay where they were, so the old message with the same
    reference is tried first; a message can only beat its score if its length
    is close enough (2·min/(sum of lengths) is an upper bound of the ratio), so
    only those are searched. The result is the one an exhaustive search gives.
    """

    def __init__(self, msgids: list[str], occurrences: list[list[tuple[str, str]]]) -> None:
        self.msgids = msgids
        self.by_place = {place: i for i, places in enumerate(occurrences) for place in places}
        self.by_length = sorted((len(m), i) for i, m in enumerate(msgids))

    def best(self, msgid: str, places: list[tuple[str, str]]) -> int | None:
        """Index of the most similar message scoring at least the threshold, or None."""
        from rapidfuzz import fuzz, process  # only when a message changed: no cost otherwise

        cutoff = FUZZY_THRESHOLD
        for place in places:
            i = self.by_place.get(place)
            if i is not None:
                # Two edit operations below its score: RapidFuzz turns a cutoff into a whole
                # number of edits, and must not round the known candidate away.
                slack = 200 / (len(msgid) + len(self.msgids[i]) or 1)
                cutoff = max(cutoff, fuzz.ratio(msgid, self.msgids[i]) - slack)
        choices = self._within(len(msgid), cutoff) if cutoff > FUZZY_THRESHOLD else None
        found = process.extractOne(msgid, choices if choices is not None else self.msgids,
                                   scorer=fuzz.ratio, score_cutoff=cutoff)
        return None if found is None else found[2]

    def _within(self, length: int, cutoff: float) -> dict[int, str]:
        """Messages whose length allows a ratio of at least ``cutoff``, in catalog order."""
        # ratio <= 200·min(a, b)/(a + b): solve for the other length at the bound.
        low = cutoff * length / (200 - cutoff)
        high = (200 - cutoff) * length / cutoff if cutoff else float("inf")
        lo = bisect_left(self.by_length, (math.floor(low),))
        hi = bisect_right(self.by_length, (math.ceil(high), len(self.msgids)))
        return {i: self.msgids[i] for i in sorted(i for _, i in self.by_length[lo:hi])}


def _best_fuzzy(fresh: polib.POEntry, search: FuzzySearch,
                candidates: list[polib.POEntry]) -> polib.POEntry | None:
    index = search.best(fresh.msgid, fresh.occurrences)
    if index is None:
        return None
    candidate = candidates[index]
    if bool(candidate.msgid_plural) != bool(fresh.msgid_plural):
        return None
    return candidate


def _carry(fresh: polib.POEntry, old: polib.POEntry, nplurals: int) -> polib.POEntry:
    """The template's entry, with the old one's translation, flags and comments."""
    entry = _blank(fresh, nplurals)
    entry.msgstr = old.msgstr
    if fresh.msgid_plural and old.msgstr_plural:
        entry.msgstr_plural = {i: old.msgstr_plural.get(i, "") for i in range(nplurals)}
    entry.tcomment = old.tcomment if "fuzzy" in old.flags else drop_draft_labels(old.tcomment)
    own_flags = [f for f in old.flags if not f.endswith(_FORMAT_FLAG_SUFFIX)]
    entry.flags = own_flags + [f for f in fresh.flags if f not in own_flags]
    if "fuzzy" in old.flags:
        entry.previous_msgctxt = old.previous_msgctxt
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgid_plural = old.previous_msgid_plural
    return entry


def _blank(fresh: polib.POEntry, nplurals: int) -> polib.POEntry:
    entry = polib.POEntry(
        msgid=fresh.msgid, msgctxt=fresh.msgctxt, msgid_plural=fresh.msgid_plural,
        comment=fresh.comment, occurrences=list(fresh.occurrences), flags=list(fresh.flags),
    )
    if fresh.msgid_plural:
        entry.msgstr_plural = dict.fromkeys(range(nplurals), "")
    return entry
