"""Two officers deciding the same case at the same moment: exactly one decision is recorded."""

from __future__ import annotations

import threading
from typing import Any

from catchall.api.deps import Principal
from catchall.errors import CatchallError
from catchall.services import audit, licensing


def test_concurrent_decisions_record_one(db: Any) -> None:
    app = {
        "id": "CC-1",
        "date": "2011-01-01",
        "destination": "AE",
        "items": [{"id": "cc", "kind": "other", "entries": ["6.C.1"]}],
        "parties": [{"role": "end_user", "name": "Nobody In Particular Ltd", "country": "AE"}],
        "assurances": {"end_use": True, "no_retransfer": True},
    }
    case = licensing.submit_application(db, app, Principal("alice", "exporter"))
    admin = Principal("root", "admin")  # admins may decide cases assigned to anyone
    licensing.transition(db, case.id, "review", admin)
    open_alerts = licensing.get_case(db, case.id, admin).open_alerts
    for alert in open_alerts:  # clear any alert from the built-in list first
        licensing.resolve_alert(db, case.id, alert["id"], admin, decision="false_positive", reason="different firm")

    results: list[str] = []
    barrier = threading.Barrier(2)

    def decide(decision: str) -> None:
        barrier.wait()
        try:
            licensing.decide(db, case.id, admin, decision=decision)
            results.append(decision)
        except CatchallError as exc:
            results.append(f"error: {exc.message}")

    threads = [threading.Thread(target=decide, args=(d,)) for d in ("approved", "refused")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    recorded = [r for r in results if not r.startswith("error:")]
    assert len(recorded) == 1, results
    assert licensing.get_case(db, case.id, admin).decision == recorded[0]
    with db.session() as s:
        assert [r.action for r in audit.history(s, subject=f"case:{case.id}")].count("case.decide") == 1
        assert audit.verify(s).ok
