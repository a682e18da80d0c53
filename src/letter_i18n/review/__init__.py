"""Stage 4, review: what a reviewer needs to trust a catalog.

- :mod:`.checks`: ``letter-i18n check``, the rulebook (:mod:`letter_i18n.rules`) on
  every entry, plus catalogs in sync with the template and headers.
- :mod:`.stats`: how far each translation is (``collect``, ``below``).
- :mod:`.changes`: what a change does, message by message; :mod:`.git` reads catalogs at
  a revision; :mod:`.textconv` is git's diff filter; :mod:`.worddiff` word differences.
- :mod:`.pages`: the bilingual review pages and the status page.

Uses the source and catalog stages; knows nothing of editions.
"""
