"""The one jinja2 environment factory: escaping per format, undefined names as errors, and
template strings looked up under the very msgid extraction puts in the catalog."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from jinja2.ext import babel_extract
from markupsafe import Markup

from conftest import REPO
from letter_i18n import templating
from letter_i18n.templating import EXTRACT_OPTIONS, KEYWORDS, environment

FORMATS = ["html", "md", "txt"]
# A trans block over several lines, with a variable, and a `_()` call: as templates hold them.
TRANSLATABLE = """<p>{% trans %}Signed by
    {{ count }} organizations
    and experts.{% endtrans %}</p>
{{ _("Thank you.") }}
"""


def looked_up(fmt: str, source: str, **values) -> tuple[str, list[str]]:
    """The rendering, and every msgid the template asked the catalog for."""
    asked: list[str] = []

    def gettext(message: str) -> str:
        asked.append(message)
        return message

    text = environment(fmt).from_string(source).render(gettext=gettext, _=gettext, **values)
    return text, asked


def extracted(source: str, options: dict[str, str]) -> list[str]:
    found = babel_extract(io.BytesIO(source.encode("utf-8")), KEYWORDS, [], options)
    return [message for _line, _function, message, _comments in found]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_trans_block_is_looked_up_under_the_msgid_extraction_gives(fmt):
    text, asked = looked_up(fmt, TRANSLATABLE, count=116)
    assert asked == extracted(TRANSLATABLE, EXTRACT_OPTIONS)
    assert asked == ["Signed by %(count)s organizations and experts.", "Thank you."]
    assert text == "<p>Signed by 116 organizations and experts.</p>\nThank you.\n"


def test_without_the_trimmed_policy_the_msgids_would_differ():
    """Why both sides must trim: untrimmed extraction keeps the newlines and the indent."""
    untrimmed = extracted(TRANSLATABLE, {"extensions": "jinja2.ext.i18n"})
    assert untrimmed[0] == "Signed by\n    %(count)s organizations\n    and experts."
    assert untrimmed != looked_up("html", TRANSLATABLE, count=1)[1]


def test_html_is_autoescaped_and_markdown_and_text_are_not():
    source = "{{ name }} {{ safe }}"
    values = {"name": 'Tom & "Jerry" <b>', "safe": Markup("<em>kept</em>")}
    assert environment("html").from_string(source).render(**values) == \
        "Tom &amp; &#34;Jerry&#34; &lt;b&gt; <em>kept</em>"
    for fmt in ("md", "txt"):
        assert environment(fmt).from_string(source).render(**values) == \
            'Tom & "Jerry" <b> <em>kept</em>'
    assert environment().autoescape is True  # html by default


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", ["{{ missing }}", "{{ e.missing }}", "{{ missing | upper }}",
                                    "{% for x in missing %}{% endfor %}"])
def test_an_undefined_name_is_an_error_never_an_empty_string(fmt, source):
    with pytest.raises(UndefinedError):
        environment(fmt).from_string(source).render(e={})


def test_whitespace_around_blocks_and_the_final_newline_are_kept_as_written():
    source = "<ul>\n  {% for x in items %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n"
    assert environment("txt").from_string(source).render(items=[1, 2]) == \
        "<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\n"


def test_one_cached_environment_per_format_and_filters():
    assert environment("html") is environment("html")
    assert environment("md") is environment("md") is not environment("txt")
    assert environment("html") is not environment("md")
    shout = (("shout", str.upper),)
    with_filter = environment("txt", shout)
    assert with_filter is environment("txt", shout) is not environment("txt")
    assert with_filter.from_string("{{ 'hi' | shout }}").render() == "HI"
    assert "shout" not in environment("txt").filters
    assert environment("html").policies["ext.i18n.trimmed"] is True


def test_the_edition_templates_load_from_the_package():
    env = environment()
    names = env.list_templates()
    assert {"letter.html.j2", "letter.md.j2", "letter.txt.j2", "picker.html.j2"} <= set(names)
    for name in names:
        _source, filename, _uptodate = env.loader.get_source(env, name)
        assert filename == str(templating.TEMPLATES_DIR / name)
    assert env.get_template("picker.html.j2").filename.endswith("picker.html.j2")
    assert REPO / Path(templating.TEMPLATES_SHOWN) == templating.TEMPLATES_DIR
