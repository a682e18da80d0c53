"""Editions: what a reader sees in each language, and what a catalog cannot do to it."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import FIXTURES, LOCALES, REPO, edit, unavailable
from letter_i18n import parallel
from letter_i18n.catalog.pofile import dump_po, load_po
from letter_i18n.catalog.update import update_catalogs
from letter_i18n.editions import formats
from letter_i18n.editions.formats import width
from letter_i18n.editions.render import FORMATS, render_editions

GOLDEN = FIXTURES.parent / "golden"
CODES = [info.code for info in LOCALES.all]
FILES = list(FORMATS)
VNU_JAR = ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"  # where .ci/run installs it


def render(project, out=None, **options):
    out = out or project.root / "build"
    return render_editions(project, out, **options), out


def set_translations(project, code: str, choose) -> None:
    """Rewrite one catalog: ``choose(entry)`` returns the new msgstr (or None to keep)."""
    path = project.po_path(code)
    po = load_po(path)
    for entry in po:
        new = choose(entry)
        if new is not None:
            entry.msgstr, entry.flags = new, [f for f in entry.flags if f != "fuzzy"]
            if entry.msgid_plural:
                entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, new)
    path.write_text(dump_po(po), encoding="utf-8")


def golden_part(name: str, text: str) -> str:
    """What a golden file keeps: a page's <body> (the <head> is the same shared CSS in every
    edition, so a style change rewrites no golden file), other formats whole."""
    if not name.endswith(".html"):
        return text
    start, end = re.search(r"<body[ >]", text), text.rfind("</body>")
    assert start and end > start.start(), f"{name}: no <body>…</body>"
    return text[start.start():end] + "</body>\n"


@pytest.mark.parametrize("code", CODES)
def test_golden_editions(translated_project, code):
    """Expected output per locale, byte for byte: the whole Markdown and text editions,
    the <body> of the HTML page. UPDATE_GOLDEN=1 rewrites the files and skips."""
    _, out = render(translated_project)
    produced = {name: golden_part(name, (out / code / name).read_text(encoding="utf-8"))
                for name in FILES}
    if os.environ.get("UPDATE_GOLDEN"):
        for name, text in produced.items():
            golden = GOLDEN / code / name
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        pytest.skip(f"UPDATE_GOLDEN: wrote tests/golden/{code}/ ({', '.join(produced)}); "
                    "review the diff, then run again without UPDATE_GOLDEN")
    for name, text in produced.items():
        assert text == (GOLDEN / code / name).read_text(encoding="utf-8"), \
            f"{code}/{name} differs (UPDATE_GOLDEN=1 rewrites tests/golden/)"


def test_states_of_segments_are_marked(translated_project):
    _, out = render(translated_project)
    page = (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Une courte lettre</h1>" in page  # reviewed: no marker
    assert '<li class="draft">Publie les documents' in page  # draft
    assert '<p lang="en" dir="ltr" class="untranslated">Thank you.</p>' in page  # fallback
    assert 'class="banner"' in page
    status = re.search(r'<p class="status">(.*?)</p>', page).group(1)
    assert re.search(r"passages relus\xa0: 10\u202f; provisoires\xa0: \d+", status)


def test_identity_translations_give_back_the_english_text(translated_project):
    set_translations(translated_project, "fr", lambda e: e.msgid)
    _, out = render(translated_project, codes=["en", "fr"])
    english = (out / "en" / "letter.md").read_text(encoding="utf-8")
    french = (out / "fr" / "letter.md").read_text(encoding="utf-8")
    body = slice(english.index("Dear Chair"), english.index("## Signatories"))
    # A translation, even one equal to the English, marks its quotations as unofficial.
    french = re.sub(r"\[\^\d\]:.*\n|\[\^\d\]", "", french).replace("\n\n\n", "\n\n")
    assert french[french.index("Dear Chair"):french.index("## Signatories")] == english[body]


def test_names_in_the_readers_script_and_latin_where_a_language_has_none(translated_project):
    data = translated_project.source_dir / "letter.yaml"
    edit(data, '  name: "Ada Example"\n', '  name: "Ada Example"\n  names: {ru: "Ада Экзампл", '
         'ar: "آدا إكزامبل"}\n')
    _, out = render(translated_project, codes=["en", "fr", "ru", "ar"])
    shown = {code: {name: (out / code / name).read_text(encoding="utf-8") for name in FILES}
             for code in ("en", "fr", "ru", "ar")}
    for name in FILES:
        assert "Ада Экзампл" in shown["ru"][name] and "Ada Example" not in shown["ru"][name]
        assert "آدا إكزامبل" in shown["ar"][name] and "Ada Example" not in shown["ar"][name]
        assert "Ada Example" in shown["fr"][name] and "Ada Example" in shown["en"][name]
    # In its own script a name takes the page's language and direction; in Latin script it
    # is isolated, left to right.
    assert '<span class="name" translate="no">آدا إكزامبل</span>' in shown["ar"]["index.html"]
    assert '<bdi lang="und-Latn" dir="ltr" translate="no">Ada Example</bdi>' in \
        shown["fr"]["index.html"]


def test_a_name_in_the_body_is_filled_per_locale_and_english_fallbacks_keep_latin(
        translated_project):
    edit(translated_project.source_dir / "letter.md", "We ask that the Committee:",
         "We ask that Bo Nobody and the Committee:")
    with (translated_project.source_dir / "letter.yaml").open("a", encoding="utf-8") as data:
        data.write('people:\n  chair: {name: "Bo Nobody", names: {ru: "Бо Нободи"}}\n')
    update_catalogs(translated_project, ["ru", "fr"])
    set_translations(translated_project, "ru", lambda e: "Мы просим {chair} и Комитет:"
                     if "{chair}" in e.msgid else None)
    _, out = render(translated_project, codes=["ru", "fr"])
    for name in FILES:
        ru, fr = (html.unescape(re.sub(r"<[^>]+>", "", (out / code / name).read_text(
            encoding="utf-8"))) for code in ("ru", "fr"))
        assert "Мы просим Бо Нободи и Комитет:" in ru
        assert "Bo Nobody" not in ru and "{chair}" not in ru
        # The French entry still translates the old text, without {chair}: the rulebook
        # refuses it, and the English (with the name as written) is shown.
        assert "We ask that Bo Nobody and the Committee:" in fr
    page = (out / "ru" / "index.html").read_text(encoding="utf-8")
    assert "Мы просим <span class=\"name\" translate=\"no\">Бо Нободи</span> и Комитет:" in page


def test_translated_quotations_are_marked_unofficial_with_a_note_linking_the_document(
        translated_project):
    _, out = render(translated_project, codes=["en", "fr", "ar"])
    for name in FILES:
        assert "Unofficial" not in (out / "en" / name).read_text(encoding="utf-8")
    page = (out / "fr" / "index.html").read_text(encoding="utf-8")
    # Two segments cite the quoted report: each gets a mark, the notes link back to it.
    for number in (1, 2):
        assert (f'<sup class="quote-ref"><a href="#quote-note-{number}" '
                f'id="quote-ref-{number}" role="doc-noteref">{number}</a></sup>') in page
        assert f'<li id="quote-note-{number}">' in page
        assert f'<a href="#quote-ref-{number}" class="back" aria-label="Retour au texte">' in page
    assert ('Traduction non officielle. Le texte officiel figure dans le document des Nations '
            'Unies <bdi dir="ltr" translate="no"><a href="https://undocs.org/A/HRC/41/41">'
            'A/HRC/41/41</a></bdi>, paragraphe 3.') in page
    md = (out / "fr" / "letter.md").read_text(encoding="utf-8")
    assert "[observé][report][^2]." in md
    assert ("[^1]: Traduction non officielle. Le texte officiel figure dans le document des "
            "Nations Unies [A/HRC/41/41][report], paragraphe 3.") in md
    assert "[report]: <https://undocs.org/A/HRC/41/41>" in md
    txt = (out / "fr" / "letter.txt").read_text(encoding="utf-8")
    # No quotation mark follows the citing link here: the mark follows the link.
    assert "d’un rapport [1]¹." in txt and "\n² Traduction non officielle." in txt
    assert "A/HRC/41/41 [1], paragraphe 3." in txt and "\n[1] https://undocs.org/A/HRC/41/41" in txt
    # An English fallback quotes the original: no mark, no note for it.
    set_translations(translated_project, "fr", lambda e: "" if "[observed]" in e.msgid else None)
    _, out = render(translated_project, codes=["fr"])
    page = (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="quote-ref"') == 1 and 'id="quote-note-2"' not in page


@pytest.mark.parametrize("name", FILES)
def test_every_segment_appears_exactly_once(translated_project, name):
    numbered: dict[str, int] = {}

    def tag(entry):
        numbered[entry.msgid] = len(numbered)
        return f"§{len(numbered) - 1}§ {entry.msgid}"

    set_translations(translated_project, "ru", tag)
    _, out = render(translated_project, codes=["ru"])
    text = (out / "ru" / name).read_text(encoding="utf-8")
    text = text.split("<body>")[-1]  # the page title repeats the heading in <head>
    interface = ("International", "Read this letter in:", "Translation status", "This translation",
                 "Unreviewed draft translation", "About this letter", "Every passage",
                 "Reviewed by a native speaker",
                 "Print edition (PDF)", "Passages not yet translated",
                 # notes on quotations: one per quoting segment, labels in HTML only
                 "Notes", "Back to the text", "Unofficial translation")
    letter_ids = [m for m in numbered if not m.startswith("{") and not m.startswith(interface)]
    for msgid in letter_ids:
        assert text.count(f"§{numbered[msgid]}§") == 1, (msgid, name)


HOSTILE = {
    "Dear Chair,": "<script>alert(1)</script>",
    "Requests": '<img src=x onerror="alert(1)">',
    "Thank you.": "[Merci](javascript:alert(1))",
    "Accredit experts, as **the report** [observed][report].":
        "Accréditer, comme [observé][unknown-site].",
    "We ask that the Committee:": "Nous demandons\u202e au Comité\u2066 :",
    "Signatories": "<b>Signataires</b>",
    "List of signatories as of {date}": "Liste au {date.__class__}",
    "A Small Letter": "Une lettre [piégée](https://evil.example)",
}


@pytest.mark.parametrize("name", FILES)
def test_hostile_catalog_content_never_becomes_markup(translated_project, name):
    set_translations(translated_project, "fr", lambda e: HOSTILE.get(e.msgid))
    report, out = render(translated_project, codes=["fr"])
    text = (out / "fr" / name).read_text(encoding="utf-8")
    for needle in ("<script", "javascript:", "onerror", "evil.example", "<b>Sign",
                   "__class__", "\u202e", "\u2066", "[observé]"):
        assert needle not in text
    # bidi controls are refused as check refuses them, not silently dropped: English instead
    assert "Nous demandons" not in text and "We ask that the Committee:" in html.unescape(text)
    rejected = report.editions[0].rejected
    assert len(rejected) == len(HOSTILE) and any("We ask that" in r for r in rejected)


def test_reviewed_only_leaves_drafts_out_and_min_complete_holds_editions_back(
        translated_project):
    report, out = render(translated_project, reviewed_only=True, min_complete=15)
    fr = (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Publie les documents" not in fr
    assert '<li lang="en" dir="ltr" class="untranslated">Publish documents' in fr
    report, out = render(translated_project, reviewed_only=True, min_complete=50)
    skipped = {r.code: r.skipped for r in report.editions if r.skipped}
    assert set(skipped) == {"ar", "es", "fr", "ru", "th", "zh_Hans"}
    assert "reviewed, below --min-complete 50%" in skipped["fr"]
    assert not (out / "fr" / "index.html").exists()
    assert (out / "en" / "index.html").exists()
    assert 'hreflang="fr"' not in (out / "index.html").read_text(encoding="utf-8")


def test_second_render_writes_nothing_and_output_is_deterministic(translated_project, tmp_path):
    first, out = render(translated_project)
    assert len(first.written) == 7 * 3 + 1
    again, _ = render(translated_project)
    assert again.written == []
    _, other = render(translated_project, tmp_path / "elsewhere")
    for path in out.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (other / path.relative_to(out)).read_bytes()


def test_editions_composed_in_several_processes_equal_those_of_one(
        translated_project, tmp_path, monkeypatch, forking):
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    _, alone = render(translated_project, tmp_path / "one")
    monkeypatch.setenv(parallel.JOBS_VARIABLE, str(forking))
    report, forked = render(translated_project, tmp_path / "three")
    assert [result.code for result in report.editions] == CODES  # reported in order
    files = sorted(p.relative_to(alone) for p in alone.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(forked) for p in forked.rglob("*") if p.is_file())
    for name in files:
        assert (alone / name).read_bytes() == (forked / name).read_bytes(), name


def test_locale_data_reaches_the_page(translated_project):
    _, out = render(translated_project)
    pages = {code: (out / code / "index.html").read_text(encoding="utf-8") for code in CODES}
    assert '<html lang="ar" dir="rtl">' in pages["ar"]
    assert '<html lang="zh-Hans" dir="ltr">' in pages["zh_Hans"]
    assert "22 كانون الأول/ديسمبر 2021" in pages["ar"]
    assert "22 ธันวาคม 2564" in re.sub(r'<wbr>|<span class="w">|</span>', "", pages["th"])
    assert "22 декабря 2021 года" in pages["ru"]
    assert "Suède" in pages["fr"] and "瑞典" in pages["zh_Hans"] and "Sweden" in pages["en"]
    assert "Europa" in pages["es"]  # a region CLDR names (150)
    for code, page in pages.items():
        for info in LOCALES.all:
            assert f'hreflang="{info.tag}" href="../{info.code}/index.html"' in page, code
        assert '<bdi lang="und-Latn" dir="ltr" translate="no">Dataskydd</bdi>' in page
    assert "zh_Hans" not in re.findall(r'lang="([^"]+)"', pages["zh_Hans"])


def test_language_picker_names_each_language_in_itself(translated_project):
    """As a list of languages names them: capitalized where CLDR says so for a menu."""
    _, out = render(translated_project)
    picker = (out / "index.html").read_text(encoding="utf-8")
    for name, tag in [("العربية", "ar"), ("中文（简体）", "zh-Hans"), ("ไทย", "th"),
                      ("Русский", "ru"), ("Español", "es"), ("Français", "fr")]:
        assert f'hreflang="{tag}" lang="{tag}"' in picker and name in picker
    assert "français" not in picker and "español" not in picker


def test_markdown_edition_has_working_reference_links(translated_project):
    _, out = render(translated_project)
    text = (out / "es" / "letter.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    hrefs = {t.attrs["href"] for tok in tokens if tok.children for t in tok.children
             if t.type == "link_open"}
    assert hrefs == {"https://undocs.org/A/HRC/41/41",  # the letter's link, and the languages
                     *(f"../{code}/letter.md" for code in CODES if code != "es")}
    assert not any(tok.type.startswith("html") for tok in tokens)


def test_text_edition_wraps_at_72_columns(repo_copy):
    _, out = render(repo_copy)
    for code in CODES:
        for line in (out / code / "letter.txt").read_text(encoding="utf-8").splitlines():
            unbreakable = " " not in re.sub(r"^\[\d+\] ", "", line.strip())  # a URL
            assert width(line) <= 72 or unbreakable, (code, line)


def test_rendering_needs_no_catalog_for_english(small_project):
    report, out = render(small_project, codes=["en"])
    assert (out / "en" / "index.html").exists()
    assert report.editions[0].counts["untranslated"] == 0


def test_a_broken_catalog_stops_rendering_with_its_line(translated_project):
    edit(translated_project.po_path("th"), 'msgid "Requests"', 'msgid "Requests')
    with pytest.raises(Exception) as caught:
        render(translated_project)
    assert "locales/th/LC_MESSAGES/letter.po:" in str(caught.value)
    assert not (translated_project.root / "build" / "en").exists()


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(repo_copy, translated_project):
    jar = os.environ.get("VNU_JAR") or str(REPO / VNU_JAR)
    if not shutil.which("java"):
        unavailable("java", "apt-get install default-jre-headless")
    if not Path(jar).exists():
        unavailable(f"the Nu HTML Checker ({jar})", "npm install vnu-jar in .cache/vnu, as "
                    ".ci/run does (apt-get install npm), or set VNU_JAR to a vnu.jar")
    import subprocess

    from letter_i18n.review import pages as review

    pages = []
    for project in (repo_copy, translated_project):
        _, out = render(project)
        review.write_review_pages(project, out)
        pages += [str(p) for p in out.rglob("*.html")]
    result = subprocess.run(["java", "-jar", jar, "--errors-only", *pages],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[:3000]


STATUS_WORDS = ("État de la", "Состояние перевода", "حالة الترجمة")


@pytest.mark.parametrize("code", ["fr", "ru", "ar"])
def test_the_status_line_says_the_same_in_every_format_and_as_stats(translated_project, code):
    from letter_i18n.review import stats

    _, out = render(translated_project, codes=[code])
    lines = []
    for name in FILES:
        text = html.unescape((out / code / name).read_text(encoding="utf-8"))
        status = next(paragraph for paragraph in re.split(r"\n\s*\n|<p", text)
                      if any(word in paragraph for word in STATUS_WORDS))
        lines.append([int(n) for n in re.findall(r"\d+", status.split("</p>")[0])])
    assert lines[0] == lines[1] == lines[2], lines
    counted = stats.of_catalog(LOCALES.target(code), load_po(translated_project.po_path(code)))
    expected = {counted.segments["reviewed"],
                counted.segments["draft"] + counted.segments["source_changed"],
                counted.segments["untranslated"], counted.total("segments")}
    assert set(lines[0]) == expected


LATIN_RUN = re.compile(r"[^\u0600-\u06ff\u2066\u2069]*[A-Za-z][^\u0600-\u06ff\u2066\u2069]*")


def test_latin_runs_in_the_arabic_edition_are_isolated_left_to_right(repo_copy):
    """(J.D.) used to show as (.J.D): in HTML every Latin run is a <bdi dir="ltr">; in
    Markdown and text LRI … PDI enclose Latin runs only (the renderer's, not a catalog's:
    check still refuses bidi controls in translations, test_choose)."""
    _, out = render(repo_copy)
    page = (out / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<bdi dir="ltr">(J.D.)</bdi>' in page and '<bdi dir="ltr">(Ph.D.)</bdi>' in page
    for name in ("letter.md", "letter.txt"):
        text = (out / "ar" / name).read_text(encoding="utf-8")
        assert "\u2066(J.D.)\u2069" in text and "\u2066(Ph.D.)\u2069" in text, name
        isolated = re.findall("\u2066([^\u2066\u2069]*)\u2069", text)
        assert len(isolated) == text.count("\u2066") == text.count("\u2069") > 100
        assert all(LATIN_RUN.fullmatch(run) for run in isolated), name
    tokens = MarkdownIt("commonmark").parse((out / "ar" / "letter.md").read_text("utf-8"))
    hrefs = {t.attrs["href"] for tok in tokens if tok.children for t in tok.children
             if t.type == "link_open" and t.attrs["href"].startswith("https:")}
    assert "https://undocs.org/A/HRC/41/41" in hrefs and len(hrefs) == 6, hrefs
    for code in CODES:
        if not LOCALES.by_code[code].rtl:
            for name in FILES:
                text = (out / code / name).read_text(encoding="utf-8")
                assert not set(text) & {"\u2066", "\u2068", "\u2069"}, (code, name)
                assert '<bdi dir="ltr">' not in text


def test_no_signatory_line_of_the_text_edition_starts_or_ends_with_a_dash(repo_copy):
    _, out = render(repo_copy)
    for code in CODES:
        text = (out / code / "letter.txt").read_text(encoding="utf-8")
        signatories = text[text.index("\n  1. "):]
        for line in signatories.splitlines():
            assert not re.match(r"\s*\d*\.?\s*–|.*–$", line), (code, line)


# -- The landing (issue 13, item 6) --

INTRO_PLURALS = {  # the forms the real catalogs give 116 organizations and 11 experts
    "en": ("116 organizations and 11 individual experts",),
    "ru": ("из 116 организаций и 11 независимых экспертов",),
    "fr": ("de 116 organisations et 11 experts",),
    "es": ("de 116 organizaciones y 11 expertos",),
    "ar": ("116 منظمة و11 خبيرًا",),
    "th": ("องค์กร 116 แห่งและผู้เชี่ยวชาญอิสระ 11 คน",),
    "zh_Hans": ("116个组织和11名个人专家",),
}


@pytest.mark.parametrize("code", CODES)
def test_every_edition_opens_with_a_dated_introduction_in_its_language(repo_copy, code):
    """Who (the counts from the source, in the catalog's plural form), to whom, when (the
    letter's date as the edition writes it, Thai in the Buddhist Era), and for a translation
    that it is unofficial and how far it is reviewed: the banner's counts."""
    from letter_i18n.editions.localedata import format_letter_date
    from letter_i18n.source.letter import load_letter

    _, out = render(repo_copy, codes=[code])
    letter = load_letter(repo_copy.source_dir, repo_copy.root)
    assert (len(letter.organizations), len(letter.experts)) == (116, 11)
    date = format_letter_date(letter.date, LOCALES.by_code[code])
    assert code != "th" or "2564" in date
    page = html.unescape((out / code / "index.html").read_text(encoding="utf-8"))
    intro = page[page.index('<section class="intro"'):page.index("</section>")]
    assert page.index('<section class="intro"') < page.index("<h1")
    for name in FILES:
        text = html.unescape((out / code / name).read_text(encoding="utf-8"))
        flat = " ".join(re.sub(r"<[^>]+>", "", text.split("<body>")[-1]).split())
        assert date in flat[:1500] and INTRO_PLURALS[code][0] in flat[:1500], name
    unofficial = {"en": "unofficial", "fr": "n’a pas de caractère officiel",
                  "ar": "ترجمة غير رسمية", "zh_Hans": "非正式译文"}
    if code == "en":
        assert "unofficial" not in intro and "native speaker" not in intro
    elif code in unofficial:
        assert unofficial[code] in intro
    if code != "en":  # the review status agrees with the banner's counts
        banner = page[page.index('<p class="status">'):]
        total = re.findall(r"\d+", banner[:banner.index("</p>")])[-1]
        assert re.findall(r"\d+", intro.split("</p>")[1]) == ["0", total]


def test_the_introduction_counts_with_the_catalogs_plural_forms(repo_copy):
    """One organization is singular (Russian: a genitive singular after "из")."""
    path = repo_copy.source_dir / "letter.yaml"
    data = path.read_text(encoding="utf-8")
    start = data.index("\norganizations:") + len("\norganizations:")
    end = data.index("\n  - ", data.index("\n  - ", start) + 1)
    kept_one = data[:end] + data[data.index("\nexperts:"):]
    path.write_text(kept_one, encoding="utf-8")
    _, out = render(repo_copy, codes=["en", "ru"])
    assert "a coalition of 1 organization and 11 individual experts" in \
        (out / "en" / "letter.txt").read_text(encoding="utf-8").replace("\n", " ")
    russian = (out / "ru" / "letter.md").read_text(encoding="utf-8")
    assert "коалиция из 1 организации и 11 независимых экспертов" in russian
    assert "### 1 организация" in russian


def test_the_pdf_is_linked_only_where_it_exists_or_is_being_printed(translated_project):
    _, out = render(translated_project, pdf={"fr"})
    assert 'href="letter.pdf"' in (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert "(letter.pdf)" in (out / "fr" / "letter.md").read_text(encoding="utf-8")
    assert 'href="letter.pdf"' not in (out / "en" / "index.html").read_text(encoding="utf-8")
    (out / "en" / "letter.pdf").write_bytes(b"%PDF-1.7\n")
    render(translated_project)  # by default: where letter.pdf is
    assert 'href="letter.pdf"' in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert 'href="letter.pdf"' not in (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert "letter.pdf" not in (out / "en" / "letter.txt").read_text(encoding="utf-8")


def test_the_count_of_organizations_is_a_heading_like_the_experts(repo_copy):
    _, out = render(repo_copy, codes=["fr"])
    page = (out / "fr" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 class="count[^"]*">(<span[^>]*>)?116 organisations<', page)
    assert re.search(r'<h3 class="experts[^"]*">(<span[^>]*>)?Experts et universitaires', page)
    assert "### 116 organisations" in (out / "fr" / "letter.md").read_text(encoding="utf-8")


def test_names_in_the_text_are_marked_never_translated(repo_copy):
    _, out = render(repo_copy, codes=["en", "zh_Hans"])
    pages = {code: (out / code / "index.html").read_text(encoding="utf-8")
             for code in ("en", "zh_Hans")}
    # the rapporteur's name ({rapporteur}): in Latin script isolated, in the readers' script
    # a span of the page; neither translated by a browser, nor hyphenated in print
    assert '<bdi lang="und-Latn" dir="ltr" translate="no">Clément Nyaletsossi Voule</bdi>' \
        in pages["en"]
    assert '<span class="name" translate="no">克莱芒·尼亚莱索西·武勒</span>' in pages["zh_Hans"]
    # a name the text writes itself (Chinese: no space sets it apart)
    assert '（<span class="name" translate="no">Brazilian Institute of Public Law</span>）' \
        in pages["zh_Hans"]


def test_the_folio_becomes_css_counters_and_no_translation_can_end_the_rule():
    from letter_i18n.editions.render import css_counters

    assert css_counters("{page} / {pages}") == 'counter(page) " \\2f  " counter(pages)'
    assert css_counters("{page} من {pages}") == 'counter(page) " من " counter(pages)'
    hostile = css_counters('{page}"; } body { x: "</style>')
    assert re.fullmatch(r'counter\(page\) "[^"]*"', hostile), hostile
    assert not set(";{}<>") & set(hostile)


def test_thai_text_edition_breaks_lines_between_words_only(repo_copy, monkeypatch):
    """Every line of letter.txt that ends between two Thai letters ends where the Thai
    segmentation allows a break (ICU alone broke "ก|ว่า", "เอ|อร์ไวน์")."""
    calls = []
    wrap = formats.wrap

    def spy(text, columns, locale, first="", rest="", words=None):
        lines = wrap(text, columns, locale, first, rest, words)
        calls.append((text, lines, first, rest, words))
        return lines

    monkeypatch.setattr(formats, "wrap", spy)
    render(repo_copy, codes=["th"])
    wrapped = [call for call in calls if len(call[1]) > 1]
    assert len(wrapped) > 20 and all(call[4] is not None for call in calls)
    inside = []
    for text, lines, first, rest, words in wrapped:
        at = 0
        for number, line in enumerate(lines[:-1]):
            content = line[len(first if number == 0 else rest):]
            at = text.index(content, at) + len(content)
            letters = all("\u0e01" <= c <= "\u0e4e" for c in text[at - 1:at + 1])
            if letters and at not in words.breaks(text):
                inside.append(text[at - 8:at] + "|" + text[at:at + 8])
    assert not inside
