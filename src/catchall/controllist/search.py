"""Ranked full-text search over the Annex: a small in-memory inverted index with idf weighting.

Fields weigh differently (title and keywords count more than notes); a query word that is not in the
vocabulary falls back to the words it begins (``gyro`` finds ``gyroscope``) at a discount. A query that
is an Annex code (``2.A.1``) lists that entry and its descendants first.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catchall.model.item import is_annex_code

if TYPE_CHECKING:
    from catchall.controllist.annex import Annex, Entry

_WORD = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "than",
        "that",
        "the",
        "their",
        "to",
        "with",
        "any",
        "other",
        "its",
        "not",
    ]
)
FIELD_WEIGHTS = {"code": 4.0, "title": 3.0, "keywords": 2.5, "correlation": 2.0, "notes": 1.0}
PREFIX_DISCOUNT = 0.6


def _stem(word: str) -> str:
    # Plural folding only: enough for "gyros"/"gyro", "engines"/"engine", without a stemming library.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for raw in _WORD.findall(text.lower()):
        for w in {raw, *raw.replace(".", "-").split("-")} if ("-" in raw or "." in raw) else {raw}:
            if w and w not in _STOP:
                out.append(_stem(w))
    return out


@dataclass(frozen=True, slots=True)
class SearchHit:
    entry: Entry
    score: float
    matched: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.entry.code,
            "title": self.entry.title,
            "category": self.entry.category,
            "score": round(self.score, 3),
            "matched": list(self.matched),
        }


class SearchIndex:
    def __init__(self, annex: Annex, entries: list[Entry]) -> None:
        self._annex = annex
        self._postings: dict[str, dict[str, float]] = defaultdict(dict)
        for e in entries:
            corr = annex.correlations(e.code)
            fields = {
                "code": e.code,
                "title": e.title,
                "keywords": " ".join(e.keywords),
                "notes": " ".join(e.notes),
                "correlation": " ".join((*corr.eu, *corr.us)) if corr and corr.inherited_from is None else "",
            }
            for name, text in fields.items():
                for t in tokens(text):
                    posting = self._postings[t]
                    posting[e.code] = posting.get(e.code, 0.0) + FIELD_WEIGHTS[name]
        n = max(1, len(entries))
        self._idf = {t: math.log(1.0 + n / len(p)) for t, p in self._postings.items()}
        self._vocab = sorted(self._postings)

    def _expand(self, term: str) -> list[tuple[str, float]]:
        if term in self._postings:
            return [(term, 1.0)]
        return [(w, PREFIX_DISCOUNT) for w in self._vocab if w.startswith(term) and len(term) >= 3]

    def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        text = text.strip()
        if not text:
            return []
        limit = max(1, limit)
        scores: dict[str, float] = defaultdict(float)
        matched: dict[str, set[str]] = defaultdict(set)
        query = text.strip()
        if is_annex_code(query) and query in self._annex:
            # A code: the entry itself, then its descendants in Annex order.
            hits = [e for e in self._annex if e.code == query or e.code.startswith(query + ".")]
            return [SearchHit(e, 100.0 if e.code == query else 50.0, ("code",)) for e in hits[:limit]]
        for term in dict.fromkeys(tokens(query)):
            for word, factor in self._expand(term):
                idf = self._idf[word] * factor
                for code, weight in self._postings[word].items():
                    scores[code] += idf * weight
                    matched[code].add(term)
        terms = len(set(tokens(query))) or 1
        # Entries matching more of the query words rank above entries matching one word often.
        ranked = sorted(
            scores.items(),
            key=lambda kv: (-(kv[1] * (len(matched[kv[0]]) / terms)), kv[0]),
        )
        out: list[SearchHit] = []
        for code, score in ranked[:limit]:
            coverage = len(matched[code]) / terms
            out.append(SearchHit(self._annex.get(code), score * coverage, tuple(sorted(matched[code]))))
        return out
