"""Screening: transliteration-aware matching of parties against watch lists.

Public interface: ``ScreeningIndex`` (build/save/load/match), ``MultiIndex``, ``Match``, ``DEFAULT_THRESHOLD``,
``load_ftm_file``. Importers of official list formats live in ``catchall.screening.sources``.
"""

from __future__ import annotations

from catchall.screening.index import DEFAULT_THRESHOLD, MultiIndex, ScreeningIndex
from catchall.screening.match import Match
from catchall.screening.watchlist import load_ftm_file

__all__ = ["DEFAULT_THRESHOLD", "Match", "MultiIndex", "ScreeningIndex", "load_ftm_file"]
