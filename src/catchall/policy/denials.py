"""The "no undercut" rule: does a partner's denial notification cover an essentially identical transaction?

Essentially identical means: the notification is in force on the date of the assessment, names the same
destination country, shares at least one Annex entry with the application's items (an entry and its
sub-entries count as shared: a denial of ``2.A.1`` covers ``2.A.1.c``), and its end user is the
application's end user (fuzzy name match; the countries must not contradict).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from catchall.model.application import Application, DenialMatch, DenialNotification

# (application party name, denial end-user name) -> similarity in [0, 1]
NameScorer = Callable[[str, str], float]

END_USER_ROLES = ("end_user", "ultimate_end_user")


def in_force(notifications: Iterable[DenialNotification], on: date) -> list[DenialNotification]:
    return [n for n in notifications if n.in_force(on)]


def _covers(a: str, b: str) -> bool:
    return a == b or b.startswith(a + ".") or a.startswith(b + ".")


def shared_entries(application_entries: Iterable[str], denied: Iterable[str]) -> list[str]:
    """Entries in common, reported at the more specific of the two codes."""
    out: set[str] = set()
    denied = list(denied)
    for code in application_entries:
        for d in denied:
            if _covers(code, d):
                out.add(code if len(code) >= len(d) else d)
    return sorted(out)


def match_denials(
    app: Application,
    entries: Sequence[str],
    notifications: Iterable[DenialNotification],
    *,
    on: date,
    name_score: NameScorer,
    threshold: float,
) -> list[DenialMatch]:
    """Notifications in force on ``on`` that cover this application (best end-user match per notification)."""
    end_users = [(i, p) for i, p in enumerate(app.parties) if p.role in END_USER_ROLES]
    found: list[DenialMatch] = []
    for note in notifications:
        if not note.in_force(on) or note.destination != app.destination:
            continue
        shared = shared_entries(entries, note.entries)
        if not shared:
            continue
        best: DenialMatch | None = None
        for index, party in end_users:
            if party.country and note.end_user.country and party.country != note.end_user.country:
                continue
            score = float(name_score(party.name, note.end_user.name))
            if score >= threshold and (best is None or score > best.score):
                best = DenialMatch(
                    notification=note.id,
                    notifying_state=note.notifying_state,
                    party=index,
                    party_name=party.name,
                    end_user_name=note.end_user.name,
                    score=round(score, 4),
                    shared_entries=shared,
                )
        if best is not None:
            found.append(best)
    return found
