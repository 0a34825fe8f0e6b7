"""The explorer's queries: on synthetic records (SQLite, and PostgreSQL when given) and on
the corpus store built with the real pipeline."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from nlp.explorer import queries
from nlp.explorer.queries import DocumentFilter
from nlp.record import Record
from nlp.store import Store
from tests.explorer.conftest import KNOWN, CorpusStore
from tests.explorer.synthetic import synthetic_records

PG_URL = os.environ.get("POLICING_TEST_PG")


def _pg_or_skip() -> str:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must provide a PostgreSQL server in POLICING_TEST_PG")
        pytest.skip("no PostgreSQL server: set POLICING_TEST_PG=postgresql://user@host/db to run these")
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def synthetic(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, list[Record]]]:
    if request.param == "postgresql":
        location = _pg_or_skip()
        with Store(location) as fresh, fresh.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    else:
        location = str(tmp_path / "synthetic.db")
    store = Store(location)
    records = list(synthetic_records(120))
    store.save_many(records)
    yield store, records
    store.close()


def test_overview_counts_what_the_records_hold(synthetic: tuple[Store, list[Record]]) -> None:
    store, records = synthetic
    assert queries.overview(store) == {
        "documents": len(records),
        "speakers": len({o.name for r in records for o in r.officials}),
        "boroughs": len({b.code for r in records for b in r.boroughs}),
        "commitments": sum(len(r.commitments) for r in records),
    }


def test_documents_over_time_and_stance_over_time_add_up(synthetic: tuple[Store, list[Record]]) -> None:
    store, records = synthetic
    by_kind = queries.documents_over_time(store)
    assert by_kind["documents"].sum() == len(records)
    march = by_kind[(by_kind["month"] == records[0].date[:7]) & (by_kind["kind"] == records[0].kind)]  # type: ignore[index]
    assert int(march["documents"].iloc[0]) == sum(
        1 for r in records if r.date[:7] == records[0].date[:7] and r.kind == records[0].kind
    )  # type: ignore[index]
    stance = queries.stance_over_time(store)
    assert Counter(dict(stance.groupby("stance")["documents"].sum())) == Counter(
        r.stance.label for r in records if r.stance.label != "unrelated"
    )


@pytest.mark.parametrize(
    ("make_filter", "keep"),
    [
        (lambda r: DocumentFilter(kinds=(r.kind,)), lambda r, x: x.kind == r.kind),
        (lambda r: DocumentFilter(stances=(r.stance.label,)), lambda r, x: x.stance.label == r.stance.label),
        (
            lambda r: DocumentFilter(borough=r.boroughs[0].code),
            lambda r, x: r.boroughs[0].code in {b.code for b in x.boroughs},
        ),
        (
            lambda r: DocumentFilter(official=r.officials[0].name),
            lambda r, x: r.officials[0].name in {o.name for o in x.officials},
        ),
        (
            lambda r: DocumentFilter(organisation="Greater London Authority"),
            lambda r, x: "Greater London Authority" in {o.organisation for o in x.officials},
        ),
        (
            lambda r: DocumentFilter(date_from="2015-01-01", date_to="2016-12-31"),
            lambda r, x: "2015-01-01" <= x.date <= "2016-12-31",
        ),
        (
            lambda r: DocumentFilter(search=r.title.upper()),
            lambda r, x: r.title.lower() in (x.title + x.text).lower(),
        ),  # any case
        (lambda r: DocumentFilter(search="100%_"), lambda r, x: False),  # LIKE wildcards are literal
        (lambda r: DocumentFilter(), lambda r, x: True),  # no filter keeps all
    ],
)
def test_each_filter_keeps_exactly_the_matching_documents(
    synthetic: tuple[Store, list[Record]], make_filter, keep
) -> None:  # type: ignore[no-untyped-def]
    store, records = synthetic
    known = records[7]
    page = queries.documents(store, make_filter(known), 1, 1000)
    assert {row["id"] for row in page.rows} == {x.id for x in records if keep(known, x)}
    assert page.total == len(page.rows)


def test_documents_are_paged_newest_first(synthetic: tuple[Store, list[Record]]) -> None:
    store, records = synthetic
    first, second = queries.documents(store, DocumentFilter(), 1, 50), queries.documents(store, DocumentFilter(), 2, 50)
    assert first.total == second.total == len(records) and len(first.rows) == len(second.rows) == 50
    dates = [row["date"] for row in first.rows + second.rows]
    assert dates == sorted(dates, reverse=True)
    assert not {row["id"] for row in first.rows} & {row["id"] for row in second.rows}
    top = next(r for r in records if r.id == first.rows[0]["id"])
    assert top.date == max(r.date for r in records)  # type: ignore[type-var]
    assert set(first.rows[0]["boroughs"].split(", ")) == {b.name for b in top.boroughs}


def test_borough_mentions_people_and_person(synthetic: tuple[Store, list[Record]]) -> None:
    store, records = synthetic
    mentions = queries.borough_mentions(store).set_index("code")
    code = records[0].boroughs[0].code
    assert int(mentions.loc[code, "mentions"]) == sum(
        len(b.mentions) for r in records for b in r.boroughs if b.code == code
    )
    people = queries.people(store).set_index("name")
    name = records[0].officials[0].name
    assert int(people.loc[name, "documents"]) == sum(1 for r in records if name in {o.name for o in r.officials})
    said = queries.person_statements(store, name)
    assert len(said) == sum(1 for r in records for s in r.statements if s.speaker == name)
    assert all(row["text"] for row in said)
    timeline = queries.person_stance(store, name)
    assert list(timeline["date"]) == sorted(timeline["date"])


def test_borough_items_keep_the_borough_or_no_place(synthetic: tuple[Store, list[Record]]) -> None:
    store, records = synthetic
    code = records[0].boroughs[0].code
    items = queries.borough_items(store, code)
    assert items["figures"] and {f["place"] for f in items["figures"]} <= {code, None}
    assert items["commitments"] and all(code in c["boroughs"] or not c["boroughs"] for c in items["commitments"])


def test_an_unknown_record_is_none(synthetic: tuple[Store, list[Record]]) -> None:
    store, _ = synthetic
    assert queries.record(store, "no-such-id") is None


def test_the_known_corpus_document_is_found_by_borough_official_and_words(corpus_store: CorpusStore) -> None:
    store = Store(corpus_store.location)
    known = corpus_store.records[KNOWN]
    haringey = next(b for b in known.boroughs if b.name == "Haringey")
    adeyemi = next(o for o in known.officials if o.name == "Samuel Adeyemi")
    for f in (
        DocumentFilter(borough=haringey.code),
        DocumentFilter(official=adeyemi.name),
        DocumentFilter(search="Northumberland Park"),
    ):
        assert known.id in {row["id"] for row in queries.documents(store, f).rows}
    assert queries.record(store, known.id) == known.to_dict()
    store.close()
