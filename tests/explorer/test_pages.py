"""Every page of the explorer, run with Streamlit's AppTest on a store built from the corpus
with the real pipeline: no exception, and the numbers of a known document."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from nlp.record import Record
from nlp.store import Store
from nlp.store.register import Register
from tests.conftest import ROOT
from tests.explorer.conftest import HOSTILE_TEXT, KNOWN, CorpusStore

APP = str(ROOT / "app.py")
TIMEOUT = 120  # the first run imports the app; Analyse loads the pipeline


@pytest.fixture()
def open_app(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def opener(location: str, read_only: bool = False, **params: str) -> AppTest:
        monkeypatch.setenv("POLICING_STORE", location)
        if read_only:
            monkeypatch.setenv("POLICING_READ_ONLY", "1")
        else:
            monkeypatch.delenv("POLICING_READ_ONLY", raising=False)
        app = AppTest.from_file(APP, default_timeout=TIMEOUT)
        app.query_params.update(params)
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return opener


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _html(app: AppTest) -> str:
    return "\n".join(h.proto.body for h in app.get("html"))


def _frame_with(app: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page with this column (tables without selection carry no key)."""
    found = [d.value for d in app.dataframe if column in d.value.columns]
    assert len(found) == 1, f"{len(found)} tables with a {column!r} column"
    return found[0]


def _known(corpus_store: CorpusStore) -> Record:
    return corpus_store.records[KNOWN]


def test_overview_counts_documents_speakers_boroughs_commitments(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    app = open_app(corpus_store.location)
    records = corpus_store.records.values()
    assert _metrics(app) == {
        "Documents": str(len(records)),
        "Speakers": str(len({o.name for r in records for o in r.officials})),
        "Boroughs": str(len({b.code for r in records for b in r.boroughs})),
        "Commitments": str(sum(len(r.commitments) for r in records)),
    }
    assert [s.value for s in app.subheader] == ["Documents over time, by kind", "Stance on armed patrols over time"]


def test_documents_table_filters_by_borough_and_opens_a_document(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    app = open_app(corpus_store.location, view="documents")
    assert f"{len(corpus_store.records)} document(s) match" in app.caption[0].value
    known = _known(corpus_store)
    haringey = next(b.code for b in known.boroughs if b.name == "Haringey")
    app.selectbox(key="documents_borough").set_value(haringey).run()
    table = app.dataframe(key="documents_table").value
    expected = {r.id for r in corpus_store.records.values() if haringey in {b.code for b in r.boroughs}}
    assert set(table["id"]) == expected and known.id in expected
    app.selectbox(key="documents_open_pick").set_value(known.id).run()
    app.button(key="documents_open").click().run()
    assert app.sidebar.radio[0].value == "Document"
    assert app.title[0].value.replace("\\", "") == known.title


def test_documents_search_and_kind_filters(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    app = open_app(corpus_store.location, view="documents")
    app.text_input(key="documents_search").input("Northumberland Park").run()
    assert set(app.dataframe[0].value["id"]) == {
        r.id for r in corpus_store.records.values() if "northumberland park" in r.text.lower()
    }
    app.text_input(key="documents_search").input("").run()
    app.multiselect(key="documents_kinds").set_value(["press_release"]).run()
    assert set(app.dataframe[0].value["kind"]) == {"press_release"}


def test_document_page_shows_the_known_documents_numbers_and_highlights(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    known = _known(corpus_store)
    app = open_app(corpus_store.location, view="document", doc=known.id)
    assert _metrics(app) == {
        "Boroughs": str(len(known.boroughs)),
        "Officials": str(len(known.officials)),
        "Figures": str(len(known.figures)),
        "Commitments": str(len(known.commitments)),
        "Statements": str(len(known.statements)),
    }
    markup = _html(app)
    assert 'data-kind="borough"' in markup and ">Haringey<" in markup
    assert 'data-kind="official"' in markup and ">Samuel Adeyemi<" in markup
    assert markup.count('class="statement"') == len(known.statements)
    assert known.source in app.caption[0].value.replace("\\", "") and known.date in app.caption[0].value.replace(
        "\\", ""
    )
    assert len(app.get("download_button")) == 1
    app.checkbox(key="document_show_borough").uncheck().run()
    assert 'data-kind="borough"' not in _html(app) and 'data-kind="official"' in _html(app)


def test_a_hostile_document_shows_its_markup_as_text(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    hostile = corpus_store.records["hostile"]
    app = open_app(corpus_store.location, view="document", doc=hostile.id)
    markup = _html(app)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "<script" not in markup and "<img" not in markup
    assert "<script" in HOSTILE_TEXT  # the test would prove nothing otherwise


def test_an_unknown_document_is_an_error_not_an_exception(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    app = open_app(corpus_store.location, view="document", doc="no-such-id")
    assert "no-such-id" in app.error[0].value


def test_boroughs_page_shades_the_map_and_lists_a_boroughs_documents(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    known = _known(corpus_store)
    haringey = next(b for b in known.boroughs if b.name == "Haringey")
    app = open_app(corpus_store.location, view="boroughs", borough=haringey.code)
    records = corpus_store.records.values()
    assert _metrics(app) == {
        "Mentions": str(sum(len(b.mentions) for r in records for b in r.boroughs if b.code == haringey.code)),
        "Documents": str(sum(1 for r in records if haringey.code in {b.code for b in r.boroughs})),
    }
    assert known.id in set(app.dataframe(key="boroughs_table").value["id"])
    assert len(app.get("vega_lite_chart")) == 1


def test_people_page_shows_what_a_speaker_said(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    known = _known(corpus_store)
    name = "Samuel Adeyemi"
    app = open_app(corpus_store.location, view="people", person=name)
    metrics = _metrics(app)
    said = [s for r in corpus_store.records.values() for s in r.statements if s.speaker == name]
    assert metrics["Documents"] == str(
        sum(1 for r in corpus_store.records.values() if name in {o.name for o in r.officials})
    )
    assert metrics["Statements"] == str(len(said)) and said
    assert set(_frame_with(app, "cues")["document"]) == {known.id}


def test_commitments_page_sets_a_status_into_the_audit_trail(
    corpus_store: CorpusStore, open_app, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    location = corpus_store.copy(tmp_path)
    entries = Register(Store(location)).entries()
    assert entries, "the corpus documents hold commitments"
    entry = entries[0]
    app = open_app(location, view="commitments", entry=entry.id)
    assert f"{len(entries)} entr" in app.caption[0].value
    assert _metrics(app)["Status"] == "open"
    assert not app.table and "No status set yet" in app.caption[-1].value
    app.selectbox(key="commitments_new_status").set_value("delivered")
    app.text_input(key="commitments_by").input("A. Auditor")
    app.text_area(key="commitments_note").input("patrols seen")
    app.button(key="commitments_submit").click().run()
    assert not app.exception
    audit = app.table[0].value
    assert list(audit["new_status"]) == ["delivered"] and list(audit["by"]) == ["A. Auditor"]
    assert _metrics(app)["Status"] == "delivered"
    assert Register(Store(location)).entry(entry.id).status == "delivered"  # type: ignore[union-attr]
    app.selectbox(key="commitments_status").set_value("delivered").run()
    assert "1 entry" in app.caption[0].value


def test_commitments_status_needs_a_note(corpus_store: CorpusStore, open_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    location = corpus_store.copy(tmp_path)
    entry = Register(Store(location)).entries()[0]
    app = open_app(location, view="commitments", entry=entry.id)
    app.text_input(key="commitments_by").input("A. Auditor")
    app.button(key="commitments_submit").click().run()
    assert app.error and "note" in app.error[0].value
    assert Register(Store(location)).entry(entry.id).audit == []  # type: ignore[union-attr]


def test_analyse_runs_the_pipeline_and_saves(corpus_store: CorpusStore, open_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    location = corpus_store.copy(tmp_path)
    app = open_app(location, view="analyse")
    app.text_area(key="analyse_text").input(HOSTILE_TEXT.replace("Hackney", "Lambeth")).run()
    app.button(key="analyse_run").click().run(timeout=TIMEOUT)
    assert not app.exception, [e.value for e in app.exception]
    assert _metrics(app)["Boroughs"] == "1" and ">Lambeth<" in _html(app)
    assert "<script" not in _html(app)
    before = Store(location).count()
    app.button(key="analyse_save").click().run()
    assert Store(location).count() == before + 1


def test_analyse_reports_a_bad_upload_by_name(corpus_store: CorpusStore, open_app) -> None:  # type: ignore[no-untyped-def]
    app = open_app(corpus_store.location, view="analyse")
    uploader = app.get("file_uploader")[0]
    uploader.set_value([("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "text/plain")]).run()  # type: ignore[attr-defined]
    app.button(key="analyse_run").click().run()
    assert any("photo.txt" in e.value for e in app.error)


@pytest.mark.parametrize("view", ["overview", "documents", "document", "boroughs", "people", "commitments", "analyse"])
def test_read_only_mode_hides_every_control_that_writes(corpus_store: CorpusStore, open_app, view: str) -> None:  # type: ignore[no-untyped-def]
    known = _known(corpus_store)
    entry = Register(Store(corpus_store.location)).entries()[0]
    app = open_app(corpus_store.location, read_only=True, view=view, doc=known.id, entry=entry.id, borough="E09000014")
    keys = (
        {w.key for w in app.get("button")}
        | {w.key for w in app.get("text_input")}
        | {w.key for w in app.get("text_area")}
    )
    assert not keys & {
        "commitments_submit",
        "commitments_by",
        "commitments_note",
        "commitments_evidence",
        "analyse_save",
    }
    if view == "analyse":
        app.text_area(key="analyse_text").input(HOSTILE_TEXT).run()
        app.button(key="analyse_run").click().run(timeout=TIMEOUT)
        assert _metrics(app)["Boroughs"] == "1"
        assert "analyse_save" not in {w.key for w in app.get("button")}
    if view == "commitments":
        assert _metrics(app)["Status"] == "open"  # the entry is shown, only its form is gone
