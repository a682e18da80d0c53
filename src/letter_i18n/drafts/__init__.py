"""Stage 3, machine drafts: untranslated entries filled by an engine, labelled for review.

- :mod:`.options`: which engine per locale, settings and command line merged (``resolve``).
- :mod:`.plan`: which entries, what is sent for them (``make_plan``, ``dry_run_lines``).
- :mod:`.run`: sending, checking and saving as answers arrive (``run_plan``).
- :mod:`.protect`: markup, placeholders and names as tokens an engine cannot break.
- :mod:`.engines`: the engine table; :mod:`.wire`: the deep-translator clients with
  deadlines; :mod:`.cache`: answers already paid for.

Uses the source and catalog stages; knows nothing of review or editions.
"""
