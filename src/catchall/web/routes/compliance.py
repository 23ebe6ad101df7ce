"""Compliance (analyst): reported transfers judged against the supplier's commitments in force, findings per
state, a chart of transfers by year and finding, JSON-lines import, and the per-state report (PDF/HTML)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from catchall.config import get_settings
from catchall.errors import CatchallError, InvalidInput, TooLarge
from catchall.web.charts import BAD, GOOD, NEUTRAL, bar_chart
from catchall.web.render import optional_module, render
from catchall.web.security import PageUser, require

router = APIRouter(prefix="/ui/compliance")
SERVICE = "catchall.services.compliance"
FINDINGS = ("contrary", "not_precluded", "no_commitment")
FINDING_BADGE = {"contrary": "bad", "not_precluded": "ok", "no_commitment": "info"}
MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}


def findings_chart(findings: list[Any]) -> str:
    years = sorted({f.date.year for f in findings})
    counts = Counter((f.date.year, f.finding) for f in findings)
    shown = [k for k in FINDINGS if any(counts[(y, k)] for y in years)]
    series = [(k.replace("_", " "), [counts[(y, k)] for y in years]) for k in shown]
    colors = {"contrary": BAD, "not_precluded": GOOD, "no_commitment": NEUTRAL}
    return bar_chart(
        [str(y) for y in years],
        series,
        title="Transfers by year and finding",
        stacked=True,
        colors=[colors[k] for k in shown],
    )


def _page(
    request: Request,
    user: PageUser,
    state: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    flashes: list[tuple[str, str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    compliance = optional_module(SERVICE)
    registry = optional_module("catchall.services.registry")
    if compliance is None or registry is None:
        return render(request, "unavailable.html", user, title="Compliance", missing=SERVICE)
    db = request.app.state.db
    transfers = compliance.list_transfers(db, state=state or None, date_from=date_from, date_to=date_to, limit=5000)
    # The commitment book (shipped data plus stored amendments) is read once; viewing does not write the audit log.
    findings = compliance.assess_transfers(transfers, book=registry.commitment_book(db)) if transfers else []
    by_id = {f.id: f for f in findings}
    per_state: dict[str, Counter[str]] = {}
    for f in findings:
        per_state.setdefault(f.supplier_state, Counter())[f.finding] += 1
    suppliers = sorted({t.supplier_state for t in compliance.list_transfers(db, limit=5000)})
    return render(
        request,
        "compliance.html",
        user,
        status_code=status_code,
        title="Compliance",
        transfers=transfers,
        findings=by_id,
        per_state=sorted(per_state.items()),
        chart=findings_chart(findings) if findings else "",
        state=state,
        date_from=date_from,
        date_to=date_to,
        suppliers=suppliers,
        finding_kinds=FINDINGS,
        badges=FINDING_BADGE,
        flashes=flashes or [],
    )


@router.get("", response_class=HTMLResponse)
def compliance_page(
    request: Request,
    state: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    user: PageUser = require("analyst"),
) -> Response:
    return _page(request, user, state.strip().upper(), date_from, date_to)


@router.post("/import", response_class=HTMLResponse)
async def import_transfers(
    request: Request, upload: UploadFile | None = File(None), user: PageUser = require("analyst")
) -> Response:
    compliance = optional_module(SERVICE)
    if compliance is None:
        return render(request, "unavailable.html", user, title="Compliance", missing=SERVICE)
    if upload is None or not upload.filename:
        return _page(request, user, flashes=[("error", "Choose a JSON-lines file of transfers.")], status_code=422)
    limit = get_settings().max_upload_bytes
    data = await upload.read(limit + 1)
    try:
        if len(data) > limit:
            raise TooLarge(f"{upload.filename}: over the upload limit of {limit} bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{upload.filename}: not UTF-8 text (byte {exc.start})") from exc
        result = await run_in_threadpool(
            compliance.import_transfers,
            request.app.state.db,
            _jsonl(text, upload.filename),
            actor=user.actor,
            source=upload.filename,
        )
    except CatchallError as exc:
        return _page(request, user, flashes=[("error", exc.message)], status_code=exc.status)
    return _page(
        request,
        user,
        flashes=[("ok", f"{upload.filename}: {result.created} transfers added, {result.updated} updated.")],
    )


def _jsonl(text: str, source: str) -> list[tuple[int, dict[str, Any] | InvalidInput]]:
    out: list[tuple[int, dict[str, Any] | InvalidInput]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append((n, InvalidInput(f"{source} line {n}: not valid JSON ({exc.msg})")))
            continue
        out.append((n, obj if isinstance(obj, dict) else InvalidInput(f"{source} line {n}: expected a JSON object")))
    return out


@router.get("/report")
def compliance_report(
    request: Request,
    state: str = "",
    format: str = "pdf",
    date_from: date | None = None,
    date_to: date | None = None,
    user: PageUser = require("analyst"),
) -> Response:
    compliance = optional_module(SERVICE)
    if compliance is None:
        return render(request, "unavailable.html", user, title="Compliance", missing=SERVICE)
    if not state.strip():
        raise InvalidInput("choose the supplier state of the report")
    if format not in MEDIA:
        raise InvalidInput(f"report format must be pdf, html or md, got {format!r}")
    body = compliance.report(
        request.app.state.db, state.strip().upper(), fmt=format, date_from=date_from, date_to=date_to, actor=user.actor
    )
    name = f"compliance-{state.strip().upper()}.{format}"
    return Response(body, media_type=MEDIA[format], headers={"Content-Disposition": f'attachment; filename="{name}"'})
