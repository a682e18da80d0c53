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
