#!/usr/bin/env python3
"""Batch screening throughput: local process engine vs Dask LocalCluster on the same machine.

Generates (outside the repository, never committed) a synthetic watch list with the screening-dev
``scale.py`` and N query records, then screens the records with each engine and reports records/s,
the Dask/local throughput ratio and whether both outputs are byte-identical.

Full target run (issue 10: 1,000,000 records vs 100,000 entities in < 10 min on 2 cores; Dask >= 80 %
of local):

    .venv/bin/python benchmarks/batch.py --entities 100000 --records 1000000 --workers 2

Indicative run on a busy machine:

    .venv/bin/python benchmarks/batch.py --entities 20000 --records 20000 --workers 2

Query records: ``--hit-rate`` of them are names taken from the list and perturbed (typo, token order,
dropped token, case), the rest are names recombined from the same material (mostly non-matches, as
in a real counterparty file). Each record has an id, a country and for persons sometimes a birth date.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from catchall.batch.runner import BatchOptions, run_batch

HERE = Path(__file__).resolve()
DEFAULT_SCALE = HERE.parents[2] / "shared" / "datasets" / "screening-dev" / "scale.py"


def make_watchlist(scale: Path, entities: int, out: Path, seed: int) -> Path:
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(scale), "--entities", str(entities), "--out", str(out), "--seed", str(seed)]
    subprocess.run(cmd, check=True)
    return out


def _perturb(name: str, rng: random.Random) -> str:
    toks = name.split()
    kind = rng.randrange(5)
    if kind == 0 and len(toks) > 1:  # token order
        rng.shuffle(toks)
    elif kind == 1:  # one typo
        i = rng.randrange(len(toks))
        t = toks[i]
        if len(t) > 3:
            j = rng.randrange(1, len(t) - 1)
            toks[i] = t[:j] + t[j + 1] + t[j] + t[j + 2 :]
    elif kind == 2 and len(toks) > 2:  # dropped middle token
        del toks[rng.randrange(1, len(toks) - 1)]
    elif kind == 3:
        return name.upper()
    return " ".join(toks)


def make_records(watchlist: Path, records: int, out: Path, seed: int, hit_rate: float) -> Path:
    if out.exists():
        return out
    rng = random.Random(seed)
    listed: list[tuple[str, str, str, str]] = []  # (name, schema, country, birth date)
    tokens: dict[str, list[str]] = {"Person": [], "Company": []}  # name material of persons / organisations
    with watchlist.open(encoding="utf-8") as fh:
        for line in fh:
            e = json.loads(line)
            p = e["properties"]
            name = p["name"][0]
            schema = "Person" if e["schema"] == "Person" else "Company"
            listed.append((name, schema, (p.get("country") or [""])[0], (p.get("birthDate") or [""])[0]))
            tokens[schema].extend(name.split())
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "schema", "country", "birth_date"])
        for i in range(records):
            name, schema, country, born = rng.choice(listed)
            if rng.random() < hit_rate:
                name = _perturb(name, rng)
            else:
                name = " ".join(rng.choice(tokens[schema]) for _ in range(rng.choice((2, 2, 3))))
                born = born if rng.random() < 0.3 else ""
            w.writerow([f"r{i}", name, schema, country, born])
    return out


def run(engine: str, args: argparse.Namespace, records: Path, watchlist: Path, out_dir: Path) -> dict[str, object]:
    output = out_dir / f"hits-{engine}.csv"
    opts = BatchOptions(
        input=records,
        output=output,
        watchlists=(f"scale={watchlist}",),
        engine=engine,
        workers=args.workers,
        threshold=args.threshold,
        chunk_size=args.chunk_size,
        index_dir=out_dir / "index",  # built once, shared by both engines' runs
        progress=not args.quiet,
    )
    summary = run_batch(opts)
    summary["output_path"] = str(output)
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engines", default="local,dask", help="comma-separated: local, dask")
    ap.add_argument("--chunk-size", type=int, default=5000)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--hit-rate", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/catchall-bench"), help="generated data (not in git)")
    ap.add_argument("--scale-script", type=Path, default=DEFAULT_SCALE)
    ap.add_argument("--report", type=Path, default=None, help="write the measurements as JSON here")
    ap.add_argument("--quiet", action="store_true", help="no progress bars")
    args = ap.parse_args()

    data = args.data_dir
    watchlist = make_watchlist(args.scale_script, args.entities, data / f"wl-{args.entities}.ftm.jsonl", args.seed)
    records = make_records(
        watchlist, args.records, data / f"records-{args.records}-{args.entities}.csv", args.seed, args.hit_rate
    )
    out_dir = data / f"run-{args.records}-{args.entities}-w{args.workers}"
    results: dict[str, dict[str, object]] = {}
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        t0 = time.perf_counter()
        results[engine] = run(engine, args, records, watchlist, out_dir)
        results[engine]["wall_seconds"] = round(time.perf_counter() - t0, 2)

    print(f"\n{args.records:,} records vs {args.entities:,} entities, {args.workers} workers, chunk {args.chunk_size}")
    print(f"{'engine':<8}{'records/s':>12}{'screen s':>10}{'index s':>9}{'matches':>10}{'CPU ms/rec':>12}")
    for engine, s in results.items():
        print(
            f"{engine:<8}{s['records_per_second']:>12,.0f}{s['screening_seconds']:>10.1f}"
            f"{s['index_seconds']:>9.1f}{s['matches']:>10,}{s['worker_cpu_ms_per_record']:>12.3f}"
        )
    report: dict[str, object] = {
        "entities": args.entities,
        "records": args.records,
        "workers": args.workers,
        "chunk_size": args.chunk_size,
        "results": {
            e: {
                k: s[k] for k in ("records_per_second", "screening_seconds", "index_seconds", "matches", "wall_seconds")
            }
            for e, s in results.items()
        },
    }
    if "local" in results and "dask" in results:
        ratio = float(results["dask"]["records_per_second"]) / float(results["local"]["records_per_second"])  # type: ignore[arg-type]
        same = (
            Path(str(results["local"]["output_path"])).read_bytes()
            == Path(str(results["dask"]["output_path"])).read_bytes()
        )
        report["dask_over_local"] = round(ratio, 3)
        report["identical_output"] = same
        print(f"dask / local throughput: {ratio:.0%}; identical output: {same}")
    local = results.get("local")
    if local:
        per_worker = float(local["records_per_second"]) / args.workers  # type: ignore[arg-type]
        report["per_worker_records_per_second"] = round(per_worker, 1)
        print(
            f"per worker: {per_worker:,.0f} records/s -> 1,000,000 records on {args.workers} workers "
            f"in ~{1_000_000 / (per_worker * args.workers) / 60:.1f} min (this list size)"
        )
    for engine, s in results.items():
        # On a shared machine wall-clock rates understate what dedicated cores do; CPU per record does not.
        cpu_ms = float(s["worker_cpu_ms_per_record"])  # type: ignore[arg-type]
        projected = 1_000_000 * cpu_ms / 1000 / args.workers / 60
        report.setdefault("projected_minutes_1m_records_dedicated_cores", {})[engine] = round(projected, 1)  # type: ignore[index]
        print(
            f"{engine}: {cpu_ms:.3f} CPU ms/record -> 1,000,000 records on {args.workers} dedicated cores ~{projected:.1f} min"
        )
    if args.report:
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
