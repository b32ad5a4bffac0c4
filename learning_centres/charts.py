"""Small server-rendered charts of an indicator's readings over time (no JavaScript, no
chart library: a polyline in an SVG box is a few lines, and a library would send script to
every visitor). The template (components/outcome_chart.html) draws the SVG and, for screen
readers and printing, the same readings as a table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT, PAD = 320, 120, 12


@dataclass
class Point:
    date: object
    value: Decimal
    unit: str
    source: str
    x: float = 0.0
    y: float = 0.0


@dataclass
class Series:
    label: str
    unit: str
    points: list[Point] = field(default_factory=list)

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def change(self) -> Decimal | None:
        """The latest reading minus the one before it."""
        if len(self.points) < 2:
            return None
        return self.points[-1].value - self.points[-2].value

    @property
    def direction(self) -> str | None:
        change = self.change
        return None if change is None else "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def change_size(self) -> Decimal | None:
        return None if self.change is None else abs(self.change)

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


def _place(points: list[Point]) -> None:
    days = [point.date.toordinal() for point in points]
    values = [float(point.value) for point in points]
    first, span = min(days), (max(days) - min(days)) or 1
    low, high = min(values + [0.0]), max(values)
    height = (high - low) or 1.0
    for point, day, value in zip(points, days, values, strict=True):
        point.x = PAD + (day - first) / span * (WIDTH - 2 * PAD) if len(points) > 1 else WIDTH / 2
        point.y = HEIGHT - PAD - (value - low) / height * (HEIGHT - 2 * PAD)


def outcome_series(indicators: Iterable, readings: Iterable) -> list[Series]:
    """One series per indicator that has readings, in the indicators' order, dates ascending."""
    by_label: dict[str, list] = {}
    for reading in readings:
        by_label.setdefault(reading.indicator.strip(), []).append(reading)
    series = []
    for indicator in indicators:
        found = sorted(by_label.pop(indicator.label.strip(), []), key=lambda reading: reading.date)
        if not found:
            continue
        points = [Point(reading.date, reading.value, reading.unit, reading.source) for reading in found]
        _place(points)
        series.append(Series(label=indicator.label, unit=next((p.unit for p in reversed(points) if p.unit), ""), points=points))
    return series
