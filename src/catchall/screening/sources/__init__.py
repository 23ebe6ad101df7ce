"""List importers: each published list format -> FtM-shaped ``Entity`` objects (pure, no store access).

``SOURCES`` maps the source names used by ``catchall lists import SOURCE FILE`` to their importer.
Each importer is ``parse(path, dataset, report=None, *, label=None) -> Iterator[Entity]`` and raises
``InvalidInput`` naming the file and line/element for anything it cannot read. ``ftm-delta`` yields
``Change`` records instead, applied on top of the current version by the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catchall.errors import InvalidInput
from catchall.screening.sources import csl, eu, ftm, ofac_advanced, ofac_csv, ofac_xml, uk, un
from catchall.screening.sources.base import Change, ParseReport, check_file

__all__ = ["SOURCES", "Change", "ParseReport", "SourceFormat", "get_source"]


def _single(path: Path) -> list[Path]:
    return [path]


@dataclass(frozen=True)
class SourceFormat:
    name: str
    title: str
    default_list: str
    parse: Callable[..., Iterator[Any]]
    delta: bool = False
    inputs: Callable[[Path], list[Path]] = _single

    def check(self, path: Path, label: str | None = None) -> None:
        """Before parsing: the input exists and is not empty (the CSV set may be a directory)."""
        if self.name == "ofac-csv" and path.is_dir():
            if not self.inputs(path):
                raise InvalidInput(
                    f"{label or path.name}: no OFAC CSV files (sdn.csv, add.csv, alt.csv) in the directory"
                )
            return
        check_file(path, label)


SOURCES: dict[str, SourceFormat] = {
    s.name: s
    for s in (
        SourceFormat("ftm", "FollowTheMoney / OpenSanctions entities (JSON lines)", "", ftm.parse),
        SourceFormat(
            "ftm-delta", "FollowTheMoney / OpenSanctions delta (op ADD/MOD/DEL)", "", ftm.parse_delta, delta=True
        ),
        SourceFormat("ofac-xml", "US OFAC SDN list, XML (sdn.xml, consolidated.xml)", "us_ofac_sdn", ofac_xml.parse),
        SourceFormat(
            "ofac-advanced", "US OFAC SDN list, Advanced XML (sdn_advanced.xml)", "us_ofac_sdn", ofac_advanced.parse
        ),
        SourceFormat(
            "ofac-csv",
            "US OFAC SDN list, legacy CSV (sdn.csv + add.csv + alt.csv)",
            "us_ofac_sdn",
            ofac_csv.parse,
            inputs=ofac_csv.inputs,
        ),
        SourceFormat("csl-json", "US Consolidated Screening List (trade.gov), JSON", "us_trade_csl", csl.parse_json),
        SourceFormat("csl-csv", "US Consolidated Screening List (trade.gov), CSV", "us_trade_csl", csl.parse_csv),
        SourceFormat("un-xml", "UN Security Council consolidated list, XML", "un_sc_sanctions", un.parse),
        SourceFormat("eu-xml", "EU Financial Sanctions Files, consolidated XML", "eu_fsf", eu.parse),
        SourceFormat(
            "uk-csv",
            "UK OFSI consolidated list (ConList.csv) or FCDO UK Sanctions List, CSV",
            "gb_hmt_sanctions",
            uk.parse,
        ),
    )
}


def get_source(name: str) -> SourceFormat:
    try:
        return SOURCES[name]
    except KeyError:
        raise InvalidInput(f"unknown list source {name!r}: use one of {', '.join(SOURCES)}") from None
