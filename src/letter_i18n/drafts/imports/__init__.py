"""Importing a translation made elsewhere: a Word, OpenDocument, HTML, Markdown or text file.

- :mod:`.readers`: each format read into one model (blocks of runs).
- :mod:`.signatories`: the signatory list, found by the names never translated.
- :mod:`.align`: blocks paired with segments (Gale–Church with structure and invariants).
- :mod:`.rebuild`: a block's runs written back as segment markup.
- :mod:`.apply`: the whole import, the catalog write and the report.
"""
