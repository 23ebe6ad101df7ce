"""Checking observed launches against pre-launch notifications (PLNs) and the subscription registry.

Each launch gets exactly one status; the first rule that applies wins:

1. ``not_subscribed``     the state was not a subscriber on the launch date.
2. ``notified``           a PLN of the same state and vehicle class whose window contains the launch
                          date and which was submitted before the window began.
3. ``late_notification``  a PLN of the same state and class whose window contains the launch date but
                          which was submitted on or after the window's first day (so also any PLN
                          submitted after the launch).
4. ``outside_window``     no window contains the date, but a PLN of that state and class has a window
                          ending at most 30 days before the launch or starting at most 30 days after it.
5. ``not_notified``       no PLN of that state and class has a window within 30 days of the launch.

Dates are whole days: a window includes both ``window_start`` and ``window_end``. "Submitted before the
window began" means ``submitted < window_start``: the window begins at the start of its first day, so a
PLN submitted on that day arrives after the window has opened and is late.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable

from catchall.model.hcoc import Launch, LaunchCheck, LaunchStatus, PreLaunchNotification, Subscription, VehicleClass
from catchall.model.reason import Reason

NEAR_MISS_DAYS = 30
"""A window ending at most this many days before, or starting at most this many days after, the launch
is a near miss (``outside_window``)."""

REF_PLN = "HCOC para 4 (transparency measures: pre-launch notifications)"
REF_SUB = "HCOC subscription (notified to the Immediate Central Contact)"

SubscriptionLookup = Callable[[str], Subscription | None]

_CLASS_TEXT = {
    VehicleClass.ballistic_missile: "ballistic missile",
    VehicleClass.space_launch_vehicle: "space launch vehicle",
}


def _d(day: dt.date) -> str:
    return day.isoformat()


class _Group:
    """The PLNs of one (state, class), sorted by window start and by window end, for range look-ups."""

    def __init__(self, plns: list[PreLaunchNotification]) -> None:
        self.by_start = sorted(plns, key=lambda p: (p.window_start, p.id))
        self.starts = [p.window_start for p in self.by_start]
        self.by_end = sorted(plns, key=lambda p: (p.window_end, p.id))
        self.ends = [p.window_end for p in self.by_end]
        self.longest = max(((p.window_end - p.window_start).days for p in plns), default=0)

    def near(self, day: dt.date, days: int) -> list[PreLaunchNotification]:
        """Every PLN whose window lies within ``days`` of ``day`` (or contains it)."""
        lo = bisect_left(self.starts, day - dt.timedelta(days=days + self.longest))
        hi = bisect_right(self.starts, day + dt.timedelta(days=days))
        return [p for p in self.by_start[lo:hi] if p.days_from(day) <= days]

    def nearest(self, day: dt.date) -> PreLaunchNotification | None:
        """The PLN whose window is closest to ``day`` (used to explain a ``not_notified``)."""
        options = []
        i = bisect_left(self.ends, day)  # windows ending before ``day`` are self.by_end[:i]
        if i > 0:
            options.append(self.by_end[i - 1])
        j = bisect_right(self.starts, day)  # windows starting after ``day`` are self.by_start[j:]
        if j < len(self.by_start):
            options.append(self.by_start[j])
        return min(options, key=lambda p: (p.days_from(day), p.id)) if options else None

    def __len__(self) -> int:
        return len(self.by_start)


class NotificationIndex:
    """PLNs grouped by (state, vehicle class) and sorted, so a launch looks only at windows near it."""

    def __init__(self, notifications: Iterable[PreLaunchNotification]) -> None:
        grouped: dict[tuple[str, VehicleClass], list[PreLaunchNotification]] = defaultdict(list)
        for pln in notifications:
            grouped[(pln.state, pln.vehicle_class)].append(pln)
        self._groups = {key: _Group(plns) for key, plns in grouped.items()}

    def group(self, state: str, vehicle_class: VehicleClass) -> _Group | None:
        return self._groups.get((state, vehicle_class))


def _default_lookup() -> SubscriptionLookup:
    from catchall.registry.hcoc_subscriptions import subscription

    return subscription


def _subscription_reason(launch: Launch, sub: Subscription | None) -> Reason:
    if sub is None:
        return Reason(
            rule="hcoc.subscription.none",
            text=f"{launch.state} has not subscribed to the Hague Code of Conduct.",
            ref=REF_SUB,
            data={"state": launch.state, "launch_date": _d(launch.date)},
        )
    return Reason(
        rule="hcoc.subscription.later",
        text=(
            f"{launch.state} subscribed on {_d(sub.subscribed)}"
            f"{' (date uncertain)' if sub.uncertain else ''}, after the launch on {_d(launch.date)}."
        ),
        ref=REF_SUB,
        data={"state": launch.state, "subscribed": _d(sub.subscribed), "uncertain": sub.uncertain},
    )


def _window_text(pln: PreLaunchNotification) -> str:
    return f"PLN {pln.id} (window {_d(pln.window_start)} to {_d(pln.window_end)}, submitted {_d(pln.submitted)})"


def _pln_data(pln: PreLaunchNotification) -> dict[str, str]:
    return {
        "notification": pln.id,
        "submitted": _d(pln.submitted),
        "window_start": _d(pln.window_start),
        "window_end": _d(pln.window_end),
    }


def check_launch(
    launch: Launch,
    notifications: NotificationIndex | Iterable[PreLaunchNotification],
    lookup: SubscriptionLookup | None = None,
) -> LaunchCheck:
    """The status of one launch, with the PLN it rests on (if any) and the reasons."""
    index = notifications if isinstance(notifications, NotificationIndex) else NotificationIndex(notifications)
    lookup = lookup or _default_lookup()
    kind = _CLASS_TEXT[launch.vehicle_class]

    def result(status: LaunchStatus, pln: PreLaunchNotification | None, reasons: list[Reason]) -> LaunchCheck:
        return LaunchCheck(
            id=launch.id,
            status=status,
            notification=pln.id if pln else None,
            reasons=reasons,
            state=launch.state,
            date=launch.date,
            vehicle_class=launch.vehicle_class,
        )

    sub = lookup(launch.state)
    if sub is None or sub.subscribed > launch.date:
        return result(LaunchStatus.not_subscribed, None, [_subscription_reason(launch, sub)])

    reasons: list[Reason] = []
    if sub.uncertain and (launch.date - sub.subscribed).days <= 366:
        # The status rests on a subscription date we only know approximately: say so.
        reasons.append(
            Reason(
                rule="hcoc.subscription.uncertain",
                text=f"{launch.state}'s subscription date ({_d(sub.subscribed)}) is uncertain and close to the launch.",
                ref=REF_SUB,
                data={"state": launch.state, "subscribed": _d(sub.subscribed)},
            )
        )

    group = index.group(launch.state, launch.vehicle_class)
    candidates = group.near(launch.date, NEAR_MISS_DAYS) if group else []
    covering = [p for p in candidates if p.contains(launch.date)]
    timely = sorted((p for p in covering if p.submitted < p.window_start), key=lambda p: (p.submitted, p.id))
    if timely:
        pln = timely[0]
        reasons.insert(
            0,
            Reason(
                rule="hcoc.pln.notified",
                text=(
                    f"{_window_text(pln)} covers the {kind} launch on {_d(launch.date)} and was submitted "
                    f"{(pln.window_start - pln.submitted).days} day(s) before its window began."
                ),
                ref=REF_PLN,
                data={**_pln_data(pln), "launch_date": _d(launch.date)},
            ),
        )
        return result(LaunchStatus.notified, pln, reasons)

    if covering:
        pln = sorted(covering, key=lambda p: (p.submitted, p.id))[0]
        if pln.submitted > launch.date:
            why = f"was submitted {(pln.submitted - launch.date).days} day(s) after the launch"
        elif pln.submitted == pln.window_start:
            why = "was submitted on the first day of its window, not before it"
        else:
            why = f"was submitted {(pln.submitted - pln.window_start).days} day(s) after its window began"
        reasons.insert(
            0,
            Reason(
                rule="hcoc.pln.late",
                text=f"{_window_text(pln)} covers the {kind} launch on {_d(launch.date)} but {why}.",
                ref=REF_PLN,
                data={**_pln_data(pln), "launch_date": _d(launch.date)},
            ),
        )
        return result(LaunchStatus.late_notification, pln, reasons)

    near = sorted(candidates, key=lambda p: (p.days_from(launch.date), p.submitted, p.id))
    if near:
        pln = near[0]
        gap = pln.days_from(launch.date)
        side = "after its window ended" if launch.date > pln.window_end else "before its window began"
        reasons.insert(
            0,
            Reason(
                rule="hcoc.pln.outside_window",
                text=(
                    f"The {kind} launch on {_d(launch.date)} fell {gap} day(s) {side}: {_window_text(pln)}; "
                    f"no notified window contains the launch date (near miss: within {NEAR_MISS_DAYS} days)."
                ),
                ref=REF_PLN,
                data={**_pln_data(pln), "launch_date": _d(launch.date), "days_outside": gap},
            ),
        )
        return result(LaunchStatus.outside_window, pln, reasons)

    closest = group.nearest(launch.date) if group else None
    if closest is not None:
        text = (
            f"No {kind} PLN of {launch.state} has a window within {NEAR_MISS_DAYS} days of the launch on "
            f"{_d(launch.date)}; the nearest, {closest.id}, is {closest.days_from(launch.date)} days away."
        )
        data: dict[str, object] = {"nearest": closest.id, "days_away": closest.days_from(launch.date)}
    else:
        text = f"{launch.state} submitted no {kind} PLN at all for comparison with the launch on {_d(launch.date)}."
        data = {}
    reasons.insert(
        0,
        Reason(
            rule="hcoc.pln.none",
            text=text,
            ref=REF_PLN,
            data={"state": launch.state, "launch_date": _d(launch.date), **data},
        ),
    )
    return result(LaunchStatus.not_notified, None, reasons)


def check_launches(
    launches: Iterable[Launch],
    notifications: Iterable[PreLaunchNotification],
    lookup: SubscriptionLookup | None = None,
) -> list[LaunchCheck]:
    """Check every launch, in input order."""
    index = NotificationIndex(notifications)
    lookup = lookup or _default_lookup()
    return [check_launch(launch, index, lookup) for launch in launches]
