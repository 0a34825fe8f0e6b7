"""What the explorer's pages ask of the store, answered in SQL as plain rows and DataFrames.

Counts, filters and pages are worked out by the database; the full record JSON is only
read for the one document shown or for a bounded number of recent documents (``limit``).
Nothing here returns a spaCy Doc or runs the pipeline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Select, distinct, func, literal_column, or_, select

from nlp.store import Store
from nlp.store.db import record_boroughs, record_officials, records

PAGE_SIZE = 50
DOCUMENT_COLUMNS = ("id", "date", "kind", "title", "stance", "source")


@dataclass(frozen=True)
class DocumentFilter:
    """The Documents table's filters; empty values filter nothing."""

    date_from: str | None = None
    date_to: str | None = None
    kinds: tuple[str, ...] = ()
    borough: str | None = None
    official: str | None = None
    organisation: str | None = None
    stances: tuple[str, ...] = ()
    search: str = ""


@dataclass(frozen=True)
class DocumentPage:
    rows: list[dict[str, Any]]
    total: int


def _json_length(store: Store, field: str) -> ColumnElement[Any]:
    """The length of a list in the record JSON, computed by the database."""
    if store.engine.dialect.name == "postgresql":
        return literal_column(f"json_array_length((records.data::json)->'{field}')")
    return literal_column(f"json_array_length(records.data, '$.{field}')")


def overview(store: Store) -> dict[str, int]:
    """Documents, speakers, boroughs and commitments at a glance."""
    with store.engine.connect() as conn:
        documents = conn.execute(select(func.count()).select_from(records)).scalar() or 0
        speakers = conn.execute(select(func.count(distinct(record_officials.c.name)))).scalar() or 0
        boroughs = conn.execute(select(func.count(distinct(record_boroughs.c.code)))).scalar() or 0
        commitments = conn.execute(select(func.sum(_json_length(store, "commitments"))).select_from(records)).scalar()
    return {"documents": documents, "speakers": speakers, "boroughs": boroughs, "commitments": int(commitments or 0)}


def documents_over_time(store: Store) -> pd.DataFrame:
    """Documents per month ("YYYY-MM") and kind; undated documents are left out."""
    month = func.substr(records.c.date, 1, 7).label("month")
    query = select(month, records.c.kind, func.count().label("documents")).where(records.c.date.is_not(None))
    return _frame(store, query.group_by(month, records.c.kind).order_by(month), ("month", "kind", "documents"))


def stance_over_time(store: Store) -> pd.DataFrame:
    """Documents per month and stance on armed patrols, for documents that are about them."""
    month = func.substr(records.c.date, 1, 7).label("month")
    query = (
        select(month, records.c.stance, func.count().label("documents"))
        .where(records.c.date.is_not(None), records.c.stance != "unrelated")
        .group_by(month, records.c.stance)
        .order_by(month)
    )
    return _frame(store, query, ("month", "stance", "documents"))


def _frame(store: Store, query: Select[Any], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(store.query(query), columns=list(columns))


def filter_options(store: Store) -> dict[str, Any]:
    """The values each Documents filter can take, as found in the store."""
    with store.engine.connect() as conn:
        first, last = conn.execute(select(func.min(records.c.date), func.max(records.c.date))).one()
        options = {
            "kinds": sorted(conn.execute(select(records.c.kind).distinct()).scalars()),
            "stances": sorted(s for s in conn.execute(select(records.c.stance).distinct()).scalars() if s),
            "boroughs": dict(
                conn.execute(
                    select(record_boroughs.c.code, func.min(record_boroughs.c.name)).group_by(record_boroughs.c.code)
                ).all()
            ),
            "officials": sorted(conn.execute(select(record_officials.c.name).distinct()).scalars()),
            "organisations": sorted(
                o for o in conn.execute(select(record_officials.c.organisation).distinct()).scalars() if o
            ),
        }
    return {**options, "first_date": first, "last_date": last}


def _conditions(f: DocumentFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.date_from:
        conditions.append(records.c.date >= f.date_from)
    if f.date_to:
        conditions.append(records.c.date <= f.date_to)
    if f.kinds:
        conditions.append(records.c.kind.in_(f.kinds))
    if f.stances:
        conditions.append(records.c.stance.in_(f.stances))
    if f.borough:
        conditions.append(
            records.c.id.in_(select(record_boroughs.c.record_id).where(record_boroughs.c.code == f.borough))
        )
    if f.official:
        conditions.append(
            records.c.id.in_(select(record_officials.c.record_id).where(record_officials.c.name == f.official))
        )
    if f.organisation:
        by_organisation = select(record_officials.c.record_id).where(record_officials.c.organisation == f.organisation)
        conditions.append(records.c.id.in_(by_organisation))
    if f.search.strip():
        pattern = "%" + f.search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(or_(records.c.text.ilike(pattern, escape="\\"), records.c.title.ilike(pattern, escape="\\")))
    return conditions


def documents(store: Store, f: DocumentFilter = DocumentFilter(), page: int = 1, size: int = PAGE_SIZE) -> DocumentPage:
    """One page (from 1) of the documents that pass ``f``, newest first, with their boroughs' names."""
    conditions = _conditions(f)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(records).where(*conditions)).scalar() or 0
    query = (
        select(*(records.c[name] for name in DOCUMENT_COLUMNS))
        .where(*conditions)
        .order_by(records.c.date.desc().nulls_last(), records.c.id)
        .limit(size)
        .offset(max(page - 1, 0) * size)
    )
    rows = store.query(query)
    names = _borough_names_of(store, [row["id"] for row in rows])
    for row in rows:
        row["boroughs"] = ", ".join(names.get(row["id"], []))
    return DocumentPage(rows, total)


def _borough_names_of(store: Store, ids: list[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    query = (
        select(record_boroughs.c.record_id, record_boroughs.c.name)
        .where(record_boroughs.c.record_id.in_(ids))
        .order_by(record_boroughs.c.mentions.desc(), record_boroughs.c.name)
    )
    names: dict[str, list[str]] = {}
    for row in store.query(query):
        names.setdefault(row["record_id"], []).append(row["name"])
    return names


def record(store: Store, record_id: str) -> dict[str, Any] | None:
    """The whole stored record as a plain dict, or None."""
    with store.engine.connect() as conn:
        data = conn.execute(select(records.c.data).where(records.c.id == record_id)).scalar()
    return json.loads(data) if data else None


def _records_data(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    with store.engine.connect() as conn:
        found = dict(conn.execute(select(records.c.id, records.c.data).where(records.c.id.in_(ids))).all())
    return [json.loads(found[i]) for i in ids if i in found]


def borough_mentions(store: Store) -> pd.DataFrame:
    """Per borough code: its name, mentions over all documents, and how many documents."""
    query = (
        select(
            record_boroughs.c.code,
            func.min(record_boroughs.c.name).label("name"),
            func.sum(record_boroughs.c.mentions).label("mentions"),
            func.count(distinct(record_boroughs.c.record_id)).label("documents"),
        )
        .group_by(record_boroughs.c.code)
        .order_by(record_boroughs.c.code)
    )
    return _frame(store, query, ("code", "name", "mentions", "documents"))


def borough_documents(store: Store, code: str, page: int = 1, size: int = PAGE_SIZE) -> DocumentPage:
    return documents(store, DocumentFilter(borough=code), page, size)


def borough_items(store: Store, code: str, limit: int = 100) -> dict[str, list[dict[str, Any]]]:
    """Figures and commitments of the ``limit`` most recent documents naming the borough.

    A figure is kept when it belongs to this borough or names no place; a commitment when
    it applies here or names no borough.
    """
    ids = [row["id"] for row in borough_documents(store, code, 1, limit).rows]
    figures: list[dict[str, Any]] = []
    commitments: list[dict[str, Any]] = []
    for data in _records_data(store, ids):
        source = {"document": data["id"], "date": data.get("date"), "title": data.get("title")}
        figures += [{**source, **_figure_row(f)} for f in data.get("figures", []) if f.get("place") in (None, code)]
        commitments += [
            {**source, **commitment_row(c)}
            for c in data.get("commitments", [])
            if code in c.get("boroughs", []) or not c.get("boroughs")
        ]
    return {"figures": figures, "commitments": commitments}


def _figure_row(figure: dict[str, Any]) -> dict[str, Any]:
    keys = ("value", "counts", "unit", "qualifier", "period", "place", "text")
    return {key: figure.get(key) for key in keys}


def commitment_row(commitment: dict[str, Any]) -> dict[str, Any]:
    keys = ("actor", "speaker", "action", "strength", "negated", "timeframe", "text")
    return {**{key: commitment.get(key) for key in keys}, "boroughs": ", ".join(commitment.get("boroughs", []))}


def figure_rows(record_data: dict[str, Any]) -> list[dict[str, Any]]:
    return [_figure_row(f) for f in record_data.get("figures", [])]


def people(store: Store) -> pd.DataFrame:
    """Each official: most frequent role and organisation, documents, and stances taken."""
    query = select(
        record_officials.c.name,
        record_officials.c.role,
        record_officials.c.organisation,
        record_officials.c.stance,
        func.count(distinct(record_officials.c.record_id)).label("documents"),
    ).group_by(
        record_officials.c.name, record_officials.c.role, record_officials.c.organisation, record_officials.c.stance
    )
    rows = _frame(store, query, ("name", "role", "organisation", "stance", "documents"))
    if rows.empty:
        return pd.DataFrame(columns=["name", "role", "organisation", "documents", "support", "oppose", "neutral"])
    return _people_summary(rows)


def _people_summary(rows: pd.DataFrame) -> pd.DataFrame:
    by_name = rows.groupby("name", sort=True)
    # The role and organisation a person is named with most often stand for them.
    commonest = rows.sort_values("documents", ascending=False).drop_duplicates("name").set_index("name")
    stances = rows.pivot_table(index="name", columns="stance", values="documents", aggfunc="sum", fill_value=0)
    summary = pd.DataFrame(
        {
            "role": commonest["role"],
            "organisation": commonest["organisation"],
            "documents": by_name["documents"].sum(),
        }
    )
    for label in ("support", "oppose", "neutral"):
        summary[label] = stances[label] if label in stances.columns else 0
    summary[["support", "oppose", "neutral"]] = summary[["support", "oppose", "neutral"]].fillna(0).astype(int)
    return summary.reset_index().sort_values(["documents", "name"], ascending=[False, True], ignore_index=True)


def person_stance(store: Store, name: str) -> pd.DataFrame:
    """Every dated document where ``name`` spoke on armed patrols: date, stance, score."""
    query = (
        select(
            records.c.date,
            record_officials.c.stance,
            record_officials.c.stance_score.label("score"),
            records.c.id,
            records.c.title,
        )
        .join(records, records.c.id == record_officials.c.record_id)
        .where(record_officials.c.name == name, record_officials.c.stance.is_not(None), records.c.date.is_not(None))
        .order_by(records.c.date)
    )
    return _frame(store, query, ("date", "stance", "score", "id", "title"))


def person_statements(store: Store, name: str, limit: int = 100) -> list[dict[str, Any]]:
    """What ``name`` said in the ``limit`` most recent documents naming them."""
    query = (
        select(records.c.id)
        .join(record_officials, records.c.id == record_officials.c.record_id)
        .where(record_officials.c.name == name)
        .order_by(records.c.date.desc().nulls_last(), records.c.id)
        .limit(limit)
    )
    ids = [row["id"] for row in store.query(query)]
    said: list[dict[str, Any]] = []
    for data in _records_data(store, ids):
        said += [_said_row(data, s) for s in data.get("statements", []) if s.get("speaker") == name]
    return said


def _said_row(data: dict[str, Any], statement: dict[str, Any]) -> dict[str, Any]:
    stance = statement.get("stance") or {}
    return {
        "date": data.get("date"),
        "document": data["id"],
        "title": data.get("title"),
        "kind": statement.get("kind"),
        "stance": stance.get("label"),
        "score": stance.get("score"),
        "relevance": stance.get("relevance"),
        "cues": "; ".join(stance.get("cues") or []),
        "text": statement.get("text"),
    }
