#!/usr/bin/env python3
"""Benchmark: items classified per second on one core (target: over 50,000/s).

Usage: python benchmarks/classify.py [--items N] [--repeat R]

Builds a reproducible mix of items of every kind the classifier has rules for (complete systems with
points and curves, motors, guidance sets, engines, sensors, software/technology, pre-classified items),
then times three stages separately: classify() on parsed items, parse_item()+classify(), and the whole
CLI path (parse, classify, to_json, json.dumps). Reports the best of R runs, in CPU time of this process.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from typing import Any

from catchall.controllist import classify, load_annex
from catchall.model.item import parse_item


def make_items(n: int, seed: int = 1) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    makers: list[Callable[[int], dict[str, Any]]] = [
        lambda i: {
            "kind": "rocket_system",
            "parameters": {"range_km": rnd.uniform(50, 3000), "payload_kg": rnd.uniform(50, 1500)},
        },
        lambda i: {
            "kind": "uav_system",
            "parameters": {
                "range_km": rnd.uniform(5, 2000),
                "payload_kg": rnd.uniform(5, 1500),
                "aerosol_capacity_l": rnd.uniform(0, 40),
                "beyond_line_of_sight": rnd.random() < 0.5,
            },
        },
        lambda i: {
            "kind": "rocket_system",
            "parameters": {
                "payload_range_curve": [
                    [rnd.uniform(600, 1200), rnd.uniform(100, 300)],
                    [rnd.uniform(100, 500), rnd.uniform(250, 600)],
                ]
            },
        },
        lambda i: {
            "kind": rnd.choice(["rocket_motor", "liquid_engine"]),
            "parameters": {"total_impulse_ns": rnd.uniform(5e5, 2e6), "vacuum_thrust_n": rnd.uniform(100, 5000)},
        },
        lambda i: {
            "kind": "guidance_set",
            "parameters": {"accuracy_pct_of_range": rnd.uniform(0.5, 6), "design_range_km": rnd.uniform(100, 2000)},
            "usable_in": ["1.A.1"],
        },
        lambda i: {
            "kind": rnd.choice(["turbojet_engine", "turbofan_engine"]),
            "parameters": {
                "max_thrust_n": rnd.uniform(200, 20000),
                "sfc_kg_per_n_h": rnd.uniform(0.05, 0.3),
                "dry_weight_kg": rnd.uniform(20, 1000),
                "first_stage_rotor_diameter_m": rnd.uniform(0.1, 1.5),
                "civil_certified": rnd.random() < 0.3,
            },
        },
        lambda i: {"kind": "gyroscope", "parameters": {"drift_rate_deg_per_h": rnd.uniform(0.001, 2)}},
        lambda i: {
            "kind": "accelerometer",
            "parameters": {
                "scale_factor_repeatability_ppm": rnd.uniform(10, 3000),
                "bias_repeatability_micro_g": rnd.uniform(10, 3000),
            },
        },
        lambda i: {"kind": "rocket_stage", "usable_in": [rnd.choice(["1.A.1", "19.A.1"])]},
        lambda i: {
            "kind": rnd.choice(["software", "technology"]),
            "designed_for": [rnd.choice(["1.B.1", "2.A.1.c", "9.A.7", "3.A.1", "19.A.2"])],
        },
        lambda i: {"kind": "production_facility", "designed_for": [rnd.choice(["1.A.1", "19.A.2", "2.A.1.c"])]},
        lambda i: {"kind": "other", "entries": [rnd.choice(["6.C.1", "15.B.1", "2.A.1.c", "4.C.2.a"])]},
    ]
    items = []
    for i in range(n):
        obj = makers[i % len(makers)](i)
        obj["id"] = f"b{i}"
        obj["description"] = "benchmark item"
        items.append(obj)
    return items


def rate(fn: Callable[[], int], repeat: int) -> float:
    # CPU time of this process, not wall time: on a shared machine other processes' load would otherwise
    # be counted against the classifier. Single-threaded, so CPU time is the one-core cost.
    best = 0.0
    for _ in range(repeat):
        start = time.process_time()
        n = fn()
        elapsed = time.process_time() - start
        best = max(best, n / elapsed)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=60_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    annex = load_annex()  # loaded once, outside the timing, like a long-running process
    raw = make_items(args.items)
    parsed = [parse_item(o) for o in raw]

    def classify_only() -> int:
        for item in parsed:
            classify(item, annex)
        return len(parsed)

    def parse_and_classify() -> int:
        for obj in raw:
            classify(parse_item(obj), annex)
        return len(raw)

    def cli_path() -> int:
        for obj in raw:
            json.dumps(classify(parse_item(obj), annex).to_json())
        return len(raw)

    results = {
        "items": args.items,
        "classify_only_per_s": round(rate(classify_only, args.repeat)),
        "parse_and_classify_per_s": round(rate(parse_and_classify, args.repeat)),
        "parse_classify_json_per_s": round(rate(cli_path, args.repeat)),
        "edition": annex.edition,
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
