"""Small SVG charts drawn on the server: no script, readable in print, styled by app.css.

Each chart carries a <title> and <desc> with the numbers in words, so a screen
reader gets the same facts as the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 36, 44
MAX_DAY_LABELS = 4  # more would overlap at this width


@dataclass(frozen=True)
class PainPoint:
    day: date
    before: int | None
    after: int | None


def _frame(title: str, description: str, body: list[str], chart_id: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _axes(y_max: float, y_ticks: Sequence[float], unit: str = "") -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}"/>'
    ]
    for tick in y_ticks:
        y = HEIGHT - BOTTOM - plot_h * (tick / y_max if y_max else 0)
        parts.append(
            f'<line class="axis" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke-dasharray="2 4"/>'
            f'<text x="{LEFT - 8}" y="{y + 5:.1f}" text-anchor="end">{tick:g}{unit}</text>'
        )
    return parts


def minutes_per_week_chart(weeks: Sequence[tuple[date, float]]) -> str:
    """Bars of minutes practised per week, oldest on the left."""
    y_max = max([m for _, m in weeks] + [10.0])
    step = 10 if y_max <= 60 else 30 if y_max <= 180 else 60
    y_max = step * -(-y_max // step)
    ticks = [step * n for n in range(int(y_max // step) + 1)]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    body = _axes(y_max, ticks)
    label_every = max(1, -(-len(weeks) // MAX_DAY_LABELS))
    for index, (week, minutes) in enumerate(weeks):
        bar_h = plot_h * minutes / y_max
        x = LEFT + index * slot + slot * 0.15
        body.append(
            f'<rect class="bar" x="{x:.1f}" y="{HEIGHT - BOTTOM - bar_h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{bar_h:.1f}"><title>Week of {week:%d %b}: '
            f"{minutes:g} minutes</title></rect>"
        )
        if (len(weeks) - 1 - index) % label_every == 0:  # always label the current week
            body.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 26}" text-anchor="middle">'
                f"{week:%d %b}</text>"
            )
    words = "; ".join(f"week of {w:%d %B}: {m:g} minutes" for w, m in weeks)
    return _frame("Minutes practised per week", words or "No sessions yet.", body, "minutes")


PAIN_LEGEND = (
    f'<circle class="before legend" cx="{LEFT + 8}" cy="14" r="6"/>'
    f'<text x="{LEFT + 20}" y="20">before</text>'
    f'<rect class="after legend" x="{LEFT + 112}" y="8" width="12" height="12"/>'
    f'<text x="{LEFT + 132}" y="20">after the session</text>'
)


def _x_of(index: int, count: int) -> float:
    plot_w = WIDTH - LEFT - RIGHT
    return LEFT + plot_w * ((index + 0.5) / count if count else 0.5)


def _y_of(pain: int) -> float:
    return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * pain / 10


def _pain_series(points: Sequence[PainPoint], series: str) -> list[str]:
    """A line through the readings, with circles (before) or squares (after) on it."""
    count = len(points)
    coords = [
        (_x_of(i, count), _y_of(value))
        for i, p in enumerate(points)
        if (value := getattr(p, series)) is not None
    ]
    parts: list[str] = []
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<polyline class="{series}-line" fill="none" stroke-width="3" points="{path}"/>'
        )
    for x, y in coords:
        if series == "before":
            parts.append(f'<circle class="before" cx="{x:.1f}" cy="{y:.1f}" r="6"/>')
        else:
            parts.append(
                f'<rect class="after" x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12"/>'
            )
    return parts


def pain_chart(points: Sequence[PainPoint]) -> str:
    """Pain before (red) and after (green) each session on the 0-10 scale, oldest first."""
    body = _axes(10, [0, 2, 4, 6, 8, 10])
    body += _pain_series(points, "before") + _pain_series(points, "after")
    label_every = max(1, -(-len(points) // MAX_DAY_LABELS))
    body += [
        f'<text x="{_x_of(index, len(points)):.1f}" y="{HEIGHT - BOTTOM + 26}" '
        f'text-anchor="middle">{point.day:%d %b}</text>'
        for index, point in enumerate(points)
        if index % label_every == 0
    ]
    body.append(PAIN_LEGEND)
    words = "; ".join(
        f"{p.day:%d %B}: before {_pain_word(p.before)}, after {_pain_word(p.after)}" for p in points
    )
    return _frame(
        "Pain before (circles) and after (squares) each session, 0 to 10",
        words or "No pain ratings yet.",
        body,
        "pain",
    )


def _pain_word(value: int | None) -> str:
    return "not rated" if value is None else f"{value} of 10"
