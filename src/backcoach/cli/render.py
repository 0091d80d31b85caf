"""rich renderables for exercises."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcoach.core.catalogue import Exercise
from backcoach.core.wording import dosage_text


def make_console() -> Console:
    return Console(highlight=False)


def exercise_table(exercises: Iterable[Exercise]) -> Table:
    table = Table(title="Exercises", header_style="bold")
    for column in ("id", "name", "position", "equipment", "dosage", "level"):
        table.add_column(column)
    for e in exercises:
        table.add_row(
            e.id,
            e.name,
            e.position.label,
            ", ".join(x.value for x in e.equipment),
            dosage_text(e.dosage),
            e.level.value,
        )
    return table


def _numbered(items: Iterable[str]) -> Text:
    return Text("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1)))


def _bullets(items: Iterable[str]) -> Text:
    return Text("\n".join(f"• {item}" for item in items))


def exercise_detail(e: Exercise) -> Group:
    facts = Table.grid(padding=(0, 2))
    facts.add_row("Kind", e.kind.value)
    facts.add_row("Position", ", ".join(p.label for p in sorted(e.positions)))
    facts.add_row("Equipment", ", ".join(x.value for x in e.equipment))
    facts.add_row("Targets", ", ".join(t.label for t in e.targets))
    facts.add_row("Level", e.level.value)
    facts.add_row("Dosage", dosage_text(e.dosage))
    if e.aliases:
        facts.add_row("Also called", ", ".join(e.aliases))
    sources = Text(
        "\n".join(
            f"{s.shown}" + (f" ({s.file})" if s.title else "") + f": {s.dosage}" for s in e.sources
        )
    )
    return Group(
        Panel(
            Group(Text(e.summary, style="italic"), Text(), facts),
            title=f"[bold]{e.name}[/] ({e.id})",
        ),
        Panel(_numbered(e.steps), title="Steps"),
        Panel(_bullets(e.breathing), title="Breathing"),
        Panel(_bullets(e.mistakes), title="Common mistakes"),
        Panel(_bullets(e.cautions), title="Cautions", border_style="yellow"),
        Panel(_bullets(e.stop_if), title="Stop if", border_style="red"),
        Panel(sources, title="Sources"),
    )
