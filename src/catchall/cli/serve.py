"""``catchall serve``: the web application and API (uvicorn)."""

from __future__ import annotations

import typer


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    database_url: str | None = typer.Option(None, "--database-url", help="Overrides CATCHALL_DATABASE_URL."),
    demo: bool = typer.Option(False, "--demo", help="Seed example cases, transfers and a demo user."),
) -> None:
    """Serve the web application and the REST API (migrations are applied on start)."""
    import uvicorn

    from catchall.api.app import create_app

    app = create_app(database_url)
    if demo:
        try:
            from catchall.services.demo import seed_demo
        except ImportError:
            typer.echo("demo data is not available in this build", err=True)
        else:
            for line in seed_demo(app.state.db):
                typer.echo(line)
    typer.echo(f"catchall serving on http://{host}:{port}  (API docs: /docs, OpenAPI: /openapi.json)")
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
