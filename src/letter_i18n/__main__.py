"""``python -m letter_i18n`` runs the ``letter-i18n`` command."""

from letter_i18n.cli import main

main()
