"""After a new version becomes current, stored open parties are re-screened against only what changed."""

from __future__ import annotations

from catchall.model.entity import Entity
from catchall.services import lists as svc
from catchall.services import screening


def test_new_entity_raises_alert_for_stored_party(db, ftm_file, person):
    svc.import_file(db, "ftm", ftm_file([person(1, "Unrelated Trader")], name="v1.json"), name="gen")
    party = Entity(id="acme", schema="Person", properties={"name": ["Karim Yusuf Haddad"], "country": ["sy"]})
    with db.session() as s:
        assert (
            screening.screen_and_record(
                s, subject="case:1/party:1", party=party, index=svc.index_for(db, "gen"), actor="t"
            )
            == []
        )

    v2 = svc.import_file(
        db,
        "ftm",
        ftm_file([person(1, "Unrelated Trader"), person(2, "Karim Yusuf HADDAD", nationality=["sy"])], name="v2.json"),
        name="gen",
        actor="admin:alice",
    )
    assert v2.rescreen["status"] == "done"
    assert v2.rescreen["entities"] == 1  # only the added entity was screened against
    assert v2.rescreen["alerts"] == 1
    with db.session() as s:
        [alert] = screening.open_alerts(s)
    assert (alert.subject, alert.entity_id, alert.list_name) == ("case:1/party:1", "gen-2", "gen")
    assert alert.list_version == svc.index_version(v2.number, v2.checksum)

    # a version that only removes entities has nothing to re-screen
    v3 = svc.import_file(
        db, "ftm", ftm_file([person(2, "Karim Yusuf HADDAD", nationality=["sy"])], name="v3.json"), name="gen"
    )
    assert v3.rescreen == {"status": "skipped", "reason": "no added or changed entities"}


def test_rescreen_can_be_switched_off(db, ftm_file, person):
    v = svc.import_file(db, "ftm", ftm_file([person(1)]), name="gen", rescreen=False)
    assert v.rescreen == {}
