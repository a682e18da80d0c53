"""Print make-up: what a typographer corrects and CSS cannot ask of WeasyPrint.

WeasyPrint has no ``hyphenate-limit-lines`` and no notion of a near-empty last page. So
:func:`lay_out` lays the edition out, reads the layout (each line of text, its page,
whether it ends with an automatic hyphen; the characters on each page), corrects the
document tree and lays it out again, at most :data:`MAX_PASSES` times:

- a third hyphenated line in a row, or a hyphen ending a page: that word is wrapped in
  ``<span class="nohyphen">`` (``hyphens: manual`` in print.css) and breaks elsewhere;
- a last page holding less than :data:`MIN_LAST_PAGE` of a full page: the signatory lists
  are set a step tighter (``class="makeup-tight-N"`` on ``<html>``, up to
  :data:`TIGHT_STEPS`) until the letter ends a page earlier; if no step does, the list of
  experts starts the last page (``makeup-push``) when that fills it better.

The same HTML always gets the same corrections, so PDFs stay reproducible. The classes
exist only in the tree WeasyPrint lays out, never in the published HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HYPHEN = "\u2010"  # the hyphenate-character print.css sets: automatic hyphenation only
HARD_HYPHENS = ("-", "\u00ad")
MAX_HYPHENATED = 2  # lines in a row
MIN_LAST_PAGE = 0.25  # of a full page's characters
TIGHT_STEPS = 3
MAX_PASSES = 8
_SPACE = re.compile(r"\s+")


@dataclass
class Line:
    """A line of body text as laid out."""

    page: int
    element: Any  # the block's element in the document tree
    text: str  # what the line shows of the block's own text (generated content left out)
    auto: bool = False  # ends with an automatic hyphen
    hard: bool = False  # ends with a hyphen of the text ("information-") or of an address
    last_on_page: bool = False


def read_lines(document: Any) -> list[Line]:
    """Every line of the body, page by page (page-margin boxes and list markers left out).

    Reads WeasyPrint's laid-out boxes (``Page._page_box``): it has no public API for them.
    """
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    lines: list[Line] = []
    for number, page in enumerate(document.pages, 1):
        body = page._page_box.children[0]  # the root box; margin boxes follow it
        found = [box for box in body.descendants()
                 if isinstance(box, LineBox) and "::" not in (box.element_tag or "")]
        for box in found:
            texts = [(child.text, "::" in (child.element_tag or "")) for child in
                     box.descendants() if isinstance(child, TextBox)]
            shown = "".join(text for text, generated in texts if not generated)
            # A printed link address broken after one of its hyphens ends the line with a
            # hyphen as well: it counts towards a row, though only the text's can go.
            seen = "".join(text for text, _ in texts)
            lines.append(Line(number, box.element, shown, auto=shown.endswith(HYPHEN),
                              hard=seen.rstrip().endswith(HARD_HYPHENS)))
        if found and lines:
            lines[-1].last_on_page = True
    return lines


def page_characters(document: Any) -> list[int]:
    """Characters other than spaces in the body of each page (generated text included)."""
    from weasyprint.formatting_structure.boxes import TextBox

    return [sum(len(_SPACE.sub("", box.text)) for box in page._page_box.children[0].descendants()
                if isinstance(box, TextBox)) for page in document.pages]


def hyphen_faults(lines: list[Line]) -> list[int]:
    """Lines whose automatic hyphen must go: the third hyphenated line in a row (a hyphen
    of the text counts towards the row, but only an automatic one can go), and any line
    that ends a page with an automatic hyphen."""
    faults: list[int] = []
    run: list[int] = []
    for index, line in enumerate(lines):
        if index and lines[index - 1].element is not line.element:
            run = []
        run = [*run, index] if line.auto or line.hard else []
        if line.auto and line.last_on_page:
            faults.append(index)
            run = []
        elif len(run) > MAX_HYPHENATED:
            movable = [i for i in run if lines[i].auto]
            if movable:
                faults.append(movable[-1])
            run = []
    return faults


def last_page_share(characters: list[int]) -> float:
    """How full the last page is, against the fullest page before it."""
    if len(characters) < 2:
        return 1.0
    full = max(characters[:-1])
    return characters[-1] / full if full else 1.0


def keep_word(lines: list[Line], index: int) -> tuple[Any, str, int] | None:
    """Wrap the word that line ``index`` hyphenates in ``<span class="nohyphen">``.

    The word is the line's last piece and the next line's first; which occurrence of it
    in the block is counted from the text of the block's lines up to it. Returns the
    correction made, or None when the word crosses an element boundary (it is left as
    it is) or is already kept whole (a style sheet without the ``nohyphen`` rule).
    """
    line = lines[index]
    following = next((other for other in lines[index + 1:] if other.element is line.element),
                     None)
    if following is None:
        return None
    head = line.text[:-len(HYPHEN)].split()
    tail = following.text.split()
    if not head or not tail:
        return None
    word = head[-1] + tail[0]
    before = "".join(_squash(other.text) for other in lines[:index]
                     if other.element is line.element)
    upto = before + _squash(line.text[:-len(HYPHEN)]) + _squash(tail[0])
    occurrence = upto.count(word) - 1
    if occurrence < 0 or not _wrap(line.element, word, occurrence):
        return None
    return (line.element, word, occurrence)


def _squash(text: str) -> str:
    return _SPACE.sub("", text).replace(HYPHEN, "").replace("\u00ad", "")


def _wrap(block: Any, word: str, occurrence: int) -> bool:
    """Wrap the ``occurrence``-th ``word`` of ``block``'s text, counted without spaces."""
    slots = _text_slots(block)
    kept = [[i for i, char in enumerate(getattr(owner, attribute) or "")
             if _squash(char)] for owner, attribute in slots]  # raw index of each kept char
    text = "".join(_squash(getattr(owner, attribute) or "") for owner, attribute in slots)
    found = -1
    for _ in range(occurrence + 1):
        found = text.find(word, found + 1)
        if found < 0:
            return False
    start = 0
    for (owner, attribute), positions in zip(slots, kept, strict=True):
        if start <= found < start + len(positions):
            last = found - start + len(word) - 1
            if last >= len(positions):
                return False  # the word crosses into another element
            first = positions[found - start]
            if (attribute == "text" and owner.get("class") == "nohyphen" and first == 0
                    and positions[last] + 1 == len(owner.text)):
                return False  # kept whole already: the style sheet does not keep it
            _split(block, owner, attribute, first, positions[last] + 1 - first)
            return True
        start += len(positions)
    return False


def _text_slots(block: Any) -> list[tuple[Any, str]]:
    """The text and tails inside ``block``, in document order."""
    slots = [(block, "text")]
    for child in block:
        slots += _text_slots(child)
        slots.append((child, "tail"))
    return slots


def _split(block: Any, owner: Any, attribute: str, start: int, length: int) -> None:
    text = getattr(owner, attribute)
    span = block.makeelement("span", {"class": "nohyphen"})
    span.text, span.tail = text[start:start + length], text[start + length:]
    setattr(owner, attribute, text[:start])
    if attribute == "text":
        owner.insert(0, span)
    else:
        parent = next(element for element in block.iter() if owner in list(element))
        parent.insert(list(parent).index(owner) + 1, span)


@dataclass(frozen=True)
class Plan:
    """The corrections one layout called for, as steps that replay on a fresh tree.

    Each kept word is (the block's place in document order when it was kept, the word,
    its occurrence in the block); ``step`` counts the tighter settings taken (the last
    one being ``makeup-push``). Replayed in order on the same HTML, the steps make the
    same tree, so a layout of it is the layout the corrections would have given.
    """

    kept: tuple[tuple[int, str, int], ...] = ()
    step: int = 0


STEPS = (*(f"makeup-tight-{step}" for step in range(1, TIGHT_STEPS + 1)), "makeup-push")


def lay_out(html: Any, render: Any, *, resume: Plan | None = None,
            on_first: Callable[[Plan], bool] | None = None) -> Any | None:
    """Lay ``html`` (a WeasyPrint HTML) out with ``render(html)`` and correct its make-up.

    Each layout is read for both faults at once, and every correction it calls for goes into
    the next layout (a kept word and a tighter step together). Of the layouts without a
    hyphen fault, the one with the fullest last page is kept.

    A second layout usually follows the first, so the corrections of the first are worth
    guessing (the last print's) and laying out on another core meanwhile: ``resume`` lays
    out from such a plan as if a first layout had called for it, and ``on_first`` is told
    what the first layout called for before the second starts (when the first had a
    hyphen fault, so that no layout so far is a candidate); if it returns True, the caller
    has the rest from elsewhere and None is returned.
    """
    root = html.etree_element
    base = root.get("class", "")
    plan = Plan()
    if resume is not None:
        for place, word, occurrence in resume.kept:
            _wrap(list(root.iter())[place], word, occurrence)
        plan = resume
    first_pass = 1 if resume is not None else 0
    if plan.step:
        root.set("class", f"{base} {STEPS[plan.step - 1]}".strip())
    document = render(html) if resume is None else _again(html, render)
    best: tuple[float, Any] | None = None
    for passes in range(first_pass, MAX_PASSES):
        lines = read_lines(document)
        kept = []
        for index in hyphen_faults(lines):
            if (correction := keep_word(lines, index)) is not None:
                block, word, occurrence = correction
                kept.append((list(root.iter()).index(block), word, occurrence))
        share = last_page_share(page_characters(document))
        if not kept:
            if share >= MIN_LAST_PAGE:
                return document
            if best is None or share > best[0]:
                best = (share, document)
        step = plan.step + 1 if share < MIN_LAST_PAGE and plan.step < len(STEPS) else 0
        if step:
            root.set("class", f"{base} {STEPS[step - 1]}".strip())
        elif not kept:
            break
        plan = Plan((*plan.kept, *kept), step or plan.step)
        if passes == 0 and best is None and on_first is not None and on_first(plan):
            return None
        document = _again(html, render)
    return best[1] if best else document


def _again(html: Any, render: Any) -> Any:
    """Lay the changed tree out again (cssselect2's wrapper caches the tree: renew it)."""
    import cssselect2

    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(html.etree_element)
    return render(html)
