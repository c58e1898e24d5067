"""When a watched article is checked next: an interval that grows with the article's age.

Pure. The schedule is written "2d=1h,14d=1d,*=7d": up to 2 days old, every hour; up to
14 days, every day; older, every week. Units: s, m, h, d, w. A failed check waits longer
each time it fails again (doubling, at most the longest interval of the schedule).
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")


@dataclass(frozen=True)
class Step:
    up_to: timedelta | None  # None: any age
    every: timedelta


def duration(text: str) -> timedelta:
    match = DURATION.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (write e.g. 30m, 1h, 2d, 1w)")
    return timedelta(seconds=float(match[1]) * UNITS[match[2]])


def parse(text: str) -> list[Step]:
    """Read a schedule such as "2d=1h,14d=1d,*=7d"; ages must grow and "*" come last."""
    steps = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        age, _, every = item.partition("=")
        if not every:
            raise ValueError(f"schedule item {item!r}: write AGE=INTERVAL, e.g. 2d=1h")
        up_to = None if age.strip() == "*" else duration(age)
        if steps and (steps[-1].up_to is None or (up_to is not None and up_to <= steps[-1].up_to)):
            raise ValueError("schedule ages must grow, and * must come last")
        steps.append(Step(up_to, duration(every)))
    if not steps:
        raise ValueError("the schedule is empty")
    return steps


def interval(steps: list[Step], age: timedelta) -> timedelta:
    """Return how often an article of this age is checked."""
    for step in steps:
        if step.up_to is None or age <= step.up_to:
            return step.every
    return steps[-1].every


def next_check(steps: list[Step], *, now: datetime, born: datetime, failures: int = 0) -> datetime:
    """Return when to check an article first published (or stored) at `born` again."""
    every = interval(steps, max(now - born, timedelta(0)))
    if failures:
        longest = max(step.every for step in steps)
        every = min(every * 2 ** min(failures, 16), max(longest, every))
    return now + every
