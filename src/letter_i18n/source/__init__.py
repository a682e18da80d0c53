"""Stage 1, the source: the letter once, in English, validated, and cut into segments.

- :mod:`.letter`: ``load_letter`` reads ``source/letter.md`` and ``source/letter.yaml``
  into a :class:`~.letter.Letter`; every mistake is ``file:line: what is wrong``.
- :mod:`.segments`: ``segment_letter`` and ``template_segments``, the translatable units.
- :mod:`.glossary`: agreed renderings of terms, and names never translated;
  :mod:`.termbase` writes them as TBX-Basic or CSV for translators' tools.
- :mod:`.yamlines`: YAML that remembers line numbers.

Knows nothing of the stages after it.
"""
