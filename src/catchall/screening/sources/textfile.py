"""Reading published text files (CSV) in the encoding they were published in."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from catchall.errors import InvalidInput


def decode(data: bytes, label: str, *, legacy: str | None = None) -> str:
    """UTF-8 (a BOM is dropped); with ``legacy`` set, fall back to that codec for files published in it.

    The OFAC legacy CSV files are Windows-1252/Latin-1; OFSI's CSV is UTF-8 with or without a BOM.
    Without a fallback, bytes that are not UTF-8 are an error naming the line.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if legacy is None:
            line = data[: exc.start].count(b"\n") + 1
            raise InvalidInput(f"{label} line {line}: not UTF-8 text ({exc.reason})") from exc
        return data.decode(legacy, errors="replace")


def rows(content: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for each non-blank CSV record; malformed quoting names the line."""
    # legacy DOS files end with a Ctrl-Z (0x1A) end-of-file mark
    content = content.replace("\x1a", "")
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        for fields in reader:
            if not fields or all(not f.strip() for f in fields):
                continue
            yield reader.line_num, fields
    except csv.Error as exc:
        raise InvalidInput(f"{label} line {reader.line_num}: malformed CSV ({exc})") from exc
