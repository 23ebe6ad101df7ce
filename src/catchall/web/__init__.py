"""The web face: server-rendered pages under ``/ui`` over the same services as the CLI and the API.

``mount(app)`` is called by ``catchall.api.app.create_app``; see ``catchall.web.mounting``.
"""

from __future__ import annotations

from fastapi import FastAPI


def mount(app: FastAPI) -> None:
    from catchall.web.mounting import mount as _mount

    _mount(app)
