"""The glossary: agreed renderings of recurring terms, and names never translated.

``source/glossary.yaml`` says, per term, which English forms trigger it and how
each language renders it (an official text, optional accepted variants for
inflected languages, where the rendering comes from and whether it was
verified). Checks warn when a translation lacks the agreed rendering, and the
segments stage can show translators the terms a segment uses. A mistake in the
file is reported as ``file:line`` like any other source mistake.

    terms:
      general-assembly:
        en: ["General Assembly"]
        note: "the UN organ"
        fr: {text: "Assemblée générale", source: UN, verified: false}
    do_not_translate: ["LGBTQ"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from letter_i18n.localetable import code_problem
from letter_i18n.project import Project
from letter_i18n.source.yamlines import DataReader, load_yaml

GLOSSARY_FILE = "glossary.yaml"
_RENDERING_KEYS = {"text", "source", "verified", "variants"}
_TERM_KEYS = {"en", "note"}


@dataclass(frozen=True)
class Rendering:
    """How one language renders a term."""

    text: str
    variants: tuple[str, ...] = ()
    source: str | None = None  # where the rendering comes from, e.g. "UN"
    verified: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """Every accepted form: the official text first, then the variants."""
        return (self.text, *self.variants)


@dataclass(frozen=True)
class Term:
    id: str
    english: tuple[str, ...]  # forms that trigger the term: case-sensitive, whole words
    line: int
    note: str = ""
    renderings: dict[str, Rendering] = field(default_factory=dict)  # by locale code


@dataclass(frozen=True)
class Match:
    """A term found in a text: which term, through which English form, where."""

    term: Term
    form: str
    start: int


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    do_not_translate: tuple[str, ...] = ()
    path: str | None = None

    def terms_in(self, text: str) -> list[Match]:
        """Terms the English ``text`` uses, in order; a longer form wins over one inside it.

        "Ad Hoc Committee" and "Committee" can both be terms: where the text says
        "Ad Hoc Committee", only the longer term is reported.
        """
        found = [Match(term, form, m.start())
                 for term, form, pattern in self._patterns
                 if form in text  # a substring test first: most forms are not in a text
                 for m in pattern.finditer(text)]
        found.sort(key=lambda m: (-len(m.form), m.start))
        taken: list[tuple[int, int]] = []
        kept: list[Match] = []
        for match in found:
            end = match.start + len(match.form)
            if all(end <= a or match.start >= b for a, b in taken):
                taken.append((match.start, end))
                kept.append(match)
        return sorted(kept, key=lambda m: m.start)

    @cached_property
    def _patterns(self) -> list[tuple[Term, str, re.Pattern[str]]]:
        return [(term, form, _whole_word(form)) for term in self.terms for form in term.english]

    def untranslatables_in(self, text: str) -> list[str]:
        """The do-not-translate strings the English ``text`` contains (whole words)."""
        return [name for name in self.do_not_translate
                if name in text and _whole_word(name).search(text)]


def _whole_word(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


def for_project(project: Project) -> Glossary:
    """The project's glossary, or an empty one while ``source/glossary.yaml`` does not exist."""
    path = project.source_dir / GLOSSARY_FILE
    return load(path, project.shown(path), project.root) if path.exists() else Glossary()


def load(path: str | Path, shown: str | None = None, root: Path | None = None) -> Glossary:
    """Read and validate a glossary file; mistakes raise :class:`UserError` with file:line.

    A build asks for the glossary in each stage: the same bytes give the same (frozen)
    glossary, read once per process.
    """
    shown = shown or str(path)
    key = (str(path), shown, root)
    try:
        content = Path(path).read_bytes()
    except OSError:
        content = None  # load_yaml says what is wrong
    if content is not None and (known := _LOADED.get(key)) is not None and known[0] == content:
        return known[1]
    data, lines = load_yaml(Path(path), shown, root)
    glossary = _Reader(shown, lines).glossary(data)
    if content is not None:
        _LOADED[key] = (content, glossary)
    return glossary


_LOADED: dict[tuple[str, str, Path | None], tuple[bytes, Glossary]] = {}


class _Reader(DataReader):
    def keys(self, value: Any, parent: Any, key: Any, allowed: set[str], what: str) -> dict:
        return self.mapping(value, parent, key, set(), allowed, what)

    def strings(self, container: Any, key: Any, what: str) -> tuple[str, ...]:
        items = container[key]
        if not isinstance(items, list):
            raise self.fail(f"{what} must be a list of strings", container, key,
                            hint='Write it as a list even for one item: ["…"].')
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip() or item != item.strip():
                raise self.fail(f"{what}: item {i + 1} must be a non-empty string without "
                                "surrounding spaces", items, i)
        return tuple(items)

    def glossary(self, data: Any) -> Glossary:
        top = self.keys(data, data, None, {"terms", "do_not_translate"}, "the glossary")
        raw = top.get("terms") or {}
        terms = self.keys(raw, top, "terms", set(raw) if isinstance(raw, dict) else set(),
                          "'terms'")
        seen: dict[str, str] = {}
        result: list[Term] = []
        for term_id in terms:
            term = self.term(terms, term_id)
            for form in term.english:
                if form in seen:
                    raise self.fail(f"English form '{form}' of term '{term_id}' is already "
                                    f"a form of term '{seen[form]}'", terms, term_id,
                                    hint="Each English form may trigger one term only.")
                seen[form] = term_id
            result.append(term)
        keep = self.strings(top, "do_not_translate", "'do_not_translate'") \
            if "do_not_translate" in top else ()
        return Glossary(tuple(result), keep, self.shown)

    def term(self, terms: dict, term_id: Any) -> Term:
        what = f"term '{term_id}'"
        # Renderings may be given for any language CLDR knows, in the project or not yet.
        spec = terms[term_id] if isinstance(terms[term_id], dict) else {}
        codes = {key for key in spec if isinstance(key, str) and not code_problem(key)} - _TERM_KEYS
        spec = self.keys(terms[term_id], terms, term_id, _TERM_KEYS | codes, what)
        if "en" not in spec:
            raise self.fail(f"{what} has no English forms ('en')", terms, term_id)
        english = self.strings(spec, "en", f"'en' of {what}")
        if not english:
            raise self.fail(f"'en' of {what} is empty", spec, "en")
        note = spec.get("note", "")
        if not isinstance(note, str):
            raise self.fail(f"'note' of {what} must be a string", spec, "note")
        renderings = {code: self.rendering(spec, code, f"'{code}' of {what}")
                      for code in spec if code in codes}
        return Term(str(term_id), english, self.lines.of(terms, term_id), note, renderings)

    def rendering(self, spec: dict, code: str, what: str) -> Rendering:
        value = self.keys(spec[code], spec, code, _RENDERING_KEYS, what)
        text = value.get("text")
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            raise self.fail(f"{what} needs 'text': a non-empty string without surrounding "
                            "spaces", spec, code)
        variants = self.strings(value, "variants", f"'variants' of {what}") \
            if "variants" in value else ()
        source = value.get("source")
        if source is not None and not isinstance(source, str):
            raise self.fail(f"'source' of {what} must be a string", value, "source")
        verified = value.get("verified", False)
        if not isinstance(verified, bool):
            raise self.fail(f"'verified' of {what} must be true or false", value, "verified")
        return Rendering(text, variants, source, verified)
