"""A block's runs written back as a segment's markup, in the project's canonical form.

Links become ``[text][label]``: matched by address where the letter knows the
segment's link targets (two labels may share an address: each is used once, in
order), by position among the segment's links otherwise (a link whose address is
unknown, or a partner's own address for the same document). Bold and italic become
``**``/``*`` only where the source has that markup: a Word heading set in bold by
hand is not emphasis. Text is escaped by :func:`letter_i18n.markup.serialize`, so
an asterisk in the file is an asterisk, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from letter_i18n import markup
from letter_i18n.drafts.imports.align import SENTENCE_END, normal_url, numbers_of, within
from letter_i18n.drafts.imports.readers import SPACES, Run


@dataclass
class Rebuilt:
    text: str
    notes: list[str]  # what could not be carried over, for the report


def normalize(runs: Sequence[Run]) -> list[Run]:
    """Runs with spaces collapsed, empty runs gone and the block's edges trimmed."""
    out: list[Run] = []
    for run in runs:
        text = SPACES.sub(" ", run.text)
        if out and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if text or run.href:
            out.append(Run(text, run.bold, run.italic, run.href, run.link))
    while out and not out[0].text.strip() and not out[0].href:
        out.pop(0)
    while out and not out[-1].text.strip() and not out[-1].href:
        out.pop()
    if out:
        first, last = out[0], out[-1]
        out[0] = Run(first.text.lstrip(" "), first.bold, first.italic, first.href, first.link)
        last = out[-1]
        out[-1] = Run(last.text.rstrip(" "), last.bold, last.italic, last.href, last.link)
    return out


def plain(runs: Sequence[Run]) -> str:
    return "".join(run.text for run in normalize(runs))


def join(blocks: Sequence[Sequence[Run]], joint: str) -> list[Run]:
    """Blocks that translate one segment, as one run list (``joint`` between them)."""
    out: list[Run] = []
    for i, runs in enumerate(blocks):
        if i and joint:
            out.append(Run(joint))
        out.extend(normalize(runs))
    return out


def split(runs: Sequence[Run], sources: Sequence[str], labels: frozenset[str],
          era_offset: int = 0) -> list[list[Run]] | None:
    """One block that translates two segments, cut at the sentence end nearest the share
    of the first segment's length, among the cuts that leave each part as many links as
    its segment has and the numbers its segment has. None when no sentence end qualifies."""
    runs = normalize(runs)
    text = "".join(run.text for run in runs)
    plains = [markup.plain_text(markup.parse(s, labels)) for s in sources]
    sizes = [len(p) for p in plains]
    numbers = [numbers_of(p) for p in plains]
    want = sizes[0] / max(1, sum(sizes))
    link_counts = [len(markup.referenced_labels(s)) for s in sources]
    best: tuple[float, int] | None = None
    for found in SENTENCE_END.finditer(text):
        cut = found.end()
        if not 0 < cut < len(text):
            continue
        first = _cut(runs, cut)[0]
        if _link_count(runs) == sum(link_counts) and _link_count(first) != link_counts[0]:
            continue
        if numbers[0] - numbers_of(text[:cut], era_offset) or \
                numbers[1] - numbers_of(text[cut:], era_offset):
            continue  # a number of a segment is not in its part
        off = abs(cut / len(text) - want)
        if best is None or off < best[0]:
            best = (off, cut)
    if best is None or not within(best[1], want * len(text), len(text)):
        return None
    return [normalize(part) for part in _cut(runs, best[1])]


def _link_count(runs: Sequence[Run]) -> int:
    count, previous = 0, None
    for run in runs:
        if run.href is not None and run.href != previous:
            count += 1
        previous = run.href
    return count


def _cut(runs: Sequence[Run], at: int) -> tuple[list[Run], list[Run]]:
    first: list[Run] = []
    second: list[Run] = []
    seen = 0
    for run in runs:
        if seen + len(run.text) <= at:
            first.append(run)
        elif seen >= at:
            second.append(run)
        else:
            k = at - seen
            first.append(Run(run.text[:k], run.bold, run.italic, run.href, run.link))
            second.append(Run(run.text[k:], run.bold, run.italic, run.href, run.link))
        seen += len(run.text)
    return first, second


def rebuild(runs: Sequence[Run], source: str, targets: dict[str, str | None]) -> Rebuilt:
    """The translation ``runs`` hold, in the markup of ``source``.

    ``targets``: label → address (None where unknown) of the labels the letter defines.
    """
    runs = normalize(runs)
    nodes = markup.parse(source, frozenset(targets))
    wanted = markup.links(nodes)
    shape = _kinds(nodes)
    notes: list[str] = []
    spans = _spans(runs)
    links = [href for href, _ in spans if href is not None]
    labels = _labels(links, wanted, targets)
    out: list[markup.Node] = []
    link_index = 0
    dropped: set[str] = set()
    for href, part in spans:
        children = _formatted(part, shape, dropped)
        if href is None:
            out.extend(children)
            continue
        label = labels[link_index]
        link_index += 1
        if label is None:
            out.extend(children)
            if any(c.plain().strip() for c in children):
                notes.append(f"a link to '{href or 'an unknown address'}' matches no link of "
                             "the source: kept as text")
        elif any(c.plain().strip() for c in children):
            out.append(markup.Node("link", label=label, children=children))
    notes += [f"{kind} in the file but not in the source: dropped" for kind in sorted(dropped)]
    text = markup.serialize(_strip_marks(out, markup.plain_text(nodes)))
    return Rebuilt(text, notes)


def _kinds(nodes: list[markup.Node]) -> set[str]:
    found: set[str] = set()
    for node in nodes:
        found.add(node.kind)
        found |= _kinds(node.children)
    return found


def _spans(runs: list[Run]) -> list[tuple[str | None, list[Run]]]:
    """Runs grouped by link: (address or None, runs), in order."""
    spans: list[tuple[str | None, list[Run]]] = []
    for i, run in enumerate(runs):
        if spans and spans[-1][0] == run.href and runs[i - 1].link == run.link:
            spans[-1][1].append(run)
        else:
            spans.append((run.href, [run]))
    return spans


def _labels(links: list[str], wanted: list[str], targets: dict[str, str | None]
            ) -> list[str | None]:
    """A label per link of the file: by address first, then by position."""
    chosen: list[str | None] = [None] * len(links)
    free = list(wanted)
    for i, href in enumerate(links):
        if not href:
            continue
        for label in free:
            url = targets.get(label)
            if url and normal_url(url) == normal_url(href):
                chosen[i] = label
                free.remove(label)
                break
    for i in range(len(links)):
        if chosen[i] is None and i < len(wanted) and wanted[i] in free:
            chosen[i] = wanted[i]
            free.remove(wanted[i])
    return chosen


def _formatted(runs: list[Run], shape: set[str], dropped: set[str]) -> list[markup.Node]:
    """Text nodes, inside strong/em where the run is bold/italic and the source has that."""
    out: list[markup.Node] = []
    for run in runs:
        bold = run.bold and "strong" in shape
        italic = run.italic and "em" in shape
        if run.bold and not bold:
            dropped.add("bold")
        if run.italic and not italic:
            dropped.add("italic")
        if not (bold or italic):
            out.append(markup.Node("text", run.text))
            continue
        core = run.text.strip()
        lead, trail = run.text[:len(run.text) - len(run.text.lstrip())], \
            run.text[len(run.text.rstrip()):]
        node = markup.Node("text", core)
        if italic:
            node = markup.Node("em", children=[node])
        if bold:
            node = markup.Node("strong", children=[node])
        out += [n for n in (markup.Node("text", lead), node, markup.Node("text", trail))
                if n.kind != "text" or n.text]
    return _merge(out)


def _merge(nodes: list[markup.Node]) -> list[markup.Node]:
    """Neighbouring text, and neighbouring emphasis of one kind, as one node."""
    merged: list[markup.Node] = []
    for node in nodes:
        last = merged[-1] if merged else None
        if last is not None and node.kind == last.kind == "text":
            last.text += node.text
        elif last is not None and node.kind == last.kind and node.kind in ("em", "strong"):
            last.children = _merge(last.children + node.children)
        else:
            merged.append(node)
    return merged


def _strip_marks(nodes: list[markup.Node], source_plain: str) -> list[markup.Node]:
    """A footnote asterisk the edition adds ("Signatories*") is not part of the segment."""
    for index, edge in ((0, str.lstrip), (-1, str.rstrip)):
        if nodes and nodes[index].kind == "text":
            kept = edge(nodes[index].text, "*") if "*" not in source_plain else nodes[index].text
            nodes[index] = markup.Node("text", edge(kept))
    return [n for n in nodes if n.kind != "text" or n.text]
