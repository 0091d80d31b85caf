"""``backcoach history``, ``peg``, ``export``, ``import``, ``profile`` and ``delete-data``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from backcoach.cli.context import ProfileOption, command_context, local_now, open_store
from backcoach.cli.errors import UserError
from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES
from backcoach.core.week import MAX_DAYS_PER_WEEK, MIN_DAYS_PER_WEEK

if TYPE_CHECKING:
    from backcoach.core.records import ProfileRecord
    from backcoach.services import HistoryReport

profile_app = typer.Typer(help="Show or change your profile.", no_args_is_help=True)
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
PegScore = Annotated[int | None, typer.Option(min=0, max=10)]


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


def history_command(
    profile: ProfileOption = None,
    as_json: JsonFlag = False,
    limit: Annotated[int, typer.Option(min=1, help="How many recent sessions to list.")] = 20,
) -> None:
    """Your sessions, current streak and pain trend (and the weekly check-in when it is due)."""
    from backcoach import services

    with command_context(profile) as ctx:
        report = services.history(
            store=ctx.store, profile_id=ctx.profile_id, now=local_now(), limit=limit
        )
    if as_json:
        typer.echo(
            json.dumps({"profile": ctx.profile.name, **report.model_dump(mode="json")}, indent=2)
        )
        return
    _print_history(report)
    # Only a person at a terminal is asked; scripts and pipes just see the hint above.
    if report.peg_due and sys.stdin is not None and sys.stdin.isatty():
        from backcoach.cli.prompts import ask_yes_no

        if ask_yes_no("Answer the weekly check-in now?"):
            peg_command(profile=profile)


def _print_history(report: HistoryReport) -> None:
    from rich.table import Table

    from backcoach.cli.render import make_console

    console = make_console()
    if not report.sessions:
        console.print("No sessions yet. Start one with: backcoach start")
    else:
        table = Table(title="Sessions", header_style="bold")
        for column in ("when", "minutes", "exercises", "pain before", "pain after", "status"):
            table.add_column(column)
        for s in report.sessions:
            pain = ["-" if p is None else str(p) for p in (s.pain_before, s.pain_after)]
            when = s.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            table.add_row(when, f"{s.minutes:g}", ", ".join(s.exercises) or "-", *pain, s.outcome)
        console.print(table)
    console.print(f"Current streak: {report.streak} day(s) (longest {report.longest_streak})")
    console.print(report.trend.sentence().capitalize())
    if report.pegs:
        last = report.pegs[-1]
        console.print(
            f"Last weekly check-in: {last.score}/10 on {last.taken_at.astimezone():%Y-%m-%d}"
        )
    if report.peg_due:
        console.print(
            "A weekly check-in is due: run [bold]backcoach peg[/] (three quick questions)."
        )


PEG_QUESTIONS = (
    ("pain", "What number best describes your pain on average in the past week? (0 no pain, 10 worst imaginable)"),
    ("enjoyment", "How much has pain interfered with your enjoyment of life in the past week? (0 not at all, 10 completely)"),
    ("activity", "How much has pain interfered with your general activity in the past week? (0 not at all, 10 completely)"),
)  # fmt: skip


def peg_command(
    profile: ProfileOption = None,
    pain: PegScore = None,
    enjoyment: PegScore = None,
    activity: PegScore = None,
) -> None:
    """The weekly check-in: your pain, and how much it gets in the way of enjoying life and daily activity."""
    from backcoach import services
    from backcoach.cli.prompts import ask_number

    given = {"pain": pain, "enjoyment": enjoyment, "activity": activity}
    with command_context(profile) as ctx:
        answers: dict[str, int] = {}
        for key, text in PEG_QUESTIONS:
            value = given[key]
            answers[key] = value if value is not None else ask_number(text, 0, 10, hint=f"--{key}")
        peg = services.record_peg(
            store=ctx.store, profile_id=ctx.profile_id, now=local_now(), **answers
        )
    typer.echo(
        f"Weekly check-in saved: {peg.score}/10 (pain {peg.pain}, enjoyment {peg.enjoyment}, activity {peg.activity})"
    )


def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json or csv.")] = ExportFormat.JSON,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write; default: print.")
    ] = None,
) -> None:
    """Export every profile, session, step, event, screen and check-in."""
    from backcoach import services

    with open_store() as store:
        text = services.export_data(store=store, fmt=fmt.value, now=local_now())
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror}") from None
    typer.echo(f"wrote {output}", err=True)


def import_command(
    file: Annotated[Path, typer.Argument(help="A file written by backcoach export (JSON or CSV).")],
    replace: Annotated[bool, typer.Option(help="Overwrite profiles that already exist.")] = False,
) -> None:
    """Import an export file: all of it or, if anything is wrong, none of it."""
    from backcoach import services

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise UserError(f"cannot read {file}: {reason}") from None
    with open_store() as store:
        summary = services.import_data(store=store, text=text, source=str(file), replace=replace)
    typer.echo(
        f"imported {len(summary.profiles)} profile(s) ({', '.join(summary.profiles)}), {summary.sessions} session(s)"
    )


def delete_data_command(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every profile and all their data from this machine's database."""
    from backcoach import services
    from backcoach.cli.prompts import ask_yes_no

    if not yes and not ask_yes_no("Delete ALL backcoach data on this machine?", hint="--yes"):
        typer.echo("nothing deleted")
        return
    with open_store() as store:
        services.delete_all_data(store=store)
    typer.echo("all data deleted")


def _profile_json(record: ProfileRecord, preferences: list[Any]) -> dict[str, Any]:
    return {
        "name": record.name,
        "created_at": record.created_at.isoformat(),
        **record.settings.model_dump(mode="json"),
        "preferences": [p.model_dump(mode="json") for p in preferences],
    }


@profile_app.command("show")
def profile_show(profile: ProfileOption = None, as_json: JsonFlag = False) -> None:
    """Show your profile: minutes, goal, level, days a week, equipment, positions to avoid, likes."""
    with command_context(profile) as ctx:
        data = _profile_json(ctx.profile, ctx.store.preferences(ctx.profile_id))
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    for key in ("name", "minutes", "goal", "level", "days_per_week", "equipment", "avoid"):
        value = data[key]
        typer.echo(f"{key:>13}: {', '.join(value) if isinstance(value, list) else value}")
    for pref in data["preferences"]:
        until = f" until {pref['until'][:10]}" if pref["until"] else ""
        typer.echo(f"{pref['kind']:>13}: {pref['exercise_id']}{until}")


@profile_app.command("list")
def profile_list() -> None:
    """List the profiles in this database."""
    with open_store() as store:
        for record in store.profiles():
            typer.echo(record.name)


@profile_app.command("set")
def profile_set(
    profile: ProfileOption = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            min=MIN_MINUTES,
            max=MAX_MINUTES,
            help=f"Minutes available ({MIN_MINUTES}-{MAX_MINUTES}).",
        ),
    ] = None,
    goal: Annotated[Goal | None, typer.Option(help="What routines are for.")] = None,
    level: Annotated[Level | None, typer.Option(help="Your experience.")] = None,
    days_per_week: Annotated[
        int | None,
        typer.Option(
            min=MIN_DAYS_PER_WEEK,
            max=MAX_DAYS_PER_WEEK,
            help=f"Days a week you mean to practise ({MIN_DAYS_PER_WEEK}-{MAX_DAYS_PER_WEEK}); "
            "backcoach week plans them with rest days between.",
        ),
    ] = None,
    equipment: Annotated[
        list[Equipment] | None,
        typer.Option("--equipment", help="Equipment you own (replaces the list); repeat."),
    ] = None,
    avoid: Annotated[
        list[Avoid] | None,
        typer.Option("--avoid", help="Positions to avoid (replaces the list); repeat."),
    ] = None,
    no_avoid: Annotated[bool, typer.Option("--no-avoid", help="Avoid no position.")] = False,
    like: Annotated[
        list[str] | None, typer.Option("--like", help="An exercise id you like; repeat.")
    ] = None,
    dislike: Annotated[
        list[str] | None, typer.Option("--dislike", help="An exercise id to leave out; repeat.")
    ] = None,
    neutral: Annotated[
        list[str] | None, typer.Option("--neutral", help="Forget a like or dislike; repeat.")
    ] = None,
) -> None:
    """Change your profile; only the options given change."""
    from backcoach import services
    from backcoach.adapters.catalogue_files import load_catalogue
    from backcoach.core.records import PreferenceKind

    changes: dict[str, Any] = {
        "minutes": minutes,
        "goal": goal,
        "level": level,
        "days_per_week": days_per_week,
        "equipment": equipment,
        "avoid": [] if no_avoid else avoid,
    }
    changes = {key: value for key, value in changes.items() if value is not None}
    wanted: list[tuple[list[str] | None, PreferenceKind | None]] = [
        (like, PreferenceKind.LIKE),
        (dislike, PreferenceKind.DISLIKE),
        (neutral, None),
    ]
    marks = [(exercise_id, kind) for ids, kind in wanted for exercise_id in ids or ()]
    if marks:
        catalogue = load_catalogue()
        for exercise_id, _ in marks:
            catalogue.get(exercise_id)  # an unknown id stops here, with suggestions
    with command_context(profile) as ctx:
        if changes:
            services.update_profile(store=ctx.store, profile_id=ctx.profile_id, changes=changes)
        for exercise_id, kind in marks:
            services.set_preference(
                store=ctx.store,
                profile_id=ctx.profile_id,
                exercise_id=exercise_id,
                kind=kind,
                now=local_now(),
            )
    typer.echo(
        "profile saved"
        if changes or marks
        else "nothing to change (see backcoach profile set --help)"
    )


def register(app: typer.Typer) -> None:
    app.command("history")(history_command)
    app.command("peg")(peg_command)
    app.command("export")(export_command)
    app.command("import")(import_command)
    app.command("delete-data")(delete_data_command)
    app.add_typer(profile_app, name="profile")
