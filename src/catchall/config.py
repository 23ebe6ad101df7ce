"""Settings, all read from ``CATCHALL_*`` environment variables (documented in the README)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from catchall.errors import InvalidInput


def _data_dir() -> Path:
    return Path(os.environ.get("CATCHALL_DATA_DIR") or user_data_dir("catchall", appauthor=False))


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be an integer, got {raw!r}") from exc


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=_data_dir)
    database_url: str = ""
    secret_key: str = ""
    screening_threshold: float = 0.7
    max_upload_bytes: int = 200 * 1024 * 1024
    log_level: str = "INFO"
    secure_cookies: bool = False
    login_max_attempts: int = 5
    login_window_seconds: int = 300

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "indexes"


def get_settings() -> Settings:
    data_dir = _data_dir()
    db_url = os.environ.get("CATCHALL_DATABASE_URL") or f"sqlite:///{data_dir / 'catchall.db'}"
    return Settings(
        data_dir=data_dir,
        database_url=db_url,
        secret_key=os.environ.get("CATCHALL_SECRET_KEY", ""),
        screening_threshold=_float("CATCHALL_SCREENING_THRESHOLD", 0.7),
        max_upload_bytes=_int("CATCHALL_MAX_UPLOAD_BYTES", 200 * 1024 * 1024),
        log_level=os.environ.get("CATCHALL_LOG_LEVEL", "INFO"),
        secure_cookies=os.environ.get("CATCHALL_SECURE_COOKIES", "").lower() in {"1", "true", "yes"},
        login_max_attempts=_int("CATCHALL_LOGIN_MAX_ATTEMPTS", 5),
        login_window_seconds=_int("CATCHALL_LOGIN_WINDOW_SECONDS", 300),
    )
