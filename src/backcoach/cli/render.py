"""rich renderables for exercises."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backcoach.core.catalogue import Dosage, Exercise
from backcoach.core.options import DosageMode


def make_console() -> Console:
    return Console(highlight=False)


def dosage_text(dosage: Dosage) -> str:
    """One line a person can follow, e.g. "hold 30 s (20-60) x2, each side"."""
    if dosage.mode is DosageMode.HOLD and dosage.hold_seconds:
        h = dosage.hold_seconds
        text = f"hold {h.default} s ({h.min}-{h.max})"
    elif dosage.reps:
        r = dosage.reps
        unit = "breaths" if dosage.mode is DosageMode.FLOW else "reps"
        text = f"{r.default} {unit} ({r.min}-{r.max})"
        if dosage.hold_seconds:
            text += f", {dosage.hold_seconds.default} s hold each"
    else:
        text = dosage.mode.value
    if dosage.sets.default > 1:
        text += f" x{dosage.sets.default}"
    if dosage.per_side:
        text += ", each side"
    return text


def exercise_table(exercises: Iterable[Exercise]) -> Table:
    table = Table(title="Exercises", header_style="bold")
    for column in ("id", "name", "position", "equipment", "dosage", "level"):
        table.add_column(column)
    for e in exercises:
        table.add_row(
            e.id,
            e.name,
            e.position.value,
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
    facts.add_row("Position", ", ".join(p.value for p in sorted(e.positions)))
    facts.add_row("Equipment", ", ".join(x.value for x in e.equipment))
    facts.add_row("Targets", ", ".join(t.label for t in e.targets))
    facts.add_row("Level", e.level.value)
    facts.add_row("Dosage", dosage_text(e.dosage))
    if e.aliases:
        facts.add_row("Also called", ", ".join(e.aliases))
    sources = Text("\n".join(f"{s.file}: {s.dosage}" for s in e.sources))
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
