"""What every store-backed command needs: settings, the store, the profile, the clock.

Built once per command from the environment and passed down, never at import.
Database, settings and rule errors are registered as user errors here, so they
print as one line with exit status 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.errors import UserError, register_user_error

if TYPE_CHECKING:
    from backcoach.adapters.storage.store import Store
    from backcoach.config import Settings
    from backcoach.core.records import ProfileRecord

for _dotted in (
    "backcoach.adapters.storage.errors:StorageError",
    "backcoach.config:SettingsError",
    "backcoach.services:ServiceError",
    "backcoach.adapters.export_files:ImportFileError",
):
    register_user_error(_dotted)

ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile", help="Whose profile (several people can share a machine); default 'me'."
    ),
]


def system_now() -> datetime:
    """The machine's clock: aware, in the local time zone (which decides what "today" is)."""
    return datetime.now().astimezone()


# Every command reads the time through this one name, so a test can run them all on a
# day it chooses (plans, streaks and check-ins depend on the date).
clock: Callable[[], datetime] = system_now


def local_now() -> datetime:
    """The time now by ``clock``: what every command stores and plans with."""
    return clock()


@dataclass
class Context:
    settings: Settings
    store: Store
    profile: ProfileRecord

    @property
    def profile_id(self) -> int:
        return self.profile.id


@contextmanager
def open_store(settings: Settings | None = None) -> Iterator[Store]:
    from backcoach.adapters.storage.store import Store
    from backcoach.config import load_settings

    settings = settings or load_settings()
    store = Store.open(settings.database_url, backup=settings.backup_before_migrate)
    if store.backup_file:
        typer.echo(f"(backed up the database before upgrading it: {store.backup_file})", err=True)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def command_context(profile_name: str | None, *, create: bool = True) -> Iterator[Context]:
    """Settings, an open store and the chosen profile (created on first use)."""
    from backcoach import services
    from backcoach.config import load_settings

    settings = load_settings()
    with open_store(settings) as store:
        name = (profile_name or services.DEFAULT_PROFILE).strip()
        if not name:
            raise UserError("--profile: expected a name")
        if create:
            profile = services.get_or_create_profile(store=store, now=local_now(), name=name)
        else:
            found = store.profile_named(name)
            if found is None:
                known = ", ".join(p.name for p in store.profiles()) or "none yet"
                raise UserError(f"--profile: no profile named {name!r} (profiles: {known})")
            profile = found
        yield Context(settings=settings, store=store, profile=profile)
