#!/usr/bin/env python3
"""Compliance assessment throughput: synthetic transfers through ``catchall.compliance.assess``.

Generates N transfers (suppliers among MTCR partners, China, adherents and non-committed states; dates
1985-2024; every programme kind and category; items of Category I, II or unlisted; with and without
government-to-government undertakings) and assesses them against the shipped registry, reporting
transfers/s and the finding mix; also times one per-state report in each format. Nothing is written.

    .venv/bin/python benchmarks/compliance.py --transfers 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import Counter

from catchall.compliance.assess import assess
from catchall.model.transfer import Transfer
from catchall.registry.commitments import shipped_book
from catchall.services import compliance as service

SUPPLIERS = ["US", "DE", "FR", "RU", "BG", "KR", "UA", "IN", "CN", "IL", "KP", "IR", "PK", "BY", "RS"]
KINDS = ["ballistic_missile", "cruise_missile", "space_launch_vehicle", "uav"]


def synth(n: int, seed: int) -> list[Transfer]:
    rng = random.Random(seed)
    base = dt.date(1985, 1, 1)
    out = []
    for i in range(n):
        out.append(
            Transfer.model_validate(
                {
                    "id": f"t{i}",
                    "date": base + dt.timedelta(days=rng.randrange(0, 14600)),
                    "supplier_state": rng.choice(SUPPLIERS),
                    "supplier_entity": f"Entity {rng.randrange(500)}",
                    "recipient_state": rng.choice(["IR", "SY", "PK", "EG", "KP", "IN"]),
                    "recipient_program": {
                        "name": "programme",
                        "kind": rng.choice(KINDS),
                        "category": rng.choice(["I", "II", None]),
                    },
                    "item_category": rng.choice(["I", "II", None]),
                    "production_facility": rng.random() < 0.05,
                    "government_to_government_undertakings": rng.random() < 0.2,
                }
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--transfers", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    transfers = synth(args.transfers, args.seed)
    book = shipped_book()
    t0 = time.perf_counter()
    findings = [assess(t, book) for t in transfers]
    elapsed = time.perf_counter() - t0
    print(f"assessed {len(findings)} transfers in {elapsed:.2f} s: {len(findings) / elapsed:,.0f} transfers/s")
    print("findings:", dict(Counter(f.finding for f in findings)))
    china = [t for t in transfers if t.supplier_state == "CN"][:2000]
    for fmt in ("html", "md", "pdf"):
        t0 = time.perf_counter()
        data = service.report(None, "CN", fmt=fmt, transfers=china)  # type: ignore[arg-type]
        print(f"report CN ({len(china)} transfers) {fmt}: {time.perf_counter() - t0:.2f} s, {len(data):,} bytes")


if __name__ == "__main__":
    main()
