"""Print make-up: hyphenation ladders, hyphens at page ends, near-empty last pages.

The rules are tested on lines and trees made here; :func:`makeup.lay_out` on pages
WeasyPrint lays out (slow). tests/editions/test_pdf.py checks the seven real PDFs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import requires
from letter_i18n.editions import makeup
from letter_i18n.editions.makeup import Line, hyphen_faults, keep_word, last_page_share


def lines_of(*specs: str, element=None) -> list[Line]:
    """Lines of one block: "a" ends with an automatic hyphen, "h" with a hyphen of the text,
    "-" with neither, "e" ends its page."""
    element = element if element is not None else ET.Element("p")
    return [Line(1, element, "x", auto="a" in spec, hard="h" in spec, last_on_page="e" in spec)
            for spec in specs]


def test_a_third_hyphenated_line_in_a_row_loses_its_hyphen():
    assert hyphen_faults(lines_of("a", "a", "-", "a", "a")) == []
    assert hyphen_faults(lines_of("a", "a", "a", "a", "a", "a")) == [2, 5]


def test_a_hyphen_of_the_text_counts_towards_the_row_but_only_an_automatic_one_goes():
    assert hyphen_faults(lines_of("a", "h", "h")) == [0]
    assert hyphen_faults(lines_of("h", "h", "h")) == []  # nothing that can go


def test_no_automatic_hyphen_ends_a_page():
    assert hyphen_faults(lines_of("-", "ae", "-")) == [1]
    assert hyphen_faults(lines_of("-", "he", "-")) == []


def test_a_row_ends_with_its_block():
    first, second = lines_of("a", "a"), lines_of("a", "-", element=ET.Element("p"))
    assert hyphen_faults(first + second) == []


def test_the_last_page_is_measured_against_the_fullest_page_before_it():
    assert last_page_share([900, 1200, 300]) == 0.25
    assert last_page_share([1200]) == 1.0


def test_the_hyphenated_word_is_wrapped_where_it_occurs():
    """The second "convention" of the block, whose first half ends a line; the word of a
    link stays in its link."""
    block = ET.fromstring("<p>A convention, <a href='#'>the convention</a> and a convention "
                          "again.</p>")
    lines = [Line(1, block, "A convention, the conven\u2010", auto=True),
             Line(1, block, "tion and a convention again.")]
    assert keep_word(lines, 0)
    assert ET.tostring(block, encoding="unicode") == (
        '<p>A convention, <a href="#">the <span class="nohyphen">convention</span></a> and a '
        "convention again.</p>")
    lines = [Line(1, block, "A convention, the convention and a con\u2010", auto=True),
             Line(1, block, "vention again.")]
    assert keep_word(lines, 0)
    assert block[1].text == "convention" and block[1].tail == " again."


def test_a_word_across_elements_is_left_alone():
    block = ET.fromstring("<p>cyber<em>crime</em> laws</p>")
    lines = [Line(1, block, "cyber\u2010", auto=True), Line(1, block, "crime laws")]
    assert not keep_word(lines, 0)
    assert ET.tostring(block, encoding="unicode") == "<p>cyber<em>crime</em> laws</p>"


# -- Laid out by WeasyPrint --

def _weasyprint() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


PAGE = """<!DOCTYPE html><html lang="en"><style>
@page {{ size: 90mm 60mm; margin: 5mm; }}
body {{ font: 10pt/1.3 "DejaVu Serif", serif; margin: 0; }}
p {{ text-align: justify; hyphens: auto; hyphenate-limit-chars: 4 2 2;
     hyphenate-character: "\\2010"; orphans: 1; widows: 1; margin: 0; }}
.nohyphen {{ hyphens: manual; }}
li {{ line-height: 1.3; }}
.makeup-tight-1 li {{ line-height: 1.1; }}
.makeup-tight-2 li {{ line-height: 1.0; }}
.makeup-tight-3 li {{ line-height: 0.95; }}
</style><body>{body}</body></html>"""
WORDS = ("internationalization responsibilities extraordinarily telecommunications "
         "incomprehensibility characteristically representatives circumstantially ")


def _render(html):
    return html.render()


@pytest.mark.slow
@requires(_weasyprint(), "WeasyPrint and Pango", "pip install -e '.[pdf]'")
def test_lay_out_breaks_every_ladder_and_keeps_hyphens_off_page_ends():
    from weasyprint import HTML

    page = PAGE.format(body=f"<p>{WORDS * 12}</p>")
    plain = makeup.read_lines(HTML(string=page).render())
    assert hyphen_faults(plain), "the sample must need make-up to test it"
    document = makeup.lay_out(HTML(string=page), _render)
    lines = makeup.read_lines(document)
    assert hyphen_faults(lines) == []
    assert sum(line.auto for line in lines) > 3  # hyphenation still at work
    shown = "".join(line.text[:-1] if line.auto else line.text + " " for line in lines)
    assert shown.split() == (WORDS * 12).split()  # every word, whole where it was kept


@pytest.mark.slow
@requires(_weasyprint(), "WeasyPrint and Pango", "pip install -e '.[pdf]'")
def test_lay_out_tightens_a_list_that_leaves_a_near_empty_last_page():
    from weasyprint import HTML

    items = "".join(f"<li>Organization {n}</li>" for n in range(1, 80))
    for count in range(10, 80):  # a list that spills a line or two onto a last page
        page = PAGE.format(body=f"<ol>{items[:items.index(f'<li>Organization {count}<')]}</ol>")
        characters = makeup.page_characters(HTML(string=page).render())
        if len(characters) > 1 and last_page_share(characters) < makeup.MIN_LAST_PAGE:
            break
    else:
        pytest.fail("no list length leaves a near-empty last page")
    html = HTML(string=page)
    document = makeup.lay_out(html, _render)
    assert len(document.pages) == len(characters) - 1
    assert last_page_share(makeup.page_characters(document)) >= makeup.MIN_LAST_PAGE
    assert html.etree_element.get("class", "").startswith("makeup-tight-")


@pytest.mark.slow
@requires(_weasyprint(), "WeasyPrint and Pango", "pip install -e '.[pdf]'")
def test_a_printed_address_broken_after_its_hyphen_counts_towards_the_row():
    """print.css prints a link's address after it (generated text, which no kept word can
    change): where the address breaks after one of its hyphens, the line ends in a hyphen."""
    from weasyprint import HTML

    address = "https://example.org/" + "-".join(["abcdefgh"] * 12)
    page = PAGE.format(body=f'<p>See <a href="{address}">this</a> page.</p>').replace(
        "</style>", 'a::after { content: " (" attr(href) ")"; hyphens: manual; }</style>')
    lines = makeup.read_lines(HTML(string=page).render())
    broken = [line for line in lines if "abcdefgh" not in line.text and line.hard]
    assert broken and not any(line.auto for line in broken), lines


# -- Resuming from a guessed plan (a print lays out from the last print's corrections) --

@pytest.mark.slow
@requires(_weasyprint(), "WeasyPrint and Pango", "pip install -e '.[pdf]'")
def test_a_layout_resumed_from_the_first_layouts_plan_is_the_layout_itself():
    """What the PDF's speculation rests on: replaying the corrections the first layout
    called for on a fresh tree gives the same document as laying out without them."""
    from weasyprint import HTML

    page = PAGE.format(body=f"<p>{WORDS * 12}</p>")
    plans: list[makeup.Plan] = []
    serial = makeup.lay_out(HTML(string=page), _render,
                            on_first=lambda plan: plans.append(plan) or False)
    assert len(plans) == 1 and plans[0].kept, "the sample must call for kept words"
    resumed = makeup.lay_out(HTML(string=page), _render, resume=plans[0])
    assert [line.text for line in makeup.read_lines(resumed)] == [
        line.text for line in makeup.read_lines(serial)]
    assert resumed.write_pdf() == serial.write_pdf()

    stopped = makeup.lay_out(HTML(string=page), _render, on_first=lambda plan: True)
    assert stopped is None  # the caller took the rest from elsewhere


@pytest.mark.slow
@requires(_weasyprint(), "WeasyPrint and Pango", "pip install -e '.[pdf]'")
def test_without_the_nohyphen_rule_a_kept_word_is_not_wrapped_twice():
    """A style sheet that does not honour the kept word (an old or edited one) must not
    make every layout wrap it again, up to the last pass."""
    from weasyprint import HTML

    page = PAGE.format(body=f"<p>{WORDS * 12}</p>").replace(
        ".nohyphen {{ hyphens: manual; }}".replace("{{", "{").replace("}}", "}"), "")
    html = HTML(string=page)
    renders = []
    makeup.lay_out(html, lambda h: renders.append(1) or h.render())
    spans = html.etree_element.iter("span")
    assert all(len(list(span.iter("span"))) == 1 for span in spans)  # none nested
    assert len(renders) < makeup.MAX_PASSES
