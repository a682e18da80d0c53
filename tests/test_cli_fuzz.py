"""Random bytes, PO syntax and Markdown thrown at update, check and render.

Whatever arrives, the command ends with 0, 1 or 2 and a message (never a
traceback), and no edition it writes holds anything executable or a link to
an address that source/letter.yaml does not name.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, with_languages
from letter_i18n.cli import run
from letter_i18n.project import Project

KNOWN_URLS = {"https://undocs.org/A/HRC/41/41"}
PO_PIECES = ['msgid ""\n', 'msgstr ""\n', 'msgid "Dear Chair,"\n', 'msgstr "Madame,"\n',
             '"Content-Type: text/plain; charset=UTF-8\\n"\n', '"Language: fr\\n"\n',
             "#, fuzzy\n", "#| msgid \"x\"\n", "#~ msgid \"old\"\n", "msgid_plural \"a\"\n",
             "msgstr[0] \"b\"\n", "msgstr[7] \"c\"\n", "msgctxt \"k\"\n", "\n", '"', "\\",
             "\\x04", "\\0", "\\u202e", "\u202e", "\x00", "\xff", "msgstrr \"x\"\n", "#: a:1\n",
             '"charset=latin1\\n"\n', "\ufeff"]
MARKUP_PIECES = ["Madame la Présidente,", "*", "**", "_", "[", "]", "[texte][report]",
                 "[report]", "](javascript:alert(1))", "<script>alert(1)</script>",
                 "<img src=x onerror=alert(1)>", "&#x6A;avascript:", "h&#116;tps://evil.example",
                 "www.evil.example", "<https://evil.example>", "![x][report]", "{date}",
                 "{date.__class__}", "\u202e", "\x1b[31m", "\\", "`", "\n", "# ", "> ", "- ",
                 "1. ", "    ", "---\n", "<!-- -->", "&amp;", "\ufffd"]
UNSAFE = re.compile(r"(?i)<script|javascript:|vbscript:|data:text|onerror|evil\.example|"
                    r"<img|<iframe|\x1b|\u202e")
HREF = re.compile(r'href="([^"]*)"')


def project_copy(root: Path) -> Path:
    shutil.copytree(FIXTURES / "source", root / "source")
    shutil.copytree(FIXTURES / "locales", root / "locales")
    return with_languages(Project(root)).root


def command(root: Path, *args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["--root", str(root), "--quiet", *args])
    return code, out.getvalue() + err.getvalue()


def assert_no_harm(root: Path) -> None:
    for path in (root / "build").rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if path.name == "review.html":
            continue  # shows catalog text escaped, on purpose; checked as HTML by its tests
        assert not UNSAFE.search(text), (path, UNSAFE.search(text))
        for url in HREF.findall(text):
            assert url in KNOWN_URLS or not re.match(r"[a-z][a-z0-9+.-]*:|//", url), url


def exercise(root: Path) -> None:
    for args in (["update"], ["check"], ["render"], ["review"], ["stats"]):
        code, output = command(root, *args)
        assert code in (0, 1, 2), (args, code, output)
        assert "Traceback" not in output
    assert_no_harm(root)


FUZZ = settings(max_examples=15, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.slow
@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_as_a_catalog(data):
    with tempfile.TemporaryDirectory() as tmp:
        root = project_copy(Path(tmp))
        (root / "locales" / "fr" / "LC_MESSAGES" / "letter.po").write_bytes(data)
        exercise(root)


@pytest.mark.slow
@FUZZ
@given(st.lists(st.sampled_from(PO_PIECES), max_size=30))
def test_random_po_syntax_as_a_catalog(pieces):
    with tempfile.TemporaryDirectory() as tmp:
        root = project_copy(Path(tmp))
        (root / "locales" / "ru" / "LC_MESSAGES" / "letter.po").write_text(
            "".join(pieces), encoding="utf-8", errors="surrogateescape")
        exercise(root)


@pytest.mark.slow
@FUZZ
@given(st.lists(st.sampled_from(MARKUP_PIECES), min_size=1, max_size=12), st.booleans())
def test_random_markdown_in_translations_and_in_the_source(pieces, in_source):
    text = "".join(pieces)
    with tempfile.TemporaryDirectory() as tmp:
        root = project_copy(Path(tmp))
        if in_source:
            body = root / "source" / "letter.md"
            body.write_text(body.read_text(encoding="utf-8") + "\n" + text + "\n",
                            encoding="utf-8")
        else:
            fr = root / "locales" / "fr" / "LC_MESSAGES" / "letter.po"
            po = fr.read_text(encoding="utf-8")
            quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            fr.write_text(po.replace('msgstr "Madame la Présidente,', f'msgstr "{quoted}', 1)
                          .replace('msgstr "Merci', f'msgstr "{quoted}', 1), encoding="utf-8")
        exercise(root)


XLIFF_PIECES = ['<g id="1" ctype="italic">', '<g id="3" ctype="link">', "</g>", '<x id="2"/>',
                '<x id="9"/>', '<mrk mtype="seg" mid="1">', "</mrk>", '<bpt id="1">*</bpt>',
                "&amp;", "&#x202E;", "&lt;script&gt;", "*", "**", "[", "]", "[x][report]",
                "{date}", "Nous écrivons", " ", "\n", "<![CDATA[*]]>", "</target>", "<target>",
                "&bogus;", "\x01", "https://evil.example"]


@pytest.mark.slow
@FUZZ
@given(st.lists(st.sampled_from(XLIFF_PIECES), max_size=12),
       st.sampled_from(["final", "translated", "signed-off", "needs-review-translation", ""]))
def test_random_targets_in_an_xliff_import(pieces, state):
    """Whatever a CAT tool writes, import ends cleanly and lets in nothing check refuses."""
    with tempfile.TemporaryDirectory() as tmp:
        root = project_copy(Path(tmp))
        xlf = root / "fr.xlf"
        assert command(root, "xliff", "export", "-l", "fr", "-o", str(xlf))[0] == 0
        text = xlf.read_text(encoding="utf-8")
        start = text.index("<target", text.index('id="body/s0/p2"'))
        end = text.index("</target>", start)
        target = f'<target state="{state}">' if state else "<target>"
        xlf.write_text(text[:start] + target + "".join(pieces) + text[end:], encoding="utf-8")
        code, output = command(root, "xliff", "import", str(xlf))
        assert code in (0, 1), output
        assert "Traceback" not in output
        code, output = command(root, "check", str(root / "locales/fr/LC_MESSAGES/letter.po"))
        assert code == 0, output
        exercise(root)
