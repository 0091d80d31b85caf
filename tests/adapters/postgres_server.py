"""Start a throwaway PostgreSQL server from the machine's binaries (initdb, pg_ctl).

Used by the store's tests; skips with a reason where the binaries are absent.
The server lives in a temporary folder, listens on a free local port, trusts
local connections and is stopped (and its folder removed) afterwards.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SEARCH = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for folder in SEARCH:
        if (folder / name).is_file():
            return str(folder / name)
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user() -> list[str]:
    """initdb refuses to run as root; run it as the postgres (or nobody) user then."""
    if os.geteuid() != 0:
        return []
    import pwd

    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and no postgres or nobody user to run the server as")


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a running server's ``postgres`` database."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    prefix = _as_server_user()
    root = Path(tempfile.mkdtemp(prefix="backcoach-pg-"))
    data, log = root / "data", root / "server.log"
    if prefix:
        shutil.chown(root, user=prefix[2])
        root.chmod(0o755)
    port = free_port()

    def run(*args: str) -> None:
        result = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise RuntimeError(f"{args[0]} failed: {result.stderr or result.stdout}")

    try:
        run(initdb, "-D", str(data), "-U", "backcoach", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start")
        try:
            yield f"postgresql+psycopg://backcoach@127.0.0.1:{port}/postgres"
        finally:
            run(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
