#!/usr/bin/env python3
"""Screening benchmark: accuracy (F1 per family) and speed, catchall against two baselines.

Baselines, run over the same dev set in the same run:
  * brute force  -- every query compared with every listed name by rapidfuzz (token_sort_ratio), no index;
  * nomenklatura -- the OpenSanctions ``logic-v2`` scorer over the candidates catchall's index retrieved
                    (so the comparison is of scorers, not of retrieval). nomenklatura needs followthemoney
                    and PyICU, so it runs in its own virtual environment: pass ``--nomenklatura-python
                    /tmp/bench-venv/bin/python`` (a venv with ``pip install nomenklatura``).

Speed: lists of N entities are made with the dev set's ``scale.py`` (written under /tmp, never committed);
each size runs in a fresh subprocess so that resident memory is that of one index.

Examples:
  .venv/bin/python benchmarks/screening.py                       # accuracy on the dev set + brute force
  .venv/bin/python benchmarks/screening.py --sizes 100000 1000000  # plus speed at those list sizes
  .venv/bin/python benchmarks/screening.py --nomenklatura-python /tmp/bench-venv/bin/python
  .venv/bin/python benchmarks/screening.py --ablation             # what each normalisation step buys
Prints markdown tables; ``--json FILE`` also writes the raw figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DEV = HERE.parent.parent / "shared" / "datasets" / "screening-dev"
BRUTE_THRESHOLD = 88.0  # token_sort_ratio cut for the brute-force baseline (its best F1 on the dev set)
NOMENKLATURA_THRESHOLD = 0.7


# -- scoring (the dev set's rules, re-implemented so per-family figures come out as data) ------------
def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_results(truth: list[dict[str, Any]], matched: dict[str, set[str]]) -> dict[str, dict[str, float]]:
    """Per family and overall: TP/FP/FN, precision, recall, F1 (N5 'ambiguous' kept out of OVERALL)."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in truth:
        got = matched.get(t["query_id"], set())
        exp = set(t["expected"])
        tp = 1 if exp & got else 0
        fn = 1 if exp and not tp else 0
        fp = len(got - exp)
        groups = [t["family"]]
        if not str(t.get("note", "")).startswith("ambiguous"):
            groups.append("OVERALL")
        for g in groups:
            stats[g][0] += tp
            stats[g][1] += fp
            stats[g][2] += fn
    out = {}
    for g, (tp, fp, fn) in stats.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[g] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}
    return out


# -- engines ---------------------------------------------------------------------------------------
def run_catchall(dev: Path) -> tuple[dict[str, set[str]], float, Any, list[dict[str, Any]]]:
    from catchall.model.entity import Entity
    from catchall.screening import ScreeningIndex

    index = ScreeningIndex.build_from_file(dev / "watchlist.ftm.jsonl", version="dev", name="dev")
    queries = load_jsonl(dev / "queries.jsonl")
    entities = [Entity.from_ftm(q) for q in queries]
    start = time.perf_counter()
    matched = {e.id: {m.id for m in index.match(e, limit=5) if m.match} for e in entities}
    elapsed = time.perf_counter() - start
    return matched, len(entities) / elapsed, index, queries


def _brute_names(watchlist: Iterable[dict[str, Any]]) -> tuple[list[str], list[str]]:
    from rapidfuzz import utils

    names, owners = [], []
    for e in watchlist:
        props = e.get("properties", {})
        for n in props.get("name", []) + props.get("alias", []):
            names.append(utils.default_process(n))
            owners.append(e["id"])
    return names, owners


def run_brute_force(dev: Path, limit: int | None = None) -> tuple[dict[str, set[str]], float]:
    """Every query against every listed name: rapidfuzz token_sort_ratio, best score per entity."""
    from rapidfuzz import fuzz, process, utils

    names, owners = _brute_names(load_jsonl(dev / "watchlist.ftm.jsonl"))
    queries = load_jsonl(dev / "queries.jsonl")[:limit]
    matched: dict[str, set[str]] = {}
    start = time.perf_counter()
    for q in queries:
        hits: set[str] = set()
        for qn in q.get("properties", {}).get("name", []):
            for _, _score, idx in process.extract(
                utils.default_process(qn), names, scorer=fuzz.token_sort_ratio, limit=5, score_cutoff=BRUTE_THRESHOLD
            ):
                hits.add(owners[idx])
        matched[q["id"]] = hits
    return matched, len(queries) / (time.perf_counter() - start)


def run_nomenklatura(python: str, index: Any, queries: list[dict[str, Any]]) -> tuple[dict[str, set[str]], float]:
    """logic-v2 over the candidates catchall retrieves (up to 10 per query), in the benchmark venv."""
    from catchall.model.entity import Entity
    from catchall.screening.scoring import profile

    pairs = []
    for q in queries:
        ent = Entity.from_ftm(q)
        prof = profile(ent.schema_, ent.properties)
        cands = [index._ids[k] for k in index._candidates(prof)]  # same retrieval, different scorer
        pairs.append({"query": q, "candidates": [json.loads(index._raw[index._pos[c]]) for c in cands]})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(pairs, fh)
        path = fh.name
    proc = subprocess.run(
        [python, str(Path(__file__).resolve()), "--worker-nomenklatura", path],
        capture_output=True,
        text=True,
        check=False,
    )
    os.unlink(path)
    if proc.returncode != 0:
        raise RuntimeError(f"nomenklatura worker failed: {proc.stderr.strip()[-2000:]}")
    out = json.loads(proc.stdout)
    matched = {
        qid: {cid for cid, s in scores.items() if s >= NOMENKLATURA_THRESHOLD} for qid, scores in out["scores"].items()
    }
    return matched, out["qps"]


def nomenklatura_worker(path: str) -> None:
    """Runs inside the benchmark venv (nomenklatura installed, catchall not needed)."""
    from followthemoney import model
    from nomenklatura.matching import get_algorithm

    algo = get_algorithm("logic-v2")
    if algo is None:
        raise SystemExit("nomenklatura has no 'logic-v2' algorithm in this version")
    config: Any = None
    try:
        from nomenklatura.matching.types import ScoringConfig

        config = ScoringConfig.defaults()
    except Exception:  # older versions take no config
        config = None
    pairs = json.loads(Path(path).read_text(encoding="utf-8"))

    def proxy(data: dict[str, Any]) -> Any:
        body = {"id": data.get("id") or "q", "schema": data.get("schema", "LegalEntity"), "properties": {}}
        schema = model.get(body["schema"]) or model.get("LegalEntity")
        for prop, values in (data.get("properties") or {}).items():
            if schema is not None and prop in schema.properties:
                body["properties"][prop] = values
        return model.get_proxy(body)

    prepared = [(proxy(p["query"]), [proxy(c) for c in p["candidates"]]) for p in pairs]
    scores: dict[str, dict[str, float]] = {}
    start = time.perf_counter()
    for (q, cands), p in zip(prepared, pairs, strict=True):
        row = {}
        for c in cands:
            res = algo.compare(q, c, config) if config is not None else algo.compare(q, c)
            row[c.id] = float(res.score if hasattr(res, "score") else res["score"])
        scores[p["query"]["id"]] = row
    qps = len(prepared) / (time.perf_counter() - start)
    print(json.dumps({"scores": scores, "qps": qps}))


# -- speed at scale ----------------------------------------------------------------------------------
def speed_worker(list_path: str, queries_path: str, repeat: int) -> None:
    """Build the index of one large list, then screen the dev queries; prints JSON (fresh process)."""
    from catchall.model.entity import Entity
    from catchall.screening import ScreeningIndex

    t0 = time.perf_counter()
    index = ScreeningIndex.build_from_file(list_path, version="scale", name="scale")
    build = time.perf_counter() - t0
    rss_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before a loaded copy joins it
    with tempfile.TemporaryDirectory() as tmp:
        saved = Path(tmp) / "index.npz"
        t0 = time.perf_counter()
        index.save(saved)
        save_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        loaded = ScreeningIndex.load(saved)
        load_s = time.perf_counter() - t0
    del index
    index = loaded  # screen with the loaded copy, as a restarted service would
    queries = [Entity.from_ftm(q) for q in load_jsonl(Path(queries_path))]
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(repeat):
        for q in queries:
            index.match(q, limit=5)
    n = len(queries) * repeat
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    # the same queries again: what a long-running service sees once its word caches are warm
    t0 = time.perf_counter()
    for q in queries:
        index.match(q, limit=5)
    warm = len(queries) / (time.perf_counter() - t0)
    rss_mb = max(rss_build, 0.0)
    print(
        json.dumps(
            {
                "entities": len(index),
                "build_s": build,
                "save_s": save_s,
                "load_s": load_s,
                "qps_wall": n / wall,
                "qps_cpu": n / cpu,
                "qps_warm": warm,
                "rss_mb": rss_mb,
            }
        )
    )


def brute_speed(list_path: Path, queries: list[dict[str, Any]], n: int) -> float:
    from rapidfuzz import fuzz, process, utils

    names, _ = _brute_names(load_jsonl(list_path))
    t0 = time.perf_counter()
    for q in queries[:n]:
        for qn in q.get("properties", {}).get("name", []):
            process.extract(utils.default_process(qn), names, scorer=fuzz.token_sort_ratio, limit=5)
    return n / (time.perf_counter() - t0)


def make_list(dev: Path, size: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"catchall-screening-{size}.ftm.jsonl"
    if not path.exists():
        subprocess.run([sys.executable, str(dev / "scale.py"), "--entities", str(size), "--out", str(path)], check=True)
    return path


# -- ablation ------------------------------------------------------------------------------------------
def _ablate(name: str) -> Callable[[], None]:
    """Switch one normalisation aid off (monkeypatch; measurement only)."""

    def run() -> None:
        from catchall.screening import index as index_mod
        from catchall.screening import knowledge as kn
        from catchall.screening import scoring
        from catchall.screening import text as text_mod

        if name == "variant tables":
            kn.NameKnowledge.variants_equal = lambda self, a, b: False  # type: ignore[method-assign]
            kn.knowledge().variant_groups.clear()
        elif name == "phonetic skeleton":
            scoring.skeleton = lambda t: t  # type: ignore[assignment]
            index_mod.skeleton = lambda t: t  # type: ignore[assignment]
        elif name == "other romanisations (de/fr/uk)":
            scoring.other_romanisations = lambda t: ()  # type: ignore[assignment]
        elif name == "pinyin syllables":
            scoring.pinyin_split = lambda t: None  # type: ignore[assignment]
        elif name == "anyascii (diacritics, scripts)":
            import unicodedata

            def strip(text: str) -> str:
                return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))

            text_mod.anyascii = strip  # type: ignore[assignment]
        elif name == "rarity weights":
            index_mod.ScreeningIndex._df = lambda self, key: 0  # type: ignore[method-assign]

    return run


ABLATIONS = [
    "variant tables",
    "phonetic skeleton",
    "other romanisations (de/fr/uk)",
    "pinyin syllables",
    "anyascii (diacritics, scripts)",
    "rarity weights",
]

NATIVE_CASES = [  # native-script queries against Latin-script entries (a small cross-script check)
    ("Person", "Vladimir Vladimirovich Putin", "Владимир Владимирович Путин"),
    ("Person", "Oleksandr Hnatyuk", "Олександр Гнатюк"),
    ("Person", "Kim Jong Un", "김정은"),
    ("Person", "Park Chung-hee", "박정희"),
    ("Person", "Choe Ryong Hae", "최룡해"),
    ("Person", "Lee Myung-bak", "이명박"),
    ("Person", "Xi Jinping", "习近平"),
    ("Person", "Mao Tse-tung", "毛泽东"),
    ("Person", "Zhang Wei", "张伟"),
    ("Person", "Mohammed Abdul Rahman", "محمد عبد الرحمن"),
    ("Person", "Ali Khamenei", "علی خامنه‌ای"),
    ("Person", "Hassan Rouhani", "حسن روحانی"),
    ("Person", "Mahmoud Ahmadinejad", "محمود احمدی‌نژاد"),
    ("Person", "Qasem Soleimani", "قاسم سلیمانی"),
    ("Person", "Abdullah Yusuf Azzam", "عبد الله يوسف عزام"),
    ("Person", "Sergei Kuzhugetovich Shoigu", "Шойгу Сергей Кужугетович"),
    ("Person", "Yevgeny Prigozhin", "Евгений Пригожин"),
    ("Company", "Rosoboronexport JSC", "АО Рособоронэкспорт"),
]


def native_recall(dev: Path) -> float:
    from catchall.model.entity import Entity
    from catchall.screening import ScreeningIndex

    extra = [
        {"id": f"native-{i}", "schema": s, "properties": {"name": [latin]}}
        for i, (s, latin, _) in enumerate(NATIVE_CASES)
    ]
    base = load_jsonl(dev / "watchlist.ftm.jsonl")
    index = ScreeningIndex.build((Entity.from_ftm(e) for e in base + extra), version="n", name="n")
    hits = 0
    for i, (schema, _, native) in enumerate(NATIVE_CASES):
        results = index.match_name(native, schema=schema)
        hits += any(m.id == f"native-{i}" and m.match for m in results)
    return hits / len(NATIVE_CASES)


def ablation_worker(dev: str, name: str) -> None:
    if name != "none":
        _ablate(name)()
    matched, qps, _, _ = run_catchall(Path(dev))
    scores = score_results(load_jsonl(Path(dev) / "truth.jsonl"), matched)["OVERALL"]
    print(json.dumps({**scores, "native_recall": native_recall(Path(dev)), "qps": qps}))


# -- report ----------------------------------------------------------------------------------------------
def fmt_table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="screening-dev directory")
    ap.add_argument("--sizes", type=int, nargs="*", default=[], help="list sizes for the speed test")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the 1,000 dev queries per size")
    ap.add_argument("--brute-speed-queries", type=int, default=100, help="queries for the brute-force speed test")
    ap.add_argument("--nomenklatura-python", help="python of a venv with nomenklatura installed")
    ap.add_argument("--ablation", action="store_true", help="measure what each normalisation aid buys")
    ap.add_argument("--no-brute", action="store_true", help="skip the brute-force baseline")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--worker-nomenklatura", help=argparse.SUPPRESS)
    ap.add_argument("--worker-speed", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--worker-ablation", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker_nomenklatura:
        nomenklatura_worker(args.worker_nomenklatura)
        return 0
    if args.worker_speed:
        speed_worker(args.worker_speed[0], args.worker_speed[1], int(args.worker_speed[2]))
        return 0
    if args.worker_ablation:
        ablation_worker(str(args.dev), args.worker_ablation)
        return 0

    dev: Path = args.dev
    truth = load_jsonl(dev / "truth.jsonl")
    report: dict[str, Any] = {"accuracy": {}, "speed": [], "ablation": []}
    print(f"# Screening benchmark\n\ndev set: `{dev}`; machine: {os.cpu_count()} CPUs, one process, one core\n")

    engines: dict[str, tuple[dict[str, set[str]], float]] = {}
    matched, qps, index, queries = run_catchall(dev)
    engines["catchall"] = (matched, qps)
    if not args.no_brute:
        engines["brute-force rapidfuzz"] = run_brute_force(dev)
    if args.nomenklatura_python:
        try:
            engines["nomenklatura logic-v2 (same candidates)"] = run_nomenklatura(
                args.nomenklatura_python, index, queries
            )
        except RuntimeError as exc:
            print(f"> nomenklatura baseline not run: {exc}\n")
    scored = {name: score_results(truth, m) for name, (m, _) in engines.items()}
    report["accuracy"] = {name: {"qps_dev": engines[name][1], **s} for name, s in scored.items()}

    print("## Accuracy at the default threshold (dev set, 5,000 entities)\n")
    rows = [
        [name, s["OVERALL"]["precision"], s["OVERALL"]["recall"], s["OVERALL"]["f1"], round(engines[name][1])]
        for name, s in scored.items()
    ]
    print(fmt_table(["engine", "precision", "recall", "F1", "queries/s (dev list)"], rows) + "\n")
    families = sorted({t["family"] for t in truth}, key=lambda f: (f[0], int(f[1:])))
    print("## Per family (F = recall of positives; N = false alarms)\n")
    fam_rows = []
    for fam in families:
        row: list[Any] = [fam]
        for name in scored:
            s = scored[name].get(fam, {"recall": 1.0, "fp": 0})
            row.append(s["recall"] if fam.startswith("F") else f"{s['fp']} FP")
        fam_rows.append(row)
    print(fmt_table(["family", *scored], fam_rows) + "\n")

    if args.sizes:
        print("## Speed (one process, one core)\n")
        speed_rows = []
        for size in args.sizes:
            path = make_list(dev, size)
            proc = subprocess.run(
                [sys.executable, __file__, "--worker-speed", str(path), str(dev / "queries.jsonl"), str(args.repeat)],
                capture_output=True,
                text=True,
                check=True,
            )
            fig = json.loads(proc.stdout)
            brute = None if args.no_brute else brute_speed(path, queries, args.brute_speed_queries)
            fig["brute_qps"] = brute
            report["speed"].append(fig)
            speed_rows.append(
                [
                    f"{fig['entities']:,}",
                    round(fig["build_s"], 1),
                    round(fig["load_s"], 1),
                    round(fig["qps_wall"]),
                    round(fig["qps_cpu"]),
                    round(fig["qps_warm"]),
                    round(fig["rss_mb"]),
                    "-" if brute is None else round(brute, 1),
                ]
            )
        print(
            fmt_table(
                [
                    "entities",
                    "build s",
                    "load s",
                    "catchall q/s (first pass, wall)",
                    "q/s (CPU)",
                    "q/s (second pass)",
                    "RSS MB",
                    "brute-force q/s",
                ],
                speed_rows,
            )
            + "\n"
        )

    if args.ablation:
        print("## What each aid buys (dev set F1, native-script recall)\n")
        abl_rows = []
        for name in ["none", *ABLATIONS]:
            proc = subprocess.run(
                [sys.executable, __file__, "--dev", str(dev), "--worker-ablation", name],
                capture_output=True,
                text=True,
                check=True,
            )
            fig = json.loads(proc.stdout)
            report["ablation"].append({"without": name, **fig})
            abl_rows.append(
                [
                    "(all on)" if name == "none" else f"without {name}",
                    fig["precision"],
                    fig["recall"],
                    fig["f1"],
                    fig["native_recall"],
                ]
            )
        print(fmt_table(["configuration", "precision", "recall", "F1", "native-script recall"], abl_rows) + "\n")

    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
