"""Generators for three rules that JSON Schema cannot state, loaded by bench/fuzz-api.sh.

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


def _order(item):
    """A rule's `after` must be earlier than its `before` (the document says so in
    words): the two drawn times are put in order, and a tie keeps only `after`."""
    rules = item.get("rules") if isinstance(item, dict) else None
    for rule in rules if isinstance(rules, list) else []:
        when = rule.get("when") if isinstance(rule, dict) else None
        if not isinstance(when, dict) or not all(isinstance(when.get(k), str) for k in ("after", "before")):
            continue
        try:
            after, before = (datetime.fromisoformat(when[k].replace("Z", "+00:00")) for k in ("after", "before"))
            tie, swapped = after == before, after > before
        except (ValueError, TypeError):
            continue
        if tie:
            del when["before"]
        elif swapped:
            when["after"], when["before"] = when["before"], when["after"]


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """`check_target: true` asks the target over the network before creating: its
    answer depends on which hosts resolve and answer, not on the request, so
    generated links are created without it in every phase (tests/api/checked.rs
    covers the check). Rules' times are put in order (`_order`)."""
    items = case.body if isinstance(case.body, list) else [case.body]
    for item in items:
        _uncheck(item)
        _order(item)
