"""Classification: an item form whose result (category, entries, reasons) updates as you type (htmx) and on
submit (no JavaScript needed); the MTCR Annex browser with full-text search and the item tree."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from catchall.errors import CatchallError
from catchall.web.forms import item_from_form
from catchall.web.render import is_htmx, optional_module, render
from catchall.web.security import ALL_ROLES, PageUser, require

router = APIRouter(prefix="/ui")
SERVICE = "catchall.services.classification"
# Shown as their own fields; every other parameter of the item contract sits in "more parameters".
COMMON = ("range_km", "payload_kg", "total_impulse_ns", "accuracy_pct_of_range", "vacuum_thrust_n", "max_thrust_n")


def _parameters() -> tuple[list[Any], list[Any]]:
    from catchall.model.item import PARAMETERS

    simple = [p for p in PARAMETERS.values() if p.type in ("number", "bool")]
    return [p for p in simple if p.name in COMMON], [p for p in simple if p.name not in COMMON]


def _unavailable(request: Request, user: PageUser, title: str) -> HTMLResponse:
    return render(request, "unavailable.html", user, title=title, missing=SERVICE)


def _classify(form: dict[str, str]) -> tuple[Any, dict[str, str], str | None]:
    """(classification or None, field errors, message) for the submitted form."""
    classification = optional_module(SERVICE)
    assert classification is not None
    parsed = item_from_form(form)
    if parsed.errors:
        return None, parsed.errors, "Some parameters are not numbers: see the fields marked."
    if not any(k in parsed.value for k in ("kind", "parameters", "entries", "description")):
        return None, {}, None
    try:
        return classification.classify_one(parsed.value), {}, None
    except CatchallError as exc:
        return None, {}, exc.message


@router.get("/classify", response_class=HTMLResponse)
def classify_form(request: Request, user: PageUser = require(*ALL_ROLES)) -> Response:
    if optional_module(SERVICE) is None:
        return _unavailable(request, user, "Classification")
    return _page(request, user, {}, None, {}, None)


@router.post("/classify", response_class=HTMLResponse)
async def classify_submit(request: Request, user: PageUser = require(*ALL_ROLES)) -> Response:
    if optional_module(SERVICE) is None:
        return _unavailable(request, user, "Classification")
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    result, errors, message = _classify(form)
    status = 422 if message and result is None else 200
    if is_htmx(request):
        # htmx swaps only the result panel; errors are shown there too.
        return render(request, "classify/_result.html", user, result=result, errors=errors, message=message)
    return _page(request, user, form, result, errors, message, status)


def _page(
    request: Request,
    user: PageUser,
    form: dict[str, str],
    result: Any,
    errors: dict[str, str],
    message: str | None,
    status_code: int = 200,
) -> HTMLResponse:
    from catchall.model.item import KINDS

    common, more = _parameters()
    return render(
        request,
        "classify/index.html",
        user,
        status_code=status_code,
        title="Classification",
        form=form,
        result=result,
        errors=errors,
        message=message,
        kinds=sorted(KINDS),
        common=common,
        more=more,
        more_open=any(form.get(f"param-{p.name}") for p in more),
    )


@router.get("/annex", response_class=HTMLResponse)
def annex_browser(request: Request, q: str = "", user: PageUser = require(*ALL_ROLES)) -> Response:
    classification = optional_module(SERVICE)
    if classification is None:
        return _unavailable(request, user, "MTCR Annex")
    annex = classification.annex_for()
    hits = annex.search(q, limit=30) if q.strip() else []
    return render(
        request,
        "classify/annex.html",
        user,
        title="MTCR Annex",
        q=q,
        hits=hits,
        tree=classification.tree(annex) if not q.strip() else [],
        edition=annex.edition,
    )


@router.get("/annex/{code}", response_class=HTMLResponse)
def annex_entry(request: Request, code: str, user: PageUser = require(*ALL_ROLES)) -> Response:
    classification = optional_module(SERVICE)
    if classification is None:
        return _unavailable(request, user, "MTCR Annex")
    annex = classification.annex_for()
    entry = classification.entry_view(annex, code)
    return render(request, "classify/entry.html", user, title=f"Annex {code}", entry=entry)
