"""``backcoach serve``: run the web app on this machine and open it in the browser."""

from __future__ import annotations

import contextlib
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


def network_addresses(host: str) -> list[str]:
    """The addresses other machines reach a server on ``host`` by (best effort)."""
    import socket

    from backcoach.web.security import is_loopback

    if host not in {"0.0.0.0", "::", ""}:
        return [host]
    found: list[str] = []
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    return [address for address in dict.fromkeys(found) if not is_loopback(address)]


EXPOSED_WARNING = (
    "WARNING: backcoach is listening on {where} without accounts. Anyone who can reach "
    "this machine on port {port} can read and change every profile's health data "
    "(sessions, pain scores, red-flag answers), export it and delete it. "
    "Use this only on a network you trust completely."
)


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
    insecure_no_accounts: Annotated[
        bool,
        typer.Option(
            "--insecure-no-accounts",
            help="Allow listening on a non-loopback address although backcoach has no "
            "accounts yet: everyone on the network can read and delete all data.",
        ),
    ] = False,
) -> None:
    """Start the web app (default http://127.0.0.1:8000). BACKCOACH_DATABASE_URL picks the store."""
    import uvicorn

    from backcoach.adapters.storage.errors import StorageError
    from backcoach.cli.errors import UserError
    from backcoach.config import SettingsError, load_settings
    from backcoach.web.app import create_app
    from backcoach.web.security import MAX_WEBSOCKET_BYTES, is_loopback

    exposed = not is_loopback(host)
    if exposed and not insecure_no_accounts:
        raise UserError(
            f"--host {host} would let anyone on the network read and delete every profile's "
            "health data: backcoach has no accounts yet. Serve on 127.0.0.1 (the default), "
            "or pass --insecure-no-accounts if you accept that."
        )
    addresses = network_addresses(host) if exposed else []
    try:
        settings = load_settings()
        # The names the server is reached by on the network are valid Host headers too;
        # also set in the environment so every worker process builds the same allow-list.
        hosts = tuple(dict.fromkeys([*settings.allowed_hosts, *addresses]))
        os.environ["BACKCOACH_ALLOWED_HOSTS"] = ",".join(hosts)
        app = create_app(settings.model_copy(update={"allowed_hosts": hosts}))
    except (SettingsError, StorageError) as error:
        raise UserError(str(error)) from None
    if _port_taken(host, port):
        raise UserError(f"port {port} on {host} is already in use; try --port {port + 1}")
    url = browser_url(host, port)
    if exposed:
        where = ", ".join(browser_url(address, port) for address in addresses) or host
        typer.echo(EXPOSED_WARNING.format(where=where, port=port), err=True)
        typer.echo(f"backcoach is running at {where} and {url}  (Ctrl-C to stop)")
    else:
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
        # Oversized camera messages are refused before they are read into memory.
        options["ws_max_size"] = MAX_WEBSOCKET_BYTES
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
