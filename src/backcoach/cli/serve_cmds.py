"""``backcoach serve``: run the web app on this machine and open it in the browser."""

from __future__ import annotations

import os
import sys
import threading
from typing import Annotated, Any

import typer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def has_display() -> bool:
    """Whether opening a browser can work here (a desktop session, or macOS/Windows)."""
    if sys.platform in {"darwin", "win32"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def browser_url(host: str, port: int) -> str:
    # A server listening on every interface is still reached locally through the loopback.
    shown = "127.0.0.1" if host in {"0.0.0.0", "::", ""} else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _port_taken(host: str, port: int) -> bool:
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser window.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes; more than one serves many people (one per CPU core).",
        ),
    ] = 1,
) -> None:
    """Start the web app (default http://127.0.0.1:8000). BACKCOACH_DATABASE_URL picks the store."""
    import uvicorn

    from backcoach.adapters.storage.errors import StorageError
    from backcoach.cli.errors import UserError
    from backcoach.config import SettingsError, load_settings
    from backcoach.web.app import create_app

    try:
        app = create_app(load_settings())
    except (SettingsError, StorageError) as error:
        raise UserError(str(error)) from None
    if _port_taken(host, port):
        raise UserError(f"port {port} on {host} is already in use; try --port {port + 1}")
    url = browser_url(host, port)
    typer.echo(f"backcoach is running at {url}  (Ctrl-C to stop)")
    if not no_browser and has_display():
        import webbrowser

        # Wait a moment so the server is listening before the page asks for it.
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    try:
        # uvloop and httptools are picked up when installed; the sans-I/O WebSocket
        # protocol costs the camera socket less per frame than the legacy one.
        options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning"}
        options["ws"] = "websockets-sansio"
        if workers == 1:
            uvicorn.run(app, **options)
        else:
            # Each process builds its own app from the same environment; the one
            # made above has already checked the settings and migrated the store.
            app.state.store.close()
            uvicorn.run(
                f"{create_app.__module__}:create_app", factory=True, workers=workers, **options
            )
    except OSError as error:
        raise UserError(f"cannot listen on {host}:{port}: {error.strerror}") from None
