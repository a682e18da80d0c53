"""The committed translations: complete, clean, in their own script, and labelled as drafts.

Every language of locales/locales.toml is tested: one added with `init` needs its catalog
translated (drafts count) before it lands, like any new message."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import icu
import pytest

from conftest import LOCALES, REPO
from letter_i18n.catalog.model import DRAFT_MARK
from letter_i18n.catalog.pofile import load_po
from letter_i18n.project import Project
from letter_i18n.review import checks

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
