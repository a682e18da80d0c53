"""What time it is, for the three things that record one: catalog headers, draft labels, PDFs.

Reproducible builds set ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC; see
reproducible-builds.org) so the same inputs give the same bytes on any day. It
is read and validated here only, so a bad value is one clear error naming the
variable, whichever command meets it first.
"""

from __future__ import annotations

import datetime as dt
import os

from letter_i18n.errors import UserError

VARIABLE = "SOURCE_DATE_EPOCH"
# Far enough for any letter and within what every platform's time functions accept.
_LATEST = 253402300799  # 9999-12-31 23:59:59 UTC


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as whole seconds, or None when it is unset or empty."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    # Leading zeros off and the length first: int() refuses over 4300 digits (ValueError).
    digits = value.lstrip("0") or "0"
    if (not value.isdecimal() or not value.isascii() or len(digits) > len(str(_LATEST))
            or int(digits) > _LATEST):
        shown = value if len(value) <= 40 else f"{value[:20]}…"
        raise UserError(f"{VARIABLE} must be a whole number of seconds since 1970-01-01 UTC, "
                        f"not '{shown}'",
                        hint=f"Unset it, or set it to a time such as {VARIABLE}=$(date +%s) "
                             f"or {VARIABLE}=$(git log -1 --format=%ct).")
    return int(digits)


def now() -> dt.datetime:
    """The current time in UTC to the minute, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = source_date_epoch()
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC)
    return dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
