"""Generators for the rules that JSON Schema cannot state, loaded by bench/fuzz-api.sh.

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


def _live(item):
    """A link whose `starts_at` is ahead answers 404 until then, which the stateful
    phase would take for a lost resource, and a start must come before the link's
    expiry (the document says both in words): generated start times are in the past,
    so generated links are live from their creation."""
    if isinstance(item, dict) and isinstance(item.get("starts_at"), str) and item["starts_at"].strip():
        item["starts_at"] = "2000-01-01T00:00:00Z"


def _counts_people(item, editing):
    """A preview needs `humans_only` (the document says so in words): a create that
    gives one does not turn it off, and an edit that gives one turns it on."""
    if not isinstance(item, dict) or not isinstance(item.get("preview"), dict):
        return
    if editing or item.get("humans_only") is False:
        item["humans_only"] = True


@schemathesis.hook
def before_call(ctx, case, kwargs):
    """`check_target: true` asks the target over the network before creating: its
    answer depends on which hosts resolve and answer, not on the request, so
    generated links are created without it in every phase (tests/api/checked.rs
    covers the check). Rules' times are put in order (`_order`), start times are
    in the past (`_live`), and previews come with `humans_only` (`_counts_people`)."""
    editing = str(getattr(case, "method", "")).upper() == "PATCH"
    items = case.body if isinstance(case.body, list) else [case.body]
    for item in items:
        _uncheck(item)
        _order(item)
        _live(item)
        _counts_people(item, editing)
