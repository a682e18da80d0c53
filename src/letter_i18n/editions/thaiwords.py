"""Thai words: where a line of Thai may break.

Thai puts no spaces between words, so a line breaker has to know the words. ICU's
dictionary (what browsers and PyICU use) splits the compounds this letter is made of
("สิทธิมนุษย|ชน", "การต่อ|ต้าน", "วิธี|สบัญญัติ") and misreads names ("เอ|อร์ไวน์").
PyThaiNLP's newmm (dictionary maximal matching that never cuts a Thai character
cluster) with PyThaiNLP's word list plus the project's own words does not: figures in
bench/README.md (bench/thai_breaks.py). The project's words are the glossary's Thai
renderings short enough to be one word, the Thai names in the letter and
``source/thai-words.txt`` (what neither of those has: legal terms, transliterated names).

PyThaiNLP is imported only when Thai is segmented (not by any other edition or command);
newmm's word list ships in its wheel, so nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from letter_i18n.errors import UserError
from letter_i18n.files import read_input, write_if_changed
from letter_i18n.project import Project
from letter_i18n.source import glossary
from letter_i18n.source.letter import Letter

# Thai letters, vowels, tone marks, ฯ and ๆ (not digits or ๏ ๚ ๛). "ต่าง ๆ" is one unit:
# MAI YAMOK repeats the word before it and never starts a line.
RUN = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e]+(?: ๆ)*")
SCRIPT = "Thai"  # ISO 15924: the editions in this script are segmented here
WORDS_FILE = "thai-words.txt"
# A glossary rendering or name up to this many characters is one word for line breaking
# (สิทธิมนุษยชน, ภาคประชาสังคม, คณะกรรมการเฉพาะกิจ); a longer one is a phrase, broken
# between its words.
LONGEST_WORD = 18
THAI_WORD_LIST = "words_th.txt"  # newmm's dictionary, in PyThaiNLP's corpus directory


class Words:
    """newmm over PyThaiNLP's word list plus ``extra`` words.

    Segmentations are kept between runs in the user's cache directory, under a
    digest of the extra words and of PyThaiNLP's installed segmenter and word list:
    importing PyThaiNLP costs more than rendering the Thai edition, and a build whose
    Thai text did not change needs none of it. A changed word list, an upgraded
    PyThaiNLP or a new sentence is segmented afresh.
    """

    def __init__(self, extra: Iterable[str] = (), cache: Path | None = None):
        self.extra = frozenset(word for word in extra if RUN.fullmatch(word))
        self._cache = cache / f"letter-i18n-thai-{_digest(self.extra)}.json" \
            if cache is not None else None
        self._units: dict[str, list[str]] = _read_cache(self._cache)
        self._known = len(self._units)

    def save(self) -> None:
        """Keep what was segmented for the next run (nothing written when nothing is new)."""
        if self._cache is not None and len(self._units) > self._known:
            with contextlib.suppress(OSError):
                write_if_changed(self._cache, json.dumps(self._units, ensure_ascii=False,
                                                         sort_keys=True))
            self._known = len(self._units)

    def units(self, run: str) -> list[str]:
        """The pieces of a run of Thai letters that a line must not split."""
        if run not in self._units:
            segment, dictionary = _newmm(self.extra)
            units: list[str] = []
            for token in segment(run, dictionary):
                if units and (token.isspace() or token == "ๆ" or units[-1].endswith(" ")):
                    units[-1] += token  # "ต่าง ๆ" stays whole
                else:
                    units.append(token)
            self._units[run] = units
        return self._units[run]

    def breaks(self, text: str) -> set[int]:
        """Offsets between two Thai letters of ``text`` where a line may break."""
        found: set[int] = set()
        for match in RUN.finditer(text):
            at = match.start()
            for unit in self.units(match.group())[:-1]:
                at += len(unit)
                found.add(at)
        return found

    def inside(self, text: str) -> set[int]:
        """Offsets between two Thai letters where a line must not break."""
        return {i for m in RUN.finditer(text) for i in range(m.start() + 1, m.end())
                } - self.breaks(text)


def project_words(project: Project, letter: Letter, code: str) -> list[str]:
    """The words this project adds to the dictionary for locale ``code``."""
    found: list[str] = []
    for term in glossary.for_project(project).terms:
        rendering = term.renderings.get(code)
        if rendering:
            found += [form for form in rendering.forms if len(form) <= LONGEST_WORD]
    names = [org.names.get(code, "") for org in letter.organizations]
    names += [person.names.get(code, "") for person in letter.persons.values()]
    for name in names:  # a transcribed name is no dictionary word: kept whole, part by part
        found += [part for part in name.split() if len(part) <= LONGEST_WORD]
    return [*found, *read_word_list(project.source_dir / WORDS_FILE, project)]


def read_word_list(path: Path, project: Project) -> list[str]:
    """One word per line; ``#`` starts a comment. A line that is not Thai letters is an error."""
    shown = project.shown(path)
    try:
        text = read_input(path, shown, project.root).decode("utf-8")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError as error:
        raise UserError(f"is not UTF-8 ({error.reason} at byte {error.start})", shown) from None
    words = []
    for number, line in enumerate(text.splitlines(), 1):
        word = line.split("#", 1)[0].strip()
        if word and not RUN.fullmatch(word):
            raise UserError(f"'{word}' is not a Thai word (Thai letters only, one per line)",
                            shown, number, hint="Write one word per line; # starts a comment.")
        if word:
            words.append(word)
    return words


_CACHE_VERSION = 1  # of the cached segmentations' meaning: bump when units() changes


def _digest(extra: frozenset[str]) -> str:
    """What a segmentation depends on, without importing PyThaiNLP: the extra words, and
    the installed segmenter and word list (path, size and time of each file)."""
    digest = hashlib.sha256(repr(_CACHE_VERSION).encode())
    spec = importlib.util.find_spec("pythainlp")
    package = Path(spec.origin).parent if spec and spec.origin else None
    for name in ("tokenize/newmm.py", "corpus/common.py", f"corpus/{THAI_WORD_LIST}"):
        try:
            state = (package / name).stat() if package else None
        except OSError:
            state = None
        digest.update(repr((name, state and (state.st_size, state.st_mtime_ns),
                            str(package))).encode())
    for word in sorted(extra):
        digest.update(word.encode() + b"\0")
    return digest.hexdigest()[:32]


def _read_cache(path: Path | None) -> dict[str, list[str]]:
    if path is None:
        return {}
    with contextlib.suppress(OSError, ValueError):
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, dict) and all(
                isinstance(units, list) and "".join(units) == run
                for run, units in stored.items()):
            return stored  # every entry still spells its own run: not damaged
    return {}


@cache
def _newmm(extra: frozenset[str]) -> tuple[Any, Any]:
    """newmm's segment function and a dictionary of PyThaiNLP's words plus ``extra``.

    newmm asks its dictionary only for the words that start at a position
    (``prefixes``); a set answers that as newmm's own trie does, without building
    62,000 words into a trie first (0.4 s, more than the whole Thai edition).
    PyThaiNLP is told never to download and never to write (it would otherwise make
    ~/pythainlp-data): what newmm needs ships in its wheel.
    """
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.corpus.common import thai_words
    from pythainlp.tokenize.newmm import segment
    from pythainlp.util import Trie

    class WordSet(Trie):
        def __init__(self, words: frozenset[str]):  # no trie nodes: see prefixes
            self.words = words
            self.lengths = sorted({len(word) for word in words})

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            left = len(text) - start
            return [text[start:start + n] for n in self.lengths
                    if n <= left and text[start:start + n] in self.words]

        def __contains__(self, word: object) -> bool:
            return word in self.words

        def __iter__(self):
            return iter(sorted(self.words))

        def __len__(self) -> int:
            return len(self.words)

    return segment, WordSet(frozenset(thai_words()) | extra)
