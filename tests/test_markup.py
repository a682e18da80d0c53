"""The inline model: what a segment may contain, and its canonical form."""

from __future__ import annotations

import pytest

from letter_i18n import markup

LABELS = {"report", "hrc-41-41"}


def roundtrip(text: str) -> str:
    return markup.serialize(markup.parse(text, LABELS))


@pytest.mark.parametrize("text", [
    "Plain text with “quotes” and – dashes.",
    "We saw *this* and **that** in [a report][report].",
    "Nested **strong with [a link][hrc-41-41] inside**.",
    "Literal \\[brackets\\] and a \\* star.",
])
def test_canonical_markup_round_trips(text):
    assert roundtrip(text) == text


def test_soft_line_breaks_become_spaces_and_underscores_become_stars():
    assert roundtrip("one\ntwo _three_ __four__") == "one two *three* **four**"


def test_links_are_listed_in_order():
    nodes = markup.parse("[a][report] then [b][hrc-41-41] and [c][report]", LABELS)
    assert markup.links(nodes) == ["report", "hrc-41-41", "report"]
    assert markup.plain_text(nodes) == "a then b and c"


@pytest.mark.parametrize(("text", "message"), [
    ("see [x][nope]", "undefined link label 'nope'"),
    ("see [x](https://example.org)", "never a URL"),
    ("see <https://example.org>", "never a URL"),
    ("a <script>alert(1)</script>", "raw HTML"),
    ("an ![image][report]", "images are not allowed"),
    ("code `x`", "code span"),
])
def test_markup_outside_the_model_is_refused(text, message):
    with pytest.raises(markup.MarkupError, match=message.replace("(", r"\(")):
        markup.parse(text, LABELS)


def test_tokenize_numbers_markup_placeholders_and_names_and_rebuild_undoes_it():
    text = "*We* ask {name} and Article 19 for **[a report][report]**."
    items, pieces = markup.tokenize(text, LABELS, {"Article 19": "Article 19"})
    assert items == [1, "We", 2, " ask ", 3, " and ", 4, " for ", 5, 6, "a report", 7, 8, "."]
    assert pieces[1] == markup.Piece("open", "em")
    assert pieces[2] == markup.Piece("close", "em", pair=1)
    assert pieces[3] == markup.Piece("text", text="{name}")
    assert pieces[6] == markup.Piece("open", "link", "report")
    assert [pieces[n].shown() for n in (5, 7)] == ["the start of **strong**",
                                                   "the end of the link [report]"]
    assert markup.serialize(markup.rebuild(items, pieces)) == text


def test_rebuild_refuses_a_piece_closed_out_of_place():
    items, pieces = markup.tokenize("*a* and [b][report]", LABELS)
    assert items == [1, "a", 2, " and ", 3, "b", 4]
    with pytest.raises(markup.Misplaced, match=r"the end of \*emphasis\* is out of place") as e:
        markup.rebuild([3, "b", 2, 1, "a", 4], pieces)
    assert e.value.piece == pieces[2]
    reordered = markup.rebuild([3, "b", 4, " and ", 1, "a", 2], pieces)
    assert markup.serialize(reordered) == "[b][report] and *a*"
