"""PDF editions: the text of each edition, in its fonts, tagged, paginated, reproducible.

The seven PDFs of the real letter are printed once for the module and shared.
Without WeasyPrint, Pango, poppler or a font its tests are skipped, except in CI,
which installs them (.ci/run): there their absence fails (conftest.requires).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import LOCALES, edit, rendered_letter, requires, unavailable
from letter_i18n.cli import cli
from letter_i18n.editions import fonts, pdf
from letter_i18n.editions.render import render_editions
from letter_i18n.errors import UserError
from letter_i18n.project import Project
from printing import (
    BODY_TOP,
    body_lines,
    edition_blocks,
    font_config,
    has_colour,
    letters,
    pdfinfo,
    pdftotext,
    squash,
)


def _missing() -> tuple[str, str]:
    """What printing or reading PDFs lacks here, and how to install it ("" if nothing)."""
    try:
        pdf.check_available()
    except pdf.Unavailable as missing:
        return missing.message, missing.hint
    if not shutil.which("pdftotext"):
        return "poppler-utils (pdftotext, pdffonts, pdfinfo)", "apt-get install poppler-utils"
    return "", ""


MISSING = _missing()
pytestmark = requires(not MISSING[0], *MISSING)

CODES = [info.code for info in LOCALES.all]
SPACELESS = {"th", "zh_Hans"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The real letter's seven editions, rendered and printed (two processes)."""
    project, out = rendered_letter(tmp_path_factory.mktemp("letter"))
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        try:
            report = pdf.render_pdfs(project, out, jobs=2)
        except pdf.Unavailable as missing:  # a font not installed
            where = f"{missing.location}: " if missing.location else ""
            unavailable(where + missing.message, missing.hint or "see .ci/run")
    return project, out, report


def pdf_path(printed, code: str) -> Path:
    return printed[1] / code / pdf.FILENAME


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_every_block_of_the_edition_is_in_its_pdf(printed, code):
    """Headings, paragraphs, list items and signatories, in order within each block.

    Compared without spaces and hyphens (justified Latin and Cyrillic text is
    hyphenated); Arabic as counts of letters and harakat, since poppler reorders
    right-to-left lines and sets harakat apart, and the PDF adds only list numbers.
    Thai also proves the text layer: without pdf._fix_text_layer, every า after
    the first ำ would read as ำ.
    """
    blocks = [text for _tag, text in edition_blocks(printed[1] / code / "index.html")]
    assert len(blocks) > 150
    if code == "ar":
        wanted, found = letters(" ".join(blocks)), letters(pdftotext(pdf_path(printed, code)))
        assert not wanted - found, f"not in the PDF: {dict(wanted - found)}"
        assert set(found - wanted) <= set("0123456789.•"), "more than the list markers"
        return
    text = squash(pdftotext(pdf_path(printed, code)))
    missing = [block for block in blocks if squash(block) not in text]
    assert not missing, f"{len(missing)} blocks not in the PDF, e.g. {missing[0]!r}"


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_fonts_are_the_editions_noto_fonts_embedded_as_subsets(printed, code):
    rows = subprocess.run(["pdffonts", str(pdf_path(printed, code))], capture_output=True,
                          text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        name, emb, sub, uni = row.split()[0], *row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.fullmatch(r"[A-Z]{6}\+Noto-[A-Za-z-]+", name), row  # no fallback font
    typeface = fonts.first_family(LOCALES.font_stack(LOCALES.by_code[code].script))
    assert any(row.split()[0].endswith("+" + typeface.replace(" ", "-")) for row in rows)


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_metadata_language_tags_and_pages(printed, code):
    path, info = pdf_path(printed, code), LOCALES.by_code[code]
    meta = pdfinfo(path)
    title = re.search(r"<title>(.*?)</title>",
                      (printed[1] / code / "index.html").read_text(encoding="utf-8")).group(1)
    assert meta["Title"] == title and meta["Author"] == pdf.AUTHOR
    assert meta["Tagged"] == "yes" and meta["PDF version"] == "1.7"
    assert meta["Page size"].startswith("595.276 x 841.89 pts (A4)")
    assert "CreationDate" not in meta  # no SOURCE_DATE_EPOCH: no timestamp
    assert 4 <= int(meta["Pages"]) <= 10 and printed[2].pages[code] == int(meta["Pages"])
    catalog = PdfReader(path).trailer["/Root"]
    assert catalog["/Lang"] == info.tag
    assert catalog["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data()


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_running_header_from_page_two_and_page_numbers(printed, code):
    path = pdf_path(printed, code)
    pages = printed[2].pages[code]
    html = (printed[1] / code / "index.html").read_text(encoding="utf-8")
    h1 = next(text for tag, text in edition_blocks(printed[1] / code / "index.html")
              if tag == "h1")
    note = re.search(r'data-running-note="([^"]*)"', html)  # a draft edition says so
    expected = h1 + (f" · {note.group(1)}" if note else "")
    assert (note is None) == (code == "en")
    assert pdftotext(path, 1, "header").strip() == ""
    for page in range(1, pages + 1):
        if page > 1:  # (Arabic: the same letters, poppler orders right-to-left words visually)
            header = pdftotext(path, page, "header")
            assert letters(header) == letters(expected) if code == "ar" \
                else squash(header) == squash(expected)
        numbers = re.findall(r"\d+", pdftotext(path, page, "footer"))
        assert sorted(map(int, numbers)) == sorted([page, pages]), f"page {page}: {numbers}"
    if code != "ar":
        assert pdftotext(path, 2, "footer").split() == ["2", "/", str(pages)]


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_no_heading_ends_a_page(printed, code):
    path = pdf_path(printed, code)
    headings = [squash(text) for tag, text in
                edition_blocks(printed[1] / code / "index.html") if tag in ("h1", "h2", "h3")]
    for page in range(1, printed[2].pages[code]):
        lines = [squash(line) for line in pdftotext(path, page).splitlines() if squash(line)]
        assert not any(heading.endswith(lines[-1]) for heading in headings), \
            f"page {page} ends with a heading: {lines[-1]}"


@pytest.mark.slow
@pytest.mark.parametrize("code", ["en", "ar", "zh_Hans"])
def test_organizations_are_set_in_two_columns(printed, code):
    path = pdf_path(printed, code)
    pages = []
    for page in range(1, printed[2].pages[code] + 1):
        bbox = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page),
                               str(path), "-"], capture_output=True, text=True).stdout
        pages.append([float(x) for x, word in re.findall(
            r'xMin="([\d.]+)".*?>([^<]*)</word>', bbox)
            if re.fullmatch(r"\d+\.|\.\d+", word)])  # 12. (or .12 right to left)
    # the fullest page of the numbered list (where it starts, the notes on quotations are
    # numbered too)
    starts = max(pages, key=len)
    if len(starts) <= 20:
        pytest.fail("no page with the list of organizations")
    left = [x for x in starts if x < 297]
    right = [x for x in starts if x >= 297]
    assert len(left) > 10 and len(right) > 10, starts


@pytest.mark.slow
def test_printing_again_changes_no_file(printed):
    project, out, _ = printed
    mtimes = {p: p.stat().st_mtime_ns for p in out.glob("*/letter.pdf")}
    report = pdf.render_pdfs(project, out, ["ar", "th"], jobs=2)
    assert report.written == [] and len(report.unchanged) == 2
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/letter.pdf")} == mtimes


@pytest.mark.slow
def test_unchanged_inputs_are_not_laid_out_again(printed, monkeypatch):
    """A rerun of make editions must return at once: no layout when nothing changed."""
    project, out, _ = printed

    def must_not_print(job):
        raise AssertionError(f"{job.code} printed again")

    monkeypatch.setattr(pdf, "print_edition", must_not_print)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # not even loaded (half a second)
    report = pdf.render_pdfs(project, out, ["ar", "th", "zh_Hans"], jobs=1)
    assert report.written == [] and len(report.unchanged) == 3


@pytest.mark.slow
def test_a_changed_edition_is_printed_again(printed, tmp_path):
    project, out, _ = printed
    copy = tmp_path / "copy"
    shutil.copytree(out / "fr", copy / "fr")
    html = copy / "fr" / "index.html"
    html.write_text(html.read_text(encoding="utf-8").replace("</main>", "<p>Post-scriptum.</p>"
                                                            "</main>"), encoding="utf-8")
    report = pdf.render_pdfs(project, copy, ["fr"], jobs=1)
    assert report.written == [project.shown(copy / "fr" / "letter.pdf")]


def job(code: str, html, shown: str, epoch: int | None) -> pdf.Job:
    """A printing job for one of this repository's editions."""
    info = LOCALES.by_code[code]
    return pdf.Job(code, html, shown, epoch, info.english_name, LOCALES.font_stack(info.script))


@pytest.mark.slow
def test_same_bytes_in_process_elsewhere_and_in_parallel(printed, tmp_path):
    """A PDF depends on its HTML only: not on the process, directory or run."""
    source = printed[1] / "th" / "index.html"
    moved = tmp_path / "elsewhere" / "index.html"
    moved.parent.mkdir()
    shutil.copy(source, moved)
    result = pdf.print_edition(job("th", moved, "index.html", None))
    assert result.error is None
    assert result.data == pdf_path(printed, "th").read_bytes()


def small_page(tmp_path: Path, lang: str, body: str, style: str = "") -> Path:
    html = tmp_path / lang / "index.html"
    html.parent.mkdir()
    html.write_text(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
                    f'<title>t</title>{style}</head><body>{body}</body></html>', encoding="utf-8")
    return html


@pytest.mark.slow
def test_source_date_epoch_dates_the_pdf(tmp_path):
    dated = job("en", small_page(tmp_path, "en", "<p>Dated.</p>"), "index.html", 1640131200)
    path = tmp_path / "dated.pdf"
    path.write_bytes(pdf.print_edition(dated).data)
    meta = pdfinfo(path)
    assert meta["CreationDate"].startswith("Wed Dec 22 00:00:00 2021")
    assert meta["ModDate"] == meta["CreationDate"]
    assert path.read_bytes() == pdf.print_edition(dated).data


@pytest.mark.slow
def test_thai_sara_aa_keeps_its_text_after_a_sara_am(tmp_path):
    """The shared glyph of า is mapped to า, not to the ำ it was first drawn in."""
    html = small_page(tmp_path, "th", "<p>คำ นา ทำนา</p>",
                      "<style>body { font-family: 'Noto Serif Thai' }</style>")
    result = pdf.print_edition(job("th", html, "index.html", None))
    (tmp_path / "t.pdf").write_bytes(result.data)
    text = subprocess.run(["pdftotext", "-raw", str(tmp_path / "t.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout.split()
    assert text == ["ค\u0e4d\u0e32", "นา", "ท\u0e4d\u0e32นา"]


@pytest.mark.slow
def test_a_character_drawn_as_a_box_stops_the_edition(tmp_path, monkeypatch):
    """Even if the font check were fooled, WeasyPrint's .notdef warning stops the PDF."""
    private = "\U0010fffd"  # private use, plane 16: no font has it
    assert not fonts.installed().covers(ord(private))
    monkeypatch.setattr(pdf.fonts, "missing", lambda text, installed: [])
    html = small_page(tmp_path, "en", f"<p>a {private} b</p>")
    result = pdf.print_edition(job("en", html, "en/index.html", None))
    assert result.unavailable and result.data == b""
    assert "missing-glyph box" in result.error[0] and "U+10FFFD" in result.error[0]


@pytest.mark.slow
def test_an_outside_resource_is_never_fetched(tmp_path):
    html = small_page(tmp_path, "en", "<p>a</p>",
                      '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">')
    result = pdf.print_edition(job("en", html, "en/index.html", None))
    assert not result.unavailable and result.data == b""
    assert result.error[:2] == ('the edition refers to an outside resource (Error fetching '
                                '"http://127.0.0.1:9/x.css"); editions are self-contained',
                                "en/index.html")


def test_named_edition_without_html_is_an_error(tmp_path):
    with pytest.raises(UserError, match="no HTML edition to print") as caught:
        pdf.render_pdfs(Project(tmp_path), tmp_path / "build", ["fr"])
    assert caught.value.path == "build/fr/index.html"
    assert "letter-i18n render" in caught.value.hint


@pytest.mark.slow
def test_an_edition_without_html_loses_its_stale_pdf(printed, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(printed[1] / "en", out / "en")
    (out / "fr").mkdir()
    (out / "fr" / pdf.FILENAME).write_bytes(b"%PDF stale")
    report = pdf.render_pdfs(Project(tmp_path), out, jobs=1)
    assert report.removed == ["build/fr/letter.pdf"] and not (out / "fr" / "letter.pdf").exists()
    assert report.unchanged == ["build/en/letter.pdf"]


def test_without_weasyprint_if_available_says_how_and_succeeds(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    edition = tmp_path / "build" / "editions" / "en" / "index.html"
    edition.parent.mkdir(parents=True)
    edition.write_text("<!DOCTYPE html><html lang=en><title>x</title><p>x</p></html>\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(tmp_path), "pdf", "--if-available"])
    assert result.exit_code == 0 and result.output.count("\n") == 1
    assert result.output.startswith("PDF editions not made: WeasyPrint is not installed")
    assert "pip install -e '.[pdf]'" in result.output and "fonts-noto-cjk" in result.output
    with pytest.raises(pdf.Unavailable, match="WeasyPrint is not installed"):
        runner.invoke(cli, ["--root", str(tmp_path), "pdf"], catch_exceptions=False)


def test_weasyprint_without_pango_is_unavailable(monkeypatch):
    real_import = __import__

    def without_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr("builtins.__import__", without_pango)
    with pytest.raises(pdf.Unavailable, match="WeasyPrint cannot load Pango: cannot load") as e:
        pdf.check_available()
    assert "apt-get install libpango-1.0-0" in e.value.hint


# The font checks run in a fresh process: fontconfig reads FONTCONFIG_FILE once per process.

def run_cli(project: Project, config: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    return subprocess.run([sys.executable, "-m", "letter_i18n", "--root", str(project.root),
                           *args], capture_output=True, text=True, env=env)


@pytest.fixture
def latin_fonts_only(translated_project, tmp_path):
    """The small fixture letter, rendered, with only Noto Serif installed."""
    render_editions(translated_project, translated_project.root / "build" / "editions")
    return translated_project, font_config(tmp_path, "Noto Serif", "Noto Serif:bold")


@pytest.mark.slow
def test_hidden_text_needs_no_font(latin_fonts_only):
    """The language list (Arabic, Thai, Chinese names) is not printed: no font needed."""
    project, config = latin_fonts_only
    result = run_cli(project, config, "pdf", "-l", "fr", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert "wrote build/editions/fr/letter.pdf" in result.stdout


@pytest.mark.slow
def test_missing_typeface_names_the_package(latin_fonts_only):
    project, config = latin_fonts_only
    result = run_cli(project, config, "pdf", "-l", "th", "-j", "1")
    assert result.returncode == 1
    assert ("error: build/editions/th/index.html: the Thai edition is set in Noto Serif Thai, "
            "which is not installed\n  Install it: apt-get install fonts-noto-core") \
        in result.stderr
    result = run_cli(project, config, "pdf", "-l", "th", "-j", "1", "--if-available")
    assert result.returncode == 0 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("PDF editions not made: build/editions/th/index.html: ")


@pytest.mark.slow
def test_characters_without_a_font_stop_the_edition_and_name_script_and_package(
        latin_fonts_only):
    """A translation with Chinese and Kawi letters, and only a Latin font installed."""
    project, config = latin_fonts_only
    po = project.po_path("fr")
    edit(po, 'msgstr "Présidente"', 'msgstr "Présidente 中文 \U00011F04"')
    render_editions(project, project.root / "build" / "editions", ["fr"])
    result = run_cli(project, config, "pdf", "-l", "fr", "-l", "en")
    assert result.returncode == 1
    assert ("error: build/editions/fr/index.html: no installed font has the Han script "
            "(U+4E2D 中, U+6587 文); Kawi script (U+11F04 \U00011F04)") in result.stderr
    assert "apt-get install fonts-noto-cjk" in result.stderr
    assert "No Debian package known here has a font for Kawi" in result.stderr
    assert not list((project.root / "build" / "editions").glob("*/letter.pdf"))  # not even en


@pytest.mark.slow
def test_build_prints_while_it_writes_the_review_pages_and_reprints_only_what_changed(
        translated_project):
    """`letter-i18n build` (what make editions runs): PDFs in printing processes."""
    from letter_i18n.cli import run as run_in_process

    root = translated_project.root
    assert run_in_process(["--root", str(root), "-q", "build", "--pdf"]) == 0
    out = root / "build" / "editions"
    before = {code: (out / code / "letter.pdf").read_bytes() for code in CODES}
    edit(translated_project.po_path("fr"), 'msgstr "Une courte lettre"',
         'msgstr "Une lettre courte"')
    mtimes = {code: (out / code / "letter.pdf").stat().st_mtime_ns for code in CODES}
    assert run_in_process(["--root", str(root), "-q", "build", "--pdf"]) == 0
    changed = [code for code in CODES
               if (out / code / "letter.pdf").stat().st_mtime_ns != mtimes[code]]
    assert changed == ["fr"]
    assert (out / "fr" / "letter.pdf").read_bytes() != before["fr"]
    assert "Une lettre courte" in pdftotext(out / "fr" / "letter.pdf", 1).replace(
        "\n", " ")


# -- Make-up (issue 13, item 8) --

AUTO_HYPHEN = "\u2010"  # print.css's hyphenate-character: automatic hyphenation only


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_at_most_two_hyphenated_lines_in_a_row_and_no_hyphen_ends_a_page(printed, code):
    path = pdf_path(printed, code)
    hyphenated = 0
    for page in range(1, printed[2].pages[code] + 1):
        lines = body_lines(path, page)
        assert not lines[-1].endswith(AUTO_HYPHEN), f"page {page} ends with {lines[-1]!r}"
        row = 0
        for line in lines:
            row = row + 1 if line.endswith((AUTO_HYPHEN, "-")) else 0
            hyphenated += line.endswith(AUTO_HYPHEN)
            assert row <= 2, f"page {page}: three hyphenated lines in a row, to {line!r}"
    assert (hyphenated > 5) == (code in ("en", "es", "fr", "ru"))  # justified, hyphenated


@pytest.mark.slow
@pytest.mark.parametrize("code", ["en", "es", "fr", "ru"])
def test_names_are_never_hyphenated(printed, code):
    names = {text for text in re.findall(
        r'<(?:span class="name"|bdi)[^>]*>([^<]+)<',
        (printed[1] / code / "index.html").read_text(encoding="utf-8"))}
    lines = [line for page in range(1, printed[2].pages[code] + 1)
             for line in body_lines(pdf_path(printed, code), page)]
    for line, following in itertools.pairwise(lines):
        if line.endswith(AUTO_HYPHEN):
            word = line.split()[-1][:-1] + following.split()[0]
            assert not any(word in name.split() for name in names), word


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_the_last_page_is_not_near_empty(printed, code):
    """The last page holds at least a quarter of the characters of the fullest page before
    it (the Chinese edition's last page held 171 characters against some 1,200)."""
    path = pdf_path(printed, code)
    counts = [len(squash(pdftotext(path, page)))
              for page in range(1, printed[2].pages[code] + 1)]
    assert counts[-1] >= 0.25 * max(counts[:-1]), counts


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_no_list_item_stands_alone_at_the_top_of_the_last_page(printed, code):
    path = pdf_path(printed, code)
    last = printed[2].pages[code]
    experts = [squash(text) for tag, text in edition_blocks(printed[1] / code / "index.html")
               if tag == "li"][-11:]
    lines = [squash(line) for line in body_lines(path, last)]
    on_last = [item for item in experts if any(item.startswith(line) for line in lines)]
    assert len(on_last) != 1, on_last


@pytest.mark.slow
def test_the_arabic_folio_reads_page_of_pages_right_to_left(printed):
    path = pdf_path(printed, "ar")
    pages = printed[2].pages["ar"]
    footer = pdftotext(path, 2, "footer", raw=False)  # poppler's reading order
    assert re.sub(r"[\u200e\u200f\u202a-\u202e\s]", "", footer) == f"2من{pages}"
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", "-y", "779", "-H", "63",
                           "-x", "0", "-W", "595", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    x = {word: float(left) for left, word in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)<', bbox)}
    assert x["2"] > x[str(pages)]  # "2" stands right: read first


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_links_print_their_address(printed, code):
    html = (printed[1] / code / "index.html").read_text(encoding="utf-8")
    addresses = set(re.findall(r'<a href="(https?://[^"]+)"', html))
    assert len(addresses) >= 5
    text = squash(pdftotext(pdf_path(printed, code)))
    assert not [address for address in addresses if squash(f"({address})") not in text]
    assert "letter.pdf" not in text  # the link to the PDF is not printed in it


MARK = (0xd9, 0xa4, 0x00)  # the draft mark's colour (print.css.j2)


@pytest.mark.slow
@pytest.mark.parametrize("code", ["fr", "ar", "zh_Hans"])
def test_the_draft_mark_stands_beside_the_first_lines_of_every_page(printed, code):
    """In a draft edition every block is marked, so every page has a mark in the margin
    beside its first lines: also where a paragraph continues from the page before."""
    path = pdf_path(printed, code)
    margin = (521, BODY_TOP, 556, BODY_TOP + 40) if code == "ar" else \
        (40, BODY_TOP, 74, BODY_TOP + 40)  # between the page's edge and the text (74.9 pt)
    for page in range(1, printed[2].pages[code] + 1):
        assert has_colour(path, page, margin, MARK), f"page {page}: no draft mark"


@pytest.mark.slow
def test_latin_runs_of_the_arabic_pdf_are_laid_out_left_to_right(printed):
    """WeasyPrint honours <bdi dir="ltr">: each run is its own left-to-right box, so Pango
    draws "(J.D.)" in its order (in one right-to-left box it drew "(.J.D)")."""
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    page = (printed[1] / "ar" / "index.html").read_text(encoding="utf-8")
    document = HTML(string=pdf.WEB_FONTS.sub("", page)).render()
    boxes = {box.text: box.style["direction"] for page in document.pages
             for box in page._page_box.descendants() if isinstance(box, TextBox)}
    assert boxes["(J.D.)"] == boxes["(Ph.D.)"] == boxes["Valerie Steeves"] == "ltr"


@pytest.mark.slow
def test_a_new_language_is_printed_in_its_script_s_noto_face_or_names_the_package(
        translated_project, tmp_path):
    """Hindi, added with init: set in Noto Serif Devanagari, or told how to get it."""
    from letter_i18n.catalog.init import init_locale

    init_locale(translated_project, "hi")
    edit(translated_project.po_path("hi"), 'msgid "Chairperson"\nmsgstr ""',
         'msgid "Chairperson"\nmsgstr "अध्यक्ष"')
    render_editions(translated_project, translated_project.root / "build" / "editions", ["hi"])
    (tmp_path / "latin").mkdir()
    latin = font_config(tmp_path / "latin", "Noto Serif", "Noto Serif:bold")
    result = run_cli(translated_project, latin, "pdf", "-l", "hi", "-j", "1")
    assert result.returncode == 1
    assert ("the Hindi edition is set in Noto Serif Devanagari, which is not installed\n"
            "  Install it: apt-get install fonts-noto-core") in result.stderr
    (tmp_path / "both").mkdir()
    both = font_config(tmp_path / "both", "Noto Serif", "Noto Serif Devanagari")
    result = run_cli(translated_project, both, "pdf", "-l", "hi", "-j", "1")
    assert result.returncode == 0, result.stderr
    printed = translated_project.root / "build" / "editions" / "hi" / "letter.pdf"
    rows = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True,
                          check=True).stdout
    assert "+Noto-Serif-Devanagari" in rows, rows


@pytest.mark.slow
def test_weasyprint_understands_every_style_of_the_editions(printed):
    """A declaration WeasyPrint cannot read is dropped without a word on paper (calc() of a
    length once left Thai at Latin size in print); its warning fails the test."""
    assert not [warning for warning in printed[2].warnings
                if "Invalid" in warning or "Ignored" in warning or "Unsupported" in warning]


@pytest.mark.slow
def test_printing_processes_collect_cycles_as_usual():
    """A command collects rarely (cli.run); a printer makes much cyclic garbage, and kept
    the command's setting it peaked a third higher."""
    import gc

    from letter_i18n.catalog.gcpause import DEFAULT_THRESHOLD, rare_cyclic_gc

    with rare_cyclic_gc():
        printers = pdf.printers(1)
    try:
        assert printers.pool.submit(gc.get_threshold).result() == DEFAULT_THRESHOLD
    finally:
        printers.shutdown()


@pytest.mark.slow
def test_printers_started_ahead_load_weasyprint_only_as_many_as_there_is_work_for():
    """One edition to print (a translator's edit): the other printers wait without loading
    WeasyPrint, so they take no processor from the update and render, and leave at once
    at shutdown; more than one: they go on and load it."""
    import time

    printers = pdf.printers(2)
    printers.want(1)
    assert not printers.more.is_set() and not printers.load.value
    assert printers.pool.submit(os.getpid).result() > 0  # the first printer works
    start = time.monotonic()
    printers.shutdown()
    assert time.monotonic() - start < 20  # the waiting printer did not hang the shutdown

    printers = pdf.printers(2)
    try:
        printers.want(2)
        assert printers.more.is_set() and printers.load.value == 1
    finally:
        printers.shutdown()


# -- A translator's edit: the second layout is laid out on speculation (issue 12) --

@pytest.mark.slow
def test_a_print_from_the_last_prints_corrections_is_the_print_itself(printed, forking,
                                                                       monkeypatch):
    """With a core free, the French edition is laid out from the corrections its last
    print's first layout called for while this print lays out from none: when they agree,
    the other process's PDF is taken, and it is the same PDF byte for byte; a wrong guess
    costs nothing but the other core."""
    project, out, _report = printed
    guess = pdf._load_guess(pdf.Job("fr", out / "fr" / "index.html", "", None, "", ""))
    assert guess is not None and guess.kept, "the French print must call for kept words"
    table = pdf.localetable.load(project)
    job = pdf.Job("fr", out / "fr" / "index.html", "build/editions/fr/index.html", None,
                  "French", table.font_stack("Latn"), guess=guess, speculate=True)
    layouts_here = []
    again = pdf.makeup._again
    monkeypatch.setattr(pdf.makeup, "_again",
                        lambda html, render: layouts_here.append(1) or again(html, render))
    expected = (out / "fr" / "letter.pdf").read_bytes()

    right = pdf.print_edition(job)
    assert right.error is None and right.data == expected and right.first == guess
    assert layouts_here == []  # one layout here; the second was the other process's

    wrong = pdf.print_edition(replace(job, guess=pdf.makeup.Plan(((1, "lettre", 0),))))
    assert wrong.data == expected and wrong.first == guess
    assert layouts_here  # laid out here from its own corrections


def test_a_guess_file_that_is_not_ours_is_no_guess(tmp_path):
    job = pdf.Job("fr", tmp_path / "index.html", "", None, "", "")
    assert pdf._load_guess(job) is None
    for text in ("{", '{"kept": [[1, "mot"]], "step": 0}', '{"kept": 3}', "[]"):
        (tmp_path / pdf.GUESS_FILE).write_text(text, encoding="utf-8")
        assert pdf._load_guess(job) is None, text
    pdf._save_guess(job, pdf.makeup.Plan(((4, "œuvre", 1),), 2))
    assert pdf._load_guess(job) == pdf.makeup.Plan(((4, "œuvre", 1),), 2)
    pdf._save_guess(job, None)
    assert not (tmp_path / pdf.GUESS_FILE).exists()


# -- The signatory list's two columns --

def _walk(box):
    yield box
    inner = getattr(box, "_box", None)  # an absolutely placed box (a list marker) stands in
    for child in ([inner] if inner is not None else []) + list(getattr(box, "children", [])):
        yield from _walk(child)


@pytest.fixture(scope="module")
def laid_out(printed):
    """Each edition laid out again as its PDF was (boxes to measure), once per module."""
    from weasyprint import CSS, HTML

    cache: dict[str, tuple] = {}

    def lay_out(code: str):
        if code not in cache:
            page = pdf.WEB_FONTS.sub("", (printed[1] / code / "index.html").read_text(
                encoding="utf-8"))
            html = HTML(string=page)
            cache[code] = html, html.render(stylesheets=[CSS(string=pdf.RUNNING_HEADER)])
        return cache[code]
    return lay_out


def _list_boxes(html, document):
    """Per page: the text boxes, and those of the organizations' numbers."""
    from weasyprint.formatting_structure.boxes import TextBox

    items = {id(li) for ol in html.etree_element.iter("ol")
             if "organizations" in (ol.get("class") or "") for li in ol}
    for page in document.pages:
        boxes = [b for b in _walk(page._page_box) if isinstance(b, TextBox) and b.text.strip()]
        numbers = [b for b in boxes if (b.element_tag or "").endswith("::marker")
                   and id(b.element) in items]
        yield boxes, numbers


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_each_column_of_organizations_keeps_its_numbers_clear_of_the_other(laid_out, code):
    """A number of the second column stands clear of the first column's text, at least
    5 mm (in the list's padding, it stood in the gap, touching it: "Consumidor102.")."""
    gaps = []
    for boxes, numbers in _list_boxes(*laid_out(code)):
        for number in numbers:
            beside = [b for b in boxes if not (b.element_tag or "").endswith("::marker")
                      and abs(b.position_y - number.position_y) < 2]
            if code == "ar":  # right to left: the first column is on the right
                gaps += [b.position_x - number.position_x - number.width for b in beside
                         if b.position_x >= number.position_x + number.width]
            else:
                gaps += [number.position_x - b.position_x - b.width for b in beside
                         if b.position_x + b.width <= number.position_x]
    assert gaps, "the list must be set in two columns"
    assert min(gaps) >= 5 * 96 / 25.4, f"a number {min(gaps):.1f} px from the other column"


NUMBERS_KNOWN_OFF = pytest.mark.xfail(strict=True, reason=(
    "Arabic: an item whose place is a draft term of its own (a span inside the item's span, "
    "'دولية') has its number 1.8 px lower than the others' (WeasyPrint places an outside "
    "marker by its own metrics, not the line's baseline); not fixed yet"))


@pytest.mark.slow
@pytest.mark.parametrize("code", [pytest.param(code, marks=NUMBERS_KNOWN_OFF)
                                  if code == "ar" else code for code in CODES])
def test_the_list_s_numbers_sit_alike_on_every_item_s_first_line(laid_out, code):
    """In the Thai edition a name with a hyphen took the hyphen from the Thai face, whose
    taller metrics moved that line's text 1.7 px above its number, and only that line's."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    html, document = laid_out(code)
    first_lines = {}
    for page_number, page in enumerate(document.pages):
        for box in _walk(page._page_box):
            if isinstance(box, LineBox) and box.element_tag == "li":
                first_lines.setdefault((page_number, id(box.element)), box)
    drifts = []
    for page_number, (_boxes, numbers) in enumerate(_list_boxes(html, document)):
        for number in numbers:
            line = first_lines.get((page_number, id(number.element)))
            texts = [b for b in line.descendants() if isinstance(b, TextBox)] if line else []
            if texts:
                drifts.append((texts[0].text[:30], texts[0].position_y + texts[0].baseline
                               - number.position_y - number.baseline))
    assert len(drifts) > 100, "every item of the list has its number"
    usual = statistics.median(drift for _text, drift in drifts)
    assert [(text, round(d, 2)) for text, d in drifts if abs(d - usual) > 0.5] == []
