"""``backcoach week`` and ``backcoach flare``: the programme over weeks."""

from __future__ import annotations

import typer

from backcoach.cli.context import ProfileOption, command_context, local_now


def week_command(profile: ProfileOption = None) -> None:
    """This week: days done, planned, rest and missed, and where your doses stand."""
    from backcoach import services
    from backcoach.adapters.catalogue_files import load_catalogue

    now = local_now()
    with command_context(profile) as ctx:
        shown = services.this_week(store=ctx.store, profile_id=ctx.profile_id, now=now)
        catalogue = load_catalogue(ctx.settings.catalogue_dir)
        state = services.programme_now(
            store=ctx.store, catalogue=catalogue, profile_id=ctx.profile_id, now=now
        )
    for day in shown.days:
        mark = "  <- today" if day.today else ""
        typer.echo(f"{day.name} {day.day.isoformat()}  {day.state.value}{mark}")
    typer.echo(shown.sentence())
    typer.echo(f"Level: {state.level.value} ({state.steady_weeks} steady weeks in a row)")
    if state.held(now.date()):
        assert state.held_until is not None
        typer.echo(f"Doses are held after your flare-up until {state.held_until.isoformat()}.")
    for exercise_id, why in sorted(state.reasons.items()):
        typer.echo(f"  {catalogue.get(exercise_id).name}: {why}")


def flare_command(profile: ProfileOption = None) -> None:
    """My back is flaring up: record it, hold progression for a week, and show the gentlest routine."""
    from backcoach import services
    from backcoach.adapters.catalogue_files import load_catalogue
    from backcoach.core.programme import FLARE_ADVICE
    from backcoach.core.wording import dose_text

    now = local_now()
    with command_context(profile) as ctx:
        routine = services.record_flare(
            store=ctx.store,
            catalogue=load_catalogue(ctx.settings.catalogue_dir),
            profile_id=ctx.profile_id,
            now=now,
        )
    typer.echo("Sorry your back is flaring up. Flare-ups are common and usually settle.")
    for line in FLARE_ADVICE:
        typer.echo(f"- {line}")
    typer.echo("A short, gentle routine for today (stop any exercise that hurts sharply):")
    for item in routine.items:
        typer.echo(f"  {item.exercise.name}: {dose_text(item.exercise, item.dose)}")
    typer.echo("To be guided, run `backcoach start`: with pain 8 or more it gives this routine.")


def register(app: typer.Typer) -> None:
    app.command("week")(week_command)
    app.command("flare")(flare_command)
