"""The ``backcoach`` command. Heavy modules are imported inside commands so
that ``backcoach --help`` starts fast."""

from __future__ import annotations

import sys

import typer

from backcoach.cli import catalogue_cmds, serve_cmds

app = typer.Typer(
    name="backcoach",
    help="A guided lower-back stretching coach. General information, not medical advice.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help output: rendering it with rich costs more start-up time than it is worth.
    rich_markup_mode=None,
)
# --- command registration: one line (or block) per command module -------------
app.add_typer(catalogue_cmds.exercises_app, name="exercises")
app.add_typer(catalogue_cmds.catalogue_app, name="catalogue")
app.command("serve")(serve_cmds.serve)
from backcoach.cli import plan_cmds  # noqa: E402

app.command("plan")(plan_cmds.plan_command)
from backcoach.cli import pose_cmds  # noqa: E402

app.add_typer(pose_cmds.pose_app, name="pose")
from backcoach.cli import data_cmds, session_cmds  # noqa: E402

session_cmds.register(app)  # start, screen
data_cmds.register(app)  # history, peg, export, import, profile, delete-data
from backcoach.cli import programme_cmds  # noqa: E402

programme_cmds.register(app)  # week, flare
# --- end of command registration ----------------------------------------------


def run() -> None:
    """Entry point: user mistakes become one clear line and exit status 2."""
    from backcoach.cli.errors import handle_user_errors

    sys.exit(handle_user_errors(app))


if __name__ == "__main__":
    run()
