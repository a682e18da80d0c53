"""Stage 5, the editions: the letter in seven languages, from the one source.

- :mod:`.render`: ``render_editions`` writes HTML, Markdown and text per locale, and the
  language picker.
- :mod:`.choose`: the best text per segment (reviewed › draft › English), judged by the
  rulebook (:mod:`letter_i18n.rules`).
- :mod:`.formats`: segment markup as HTML, Markdown or wrapped plain text.
- :mod:`.localedata`: what CLDR lacks (UN date style, font stacks).
- :mod:`.pdf` and :mod:`.fonts`: printed editions with WeasyPrint, fonts checked first.
"""
