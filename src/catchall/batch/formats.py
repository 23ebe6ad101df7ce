"""Reading input records and writing results in CSV, JSON lines and Parquet.

Readers stream (a million-row input is never held in memory) and yield, per data row, either a
:class:`QueryRecord` or a :class:`RowError`. Row numbers are what a person finds in the file: the
line number for CSV (header = line 1) and JSON lines, the 1-based row for Parquet.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from catchall.batch.records import ColumnMap, QueryRecord, RowError, ftm_record
from catchall.batch.results import RESULT_COLUMNS, ResultRow
from catchall.errors import InvalidInput

FORMATS = ("csv", "jsonl", "parquet")
_SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}

Item = QueryRecord | RowError


def detect_format(path: Path, explicit: str | None = None) -> str | None:
    """The format named by ``explicit`` or by the file's extension, None when neither tells."""
    if explicit:
        if explicit not in FORMATS:
            raise InvalidInput(f"unknown format {explicit!r} (expected one of {', '.join(FORMATS)})")
        return explicit
    return _SUFFIXES.get(path.suffix.lower())


def fingerprint(path: Path) -> tuple[str, int]:
    """SHA-256 of the file and its number of lines (an estimate of rows for the progress bar)."""
    digest = hashlib.sha256()
    lines = 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            lines += block.count(b"\n")
    return digest.hexdigest(), lines


def estimate_rows(path: Path, fmt: str, lines: int) -> int:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    return max(lines - 1, 0) if fmt == "csv" else lines


def read_records(path: Path, fmt: str, columns: ColumnMap) -> Iterator[Item]:
    if fmt == "csv":
        return _read_csv(path, columns)
    if fmt == "jsonl":
        return _read_jsonl(path, columns)
    if fmt == "parquet":
        return _read_parquet(path, columns)
    raise InvalidInput(f"unknown input format {fmt!r}")


def _open_text(path: Path) -> Any:
    # utf-8-sig: spreadsheet exports often start with a byte-order mark that would otherwise stick to the first header.
    return path.open(encoding="utf-8-sig", newline="")


def _not_utf8(path: Path) -> InvalidInput:
    """Name the first line that is not UTF-8 (the decoder only knows its position inside a buffer)."""
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return InvalidInput(
                    f"{path} line {lineno}: not UTF-8 text (byte {raw[exc.start]:#04x}); save the file as UTF-8"
                )
    return InvalidInput(f"{path}: not UTF-8 text; save the file as UTF-8")


def _read_csv(path: Path, columns: ColumnMap) -> Iterator[Item]:
    with _open_text(path) as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise _not_utf8(path) from exc
        except csv.Error as exc:
            raise InvalidInput(f"{path}: cannot read the header line ({exc})") from exc
        header = [h.strip() for h in header]
        mapper = columns.resolve(header, str(path))
        width = len(header)
        prev_line = reader.line_num
        while True:
            start = prev_line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                prev_line = reader.line_num
                yield RowError(start, f"unreadable CSV ({exc})")
                continue
            except UnicodeDecodeError as exc:
                raise _not_utf8(path) from exc
            prev_line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != width:
                yield RowError(start, f"expected {width} columns, found {len(cells)}")
                continue
            yield mapper.map(start, dict(zip(header, cells, strict=True)))


def _read_jsonl(path: Path, columns: ColumnMap) -> Iterator[Item]:
    mapper = columns.open_mapper()
    with _open_text(path) as fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                raise _not_utf8(path) from exc
            if not line:
                return
            lineno += 1
            text = line.strip()
            if not text:
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield RowError(lineno, f"not valid JSON ({exc.msg})")
                continue
            if not isinstance(obj, dict):
                yield RowError(lineno, f"expected a JSON object, got {type(obj).__name__}")
                continue
            if isinstance(obj.get("properties"), dict) and "schema" in obj:
                yield ftm_record(lineno, obj)
            else:
                yield mapper.map(lineno, obj)


def _read_parquet(path: Path, columns: ColumnMap) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InvalidInput(f"{path}: not a readable Parquet file ({exc})") from exc
    header = list(pf.schema_arrow.names)
    mapper = columns.resolve(header, str(path))
    wanted = sorted(set(mapper.bound.values()))
    rowno = 0
    for batch in pf.iter_batches(batch_size=8192, columns=wanted):
        for row in batch.to_pylist():
            rowno += 1
            yield mapper.map(rowno, row)


# --- writing ---------------------------------------------------------------------------------------


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_results(path: Path, fmt: str, rows: Iterable[ResultRow]) -> int:
    """Write result rows to ``path`` atomically (a reader never sees half a file). Returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp(path)
    try:
        if fmt == "csv":
            count = _write_csv(tmp, rows)
        elif fmt == "jsonl":
            count = _write_jsonl(tmp, rows)
        elif fmt == "parquet":
            count = _write_parquet(tmp, rows)
        else:
            raise InvalidInput(f"unknown output format {fmt!r}")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _write_csv(path: Path, rows: Iterable[ResultRow]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(RESULT_COLUMNS)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def _write_jsonl(path: Path, rows: Iterable[ResultRow]) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row._asdict(), ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_parquet(path: Path, rows: Iterable[ResultRow]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"record_row": pa.int64(), "score": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in RESULT_COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[ResultRow] = []

        def flush() -> None:
            arrays = [
                pa.array([row[i] for row in batch], type=schema.field(i).type) for i in range(len(RESULT_COLUMNS))
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= 50_000:
                flush()
                batch = []
        if batch or n == 0:
            flush()
    return n


class ErrorLog:
    """Malformed rows as JSON lines ``{"row", "error"}``, streamed to a temporary file and published on close."""

    def __init__(self, path: Path, keep: int = 20) -> None:
        self.path = path
        self.count = 0
        self.first: list[RowError] = []
        self._keep = keep
        path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = _tmp(path)
        self._fh = self._tmp.open("w", encoding="utf-8")

    def add(self, err: RowError) -> None:
        self.count += 1
        if len(self.first) < self._keep:
            self.first.append(err)
        self._fh.write(json.dumps({"row": err.row, "error": err.message}, ensure_ascii=False) + "\n")

    def publish(self) -> None:
        self._fh.close()
        os.replace(self._tmp, self.path)

    def discard(self) -> None:
        self._fh.close()
        self._tmp.unlink(missing_ok=True)
