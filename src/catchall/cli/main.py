"""The ``catchall`` command. Each module of this package that defines ``register(app)`` adds its commands."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

import catchall
from catchall.errors import CatchallError

app = typer.Typer(
    name="catchall",
    help="Missile-technology nonproliferation controls: MTCR Annex, licensing, screening, compliance, HCOC.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"catchall {catchall.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """catchall command line."""


def _load_commands() -> None:
    import catchall.cli as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name in {"main", "common"}:
            continue
        module = importlib.import_module(f"catchall.cli.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_load_commands()


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become one line on stderr and exit code 2, never a stack trace."""
    try:
        rc = app(args=argv, standalone_mode=False)
        # click returns the code of a typer.Exit(code) instead of raising it when not standalone
        if isinstance(rc, int):
            return rc
    except CatchallError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 1
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return 130
    except Exception as exc:
        # Usage errors of the (vendored) click layer: print usage and the message, exit 2.
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):
            show()
            return 2
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
