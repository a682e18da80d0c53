"""Web fonts shipped with the pages: which faces, which characters, same bytes, cut only when
something changed, and a clear message without them. (That a page shows them in a browser
without the system's Noto: test_layout_in_browser.)"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from conftest import LOCALES, REPO, rendered_letter, requires
from letter_i18n.cli import run
from letter_i18n.editions import fonts, webfonts
from letter_i18n.project import Project

FACES = webfonts.faces(LOCALES)
HAVE_FONTS = all(webfonts.Face(family, 400) in webfonts.sources(FACES)
                 for family in webfonts.families(LOCALES))
needs_fonts = requires(HAVE_FONTS and importlib.util.find_spec("brotli"),
                       "the Noto fonts and brotli", webfonts.INSTALL_HINT)


def test_the_faces_are_the_typefaces_of_the_font_stacks_regular_and_bold():
    assert webfonts.families(LOCALES) == ["Noto Serif", "Noto Naskh Arabic", "Noto Serif Thai",
                                          "Noto Serif CJK SC"]
    assert {fonts.first_family(stack) for stack in LOCALES.font_stacks.values()} == set(
        webfonts.families(LOCALES))
    assert [face.filename for face in FACES[:2]] == [
        "NotoSerif-Regular.woff2", "NotoSerif-Bold.woff2"]
    assert webfonts.package("Noto Serif CJK SC") == "fonts-noto-cjk"
    assert webfonts.package("Noto Naskh Arabic") == "fonts-noto-core"
    assert webfonts.scripts("Noto Serif", LOCALES) == {"Latn", "Cyrl"}
    assert webfonts.scripts("Noto Serif CJK SC", LOCALES) == {"Hani"}


def test_a_pages_characters_are_its_bodys_text_with_what_a_shaper_draws():
    page = ('<html><head><title>Ω</title><style>p { color: red }</style></head><body>'
            '<p>a b&amp;\u2066c\u2069 คำ</p></body></html>')
    chars = webfonts.page_characters(page)
    assert " " in chars and "&" in chars and "\u0e4d" in chars  # NIKHAHIT of SARA AM
    assert "Ω" not in chars and "{" not in chars  # the title and the style are not shown
    assert "\u2066" not in chars and "\n" not in chars  # no glyph
    assert set(webfonts.GENERATED) <= set(chars)  # list numbers
    assert chars == "".join(sorted(chars))


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The real letter's editions, rendered, with their fonts."""
    project, out = rendered_letter(tmp_path_factory.mktemp("letter"))
    return project, out, webfonts.ship(project, out)


def cmap(path: Path) -> set[str]:
    from fontTools.ttLib import TTFont

    return {chr(code) for code in TTFont(path).getBestCmap()}


@pytest.mark.slow
@needs_fonts
def test_every_character_of_every_page_is_in_a_shipped_font(shipped):
    """Nothing is left to the reader's fonts: the characters a fallback handles by design
    are only those that need no glyph (bidi isolates, the word joiner, controls)."""
    _, out, report = shipped
    pages = webfonts.pages(out, LOCALES)
    assert len(pages) == 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        chars = set(webfonts.page_characters(text))
        faces = list((page.parent / "fonts").glob("*.woff2"))
        covered = set().union(*(cmap(face) for face in faces))
        assert not chars - covered, (page, sorted(chars - covered))
        assert not report.uncovered[str(page.relative_to(out.parent))], page
        # each face declared by the page that the page needs is there
        assert {face.name for face in faces} <= {f.filename for f in FACES}
        assert f'src: url("fonts/{faces[0].name}") format("woff2")' in text
        assert "font-display: swap" in text
    ar = {p.name for p in (out / "ar" / "fonts").iterdir()}
    assert {"NotoNaskhArabic-Regular.woff2", "NotoNaskhArabic-Bold.woff2",
            "NotoSerif-Regular.woff2", "fonts-noto-core.copyright.txt"} <= ar
    for code in ("th", "zh_Hans"):
        assert {"NotoSerifThai-Regular.woff2", "NotoSerifCJKSC-Regular.woff2"} <= {
            p.name for p in (out / code / "fonts").iterdir()}


@pytest.mark.slow
@needs_fonts
def test_the_fonts_licence_travels_with_them(shipped):
    _, out, _ = shipped
    for package in ("fonts-noto-core", "fonts-noto-cjk"):
        if not (webfonts.DOCS / package / "copyright").is_file():
            pytest.skip(f"{package} has no copyright file here")
        text = (out / "zh_Hans" / "fonts" / f"{package}.copyright.txt").read_text("utf-8")
        assert "SIL Open Font License" in text or "SIL OPEN FONT LICENSE" in text


@pytest.mark.slow
@needs_fonts
def test_fonts_are_cut_again_only_when_a_pages_characters_change(shipped, monkeypatch):
    project, out, _ = shipped

    def must_not_cut(*args):
        raise AssertionError("a font was cut again")

    monkeypatch.setattr(webfonts, "subset", must_not_cut)
    again = webfonts.ship(project, out)
    assert again.written == [] and len(again.unchanged) == 8
    page = out / "fr" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>ǅ</p></main>"),
                    encoding="utf-8")
    monkeypatch.setattr(webfonts, "_cache_path", lambda key: None)  # nor from the cache
    cut = []
    monkeypatch.setattr(webfonts, "subset", lambda source, chars: cut.append(chars) or b"x")
    changed = webfonts.ship(project, out)
    assert any("ǅ" in chars for chars in cut)  # Noto Serif's
    assert {Path(p).parent.parent.name for p in changed.written} == {"fr"}


@pytest.mark.slow
@needs_fonts
def test_the_same_characters_and_fonts_give_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(webfonts, "_cache_path", lambda key: None)
    page = '<body><p>Signatories – الموقعون ไทย 中文 (简体)</p></body>'
    found = webfonts.sources(FACES)
    first, _ = webfonts._cut("k", webfonts.page_characters(page), found, LOCALES)
    second, _ = webfonts._cut("k", webfonts.page_characters(page), found, LOCALES)
    assert first == second and len(first) == 8
    assert all(data.startswith(b"wOF2") for data in first.values())


@pytest.mark.parametrize("fork", [False, True], ids=["here", "forked"])
def test_without_the_fonts_the_pages_are_written_and_the_build_says_what_to_install(
        translated_project, monkeypatch, capsys, fork):
    monkeypatch.setattr("letter_i18n.parallel.can_fork", lambda: fork)
    monkeypatch.setattr(webfonts, "sources", lambda wanted: {})
    root = str(translated_project.root)
    assert run(["--root", root, "build", "--no-pdf"]) == 0
    err = capsys.readouterr().err
    assert ("Fonts not shipped with the pages: none of the editions' fonts is installed: the "
            "pages are written without their fonts. Install fontTools") in err
    assert (translated_project.root / "build" / "editions" / "fr" / "index.html").exists()
    assert run(["--root", root, "fonts"]) == 1
    err = capsys.readouterr().err
    assert "apt-get install fonts-noto-core" in err and "Traceback" not in err


@pytest.fixture
def only_noto_serif(tmp_path, monkeypatch):
    """A project in tmp_path with this repository's languages; Noto Serif regular alone
    installed, cut into b"wOF2 " + its characters; no cache."""
    (tmp_path / "locales").mkdir()
    shutil.copy(REPO / "locales" / "locales.toml", tmp_path / "locales")
    latin = webfonts.Face("Noto Serif", 400)
    real = webfonts.sources(FACES)
    if latin not in real:
        pytest.skip("Noto Serif is not installed")
    monkeypatch.setattr(webfonts, "sources", lambda wanted: {latin: real[latin]})
    monkeypatch.setattr(webfonts, "subset", lambda source, chars: b"wOF2" + chars.encode())
    monkeypatch.setattr(webfonts, "_cache_path", lambda key: None)


def test_a_family_not_installed_is_named_and_the_others_are_shipped(tmp_path, only_noto_serif):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text("<body>Letter ไทย</body>", encoding="utf-8")
    report = webfonts.ship(Project(tmp_path), tmp_path)
    assert report.missing == ["Noto Naskh Arabic", "Noto Serif Thai", "Noto Serif CJK SC"]
    assert (tmp_path / "en" / "fonts" / "NotoSerif-Regular.woff2").read_bytes().startswith(
        b"wOF2 ")
    assert report.uncovered == {"en/index.html": "ทยไ"}


def test_an_edition_no_longer_rendered_loses_its_fonts(tmp_path, only_noto_serif):
    for code in ("en", "fr"):
        (tmp_path / code).mkdir()
        (tmp_path / code / "index.html").write_text("<body>Lettre</body>", encoding="utf-8")
    webfonts.ship(Project(tmp_path), tmp_path)
    (tmp_path / "fr" / "index.html").unlink()
    report = webfonts.ship(Project(tmp_path), tmp_path)
    assert report.removed == ["fr/fonts"] and not (tmp_path / "fr" / "fonts").exists()
    assert (tmp_path / "en" / "fonts" / "NotoSerif-Regular.woff2").exists()
