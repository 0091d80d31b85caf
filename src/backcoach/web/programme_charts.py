"""The progress page's charts: sessions done against planned, and each dose's steps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from backcoach.web.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, _axes, _frame


def adherence_chart(weeks: Sequence[tuple[date, int, int]]) -> str:
    """Per week a bar of sessions done, and a mark at the number planned."""
    y_max = float(max([max(done, planned) for _, done, planned in weeks] + [3]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    body = _axes(y_max, list(range(int(y_max) + 1)))
    for index, (week, done, planned) in enumerate(weeks):
        x = LEFT + index * slot + slot * 0.15
        bar_h = plot_h * done / y_max
        mark_y = HEIGHT - BOTTOM - plot_h * planned / y_max
        body.append(
            f'<rect class="bar" x="{x:.1f}" y="{HEIGHT - BOTTOM - bar_h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{bar_h:.1f}"><title>Week of {week:%d %b}: '
            f"{done} of {planned} sessions</title></rect>"
            f'<line class="axis planned" x1="{x:.1f}" y1="{mark_y:.1f}" '
            f'x2="{x + slot * 0.7:.1f}" y2="{mark_y:.1f}" stroke-width="3"/>'
        )
    words = "; ".join(f"week of {w:%d %B}: {d} of {p} sessions" for w, d, p in weeks)
    return _frame("Sessions done against planned, per week", words, body, "adherence")


def dose_chart(name: str, steps: Sequence[tuple[date, int, str]], chart_id: str) -> str:
    """One exercise's dose steps over time (higher is more), labelled with each dose."""
    top = float(max([rung for _, rung, _ in steps] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = _axes(top, [0, top])
    points = []
    for index, (day, rung, dose) in enumerate(steps):
        x = LEFT + plot_w * (index + 0.5) / len(steps)
        y = HEIGHT - BOTTOM - plot_h * rung / top
        points.append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<circle class="before" cx="{x:.1f}" cy="{y:.1f}" r="5">'
            f"<title>{day:%d %b}: {escape(dose)}</title></circle>"
        )
    body.insert(0, f'<polyline class="line before" fill="none" points="{" ".join(points)}"/>')
    words = "; ".join(f"{day:%d %B}: {dose}" for day, _, dose in steps)
    return _frame(f"{name}: dose over time", words, body, chart_id)
