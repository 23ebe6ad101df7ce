"""The lists API: read for any user, import by upload for admins only, 413 over the upload limit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest


def upload(client, source: str, path: Path, name: str | None = None, filename: str | None = None):
    data = {"source": source, **({"name": name} if name else {})}
    files = {"file": (filename or path.name, path.read_bytes(), "application/octet-stream")}
    return client.post("/lists/import", data=data, files=files)


def test_admin_imports_and_everyone_reads(client_as, fixtures: Path):
    admin = client_as("admin")
    r = upload(admin, "un-xml", fixtures / "un_consolidated.xml")
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["name"], body["version"], body["entities"], body["status"]) == ("un_sc_sanctions", 1, 3, "current")
    assert body["actor"] == "admin:test-admin"
    again = upload(admin, "un-xml", fixtures / "un_consolidated.xml")
    assert again.json()["unchanged"] is True and again.json()["version"] == 1

    reader = client_as("exporter")
    lists = reader.get("/lists").json()["lists"]
    assert [(x["name"], x["version"], x["entities"]) for x in lists] == [("un_sc_sanctions", 1, 3)]
    assert reader.get("/lists/un_sc_sanctions").json()["versions"][0]["checksum"] == body["checksum"]
    diff = reader.get("/lists/un_sc_sanctions/diff").json()
    assert diff["summary"]["added"] == 3 and diff["summary"]["from"] is None
    exp = reader.get("/lists/un_sc_sanctions/export")
    assert exp.status_code == 200 and exp.headers["content-type"].startswith("application/x-ndjson")
    assert [line.split('"id":"')[1].split('"')[0] for line in exp.text.splitlines()] == [
        "unsc-6908001",
        "unsc-6908002",
        "unsc-6908101",
    ]
    assert {s["name"] for s in reader.get("/lists/sources").json()["sources"]} >= {"ofac-xml", "uk-csv"}


def test_ofac_csv_set_uploaded_as_zip(client_as, fixtures: Path, tmp_path: Path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in (fixtures / "ofac_csv").iterdir():
            zf.writestr(f.name, f.read_bytes())
    archive = tmp_path / "sdn_csv.zip"
    archive.write_bytes(buf.getvalue())
    r = upload(client_as("admin"), "ofac-csv", archive)
    assert r.status_code == 200, r.text
    assert r.json()["entities"] == 3


@pytest.mark.parametrize("role", ["exporter", "officer", "analyst"])
def test_import_is_admin_only(client_as, fixtures: Path, role: str):
    r = upload(client_as(role), "eu-xml", fixtures / "eu_fsf.xml")
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")


def test_anonymous_is_refused(client_as):
    assert client_as(None).get("/lists").status_code == 401


def test_bad_upload_is_422_and_imports_nothing(client_as, fixtures: Path):
    admin = client_as("admin")
    r = upload(admin, "eu-xml", fixtures / "sdn.xml")
    assert r.status_code == 422
    assert "not a EU Financial Sanctions Files XML file" in r.json()["detail"]
    assert admin.get("/lists").json()["lists"] == []
    assert admin.get("/lists/eu_fsf/diff").status_code == 404


def test_oversized_upload_is_413(client_as, fixtures: Path, monkeypatch):
    monkeypatch.setenv("CATCHALL_MAX_UPLOAD_BYTES", "1000")
    r = upload(client_as("admin"), "ofac-xml", fixtures / "sdn.xml")
    assert r.status_code == 413
    assert "over the" in r.json()["detail"] and "1000 bytes" in r.json()["detail"]
    assert client_as("admin").get("/lists").json()["lists"] == []
