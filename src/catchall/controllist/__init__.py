"""The MTCR Annex as versioned data, its search, the item classifier and range/payload capability.

Public interface::

    from catchall.controllist import load_annex, classify
    annex = load_annex()                      # latest edition (cached); load_annex(as_of=date(...))
    annex.get("2.A.1.c").category             # "I"
    classify(parse_item({...})).to_json()     # {"id", "category", "entries", "reasons", ...}
"""

from catchall.controllist.annex import Annex, Correlation, Edition, Entry
from catchall.controllist.capability import Capability, assess
from catchall.controllist.classifier import Classification, classify
from catchall.controllist.conditions import Criterion
from catchall.controllist.estimate import RangeEstimate, Stage, estimate_range
from catchall.controllist.loader import editions, load_annex
from catchall.controllist.search import SearchHit

__all__ = [
    "Annex",
    "Capability",
    "Classification",
    "Correlation",
    "Criterion",
    "Edition",
    "Entry",
    "RangeEstimate",
    "SearchHit",
    "Stage",
    "assess",
    "classify",
    "editions",
    "estimate_range",
    "load_annex",
]
