"""Batch runs: streaming, worker processes, resuming after a kill, and failures that do not stop a run."""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from nlp.batch import ExtractOptions, run_extract
from nlp.cli import app
from nlp.ingest import finish
from nlp.ingest.base import Document
from nlp.pipeline import PIPELINE_VERSION, Extractor, build_pipeline
from nlp.record import Record
from nlp.writers import Batched, SkipDone, jsonl_done, repair_tail

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
POLICING = Path(sys.executable).parent / "policing"
BOROUGHS = ["Hackney", "Croydon", "Lambeth", "Southwark", "Ealing", "Brent", "Haringey", "Newham"]
runner = CliRunner()


def write_documents(folder: Path, count: int) -> list[str]:
    """``count`` distinct press releases of a few paragraphs each; returns their file names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(count):
        borough = BOROUGHS[n % len(BOROUGHS)]
        paragraphs = [
            f"Officers in {borough} made {n + 3} arrests during operation number {n} last week, police said.",
            f'Chief Inspector Dana Reyes said: "We will keep extra patrols in {borough} until the summer '
            f'because residents asked us to. We may add armed patrols if the violence continues."',
            f"The council said {n + 12} knife crimes were recorded in {borough} over the past year.",
        ] * 4
        name = f"release-{n:03d}.txt"
        (folder / name).write_text("\n\n".join(paragraphs), encoding="utf-8")
        names.append(name)
    return names


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _corpus_texts(count: int) -> list[str]:
    return [str(path) for path in sorted(CORPUS.glob("*.txt"))[:count]]


# --- worker processes ----------------------------------------------------------------------


def test_two_workers_write_byte_identical_records(tmp_path: Path, nlp_full: object) -> None:
    inputs = _corpus_texts(8)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(app, ["extract", *inputs, "-o", str(one), "--batch-size", "4"]).exit_code == 0
    result = runner.invoke(app, ["extract", *inputs, "-o", str(two), "--workers", "2", "--batch-size", "4"])
    assert result.exit_code == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    assert [r["source"] for r in _lines(two)] == inputs


def test_components_survive_pickling(nlp_full: Language) -> None:
    text = 'Chief Inspector Dana Reyes said: "We will deploy armed patrols in Hackney."'
    for name, component in nlp_full.pipeline:
        if name.startswith("policing_"):
            copy = pickle.loads(pickle.dumps(component))  # our own objects, never untrusted data
            assert type(copy) is type(component)
    doc = nlp_full(text)
    restored = Doc(nlp_full.vocab).from_bytes(doc.to_bytes())  # what spaCy's workers send back
    assert restored._.record == doc._.record and doc._.record["statements"]


# --- streaming and failures ----------------------------------------------------------------


@Language.component("test_explode")
def _explode(doc: Doc) -> Doc:
    if "EXPLODE" in doc.text:
        raise ValueError("a component met a document it cannot handle")
    return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_document_a_component_fails_on_still_gets_a_record(n_process: int) -> None:
    nlp = build_pipeline()
    nlp.add_pipe("test_explode", before="policing_record")
    texts = ["Officers in Hackney made 4 arrests.", "EXPLODE in Croydon.", "Patrols in Brent from Monday."]
    texts += [f"Officers in Ealing made {n} arrests." for n in range(5, 12)]
    documents = [finish(Document(text=text, source=f"doc-{i}")) for i, text in enumerate(texts)]
    records = list(Extractor(nlp, batch_size=2, n_process=n_process).records(documents))
    assert [r.source for r in records] == [d.source for d in documents]
    assert records[1].errors and "extraction failed" in records[1].errors[0] and not records[1].boroughs
    assert [b.name for b in records[2].boroughs] == ["Brent"] and not records[2].errors


def test_records_are_yielded_while_documents_are_still_being_read(extractor: Extractor) -> None:
    read: list[int] = []

    def documents() -> object:
        for n in range(40):
            read.append(n)
            yield finish(Document(text=f"Officers in Hackney made {n} arrests.", source=f"d{n}"))

    stream = extractor.records(documents())  # type: ignore[arg-type]
    first = next(stream)
    assert first.source == "d0" and len(read) < 40  # the generator was not drained up front
    assert sum(1 for _ in stream) == 39


# --- resuming --------------------------------------------------------------------------------


def test_resume_skips_what_is_done_and_mends_a_cut_line(tmp_path: Path, extractor: Extractor) -> None:
    folder = tmp_path / "in"
    write_documents(folder, 6)
    out = tmp_path / "out.jsonl"
    options = ExtractOptions(output=out, resume=True)
    first = run_extract([str(folder)], options, extractor=extractor)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")  # as a kill mid-write leaves it
    second = run_extract([str(folder)], options, extractor=extractor)
    records = _lines(out)
    assert (first.records, second.records, second.skipped) == (6, 3, 3)
    assert sorted(r["id"] for r in records) == sorted({str(r["id"]) for r in records}) and len(records) == 6


def test_repair_tail_and_done_ids(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = json.dumps({"id": "a", "pipeline_version": PIPELINE_VERSION})
    old = json.dumps({"id": "b", "pipeline_version": "policing-statements 0.0.1"})
    path.write_text(f"{good}\n{old}\n" + '{"id": "c", "pipel', encoding="utf-8")
    assert jsonl_done(path, PIPELINE_VERSION) == {"a"}
    repair_tail(path, block=7)
    assert path.read_text(encoding="utf-8") == f"{good}\n{old}\n"
    repair_tail(path)  # a whole file is left alone
    assert path.read_text(encoding="utf-8") == f"{good}\n{old}\n"


class _Collect:
    def __init__(self) -> None:
        self.single: list[str] = []
        self.batches: list[list[str]] = []

    def write(self, record: Record) -> None:
        self.single.append(record.id)

    def write_many(self, records: list[Record]) -> None:
        self.batches.append([r.id for r in records])

    def close(self) -> None:
        pass


def test_batched_sink_commits_in_batches_and_skip_done_filters() -> None:
    target = _Collect()
    sink = SkipDone(Batched(target, size=2), done={"b"})
    for rid in "abcdef":
        sink.write(Record(id=rid, source="s", text="t"))
    assert target.batches == [["a", "c"], ["d", "e"]]  # "b" was held already; "f" waits for its batch
    sink.close()
    assert target.batches == [["a", "c"], ["d", "e"], ["f"]] and not target.single


# --- killed and resumed (real processes) -------------------------------------------------------


def _count_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _count_stored(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM records").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet, or busy


def _kill_when(command: list[str], ready: object, deadline: float = 120.0) -> None:
    """Start ``command``; SIGKILL it as soon as ``ready()`` is true (it must not finish first)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = time.monotonic() + deadline
    try:
        while not ready() and process.poll() is None and time.monotonic() < stop:  # type: ignore[operator]
            time.sleep(0.02)
        assert process.poll() is None, "the run ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait()


@pytest.mark.slow
def test_a_killed_run_resumed_has_every_document_exactly_once(tmp_path: Path, nlp_full: object) -> None:
    write_documents(tmp_path / "in", 60)
    out = tmp_path / "out.jsonl"
    command = [str(POLICING), "-q", "extract", str(tmp_path / "in"), "-o", str(out), "--batch-size", "4"]
    _kill_when(command, lambda: _count_lines(out) >= 4)
    assert _count_lines(out) < 60
    subprocess.run([*command, "--resume"], check=True, capture_output=True)
    ids = Counter(str(record["id"]) for record in _lines(out))  # every line parses
    assert len(ids) == 60 and set(ids.values()) == {1}


@pytest.mark.slow
def test_a_killed_run_into_file_and_store_resumed_fills_both_exactly_once(tmp_path: Path, nlp_full: object) -> None:
    from nlp.store import Store

    write_documents(tmp_path / "in", 60)
    out, db = tmp_path / "out.jsonl", tmp_path / "records.db"
    command = [str(POLICING), "-q", "extract", str(tmp_path / "in"), "-o", str(out), "--store", str(db)]
    _kill_when([*command, "--batch-size", "4", "--commit-every", "8"], lambda: _count_stored(db) >= 8)
    assert _count_stored(db) < 60
    result = subprocess.run([*command, "--resume", "--batch-size", "4"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ids = Counter(str(record["id"]) for record in _lines(out))
    assert len(ids) == 60 and set(ids.values()) == {1}
    with Store(str(db)) as store:
        assert store.ids() == set(ids)
        assert {r.pipeline_version for r in store.iter_records()} == {PIPELINE_VERSION}
