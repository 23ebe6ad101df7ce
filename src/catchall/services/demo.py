"""Demo data for ``catchall serve --demo``: one user per role, a synthetic watch list, example cases,
transfers, HCOC records and a denial notification — enough to try every page on a fresh install.

Everything here is invented for the demonstration: the watch-list names are fictitious (written for this
module, not taken from any real list), the transfers, launches and notifications are illustrative records
marked ``demo`` and are not reported events. Seeding is idempotent: records are keyed by fixed ids and
re-running only resets the demo users' passwords (new random ones are printed, since passwords are never
stored in readable form).
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from catchall.errors import CatchallError, Conflict
from catchall.services import accounts
from catchall.store.db import Database

ACTOR = "system:demo"
DEMO_LIST = "demo-watchlist"
USERS = (
    ("demo-exporter", "exporter"),
    ("demo-officer", "officer"),
    ("demo-analyst", "analyst"),
    ("demo-admin", "admin"),
)
NOTE = "fictitious entity written for the catchall demo"

# Synthetic watch list (FollowTheMoney entities). Names are made up; a few carry non-Latin spellings so the
# transliteration-aware matching can be seen at work.
WATCHLIST: tuple[dict[str, Any], ...] = (
    {
        "id": "demo-org-zephyr",
        "schema": "Organization",
        "properties": {
            "name": ["Zephyr Aerodynamics Trading LLC"],
            "alias": ["Zephyr Aero Trading"],
            "country": ["ae"],
            "notes": [NOTE],
        },
    },
    {
        "id": "demo-org-kestrel",
        "schema": "Company",
        "properties": {
            "name": ["Kestrel Guidance Systems Co. Ltd"],
            "alias": ["Kestrel Guidance"],
            "country": ["kp"],
            "registrationNumber": ["KGS-0042"],
            "notes": [NOTE],
        },
    },
    {
        "id": "demo-person-volkov",
        "schema": "Person",
        "properties": {
            "name": ["Tarkan Volkov"],
            "alias": ["Таркан Волков"],
            "birthDate": ["1961-04-12"],
            "nationality": ["ru"],
            "notes": [NOTE],
        },
    },
    {
        "id": "demo-org-meridian",
        "schema": "Organization",
        "properties": {
            "name": ["Meridian Propulsion Holdings"],
            "country": ["ir"],
            "notes": [NOTE],
        },
    },
    {
        "id": "demo-org-amberline",
        "schema": "Company",
        "properties": {
            "name": ["Amberline Composite Materials JSC"],
            "alias": ["ООО Эмберлайн Композит"],
            "country": ["by"],
            "notes": [NOTE],
        },
    },
    {
        "id": "demo-person-han",
        "schema": "Person",
        "properties": {
            "name": ["Han Sol-gyu"],
            "alias": ["한솔규"],
            "nationality": ["kp"],
            "notes": [NOTE],
        },
    },
)

# (reference, application, how far the demo carries it)
CASES: tuple[tuple[str, dict[str, Any], str], ...] = (
    (
        "DEMO-001",
        {
            "destination": "AE",
            "end_use": "Navigation upgrade for a regional aircraft fleet (demo)",
            "items": [
                {
                    "id": "gyro-1",
                    "description": "Fibre-optic gyro assembly",
                    "kind": "gyroscope",
                    "parameters": {"drift_rate_deg_per_h": 0.2},
                }
            ],
            "parties": [
                {"role": "consignee", "name": "Zephyr Aerodynamic Trading L.L.C.", "country": "AE"},
                {"role": "end_user", "name": "Gulf Coast Aviation Services", "country": "AE"},
            ],
            "assurances": {"end_use": True, "no_retransfer": True},
        },
        "submitted",
    ),
    (
        "DEMO-002",
        {
            "destination": "BR",
            "end_use": "Target drone engines for a university research programme (demo)",
            "items": [
                {
                    "id": "engine-1",
                    "description": "Small turbojet engine",
                    "kind": "turbojet_engine",
                    "parameters": {
                        "max_thrust_n": 900,
                        "sfc_kg_per_n_h": 0.12,
                        "dry_weight_kg": 60,
                        "first_stage_rotor_diameter_m": 0.3,
                    },
                }
            ],
            "parties": [{"role": "end_user", "name": "Planalto Aerospace Institute (demo)", "country": "BR"}],
            "assurances": {"end_use": True, "no_retransfer": True},
        },
        "under_review",
    ),
    (
        "DEMO-003",
        {
            "destination": "DE",
            "end_use": "Water treatment plant (demo)",
            "items": [{"id": "pump-1", "description": "Industrial centrifugal pump", "kind": "other"}],
            "parties": [{"role": "end_user", "name": "Rheinwasser Betriebe GmbH (demo)", "country": "DE"}],
            "assurances": {"end_use": True, "no_retransfer": True},
        },
        "approved",
    ),
    (
        "DEMO-004",
        {
            "destination": "KP",
            "end_use": "Space launch programme (demo)",
            "items": [
                {
                    "id": "rocket-1",
                    "description": "Complete two-stage rocket system",
                    "kind": "rocket_system",
                    "parameters": {"range_km": 800, "payload_kg": 700},
                }
            ],
            "parties": [{"role": "end_user", "name": "Pyongyang Space Technology Bureau (demo)", "country": "KP"}],
        },
        "refused",
    ),
)


def _transfers() -> list[dict[str, Any]]:
    """Illustrative transfers (not reported events) spread over years, to fill the compliance page."""
    base: list[tuple[str, str, str, str, str, str | None, str]] = [
        # id, date, supplier, recipient, programme kind, programme category, item category
        ("demo-t01", "1996-05-10", "RU", "IN", "space_launch_vehicle", None, "II"),
        ("demo-t02", "1999-03-02", "CN", "PK", "ballistic_missile", "I", "II"),
        ("demo-t03", "2001-07-19", "CN", "IR", "ballistic_missile", "I", "II"),
        ("demo-t04", "2003-11-04", "KP", "IR", "ballistic_missile", "I", "I"),
        ("demo-t05", "2006-02-14", "RU", "IR", "space_launch_vehicle", None, "II"),
        ("demo-t06", "2009-09-30", "KP", "SY", "ballistic_missile", "II", "II"),
        ("demo-t07", "2012-06-21", "UA", "BR", "space_launch_vehicle", None, "II"),
        ("demo-t08", "2015-01-08", "CN", "SA", "ballistic_missile", "I", "I"),
        ("demo-t09", "2018-04-17", "BY", "IR", "uav", "II", "II"),
        ("demo-t10", "2021-10-05", "KP", "IR", "ballistic_missile", "I", "II"),
    ]
    out = []
    for tid, day, supplier, recipient, kind, category, item_category in base:
        out.append(
            {
                "id": tid,
                "date": day,
                "supplier_state": supplier,
                "supplier_entity": "Demo supplier (illustrative)",
                "recipient_state": recipient,
                "recipient_program": {
                    "name": f"Demo {kind.replace('_', ' ')} programme",
                    "kind": kind,
                    "category": category,
                },
                "item_category": item_category,
                "item_description": f"Illustrative Category {item_category} item (demo record)",
                "sources": ["catchall demo data: invented for illustration, not a reported transfer"],
            }
        )
    return out


def _hcoc_records(today: date) -> dict[str, list[dict[str, Any]]]:
    """Illustrative notifications and launches of the last two years showing every check outcome."""
    y = today.year - 1
    d = date
    notes = [
        ("demo-pln-1", "FR", d(y, 2, 1), "space_launch_vehicle", d(y, 2, 10), d(y, 2, 20)),
        ("demo-pln-2", "IN", d(y, 4, 2), "ballistic_missile", d(y, 4, 5), d(y, 4, 9)),
        ("demo-pln-3", "JP", d(y, 6, 20), "space_launch_vehicle", d(y, 6, 10), d(y, 6, 30)),
        ("demo-pln-4", "US", d(y, 8, 1), "ballistic_missile", d(y, 8, 5), d(y, 8, 7)),
        ("demo-pln-5", "FR", d(y - 1, 3, 1), "space_launch_vehicle", d(y - 1, 3, 10), d(y - 1, 3, 15)),
    ]
    launches = [
        ("demo-l-1", "FR", d(y, 2, 14), "space_launch_vehicle", "Demo launcher"),  # notified
        ("demo-l-2", "IN", d(y, 4, 7), "ballistic_missile", "Demo missile"),  # notified
        ("demo-l-3", "JP", d(y, 6, 15), "space_launch_vehicle", "Demo launcher"),  # late
        ("demo-l-4", "US", d(y, 8, 20), "ballistic_missile", "Demo missile"),  # outside window
        ("demo-l-5", "KP", d(y, 9, 3), "ballistic_missile", "Demo missile"),  # not subscribed
        ("demo-l-6", "IN", d(y, 11, 11), "space_launch_vehicle", "Demo launcher"),  # not notified
        ("demo-l-7", "FR", d(y - 1, 3, 12), "space_launch_vehicle", "Demo launcher"),  # notified
    ]
    return {
        "notifications": [
            {
                "id": i,
                "state": s,
                "submitted": sub.isoformat(),
                "vehicle_class": vc,
                "window_start": a.isoformat(),
                "window_end": b.isoformat(),
                "launch_area": "Demo launch area",
                "direction": "east",
            }
            for i, s, sub, vc, a, b in notes
        ],
        "launches": [
            {"id": i, "state": s, "date": day.isoformat(), "vehicle_class": vc, "vehicle": v}
            for i, s, day, vc, v in launches
        ],
        "declarations": [
            {
                "state": "FR",
                "year": y,
                "submitted": d(y + 1, 1, 20).isoformat() if d(y + 1, 1, 20) <= today else today.isoformat(),
                "policies": "Demo declaration text.",
                "launches": {"space_launch_vehicle": 1},
            },
            {
                "state": "IN",
                "year": y,
                "submitted": today.isoformat(),
                "policies": "Demo declaration text.",
                "launches": {"ballistic_missile": 1, "space_launch_vehicle": 0},
            },
        ],
    }


class _Who:
    """A principal for the services (they take anything with username, role and actor)."""

    def __init__(self, username: str, role: str) -> None:
        self.username = username
        self.role = role

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.username}"


def _users(db: Database) -> list[str]:
    lines = []
    for username, role in USERS:
        password = accounts.generate_password()
        if accounts.find_user(db, username) is None:
            accounts.create_user(db, username, role, password, actor=ACTOR)
        else:
            accounts.set_password(db, username, password, actor=ACTOR)
            accounts.set_active(db, username, True, actor=ACTOR)
        lines.append(f"  {role:<9} user {username:<14} password {password}")
    return lines


def _watchlist(db: Database) -> str:
    from catchall.services import lists

    with tempfile.TemporaryDirectory(prefix="catchall-demo-") as tmp:
        path = Path(tmp) / "demo-watchlist.jsonl"
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in WATCHLIST), encoding="utf-8")
        version = lists.import_file(db, "ftm", path, DEMO_LIST, ACTOR, label="demo-watchlist.jsonl")
    return f"watch list {DEMO_LIST}: version {version.number}, {version.entity_count} fictitious entities"


def _cases(db: Database) -> str:
    from catchall.services import licensing

    exporter = _Who("demo-exporter", "exporter")
    officer = _Who("demo-officer", "officer")
    existing = {c.reference for c in licensing.list_cases(db, exporter)}
    made = 0
    for offset, (ref, body, goal) in enumerate(CASES):
        if ref in existing:
            continue
        app = {"id": ref, "date": (date.today() - timedelta(days=12 - 3 * offset)).isoformat(), **body}
        case = licensing.submit_application(db, app, exporter)
        made += 1
        if goal == "submitted":
            continue
        licensing.transition(db, case.id, "review", officer)
        if goal in ("approved", "refused"):
            licensing.decide(
                db,
                case.id,
                officer,
                decision=goal,
                justification=f"Demo decision: {goal}, consistent with the recommended outcome.",
            )
    return f"licensing cases: {made} created ({len(CASES) - made} already there)"


def _transfers_seed(db: Database) -> str:
    from catchall.services import compliance

    for t in _transfers():
        compliance.put_transfer(db, compliance.parse_transfer(t), actor=ACTOR)
    return f"transfers: {len(_transfers())} illustrative records"


def _hcoc(db: Database) -> str:
    from catchall.hcoc.records import RecordKind, parse_record
    from catchall.services import hcoc

    counts = []
    for kind_name, records in _hcoc_records(date.today()).items():
        kind = RecordKind(kind_name)
        parsed = [parse_record(kind, r, kind_name) for r in records]
        hcoc.import_records(db, kind, parsed, actor=ACTOR, source="demo")
        counts.append(f"{len(parsed)} {kind_name}")
    return "HCOC: " + ", ".join(counts)


def _denial(db: Database) -> str:
    from catchall.services import denials

    data = {
        "id": "DEMO-DN-1",
        "notifying_state": "FR",
        "date": (date.today() - timedelta(days=200)).isoformat(),
        "destination": "AE",
        "end_user": {"name": "Gulf Coast Aviation Services", "country": "AE"},
        "entries": ["9.A.4"],
        "description": "Demo denial notification: gyro assemblies (illustrative)",
    }
    try:
        denials.create(db, data, ACTOR)
    except Conflict:
        return "denial notification DEMO-DN-1 already there"
    return "denial notification DEMO-DN-1"


def seed_demo(db: Database) -> list[str]:
    """Seed the demo (idempotent) and return the lines to print, with the demo users' new passwords."""
    lines = ["demo data (all names and records are invented for the demonstration):"]
    lines.extend(_users(db))
    # Each part depends on a service that may be missing from a partial build; the demo says what it skipped.
    for step in (_watchlist, _denial, _cases, _transfers_seed, _hcoc):
        try:
            lines.append("  " + step(db))
        except ImportError as exc:
            lines.append(f"  skipped {step.__name__.strip('_')}: not available in this build ({exc.name})")
        except CatchallError as exc:
            lines.append(f"  skipped {step.__name__.strip('_')}: {exc.message}")
    lines.append("log in at /ui/login with one of the users above")
    return lines
