"""Import a translated file into a locale's catalog: read, align, rebuild, check, write.

The letter's segments are laid out in the order an edition shows them (title,
date, address, Cc lines, body, signatory headings), the signatory rows are taken
out by their names (:mod:`.signatories`), and the rest is aligned block by block
(:mod:`.align`). What is confident enough is written as a fuzzy draft labelled
``draft: imported from FILE (DATE); needs review``; a reviewed translation is
never replaced, a draft only when asked. Whatever the rulebook finds in an
imported text is listed: the entry is still imported, for a reviewer to mend.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from letter_i18n import clock, locales, localetable, markup, rules
from letter_i18n.catalog.model import State, imported_label, key, mark_draft, state
from letter_i18n.catalog.pofile import load_po, save_revision
from letter_i18n.catalog.update import DATE_FORMAT
from letter_i18n.drafts.imports import align, rebuild, signatories
from letter_i18n.drafts.imports.readers import Block, Run, read_blocks
from letter_i18n.errors import UserError
from letter_i18n.project import Project
from letter_i18n.source import glossary as glossary_module
from letter_i18n.source.letter import Letter, Person, load_letter
from letter_i18n.source.segments import Segment, segment_letter, template_segments

JSON_SCHEMA = "letter-i18n/import/1"  # bumped when a field of --format json changes
UNSPACED_SCRIPTS = {"Hans", "Hant", "Jpan"}  # a split paragraph joins without a space
_ANY_LABEL = re.compile(rf"^{re.escape('draft:')} ")  # every earlier draft label is replaced
_DATE_KIND = "date"
# Template strings an edition shows as the letter's own structure: imported when found.
STRUCTURE_STRINGS = ("Cc:", "Signatories", "Individual Experts and Academics")


@dataclass
class Outcome:
    """What happened to one segment."""

    msgid: str
    line: int  # of the entry in the catalog (0: not in it)
    step: str  # "1-1", "2-1" (merged in the file), "1-2" (split), "row", "vote"
    blocks: list[str]
    confidence: float
    action: str  # imported, unchanged, kept-reviewed, kept-draft, low-confidence, …
    text: str = ""
    problems: list[str] = field(default_factory=list)
    why: str = ""
    guessed: int = 0  # Thai line ends joined without a space (a wrapped text file)

    def to_dict(self) -> dict:
        return {"msgid": self.msgid, "line": self.line, "step": self.step, "blocks": self.blocks,
                "confidence": self.confidence, "action": self.action, "text": self.text,
                "problems": self.problems, "evidence": self.why}


@dataclass
class Report:
    file: str
    locale: str
    catalog: str
    outcomes: list[Outcome] = field(default_factory=list)
    merges: list[dict] = field(default_factory=list)  # blocks shared by segments, or split
    missing: list[dict] = field(default_factory=list)  # segments with nothing in the file
    unmatched: list[dict] = field(default_factory=list)  # blocks that match no segment
    written: bool = False

    def count(self, action: str) -> int:
        return sum(o.action == action for o in self.outcomes)

    def to_dict(self) -> dict:
        return {"schema": JSON_SCHEMA, "file": self.file, "locale": self.locale,
                "catalog": self.catalog, "written": self.written,
                "matched": [o.to_dict() for o in self.outcomes], "merges": self.merges,
                "missing": self.missing, "unmatched": self.unmatched}


@dataclass
class LetterUnit:
    segment: Segment | None  # None: the date line (CLDR's, not a segment)
    aligned: align.Unit


def letter_units(letter: Letter, code: str, glossary: glossary_module.Glossary) -> list[LetterUnit]:
    """The segments in the order an edition shows them, with their evidence."""
    body = [s for s in segment_letter(letter) if s.path == letter.body_path]
    data = {s.msgid: s for s in segment_letter(letter) if s.path != letter.body_path}
    structure = {s.msgid: s for s in template_segments() if s.msgid in STRUCTURE_STRINGS}
    rec = letter.recipient
    address = [data[t.text] for t in (rec.addressed_as, rec.title, rec.committee)]
    date = letter.date
    date_unit = LetterUnit(None, align.Unit(_DATE_KIND, len(f"{date:%d %B %Y}"), align.Evidence(
        numbers=align.numbers_of(f"{date.day} {date.year}"),
        optional=Counter({str(date.month): 1}))))  # "2021年12月22日"
    ordered = [body[0], *address, structure.get("Cc:"), *(data[t.text] for t in letter.cc),
               *body[1:], structure.get("Signatories"),
               structure.get("Individual Experts and Academics")]
    units = [LetterUnit(s, align.Unit(_kind(s), *_evidence(s, letter, code, glossary)))
             for s in ordered if s is not None]
    units.insert(1, date_unit)  # an edition's date follows the title
    return units


def _kind(segment: Segment) -> str:
    if segment.kind in ("title", "heading", "paragraph", "list item"):
        return segment.kind
    return "heading" if segment.msgid in STRUCTURE_STRINGS[1:] else "line"


def _evidence(segment: Segment, letter: Letter, code: str,
              glossary: glossary_module.Glossary) -> tuple[int, align.Evidence, int]:
    """(length, evidence, of the length the names) of a segment, for the aligner."""
    text = markup.plain_text(markup.parse(segment.msgid, frozenset(letter.links)))
    names: list[tuple[str, ...]] = []
    fixed = 0  # names are as long in every language's edition (written in its script)
    shown = text
    for placeholder, person in letter.persons.items():
        if f"{{{placeholder}}}" in text:
            text = text.replace(f"{{{placeholder}}}", person.name)
            shown = shown.replace(f"{{{placeholder}}}", person.name_in(code))
            names.append(tuple(dict.fromkeys(f.casefold() for f in _forms(person))))
            fixed += len(person.name_in(code))
    for name in glossary.untranslatables_in(text):
        names.append((name.casefold(),))
        fixed += len(name)
    words: list[tuple[str, ...]] = []
    for match in glossary.terms_in(text):
        rendering = match.term.renderings.get(code)
        if rendering is not None:
            words.append(tuple(form.casefold() for form in rendering.forms))
    urls = [letter.links[label].url for label in segment.links if letter.links[label].url]
    ev = align.Evidence(numbers=align.numbers_of(text),
                        urls=Counter(align.normal_url(u) for u in urls),
                        symbols=align.url_symbols(urls), names=tuple(names), words=tuple(words))
    return len(shown), ev, fixed


def _forms(person: Person) -> list[str]:
    """Every way an edition may write a person's name, longest first."""
    return sorted({person.name, *person.names.values()}, key=len, reverse=True)


def block_piece(block: Block, year_offset: int = 0) -> align.Piece:
    """A block as the aligner sees it; ``year_offset``: the locale's era (Buddhist: 543)."""
    text = block.text
    symbols = align.symbols_of(text)
    ev = align.Evidence(numbers=align.numbers_of(align.SYMBOL.sub(" ", text), year_offset),
                        urls=Counter(align.normal_url(h) for h in block.hrefs),
                        symbols=symbols, text=text.casefold())
    return align.Piece(block.kind, len(text), ev, align.cuts_of(text))


def import_file(project: Project, code: str, path: Path, *, dry_run: bool = False,
                overwrite_drafts: bool = False) -> Report:
    """Align ``path`` to the letter and write what it translates into ``code``'s catalog."""
    info = localetable.load(project).target(code)
    shown_file = project.shown(path) if path.is_absolute() else str(path)
    catalog_path = project.po_path(code)
    shown_catalog = project.shown(catalog_path)
    if not catalog_path.is_file():
        raise UserError("no catalog to import into", shown_catalog,
                        hint="Run `letter-i18n update` first: it creates the catalogs.")
    blocks = read_blocks(path, shown_file)
    _same_script(blocks, info, shown_file)
    letter = load_letter(project.source_dir, project.root)
    glossary = glossary_module.for_project(project)
    report = Report(shown_file, code, shown_catalog)
    found = signatories.find(blocks, letter, code)
    rest = [b for b in range(len(blocks)) if b not in found.claimed]
    units = letter_units(letter, code, glossary)
    pieces = [block_piece(blocks[b], info.year_offset) for b in rest]
    beads = _align([u.aligned for u in units], pieces)
    targets = {label: link.url for label, link in letter.links.items()}
    candidates = _from_beads(beads, units, [blocks[b] for b in rest], info, targets, report)
    rows = _from_rows(found, blocks, letter)
    candidates += rows
    got = {seg.msgid for seg, _, _ in rows}
    listed = [e.affiliation.text for e in letter.experts] + [
        r.name.text for r in letter.regions.values() if r.name is not None]
    report.missing += [{"msgid": m, "excerpt": rules.excerpt(m)}
                       for m in dict.fromkeys(listed) if m not in got]
    _write(project, report, candidates, info, glossary, targets, path.name, dry_run,
           overwrite_drafts, letter)
    return report


# The first word of the Unicode names of a script's letters, and what to call the script.
SCRIPT_NAMES = {"Latn": ("LATIN", "Latin"), "Arab": ("ARABIC", "Arabic"),
                "Cyrl": ("CYRILLIC", "Cyrillic"), "Thai": ("THAI", "Thai"),
                "Hans": ("CJK", "Han")}
_SHOWN = dict(SCRIPT_NAMES.values())


def _same_script(blocks: Sequence[Block], info: locales.LocaleInfo, shown: str) -> None:
    """A file in another script than the locale's is the wrong file or the wrong --locale."""
    counts: Counter[str] = Counter()
    for block in blocks:
        for ch in block.text:
            if ch.isalpha():
                counts[unicodedata.name(ch, "").split(" ")[0]] += 1
    wanted, name = SCRIPT_NAMES.get(info.script, (None, ""))
    total = sum(counts.values())
    if wanted is None or not total or counts[wanted] >= 0.3 * total:
        return
    found = counts.most_common(1)[0][0]
    raise UserError(f"the file is written in {_SHOWN.get(found, found.title())} script, not "
                    f"the {name} of {info.code}", shown,
                    hint=f"Is it the right file, and is --locale {info.code} its language?")


Candidate = tuple[Segment, Outcome, list[Run]]  # a segment, what happened, the runs for it


def _from_beads(beads: Sequence[align.Bead], units: Sequence[LetterUnit], blocks: Sequence[Block],
                info: locales.LocaleInfo, targets: dict[str, str | None], report: Report
                ) -> list[Candidate]:
    """The text each aligned segment gets (a merged block divided, a split one joined); what
    has none goes to the report."""
    candidates: list[Candidate] = []
    for bead in beads:
        chosen = [units[u] for u in bead.units]
        where = [blocks[b].where for b in bead.blocks]
        if not bead.units:
            block = blocks[bead.blocks[0]]
            report.unmatched.append({"block": block.where, "text": rules.excerpt(block.text)})
            continue
        segs = [u.segment for u in chosen if u.segment is not None]
        if not bead.blocks:
            report.missing += [{"msgid": s.msgid, "excerpt": rules.excerpt(s.msgid)} for s in segs]
            continue
        if len(segs) != len(chosen) and len(chosen) > 1:  # the date shares a block: no text
            report.merges.append({"segments": [rules.excerpt(s.msgid) for s in segs],
                                  "blocks": where, "done": "not imported: the date line "
                                  "shares this block"})
            continue
        runs_of = [blocks[b].runs for b in bead.blocks]
        guessed = sum(blocks[b].guessed for b in bead.blocks)
        step = f"{len(bead.units)}-{len(bead.blocks)}"
        if len(segs) == 2:
            parts = rebuild.split(runs_of[0], [s.msgid for s in segs], frozenset(targets),
                                  info.year_offset)
            report.merges.append({
                "segments": [rules.excerpt(s.msgid) for s in segs], "blocks": where,
                "done": "divided at a sentence end" if parts else
                "not imported: no sentence end divides the block as the segments are"})
            if parts is None:
                continue
            for seg, part in zip(segs, parts, strict=True):
                candidates.append((seg, Outcome(seg.msgid, 0, step, where, bead.confidence,
                                                "", why=bead.why, guessed=guessed), part))
            continue
        for seg in segs:
            runs = rebuild.join(runs_of, "" if info.script in UNSPACED_SCRIPTS else " ")
            if len(bead.blocks) > 1:
                report.merges.append({"segments": [rules.excerpt(seg.msgid)], "blocks": where,
                                      "done": "joined: the file splits this paragraph"})
            candidates.append((seg, Outcome(seg.msgid, 0, step, where, bead.confidence, "",
                                            why=bead.why, guessed=guessed), runs))
    return candidates


def _align(units: Sequence[align.Unit], pieces: Sequence[align.Piece]) -> list[align.Bead]:
    """Align twice: the second time with the length ratio of the first pass's 1–1 pairs,
    which a translator's note or a banner does not distort."""
    beads = align.align(units, pieces)
    pairs = [b for b in beads if len(b.units) == len(b.blocks) == 1 and b.confidence >= 0.5]
    if len(pairs) >= 3:
        ratio = align.ratio([units[b.units[0]] for b in pairs],
                            [pieces[b.blocks[0]] for b in pairs])
        beads = align.align(units, pieces, ratio)
    return beads


def _from_rows(found: signatories.Found, blocks: Sequence[Block], letter: Letter
               ) -> list[Candidate]:
    """Affiliations from the experts' rows, region names from the organizations' votes."""
    by_msgid = {s.msgid: s for s in segment_letter(letter)}
    out: list[Candidate] = []
    for index, (text, b) in sorted(found.affiliations.items()):
        seg = by_msgid[letter.experts[index].affiliation.text]
        out.append((seg, Outcome(seg.msgid, 0, "row", [blocks[b].where], 0.95, "",
                                 why=f"row of {letter.experts[index].name}"), [Run(text)]))
    for region_key, (text, confidence, rows) in sorted(found.regions.items()):
        name = letter.regions[region_key].name
        assert name is not None
        seg = by_msgid[name.text]
        out.append((seg, Outcome(seg.msgid, 0, "vote", [blocks[b].where for b in rows[:3]],
                                 confidence, "", why=f"{len(rows)} organization rows"),
                    [Run(text)]))
    return out


def _write(project: Project, report: Report, candidates: Sequence[Candidate],
           info: locales.LocaleInfo, glossary: glossary_module.Glossary,
           targets: dict[str, str | None], filename: str, dry_run: bool,
           overwrite_drafts: bool, letter: Letter) -> None:
    """Rebuild and check each text; put the confident ones the catalog may take in it."""
    catalog_path = project.po_path(info.code)
    catalog = load_po(catalog_path, report.catalog, root=project.root)
    entries = {key(entry): entry for entry in catalog if not entry.obsolete}
    now = clock.now()
    label = imported_label(filename, now.date().isoformat())
    seen: set[str] = set()
    people = letter.name_forms
    for seg, outcome, runs in candidates:
        if seg.msgid in seen:
            continue
        seen.add(seg.msgid)
        built = rebuild.rebuild(runs, seg.msgid, targets)
        text = built.text
        for placeholder, person in letter.persons.items():  # a name is its placeholder again
            if f"{{{placeholder}}}" in seg.msgid:
                for form in _forms(person):
                    text = text.replace(form, f"{{{placeholder}}}")
        outcome.text = text
        message = rules.Message(seg.msgid, text, info, glossary, people=people)
        outcome.problems = built.notes + [f"{p.severity}: {p.rule}: {p.message}"
                                          for p in rules.judge(message)]
        entry = entries.get((seg.msgctxt, seg.msgid))
        report.outcomes.append(outcome)
        if entry is None:
            outcome.action = "not-in-catalog"
            continue
        outcome.line = entry.linenum
        if outcome.confidence < align.THRESHOLD or not text:
            outcome.action = "low-confidence"
            continue
        current = state(entry)
        if outcome.guessed:
            outcome.problems.append(f"{outcome.guessed} line ends of wrapped Thai text joined "
                                    "without a space: check where a space belongs")
        same = entry.msgstr == text or (_alike(entry.msgstr, text, seg.msgid, outcome.guessed) \
            and (outcome.guessed or _worse(text, entry.msgstr, seg.msgid, info, people)))
        if current is not State.UNTRANSLATED and same:
            outcome.action = "unchanged"
        elif current is State.REVIEWED:
            outcome.action = "kept-reviewed"
        elif current is not State.UNTRANSLATED and not overwrite_drafts:
            outcome.action = "kept-draft"
        elif current is not State.UNTRANSLATED and _worse(text, entry.msgstr, seg.msgid, info,
                                                          people):
            outcome.action = "kept-draft"
            outcome.problems.append("the draft is not replaced by a text with errors it has not")
        else:
            entry.msgstr = text
            mark_draft(entry, label, replaces=_ANY_LABEL)
            outcome.action = "imported"
    report.outcomes.sort(key=lambda o: (o.line == 0, o.line))
    if dry_run:
        return
    report.written = save_revision(catalog_path, catalog, now.strftime(DATE_FORMAT))


def _spaceless(text: str) -> str:
    return re.sub(r"\s", "", text)


def _alike(old: str, new: str, source: str, guessed: int) -> bool:
    """The same text for a reader (markup aside; spaces aside where the file lost them)."""
    a, b = (rules.Message(source, text).translation_text for text in (old, new))
    return _spaceless(a) == _spaceless(b) if guessed else a == b


def _worse(new: str, old: str, source: str, info: locales.LocaleInfo,
           people: rules.People) -> bool:
    """The imported text has errors the catalog's draft has not (links a text file lost)."""
    return bool(rules.errors(source, new, info, people=people)) and \
        not rules.errors(source, old, info, people=people)


ACTIONS = {
    "imported": "imported as a draft",
    "unchanged": "the catalog already has this text",
    "kept-reviewed": "not imported: the catalog's translation is reviewed",
    "kept-draft": "not imported: the catalog has a draft (--overwrite-drafts replaces it)",
    "low-confidence": "not imported: the match is not certain enough",
    "not-in-catalog": "not imported: no such entry (run `letter-i18n update`)",
}


def to_table(report: Report, verbose: bool = False) -> str:
    """The report for a person: matched segments with confidence, then what needs a look."""
    lines = [f"{report.file} → {report.catalog}", "",
             f"{'line':>5}  {'conf':>4}  {'step':<4}  {'action':<15}  segment"]
    for o in report.outcomes:
        lines.append(f"{o.line or '-':>5}  {o.confidence:>4.2f}  {o.step:<4}  {o.action:<15}  "
                     f"{rules.excerpt(o.msgid, 50)}")
        if verbose and o.blocks:
            lines.append(f"{'':>36}from {', '.join(o.blocks)} ({o.why})")
        lines += [f"{'':>36}! {problem}" for problem in o.problems]
    if report.merges:
        lines += ["", "Merged or split in the file:"]
        lines += [f"  {', '.join(m['blocks'])}: {' + '.join(m['segments'])}: {m['done']}"
                  for m in report.merges]
    if report.missing:
        lines += ["", "Segments with nothing in the file:"]
        lines += [f"  {m['excerpt']}" for m in report.missing]
    if report.unmatched:
        lines += ["", "Blocks of the file that match no segment:"]
        lines += [f"  {u['block']}: {u['text']}" for u in report.unmatched]
    counts = ", ".join(f"{report.count(a)} {a}" for a in ACTIONS if report.count(a))
    lines += ["", f"{report.locale}: {counts or 'nothing matched'}; "
                  f"{len(report.missing)} segments not found, {len(report.unmatched)} blocks "
                  "unmatched" + ("" if report.written else " (catalog not written)")]
    return "\n".join(lines)
