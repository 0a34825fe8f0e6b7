"""How long each explorer page takes to render over a store of 10,000 synthetic records.

Not a test: it prints figures. Each page is run with Streamlit's AppTest twice, cold (empty
caches: every query goes to the database) and warm (the cached answers), and the time of
each run is reported. Aim: under 2 s a page.

    .venv/bin/python benchmarks/explorer_render.py [--records 10000] [--store PATH]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.logger import set_log_level  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from nlp.store import Store  # noqa: E402
from nlp.store.register import Register  # noqa: E402
from tests.explorer.synthetic import synthetic_records  # noqa: E402

BATCH = 500
set_log_level("error")  # AppTest warns about running without a server on every run


def build_store(location: str, count: int) -> None:
    """Save ``count`` synthetic records and fill the register from them, in batches."""
    store = Store(location)
    register = Register(store)
    started = time.perf_counter()
    batch = []
    for record in synthetic_records(count):
        batch.append(record)
        if len(batch) == BATCH:
            _save(store, register, batch)
            batch = []
    _save(store, register, batch)
    print(f"built {store.count()} records in {time.perf_counter() - started:.1f} s ({location})", flush=True)
    store.close()


def _save(store: Store, register: Register, batch: list) -> None:  # type: ignore[type-arg]
    with store.engine.begin() as conn:
        for record in batch:
            store.save(record, conn)
            register.add_record(record, conn)


def pages(location: str) -> dict[str, dict[str, str]]:
    """The query parameters that open each page on a typical item."""
    store = Store(location)
    some = next(iter(store.iter_records(batch=1)))
    store.close()
    entry = Register(Store(location)).entries()[-1].id
    return {
        "Overview": {"view": "overview"},
        "Documents": {"view": "documents"},
        "Document": {"view": "document", "doc": some.id},
        "Boroughs": {"view": "boroughs", "borough": some.boroughs[0].code},
        "People": {"view": "people", "person": some.officials[0].name},
        "Commitments": {"view": "commitments", "entry": entry},
        "Analyse": {"view": "analyse"},
    }


def render_time(params: dict[str, str]) -> float:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    app.query_params.update(params)
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{params}: {[e.value for e in app.exception]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--store", help="reuse (or build) the store at this path")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="explorer-bench-")
    location = args.store or str(Path(folder) / "bench.db")
    if not Path(location).exists() or Store(location).count() == 0:
        build_store(location, args.records)
    os.environ["POLICING_STORE"] = location
    os.environ.pop("POLICING_READ_ONLY", None)
    render_time({"view": "overview"})  # the first run pays for importing the app
    print(f"{'page':<12} {'cold s':>8} {'warm s':>8}")
    for name, params in pages(location).items():
        st.cache_data.clear()
        cold = render_time(params)
        warm = render_time(params)
        flag = "" if cold < 2 else "  over 2 s"
        print(f"{name:<12} {cold:8.2f} {warm:8.2f}{flag}", flush=True)


if __name__ == "__main__":
    main()
