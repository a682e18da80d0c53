"""Split the letter into translatable segments: one per block, in reading order.

A segment is what a translator translates as a unit: a heading, a paragraph,
a list item, a line of the recipient block, a region name, an expert's title
and affiliation, or a string of the edition templates. Organization and person
names are not segments (they are not translated), and neither are country
names (CLDR provides them at render time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.ext import babel_extract
from markdown_it import MarkdownIt

from letter_i18n import markup, rules
from letter_i18n.errors import UserError
from letter_i18n.files import write_if_changed
from letter_i18n.source.letter import Letter, Text
from letter_i18n.templating import (
    EXTRACT_OPTIONS,
    KEYWORDS,
    TEMPLATES_DIR,
    TEMPLATES_SHOWN,
    cache_directory,
)

_BLOCKS = MarkdownIt("commonmark", {"html": True})
_CACHE_VERSION = 1  # of the cached extraction's shape: bump when Segment changes
_MARKUP_HINT = ("Segments allow *emphasis*, **strong** and [text][label] links, with the label "
                "defined under 'links' in source/letter.yaml.")


@dataclass
class Segment:
    """One translatable unit, with what a translator needs to know about it."""

    msgid: str
    kind: str  # title, heading, paragraph, list item, recipient, Cc line, region, …
    path: str
    line: int
    notes: list[str] = field(default_factory=list)  # context for translators (#.)
    links: list[str] = field(default_factory=list)
    msgid_plural: str = ""
    msgctxt: str | None = None

    @property
    def flags(self) -> list[str]:
        text = self.msgid + self.msgid_plural
        return ["python-brace-format"] if markup.PLACEHOLDER.search(text) else []


def segment_letter(letter: Letter) -> list[Segment]:
    """All segments of the letter's source: body first, then the data file."""
    return [*_body_segments(letter), *_data_segments(letter)]


def _body_segments(letter: Letter) -> list[Segment]:
    labels = frozenset(letter.links)
    tokens = _BLOCKS.parse(letter.body)
    segments: list[Segment] = []
    section, counters = "", {"paragraph": 0, "list item": 0}
    used: set[str] = set()
    named: set[str] = set()
    for i, token in enumerate(tokens):
        if token.type in ("html_block", "code_block", "fence", "hr", "table_open"):
            raise UserError(f"{token.type.replace('_', ' ')} is not supported in the letter body",
                            letter.body_path, token.map[0] + 1 if token.map else None,
                            hint="The body may contain headings, paragraphs and lists.")
        if token.type != "inline":
            continue
        opener = tokens[i - 1]
        line = (opener.map[0] if opener.map else 0) + 1
        kind = _block_kind(tokens, i)
        if not token.content.strip():  # "# " alone: no text to translate (msgid "" is the header)
            raise UserError(f"an empty {kind}", letter.body_path, line,
                            hint="Give it its text, or remove the line.")
        try:
            nodes = markup.parse(token.content, labels)
        except markup.MarkupError as exc:
            raise UserError(str(exc), letter.body_path, line + _offset(token.content, str(exc)),
                            hint=_MARKUP_HINT) from None
        _refuse_unsafe(token.content, letter.body_path, line)
        if re.search(r"[{}]", token.content):
            raise UserError("braces are not allowed in the letter body", letter.body_path, line,
                            hint="A person's name becomes a {placeholder} by itself: list the "
                                 "person under 'people' in source/letter.yaml.")
        if kind == "heading":
            section, counters = markup.plain_text(nodes), {"paragraph": 0, "list item": 0}
            where = "section heading"
        elif kind == "title":
            where = "title of the letter"
        else:
            counters[kind] += 1
            where = f"{kind} {counters[kind]}" + (f" of section “{section}”" if section else
                                                   " before the first section")
        link_labels = markup.links(nodes)
        used.update(link_labels)
        msgid, people = _names_as_placeholders(letter, markup.serialize(nodes))
        named.update(people)
        notes = [where, *(_person_note(letter, key) for key in people),
                 *(_link_note(letter, label) for label in dict.fromkeys(link_labels)),
                 *(_quotation_note(letter, label) for label in dict.fromkeys(link_labels)
                   if label in letter.quotations)]
        segments.append(Segment(msgid, kind, letter.body_path, line, notes, link_labels))
    unnamed = [p for key, p in letter.people.items() if key not in named]
    if unnamed:
        raise UserError(f"'{unnamed[0].name}' (people: {unnamed[0].key}) is never named in "
                        f"{letter.body_path}", letter.data_path, unnamed[0].line,
                        hint="Write the name in the body exactly as under 'people', or remove "
                             "the person.")
    unused = sorted(set(letter.links) - used, key=lambda label: letter.links[label].line)
    if unused:
        raise UserError(f"link '{unused[0]}' is defined but never used in {letter.body_path}",
                        letter.data_path, letter.links[unused[0]].line,
                        hint="Use it as [text][label] in the body, or remove it.")
    return segments


def _offset(content: str, message: str) -> int:
    """Line within a block where what ``message`` names stands: the character it counts
    ("at character 82") or the text it quotes ("raw HTML '<b>'")."""
    at = re.search(r"at character (\d+)", message)
    if at:
        position = int(at.group(1)) - 1
    else:
        found = re.search(r"'([^']+)'", message)
        position = content.find(found.group(1)) if found else -1
    return content.count("\n", 0, position) if position >= 0 else 0


def _block_kind(tokens: list, i: int) -> str:
    opener = tokens[i - 1]
    if opener.type == "heading_open":
        return "title" if opener.tag == "h1" else "heading"
    depth = 0
    for token in reversed(tokens[:i]):
        depth += token.nesting
        if depth > 0 and token.type == "list_item_open":
            return "list item"
    return "paragraph"


def _names_as_placeholders(letter: Letter, text: str) -> tuple[str, list[str]]:
    """``text`` with each person's name replaced by their ``{placeholder}``, and the keys."""
    found = []
    for key, person in letter.people.items():
        if person.name in text:
            text = text.replace(person.name, "{" + key + "}")
            found.append(key)
    return text, found


def _person_note(letter: Letter, key: str) -> str:
    person = letter.persons[key]
    return (f"{{{key}}} is “{person.name}”: keep {{{key}}}, never the name; each edition "
            "writes it in its readers' script (source/letter.yaml)")


def _quotation_note(letter: Letter, label: str) -> str:
    quote = letter.quotations[label]
    where = quote.document + (f", paragraph {quote.paragraph}" if quote.paragraph else "")
    return (f"quotes {where} (link [{label}]): the official wording exists in that document "
            "in every UN language; translate the quotation here, and the edition marks it as "
            "an unofficial translation with a note that links to the document")


def _link_note(letter: Letter, label: str) -> str:
    link = letter.links[label]
    if link.url is None:
        return f"link [{label}]: target unknown"
    return f"link [{label}]: {link.url} (inferred, {link.confidence} confidence)"


def _data_segments(letter: Letter) -> list[Segment]:
    rec = letter.recipient
    texts: list[tuple[Text, list[str]]] = [
        (rec.addressed_as, [_person_note(letter, rec.person.key)]),
        (rec.title, []),
        (rec.committee, []),
        *((cc, []) for cc in letter.cc),
        *((region.name, ["CLDR has no name for this region"])
          for region in letter.regions.values() if region.name),
        *((expert.affiliation, []) for expert in letter.experts),
    ]
    for text, _extra in texts:
        _refuse_unsafe(text.text, letter.data_path, text.line)
    return [Segment(text.text, text.role, letter.data_path, text.line, [text.role, *extra])
            for text, extra in texts]


def _refuse_unsafe(text: str, path: str, line: int) -> None:
    """The letter is held to the rulebook's safety rules too: what a translation may not
    carry (a URL, a character reference, a control character), the source may not either."""
    problems = rules.unsafe(text)
    if problems:
        message = problems[0].message
        raise UserError(message, path, line + _offset(text, message), hint=_MARKUP_HINT)


def template_segments(templates_dir: str | Path = TEMPLATES_DIR,
                      shown_dir: str = TEMPLATES_SHOWN) -> list[Segment]:
    """Strings the edition templates pass to ``_``/``gettext``/``ngettext``.

    Comments in the template that start with ``Translators:`` become notes.
    ``shown_dir`` is the directory as references name it (the same on every machine).
    Extracted once per process while the templates are unchanged (``build`` asks twice).
    """
    paths = sorted(Path(templates_dir).glob("*.j2"))
    state = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return list(_extract_templates(str(templates_dir), shown_dir, state))


def _extract_cached(templates_dir: str, shown_dir: str) -> tuple[Segment, ...]:
    """Extraction, kept on disk between runs under a digest of everything it reads."""
    paths = sorted(Path(templates_dir).glob("*.j2"))
    digest = hashlib.sha256(repr((jinja2.__version__, shown_dir, KEYWORDS, EXTRACT_OPTIONS,
                                  _CACHE_VERSION)).encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    directory = cache_directory()
    cached = directory / f"letter-i18n-strings-{digest.hexdigest()[:32]}.json" \
        if directory else None
    if cached is not None:
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            return tuple(Segment(**fields) for fields in json.loads(cached.read_text("utf-8")))
    found = _extract(templates_dir, shown_dir, paths)
    if cached is not None:
        with contextlib.suppress(OSError):
            write_if_changed(cached, json.dumps([asdict(s) for s in found], ensure_ascii=False))
    return found


@lru_cache(maxsize=4)
def _extract_templates(templates_dir: str, shown_dir: str,
                       state: tuple[tuple[str, int, int], ...]) -> tuple[Segment, ...]:
    del state  # part of the key only: a changed template is read again
    return _extract_cached(templates_dir, shown_dir)


def _extract(templates_dir: str, shown_dir: str, paths: list[Path]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for path in paths:
        shown = f"{shown_dir}/{path.name}"
        with path.open("rb") as handle:
            found = babel_extract(handle, KEYWORDS, ["Translators:"], EXTRACT_OPTIONS)
            for line, _func, message, comments in found:
                singular, plural = (message, "") if isinstance(message, str) else message[:2]
                if not singular:
                    raise UserError("a translatable template string must be a literal", shown, line)
                notes = ["edition template", *(" ".join(c.split()) for c in comments)]
                segments.append(Segment(singular, "template", shown, line, notes,
                                        msgid_plural=plural or ""))
    return tuple(segments)
