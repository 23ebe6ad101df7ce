"""The MTCR Guidelines as data: the paragraphs and the paragraph-3 evaluation factors the rules cite."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from catchall.errors import DataError

FACTOR_LETTERS = ("A", "B", "C", "D", "E", "F")


@dataclass(frozen=True)
class Paragraph:
    id: str
    title: str
    summary: str
    source: str

    @property
    def ref(self) -> str:
        return f"MTCR Guidelines para {self.id}"


@dataclass(frozen=True)
class Guidelines:
    document: str
    source: str
    paragraphs: dict[str, Paragraph]
    factors: dict[str, str]
    no_undercut: str

    def para(self, ident: str) -> Paragraph:
        return self.paragraphs[ident]


def _require(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj or obj[key] in (None, ""):
        raise DataError(f"mtcr_guidelines/guidelines.yaml: {where} lacks {key!r}")
    return obj[key]


@lru_cache(maxsize=1)
def load_guidelines() -> Guidelines:
    """Load and validate the shipped Guidelines data once."""
    text = resources.files("catchall").joinpath("data/mtcr_guidelines/guidelines.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    paragraphs: dict[str, Paragraph] = {}
    factors: dict[str, str] = {}
    for rec in _require(raw, "paragraphs", "document"):
        pid = str(_require(rec, "id", "a paragraph"))
        if pid in paragraphs:
            raise DataError(f"mtcr_guidelines/guidelines.yaml: paragraph {pid} appears twice")
        paragraphs[pid] = Paragraph(
            id=pid,
            title=str(_require(rec, "title", f"paragraph {pid}")),
            summary=str(_require(rec, "summary", f"paragraph {pid}")).strip(),
            source=str(_require(rec, "source", f"paragraph {pid}")),
        )
        if "factors" in rec:
            factors = {str(k): str(v) for k, v in rec["factors"].items()}
    if tuple(sorted(factors)) != FACTOR_LETTERS:
        raise DataError("mtcr_guidelines/guidelines.yaml: paragraph 3 must list factors A to F")
    for needed in ("1", "2", "3", "5", "6", "7"):
        if needed not in paragraphs:
            raise DataError(f"mtcr_guidelines/guidelines.yaml: paragraph {needed} is missing")
    undercut = _require(raw, "no_undercut", "document")
    return Guidelines(
        document=str(_require(raw, "document", "document")),
        source=str(_require(raw, "source", "document")),
        paragraphs=paragraphs,
        factors=factors,
        no_undercut=str(_require(undercut, "summary", "no_undercut")).strip(),
    )
