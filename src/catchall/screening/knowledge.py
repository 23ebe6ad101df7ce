"""Name knowledge loaded from ``catchall/data/screening/names.yaml``: legal forms, noise words, variants.

Loaded once and cached; every record carries a ``source`` note in the data file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

import catchall
from catchall.errors import DataError


@dataclass(frozen=True)
class NameKnowledge:
    # legal-form phrase (tuple of tokens) -> canonical class token
    legal_phrases: dict[tuple[str, ...], str]
    legal_classes: frozenset[str]
    longest_legal: int
    stopwords: frozenset[str]
    honorifics: frozenset[str]
    honorific_phrases: dict[tuple[str, ...], int]
    particles: frozenset[str]
    generic: frozenset[str]
    # token -> ids of the variant groups it belongs to (no transitive closure across groups)
    variant_groups: dict[str, frozenset[int]] = field(default_factory=dict)
    country_aliases: dict[str, str] = field(default_factory=dict)

    def variants_equal(self, a: str, b: str) -> bool:
        ga = self.variant_groups.get(a)
        if not ga:
            return False
        gb = self.variant_groups.get(b)
        return gb is not None and not ga.isdisjoint(gb)


def _words(raw: Any, where: str) -> list[str]:
    if not isinstance(raw, dict) or "source" not in raw or not isinstance(raw.get("words"), list):
        raise DataError(f"names.yaml: {where} must have 'source' and a list 'words'")
    return [str(w) for w in raw["words"]]


@lru_cache(maxsize=1)
def knowledge() -> NameKnowledge:
    text = (Path(catchall.__file__).parent / "data" / "screening" / "names.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    phrases: dict[tuple[str, ...], str] = {}
    for rec in data["legal_forms"]:
        if "source" not in rec:
            raise DataError(f"names.yaml: legal form {rec.get('canonical')!r} has no source")
        for form in rec["forms"]:
            phrases[tuple(str(form).split())] = str(rec["canonical"])
    honorific_words = _words(data["honorifics"], "honorifics")
    groups: dict[str, set[int]] = {}
    gid = 0
    for rec in data["name_variants"]:
        if "source" not in rec:
            raise DataError("names.yaml: a name_variants record has no source")
        for group in rec["groups"]:
            for tok in group:
                groups.setdefault(str(tok), set()).add(gid)
            gid += 1
    return NameKnowledge(
        legal_phrases=phrases,
        legal_classes=frozenset(phrases.values()),
        longest_legal=max(len(p) for p in phrases),
        stopwords=frozenset(w for w in _words(data["stopwords"], "stopwords") if " " not in w),
        honorifics=frozenset(w for w in honorific_words if " " not in w),
        honorific_phrases={tuple(w.split()): len(w.split()) for w in honorific_words if " " in w},
        particles=frozenset(_words(data["particles"], "particles")),
        generic=frozenset(_words(data["generic_org_words"], "generic_org_words")),
        variant_groups={k: frozenset(v) for k, v in groups.items()},
        country_aliases={str(k).lower(): str(v).lower() for k, v in data["country_aliases"]["map"].items()},
    )


@lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """ISO 3166 alpha-2 code (lower case) for a code or country name; the input, lower-cased, if unknown."""
    v = " ".join(value.strip().lower().split())
    if len(v) == 2 and v.isalpha():
        return knowledge().country_aliases.get(v, v)
    alias = knowledge().country_aliases.get(v)
    if alias:
        return alias
    import pycountry  # loaded on first use: most lists already give codes

    try:
        return str(pycountry.countries.lookup(v).alpha_2).lower()
    except LookupError:
        return v
