"""The editions of the real letter as Chromium lays them out, at a phone's width (390 px) and a
desktop's (1280 px): facts about the page that only a browser can measure.

Driven by Playwright for Python with Debian's chromium (``playwright install`` is never
needed: the browser is the system's).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from conftest import LOCALES, REPO, requires
from letter_i18n import locales
from letter_i18n.editions.formats import KEEP_EMS
from letter_i18n.editions.render import render_editions
from letter_i18n.editions.thaiwords import Words, project_words
from letter_i18n.project import Project
from letter_i18n.review.pages import write_review_pages
from letter_i18n.source.letter import load_letter

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    requires(Path(CHROMIUM).exists(), "Chromium", "apt-get install chromium"),
    requires(importlib.util.find_spec("playwright"), "Playwright for Python",
             "pip install -e '.[test]' (playwright)"),
]
WIDTHS = (390, 1280)
CODES = [info.code for info in LOCALES.all]
TINTED_AT_MOST = 0.15  # share of an edition's text on a tinted background

# Characters of visible text in <body>, and those whose nearest box with a background below
# <body> is not transparent (the banner, a tint), counted by what gives the background.
TINT = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let total = 0, tinted = 0;
  const by = {};
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const n = [...node.data.replace(/\s+/g, '')].length;
    if (!n || !node.parentElement.checkVisibility()) continue;
    total += n;
    for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.backgroundColor !== 'rgba(0, 0, 0, 0)' || style.backgroundImage !== 'none') {
        tinted += n;
        const what = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
        by[what] = (by[what] || 0) + n;
        break;
      }
    }
  }
  return {total, tinted, by};
}"""

# The text of <body> with, for each character, the middle of the line it is set on.
# Superscripts (note marks) are left out: raised, they would read as a line of their own.
LINES = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const chars = [], tops = [];
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement.checkVisibility()) continue;
    if (node.parentElement.closest('sup')) continue;  // raised off the line: no line of its own
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      if (!rects.length) continue;
      chars.push(node.data[i]);
      tops.push(rects[0].top + rects[0].height / 2);
    }
  }
  return {text: chars.join(''), middles: tops};
}"""

# The same, with a newline where a block or a line (<br>) ends, and every character but
# superscripts kept (one that has no box has no middle): text from two blocks never runs
# together. Also each character's width, and the content width of its block (what a line of
# it can hold).
BLOCK_LINES = r"""() => {
  const walker = document.createTreeWalker(document.body,
                                           NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const chars = [], middles = [], widths = [], rooms = [];
  const range = document.createRange();
  const room = el => {
    const style = getComputedStyle(el);
    return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  };
  const blockOf = el => {
    while (el && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
    return el;
  };
  const cut = () => { chars.push('\n'); middles.push(null); widths.push(0); rooms.push(0); };
  let block = null;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.tagName === 'BR') cut();
      continue;
    }
    if (!node.parentElement.checkVisibility()) continue;
    if (node.parentElement.closest('sup')) continue;  // a note mark, raised off the line
    const b = blockOf(node.parentElement);
    if (b !== block) { cut(); block = b; }
    const space = room(b);
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      chars.push(node.data[i]);
      middles.push(rects.length ? rects[0].top + rects[0].height / 2 : null);
      widths.push(rects.length ? rects[0].width : 0);
      rooms.push(space);
    }
  }
  return {text: chars.join(''), middles, widths, rooms};
}"""

# Each block marked as a draft or fallback: its inline start, its mark's (the ::before), and
# the inline start of the text column (the <article>), in the page's direction.
MARKS = r"""() => {
  const rtl = document.documentElement.dir === 'rtl';
  const start = r => rtl ? -r.right : r.left;
  const end = r => rtl ? -r.left : r.right;
  const column = start(document.querySelector('article').getBoundingClientRect());
  return [...document.querySelectorAll('article :is(.draft, .untranslated)')]
    .filter(el => getComputedStyle(el, '::before').content !== 'none')
    .map(el => {
      const box = el.getBoundingClientRect();
      const before = getComputedStyle(el, '::before');
      const offset = parseFloat(rtl ? before.right : before.left);
      const markStart = rtl ? -(box.right - offset) : box.left + offset;
      return {tag: el.tagName.toLowerCase(), column, start: start(box),
              markEnd: markStart + parseFloat(before.width),
              padding: parseFloat(getComputedStyle(el).paddingInlineStart)};
    });
}"""


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    """The seven editions of the real letter (source/ and locales/ of this repository)."""
    root = tmp_path_factory.mktemp("letter")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locales", root / "locales")
    out = root / "build"
    render_editions(Project(root), out)
    write_review_pages(Project(root), out)
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser):
    page = browser.new_page(viewport={"width": request.param, "height": 900})
    yield page
    page.close()


def open_edition(page, editions: Path, code: str):
    page.goto((editions / code / "index.html").as_uri())
    return page


@pytest.mark.parametrize("code", CODES)
def test_at_most_a_seventh_of_the_text_is_on_a_tint(page, editions, code):
    """Drafts are marked by the banner and a mark in the margin, never by tinting the text:
    names, addresses and headings are on the page's own background."""
    found = open_edition(page, editions, code).evaluate(TINT)
    share = found["tinted"] / found["total"]
    assert share <= TINTED_AT_MOST, f"{share:.1%} of the text is tinted: {found['by']}"
    assert set(found["by"]) <= {"aside.banner"}, found["by"]


@pytest.mark.parametrize("code", [c for c in CODES if c != locales.SOURCE.code])
def test_draft_marks_stand_in_the_margin_and_move_no_text(page, editions, code):
    marks = open_edition(page, editions, code).evaluate(MARKS)
    assert marks, "a draft edition shows its marks"
    for mark in marks:
        assert mark["markEnd"] <= mark["column"] - 2, f"a mark inside the text column: {mark}"
        if mark["tag"] in ("p", "h1", "h2", "address", "ol"):
            assert mark["start"] == pytest.approx(mark["column"], abs=0.5), mark
    paragraphs = {m["padding"] for m in marks if m["tag"] in ("p", "h1", "h2", "li")}
    assert paragraphs == {0}, "a draft is not pushed in by padding"


def test_chinese_keeps_brackets_that_fit_and_years_on_one_line(page, editions):
    """A "（…）" that a phone's line can hold stays on one line, wherever its block's line
    holds it; a wider one may break (kept whole, it would leave most of a line empty), and
    the page never scrolls sideways (another test). "2019年" stays whole."""
    laid = open_edition(page, editions, "zh_Hans").evaluate(BLOCK_LINES)
    text, middles = laid["text"], laid["middles"]

    def lines(m: re.Match[str]) -> int:
        return len({round(middles[i]) for i in range(m.start(), m.end())
                    if middles[i] is not None})

    brackets = list(re.finditer(r"（[^（）\n]+）", text))
    # a number with its unit; not the end of a document symbol (A/HRC/41/41第3段)
    years = list(re.finditer(r"(?<![A-Za-z0-9/])(?:\d+[\u3400-\u9fff])+", text))
    assert any(m.group() == "（特立尼达和多巴哥）" for m in brackets)
    assert max(len(m.group()) for m in brackets) > 20
    assert any(m.group().startswith("2019年") for m in years)
    size = float(page.evaluate("getComputedStyle(document.body).fontSize")[:-2])
    width = {m: sum(laid["widths"][m.start():m.end()]) for m in brackets}
    fitting = [m for m in brackets
               if width[m] <= laid["rooms"][m.start()] and width[m] / size <= KEEP_EMS]
    split = [m.group() for m in [*fitting, *years] if lines(m) > 1]
    assert not split, f"split across lines: {split}"
    assert len(fitting) >= len(brackets) - 1  # only "（关于认可、…的详细信息）" is wider


@pytest.fixture(scope="module")
def thai_words() -> Words:
    project = Project(REPO)
    return Words(project_words(project, load_letter(project.source_dir, REPO), "th"))


def test_thai_lines_break_between_words_never_inside_one(page, editions, thai_words):
    """Chromium's own dictionary broke "สิทธิมนุษย|ชน", "การต่อ|ต้าน", "วิธี|สบัญญัติ"."""
    laid = open_edition(page, editions, "th").evaluate(BLOCK_LINES)
    text, middles = laid["text"], laid["middles"]

    def new_line(i: int) -> bool:
        return None not in (middles[i - 1], middles[i]) and abs(middles[i] - middles[i - 1]) > 4

    inside = thai_words.inside(text)
    between = thai_words.breaks(text)
    assert len(inside) > 5000
    assert sum(map(new_line, between)) > (20 if page.viewport_size["width"] > 1000 else 100)
    split = [text[i - 8:i] + "|" + text[i:i + 8] for i in sorted(inside) if new_line(i)]
    assert not split


def test_thai_is_set_larger_than_latin_and_copies_as_written(page, editions):
    """Thai reads about a tenth smaller than Latin at the same size; names in Latin letters
    inside the Thai edition stay at Latin size. The word markup adds no character."""
    size = """() => [getComputedStyle(document.querySelector('article p')).fontSize,
      getComputedStyle(document.querySelector('ol.organizations bdi[lang=und-Latn]')).fontSize,
      getComputedStyle(document.querySelector('h1')).fontSize]"""
    thai = [float(px[:-2]) for px in open_edition(page, editions, "th").evaluate(size)]
    copied = page.evaluate("document.body.innerText")
    latin = [float(px[:-2]) for px in open_edition(page, editions, "en").evaluate(size)]
    assert 1.10 <= thai[0] / latin[0] <= 1.15 and 1.10 <= thai[2] / latin[2] <= 1.15
    assert thai[1] == pytest.approx(latin[1], abs=0.1)
    assert "สิทธิมนุษยชน" in copied and "\u200b" not in copied


OPENING = "（《「『【〔"
CLOSING = "，。、；：？！）》」』】〕"


def test_no_chinese_line_starts_or_ends_with_forbidden_punctuation(page, editions):
    laid = open_edition(page, editions, "zh_Hans").evaluate(LINES)
    text, middles = laid["text"], laid["middles"]
    bad = []
    for i in range(1, len(text)):
        new_line = abs(middles[i] - middles[i - 1]) > 4 and not text[i - 1].isspace()
        if new_line and (text[i] in CLOSING or text[i - 1] in OPENING):
            bad.append(text[max(0, i - 6):i] + "|" + text[i:i + 6])
    assert not bad


@pytest.mark.parametrize("code", CODES)
def test_the_language_bar_is_not_justified(page, editions, code):
    align = open_edition(page, editions, code).evaluate(
        "getComputedStyle(document.querySelector('nav.languages')).textAlign")
    assert align in ("start", "left", "right"), align


def test_the_picker_sets_every_language_name_at_least_at_the_size_of_the_others(page, editions):
    page.goto((editions / "index.html").as_uri())
    sizes = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        'ul.picker a')].map(a => [a.lang, parseFloat(getComputedStyle(a).fontSize)]))""")
    latin = sizes["en"]
    assert all(size >= latin for size in sizes.values()), sizes


def test_thai_experts_names_stand_apart_from_their_affiliation(page, editions):
    weights = open_edition(page, editions, "th").evaluate("""() => [...document.querySelectorAll(
        'ol.experts li')].map(li => [getComputedStyle(li.querySelector('bdi')).fontWeight,
                                     getComputedStyle(li).fontWeight])""")
    assert len(weights) == 11
    assert all(int(name) >= int(rest) + 200 for name, rest in weights), weights


PAGES = ["index.html", "status.html", *(f"{code}/index.html" for code in CODES),
         *(f"{info.code}/review.html" for info in LOCALES.targets)]


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_and_no_text_touches_the_window_edge(page, editions, name):
    """On a phone the status and review tables become blocks; on a desktop the review page
    keeps a margin (its text used to touch the window's edges)."""
    page.goto((editions / name).as_uri())
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    left, right = page.evaluate("""() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let left = Infinity, right = -Infinity;
      const range = document.createRange();
      while (walker.nextNode()) {
        if (!walker.currentNode.data.trim()) continue;
        range.selectNodeContents(walker.currentNode);
        for (const r of range.getClientRects()) {
          left = Math.min(left, r.left); right = Math.max(right, r.right);
        }
      }
      return [left, right];
    }""")
    assert left >= 8 and right <= width - 8, (left, right)


def test_counts_and_language_names_do_not_wrap_inside_on_the_status_page(page, editions):
    page.goto((editions / "status.html").as_uri())
    broken = page.evaluate("""() => [...document.querySelectorAll('td.number, th span[lang]')]
      .filter(el => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
      }).map(el => el.textContent)""")
    assert broken == []


@pytest.mark.parametrize("code", ["en", "ar", "fr"])
def test_links_are_underlined_and_unknown_links_read_as_plain_text(page, editions, code):
    decorations = open_edition(page, editions, code).evaluate("""() => ({
      links: [...document.querySelectorAll('article a[href^="http"]')]
        .map(a => getComputedStyle(a).textDecorationLine),
      unknown: [...document.querySelectorAll('.link-unknown')]
        .map(el => getComputedStyle(el).textDecorationLine)})""")
    assert decorations["links"] and set(decorations["links"]) == {"underline"}
    assert decorations["unknown"] and set(decorations["unknown"]) == {"none"}


AXE = REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # as .ci/run puts it


@requires(AXE.exists(), "axe-core", "npm install axe-core in .cache/axe, as .ci/run does")
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_accessibility_violation(page, editions, name):
    page.goto((editions / name).as_uri())
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
      .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => v.id + ': ' + v.nodes.map(n => n.html.slice(0, 80)).join(' | '))""")
    assert found == []
