"""London's 33 boroughs as a tile grid: one square each, in roughly geographic positions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import pandas as pd

# (row, column, abbreviation) by GSS code; row 0 is the north, column 0 the west.
TILE_POSITIONS: dict[str, tuple[int, int, str]] = {
    "E09000010": (0, 4, "Enf"),  # Enfield
    "E09000015": (1, 2, "Hrw"),  # Harrow
    "E09000003": (1, 3, "Brn"),  # Barnet
    "E09000014": (1, 4, "Hgy"),  # Haringey
    "E09000031": (1, 5, "Wth"),  # Waltham Forest
    "E09000017": (2, 0, "Hdn"),  # Hillingdon
    "E09000009": (2, 1, "Eal"),  # Ealing
    "E09000005": (2, 2, "Brt"),  # Brent
    "E09000007": (2, 3, "Cmd"),  # Camden
    "E09000019": (2, 4, "Isl"),  # Islington
    "E09000012": (2, 5, "Hck"),  # Hackney
    "E09000026": (2, 6, "Rdb"),  # Redbridge
    "E09000016": (2, 7, "Hav"),  # Havering
    "E09000018": (3, 0, "Hns"),  # Hounslow
    "E09000013": (3, 1, "Hms"),  # Hammersmith and Fulham
    "E09000020": (3, 2, "Ken"),  # Kensington and Chelsea
    "E09000033": (3, 3, "Wst"),  # Westminster
    "E09000001": (3, 4, "Cty"),  # City of London
    "E09000030": (3, 5, "Tow"),  # Tower Hamlets
    "E09000025": (3, 6, "New"),  # Newham
    "E09000002": (3, 7, "Bar"),  # Barking and Dagenham
    "E09000027": (4, 1, "Rch"),  # Richmond upon Thames
    "E09000032": (4, 2, "Wns"),  # Wandsworth
    "E09000022": (4, 3, "Lam"),  # Lambeth
    "E09000028": (4, 4, "Sth"),  # Southwark
    "E09000023": (4, 5, "Lsh"),  # Lewisham
    "E09000011": (4, 6, "Gwc"),  # Greenwich
    "E09000004": (4, 7, "Bex"),  # Bexley
    "E09000021": (5, 1, "Kng"),  # Kingston upon Thames
    "E09000024": (5, 2, "Mrt"),  # Merton
    "E09000008": (5, 3, "Crd"),  # Croydon
    "E09000006": (5, 5, "Brm"),  # Bromley
    "E09000029": (6, 2, "Stn"),  # Sutton
}


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    row: int
    column: int
    abbreviation: str


def borough_names() -> dict[str, str]:
    """GSS code -> canonical name, from the package's borough gazetteer."""
    data = json.loads(resources.files("nlp.resources").joinpath("boroughs.json").read_text(encoding="utf-8"))
    return {b["code"]: b["name"] for b in data["boroughs"]}


def tiles() -> list[Tile]:
    names = borough_names()
    return [
        Tile(code, names[code], row, column, abbreviation)
        for code, (row, column, abbreviation) in TILE_POSITIONS.items()
    ]


def tile_frame(mentions: dict[str, int]) -> pd.DataFrame:
    """One row per tile with its mention count (0 for boroughs never mentioned)."""
    return pd.DataFrame(
        [
            {
                "code": t.code,
                "name": t.name,
                "row": t.row,
                "column": t.column,
                "abbreviation": t.abbreviation,
                "mentions": int(mentions.get(t.code, 0)),
            }
            for t in tiles()
        ]
    )
