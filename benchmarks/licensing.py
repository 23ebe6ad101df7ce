#!/usr/bin/env python3
"""Licensing assessment throughput: synthetic applications through ``catchall.services.licensing.assess``.

Builds a watch list of W synthetic companies and D denial notifications, generates N applications (1-4 items
mixing pre-classified entries, parametric UAVs/rockets and unlisted items; 1-3 parties, some of them listed
or denied end users), and reports applications/s for the full assessment (classification + screening +
denials + Guidelines) and for the rules engine alone (``catchall.policy.decide`` on pre-classified items).
Nothing is written to disk.

    .venv/bin/python benchmarks/licensing.py --applications 5000 --watchlist 20000 --denials 2000
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

from catchall.model.application import DenialNotification, parse_application
from catchall.model.entity import Entity
from catchall.policy import ClassifiedItem, decide
from catchall.screening.index import ScreeningIndex
from catchall.services import denials as denial_service
from catchall.services import licensing

WORDS = [
    "Gulf",
    "Orion",
    "Peninsula",
    "Sunrise",
    "Harbour",
    "Delta",
    "Apex",
    "Nova",
    "Atlas",
    "Zenith",
    "Polar",
    "Summit",
    "Vector",
    "Horizon",
    "Falcon",
    "Eagle",
    "Cedar",
    "Lotus",
    "Pearl",
    "Jade",
    "Crystal",
    "Silver",
    "Golden",
    "Northern",
    "Eastern",
    "Western",
    "Southern",
    "Central",
    "United",
]
TRADES = [
    "Aerospace",
    "Composite",
    "Precision",
    "Machinery",
    "Electronics",
    "Trading",
    "Logistics",
    "Systems",
    "Materials",
    "Industries",
]
FORMS = ["FZE", "LLC", "Ltd", "Co., Ltd.", "GmbH", "S.A.", "Sdn Bhd", "JSC"]
COUNTRIES = ["AE", "MY", "CN", "IR", "PK", "QA", "TR", "IN", "SG", "RU"]
ENTRIES = ["6.C.1", "15.B.1", "9.A.3", "3.A.1", "11.A.3", "2.A.1.c", "1.A.2", "19.A.2", "2.B.1", "6.C.8"]


SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ta",
    "ne",
    "so",
    "lu",
    "vi",
    "da",
    "ze",
    "po",
    "ri",
    "ha",
    "be",
    "no",
    "sa",
    "ti",
    "mo",
    "ga",
    "le",
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def company(rng: random.Random) -> str:
    # a distinctive coined word plus ordinary trade words, like most real company names
    return f"{word(rng)} {rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)}"


def synth(
    n_apps: int, n_list: int, n_denials: int, seed: int
) -> tuple[list[dict[str, Any]], list[Entity], list[DenialNotification]]:
    rng = random.Random(seed)
    listed = [company(rng) for _ in range(n_list)]
    entities = [
        Entity(id=f"w{i}", schema="Company", properties={"name": [n], "country": [rng.choice(COUNTRIES).lower()]})
        for i, n in enumerate(listed)
    ]
    denied = [company(rng) for _ in range(n_denials)]
    notes = [
        DenialNotification(
            id=f"dn{i}",
            notifying_state=rng.choice(["IT", "NL", "DE", "FR", "JP"]),
            date=date(2005, 1, 1) + timedelta(days=rng.randrange(0, 5000)),
            destination=rng.choice(COUNTRIES),
            end_user={"name": name, "country": None},  # type: ignore[arg-type]
            entries=[rng.choice(ENTRIES)],
            revoked=None if rng.random() < 0.8 else date(2020, 1, 1),
        )
        for i, name in enumerate(denied)
    ]
    apps = []
    for i in range(n_apps):
        items = []
        for j in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.5:
                items.append({"id": f"a{i}-{j}", "kind": "other", "entries": [rng.choice(ENTRIES)]})
            elif r < 0.75:
                items.append(
                    {
                        "id": f"a{i}-{j}",
                        "kind": rng.choice(["uav_system", "rocket_system"]),
                        "parameters": {"range_km": rng.randint(50, 3000), "payload_kg": rng.randint(10, 1500)},
                    }
                )
            else:
                items.append({"id": f"a{i}-{j}", "kind": "other", "description": "office equipment"})
        parties = []
        for role in rng.sample(["end_user", "consignee", "purchaser"], rng.randint(1, 3)):
            pick = rng.random()
            name = rng.choice(listed) if pick < 0.05 else rng.choice(denied) if pick < 0.1 else company(rng)
            parties.append({"role": role, "name": name})
        apps.append(
            {
                "id": f"A{i}",
                "date": (date(2010, 1, 1) + timedelta(days=rng.randrange(0, 5000))).isoformat(),
                "destination": rng.choice(COUNTRIES),
                "items": items,
                "parties": parties,
                "information": {"wmd_delivery": rng.random() < 0.05, "terrorism_risk": rng.random() < 0.02},
                "assurances": {
                    "government_to_government": rng.random() < 0.3,
                    "end_use": rng.random() < 0.8,
                    "no_retransfer": rng.random() < 0.8,
                },
            }
        )
    return apps, entities, notes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--applications", type=int, default=2000)
    ap.add_argument("--watchlist", type=int, default=10000)
    ap.add_argument("--denials", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    raw, entities, notes = synth(args.applications, args.watchlist, args.denials, args.seed)
    t0 = time.perf_counter()
    index = ScreeningIndex.build(entities, "bench", "bench")
    t_build = time.perf_counter() - t0
    resources = licensing.Resources(watchlists=[licensing.Watchlist("bench", "bench", index)], denials=notes)
    apps = [parse_application(a) for a in raw]

    outcomes: Counter[str] = Counter()
    holds: Counter[str] = Counter()
    t0 = time.perf_counter()
    for a in apps:
        d = licensing.assess(a, resources)
        outcomes[d.outcome] += 1
        holds.update(d.holds)
    t_full = time.perf_counter() - t0

    # the rules alone, on the classifications the full run produced
    from catchall.controllist import load_annex

    annex = load_annex()
    classified = [licensing.classify_items(a, annex) for a in apps]
    scorer = denial_service.name_scorer(notes)
    t0 = time.perf_counter()
    for a, items in zip(apps, classified, strict=True):
        decide(a, items, screening=[], denials=notes, name_score=scorer)
    t_rules = time.perf_counter() - t0
    _ = ClassifiedItem  # the rules engine's input type, for readers of this script

    n = len(apps)
    print(f"watch list: {len(entities)} entities, index built in {t_build:.2f} s; denial notifications: {len(notes)}")
    print(f"full assessment: {n} applications in {t_full:.2f} s = {n / t_full:,.0f} applications/s")
    print(f"rules engine only: {n / t_rules:,.0f} applications/s")
    print(f"outcomes: {dict(outcomes)}")
    print(f"holds: {dict(holds)}")


if __name__ == "__main__":
    main()
