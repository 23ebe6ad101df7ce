#!/usr/bin/env python3
"""List import speed: generated FtM and OFAC-SDN-XML-like files through the importers and the import service.

For each format it reports two numbers in entities/s:
- parse: the importer alone (file -> Entity objects), streaming, nothing stored;
- import: ``services.lists.import_file`` end to end (checksum, parse, store in one transaction, build and
  save the screening index, atomic flip, audit), re-screening off.
The files are synthetic (random names from a small syllable set, 1-3 aliases, a date of birth, a country,
an address, a passport); a temporary data directory and SQLite database are used unless
``--database-url`` is given. Nothing touches the user's data.

    .venv/bin/python benchmarks/import_lists.py --entities 50000
    .venv/bin/python benchmarks/import_lists.py --entities 20000 --database-url postgresql+psycopg://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

SYLLABLES = ["al", "ka", "ri", "mo", "dan", "sa", "lin", "vo", "ra", "zu", "hen", "ta", "mir", "qa", "sor", "el"]
COUNTRIES = [("ir", "Iran"), ("ru", "Russia"), ("kp", "Korea, North"), ("sy", "Syria"), ("cn", "China"), ("ae", "UAE")]


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(parts))


def write_ftm(path: Path, n: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            code, _ = rng.choice(COUNTRIES)
            person = rng.random() < 0.6
            props = {
                "name": [_name(rng, 3 if person else 4)],
                "alias": [_name(rng, 2) for _ in range(rng.randint(0, 3))],
                "country": [code],
                "topics": ["sanction"],
            }
            if person:
                props["birthDate"] = [f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
                props["passportNumber"] = [f"P{rng.randint(10**7, 10**8)}"]
            ent = {"id": f"bench-{i}", "schema": "Person" if person else "Organization", "properties": props}
            fh.write(json.dumps(ent) + "\n")
    return path


def write_ofac_xml(path: Path, n: int, seed: int = 2) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\n')
        fh.write(
            f"<publshInformation><Publish_Date>11/20/2026</Publish_Date><Record_Count>{n}</Record_Count></publshInformation>\n"
        )
        for i in range(n):
            person = rng.random() < 0.6
            _, country = rng.choice(COUNTRIES)
            parts = [f"<sdnEntry><uid>{i + 1}</uid>"]
            if person:
                parts.append(
                    f"<firstName>{escape(_name(rng, 2))}</firstName><lastName>{escape(_name(rng, 1).upper())}</lastName>"
                )
                parts.append("<sdnType>Individual</sdnType>")
            else:
                parts.append(f"<lastName>{escape(_name(rng, 4).upper())}</lastName><sdnType>Entity</sdnType>")
            parts.append("<programList><program>NPWMD</program></programList>")
            parts.append(
                f"<idList><id><uid>{i}1</uid><idType>Passport</idType><idNumber>P{rng.randint(10**7, 10**8)}</idNumber></id></idList>"
            )
            akas = "".join(
                f"<aka><uid>{i}{k}</uid><type>a.k.a.</type><category>{'weak' if k == 2 else 'strong'}</category>"
                f"<lastName>{escape(_name(rng, 2).upper())}</lastName></aka>"
                for k in range(rng.randint(0, 3))
            )
            parts.append(f"<akaList>{akas}</akaList>")
            parts.append(
                f"<addressList><address><uid>{i}9</uid><address1>{rng.randint(1, 300)} Main Street</address1>"
                f"<city>{escape(_name(rng, 1))}</city><country>{escape(country)}</country></address></addressList>"
            )
            if person:
                parts.append(
                    "<dateOfBirthList><dateOfBirthItem><uid>1</uid>"
                    f"<dateOfBirth>{rng.randint(1, 28):02d} Jan {rng.randint(1940, 2000)}</dateOfBirth>"
                    "<mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>"
                )
            parts.append("</sdnEntry>\n")
            fh.write("".join(parts))
        fh.write("</sdnList>\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=50000)
    ap.add_argument("--database-url", default=None, help="Store to benchmark (default: a temporary SQLite file).")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="catchall-bench-"))
    os.environ["CATCHALL_DATA_DIR"] = str(work / "data")
    from catchall.screening.sources import SOURCES
    from catchall.services import lists
    from catchall.store.db import Database
    from catchall.store.migrate import upgrade

    db = Database(args.database_url or f"sqlite:///{work / 'bench.db'}")
    upgrade(db)
    results = []
    for source, writer, fname in (("ftm", write_ftm, "bench.ftm.json"), ("ofac-xml", write_ofac_xml, "sdn.xml")):
        path = writer(work / fname, args.entities)
        size_mb = path.stat().st_size / 1e6
        t0 = time.perf_counter()
        n = sum(1 for _ in SOURCES[source].parse(path, "bench"))
        parse_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        v = lists.import_file(db, source, path, f"bench-{source}", "benchmark", rescreen=False, max_bytes=1 << 40)
        import_s = time.perf_counter() - t0
        results.append(
            {
                "source": source,
                "entities": n,
                "file_mb": round(size_mb, 1),
                "parse_s": round(parse_s, 2),
                "parse_entities_per_s": round(n / parse_s),
                "import_s": round(import_s, 2),
                "import_entities_per_s": round(v.entity_count / import_s),
                "indexed": bool(v.index_path),
            }
        )
    print(f"{'source':10} {'entities':>9} {'MB':>6} {'parse/s':>9} {'import s':>9} {'import/s':>9}")
    for r in results:
        print(
            f"{r['source']:10} {r['entities']:>9} {r['file_mb']:>6} {r['parse_entities_per_s']:>9} "
            f"{r['import_s']:>9} {r['import_entities_per_s']:>9}"
        )
    print(json.dumps({"database": db.dialect, "results": results}))


if __name__ == "__main__":
    main()
