"""Stage 5, the editions: the letter in every language of the project, from the one source.

- :mod:`.render`: ``render_editions`` writes HTML, Markdown and text per locale, and the
  language picker.
- :mod:`.choose`: the best text per segment (reviewed › draft › English), judged by the
  rulebook (:mod:`letter_i18n.rules`).
- :mod:`.formats`: segment markup as HTML, Markdown or wrapped plain text.
- :mod:`.localedata`: a formal letter's date (CLDR, or the UN style in the locale data).
- :mod:`.pdf` and :mod:`.fonts`: printed editions with WeasyPrint, fonts checked first.
"""
