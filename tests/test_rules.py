"""The rulebook: each rule fails on its broken case and passes on the fixed one."""

from __future__ import annotations

import unicodedata

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, LOCALES
from letter_i18n import rules
from letter_i18n.editions import formats
from letter_i18n.editions.choose import Text, Translator
from letter_i18n.review import checks
from letter_i18n.source import glossary
from letter_i18n.source.letter import Link

TERMS = glossary.load(FIXTURES / "glossary.yaml")
REPORT = "We write about *cybercrime* and [a report][report]."
IN_2019 = "In his 2019 report, the rapporteur (2014-2020) said it."
OBSERVED = "The special rapporteur, {rapporteur}, observed it."
# The letter's people as the rulebook gets them: placeholder, then every form of the name.
PEOPLE = (("name", ("Ada Example", "Ада Экзампл")),
          ("rapporteur", ("Clément Nyaletsossi Voule", "Клеман Ньялетсосси Вуль")))

# (check, locale, source, broken translation, fixed translation)
CORPUS = [
    ("markup", "fr", REPORT, "Nous écrivons sur la cybercriminalité et [un rapport][report].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la **cybercriminalité** et [un rapport][report].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et [un rapport][rapport].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Sur la *cybercriminalité* [un][report] et [rapport][report].",
     "Sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et un rapport.",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et `[un rapport][report]`.",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("markup", "fr", REPORT, "Nous écrivons sur la *cybercriminalité* et un rapport[][report].",
     "Nous écrivons sur la *cybercriminalité* et [un rapport][report]."),
    ("placeholders", "fr", "H.E. Ms {name}", "S.E. Mme {nom}", "S.E. Mme {name}"),
    ("placeholders", "fr", "H.E. Ms {name}", "S.E. Mme", "S.E. Mme {name}"),
    ("placeholders", "fr", "H.E. Ms {name}", "S.E. Mme {name} {name}", "S.E. Mme {name}"),
    ("numbers", "fr", IN_2019, "Dans son rapport de 2091, le rapporteur (2014-2020) l’a dit.",
     "Dans son rapport de 2019, le rapporteur (2014-2020) l’a dit."),
    ("numbers", "fr", IN_2019, "Dans son rapport de 2019, le rapporteur (2014) l’a dit.",
     "Dans son rapport de 2019, le rapporteur (2014–2020) l’a dit."),
    ("numbers", "th", IN_2019, "ในรายงานปี ๒๕๖๒ ผู้รายงาน (2014-2020) กล่าวไว้",
     "ในรายงานปี ๒๐๑๙ ผู้รายงาน (2014-2020) กล่าวไว้"),
    ("numbers", "fr", IN_2019, "Dans son rapport de ๒๐๑๙, le rapporteur (2014-2020) l’a dit.",
     "Dans son rapport de 2019, le rapporteur (2014-2020) l’a dit."),
    ("numbers", "ar", "over 40 organizations", "أكثر من أربعين منظمة", "أكثر من ٤٠ منظمة"),
    ("html", "fr", "We ask that", "Nous <b>demandons</b> que", "Nous demandons que"),
    ("html", "fr", "rights: online", "droits&nbsp;: en ligne", "droits\u00a0: en ligne"),
    ("urls", "fr", "See [the report][report].",
     "Voir [le rapport][report] (https://undocs.org/A/HRC/41/41).", "Voir [le rapport][report]."),
    ("urls", "es", "the website", "el sitio www.example.org", "el sitio web"),
    ("invisible", "ar", "the right to privacy", "الحق في\u202e الخصوصية", "الحق في الخصوصية"),
    ("invisible", "th", "the right to privacy", "สิทธิใน\u200bความเป็นส่วนตัว",
     "สิทธิในความเป็นส่วนตัว"),
    ("invisible", "fr", "the right", "le\u2066 droit\u2069", "le droit"),
    ("whitespace", "fr", "Background", "Contexte ", "Contexte"),
    ("whitespace", "fr", "Background", "\nContexte", "Contexte"),
    ("whitespace", "fr", "Dear Chair,\n", "Madame la Présidente,", "Madame la Présidente,\n"),
    ("glossary", "fr", "the General Assembly expressed",
     "l’Assemblée plénière a exprimé", "l’Assemblée générale a exprimé"),
    ("glossary", "ru", "the General Assembly expressed",
     "Генеральный совет выразил", "Генеральной Ассамблеи выразила"),
    ("glossary", "fr", "the Ad Hoc Committee", "la Commission ad hoc", "le Comité spécial"),
    ("names", "fr", OBSERVED, "Le rapporteur spécial, Clément Nyaletsossi Voule, l’a observé.",
     "Le rapporteur spécial, {rapporteur}, l’a observé."),
    ("names", "ru", OBSERVED, "Специальный докладчик {rapporteur} (Clément Nyaletsossi Voule) "
     "отметил это.", "Специальный докладчик {rapporteur} отметил это."),
    ("names", "ru", OBSERVED, "Специальный докладчик Клеман Ньялетсосси Вуль отметил это.",
     "Специальный докладчик {rapporteur} отметил это."),
    ("names", "fr", "H.E. Ms {name}", "S.E. Mme {name} Example", "S.E. Mme {name}"),
    ("do-not-translate", "ar", "said Clément Nyaletsossi Voule.",
     "قال كليمان نياليتسوسي فول.", "قال Clément Nyaletsossi Voule (كليمان نياليتسوسي فول)."),
]


def failing(code: str, source: str, translation: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    message = rules.Message(source, translation, LOCALES.target(code), TERMS, people=PEOPLE)
    for problem in rules.judge(message):
        found.setdefault(problem.rule, []).append(problem.message)
    return found


@pytest.mark.parametrize(("check", "code", "source", "broken", "fixed"), CORPUS)
def test_check_fails_on_broken_and_passes_on_fixed(check, code, source, broken, fixed):
    assert check in failing(code, source, broken)
    assert failing(code, source, fixed) == {}


def test_every_rule_has_a_broken_case():
    assert {rule.name for rule in rules.RULES} <= {case[0] for case in CORPUS}


def test_messages_say_what_is_wrong():
    assert failing("fr", REPORT, "Sur la *cybercriminalité* et un rapport.")["markup"] == [
        "link [report] is missing: keep [translated text][report]"]
    assert failing("fr", IN_2019, "En 2019, rien.")["numbers"] == [
        "the number 2014 is missing", "the number 2020 is missing"]
    assert failing("ar", "x", "x\u202ey")["invisible"] == [
        "bidi control character U+202E RIGHT-TO-LEFT OVERRIDE at character 2: remove it"]


def test_a_name_written_out_is_named_with_the_placeholder_to_write():
    found = failing("fr", OBSERVED, "Le rapporteur, Clément Nyaletsossi Voule, l’a observé.")
    assert found["names"] == ["“Clément Nyaletsossi Voule” is written out: write {rapporteur}, "
                              "which each edition fills with the name in its readers' script "
                              "(source/letter.yaml)"]
    assert found["placeholders"] == ["{rapporteur} is missing: keep every {placeholder} unchanged"]
    # Without the placeholder in the source, the name is the source's business, not this rule's.
    assert "names" not in failing("fr", "said Voule.", "a dit Voule.")


def test_render_refuses_what_the_names_rule_refuses():
    translator = Translator(LOCALES.target("ru"), "en", _one_entry(
        OBSERVED, "Докладчик {rapporteur} (Clément Nyaletsossi Voule) отметил это."),
        people=PEOPLE)
    assert translator.text(OBSERVED).status == "untranslated"
    assert "is written out" in translator.rejected[0]


def _one_entry(msgid: str, msgstr: str) -> polib.POFile:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return catalog


def test_raw_html_is_reported_once_by_the_html_check():
    found = failing("fr", "We ask that", "Nous <b>demandons</b> que")
    assert list(found) == ["html"]


def test_allowed_characters_pass():
    # no-break spaces (French), ZWJ/ZWNJ (shaping), a case change at a heading's start
    assert failing("fr", "rights: online", "droits\u202f: en\u00a0ligne") == {}
    assert failing("ar", "rights", "حقو\u200dق") == {}
    assert failing("es", "Human Rights and Procedural Safeguards",
                   "Derechos humanos y salvaguardias procesales") == {}


def plural_entry(forms: dict[int, str]) -> polib.POEntry:
    return polib.POEntry(msgid="{count} organization", msgid_plural="{count} organizations",
                         msgstr_plural=forms, linenum=7)


def test_a_plural_form_for_one_number_may_drop_the_placeholder():
    ar = LOCALES.target("ar")  # forms 0, 1, 2 stand for n = 0, 1, 2 only
    forms = {0: "لا منظمات", 1: "منظمة واحدة", 2: "منظمتان", 3: "{count} منظمات",
             4: "{count} منظمة", 5: "منظمة"}
    found = [f for m in checks.messages(plural_entry(forms), ar, TERMS)
             for f in rules.rule_placeholders(m)]
    assert found == ["{count} is missing: keep every {placeholder} unchanged"]  # form 5 only




# --- hostile translations: the same verdict from check and from render ---------------------

LINKS = {"report": Link("report", "inferred", "https://undocs.org/A/HRC/41/41", "high",
                        "the report", 1)}
SOURCE = "We ask the Committee *not* to adopt [the draft][report] before {date}, as in 2019."
BASE = ["Nous demandons au Comité de ", "*ne pas*", " adopter ", "[le projet][report]",
        " avant le ", "{date}", ", comme en ", "2019", "."]
HOSTILE_PIECES = [
    "[le projet] [report]", "[report]", "[report][]", "[ici](javascript:alert(1))",
    "[ici](data:text/html,x)", "[ici](https://evil.example)", "<https://evil.example>",
    "![image][report]", "*", "**", "_", "`code`", "<b>", "<script>alert(1)</script>",
    "&#x202E;", "h&#116;tps://evil.example", "www&#46;evil.example", "www.evil.example",
    "ftp://evil.example", "data:text/html,x", "javascript:alert(1)", "\u202e", "\u2066",
    "\x1b[31m", "\x07", "\x08", "\x0c", "\x0b", "\x7f", "\u0085", "\x00", "fo\u200dnd",
    "{dat}", "{date.__class__.__mro__}", "{date}", "{", "}", "[autre][other]", "\n", "\\*",
    "&amp;", "2091",
]
FR = LOCALES.target("fr")


def _catalog(translation: str) -> polib.POFile:
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid=SOURCE, msgstr=translation, linenum=3))
    return catalog


def verdicts(translation: str) -> tuple[list[str], Text]:
    """(check's errors, what render shows) for one translation of SOURCE."""
    found = checks.check_entries(_catalog(translation), FR, TERMS, "fr.po")
    errors = [f.message for f in found if f.severity == "error"]
    shown = Translator(FR, "en", _catalog(translation)).text(SOURCE, frozenset(LINKS))
    return errors, shown


def outputs(shown: Text) -> list[str]:
    nodes = shown.nodes()
    return [str(formats.html(nodes, LINKS)), formats.markdown(nodes, LINKS),
            formats.plain(nodes, LINKS, [])]


def assert_safe(text: str) -> None:
    for needle in ("evil", "javascript:", "data:", "<b>", "<script", "&#"):
        assert needle not in text
    for ch in text:
        assert ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\u200c", \
            f"U+{ord(ch):04X} in {text!r}"


@pytest.mark.parametrize("translation", [
    "Nous demandons au Comité de *ne pas* adopter [le projet] [report] avant {date}, en 2019.",
    "Merci data:text/html,x. *Ne pas* [le projet][report] {date} 2019.",
    "Nous demandons *ne pas* [le projet][report] {date}{date} 2019.",
    "[ici](javascript:alert(1)) *ne pas* [le projet][report] {date} 2019.",
    "[ici](data:text/html,x) *ne pas* [le projet][report] {date} 2019.",
    "Nous *ne pas* adopter [report] avant {date}, en 2019.",
    "Voir h&#116;tps://evil.example *ne pas* [le projet][report] {date} 2019.",
    "Voir www&#46;evil.example *ne pas* [le projet][report] {date} 2019.",
    "Nous &#x202E;demandons *ne pas* [le projet][report] {date} 2019.",
    "Nous \x1b[31mdemandons *ne pas* [le projet][report] {date} 2019.",
    "Nous deman\u200ddons *ne pas* [le projet][report] {date} 2019.",
    "Nous demandons *ne pas* [le projet][report] {date.__class__.__mro__} 2019.",
])
def test_hostile_translations_fail_check_and_are_not_shown(translation):
    errors, shown = verdicts(translation)
    assert errors, translation
    assert shown.status == "untranslated" and shown.markup == SOURCE


def test_a_bad_placeholder_is_reported_as_a_placeholder_not_as_emphasis():
    found = failing("fr", "List of signatories as of {date}", "Liste au {date.__class__.__mro__}")
    assert list(found) == ["placeholders"]
    assert found["placeholders"][0].startswith("'{date.__class__.__mro__}' is not a placeholder")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(range(len(BASE))),
                          st.sampled_from(HOSTILE_PIECES)), max_size=16),
       st.booleans())
def test_check_passes_exactly_what_render_shows(pieces, start_from_base):
    """check reports no error ⇔ render shows the translation, and what it shows is safe."""
    parts = list(BASE) if start_from_base else []
    for piece in pieces:
        if isinstance(piece, int):
            if piece < len(parts):
                del parts[piece]  # a piece left out
        else:
            parts.insert(len(parts) // 2, piece)  # a hostile piece let in
    translation = "".join(parts)
    assume(translation)  # an empty msgstr is untranslated, not judged
    errors, shown = verdicts(translation)
    assert (not errors) == (shown.status != "untranslated"), (translation, errors)
    if not errors:
        assert shown.markup == translation
        for text in outputs(shown):
            assert_safe(text)


@pytest.mark.parametrize("control", ["\x1b[31m", "\x07", "\x08", "\x0c", "\x0b", "\x7f",
                                     "\u0085", "\ufffd", "\u200e", "\u061c"],
                         ids=["ESC", "BEL", "BS", "FF", "VT", "DEL", "NEL", "U+FFFD", "LRM",
                              "ALM"])
def test_control_characters_fail_check_and_are_not_shown(control):
    errors, shown = verdicts(f"Nous {control}demandons *ne pas* [le projet][report] {{date}} "
                             "2019.")
    assert any("U+" in error for error in errors)
    assert shown.status == "untranslated"


@pytest.mark.parametrize(("translation", "flagged"), [
    ("en 2091ftp://evil.example", True), ("en 2091javascript:alert(1)", True),
    ("en 2091www.evil.example", True), ("les métadonnées metadata: aucune", False)])
def test_url_like_text_after_digits_is_caught_and_a_word_ending_in_a_scheme_is_not(
        translation, flagged):
    assert ("urls" in failing("fr", "in 2091", translation)) == flagged
