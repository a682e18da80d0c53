"""editions.choose: the best text per segment, reviewed › draft › English."""

from __future__ import annotations

import pytest

from conftest import LOCALES
from letter_i18n import locales
from letter_i18n.catalog.pofile import parse_po
from letter_i18n.editions.choose import DRAFT, REVIEWED, UNTRANSLATED, Translator

HEADER = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {code}\\n"

'''

FR = '''msgid "Dear Chair,"
msgstr "Madame la Présidente,"

# draft: machine translation (libre, 2026-11-28); needs review
#, fuzzy
msgid "Thank you."
msgstr "Merci."

#, fuzzy
#| msgid "We write about cybercrime."
msgid "We write about the convention."
msgstr "Nous écrivons au sujet de la cybercriminalité."

msgid "Sincerely,"
msgstr ""

msgctxt "month"
msgid "May"
msgstr "mai"

msgid "See [the report][report]."
msgstr "Voir [le rapport][report]."

msgid "Read *this*."
msgstr "Lisez <b>ceci</b> sur https://example.org."

#~ msgid "Gone"
#~ msgstr "Parti"
'''

RU = '''msgid "{count} organization"
msgid_plural "{count} organizations"
msgstr[0] "{count} организация"
msgstr[1] "{count} организации"
msgstr[2] "{count} организаций"

#, fuzzy
msgid "{count} expert"
msgid_plural "{count} experts"
msgstr[0] "{count} эксперт"
msgstr[1] "{count} эксперта"
msgstr[2] "{count} экспертов"
'''


def translator(code: str, entries: str, reviewed_only: bool = False) -> Translator:
    catalog = parse_po((HEADER.format(code=code) + entries).encode("utf-8"))
    return Translator(LOCALES.target(code), locales.SOURCE.code, catalog, reviewed_only)


@pytest.fixture
def fr() -> Translator:
    return translator("fr", FR)


def shown(text) -> tuple[str, str, str]:
    return text.markup, text.status, text.lang


def test_a_reviewed_translation_comes_first(fr):
    assert shown(fr.text("Dear Chair,")) == ("Madame la Présidente,", REVIEWED, "fr")


@pytest.mark.parametrize(("msgid", "draft"), [
    ("Thank you.", "Merci."),  # machine draft
    ("We write about the convention.", "Nous écrivons au sujet de la cybercriminalité."),
])
def test_else_a_draft(fr, msgid, draft):
    assert shown(fr.text(msgid)) == (draft, DRAFT, "fr")


@pytest.mark.parametrize("msgid", ["Sincerely,", "Not in the catalog.", "Gone"])
def test_else_the_english_tagged_en(fr, msgid):
    assert shown(fr.text(msgid)) == (msgid, UNTRANSLATED, "en")


def test_reviewed_only_turns_drafts_into_english():
    fr = translator("fr", FR, reviewed_only=True)
    assert shown(fr.text("Thank you.")) == ("Thank you.", UNTRANSLATED, "en")
    assert shown(fr.text("Dear Chair,")) == ("Madame la Présidente,", REVIEWED, "fr")


def test_the_context_is_part_of_the_key(fr):
    assert shown(fr.text("May", msgctxt="month")) == ("mai", REVIEWED, "fr")
    assert shown(fr.text("May")) == ("May", UNTRANSLATED, "en")


def test_the_language_tag_is_bcp_47():
    zh = translator("zh_Hans", 'msgid "Thank you."\nmsgstr "谢谢。"\n')
    assert shown(zh.text("Thank you.")) == ("谢谢。", REVIEWED, "zh-Hans")


def test_a_translation_breaking_the_markup_model_is_not_shown(fr):
    labels = frozenset({"report"})
    assert shown(fr.text("See [the report][report].", labels)) == (
        "Voir [le rapport][report].", REVIEWED, "fr")
    assert shown(fr.text("Read *this*.")) == ("Read *this*.", UNTRANSLATED, "en")
    assert len(fr.rejected) == 1 and fr.rejected[0].startswith("'Read *this*.': ")


def test_bidi_controls_are_refused_as_check_refuses_them():
    ar = translator("ar", 'msgid "Thank you."\nmsgstr "\u202eشكرا\u202c."\n')
    assert shown(ar.text("Thank you.")) == ("Thank you.", UNTRANSLATED, "en")
    assert ar.rejected and "bidi control character U+202E" in ar.rejected[0]


def test_a_partly_translated_plural_entry_is_untranslated_as_in_stats():
    """msgfmt, stats and check count it untranslated; the edition must not show half of it."""
    ru = translator("ru", 'msgid "{count} expert"\nmsgid_plural "{count} experts"\n'
                          'msgstr[0] "{count} эксперт"\nmsgstr[1] ""\nmsgstr[2] ""\n')
    assert shown(ru.plural("{count} expert", "{count} experts", 1)) == (
        "{count} expert", UNTRANSLATED, "en")


def test_status_of_whole_entries(fr):
    assert [fr.status(m) for m in ("Dear Chair,", "Thank you.", "Sincerely,", "Absent")] == [
        REVIEWED, DRAFT, UNTRANSLATED, UNTRANSLATED]
    ru = translator("ru", RU)
    assert ru.status("{count} organization", "{count} organizations") == REVIEWED
    assert ru.status("{count} expert", "{count} experts") == DRAFT


def test_a_plural_entry_with_one_refused_form_counts_as_untranslated():
    ru = translator("ru", RU.replace('msgstr[2] "{count} организаций"',
                                     'msgstr[2] "{count} <b>организаций</b>"'))
    assert ru.status("{count} organization", "{count} organizations") == UNTRANSLATED


@pytest.mark.parametrize(("n", "expected"), [
    (1, "{count} организация"),
    (21, "{count} организация"),
    (3, "{count} организации"),
    (102, "{count} организации"),
    (5, "{count} организаций"),
    (11, "{count} организаций"),
    (0, "{count} организаций"),
])
def test_plural_forms_pick_cldr_s_form_for_n(n, expected):
    ru = translator("ru", RU)
    assert shown(ru.plural("{count} organization", "{count} organizations", n)) == (
        expected, REVIEWED, "ru")


def test_plural_drafts_and_fallbacks():
    ru = translator("ru", RU)
    assert shown(ru.plural("{count} expert", "{count} experts", 2)) == (
        "{count} эксперта", DRAFT, "ru")
    assert shown(ru.plural("{count} person", "{count} people", 1)) == (
        "{count} person", UNTRANSLATED, "en")
    assert shown(ru.plural("{count} person", "{count} people", 2)) == (
        "{count} people", UNTRANSLATED, "en")
    strict = translator("ru", RU, reviewed_only=True)
    assert shown(strict.plural("{count} expert", "{count} experts", 1)) == (
        "{count} expert", UNTRANSLATED, "en")


def test_french_singular_covers_zero_with_gnu_s_rule():
    fr = translator("fr", 'msgid "{count} expert"\nmsgid_plural "{count} experts"\n'
                          'msgstr[0] "{count} experte"\nmsgstr[1] "{count} expertes"\n')
    assert [fr.plural("{count} expert", "{count} experts", n).markup
            for n in (0, 1, 2, 1_000_000)] == [
        "{count} experte", "{count} experte", "{count} expertes", "{count} expertes"]


def test_a_catalog_with_cldr_s_rule_keeps_its_third_form():
    cldr = LOCALES.target("fr").cldr_plural_forms
    catalog = parse_po((HEADER.format(code="fr").rstrip("\n") + f'\n"Plural-Forms: {cldr}\\n"\n\n'
                        'msgid "{count} expert"\nmsgid_plural "{count} experts"\n'
                        'msgstr[0] "{count} experte"\nmsgstr[1] "{count} d’expertes"\n'
                        'msgstr[2] "{count} expertes"\n').encode("utf-8"))
    fr = Translator(LOCALES.target("fr"), locales.SOURCE.code, catalog)
    assert [fr.plural("{count} expert", "{count} experts", n).markup
            for n in (0, 1, 2, 1_000_000)] == [
        "{count} experte", "{count} experte", "{count} expertes", "{count} d’expertes"]


def test_the_english_edition_is_the_reviewed_source():
    en = Translator(locales.SOURCE, locales.SOURCE.code)
    assert shown(en.text("Dear Chair,")) == ("Dear Chair,", REVIEWED, "en")
    assert shown(en.plural("{count} expert", "{count} experts", 1)) == (
        "{count} expert", REVIEWED, "en")
    assert shown(en.plural("{count} expert", "{count} experts", 0)) == (
        "{count} experts", REVIEWED, "en")
    assert en.status("{count} expert", "{count} experts") == REVIEWED


def test_fill_substitutes_placeholders_only():
    text = translator("ru", RU).plural("{count} organization", "{count} organizations", 5)
    assert text.fill(count="116").markup == "116 организаций"
    assert text.fill(other="1").markup == "{count} организаций"
