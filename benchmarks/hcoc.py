#!/usr/bin/env python3
"""HCOC launch-check throughput: synthetic PLNs and launches through ``catchall.hcoc.checks``.

Generates N notifications and M launches (random subscribing and non-subscribing states, both vehicle
classes, windows of 1-14 days, submissions before or inside the window), checks every launch against
all notifications with the shipped subscription registry, and reports launches/s and the status mix.
Nothing is written to disk.

    .venv/bin/python benchmarks/hcoc.py --notifications 50000 --launches 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import Counter

from catchall.hcoc.checks import check_launches
from catchall.model.hcoc import Launch, PreLaunchNotification, VehicleClass
from catchall.registry.hcoc_subscriptions import subscribers

NON_SUBSCRIBERS = ["CN", "PK", "IR", "KP", "IL", "EG", "SY", "SA"]


def synth(n_plns: int, n_launches: int, seed: int) -> tuple[list[PreLaunchNotification], list[Launch]]:
    rng = random.Random(seed)
    states = [s.state for s in subscribers()][:40] + NON_SUBSCRIBERS
    classes = list(VehicleClass)
    base = dt.date(2003, 1, 1)
    plns = []
    for i in range(n_plns):
        start = base + dt.timedelta(days=rng.randrange(0, 7300))
        plns.append(
            PreLaunchNotification(
                id=f"p{i}",
                state=rng.choice(states),
                submitted=start - dt.timedelta(days=rng.randrange(-3, 30)),
                vehicle_class=rng.choice(classes),
                window_start=start,
                window_end=start + dt.timedelta(days=rng.randrange(0, 14)),
            )
        )
    launches = [
        Launch(
            id=f"l{i}",
            state=rng.choice(states),
            date=base + dt.timedelta(days=rng.randrange(0, 7300)),
            vehicle_class=rng.choice(classes),
        )
        for i in range(n_launches)
    ]
    return plns, launches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notifications", type=int, default=20000)
    ap.add_argument("--launches", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    plns, launches = synth(args.notifications, args.launches, args.seed)
    t0 = time.perf_counter()
    results = check_launches(launches, plns)
    elapsed = time.perf_counter() - t0
    mix = Counter(r.status.value for r in results)
    print(
        f"notifications={len(plns)} launches={len(launches)} seconds={elapsed:.2f} launches/s={len(launches) / elapsed:,.0f}"
    )
    print("statuses:", dict(sorted(mix.items())))


if __name__ == "__main__":
    main()
