"""Print editions: each HTML edition as an accessible, print-ready PDF (WeasyPrint).

The PDF is made from ``<out>/<code>/index.html`` as ``render`` wrote it, so it
shows exactly the published edition (drafts marked as on screen, fallbacks in
English, ``--reviewed-only`` respected); the page carries its own print
stylesheet (``print.css.j2``), to which only the running header is added here
(CSS GCPM, which HTML checkers reject in a page). Per edition: lay the page out, check that the
installed fonts have every character laid out (text, running header, page
numbers) and that the edition's own typeface is installed, then write
``letter.pdf`` beside the HTML, atomically and only when its bytes change.
Any character drawn as a missing-glyph box stops the edition, whatever the
check said.

The PDF is tagged (PDF/UA-1: structure tree, document language, title shown by
viewers) and reproducible: no timestamps unless ``SOURCE_DATE_EPOCH`` gives
one, a fixed document identifier, font subsets named from their content. So a
PDF depends only on its HTML, the fonts and the WeasyPrint version.
WeasyPrint (with Pango ≥ 1.44) is an optional dependency: ``pip install
'.[pdf]'``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import re
import sys
import unicodedata
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from letter_i18n import clock, localetable, parallel
from letter_i18n.catalog.gcpause import usual_cyclic_gc
from letter_i18n.editions import fonts, makeup
from letter_i18n.errors import UserError
from letter_i18n.files import write_if_changed
from letter_i18n.project import PROJECT_ID, Project

FILENAME = "letter.pdf"
VARIANT = "pdf/ua-1"
AUTHOR = "Signatory organizations and experts of the joint open letter"
INSTALL_HINT = ("Install WeasyPrint into the project's environment (.venv/bin/pip install -e "
                "'.[pdf]') and Pango with the fonts (apt-get install libpango-1.0-0 "
                "libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk).")
# The running header: CSS GCPM (string-set), which the HTML checker rejects in the page.
RUNNING_HEADER = """
h1 { string-set: title content(text); }
.banner[data-running-note] { string-set: draft " · " attr(data-running-note); }
@page { @top-center { content: string(title) string(draft); width: 100%; white-space: nowrap;
                      overflow: hidden; text-overflow: ellipsis; } }
@page :first { @top-center { content: none; } }
"""
# The web fonts shipped beside the page (webfonts.py) are for screens: the PDF is set in the
# installed fonts, whose coverage it checks character by character.
WEB_FONTS = re.compile(r'<style id="web-fonts">.*?</style>\n?', re.DOTALL)
NOTDEF = ".notdef glyph"  # start of WeasyPrint's warning for a character drawn as a box
# Workers forked from a process that has loaded WeasyPrint start at once; spawned ones spend
# a second or two importing it (bench/pdf.py). This process runs no threads when it forks.
START_METHOD = "fork" if sys.platform == "linux" else "spawn"


class Unavailable(UserError):
    """WeasyPrint, Pango or the fonts are not installed: PDFs cannot be made here."""


@dataclass
class PdfReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pages: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """One edition to print: everything a worker process needs, nothing more."""

    code: str
    html_path: Path
    shown: str  # the HTML's path as messages show it
    epoch: int | None
    name: str  # the language's English name, for messages
    fonts: str  # the edition's CSS font stack: it is set in the first family
    guess: makeup.Plan | None = None  # the corrections the last print's first layout called for
    speculate: bool = False  # a core is free to lay out from ``guess`` meanwhile


@dataclass
class Printed:
    code: str
    data: bytes = b""
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    error: tuple[str, str | None, int | None, str] | None = None  # UserError's fields
    first: makeup.Plan | None = None  # what the first layout called for (the next guess)
    unavailable: bool = False  # the error is a missing font (Unavailable)


def check_available() -> None:
    """Raise :class:`Unavailable` unless WeasyPrint and Pango can be loaded."""
    try:
        import weasyprint  # noqa: F401
    except ImportError as error:
        raise Unavailable(f"WeasyPrint is not installed ({error})", hint=INSTALL_HINT) from None
    except OSError as error:  # WeasyPrint found, Pango or its libraries not
        raise Unavailable(f"WeasyPrint cannot load Pango: {error}", hint=INSTALL_HINT) from None


def render_pdfs(project: Project, out_dir: Path, codes: list[str] | None = None,
                jobs: int | None = None) -> PdfReport:
    """Print the editions of ``codes`` (default: every edition whose HTML exists).

    Named editions must have their HTML; by default an edition without HTML
    (not rendered, or left out by ``--min-complete``) loses a stale PDF. Every
    edition is printed before any file is written, so an error writes nothing.
    ``jobs`` processes print in parallel (default: one per core).
    """
    return start_pdfs(project, out_dir, codes, jobs).finish()


@dataclass
class Printing:
    """PDFs being printed; :meth:`finish` waits for them and writes them."""

    project: Project
    report: PdfReport
    jobs: list[Job] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    printed: list[Printed] = field(default_factory=list)
    futures: list[Future] = field(default_factory=list)
    pool: ProcessPoolExecutor | None = None
    printers: Printers | None = None  # started ahead, whose pool this is

    def finish(self) -> PdfReport:
        try:
            printed = self.printed or [future.result() for future in self.futures]
        finally:
            if self.printers is not None:
                self.printers.shutdown()
            elif self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
        for result in printed:
            if result.error:
                raise (Unavailable if result.unavailable else UserError)(*result.error)
        report = self.report
        for job, result in zip(self.jobs, printed, strict=True):
            path = job.html_path.parent / FILENAME
            (report.written if write_if_changed(path, result.data)
             else report.unchanged).append(self.project.shown(path))
            write_if_changed(_key_path(job), self.keys[job.code])
            _save_guess(job, result.first)
            report.pages[job.code] = result.pages
            report.warnings += [f"{job.code}: {warning}" for warning in result.warnings]
        return report


@dataclass
class Printers:
    """Printing processes started ahead: ``build`` starts them before it updates and
    renders, so that WeasyPrint (half a second) is loaded meanwhile.

    Only the first loads it at once: a translator's edit has one edition to print, and
    more printers loading WeasyPrint would take the processor from the update and render
    that printer waits for. The others wait, holding no processor, until :meth:`want`
    says there is more than one edition to print (they load it then) or :meth:`shutdown`.
    """

    pool: ProcessPoolExecutor
    more: Any  # a multiprocessing Event: the waiting printers may go on
    load: Any  # a multiprocessing Value: whether they load WeasyPrint when they go on

    def want(self, editions: int) -> None:
        """Called once the editions are handed to the pool, so that the first printer,
        ready, takes the first of them."""
        if editions > 1:
            self.load.value = 1
            self.more.set()

    def shutdown(self) -> None:
        self.more.set()  # printers still waiting leave without loading anything
        self.pool.shutdown(cancel_futures=True)


def printers(jobs: int | None = None) -> Printers | None:
    """Printing processes started ahead (see :class:`Printers`); None without WeasyPrint."""
    try:
        _weasyprint_version()
    except Unavailable:
        return None
    workers = jobs or os.cpu_count() or 1
    context = get_context(START_METHOD)
    more, load = context.Event(), context.Value("b", 0)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_printer,
                               initargs=(more, load))
    pool.submit(_load_weasyprint)
    for _ in range(workers - 1):
        pool.submit(_load_weasyprint_if_wanted)
    return Printers(pool, more, load)


_WANTED: tuple[Any, Any] | None = None  # a printer's (more, load), inherited when it starts


def _printer(more: Any, load: Any) -> None:
    global _WANTED
    usual_cyclic_gc()
    _WANTED = (more, load)


def _load_weasyprint() -> None:
    with contextlib.suppress(Unavailable):  # printing says so
        check_available()


def _load_weasyprint_if_wanted() -> None:
    assert _WANTED is not None
    more, load = _WANTED
    more.wait()
    if load.value:
        _load_weasyprint()


def start_pdfs(project: Project, out_dir: Path, codes: list[str] | None = None,
               jobs: int | None = None, background: bool = False,
               printers: Printers | None = None) -> Printing:
    """Decide what to print and start printing; with ``background`` in other processes only
    (``printers``, if given), so that the caller can go on (``build`` writes the review pages
    meanwhile)."""
    report = PdfReport()
    table = localetable.load(project)
    chosen = list(codes) if codes else [info.code for info in table.all]
    if not codes:  # a PDF left by a language no longer in the table is stale too
        chosen += sorted(p.parent.name for p in out_dir.glob(f"*/{FILENAME}")
                         if p.parent.name not in table.by_code
                         and not (p.parent / "index.html").exists())
    epoch = clock.source_date_epoch()
    todo, stale = [], []
    for code in chosen:
        html_path = out_dir / code / "index.html"
        if html_path.exists():
            info = table.by_code[code]
            todo.append(Job(code, html_path, project.shown(html_path), epoch,
                            info.english_name, table.font_stack(info.script)))
        elif codes:
            raise UserError("no HTML edition to print", project.shown(html_path),
                            hint="Render the editions first: letter-i18n render")
        elif (out_dir / code / FILENAME).exists():
            stale.append(out_dir / code / FILENAME)
    if not todo:
        raise UserError("no HTML edition to print", project.shown(out_dir),
                        hint="Render the editions first: letter-i18n render")
    keys = {job.code: _print_key(job) for job in todo}
    done = [job for job in todo if _key_path(job).exists()
            and (job.html_path.parent / FILENAME).exists()
            and _key_path(job).read_text(encoding="utf-8") == keys[job.code]]
    for job in done:  # printed before from exactly these inputs: nothing to lay out again
        report.unchanged.append(project.shown(job.html_path.parent / FILENAME))
    todo = [job for job in todo if job not in done]
    # With fewer editions to print than cores (a translator's edit), each may use a free
    # core to lay out from its last print's corrections while it lays out from none.
    speculate = len(todo) < (jobs or os.cpu_count() or 1)
    todo = [replace(job, guess=_load_guess(job), speculate=speculate) for job in todo]
    for path in stale:
        path.unlink()
        path.with_name(KEY_FILE).unlink(missing_ok=True)
        path.with_name(GUESS_FILE).unlink(missing_ok=True)
        report.removed.append(project.shown(path))
    printing = Printing(project, report, todo, keys, printers=printers)
    if not todo:
        return printing
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers > 1 or background:
        # WeasyPrint is loaded in the printing processes: an up-to-date build never loads it.
        printing.pool = printers.pool if printers else ProcessPoolExecutor(
            workers, mp_context=get_context(START_METHOD), initializer=usual_cyclic_gc)
        printing.futures = [printing.pool.submit(print_edition, job) for job in todo]
        if printers:
            printers.want(len(todo))
    else:  # print_edition says so when WeasyPrint cannot be loaded
        printing.printed = [print_edition(job) for job in todo]
    return printing


KEY_FILE = ".letter.pdf.key"
GUESS_FILE = ".letter.pdf.makeup"  # the make-up's corrections at the last print (JSON)


def _key_path(job: Job) -> Path:
    return job.html_path.parent / KEY_FILE


def _load_guess(job: Job) -> makeup.Plan | None:
    """The corrections the last print of this edition started with, if it is worth a guess."""
    import json

    try:
        data = json.loads((job.html_path.parent / GUESS_FILE).read_text(encoding="utf-8"))
        return makeup.Plan(tuple((int(place), str(word), int(occurrence))
                                 for place, word, occurrence in data["kept"]), int(data["step"]))
    except (OSError, ValueError, KeyError, TypeError):  # none, or not ours: no guess
        return None


def _save_guess(job: Job, plan: makeup.Plan | None) -> None:
    import json

    path = job.html_path.parent / GUESS_FILE
    if plan is None:
        path.unlink(missing_ok=True)
    else:
        write_if_changed(path, json.dumps({"kept": plan.kept, "step": plan.step},
                                          ensure_ascii=False) + "\n")


def _print_key(job: Job) -> str:
    """What a PDF depends on: its HTML, this code, the fonts, WeasyPrint, the date.

    Stored beside the PDF, it lets a rerun on unchanged inputs skip the layout
    (seconds per edition) instead of printing again only to find the same bytes.
    """
    import hashlib

    digest = hashlib.sha256()
    for part in (job.html_path.read_bytes(), Path(__file__).read_bytes(),
                 Path(fonts.__file__).read_bytes(), Path(makeup.__file__).read_bytes(),
                 fonts.fingerprint().encode(),
                 _weasyprint_version().encode(), str(job.epoch).encode()):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest() + "\n"


def _weasyprint_version() -> str:
    """WeasyPrint's version without importing it (the import alone takes half a second)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:
        raise Unavailable("WeasyPrint is not installed", hint=INSTALL_HINT) from None


def print_edition(job: Job) -> Printed:
    """Lay out one HTML edition and return its PDF (run in a worker process)."""
    try:
        check_available()
        return _print(job)
    except UserError as error:  # exceptions with extra fields do not cross processes
        return Printed(job.code, error=(error.message, error.path, error.line, error.hint),
                       unavailable=isinstance(error, Unavailable))


def _print(job: Job) -> Printed:
    """Print ``job``; with ``job.speculate``, the layout from the last print's corrections
    runs meanwhile in a forked process, and its PDF is taken when this print's first
    layout calls for the same corrections: the PDF a print without the guess would make,
    one layout sooner."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    _check_typeface(job)
    # Editions are self-contained: any outside resource is refused, never fetched.
    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    with _WeasyPrintLog() as log:
        try:
            page = WEB_FONTS.sub("", job.html_path.read_text(encoding="utf-8"))
            html = HTML(string=page, url_fetcher=fetcher)
            guess = job.guess if job.speculate and job.guess else None
            ahead = guess and parallel.fork_call(lambda: _finish(job, html, log, resume=guess))
            taken: list[Printed] = []

            def on_first(plan: makeup.Plan) -> bool:
                taken.append(Printed(job.code, first=plan))
                if not ahead or plan != guess:
                    return False
                try:
                    result = ahead.result()
                except Exception:  # the guess failed: lay out here instead
                    return False
                taken[0] = result
                return isinstance(result, Printed) and not result.error

            try:
                printed = _finish(job, html, log, on_first=on_first)
            finally:
                if ahead:
                    ahead.cancel()
        except FatalURLFetchingError as error:
            raise UserError(f"the edition refers to an outside resource ({error}); editions "
                            "are self-contained", job.shown) from None
    if printed is None:  # the guess was right
        return taken[0]
    printed.first = taken[0].first if taken else None
    return printed


def _finish(job: Job, html: Any, log: _WeasyPrintLog, resume: makeup.Plan | None = None,
            on_first: Any = None) -> Printed | None:
    """Lay ``html`` out (make-up included), check its fonts and write its PDF."""
    from weasyprint import CSS

    header = CSS(string=RUNNING_HEADER)
    document = makeup.lay_out(html, lambda page: page.render(stylesheets=[header]),
                              resume=resume, on_first=on_first)
    if document is None:
        return None
    gaps = fonts.missing(_laid_out_text(document), fonts.installed())
    if gaps:
        raise Unavailable(f"no installed font has the {'; '.join(map(str, gaps))}",
                          job.shown, hint=fonts.install_hint(gaps))
    _set_metadata(document.metadata, job)
    data = document.write_pdf(pdf_variant=VARIANT, finisher=_fix_text_layer,
                              pdf_identifier=f"{PROJECT_ID}/{job.code}".encode())
    boxes = [message for message in log.messages if message.startswith(NOTDEF)]
    if boxes:
        raise Unavailable(f"a character would be printed as a missing-glyph box: {boxes[0]}",
                          job.shown, hint="Install a font that has it (see fc-list).")
    return Printed(job.code, data, len(document.pages), list(log.messages), first=resume)


def printable(project: Project, codes: list[str] | None = None) -> frozenset[str]:
    """The editions (default: every locale's) that can be printed here: WeasyPrint installed
    and the edition's typeface too. ``build`` links these PDFs before it prints them."""
    try:
        _weasyprint_version()
        families = fonts.installed().families
    except UserError:  # Unavailable, or no fontconfig
        return frozenset()
    table = localetable.load(project)
    chosen = codes or [info.code for info in table.all]
    return frozenset(code for code in chosen if fonts.first_family(
        table.font_stack(table.by_code[code].script)) in families)


def _check_typeface(job: Job) -> None:
    family = fonts.first_family(job.fonts)
    if family not in fonts.installed().families:
        raise Unavailable(f"the {job.name} edition is set in {family}, which is not "
                          "installed", job.shown, hint=fonts.family_hint(family))


def _laid_out_text(document: Any) -> str:
    """Every character WeasyPrint laid out, margin boxes and list markers included.

    Walks the page boxes (``Page._page_box``: WeasyPrint has no public API for
    the laid-out text); what ``display: none`` hides is not there.
    """
    from weasyprint.formatting_structure.boxes import TextBox

    return "".join(box.text for page in document.pages
                   for box in page._page_box.descendants() if isinstance(box, TextBox))


def _fix_text_layer(document: Any, pdf: Any) -> None:
    """Correct the glyph → text map (ToUnicode) of glyphs that a font shares between characters.

    WeasyPrint maps each glyph to the text of the first cluster it was drawn in.
    Thai SARA AM (ำ) is drawn as NIKHAHIT + SARA AA, so when an ำ comes first,
    every later า is extracted, searched and read aloud as ำ, and the NIKHAHIT
    as nothing. A glyph the font's cmap gives to one character, but mapped to
    no text or to a character that merely contains it (compatibility
    decomposition), is mapped back to that character: ำ then reads as ํา (its
    decomposition) and า as า. Ligatures and mirrored glyphs keep their text.
    """
    import pydyf
    from fontTools.ttLib import TTFont

    groups: dict[str, list[Any]] = {}
    for font in document.fonts.values():  # the PDF has one font per file, named as the first
        groups.setdefault(font.hash, []).append(font)
    by_name = {group[0].name: group for group in groups.values()}
    for obj in pdf.objects:
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("BaseFont") in by_name
                and "ToUnicode" in obj):
            continue
        group = by_name[obj["BaseFont"]]
        subset = TTFont(io.BytesIO(group[0].file_content), lazy=True)
        nominal: dict[int, str] = {}
        for codepoint, name in sorted((subset.getBestCmap() or {}).items(), reverse=True):
            nominal[subset.getGlyphID(name)] = chr(codepoint)
        mapping = {glyph: text for font in group for glyph, text in font.to_unicode.items()}
        fixed = {glyph: nominal[glyph] if glyph in nominal and (
            not text or (len(text) == 1 and text != nominal[glyph]
                         and nominal[glyph] in unicodedata.normalize("NFKD", text))) else text
            for glyph, text in mapping.items()}
        if fixed != mapping:
            stream = pdf.objects[int(obj["ToUnicode"].split()[0])]
            end = stream.stream.index(b"endcodespacerange") + 1
            stream.stream[end:] = [
                b"%d beginbfchar" % len(fixed),
                *(b"<%04x> <%s>" % (glyph, text.encode("utf-16-be").hex().encode())
                  for glyph, text in fixed.items()),
                b"endbfchar", b"endcmap", b"CMapName currentdict /CMap defineresource pop",
                b"end", b"end"]


def _set_metadata(metadata: Any, job: Job) -> None:
    """Author and dates; title and language come from the page's <title> and lang."""
    metadata.authors = [AUTHOR]
    if job.epoch is not None:
        stamp = dt.datetime.fromtimestamp(job.epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        metadata.created = metadata.modified = stamp


class _WeasyPrintLog(logging.Handler):
    """Collects WeasyPrint's warnings instead of letting them reach the terminal."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.logger = logging.getLogger("weasyprint")

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> _WeasyPrintLog:
        self.propagate, self.logger.propagate = self.logger.propagate, False
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)
        self.logger.propagate = self.propagate
