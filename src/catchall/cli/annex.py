"""``catchall annex``: show, search and browse the MTCR Annex; estimate a range from design data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer

from catchall.cli.common import dump_json_line
from catchall.controllist import editions as list_editions
from catchall.controllist.conditions import fmt_value
from catchall.controllist.estimate import LABEL
from catchall.errors import InvalidInput
from catchall.services import classification as service

annex_app = typer.Typer(help="The MTCR Equipment, Software and Technology Annex.", no_args_is_help=True)

EditionOpt = typer.Option(None, "--edition", help="Annex edition id (default: the latest).")
AsOfOpt = typer.Option(None, "--as-of", help="Use the edition in force on this date (YYYY-MM-DD).")
JsonOpt = typer.Option(False, "--json", help="Print JSON instead of text.")


def _annex(edition: str | None, as_of: str | None) -> Any:
    when = None
    if as_of:
        try:
            when = date.fromisoformat(as_of)
        except ValueError as exc:
            raise InvalidInput(f"--as-of: not a date (YYYY-MM-DD): {as_of!r}") from exc
    return service.annex_for(edition, when)


@annex_app.command("show")
def show(code: str, edition: str | None = EditionOpt, as_of: str | None = AsOfOpt, as_json: bool = JsonOpt) -> None:
    """One entry: title, category, notes, criteria, children, EU and US correlations."""
    annex = _annex(edition, as_of)
    view = service.entry_view(annex, code)
    if as_json:
        dump_json_line(view)
        return
    cat = view["category"] or f"header (item category {view['item_category'] or 'none'})"
    typer.echo(f"{view['code']}  {view['title']}")
    typer.echo(f"  category: {cat}    edition: {view['edition']}")
    if view["parent"]:
        typer.echo(f"  parent: {view['parent']}")
    if view["is_production_facility"]:
        typer.echo("  production facility: yes")
    for note in view["notes"]:
        typer.echo(f"  note: {note}")
    for c in view["criteria"]:
        typer.echo(f"  criterion: {c['parameter']} {c['op']} {fmt_value(c['value'], c['unit'])}")
    if "may_be_treated_as" in view:
        t = view["may_be_treated_as"]
        typer.echo(f"  may be treated as Category {t['category']}: {t['when']}")
    for child in view["children"]:
        typer.echo(f"  - {child['code']}  {child['title']}")
    corr = view["correlations"]
    if corr:
        via = f" (from {corr['inherited_from']})" if corr.get("inherited_from") else ""
        typer.echo(f"  EU 2021/821: {', '.join(corr['eu']) or '-'}{via}")
        typer.echo(f"  US: {', '.join(corr['us']) or '-'}{via}")
        typer.echo(f"  correlation confidence: {corr['confidence']}; source: {corr['source']}")
    typer.echo(f"  source: {view['source']}")


@annex_app.command("search")
def search(
    text: str,
    limit: int = typer.Option(10, min=1, max=200),
    edition: str | None = EditionOpt,
    as_of: str | None = AsOfOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Ranked full-text search over codes, titles, notes, keywords and correlated EU/US codes."""
    hits = _annex(edition, as_of).search(text, limit)
    if not hits:
        typer.echo(f"no entry matches {text!r}", err=True)
    for h in hits:
        if as_json:
            dump_json_line(h.to_json())
        else:
            typer.echo(f"{h.score:7.2f}  {h.entry.code:<10} [{h.entry.category or '-':>2}]  {h.entry.title}")


@annex_app.command("tree")
def tree(
    code: str | None = typer.Argument(None, help="Start here (default: all items)."),
    depth: int | None = typer.Option(None, min=1, help="Levels to show."),
    edition: str | None = EditionOpt,
    as_of: str | None = AsOfOpt,
    as_json: bool = JsonOpt,
) -> None:
    """The Annex hierarchy: items, letter groups, entries."""
    annex = _annex(edition, as_of)
    nodes = service.tree(annex, code, depth)
    if as_json:
        dump_json_line(nodes)
        return

    def emit(n: dict[str, Any], level: int) -> None:
        cat = f" [{n['category']}]" if n["category"] else ""
        typer.echo(f"{'  ' * level}{n['code']}  {n['title']}{cat}")
        for child in n.get("children", []):
            emit(child, level + 1)

    for n in nodes:
        emit(n, 0)


@annex_app.command("editions")
def editions_command() -> None:
    """The editions shipped, oldest first."""
    for e in list_editions():
        dump_json_line(e.to_json())


@annex_app.command("estimate-range")
def estimate_range_command(
    stages: str = typer.Option(
        ...,
        help='Stages as JSON (first stage first): [{"propellant_mass_kg":..,"dry_mass_kg":..,"isp_s":..}], '
        "or @FILE to read the JSON from a file.",
    ),
    payload_kg: float = typer.Option(..., min=0, help="Payload mass in kg."),
    loss_fraction: float | None = typer.Option(None, min=0, max=0.99, help="Gravity+drag losses (default 0.2)."),
) -> None:
    """ESTIMATE the range from design data (rocket equation + simple ballistic model): a sanity check only."""
    text = stages
    if stages.startswith("@"):
        path = Path(stages[1:])
        if not path.is_file():
            raise InvalidInput(f"--stages: no such file {path}")
        text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"--stages: not valid JSON ({exc.msg})") from exc
    result = service.estimate(service.parse_stages(raw), payload_kg, loss_fraction)
    typer.echo(LABEL, err=True)
    dump_json_line(result.to_json())


def register(app: typer.Typer) -> None:
    app.add_typer(annex_app, name="annex")
