"""Synthetic records with consistent offsets, for query tests and the render benchmark.

Deterministic for a given seed; no pipeline involved.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from nlp.explorer.tiles import borough_names
from nlp.record import (
    Borough,
    Commitment,
    DocumentStance,
    Figure,
    Mention,
    Official,
    Record,
    SpeakerStance,
    Stance,
    Statement,
)

ROLES = (
    ("Commissioner", "Metropolitan Police Service"),
    ("Chief Superintendent", "Metropolitan Police Service"),
    ("Deputy Mayor for Policing and Crime", "Greater London Authority"),
    ("Assembly Member", "London Assembly"),
    ("MP", None),
)
KINDS = ("press_release", "transcript", "debate", "news", "other")
LABELS = ("support", "oppose", "neutral", "unrelated")
ACTIONS = (
    "deploy extra patrols",
    "review armed deployments",
    "publish the figures",
    "consult residents",
    "open a new station",
    "fund more officers",
)
FIRST = ("Amara", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hugo", "Isla", "Jonah")
LAST = ("Okafor", "Patel", "Quinn", "Reid", "Singh", "Taylor", "Usman", "Vance", "Walsh", "Young")


class _Writer:
    """Builds a text piece by piece and returns each piece's offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def synthetic_record(number: int, rng: random.Random, codes: list[tuple[str, str]]) -> Record:
    writer = _Writer()
    writer.add(f"Synthetic statement {number}\n\n")
    places = rng.sample(codes, rng.randint(1, 3))
    boroughs = [Borough(name, code, []) for code, name in places]
    people = list({o.name: o for o in (_official(rng) for _ in range(rng.randint(1, 3)))}.values())
    statements, figures, commitments = [], [], []
    for _ in range(rng.randint(3, 8)):
        person = rng.choice(people)
        borough = rng.choice(boroughs)
        start, _ = writer.add(f"{person.name} said that ")
        person.mentions.append(Mention(start, start + len(person.name), person.name))
        before, _ = writer.add("the patrols in ")
        b_start, b_end = writer.add(borough.name)
        borough.mentions.append(Mention(b_start, b_end, borough.name))
        count = rng.randint(2, 400)
        f_start, f_end = writer.add(f" counted {count} incidents")
        figures.append(
            Figure(float(count), writer.text[f_start + 9 : f_end], "incidents", f_start + 9, f_end, place=borough.code)
        )
        action = rng.choice(ACTIONS)
        c_start, c_end = writer.add(f" and officers will {action} this week.\n")
        commitments.append(
            Commitment(
                person.organisation or person.name,
                action,
                writer.text[c_start:c_end],
                "firm",
                c_start,
                c_end,
                speaker=person.name,
                boroughs=[borough.code],
                timeframe="this week",
            )
        )
        label = rng.choice(LABELS)
        statements.append(
            Statement(
                person.name,
                "indirect",
                writer.text[before:c_end],
                before,
                c_end,
                Stance(label, round(rng.uniform(0.4, 0.95), 2), ["armed"]),
            )
        )
    day = date(2008, 1, 1) + timedelta(days=rng.randint(0, 17 * 365))
    return Record(
        id=f"syn-{number:06d}",
        source=f"synthetic/{number}.txt",
        text=writer.text,
        title=f"Synthetic statement {number}",
        date=day.isoformat(),
        kind=rng.choice(KINDS),  # type: ignore[arg-type]
        boroughs=[b for b in boroughs if b.mentions],
        officials=people,
        figures=figures,
        commitments=commitments,
        statements=statements,
        stance=_stance(statements),
    )


def _official(rng: random.Random) -> Official:
    role, organisation = rng.choice(ROLES)
    return Official(f"{rng.choice(FIRST)} {rng.choice(LAST)}", role=role, organisation=organisation)


def _stance(statements: list[Statement]) -> DocumentStance:
    about = [s for s in statements if s.stance.label != "unrelated"]
    labels = {s.stance.label for s in about}
    label = "unrelated" if not about else "mixed" if {"support", "oppose"} <= labels else about[0].stance.label
    by_speaker = {s.speaker: SpeakerStance(s.speaker, s.stance.label, s.stance.score) for s in about if s.speaker}
    return DocumentStance(label=label, by_speaker=list(by_speaker.values()))  # type: ignore[arg-type]


def synthetic_records(count: int, seed: int = 8) -> Iterator[Record]:
    rng = random.Random(seed)
    codes = sorted(borough_names().items())
    for number in range(count):
        yield synthetic_record(number, rng, codes)
