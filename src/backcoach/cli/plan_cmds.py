"""``backcoach plan``: today's routine and its timeline, without running it.

It plans exactly as ``backcoach start`` does (the stored profile, its history and
the same default seed), so the routine shown is the routine ``start`` runs; the
options change today only, as they do for ``start``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.context import ProfileOption
from backcoach.core.options import MAX_SEED, Avoid, Equipment, Goal, Level
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES

if TYPE_CHECKING:
    from rich.table import Table

    from backcoach.core.timeline import Routine, Timeline

AvoidOption = Annotated[
    list[Avoid] | None,
    typer.Option("--avoid", help="A position to leave out today; repeat for more."),
]
EquipmentOption = Annotated[
    list[Equipment] | None,
    typer.Option("--equipment", help="Equipment you own; repeat for more (a mat is optional)."),
]
PainOption = Annotated[
    int, typer.Option(min=0, max=10, help="Pain right now, 0 (none) to 10 (worst).")
]
SeedOption = Annotated[
    int | None,
    typer.Option(
        min=0,
        max=MAX_SEED,
        help="Seed for the day-to-day variety; default: one per profile per day.",
    ),
]


def clock_text(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def routine_table(routine: Routine, timeline: Timeline) -> Table:
    from rich.table import Table

    from backcoach.core.wording import dose_text

    seconds: dict[int, float] = {}
    for step in timeline.steps:
        seconds[step.item_index] = seconds.get(step.item_index, 0.0) + step.seconds
    table = Table(
        title=f"Today's routine: {clock_text(timeline.total_seconds)}", header_style="bold"
    )
    for column in ("#", "exercise", "position", "dose", "time", "why"):
        table.add_column(column)
    for index, item in enumerate(routine.items):
        e = item.exercise
        table.add_row(
            str(index + 1),
            e.name,
            e.position.label,
            dose_text(e, item.dose),
            clock_text(seconds.get(index, 0.0)),
            item.reason,
        )
    return table


def timeline_table(timeline: Timeline) -> Table:
    """The steps, with runs of reps or breaths folded into one row each."""
    from rich.table import Table

    from backcoach.core.timeline import StepKind

    table = Table(title="Timeline", header_style="bold")
    for column in ("at", "step", "exercise", "side", "seconds", "cue"):
        table.add_column(column)
    rows: list[list[str]] = []
    previous = None
    folding = {StepKind.REP, StepKind.BREATH_IN, StepKind.BREATH_OUT}
    for step, start in zip(timeline.steps, timeline.starts, strict=True):
        key = (step.exercise_id, step.side, step.set_number)
        if step.kind in folding and previous == (*key, True) and rows:
            row = rows[-1]
            row[4] = f"{float(row[4]) + step.seconds:g}"
            row[1] = "breathing" if step.kind is not StepKind.REP else f"{step.rep_number} reps"
            continue
        name = timeline.exercise_names.get(step.exercise_id, step.exercise_id)
        shown = name if previous is None or previous[0] != step.exercise_id else ""
        previous = (*key, step.kind in folding)
        side = step.side.value if step.side else ""
        kind = step.kind.value.replace("_", " ")
        rows.append([clock_text(start), kind, shown, side, f"{step.seconds:g}", step.cue])
    for row in rows:
        table.add_row(*row)
    return table


def plan_command(
    minutes: Annotated[
        int | None,
        typer.Option(
            min=MIN_MINUTES,
            max=MAX_MINUTES,
            help=f"Minutes available today ({MIN_MINUTES}-{MAX_MINUTES}); default: your profile's.",
        ),
    ] = None,
    goal: Annotated[
        Goal | None, typer.Option(help="What today's routine is for; default: your profile's.")
    ] = None,
    level: Annotated[
        Level | None, typer.Option(help="Your experience; default: your profile's.")
    ] = None,
    avoid: AvoidOption = None,
    equipment: EquipmentOption = None,
    pain: PainOption = 0,
    seed: SeedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    profile: ProfileOption = None,
) -> None:
    """Show today's routine and its timeline without starting it.

    It is planned as `backcoach start` plans it: from your profile, your history and
    today's date, so `start` with the same options and pain runs this routine.
    """
    from backcoach import services
    from backcoach.adapters.catalogue_files import load_catalogue
    from backcoach.cli.context import command_context, local_now
    from backcoach.cli.errors import UserError
    from backcoach.core.planner import PlanImpossible, daily_seed
    from backcoach.core.safety import DISCLAIMER
    from backcoach.core.timeline import build_timeline, routine_json

    overrides = {
        "minutes": minutes,
        "goal": goal,
        "level": level,
        "avoid": avoid,
        "equipment": equipment,
    }
    overrides = {key: value for key, value in overrides.items() if value is not None}
    with command_context(profile) as ctx:
        now = local_now()
        seed = daily_seed(now.date(), ctx.profile_id) if seed is None else seed
        try:
            routine = services.plan_today(
                store=ctx.store, catalogue=load_catalogue(ctx.settings.catalogue_dir),
                profile_id=ctx.profile_id, now=now, pain=pain, overrides=overrides,
                lead_in_seconds=ctx.settings.lead_in_seconds, seed=seed,
            )  # fmt: skip
        except PlanImpossible as impossible:
            raise UserError(f"cannot plan a routine: {impossible}") from None
    timeline = build_timeline(routine)
    if as_json:
        typer.echo(json.dumps({**routine_json(routine, timeline), "seed": seed}, indent=2))
        return
    from rich.panel import Panel

    from backcoach.cli.render import make_console

    console = make_console()
    console.print(routine_table(routine, timeline))
    for note in routine.notes:
        console.print(Panel(note, border_style="yellow"))
    console.print(timeline_table(timeline))
    console.print(f"[dim]{DISCLAIMER}[/]")
