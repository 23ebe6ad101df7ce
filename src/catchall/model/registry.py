"""Registry vocabulary: states, regime memberships, commitments and sanctions determinations.

Everything that changes over time carries validity dates (``since``/``until``, ``effective``/``expires``)
so a question can be asked "as of" any date. A date known only to the month or year says so in
``precision`` and is flagged ``uncertain``; every record names its ``source``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Precision = Literal["day", "month", "year"]

CommitmentKind = Literal[
    "mtcr_partnership",  # admitted as an MTCR partner
    "mtcr_adherence",  # unilateral adherence to the MTCR Guidelines
    "pledge",  # bilateral or unilateral missile pledge (e.g. China 1992, 1994, 2000)
    "hcoc_subscription",  # subscribing state of the Hague Code of Conduct
]

Effect = Literal[
    # treated like adherence to the MTCR Guidelines: no Cat I production facilities; other Cat I only
    # with binding government-to-government undertakings
    "guidelines",
    # no export of complete Category I class ground-to-ground missiles (US-China joint statement 1994)
    "no_cat1_complete_missiles",
    # no assistance in any way to Category I class ballistic missile programmes (China, November 2000)
    "no_assistance_cat1_ballistic",
    # a general political undertaking (HCOC) that precludes no particular transfer on its own
    "restraint",
]


def _upper_iso2(value: str) -> str:
    value = value.strip().upper()
    if len(value) != 2 or not value.isalpha():
        raise ValueError(f"not an ISO 3166 alpha-2 code: {value!r}")
    return value


class Commitment(BaseModel):
    """A missile nonproliferation commitment of one state, in force from ``since`` until ``until``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9._:-]*$")
    state: str
    kind: CommitmentKind
    instrument: str = Field(min_length=1)
    effect: Effect
    since: date
    until: date | None = None
    precision: Precision = "day"
    uncertain: bool = False
    transfer_commitment: bool = True
    summary: str = ""
    source: str = Field(min_length=1)

    @field_validator("state")
    @classmethod
    def _iso2_state(cls, value: str) -> str:
        return _upper_iso2(value)

    @model_validator(mode="after")
    def _dates(self) -> Commitment:
        if self.until is not None and self.until < self.since:
            raise ValueError(f"commitment {self.id}: until {self.until} is before since {self.since}")
        if self.precision != "day" and not self.uncertain:
            raise ValueError(f"commitment {self.id}: a date known only to the {self.precision} must be uncertain")
        return self

    def in_force(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)

    def since_is_ambiguous_for(self, on: date) -> bool:
        """True when ``on`` falls inside the window an imprecise start date could really be in."""
        if self.precision == "year":
            return on.year == self.since.year
        if self.precision == "month":
            return (on.year, on.month) == (self.since.year, self.since.month)
        return False

    def since_text(self) -> str:
        if self.precision == "year":
            return f"{self.since.year}"
        if self.precision == "month":
            return self.since.strftime("%Y-%m")
        return self.since.isoformat()


class Membership(BaseModel):
    """A state's membership of a regime (derived from partnership/subscription commitments)."""

    model_config = ConfigDict(frozen=True)

    regime: str
    since: date
    until: date | None = None
    precision: Precision = "day"
    uncertain: bool = False
    source: str

    def in_force(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)


class State(BaseModel):
    """An ISO 3166 country and its regime memberships."""

    model_config = ConfigDict(frozen=True)

    code: str
    alpha3: str
    name: str
    official_name: str | None = None
    memberships: list[Membership] = Field(default_factory=list)

    def member_of(self, regime: str, on: date) -> bool:
        return any(m.regime == regime and m.in_force(on) for m in self.memberships)


class ImplementationFact(BaseModel):
    """A national implementation measure (e.g. catch-all controls, intangible transfer controls)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9._:-]*$")
    state: str
    kind: Literal["export_control_law", "control_list", "catch_all", "intangible_transfers", "other"]
    title: str
    since: date
    precision: Precision = "day"
    uncertain: bool = False
    summary: str = ""
    source: str = Field(min_length=1)

    @field_validator("state")
    @classmethod
    def _iso2_state(cls, value: str) -> str:
        return _upper_iso2(value)


EntityKind = Literal["organization", "company", "person", "public_body"]


class SanctionedEntity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    country: str
    kind: EntityKind = "organization"

    @field_validator("country")
    @classmethod
    def _iso2_country(cls, value: str) -> str:
        return _upper_iso2(value)


class SanctionsDetermination(BaseModel):
    """A government's determination imposing missile-related sanctions on an entity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9._:-]*$")
    entity: SanctionedEntity
    imposed_by: str = "US"
    authorities: list[str] = Field(min_length=1)
    determination_date: date
    effective_date: date
    duration_years: int | None = Field(default=2, ge=0)
    expires: date | None = None
    penalties: list[str] = Field(default_factory=list)
    item_category: Literal["I", "II"] | None = None
    recipient: str | None = None
    summary: str = ""
    uncertain: bool = False
    source: str = Field(min_length=1)

    @field_validator("imposed_by")
    @classmethod
    def _iso2_imposed_by(cls, value: str) -> str:
        return _upper_iso2(value)

    @model_validator(mode="after")
    def _dates(self) -> SanctionsDetermination:
        if self.effective_date < self.determination_date:
            raise ValueError(f"determination {self.id}: effective date precedes the determination")
        if self.expires is not None and self.expires < self.effective_date:
            raise ValueError(f"determination {self.id}: expires before it takes effect")
        return self

    @property
    def end(self) -> date | None:
        """Last day in force: ``expires`` if given, else effective date + duration (None = indefinite)."""
        if self.expires is not None:
            return self.expires
        if self.duration_years is None:
            return None
        eff = self.effective_date
        try:
            anniversary = eff.replace(year=eff.year + self.duration_years)
        except ValueError:  # 29 February
            anniversary = eff.replace(year=eff.year + self.duration_years, day=28)
        return date.fromordinal(anniversary.toordinal() - 1)

    def in_force(self, on: date) -> bool:
        end = self.end
        return self.effective_date <= on and (end is None or on <= end)
