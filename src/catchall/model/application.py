"""An export-licence application, partner denial notifications, and the licensing decision.

The application is the JSON contract shared by the CLI, the API and the web pages:
``{"id", "date", "destination", "items", "parties", "end_use", "information", "assurances"}``.
Items follow the control-list item contract and stay plain objects here: the control list parses and
classifies them (``catchall.controllist``), so this module does not depend on it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field, field_validator

from catchall.errors import InvalidInput
from catchall.model.reason import Reason

PARTY_ROLES = (
    "exporter",
    "consignee",
    "intermediate_consignee",
    "end_user",
    "ultimate_end_user",
    "purchaser",
    "third_party",
)
PartyRole = Literal[
    "exporter",
    "consignee",
    "intermediate_consignee",
    "end_user",
    "ultimate_end_user",
    "purchaser",
    "third_party",
]

# Ordered from least to most restrictive: the decision takes the maximum over all items.
OUTCOMES = ("not_controlled", "case_by_case", "presumption_of_denial", "deny", "prohibited")
Outcome = Literal["not_controlled", "case_by_case", "presumption_of_denial", "deny", "prohibited"]

HOLDS = ("screening_match", "denial_consultation")

_ISO2 = re.compile(r"^[A-Z]{2}$")
_ENTRY = re.compile(r"^\d{1,2}(\.[A-E](\.\d{1,2}(\.[a-z](\.\d{1,2})?)?)?)?$")


def _country(value: Any, field: str) -> str:
    if not isinstance(value, str) or not _ISO2.match(value.strip().upper()):
        raise ValueError(f"{field} must be an ISO 3166 alpha-2 country code such as 'AE', got {value!r}")
    return value.strip().upper()


def check_entry_code(code: Any) -> str:
    """An Annex code such as ``2.A.1.c`` or ``6.C.1`` (structure only; existence is the Annex's business)."""
    if not isinstance(code, str) or not _ENTRY.match(code.strip()):
        raise ValueError(f"not an MTCR Annex entry code: {code!r} (expected e.g. '2.A.1.c')")
    return code.strip()


class Party(BaseModel):
    """A party to the transaction. Extra identifying fields (address, birth_date, id_number ...) are kept."""

    model_config = ConfigDict(extra="allow")

    role: PartyRole
    name: str = Field(min_length=1)
    country: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("name must not be blank")
        return value.strip()

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any) -> str | None:
        if value in (None, ""):
            return None
        return _country(value, "country")

    def extras(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Information(BaseModel):
    """What the authorities know about the transaction beyond what the applicant declared."""

    model_config = ConfigDict(extra="forbid")

    wmd_delivery: bool = False
    terrorism_risk: bool = False


class Assurances(BaseModel):
    """Assurances obtained (MTCR Guidelines para 5; para 2 for government-to-government undertakings)."""

    model_config = ConfigDict(extra="forbid")

    government_to_government: bool = False
    end_use: bool = False
    no_retransfer: bool = False


class Application(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200)
    date: dt.date
    destination: str
    items: list[dict[str, Any]] = Field(min_length=1)
    parties: list[Party] = Field(default_factory=list)
    end_use: str = ""
    information: Information = Field(default_factory=Information)
    assurances: Assurances = Field(default_factory=Assurances)

    @field_validator("destination", mode="before")
    @classmethod
    def _destination(cls, value: Any) -> str:
        return _country(value, "destination")

    @field_validator("items")
    @classmethod
    def _items(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Items without an id get a positional one so that every answer line can name its item.
        return [item if item.get("id") else {**item, "id": f"item{n}"} for n, item in enumerate(value, start=1)]

    def parties_in(self, *roles: str) -> list[Party]:
        return [p for p in self.parties if p.role in roles]


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def validation_message(exc: ValidationError, prefix: str) -> str:
    parts = []
    for err in exc.errors()[:5]:
        parts.append(f"{_field_path(tuple(err['loc']))}: {err['msg']}")
    more = len(exc.errors()) - 5
    return f"{prefix}: " + "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


def error_list(exc: ValidationError) -> list[dict[str, str]]:
    """JSON-safe field errors (the shape the API's problem responses use)."""
    return [{"field": _field_path(tuple(e["loc"])), "message": e["msg"]} for e in exc.errors()]


def parse_application(obj: Any, source: str = "application") -> Application:
    """Validate one application; errors name the application id and the field."""
    if not isinstance(obj, dict):
        raise InvalidInput(f"{source}: expected a JSON object, got {type(obj).__name__}")
    ident = obj.get("id")
    where = f"{source} application {ident!r}" if ident else f"{source} (application without id)"
    try:
        return Application.model_validate(obj)
    except ValidationError as exc:
        raise InvalidInput(validation_message(exc, where), detail={"id": ident, "errors": error_list(exc)}) from exc


class DenialEndUser(BaseModel):
    # Notifications come from partners' systems: fields we do not use are ignored, not refused.
    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1)
    country: str | None = None

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any) -> str | None:
        if value in (None, ""):
            return None
        return _country(value, "end_user.country")


class DenialNotification(BaseModel):
    """A licence denial notified by a partner (or issued by us): the basis of the "no undercut" rule."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=200)
    notifying_state: str
    date: dt.date
    destination: str
    end_user: DenialEndUser
    entries: list[str] = Field(min_length=1)
    description: str = ""
    revoked: dt.date | None = None
    source_case: int | None = None

    @field_validator("notifying_state", "destination", mode="before")
    @classmethod
    def _countries(cls, value: Any, info: Any) -> str:
        return _country(value, info.field_name)

    @field_validator("end_user", mode="before")
    @classmethod
    def _end_user(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @field_validator("entries", mode="before")
    @classmethod
    def _entries(cls, value: Any) -> list[str]:
        codes = [value] if isinstance(value, str) else value
        if not isinstance(codes, list):
            raise ValueError("entries must be a list of MTCR Annex codes")
        return [check_entry_code(c) for c in codes]

    def in_force(self, on: dt.date) -> bool:
        """Notified on or before ``on`` and not revoked by then (a revocation takes effect on its date)."""
        return self.date <= on and (self.revoked is None or self.revoked > on)


def parse_denial(obj: Any, source: str = "denial notification") -> DenialNotification:
    if not isinstance(obj, dict):
        raise InvalidInput(f"{source}: expected a JSON object, got {type(obj).__name__}")
    ident = obj.get("id")
    where = f"{source} {ident!r}" if ident else f"{source} (without id)"
    try:
        return DenialNotification.model_validate(obj)
    except ValidationError as exc:
        raise InvalidInput(validation_message(exc, where), detail={"id": ident, "errors": error_list(exc)}) from exc


class ItemResult(BaseModel):
    """One item as the decision saw it: its classification."""

    id: str
    category: Literal["I", "II"] | None
    entries: list[str] = Field(default_factory=list)


class ScreeningHit(BaseModel):
    entity_id: str
    caption: str
    score: float
    list_name: str | None = None
    list_version: str | None = None


class PartyScreening(BaseModel):
    """The watch-list matches of one party (only those at or above the threshold)."""

    party: int  # index into Application.parties
    role: str
    name: str
    hits: list[ScreeningHit] = Field(default_factory=list)


class DenialMatch(BaseModel):
    """A denial notification covering an essentially identical transaction."""

    notification: str
    notifying_state: str
    party: int
    party_name: str
    end_user_name: str
    score: float
    shared_entries: list[str]


class Decision(BaseModel):
    """The recommended outcome for an application, with everything needed to reproduce it."""

    id: str  # the application's id
    outcome: Outcome
    holds: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    items: list[ItemResult] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list)
    as_of: dt.date
    annex_edition: str | None = None
    list_versions: dict[str, str] = Field(default_factory=dict)
    denials_in_force: list[str] = Field(default_factory=list)
    screening: list[PartyScreening] = Field(default_factory=list)
    denial_matches: list[DenialMatch] = Field(default_factory=list)

    def output(self) -> dict[str, Any]:
        """The JSON line ``catchall assess`` writes."""
        return self.model_dump(mode="json")


class CaseNote(BaseModel):
    id: int
    author: str
    text: str
    created_at: dt.datetime


class Case(BaseModel):
    """A licensing case as a person may see it (exporters see neither the assessment nor the notes)."""

    id: int
    reference: str
    owner: str
    state: Literal["draft", "submitted", "under_review", "decided", "withdrawn"]
    application: dict[str, Any]
    recommended: Outcome | None = None
    recommendation: Decision | None = None
    assigned_to: str | None = None
    decision: Literal["approved", "approved_with_provisos", "refused"] | None = None
    provisos: str | None = None
    justification: str | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    notes: list[CaseNote] = Field(default_factory=list)
    alerts: list[dict[str, Any]] = Field(default_factory=list)  # screening alerts of the parties, with status

    @computed_field  # type: ignore[prop-decorator]
    @property
    def open_alerts(self) -> list[dict[str, Any]]:
        """The alerts still to be resolved (true match or false positive) before a decision."""
        return [a for a in self.alerts if a.get("status") == "open"]
