"""The editions of the real letter as Chromium lays them out, at a phone's width (390 px) and a
desktop's (1280 px): facts about the page that only a browser can measure.

Driven by Playwright for Python with Debian's chromium (``playwright install`` is never
needed: the browser is the system's).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import LOCALES, REPO, rendered_letter, requires
from letter_i18n import locales
from letter_i18n.editions import webfonts
from letter_i18n.editions.formats import KEEP_EMS
from letter_i18n.editions.thaiwords import Words, project_words
from letter_i18n.project import Project
from letter_i18n.review.pages import write_review_pages
from letter_i18n.source.letter import load_letter
from printing import font_config

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
    project, out = rendered_letter(tmp_path_factory.mktemp("letter"))
    write_review_pages(project, out)
    with contextlib.suppress(webfonts.Unavailable):  # test_*fonts* require them
        webfonts.ship(project, out)
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


# Left edge of each character of the first element matching a selector whose text holds
# `needle`, in logical order.
LEFTS = r"""([selector, needle]) => {
  const el = [...document.querySelectorAll(selector)].find(e => e.textContent.includes(needle));
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let text = '';
  const lefts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      text += node.data[i];
      lefts.push(rect ? rect.left : null);
    }
  }
  const at = text.indexOf(needle);
  return lefts.slice(at, at + needle.length);
}"""


@pytest.mark.parametrize("needle", ["(J.D.)", "(Ph.D.)", "(ALTSEAN)"])
def test_latin_in_arabic_reads_left_to_right_with_its_punctuation(page, editions, needle):
    """Each character of the run stands right of the one before (it read "(.J.D)")."""
    lefts = open_edition(page, editions, "ar").evaluate(LEFTS, ["li", needle])
    assert len(lefts) == len(needle)
    assert lefts == sorted(lefts), list(zip(needle, lefts, strict=True))


def test_latin_in_arabic_is_set_in_a_face_and_size_that_sit_with_the_naskh(page, editions):
    from letter_i18n.editions.localedata import EMBEDDED_LATIN

    stack, scale = LOCALES.font_stack("Latn"), EMBEDDED_LATIN["Arab"]
    found = open_edition(page, editions, "ar").evaluate("""() => [...document.querySelectorAll(
        'article bdi[dir=ltr]')].filter(el => !el.parentElement.closest('[dir=ltr]'))
        .map(el => [getComputedStyle(el).fontFamily,
          parseFloat(getComputedStyle(el).fontSize) /
          parseFloat(getComputedStyle(el.parentElement).fontSize)])""")
    assert len(found) > 100
    assert {family for family, _ in found} == {stack.replace("'", '"')}
    assert {round(ratio, 2) for _, ratio in found} == {scale}


@pytest.mark.parametrize("code", [c for c in CODES if c != "zh_Hans"])  # Chinese: （…）
def test_no_signatory_line_starts_or_ends_with_a_dash(page, editions, code):
    laid = open_edition(page, editions, code).evaluate(
        LINES.replace("document.body", "document.querySelector('section.signatories')"))
    text, middles = laid["text"], laid["middles"]
    assert text.count("–") + text.count("—") > 100
    bad = []
    for i in range(len(text)):
        if text[i] not in "–—":
            continue
        around = [j for j in (i - 2, i + 2) if 0 <= j < len(text)]
        if any(abs(middles[j] - middles[i]) > 4 for j in around):
            bad.append(text[max(0, i - 12):i + 12])
    assert not bad


HAVE_FONTS = all(webfonts.Face(family, 400) in webfonts.sources(webfonts.faces(LOCALES))
                 for family in webfonts.families(LOCALES)) and importlib.util.find_spec("brotli")
needs_fonts = requires(HAVE_FONTS, "the Noto fonts and brotli", webfonts.INSTALL_HINT)
FACES = """() => document.fonts.ready.then(() =>
  [...document.fonts].map(face => [face.family, face.weight, face.status]))"""


@needs_fonts
@pytest.mark.parametrize("name", ["index.html", *(f"{code}/index.html" for code in CODES)])
def test_the_page_loads_the_fonts_shipped_beside_it(page, editions, name):
    page.goto((editions / name).as_uri())
    faces = page.evaluate(FACES)
    assert len(faces) == len(webfonts.faces(LOCALES))
    assert {status for _, _, status in faces} <= {"loaded", "unloaded"}, faces
    assert ["Noto Serif", "400", "loaded"] in faces


def glyphs_by_font(page) -> dict[tuple[str, bool], int]:
    """Glyphs drawn per font (family, whether a web font) over every element of the page,
    as Chromium reports them (DevTools: CSS.getPlatformFontsForNode)."""
    page.evaluate("document.fonts.ready.then(() => 1)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    used: dict[tuple[str, bool], int] = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "body *"})[
            "nodeIds"]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            used[key] = used.get(key, 0) + font["glyphCount"]
    cdp.detach()
    return used


@pytest.fixture(scope="module")
def without_noto(tmp_path_factory, browser):
    """Chromium on a system whose only font is DejaVu Sans (no Noto): what a reader without
    the fonts sees. (Started by the same Playwright as ``browser``: one per thread.)"""
    config = font_config(tmp_path_factory.mktemp("fonts"), "DejaVu Sans")
    other = browser.browser_type.launch(
        executable_path=CHROMIUM, env={**os.environ, "FONTCONFIG_FILE": str(config)},
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
    yield other
    other.close()


@needs_fonts
@pytest.mark.parametrize("code", ["ar", "th", "zh_Hans"])
def test_without_the_systems_noto_every_glyph_comes_from_the_shipped_fonts(
        without_noto, editions, code):
    """Thai and Chinese used to be boxes, Arabic a mix of faces, on a system without Noto."""
    page = without_noto.new_page(viewport={"width": 390, "height": 900})
    page.goto((editions / code / "index.html").as_uri())
    used = glyphs_by_font(page)
    assert all(custom for _, custom in used), used
    assert sum(used.values()) > 5000
    page.route("**/*.woff2", lambda route: route.abort())  # the same page without them
    page.goto((editions / code / "index.html").as_uri())
    assert not any(custom for _, custom in glyphs_by_font(page))
    page.close()


@pytest.mark.parametrize("code", CODES)
def test_the_language_names_follow_the_pages_direction(page, editions, code):
    """In the Arabic page "English español français русский" used to read left to right as
    one run; each name is isolated, and the names stand in the page's order."""
    items = open_edition(page, editions, code).evaluate("""() => {
      const rtl = document.documentElement.dir === 'rtl';
      return [...document.querySelectorAll('nav.languages :is(a, strong)')].map(el => {
        const box = el.getBoundingClientRect();
        return [Math.round(box.top), rtl ? -box.right : box.left];
      });
    }""")
    lines: list[list[tuple[int, float]]] = []  # items whose tops are within 10 px: a line
    for top, start in items:
        line = next((line for line in lines if abs(line[0][0] - top) < 10), None)
        if line is None:
            lines.append(line := [])
        line.append((top, start))
    assert len(items) == len(CODES) and max(map(len, lines)) >= 3
    for line in lines:
        starts = [start for _, start in line]
        assert starts == sorted(starts), lines
