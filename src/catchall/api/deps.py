"""Dependencies shared by the routers: the database, and the caller with their role.

Roles: ``exporter``, ``officer``, ``analyst``, ``admin``. ``require_role`` guards every endpoint that is
not public; the principal comes from an API token (``Authorization: Bearer ...``) or a web session
(see ``catchall.services.accounts``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request

from catchall.errors import NotAuthenticated, PermissionDenied
from catchall.store.db import Database

ROLES = ("exporter", "officer", "analyst", "admin")


@dataclass(frozen=True)
class Principal:
    username: str
    role: str
    user_id: int | None = None

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.username}"


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_principal(request: Request) -> Principal:
    """Resolve the caller; raises NotAuthenticated when no valid credentials are presented."""
    principal = getattr(request.state, "principal", None)
    if isinstance(principal, Principal):
        return principal
    resolver = getattr(request.app.state, "resolve_principal", None)
    if resolver is not None:
        found = resolver(request)
        if found is not None:
            request.state.principal = found
            return found
    raise NotAuthenticated("authentication required: send an API token (Authorization: Bearer ...) or log in")


def require_role(*roles: str) -> Callable[..., Principal]:
    """A dependency admitting only the given roles (admin is always admitted)."""
    allowed = set(roles) | {"admin"}

    def dependency(principal: Principal = Depends(get_principal)) -> Principal:
        if principal.role not in allowed:
            raise PermissionDenied(
                f"role {principal.role!r} may not do this (needs one of: {', '.join(sorted(allowed))})"
            )
        return principal

    return dependency


any_user = require_role(*ROLES)
