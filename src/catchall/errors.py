"""One exception hierarchy for everything catchall reports to a person or a machine.

Faces map these to their own idiom: the CLI prints ``error: <message>`` and exits with code 2,
the API answers RFC 9457 ``application/problem+json`` with the class's ``status``.
"""

from __future__ import annotations

from typing import Any


class CatchallError(Exception):
    """Base of every error caused by input, configuration or state (never a bug)."""

    status: int = 400
    title: str = "Bad request"
    type_slug: str = "bad-request"

    def __init__(self, message: str, *, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def __str__(self) -> str:
        return self.message


class InvalidInput(CatchallError):
    """The input is malformed or violates the contract (names the field/line)."""

    status = 422
    title = "Invalid input"
    type_slug = "invalid-input"


class NotFound(CatchallError):
    status = 404
    title = "Not found"
    type_slug = "not-found"


class Conflict(CatchallError):
    status = 409
    title = "Conflict"
    type_slug = "conflict"


class PermissionDenied(CatchallError):
    status = 403
    title = "Forbidden"
    type_slug = "forbidden"


class NotAuthenticated(CatchallError):
    status = 401
    title = "Not authenticated"
    type_slug = "not-authenticated"


class TooLarge(CatchallError):
    status = 413
    title = "Payload too large"
    type_slug = "too-large"


class RateLimited(CatchallError):
    status = 429
    title = "Too many requests"
    type_slug = "rate-limited"


class DataError(CatchallError):
    """Shipped or stored reference data is inconsistent (fails validation at load)."""

    status = 500
    title = "Reference data error"
    type_slug = "data-error"


class StoreError(CatchallError):
    status = 503
    title = "Store unavailable"
    type_slug = "store-unavailable"


class AuditChainBroken(CatchallError):
    status = 409
    title = "Audit chain broken"
    type_slug = "audit-chain-broken"
