"""The committed translations: complete, clean, in their own script, and labelled as drafts.

Every language of locales/locales.toml is tested: one added with `init` needs its catalog
translated (drafts count) before it lands, like any new message."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter

import icu
import pytest

from conftest import LOCALES, REPO
from letter_i18n.catalog.model import DRAFT_MARK, open_questions
from letter_i18n.catalog.pofile import load_po
from letter_i18n.project import Project
from letter_i18n.review import checks
from letter_i18n.source.letter import load_letter

PROJECT = Project(REPO)
CODES = [info.code for info in LOCALES.targets]
# Catalogs written in another script than the English, and those in Latin letters.
OTHER_SCRIPT = [info.code for info in LOCALES.targets if info.script != "Latn"]
LATIN_SCRIPT = [info.code for info in LOCALES.targets if info.script == "Latn"]
# Words frequent in the English letter that a French or Spanish text would not keep.
ENGLISH_WORDS = {"the", "and", "of", "to", "that", "should", "with", "which", "is", "are"}


def entries(code: str):
    return [e for e in load_po(PROJECT.po_path(code)) if not e.obsolete]


def translations(entry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("code", CODES)
def test_every_entry_is_translated(code):
    empty = [e.msgid[:50] for e in entries(code) if not all(translations(e))]
    assert empty == []


@pytest.mark.parametrize("code", CODES)
def test_unreviewed_work_is_marked_fuzzy_and_labelled(code):
    for entry in entries(code):
        labelled = any(line.startswith(DRAFT_MARK) for line in entry.tcomment.split("\n"))
        assert labelled == ("fuzzy" in entry.flags), entry.msgid[:50]


def test_every_entry_passes_the_reviewer_checks():
    report = checks.run(PROJECT, None, True)
    errors = [str(f) for f in report.findings if f.severity == checks.ERROR]
    assert errors == []


def letters_by_script(text: str) -> Counter:
    """Letters counted by ISO 15924 script (ICU's: Chinese characters are Hani)."""
    text = re.sub(r"\[[^\]]*\]\[([^\]]+)\]", "", text)  # labels are ASCII by design
    return Counter(icu.Script.getScript(ch).getShortName() for ch in text
                   if unicodedata.category(ch).startswith("L"))


@pytest.mark.parametrize("code", OTHER_SCRIPT)
def test_catalog_is_in_its_script(code):
    found = Counter()
    for entry in entries(code):
        for text in translations(entry):
            found += letters_by_script(text)
    script = LOCALES.by_code[code].script
    share = found[{"Hans": "Hani", "Hant": "Hani"}.get(script, script)] / sum(found.values())
    assert share > 0.85, found.most_common(4)


@pytest.mark.parametrize("code", LATIN_SCRIPT)
def test_latin_script_catalogs_are_not_english(code):
    words = Counter()
    unchanged = 0
    long_entries = [e for e in entries(code) if len(e.msgid) > 40]
    for entry in long_entries:
        unchanged += entry.msgstr == entry.msgid
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", entry.msgstr))
    english = sum(words[w] for w in ENGLISH_WORDS) / sum(words.values())
    assert unchanged == 0 and english < 0.01, words.most_common(10)


def test_thai_running_text_gives_years_in_the_buddhist_era():
    """Thai letters count years from the Buddha's birth: 2019 is พ.ศ. 2562 (ค.ศ. may follow)."""
    missing = []
    for entry in entries("th"):
        for text in translations(entry):
            text = re.sub(r"\]\[[^\]]*\]", "]", text)  # link labels are not text
            for year in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text):
                if str(int(year) + 543) not in text:
                    missing.append((year, text[:60]))
    assert missing == []


@pytest.mark.parametrize("code", CODES)
def test_no_glossary_rendering_is_missing(code):
    """What `check` warns about: every glossary term the English uses, in its agreed form."""
    report = checks.run(PROJECT, [code], template=False)
    assert [f for f in report.findings if f.check in ("glossary", "do-not-translate")] == []


@pytest.mark.parametrize("code", CODES)
def test_each_catalog_records_its_revision_round(code):
    header = load_po(PROJECT.po_path(code)).header
    assert re.search(r"^Revision \d+ \(\d{4}-\d{2}-\d{2}\): ", header, re.M), header


# --- what the editions make of the catalogs ---------------------------------------------------

@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The seven editions of the committed letter and catalogs (no PDFs)."""
    from letter_i18n.editions.render import FORMATS, render_editions

    out = tmp_path_factory.mktemp("editions")
    render_editions(PROJECT, out)
    return {info.code: {name: (out / info.code / name).read_text(encoding="utf-8")
                        for name in FORMATS} for info in LOCALES.all}


def reader_text(text: str) -> str:
    """An edition as read: tags gone, Markdown escapes and entities decoded, lines joined."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\\", "").split())


@pytest.mark.slow
@pytest.mark.parametrize("code", ["ar", "ru", "th", "zh_Hans"])
def test_names_are_in_the_readers_script(editions, code):
    """UN editorial practice: the recipient and the Special Rapporteur in the edition's script,
    in the forms letter.yaml gives; the Latin name nowhere in the edition."""
    letter = load_letter(PROJECT.source_dir, PROJECT.root)
    for name, text in editions[code].items():
        for person in letter.persons.values():
            assert person.names.get(code), (person.name, code)
            assert person.name_in(code) in reader_text(text), (name, person.key)
            assert person.name not in reader_text(text), (name, person.key)


@pytest.mark.slow
@pytest.mark.parametrize("code", ["en", "es", "fr"])
def test_latin_script_editions_write_the_names_as_the_people_do(editions, code):
    letter = load_letter(PROJECT.source_dir, PROJECT.root)
    for name, text in editions[code].items():
        for person in letter.persons.values():
            assert person.name in reader_text(text), (name, person.key)


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_each_quotation_is_marked_an_unofficial_translation(editions, code):
    """Two quotations of UN documents: in every translated edition a mark after each, and a
    note in the edition's language naming and linking the document with the official text."""
    letter = load_letter(PROJECT.source_dir, PROJECT.root)
    page = editions[code]["index.html"]
    assert page.count('<sup class="quote-ref">') == len(letter.quotations) == 2
    notes = page.split('<section class="quote-notes"')[1].split("</section>")[0]
    for quote in letter.quotations.values():
        assert f'<a href="{letter.links[quote.label].url}">{quote.document}</a>' in notes
    assert notes.count("<li ") == 2 and "Unofficial" not in notes  # in the edition's language
    assert editions[code]["letter.md"].count("[^1]") == 2  # the mark and its note
    assert "²" in editions[code]["letter.txt"]


@pytest.mark.slow
def test_the_english_edition_quotes_the_official_text_without_notes(editions):
    for text in editions["en"].values():
        assert 'class="quote-ref"' not in text and "[^1]" not in text
        assert "Unofficial" not in text


# Questions the revisions could not settle, each on the entry it concerns: (locale, start of
# the msgid) -> a word the question names.
OPEN_QUESTIONS = {
    ("th", "Ad Hoc Committee to Elaborate"): "ระหว่างรัฐบาล",
    ("ru", "The proposal to elaborate"): "Вуль",
    ("zh_Hans", "The proposal to elaborate"): "武勒",
    ("th", "The proposal to elaborate"): "วูล",
    ("fr", "Going forward"): "en dashes",
    ("es", "Going forward"): "rayas",
    ("fr", "Clinical Professor of Law"): "2014-2020",
    ("es", "Clinical Professor of Law"): "2014-2020",
}


@pytest.mark.parametrize(("code", "start"), sorted(OPEN_QUESTIONS))
def test_open_questions_stand_on_the_entries_they_concern(code, start):
    (entry,) = [e for e in entries(code) if e.msgid.startswith(start)]
    assert any(OPEN_QUESTIONS[code, start] in q for q in open_questions(entry)), entry.tcomment
    header = load_po(PROJECT.po_path(code)).header
    assert 'translator comments beginning "open question:"' in header
