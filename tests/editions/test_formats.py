"""Wrapping plain text by display width where each language allows a break."""

from __future__ import annotations

import re

import pytest

from letter_i18n import markup
from letter_i18n.editions import formats
from letter_i18n.editions.formats import escape_markdown, width, wrap

THAI = ("เราซึ่งเป็นองค์กรและนักวิชาการที่ลงนามท้ายจดหมายฉบับนี้ ทำงานเพื่อคุ้มครองและส่งเสริมสิทธิ"
        "มนุษยชนทั้งในโลกออนไลน์และออฟไลน์ ความพยายามในการจัดการกับอาชญากรรมไซเบอร์เป็นเรื่องที่เราห่วง"
        "กังวล")
CHINESE = ("我们，以下签名的组织和学者，致力于在线上和线下保护和促进人权。"
           "打击网络犯罪的努力与我们息息相关，") * 2


def test_widths_count_columns_not_characters():
    assert width("abc") == 3
    assert width("人权") == 4
    assert width("สิทธิ") == 3  # two of the five code points are combining marks


@pytest.mark.parametrize(("text", "locale"), [(THAI, "th"), (CHINESE, "zh_Hans"),
                                              ("word " * 40, "en")])
def test_lines_fit_and_nothing_is_inserted(text, locale):
    lines = wrap(text, 40, locale)
    assert len(lines) > 1
    assert all(width(line) <= 40 for line in lines)
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
    assert "".join(lines).count(" ") <= text.count(" ")  # no space added inside Thai words


def test_chinese_never_starts_a_line_with_closing_punctuation():
    for line in wrap(CHINESE, 20, "zh_Hans")[1:]:
        assert line[0] not in "，。、；：）”"


def test_thai_breaks_between_words_not_inside_them():
    lines = wrap(THAI, 30, "th")
    assert "สิทธิมนุษยชน" in "".join(lines)
    assert not any(line.endswith("สิทธิมนุษ") for line in lines)


def test_hanging_indent():
    lines = wrap("one two three four five six", 12, "en", "- ", "  ")
    assert lines[0].startswith("- ") and all(line.startswith("  ") for line in lines[1:])


def test_markdown_escaping():
    assert escape_markdown("a*b_[c]") == "a\\*b\\_\\[c\\]"


def test_ems_estimate_how_wide_text_is_set():
    assert formats.ems("（特立尼达和多巴哥）") == 10  # as Chromium sets it: 9.99 em
    # Chromium: 17.68 and 17.63 em; both fit a phone's list line (18.4 em)
    assert 17 <= formats.ems("（Brazilian Institute of Public Law）") <= formats.KEEP_EMS
    assert 17 <= formats.ems("（London Metropolitan University）") <= formats.KEEP_EMS
    assert formats.ems("&amp;") == formats.ems("&")


@pytest.mark.parametrize(("body", "kept"), [
    ("<p>中心（国际）。</p>", '<p>中心<span class="nobr">（国际）</span>。</p>'),
    ('（<span class="draft">国际</span>）',
     '<span class="nobr">（<span class="draft">国际</span>）</span>'),
    ("于2019年提出", '于<span class="nobr">2019年</span>提出'),
    ("2021年12月22日", '<span class="nobr">2021年12月22日</span>'),
    ("（关于认可、时间和地点以及远程参与）",
     '<span class="nobr">（关于认可、时间和地点以及远程参与）</span>'),
    # Wider than a phone's line: may break anywhere (numbers inside are still kept).
    ("（关于认可、时间和地点以及远程参与的详细信息）",
     "（关于认可、时间和地点以及远程参与的详细信息）"),
    ("（Brazilian Institute of Public Law）",
     '<span class="nobr">（Brazilian Institute of Public Law）</span>'),
    ("（Munk School of Global Affairs &amp; Public Policy）",
     "（Munk School of Global Affairs &amp; Public Policy）"),
    ("（Citizen Lab）", '<span class="nobr">（Citizen Lab）</span>'),
    ("（" + "很长" * 20 + "2019年）", "（" + "很长" * 20 + '<span class="nobr">2019年</span>）'),
    ("（<b>国</b></i>）", "（<b>国</b></i>）"),  # tags that do not balance
    ("Access Now – International (2019)", "Access Now – International (2019)"),
])
def test_keep_together_wraps_what_a_chinese_line_must_not_split(body, kept):
    head = "<head><title>（国际）</title></head>"
    assert formats.keep_together(f"{head}<body>{body}</body>") == f"{head}<body>{kept}</body>"


def test_markdown_isolates_are_judged_on_what_a_reader_sees_and_never_break_markup():
    lri, pdi = "\u2066", "\u2069"
    text = ("11. Valerie Steeves، دكتوراه \\(J.D.\\)، [**Citizen Lab**][citizen-lab] و\n"
            "[citizen-lab]: <https://citizenlab.ca/>\n"
            "[عن بالغ قلقها][grave-concerns] Human Rights Watch و")
    lines = formats.isolate_markdown(text).split("\n")
    assert lines[0] == (f"11. {lri}Valerie Steeves{pdi}، دكتوراه {lri}\\(J.D.\\){pdi}، "
                        "[**Citizen Lab**][citizen-lab] و")
    assert lines[1:] == text.split("\n")[1:]  # definitions and labels untouched


def test_text_isolates_line_by_line():
    text = "  7. ARTICLE 19 – دولية\n[1] https://undocs.org/A/HRC/41/41"
    assert formats.isolate_text(text) == (
        "  7. \u2066ARTICLE 19\u2069 – دولية\n[1] https://undocs.org/A/HRC/41/41")


def test_a_spaced_dash_is_held_to_both_neighbours():
    glued = formats.glue_dashes("Bangladesh NGOs Network (BNNRC) – Bangladesh")
    assert glued == "Bangladesh NGOs Network (BNNRC)\u00a0–\u2060\u00a0Bangladesh"
    lines = wrap(glued, 36, "en")
    assert lines == ["Bangladesh NGOs Network", "(BNNRC)\u00a0–\u2060\u00a0Bangladesh"]
    assert wrap("Bangladesh NGOs Network (BNNRC)\u00a0–\u00a0Bangladesh", 36, "en")[0].endswith(
        "–"), "a no-break space alone would not hold after the dash (UAX #14 LB12a)"


def test_html_isolates_every_run_and_escapes_the_text():
    def isolated(text: str) -> str:
        return str(formats.html([markup.Node("text", text)], {}, rtl=True))

    assert isolated("القانون (J.D.) <ب>") == 'القانون <bdi dir="ltr">(J.D.)</bdi> &lt;ب&gt;'
    assert isolated("R&D قسم") == '<bdi dir="ltr">R&amp;D</bdi> قسم'


def test_html_isolates_runs_in_right_to_left_text_but_not_placeholders():
    nodes = markup.parse("سعادة {name}، *Citizen Lab* (J.D.)", frozenset())
    assert str(formats.html(nodes, {}, rtl=True)) == (
        'سعادة {name}، <em><bdi dir="ltr">Citizen Lab</bdi></em> <bdi dir="ltr">(J.D.)</bdi>')
    assert str(formats.html(nodes, {})) == "سعادة {name}، <em>Citizen Lab</em> (J.D.)"


def test_names_are_marked_as_whole_words_and_escaped():
    from letter_i18n import markup
    from letter_i18n.editions.formats import html, names_pattern

    names = names_pattern(["Ada Lovelace", "Ada", "R&D Lab"])
    nodes = [markup.Node("text", "Ada Lovelace, Adam, 审阅者Ada和R&D Lab。")]
    assert str(html(nodes, {}, names=names)) == (
        '<span class="name" translate="no">Ada Lovelace</span>, Adam, 审阅者'
        '<span class="name" translate="no">Ada</span>和'
        '<span class="name" translate="no">R&amp;D Lab</span>。')
    assert names_pattern([]) is None


def test_a_latin_name_in_right_to_left_text_is_marked_inside_its_isolate():
    names = formats.names_pattern(["Citizen Lab"])
    nodes = markup.parse("شكرًا Citizen Lab (J.D.) و", frozenset())
    assert str(formats.html(nodes, {}, rtl=True, names=names)) == (
        'شكرًا <bdi dir="ltr"><span class="name" translate="no">Citizen Lab</span> (J.D.)'
        '</bdi> و')


LABELS = {"report", "other"}


def marked(text: str, marks: dict[str, int]) -> str:
    """A segment with its note marks, as Markdown (a mark is [^n])."""
    return formats.markdown(formats.with_notes(markup.parse(text, LABELS), marks),
                            dict.fromkeys(LABELS, LINK))


LINK = formats.Link("report", "inferred", "https://undocs.org/A/HRC/41/41", "high", "", 1)


@pytest.mark.parametrize(("text", "expected"), [
    # after the closing quotation mark that follows the citing link, in each style
    ("He [observed][report], “A surge.” Then more.",
     "He [observed][report], “A surge.”[^1] Then more."),
    ("Il l’a [observé][report] : « une hausse ». Puis.",
     "Il l’a [observé][report] : « une hausse »[^1]. Puis."),
    ("他[指出][report]：“激增。”联合国", "他[指出][report]：“激增。”[^1]联合国"),
    # no quotation mark after the link at its level: right after the link
    ("As [the report][report] said.", "As [the report][report][^1] said."),
    # another link comes first: the mark stays with its own citation
    ("[A][report] and [B][other] “x”", "[A][report][^1] and [B][other] “x”"),
    # inside emphasis, the quotation ends inside it too
    ("*[Said][report] “so.”* Next", "*[Said][report] “so.”[^1]* Next"),
    # a link not in the marks gets none
    ("[B][other] “x”", "[B][other] “x”"),
])
def test_a_note_mark_follows_the_quotation_its_link_introduces(text, expected):
    assert marked(text, {"report": 1}) == expected


def test_note_marks_in_html_and_text():
    nodes = formats.with_notes(markup.parse("[Said][report] “so.”", LABELS), {"report": 2})
    links = dict.fromkeys(LABELS, LINK)
    sup = ('<sup class="quote-ref"><a href="#quote-note-2" id="quote-ref-2" '
           'role="doc-noteref">2</a></sup>')
    # the closing quotation mark and the mark stay together
    assert str(formats.html(nodes, links)).endswith(f'“so.<span class="nobr">”{sup}</span>')
    assert formats.plain(nodes, links, []) == "Said [1] “so.”²"
    # so does the punctuation after the mark (a Chinese line never starts with 。), or else
    # the next character
    for after, kept in (("。确实", "。"), ("联合国", "联"), (" then", "")):
        nodes = formats.with_notes(markup.parse(f"[说][report]“是”{after}", LABELS), {"report": 2})
        assert f'<span class="nobr">”{sup}{kept}</span>{after[len(kept):]}' in str(
            formats.html(nodes, links))


def test_a_name_before_a_note_mark_is_marked_and_keeps_the_mark_with_its_quotation():
    names = formats.names_pattern(["Ada"])
    nodes = formats.with_notes(markup.parse("[Said][report] “Ada.”", LABELS), {"report": 1})
    shown = str(formats.html(nodes, dict.fromkeys(LABELS, LINK), names=names))
    assert '“<span class="name" translate="no">Ada</span>.<span class="nobr">”<sup' in shown


def test_thai_wraps_where_its_words_allow_and_never_inside_one():
    from letter_i18n.editions.thaiwords import Words

    words = Words(["วิธีสบัญญัติ"])
    text = "ทั้งในส่วนสารบัญญัติและวิธีสบัญญัติ ผู้เชี่ยวชาญด้านสิทธิมนุษยชนกว่า 40 ราย " * 3
    for columns in range(12, 40):
        lines = wrap(text, columns, "th", words=words)
        assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
        at = 0
        for line in lines[:-1]:
            at = text.index(line.strip(), at) + len(line.strip())
            between_letters = text[at - 1] != " " and text[at] != " "
            assert not between_letters or at in words.breaks(text), (columns, line)


def test_mark_words_sets_thai_words_apart_and_adds_no_character():
    from letter_i18n.editions.thaiwords import Words

    page = ('<head><title>สิทธิมนุษยชน</title></head><body><p title="สิทธิมนุษยชนกว่า">'
            'สิทธิมนุษยชน<a href="#">กว่า</a> 40 ราย ณ ต่าง ๆ Law</p></body>')
    marked = formats.mark_words(page, Words())
    assert marked == (
        '<head><title>สิทธิมนุษยชน</title></head><body><p title="สิทธิมนุษยชนกว่า">'
        '<span class="w">สิทธิมนุษยชน</span><a href="#"><span class="w">กว่า</span></a> 40 '
        '<span class="w">ราย</span> ณ <span class="w">ต่าง ๆ</span> Law</p></body>')
    assert formats.mark_words("<p>สิทธิมนุษยชนกว่า</p>", Words()) == "<p>สิทธิมนุษยชนกว่า</p>"
    two = formats.mark_words("<body>การต่อต้าน</body>", Words())
    assert two == '<body><span class="w">การ</span><wbr><span class="w">ต่อต้าน</span></body>'
