"""The store against SQLite always, and against a real PostgreSQL server when one is given
(``POLICING_TEST_PG``; CI starts one and sets it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from nlp.record import Borough, Mention, Record
from nlp.store import Store, StoreError
from nlp.store.db import SCHEMA_VERSION, schema_info

PG_URL = os.environ.get("POLICING_TEST_PG")


def _pg_or_skip() -> str:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must provide a PostgreSQL server in POLICING_TEST_PG")
        pytest.skip("no PostgreSQL server: set POLICING_TEST_PG=postgresql://user@host/db to run these")
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = Store(str(tmp_path / "test.db"))
    else:
        opened = Store(_pg_or_skip())
        with opened.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        opened.close()
        opened = Store(_pg_or_skip())
    yield opened
    opened.close()


def _record(rid: str, title: str) -> Record:
    text_ = "Officers in Hackney said so."
    return Record(
        id=rid,
        source=f"{rid}.txt",
        text=text_,
        title=title,
        boroughs=[Borough("Hackney", "E09000012", [Mention(12, 19, "Hackney")])],
    )


def test_save_and_get_round_trip(store: Store) -> None:
    store.save(_record("a", "First"))
    got = store.get("a")
    assert got is not None and got.title == "First" and got.boroughs[0].code == "E09000012"


def test_saving_the_same_id_replaces_it(store: Store) -> None:
    store.save(_record("a", "First"))
    store.save(_record("a", "Second"))
    assert store.count() == 1
    assert store.get("a").title == "Second"  # type: ignore[union-attr]
    rows = store.query(text("SELECT count(*) AS n FROM record_boroughs"))
    assert rows[0]["n"] == 1  # index rows replaced too, not duplicated


def test_save_many_and_iterate(store: Store) -> None:
    assert store.save_many(_record(str(i), f"t{i}") for i in range(5)) == 5
    assert sorted(r.id for r in store.iter_records()) == ["0", "1", "2", "3", "4"]


def test_a_newer_store_is_refused_with_a_message(tmp_path: Path) -> None:
    path = str(tmp_path / "new.db")
    with Store(path) as opened, opened.engine.begin() as conn:
        conn.execute(schema_info.insert().values(version=SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_opening_twice_does_not_migrate_twice(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    Store(path).close()
    with Store(path) as opened:
        rows = opened.query(text("SELECT version FROM schema_info"))
    assert [r["version"] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
