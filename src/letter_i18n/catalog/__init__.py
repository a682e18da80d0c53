"""Stage 2, the catalogs: ``locales/letter.pot`` and one ``letter.po`` per locale.

- :mod:`.update`: ``update_catalogs``, extract and merge as GNU msgmerge does.
- :mod:`.template`: the template from the segments (``fresh_template``).
- :mod:`.merge`: msgmerge's semantics (kept / fuzzy / new / obsolete).
- :mod:`.model`: where an entry stands (reviewed, machine or team draft, source
  changed, untranslated) and how drafts are labelled.
- :mod:`.pofile`: the one door to PO files (``load_po``, ``parse_po``, ``dump_po``,
  ``save_po``); behind it :mod:`.poread` (strict reader), :mod:`.powrite` (msgcat's
  layout), :mod:`.linebreak` and :mod:`.directives` (GNU's line breaking), :mod:`.syntax`.
- :mod:`.xliff_export`, :mod:`.xliff_import`: catalogs to and from CAT tools as XLIFF 1.2
  (:mod:`.xliff`: unit names, states, inline codes, strict reading).

Uses the source stage; knows nothing of drafts, review or editions.
"""
