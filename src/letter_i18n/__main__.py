"""``python -m letter_i18n`` runs the ``letter-i18n`` command."""

from .cli import main

main()
