"""Altair charts over the explorer's query answers (plain DataFrames in, charts out)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from nlp.explorer.html import STANCE_COLOURS

STANCE_ORDER = ["support", "oppose", "neutral", "mixed", "unrelated"]
MONTHS_BEFORE_YEARS = 36  # a longer span is drawn by year so the bars stay readable


def by_period(frame: pd.DataFrame, value: str, group: str) -> pd.DataFrame:
    """Monthly counts, summed into years when the months span more than three years."""
    if frame.empty:
        return frame.assign(period=[])
    months = pd.to_datetime(frame["month"], format="%Y-%m", errors="coerce")
    span = (months.max().year - months.min().year) * 12 + months.max().month - months.min().month
    period = frame["month"].str[:4] if span > MONTHS_BEFORE_YEARS else frame["month"]
    return frame.assign(period=period).groupby(["period", group], as_index=False).agg({value: "sum"})


def stacked_bars(
    frame: pd.DataFrame, group: str, value: str = "documents", colours: dict[str, str] | None = None
) -> alt.Chart:
    colour = alt.Color(f"{group}:N", title=group)
    if colours:
        domain = [label for label in STANCE_ORDER if label in colours]
        colour = alt.Color(
            f"{group}:N", title=group, scale=alt.Scale(domain=domain, range=[colours[d] for d in domain])
        )
    return (
        alt.Chart(by_period(frame, value, group))
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=None),
            y=alt.Y(f"{value}:Q", title=value, axis=alt.Axis(tickMinStep=1, format="d")),
            color=colour,
            tooltip=["period", group, value],
        )
    )


def stance_colours() -> dict[str, str]:
    return {label: STANCE_COLOURS[label][1] for label in STANCE_ORDER}


def tile_map(tiles: pd.DataFrame, selection_name: str = "borough") -> alt.LayerChart:
    """The 33 borough tiles shaded by mentions; clicking one selects its code."""
    pick = alt.selection_point(name=selection_name, fields=["code"], on="click")
    base = alt.Chart(tiles).encode(
        x=alt.X("column:O", axis=None),
        y=alt.Y("row:O", axis=None),
        tooltip=[alt.Tooltip("name:N", title="borough"), alt.Tooltip("mentions:Q")],
    )
    squares = (
        base.mark_rect(stroke="white", strokeWidth=3, cornerRadius=4)
        .encode(
            color=alt.Color("mentions:Q", scale=alt.Scale(scheme="oranges"), title="mentions"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        )
        .add_params(pick)
    )
    labels = base.mark_text(fontSize=12, fontWeight="bold").encode(text="abbreviation:N")
    return alt.LayerChart(layer=[squares, labels]).properties(height=380)


def stance_points(frame: pd.DataFrame) -> alt.Chart:
    """A person's stance per dated document: one point each, coloured by label."""
    colours = stance_colours()
    domain = [label for label in STANCE_ORDER if label != "mixed"]
    return (
        alt.Chart(frame)
        .mark_circle(size=90)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("stance:N", sort=domain, title=None),
            color=alt.Color(
                "stance:N", scale=alt.Scale(domain=domain, range=[colours[d] for d in domain]), legend=None
            ),
            tooltip=["date", "stance", "score", "title"],
        )
    )
