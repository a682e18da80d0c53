"""Protecting a segment from an engine, and refusing answers that cannot be made safe."""

from __future__ import annotations

import re

import pytest
from babel.messages.plurals import get_plural

from conftest import LOCALES
from fake_libretranslate import MANGLERS, mangle_markdown, pseudo_translate
from letter_i18n import locales, markup
from letter_i18n.drafts import protect
from letter_i18n.drafts.protect import Rejected

LABELS = frozenset({"report", "hrc-41-41"})
NAMES = {"Clément Nyaletsossi Voule": "Clément Nyaletsossi Voule",
         "Association for Progressive Communications (APC)":
             "Association pour le progrès des communications (APC)"}
SOURCE = ("In his report, **Clément Nyaletsossi Voule** [observed][hrc-41-41] that "
          "*{count} laws* harm the Association for Progressive Communications (APC).")


def test_markup_placeholders_and_names_become_tokens():
    p = protect.protect(SOURCE, LABELS, NAMES)
    assert p.text == ("In his report, [X1X][X2X][X3X] [X4X]observed[X5X] that [X6X][X7X] "
                      "laws[X8X] harm the [X9X].")
    assert not any(ch in p.text for ch in "*{}") and "Voule" not in p.text
    assert p.translatable


def test_an_answer_with_tokens_intact_is_restored_with_official_names():
    p = protect.protect(SOURCE, LABELS, NAMES)
    text, repairs = protect.restore(p, pseudo_translate(p.text, "fr"))
    assert text == ("nI sih troper, **Clément Nyaletsossi Voule** [devresbo][hrc-41-41] taht "
                    "*{count} swal* mrah eht Association pour le progrès des communications "
                    "(APC).")
    assert repairs == []


def test_web_engine_markdown_mangling_would_break_raw_markup_but_not_tokens():
    raw = "Nested **strong with [a link][report] inside**."
    assert markup.serialize(markup.parse(mangle_markdown(raw), LABELS)) != raw
    p = protect.protect(raw, LABELS, {})
    text, _ = protect.restore(p, mangle_markdown(pseudo_translate(p.text, "fr")))
    assert text == "detseN **gnorts htiw [a knil][report] edisni**."


def test_respelled_tokens_and_spaces_inside_markup_are_repaired():
    p = protect.protect("We saw *this* and [a report][report], then left.", LABELS, {})
    answer = MANGLERS["tokens"](pseudo_translate(p.text, "fr"))
    assert "[ x1x ]" in answer
    text, repairs = protect.restore(p, answer)
    assert text == "eW was *siht* dna [a troper][report], neht tfel."
    assert set(repairs) == {"tokens respelled by the engine", "spaces inside emphasis or links",
                            "spaces before punctuation", "doubled spaces"}


def test_lost_leading_and_trailing_whitespace_is_put_back():
    p = protect.protect(" Thank you.\n", LABELS, {})
    text, repairs = protect.restore(p, "Merci.")
    assert text == " Merci.\n"
    assert repairs == ["leading or trailing whitespace"]


@pytest.mark.parametrize(("answer", "reason"), [
    ("", "the engine's answer is empty"),
    ("   ", "the engine's answer is empty"),
    ("Nous avons vu [X1X]ceci.", "the engine lost the end of *emphasis*"),
    ("Nous [X2X]ceci[X1X] et [X3X]un[X4X].", "moved the end of *emphasis* out of place"),
    ("Nous [X1X]ceci[X2X] et [X3X]un[X4X] [X9X].", "tokens that were not sent: [9]"),
    ("Nous [X1X]ceci[X2X] et [X3X]un[X4X] [X3X].", "repeated the start of the link [report]"),
    ("Nous [X1X][X2X] et [X3X]un[X4X].", "the engine left *emphasis* around nothing"),
    ("We saw [X1X]this[X2X] and [X3X]a report[X4X].", "the source text, unchanged"),
    ("Nous [X1X]ceci[X2X] et [X3X]un ** rapport[X4X].",
     "markup characters that do not take effect: *"),
    ("Nous [X1X]ceci[X2X] et [X3X]un[X4X]. " + "Bla bla. " * 40,
     "times as long as the text sent"),
])
def test_unsafe_answers_are_rejected_with_a_reason(answer, reason):
    p = protect.protect("We saw *this* and [a report][report].", LABELS, {})
    with pytest.raises(Rejected, match=re.escape(reason)):
        protect.restore(p, answer)


def test_an_answer_far_too_short_for_the_text_sent_is_rejected():
    long = "We saw *this*, " + "and a long sentence that goes on and on, " * 6 + "at last."
    p = protect.protect(long, LABELS, {}, locale=LOCALES.target("fr"))
    with pytest.raises(Rejected, match="too short to be a translation of it"):
        protect.restore(p, "Nous [X1X]ceci[X2X].")


def test_chinese_may_be_a_third_of_the_english():
    p = protect.protect("The right to privacy and freedom of expression online.", LABELS, {},
                        locale=LOCALES.target("zh_Hans"))
    assert protect.restore(p, "网上隐私权和言论自由。")[0] == "网上隐私权和言论自由。"


def test_markup_commonmark_cannot_place_is_rejected():
    """Chinese text around emphasis that starts with punctuation: no longer emphasis."""
    p = protect.protect("We ask *that*.", LABELS, {})
    with pytest.raises(Rejected, match="CommonMark cannot place them"):
        protect.restore(p, "我们要求[X1X]“那个”[X2X]。")


def test_a_source_that_looks_like_a_token_is_refused():
    with pytest.raises(Rejected, match="looks like a token"):
        protect.protect("Press [X1X] now.", LABELS, {})


def test_only_names_and_placeholders_is_nothing_to_translate():
    p = protect.protect("Clément Nyaletsossi Voule, {count}", LABELS, NAMES)
    assert not p.translatable


# -- splitting -------------------------------------------------------------------------------

PARAGRAPH = ("H.E. Ms Smith opened the session. The Committee met, i.e. twice, in 2019. "
             "It adopted [X1X]a report[X2X]! Was it enough? Some say no.")


@pytest.mark.parametrize("limit", [30, 45, 60, 80, 1000])
def test_long_texts_split_at_sentence_ends_within_the_limit(limit):
    pieces = protect.split(PARAGRAPH, limit)
    assert all(len(text) <= limit for text, _ in pieces)
    assert "".join(text + sep for text, sep in pieces) == PARAGRAPH
    if limit >= 45:
        assert [text for text, _ in pieces if text.endswith(("H.E.", "i.e."))] == []
        assert all(text.endswith((".", "!", "?")) for text, _ in pieces)


def test_a_sentence_longer_than_the_limit_is_cut_at_a_space():
    pieces = protect.split("word " * 30, 22)
    assert all(len(text) <= 22 for text, _ in pieces)
    assert " ".join(text for text, _ in pieces) == ("word " * 30).strip()


def test_join_drops_spaces_after_full_width_punctuation():
    assert protect.join(["我们开会。", "它通过了。"], [" ", ""]) == "我们开会。它通过了。"
    assert protect.join(["Nous.", "Il a."], [" ", ""]) == "Nous. Il a."


# -- plural forms ------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "samples"), [
    ("ar", [0, 1, 2, 3, 11, 100]), ("es", [1, 1000000, 2]), ("fr", [1, 1000000, 2]),
    ("ru", [21, 2, 5]), ("th", [2]), ("zh_Hans", [2])])
def test_plural_samples_select_each_form(code, samples):
    assert protect.plural_samples(locales.PluralRule(str(get_plural(code)))) == samples


@pytest.mark.parametrize(("number", "answer", "expected"), [
    (21, "21 организация", "{count} организация"),
    (1000000, "1.000.000 de organizaciones", "{count} de organizaciones"),
    (1000000, "1 000 000 d’organisations", "{count} d’organisations"),
    (3, "٣ منظمات", "{count} منظمات"),
])
def test_plural_sample_number_becomes_the_placeholder_again(number, answer, expected):
    p = protect.protect("{count} organizations", LABELS, {}, number, "{count}")
    assert p.text == f"{number} organizations"
    assert protect.restore(p, answer)[0] == expected


def test_a_plural_sample_spelled_out_is_rejected():
    p = protect.protect("{count} organization", LABELS, {}, 1, "{count}")
    with pytest.raises(Rejected, match=re.escape("1 standing for {count} came back 0 times")):
        protect.restore(p, "une organisation")
