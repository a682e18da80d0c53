"""The source holds the whole letter, and a mistake in it names file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date

from conftest import REPO, edit, requires
from letter_i18n import markup
from letter_i18n.errors import UserError
from letter_i18n.source import segments
from letter_i18n.source.letter import Letter, load_letter

SEED = REPO.parent / "shared" / "seed" / "open-letter-2021-12-22.txt"
needs_seed = requires(SEED.exists(), f"the seed text {SEED}",
                      "check out shared/seed beside the repository (../shared/seed/)")

# Known conversion damage (shared/reference/letter-reference.md): page headers and
# footers, and the truncated letterhead repeating the committee's name.
ARTIFACT_LINES = {
    "#DigitalRights", "#WeAreManushyan", "@manushyafoundation", "Follow us on:",
    "#WeAreManushyan ∞", "Equal Human Beings", "@ManushyaFoundation", "@ManushyaFdn",
    "Manushya Foundation", "to Elaborate a Comprehensive International Convention on",
    "Countering the Use of Information and Communication",
    "Technologies for Criminal Purposes",
}
# How the letter names places whose CLDR English name differs.
PLACE_ALIASES = {"Burma": "MM", "Trinidad": "TT", "Korea": "KR", "Turkey": "TR"}
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def words(text: str) -> list[str]:
    text = text.replace("’", "'").replace("‘", "'")
    return WORD.findall(text)


def seed_lines() -> list[str]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and line not in ARTIFACT_LINES]


@pytest.fixture(scope="module")
def letter() -> Letter:
    return load_letter(REPO / "source", REPO)


@needs_seed
def test_body_has_every_word_of_the_seed_in_order(letter):
    lines = seed_lines()
    start, end = lines.index("Your Excellency,"), lines.index("Signatories,*")
    seed_body = " ".join(lines[start:end]).replace("(#)", "")
    seed_body = seed_body.replace("- Accredited interested", "- Accredit interested")
    body = [s for s in segments.segment_letter(letter) if s.path.endswith("letter.md")]
    assert body[0].msgid == "Joint Open Letter"
    ours = " ".join(markup.plain_text(markup.parse(s.msgid, set(letter.links))) for s in body[1:])
    for key, person in letter.persons.items():  # names stand as placeholders in the msgids
        ours = ours.replace("{" + key + "}", person.name)
    assert words(ours) == words(seed_body)


@needs_seed
def test_header_lines_of_the_seed_are_in_the_data(letter):
    lines = seed_lines()
    rec = letter.recipient
    assert "Joint Open Letter" in lines
    assert format_date(letter.date, "long", locale="en") in lines  # "December 22, 2021"
    assert rec.addressed_as.text.format(name=rec.name) in lines
    assert rec.title.text in lines
    cc = [lines[lines.index("Cc: Council of State")].removeprefix("Cc: ")]
    cc += lines[lines.index("Cc: Council of State") + 1:][:2]
    assert [t.text for t in letter.cc] == cc
    first = next(i for i, x in enumerate(lines) if x.startswith("**Ad Hoc"))
    committee = " ".join(lines[first:first + 3])
    assert f"**{rec.committee.text}**" == committee
    as_of = format_date(letter.signatories_as_of, "long", locale="en")
    assert f"*List of signatories as of {as_of}" in lines


@needs_seed
def test_every_signatory_of_the_seed_is_in_the_data_with_its_place(letter):
    lines = seed_lines()
    start = lines.index("Signatories,*") + 1
    end = lines.index("Individual Experts and Academics")
    entries = re.split(r"(?:^|\s)\d+\. ", " ".join(lines[start:end]))[1:]
    assert len(entries) == len(letter.organizations) == 116
    english = Locale("en")
    for text, org in zip(entries, letter.organizations, strict=True):
        place = text.strip().removeprefix(org.name).strip(" –-")
        assert text.strip().startswith(org.name), (text, org.name)
        expected: list[str] = []
        if org.country:
            expected.append(english.territories[org.country])
        if org.region:
            region = letter.regions[org.region]
            expected.append(region.name.text if region.name else english.territories[region.cldr])
        if place in PLACE_ALIASES:
            assert [org.country] == [PLACE_ALIASES[place]]
        else:
            assert place == ", ".join(expected), org.name


@needs_seed
def test_every_expert_of_the_seed_is_in_the_data(letter):
    lines = seed_lines()
    start = lines.index("Individual Experts and Academics") + 1
    entries = [line for line in lines[start:] if re.match(r"\d+\. ", line)]
    assert len(entries) == len(letter.experts) == 11
    for line, expert in zip(entries, letter.experts, strict=True):
        name, affiliation = line.split(". ", 1)[1].split(", ", 1)
        assert name == expert.name
        assert words(affiliation) == words(expert.affiliation.text)


def test_dates_are_dates(letter):
    assert letter.date == dt.date(2021, 12, 22)
    assert letter.signatories_as_of == dt.date(2022, 1, 13)


def test_links_are_inferred_with_url_or_unknown_without(letter):
    for link in letter.links.values():
        assert (link.status == "inferred") == (link.url is not None), link.label
        if link.url:
            assert link.confidence


def error_for(project_root: Path) -> UserError:
    with pytest.raises(UserError) as caught:
        segments.segment_letter(load_letter(project_root / "source", project_root))
    return caught.value


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "message"),
    [
        ("letter.yaml", "country: SE", "country: XX", 24, "unknown country code 'XX'"),
        ("letter.yaml", 'country: "NO"', "country: NO", 26, "unknown country code 'False'"),
        ("letter.yaml", '"Civil Society Europe"', '"Access  Now"', 25, "stray spaces"),
        ("letter.yaml", '"Civil Society Europe"', '"access now"', 25,
         "duplicate signatory 'access now' (also at line 23)"),
        ("letter.yaml", "date: 2021-12-22", "date: 2021-13-22", 1, "invalid value '2021-13-22'"),
        ("letter.yaml", "date: 2021-12-22", 'date: "December 22, 2021"', 1, "ISO date"),
        ("letter.yaml", "region: international", "region: asia", 23, "unknown region 'asia'"),
        ("letter.yaml", "  europe: {cldr: \"150\"}", "  europe: {cldr: \"999\"}", 12,
         "CLDR has no area '999'"),
        ("letter.yaml", "    status: inferred", "    status: guessed", 15, "status must be"),
        ("letter.yaml", "cc:", "cc:\ncc:", 9, "duplicate key 'cc'"),
        ("letter.yaml", "  - {name: \"Dataskydd\"", "  - {nme: \"Dataskydd\"", 24,
         "unknown field 'nme' in organization 2"),
        ("letter.md", "[a report][report]", "[a report][reprot]", 5,
         "undefined link label 'reprot'"),
        ("letter.md", "continues on a second", "continues on <b>a</b> second", 6,
         "raw HTML '<b>'"),
        ("letter.md", "[the website][unknown-site]", "[the website](https://x.org)", 13,
         "never a URL"),
        ("letter.md", "continues on a second", "continues on &#x6A;avascript:alert(1)", 6,
         "character reference '&#x6A;'"),
        ("letter.md", "continues on a second", "continues on www.evil.example", 6,
         "web address 'www.evil.example'"),
        ("letter.md", "continues on a second", "continues on a\u202e second", 6,
         "bidi control character U+202E"),
        ("letter.yaml", '"Council of State"', '"Council of State, see http://x.org"', 9,
         "web address 'http://x.org'"),
        ("letter.yaml", '  name: "Ada Example"\n', '  name: "Ada Example"\n  names: {zz: "Ada"}\n',
         5, "'names' of 'Ada Example': unknown locale 'zz'"),
        ("letter.yaml", "  report: {document:", "  reprot: {document:", 31,
         "quotation 'reprot' is not a link label"),
        ("letter.yaml", 'paragraph: 3}', 'paragraph: 3, para: 4}', 31,
         "unknown field 'para' in quotation 'report'"),
        ("letter.yaml", "quotations:", "people:\n  name: {name: \"Ada Example\"}\nquotations:", 31,
         "'name' cannot name a person"),
        ("letter.yaml", "quotations:", "people:\n  chair: {name: \"Bo Nobody\"}\nquotations:", 31,
         "'Bo Nobody' (people: chair) is never named in source/letter.md"),
        ("letter.md", "continues on a second", "continues on {a} second", 5,
         "braces are not allowed in the letter body"),
    ],
)
def test_source_mistakes_name_file_and_line(small_project, file, old, new, line, message):
    edit(small_project.source_dir / file, old, new)
    error = error_for(small_project.root)
    assert error.path == f"source/{file}"
    assert message in error.message
    assert error.line == line
    assert "Traceback" not in str(error)


def test_people_and_quotations_are_data(letter):
    rapporteur = letter.people["rapporteur"]
    assert rapporteur.name == "Clément Nyaletsossi Voule"
    assert rapporteur.name_in("ar") == "كليمان نيالتسوسي فول"
    assert rapporteur.name_in("fr") == rapporteur.name  # Latin-script editions keep it
    assert letter.recipient.name == "Faouzia Boumaiza Mebarki"
    assert letter.recipient.person.name_in("ru") == "Фаузия Бумайза Мебарки"
    assert set(letter.persons) == {"name", "rapporteur"}
    # Every edition in another script has a form of both names.
    for person in letter.persons.values():
        assert set(person.names) == {"ar", "ru", "th", "zh_Hans"}
    assert {q.document: q.paragraph for q in letter.quotations.values()} == {
        "A/HRC/41/41": "3", "A/RES/75/176": None}
    for label in letter.quotations:
        assert letter.links[label].url == "https://undocs.org/" + letter.quotations[label].document
    assert dict(letter.name_forms)["rapporteur"][:2] == (
        "Clément Nyaletsossi Voule", "كليمان نيالتسوسي فول")


def test_unused_link_is_an_error(small_project):
    edit(small_project.source_dir / "letter.md", "[the website][unknown-site]", "the website")
    error = error_for(small_project.root)
    assert (error.path, error.line) == ("source/letter.yaml", 19)
    assert "'unknown-site' is defined but never used" in error.message
