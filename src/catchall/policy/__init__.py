"""The MTCR Guidelines as rules: application -> decision with reasons (pure; no I/O)."""

from catchall.policy.decide import DEFAULT_DENIAL_NAME_THRESHOLD, decide
from catchall.policy.denials import NameScorer, match_denials, shared_entries
from catchall.policy.items import ClassifiedItem, judge_item, most_restrictive

__all__ = [
    "DEFAULT_DENIAL_NAME_THRESHOLD",
    "ClassifiedItem",
    "NameScorer",
    "decide",
    "judge_item",
    "match_denials",
    "most_restrictive",
    "shared_entries",
]
