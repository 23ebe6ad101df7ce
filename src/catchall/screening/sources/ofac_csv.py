"""US OFAC SDN list, legacy CSV set: ``sdn.csv`` + ``add.csv`` + ``alt.csv`` (+ ``sdn_comments.csv``).

Per OFAC's data specification the files have no header row, records are comma separated with quoted
text, nulls are ``-0-`` and the text is Latin-1 / Windows-1252:
- sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag,
  Vess_owner, Remarks. Individuals are named "LAST, First"; several programmes read "SDGT] [IRGC".
- add.csv: ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks.
- alt.csv: ent_num, alt_num, alt_type (aka | fka | nka), alt_name, alt_remarks.
- sdn_comments.csv: ent_num, Remarks_Extended (the remarks that did not fit in 1000 characters).
Dates of birth, passports, nationality ... are only in the remarks ("DOB 05 Jan 1962; POB Havana, Cuba;
nationality Cuba; Passport A123 (Cuba)"), which are parsed clause by clause; the full text stays in notes.
Weak (low quality) a.k.a.s are the ones OFAC prints in double quotes or marks weak in the remarks.

Input: the path of ``sdn.csv`` (siblings found beside it), a directory holding the set, or a ``.zip`` of it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from catchall.errors import InvalidInput, TooLarge
from catchall.model.entity import Entity
from catchall.screening.sources.base import EntityBuilder, ParseReport
from catchall.screening.sources.ofac_xml import SCHEMA, entity_id
from catchall.screening.sources.textfile import decode, rows
from catchall.screening.sources.values import countries, join, parse_date

FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")
# the real sdn.csv is a few MB; a member claiming more than this is refused before it is inflated (zip bomb)
MAX_MEMBER_BYTES = 256 * 1024 * 1024
NULL = "-0-"
SDN_FIELDS = 12


def _v(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if value in ("", NULL) else value


def inputs(path: Path) -> list[Path]:
    """The files that make up one import (for the checksum): the zip, or the CSV set present."""
    if path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
        return [path]
    folder = path if path.is_dir() else path.parent
    found = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    return [found[name] for name in FILES if name in found]


def _read_set(path: Path, label: str) -> dict[str, tuple[str, str]]:
    """name -> (label, decoded text) for each file of the set present."""
    out: dict[str, tuple[str, str]] = {}
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = Path(info.filename).name.lower()
                if name in FILES and info.file_size > MAX_MEMBER_BYTES:
                    raise TooLarge(
                        f"{label}: {info.filename} unpacks to {info.file_size} bytes, over {MAX_MEMBER_BYTES}"
                    )
                if name in FILES:
                    out[name] = (f"{label}:{info.filename}", decode(zf.read(info), name, legacy="cp1252"))
    else:
        for p in inputs(path):
            out[p.name.lower()] = (p.name, decode(p.read_bytes(), p.name, legacy="cp1252"))
    if "sdn.csv" not in out:
        raise InvalidInput(f"{label}: the OFAC CSV set needs sdn.csv (with add.csv and alt.csv beside it)")
    return out


# "Passport A1234567 (Cuba)", "National ID No. 123 (Iran)", "Gender Male" ...
_CLAUSES = [
    (re.compile(r"^(?:alt\.\s+)?DOB\s+(.+)$", re.I), "dob"),
    (re.compile(r"^(?:alt\.\s+)?POB\s+(.+)$", re.I), "pob"),
    (re.compile(r"^nationality\s+(.+)$", re.I), "nationality"),
    (re.compile(r"^citizen\s+(.+)$", re.I), "citizenship"),
    (re.compile(r"^(?:alt\.\s+)?Passport\s+([^\s(;]+)", re.I), "passportNumber"),
    (re.compile(r"^(?:alt\.\s+)?National ID No\.\s+([^\s(;]+)", re.I), "idNumber"),
    (re.compile(r"^Gender\s+(\w+)", re.I), "gender"),
    (re.compile(r"^Email Address\s+(\S+)", re.I), "email"),
    (re.compile(r"^Website\s+(\S+)", re.I), "website"),
    (re.compile(r"^(?:Vessel Registration Identification\s+)?IMO\s+(\d{7})", re.I), "imoNumber"),
    (re.compile(r"^SWIFT/BIC\s+(\S+)", re.I), "swiftBic"),
    (re.compile(r"^Tax ID No\.\s+([^\s(;]+)", re.I), "taxNumber"),
    (re.compile(r"^Registration ID\s+([^\s(;]+)", re.I), "registrationNumber"),
]
_WEAK_IN_REMARKS = re.compile(r'a\.k\.a\.\s+"([^"]+)"', re.I)


def apply_remarks(b: EntityBuilder, remarks: str) -> None:
    person = b.schema == "Person"
    for clause in (c.strip() for c in remarks.rstrip(".").split(";")):
        for pattern, prop in _CLAUSES:
            m = pattern.match(clause)
            if not m:
                continue
            value = m.group(1).strip()
            if prop == "dob":
                b.add("birthDate", parse_date(value))
            elif prop == "pob":
                b.add("birthPlace", value)
            elif prop in ("nationality", "citizenship"):
                b.add(prop if person else "country", countries([value]))
            elif prop == "gender":
                b.add("gender", value.lower())
            else:
                b.add(prop, value)
            break
    for weak in _WEAK_IN_REMARKS.findall(remarks):
        b.add("weakAlias", weak)
    b.add("notes", remarks)


def parse(path: Path, dataset: str, report: ParseReport | None = None, *, label: str | None = None) -> Iterator[Entity]:
    label = label or path.name
    files = _read_set(path, label)
    builders: dict[str, EntityBuilder] = {}
    lines: dict[str, str] = {}
    remarks: dict[str, list[str]] = {}
    sdn_label, sdn_text = files["sdn.csv"]
    for line, f in rows(sdn_text, sdn_label):
        where = f"{sdn_label} line {line}"
        if len(f) < SDN_FIELDS:
            raise InvalidInput(
                f"{where}: expected {SDN_FIELDS} fields (ent_num, SDN_Name, SDN_Type, ... Remarks), got {len(f)}"
                " — is this the OFAC sdn.csv?"
            )
        ent = _v(f[0])
        if ent is None or not ent.isdigit():
            raise InvalidInput(f"{where}: ent_num must be a number, got {f[0]!r}")
        sdn_type = (_v(f[2]) or "entity").lower()
        schema = SCHEMA.get(sdn_type, "Organization")
        b = EntityBuilder(entity_id(ent), schema, dataset)
        name = _v(f[1])
        if name and schema == "Person" and ", " in name:
            last, first = name.split(", ", 1)
            b.add("name", join(first, last))
            b.add("firstName", first)
            b.add("lastName", last)
        else:
            b.add("name", name)
        b.add("topics", "sanction")
        program = _v(f[3])
        if program:
            b.add("program", [p.strip(" []") for p in program.split("] [")])
        if schema == "Person":
            b.add("position", _v(f[4]))
        b.add("callSign", _v(f[5]))
        b.add("type", _v(f[6]))
        b.add("tonnage", _v(f[7]))
        b.add("grossRegisteredTonnage", _v(f[8]))
        b.add("flag", countries([_v(f[9])]))
        owner = _v(f[10])
        if owner:
            b.add("notes", f"Owner: {owner}")
        if ent in builders:
            raise InvalidInput(f"{where}: ent_num {ent} appears twice")
        builders[ent] = b
        lines[ent] = where
        if _v(f[11]):
            remarks.setdefault(ent, []).append(_v(f[11]) or "")

    def owner_of(ent: str | None, where: str) -> EntityBuilder:
        if ent is None or ent not in builders:
            raise InvalidInput(f"{where}: ent_num {ent!r} is not in sdn.csv")
        return builders[ent]

    if "sdn_comments.csv" in files:
        lab, content = files["sdn_comments.csv"]
        for _line, f in rows(content, lab):
            ent = _v(f[0])
            if ent in builders and len(f) > 1 and _v(f[1]):
                remarks.setdefault(ent, []).append(_v(f[1]) or "")
    if "alt.csv" in files:
        lab, content = files["alt.csv"]
        for line, f in rows(content, lab):
            where = f"{lab} line {line}"
            if len(f) < 4:
                raise InvalidInput(f"{where}: expected 5 fields (ent_num, alt_num, alt_type, alt_name, alt_remarks)")
            b = owner_of(_v(f[0]), where)
            alt_type = (_v(f[2]) or "aka").lower()
            name = _v(f[3])
            alt_remarks = (_v(f[4]) if len(f) > 4 else None) or ""
            if name is None:
                continue
            if schema_is_person(b) and ", " in name:
                last, first = name.split(", ", 1)
                name = join(first, last) or name
            if (name.startswith('"') and name.endswith('"')) or "weak" in alt_remarks.lower():
                b.add("weakAlias", name.strip('"'))
            elif alt_type.startswith("fka"):
                b.add("previousName", name)
            else:
                b.add("alias", name)
    if "add.csv" in files:
        lab, content = files["add.csv"]
        for line, f in rows(content, lab):
            where = f"{lab} line {line}"
            if len(f) < 5:
                raise InvalidInput(
                    f"{where}: expected 6 fields (ent_num, Add_num, Address, City..., Country, Add_remarks)"
                )
            b = owner_of(_v(f[0]), where)
            country = _v(f[4])
            b.add("address", join(_v(f[2]), _v(f[3]), country, sep=", "))
            b.add("country", countries([country]))
    for ent, b in builders.items():
        if ent in remarks:
            apply_remarks(b, " ".join(remarks[ent]))
        yield b.build(f"{lines[ent]} ent_num {ent}")


def schema_is_person(b: EntityBuilder) -> bool:
    return b.schema == "Person"
