"""The letter's single source: ``source/letter.md`` (body) + ``source/letter.yaml`` (data).

:func:`load` reads both and validates everything a later stage relies on, so
that a mistake is reported once, early, as ``file:line: what is wrong``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale

from letter_i18n import locales, localetable
from letter_i18n.errors import UserError, relative
from letter_i18n.files import read_input
from letter_i18n.source.yamlines import DataReader, load_yaml

BODY_FILE = "letter.md"
DATA_FILE = "letter.yaml"
LINK_STATUSES = ("inferred", "unknown")
RECIPIENT_KEY = "name"  # the recipient's placeholder in 'addressed_as'
_ENGLISH = Locale("en")


@dataclass(frozen=True)
class Text:
    """A translatable string of the data file, with where it stands."""

    text: str
    line: int
    role: str  # what it is, for translators: "recipient title", "Cc line", …


@dataclass(frozen=True)
class Region:
    key: str
    cldr: str | None  # UN M.49 code CLDR names, e.g. "150" for Europe
    name: Text | None  # English name, when CLDR has none


@dataclass(frozen=True)
class Link:
    label: str
    status: str  # "inferred" or "unknown"
    url: str | None
    confidence: str | None
    about: str
    line: int


@dataclass(frozen=True)
class Organization:
    name: str
    country: str | None
    region: str | None
    names: dict[str, str]
    line: int


@dataclass(frozen=True)
class Expert:
    name: str
    affiliation: Text
    line: int


@dataclass(frozen=True)
class Person:
    """A person the letter names. Catalogs carry ``{key}`` where the name stands; each
    edition writes the name in its readers' script (``names``), else as the person does."""

    key: str  # the placeholder: "name" for the recipient, the key under `people` otherwise
    name: str  # as the person writes it (Latin script)
    names: dict[str, str]  # locale code -> the name in that locale's script
    line: int

    def name_in(self, code: str) -> str:
        return self.names.get(code, self.name)


@dataclass(frozen=True)
class Recipient:
    person: Person
    addressed_as: Text  # "H.E. Ms {name}"
    title: Text
    committee: Text

    @property
    def name(self) -> str:
        return self.person.name


@dataclass(frozen=True)
class Quotation:
    """A passage the letter quotes from a UN document, which exists officially in every UN
    language: a translated edition marks its own rendering as unofficial."""

    label: str  # the link that cites the document; the segment holding it quotes
    document: str  # the document symbol, e.g. "A/HRC/41/41"
    paragraph: str | None  # where in the document, when known
    line: int


@dataclass
class Letter:
    root: Path
    body: str
    body_path: str  # as shown to users, relative to the project
    data_path: str
    date: dt.date
    signatories_as_of: dt.date
    recipient: Recipient
    people: dict[str, Person]  # named in the body, by placeholder
    cc: list[Text]
    regions: dict[str, Region]
    links: dict[str, Link]
    quotations: dict[str, Quotation]  # by link label
    organizations: list[Organization]
    experts: list[Expert]

    @property
    def persons(self) -> dict[str, Person]:
        """Every person written as a placeholder in the catalogs, by placeholder."""
        return {self.recipient.person.key: self.recipient.person, **self.people}

    @property
    def name_forms(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each person's placeholder with every form of the name, for the rulebook."""
        return tuple((key, (p.name, *dict.fromkeys(p.names.values())))
                     for key, p in self.persons.items())


def load_letter(source_dir: str | Path, root: str | Path | None = None) -> Letter:
    """Load and validate the letter from ``source_dir``."""
    source_dir = Path(source_dir)
    root = Path(root) if root else source_dir.parent
    body_path = source_dir / BODY_FILE
    data_path = source_dir / DATA_FILE
    shown_body, shown_data = relative(body_path, root), relative(data_path, root)
    try:
        body = read_input(body_path, shown_body, root).decode("utf-8")
    except FileNotFoundError:
        raise UserError("file not found", shown_body,
                        hint="The letter's body lives in source/letter.md.") from None
    except UnicodeDecodeError:
        raise UserError("the file is not valid UTF-8", shown_body) from None
    data, lines = load_yaml(data_path, shown_data, root)
    return _Reader(shown_data, lines).letter(data, body, root, shown_body)


class _Reader(DataReader):
    """Turns the raw YAML into a :class:`Letter`, checking each field where it stands."""

    def string(self, container: Any, key: Any) -> str:
        value = container[key]
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must be a non-empty string", container, key)
        if value != value.strip() or "  " in value:
            raise self.fail(f"'{key}' has stray spaces: '{value}'", container, key)
        return value

    def text(self, container: Any, key: Any, role: str) -> Text:
        return Text(self.string(container, key), self.lines.of(container, key), role)

    def date(self, container: Any, key: str) -> dt.date:
        value = container[key]
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(f"'{key}' must be an ISO date (YYYY-MM-DD), not '{value}'",
                            container, key, hint="Write it unquoted, e.g. 2021-12-22.")
        return value

    def letter(self, data: Any, body: str, root: Path, shown_body: str) -> Letter:
        top = self.mapping(data, data, "letter.yaml", {
            "date", "signatories_as_of", "recipient", "cc", "regions", "links",
            "organizations", "experts"}, {"people", "quotations"})
        regions, links = self.regions(top), self.links(top)
        letter = Letter(
            root=root, body=body, body_path=shown_body, data_path=self.shown,
            date=self.date(top, "date"),
            signatories_as_of=self.date(top, "signatories_as_of"),
            recipient=self.recipient(top),
            people=self.people(top),
            cc=self.texts(top, "cc", "Cc line (copy recipient)"),
            regions=regions,
            links=links,
            quotations=self.quotations(top, links),
            organizations=self.organizations(top, regions),
            experts=self.experts(top),
        )
        if letter.signatories_as_of < letter.date:
            raise self.fail("'signatories_as_of' is earlier than the letter's date", top,
                            "signatories_as_of")
        return letter

    def recipient(self, top: dict) -> Recipient:
        rec = self.mapping(top["recipient"], top, "recipient",
                           {"name", "addressed_as", "title", "committee"}, {"names"})
        addressed_as = self.text(rec, "addressed_as", "form of address of the recipient")
        if "{name}" not in addressed_as.text:
            raise self.fail("'addressed_as' must contain {name}", rec, "addressed_as")
        name = self.string(rec, "name")
        return Recipient(
            person=Person(RECIPIENT_KEY, name, self.names(rec, name),
                          self.lines.of(top, "recipient")),
            addressed_as=addressed_as,
            title=self.text(rec, "title", "title of the recipient"),
            committee=self.text(rec, "committee", "the recipient's committee"),
        )

    def people(self, top: dict) -> dict[str, Person]:
        raw = self.mapping(top.get("people", {}), top, "people", set(),
                           set(top.get("people") or ()))
        people = {}
        for key, value in raw.items():
            if not (isinstance(key, str) and re.fullmatch(r"[a-z][a-z_]*", key)) \
                    or key == RECIPIENT_KEY:
                raise self.fail(f"'{key}' cannot name a person", raw, key,
                                hint="The key becomes the {placeholder} translators see: "
                                     f"lower-case letters, not '{RECIPIENT_KEY}' (the recipient).")
            spec = self.mapping(value, raw, key, {"name"}, {"names"}, f"person '{key}'")
            name = self.string(spec, "name")
            people[key] = Person(key, name, self.names(spec, name), self.lines.of(raw, key))
        return people

    def names(self, spec: dict, name: str) -> dict[str, str]:
        """A name's published forms in other locales (``names``), each checked."""
        names = spec.get("names", {})
        if not isinstance(names, dict):
            raise self.fail(f"'names' of '{name}' must be a mapping of locale to name", spec,
                            "names")
        for code in names:
            problem = localetable.code_problem(str(code))
            if problem or code == locales.SOURCE.code:
                raise self.fail(f"'names' of '{name}': unknown locale '{code}'", names, code,
                                hint=problem or "The English name is the entry's name.")
            self.string(names, code)
        return dict(names)

    def quotations(self, top: dict, links: dict[str, Link]) -> dict[str, Quotation]:
        raw = self.mapping(top.get("quotations", {}), top, "quotations", set(),
                           set(top.get("quotations") or ()))
        quotations = {}
        for label, value in raw.items():
            if label not in links:
                raise self.fail(f"quotation '{label}' is not a link label", raw, label,
                                hint="Key a quotation by the link (under 'links') that cites "
                                     "the quoted document.")
            spec = self.mapping(value, raw, label, {"document"}, {"paragraph"},
                                f"quotation '{label}'")
            paragraph = str(spec["paragraph"]) if "paragraph" in spec else None
            quotations[label] = Quotation(label, self.string(spec, "document"), paragraph,
                                          self.lines.of(raw, label))
        return quotations

    def texts(self, top: dict, key: str, role: str) -> list[Text]:
        items = top[key]
        if not isinstance(items, list):
            raise self.fail(f"'{key}' must be a list", top, key)
        return [self.text(items, i, role) for i in range(len(items))]

    def regions(self, top: dict) -> dict[str, Region]:
        raw = self.mapping(top["regions"], top, "regions", set(), set(top["regions"] or ()))
        regions = {}
        for key, value in raw.items():
            spec = self.mapping(value, raw, key, set(), {"cldr", "name"}, f"region '{key}'")
            if ("cldr" in spec) == ("name" in spec):
                raise self.fail(f"region '{key}' needs exactly one of 'cldr' or 'name'", raw, key,
                                hint="Use 'cldr' when CLDR names the region (a UN M.49 code), "
                                     "'name' (English) when it does not.")
            code = str(spec["cldr"]) if "cldr" in spec else None
            if code is not None and code not in _ENGLISH.territories:
                raise self.fail(f"region '{key}': CLDR has no area '{code}'", spec, "cldr",
                                hint="Use a UN M.49 code CLDR knows, e.g. 150 (Europe).")
            name = (self.text(spec, "name", f"name of the region '{key}'")
                    if "name" in spec else None)
            regions[key] = Region(key, code, name)
        return regions

    def links(self, top: dict) -> dict[str, Link]:
        raw = self.mapping(top["links"], top, "links", set(), set(top["links"] or ()))
        links = {}
        for label, value in raw.items():
            spec = self.mapping(value, raw, label, {"status", "about"}, {"url", "confidence"},
                                f"link '{label}'")
            status = spec["status"]
            if status not in LINK_STATUSES:
                raise self.fail(f"link '{label}': status must be one of "
                                f"{', '.join(LINK_STATUSES)}, not '{status}'", spec, "status")
            url = spec.get("url")
            if status == "inferred" and not (isinstance(url, str)
                                             and re.match(r"https://\S+$", url)):
                raise self.fail(f"link '{label}' is inferred but has no https:// url", raw, label)
            if status == "unknown" and url is not None:
                raise self.fail(f"link '{label}' has status unknown but a url", spec, "url",
                                hint="Set status: inferred (with a confidence) or drop the url.")
            links[label] = Link(label, status, url, spec.get("confidence"),
                                self.string(spec, "about"), self.lines.of(raw, label))
        return links

    def organizations(self, top: dict, regions: dict[str, Region]) -> list[Organization]:
        items = top["organizations"]
        if not isinstance(items, list) or not items:
            raise self.fail("'organizations' must be a non-empty list", top, "organizations")
        result: list[Organization] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            spec = self.mapping(item, items, i, {"name"}, {"country", "region", "names"},
                                f"organization {i + 1}")
            name = self.string(spec, "name")
            line = self.lines.of(items, i)
            key = " ".join(name.casefold().split())
            if key in seen:
                raise self.fail(f"duplicate signatory '{name}' (also at line {seen[key]})",
                                items, i)
            seen[key] = line
            country = spec.get("country")
            if country is not None and not (isinstance(country, str)
                                            and re.fullmatch(r"[A-Z]{2}", country)
                                            and country in _ENGLISH.territories):
                hint = ("YAML reads an unquoted NO as false: write country: \"NO\"."
                        if isinstance(country, bool)
                        else "Use an ISO 3166-1 alpha-2 code, e.g. BR for Brazil.")
                raise self.fail(f"unknown country code '{country}' for '{name}'", spec, "country",
                                hint=hint)
            region = spec.get("region")
            if region is not None and region not in regions:
                raise self.fail(f"unknown region '{region}' for '{name}'", spec, "region",
                                hint=f"Known regions: {', '.join(regions)}.")
            result.append(Organization(name, country, region, self.names(spec, name), line))
        return result

    def experts(self, top: dict) -> list[Expert]:
        items = top["experts"]
        if not isinstance(items, list):
            raise self.fail("'experts' must be a list", top, "experts")
        result: list[Expert] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            spec = self.mapping(item, items, i, {"name", "affiliation"}, what=f"expert {i + 1}")
            name = self.string(spec, "name")
            if name in seen:
                raise self.fail(f"duplicate signatory '{name}' (also at line {seen[name]})",
                                items, i)
            seen[name] = self.lines.of(items, i)
            affiliation = self.text(spec, "affiliation", f"title and affiliation of {name}")
            result.append(Expert(name, affiliation, self.lines.of(items, i)))
        return result
