"""``backcoach start`` and ``backcoach screen``: a guided session with its safety checks.

``start`` shows the disclaimer on first run, offers to resume an interrupted
session, asks the red-flag screen when it is due (any "yes" ends here with the
advice), asks pain before, plans, runs the terminal player (every completed
step and event is stored the moment it happens) and asks pain after.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated

import typer

from backcoach.cli.context import Context, ProfileOption, command_context, local_now
from backcoach.cli.errors import UserError
from backcoach.cli.prompts import ask_choice, ask_number, ask_yes_no
from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.core.catalogue import Catalogue
    from backcoach.core.records import SessionRecord
    from backcoach.core.timeline import Routine

# Exit status when a red-flag answer stops the command for safety (2 is bad input, 130 Ctrl-C).
SCREEN_BLOCKED_EXIT = 3
EXIT_STATUS_HELP = (
    "Exit status: 0 done; 2 bad input; 3 stopped for safety: you reported a warning sign, "
    "so no routine is offered (see a doctor; for numbness around the groin, new bladder "
    "or bowel trouble, or weakness getting worse in both legs, go to an emergency department "
    "now); 130 interrupted with Ctrl-C (run start again to resume)."
)
PAIN_NOW = "How much pain do you have right now, 0 (none) to 10 (worst)?"
PAIN_AFTER = "How much pain do you have now, after the session?"


def screen_command(profile: ProfileOption = None) -> None:
    """Answer the red-flag screen (again): a few yes/no questions about warning signs.

    Any "yes" ends with advice to seek care and exit status 3 (stopped for safety).
    """
    with command_context(profile) as ctx:
        console = _console()
        if not _run_screen(ctx, console):
            raise typer.Exit(SCREEN_BLOCKED_EXIT)


def _console() -> Console:
    from backcoach.cli.render import make_console

    return make_console()


CLEARED_KEYS = {"y": "yes", "n": "no", "c": "cleared"}


def _run_screen(ctx: Context, console: Console) -> bool:
    """Ask every red-flag question, store the answers; True when no warning sign."""
    from backcoach import services
    from backcoach.core.safety import CLEARED_LABEL, RED_FLAGS, RedFlag

    console.print("[bold]Before you exercise: a few questions about warning signs.[/]")
    console.print(f"Where it is offered, c means: {CLEARED_LABEL.lower()}.")
    cleared = services.cleared_flags(store=ctx.store, profile_id=ctx.profile_id)

    def question(flag: RedFlag) -> str:
        on = cleared.get(flag.id)
        return (
            f"{flag.question} (checked, you told us on {on.isoformat()})" if on else flag.question
        )

    answers: dict[str, object] = {
        flag.id: ask_choice(question(flag), CLEARED_KEYS) if flag.clearable
        else ask_yes_no(flag.question)
        for flag in RED_FLAGS
    }  # fmt: skip
    try:
        result = services.record_screen(
            store=ctx.store, profile_id=ctx.profile_id, answers=answers, now=local_now()
        )
    except services.ServiceError as error:
        raise UserError(str(error)) from None
    style = "green" if result.allows_session else "bold red"
    console.print(f"[{style}]{result.advice}[/]")
    for flag in result.flags:
        console.print(f"  - {flag.advice}", markup=False)
    if not result.allows_session:
        console.print(
            "No routine is offered until the screen is answered again (backcoach screen)."
        )
    return result.allows_session


def _screen_if_due(ctx: Context, console: Console, pain: int | None) -> None:
    from backcoach import services

    state = services.screening_state(
        store=ctx.store, profile_id=ctx.profile_id, now=local_now(), pain=pain
    )
    if not state.due:
        return
    if state.advice:
        console.print(f"[bold red]Last time you reported a warning sign.[/] {state.advice}")
    elif pain is not None and state.last is not None:
        console.print("Your pain is clearly higher than last time, so please answer these again.")
    if not _run_screen(ctx, console):
        raise typer.Exit(SCREEN_BLOCKED_EXIT)


def _show_disclaimer_once(ctx: Context, console: Console) -> None:
    from backcoach import services
    from backcoach.core.safety import DISCLAIMER

    if ctx.profile.disclaimer_seen_at is None:
        console.print(f"[bold]Please read:[/] {DISCLAIMER}")
        services.acknowledge_disclaimer(store=ctx.store, profile_id=ctx.profile_id, now=local_now())


def _offer_resume(ctx: Context, catalogue: Catalogue) -> tuple[SessionRecord, Routine, int] | None:
    from backcoach import services

    session = services.interrupted_session(store=ctx.store, profile_id=ctx.profile_id)
    if session is None:
        return None
    when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    done = len(session.steps)
    question = f"You have an unfinished session from {when} ({done} step(s) done). Resume it?"
    if ask_yes_no(question):
        try:
            routine, start_at = services.resume_session(
                store=ctx.store, catalogue=catalogue, session_id=session.id
            )
        except services.ServiceError as error:
            typer.echo(f"{error}; starting a new one")
        else:
            return session, routine, start_at
    services.abandon_session(store=ctx.store, session_id=session.id, now=local_now())
    return None


def _plan(
    ctx: Context, catalogue: Catalogue, pain: int, overrides: Mapping[str, object]
) -> Routine:
    from backcoach import services
    from backcoach.core.planner import PlanImpossible

    try:
        return services.plan_today(
            store=ctx.store, catalogue=catalogue, profile_id=ctx.profile_id, now=local_now(), pain=pain,
            overrides=overrides, lead_in_seconds=ctx.settings.lead_in_seconds,
        )  # fmt: skip
    except PlanImpossible as impossible:
        raise UserError(f"cannot plan a routine: {impossible}") from None


def _show_routine(console: Console, routine: Routine) -> None:
    from rich.panel import Panel

    from backcoach.cli.plan_cmds import routine_table
    from backcoach.core.timeline import build_timeline

    console.print(routine_table(routine, build_timeline(routine)))
    for note in routine.notes:
        console.print(Panel(note, border_style="yellow"))


def start_command(
    minutes: Annotated[
        int | None,
        typer.Option(
            min=MIN_MINUTES,
            max=MAX_MINUTES,
            help=f"Minutes available today ({MIN_MINUTES}-{MAX_MINUTES}).",
        ),
    ] = None,
    goal: Annotated[Goal | None, typer.Option(help="What today's routine is for.")] = None,
    avoid: Annotated[
        list[Avoid] | None,
        typer.Option("--avoid", help="A position or a way of bending to leave out today; repeat."),
    ] = None,
    equipment: Annotated[
        list[Equipment] | None, typer.Option("--equipment", help="Equipment you own; repeat.")
    ] = None,
    level: Annotated[Level | None, typer.Option(help="Your experience.")] = None,
    pain: Annotated[
        int | None, typer.Option(min=0, max=10, help="Pain right now (0-10); asked if not given.")
    ] = None,
    no_voice: Annotated[
        bool, typer.Option("--no-voice", help="No spoken cues (sounds and text only).")
    ] = False,
    profile: ProfileOption = None,
) -> None:
    """Run today's guided session (options change today only; see `backcoach profile set`).

    The routine is the one `backcoach plan` shows today for the same profile and pain.
    """
    from backcoach.adapters.catalogue_files import load_catalogue

    overrides = {
        "minutes": minutes,
        "goal": goal,
        "avoid": avoid,
        "equipment": equipment,
        "level": level,
    }
    overrides = {key: value for key, value in overrides.items() if value is not None}
    with command_context(profile) as ctx:
        console = _console()
        catalogue = load_catalogue(ctx.settings.catalogue_dir)
        _show_disclaimer_once(ctx, console)
        _screen_if_due(ctx, console, None)
        resumed = _offer_resume(ctx, catalogue)
        if resumed is not None:
            session, routine, start_at = resumed
        else:
            pain_before = pain if pain is not None else ask_number(PAIN_NOW, 0, 10, hint="--pain")
            _screen_if_due(ctx, console, pain_before)
            routine = _plan(ctx, catalogue, pain_before, overrides)
            _show_routine(console, routine)
            from backcoach import services

            session = services.start_session(
                store=ctx.store,
                profile_id=ctx.profile_id,
                routine=routine,
                pain_before=pain_before,
                now=local_now(),
            )
            start_at = 0
        from backcoach.cli.session_run import run_session

        run_session(ctx, console, session=session, routine=routine, start_at=start_at,
                    voice=ctx.settings.voice and not no_voice)  # fmt: skip


def register(app: typer.Typer) -> None:
    app.command("start", epilog=EXIT_STATUS_HELP)(start_command)
    app.command("screen")(screen_command)
