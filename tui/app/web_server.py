"""The web server of ``plans serve``: textual-serve's :class:`Server`, which starts one app
process per browser session (its ``command``, run by a shell) and relays the terminal over a
websocket, plus one check textual-serve does not make: a browser may open the websocket only
from the page this server served (its ``Origin``). Without it any web page a user visits
could drive the app on ``127.0.0.1`` from their own browser (cross-site websocket hijacking,
DNS rebinding) and, without ``--read-only``, edit their plans.

Imported only when ``plans serve`` runs (aiohttp is a heavy import)."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("textual-serve")

Origin = tuple[str, str, int]  # scheme, host (lower case, no brackets), port
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> Origin | None:
    """The origin of a URL or of an ``Origin`` header (``http://127.0.0.1:8000``), None for
    anything else (``null``, a scheme other than http(s), a bad port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


class PlansServer(Server):
    """textual-serve's server whose websocket accepts a browser only from ``origins`` (a
    client that sends no ``Origin``, i.e. not a browser, is let in: the port is open to
    whoever can reach it anyway, which is what the README says)."""

    def __init__(
        self, command: str, *, host: str, port: int, public_url: str, origins: frozenset[Origin], title: str = "plans"
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.origins = origins
        self.sessions: set[asyncio.Task[object]] = set()  # the websocket handlers running

    def allowed(self, origin: str | None) -> bool:
        return origin is None or origin_of(origin) in self.origins

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        origin = request.headers.get("Origin")
        if not self.allowed(origin):
            log.warning("refused a websocket from %r (this server serves %s)", origin, self.public_url)
            raise web.HTTPForbidden(text=f"plans serve: a page from {origin} may not open this app\n")
        task = asyncio.current_task()
        if task is not None:
            self.sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions.discard(task)  # type: ignore[arg-type]

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: end the open sessions now (textual-serve closes the websocket and quits
        the app process when its handler is cancelled); else aiohttp waits up to a minute
        for each browser tab to go away, the app processes running."""
        for task in self.sessions:
            task.cancel()
        await super().on_shutdown(app)
