"""``backcoach plan``: today's routine and its timeline, without running it.

The option types here are the ones ``backcoach start`` shares, so both commands
accept exactly the same values.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.core.options import Avoid, Equipment, Goal, Level

if TYPE_CHECKING:
    from rich.table import Table

    from backcoach.core.profile import Profile
    from backcoach.core.timeline import Dose, Routine, Timeline

MinutesOption = Annotated[int, typer.Option(min=5, max=45, help="Minutes available (5-45).")]
GoalOption = Annotated[Goal, typer.Option(help="What the routine is for.")]
LevelOption = Annotated[Level, typer.Option(help="Your experience.")]
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
    int | None, typer.Option(help="Seed for the day-to-day variety; default: today's date.")
]


def profile_from_options(
    *,
    minutes: int,
    goal: Goal,
    level: Level,
    avoid: list[Avoid] | None,
    equipment: list[Equipment] | None,
    pain: int,
) -> Profile:
    from backcoach.core.profile import Profile

    return Profile(
        minutes=minutes,
        goal=goal,
        level=level,
        avoid=frozenset(avoid or ()),
        equipment=frozenset(equipment or ()),
        pain=pain,
    )


def clock_text(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def dose_text(dose: Dose, per_side: bool) -> str:
    if dose.reps is not None:
        text = f"{dose.reps} reps" + (f", {dose.hold_seconds} s hold" if dose.hold_seconds else "")
    else:
        text = f"{dose.hold_seconds} s hold"
    if dose.sets > 1:
        text = f"{dose.sets} × {text}"
    return text + (", each side" if per_side else "")


def routine_table(routine: Routine, timeline: Timeline) -> Table:
    from rich.table import Table

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
            e.position.value,
            dose_text(item.dose, e.dosage.per_side),
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
        cue = step.cue.removeprefix(f"Get ready: {name}. ")
        rows.append([clock_text(start), kind, shown, side, f"{step.seconds:g}", cue])
    for row in rows:
        table.add_row(*row)
    return table


def plan_command(
    minutes: MinutesOption = 15,
    goal: GoalOption = Goal.RELIEF,
    level: LevelOption = Level.BEGINNER,
    avoid: AvoidOption = None,
    equipment: EquipmentOption = None,
    pain: PainOption = 0,
    seed: SeedOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Show today's routine and its timeline without starting it."""
    from datetime import date

    from backcoach.adapters.catalogue_files import load_catalogue
    from backcoach.cli.errors import UserError
    from backcoach.core.planner import PlanImpossible, plan
    from backcoach.core.profile import History
    from backcoach.core.safety import DISCLAIMER
    from backcoach.core.timeline import build_timeline, routine_json

    profile = profile_from_options(
        minutes=minutes, goal=goal, level=level, avoid=avoid, equipment=equipment, pain=pain
    )
    today = date.today()
    seed = today.toordinal() if seed is None else seed
    try:
        routine = plan(profile, load_catalogue(), History(), seed, today)
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
