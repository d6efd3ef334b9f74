"""Generators for two rules that JSON Schema cannot state, loaded by bench/fuzz-api.sh.

Neither leaves out a check: they keep generated requests that the document calls
valid to requests whose answer depends on the request alone.
"""

from datetime import datetime, timedelta, timezone

import schemathesis
from hypothesis import strategies as st

# `expires_at` must be in the future (the document says so in words): a date-time
# drawn from any year would be refused with 422 whenever it is in the past.
_soon = datetime.now(timezone.utc).replace(tzinfo=None) + timedelta(days=1)
schemathesis.openapi.format(
    "date-time",
    st.datetimes(min_value=_soon, max_value=datetime(9999, 12, 30), timezones=st.just(timezone.utc)).map(
        lambda at: at.isoformat()
    ),
)


def _uncheck(item):
    if isinstance(item, dict) and item.get("check_target") in (True, "true"):
        item["check_target"] = False


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """`check_target: true` asks the target over the network before creating: its
    answer depends on which hosts resolve and answer, not on the request, so
    generated links are created without it in every phase (tests/api/checked.rs
    covers the check)."""
    items = case.body if isinstance(case.body, list) else [case.body]
    for item in items:
        _uncheck(item)
