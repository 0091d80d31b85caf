"""``backcoach exercises`` and ``backcoach catalogue``: browse, draw and check exercises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from backcoach.core.options import Equipment, Position

exercises_app = typer.Typer(help="Browse the exercise catalogue.", no_args_is_help=True)
catalogue_app = typer.Typer(help="Check exercise files.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def summary_json(exercise: Any) -> dict[str, Any]:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "kind": exercise.kind.value,
        "position": exercise.position.value,
        "equipment": [e.value for e in exercise.equipment],
        "targets": [t.value for t in exercise.targets],
        "level": exercise.level.value,
        "dosage": exercise.dosage.model_dump(mode="json", exclude_none=True),
        "sources": exercise.seed_files,
    }


@exercises_app.command("list")
def list_exercises(
    position: Annotated[Position | None, typer.Option(help="Only this start position.")] = None,
    equipment: Annotated[Equipment | None, typer.Option(help="Only exercises using this.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """List exercises, optionally filtered by position or equipment."""
    from backcoach.adapters.catalogue_files import load_catalogue

    chosen = [
        e
        for e in load_catalogue()
        if (position is None or position in e.positions)
        and (equipment is None or equipment in e.equipment)
    ]
    if as_json:
        typer.echo(json.dumps([summary_json(e) for e in chosen], indent=2))
        return
    from backcoach.cli.render import exercise_table, make_console

    make_console().print(exercise_table(chosen))


@exercises_app.command("show")
def show_exercise(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")], as_json: JsonFlag = False
) -> None:
    """Show one exercise in full."""
    from backcoach.adapters.catalogue_files import load_catalogue

    exercise = load_catalogue().get(exercise_id)
    if as_json:
        typer.echo(json.dumps(exercise.model_dump(mode="json"), indent=2))
        return
    from backcoach.cli.render import exercise_detail, make_console

    make_console().print(exercise_detail(exercise))


@exercises_app.command("figure")
def figure(
    exercise_id: Annotated[str, typer.Argument(metavar="ID")],
    output: Annotated[Path, typer.Option("-o", "--output", help="SVG file to write.")],
    still: Annotated[bool, typer.Option(help="Draw one still frame even for flows.")] = False,
) -> None:
    """Write the exercise's figure as an SVG file."""
    from backcoach.adapters.catalogue_files import load_catalogue
    from backcoach.adapters.svg_figure import render_svg
    from backcoach.cli.errors import UserError

    exercise = load_catalogue().get(exercise_id)
    svg = render_svg(exercise, animate=False if still else None)
    try:
        output.write_text(svg, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {output}: {error.strerror}") from None
    typer.echo(f"wrote {output}")


@catalogue_app.command("check")
def check(
    path: Annotated[
        Path | None,
        typer.Argument(help="A folder or single exercise file; default: the shipped catalogue."),
    ] = None,
) -> None:
    """Validate exercise files and report every problem, one per line."""
    from backcoach.adapters.catalogue_files import load_catalogue

    catalogue = load_catalogue(path)
    typer.echo(f"ok: {len(catalogue)} exercise(s) valid")
