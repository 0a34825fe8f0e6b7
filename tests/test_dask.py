"""The Dask engine on a real 2-worker LocalCluster gives the records the local engine gives."""

from __future__ import annotations

from pathlib import Path

import dask
import pytest
from typer.testing import CliRunner

from nlp.batch import EngineError, ExtractOptions, run_extract
from nlp.cli import app
from nlp.pipeline import Extractor

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
runner = CliRunner()


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_engines_records(tmp_path: Path, extractor: Extractor) -> None:
    inputs = [str(path) for path in sorted(CORPUS.glob("*.txt"))[:10]]
    inputs.append(str(tmp_path / "missing.txt"))  # bad input is reported the same way
    local, cluster = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    summary = run_extract(inputs, ExtractOptions(output=local), extractor=extractor)
    # --partition of 3 documents, so both workers get several tasks and order has to be restored.
    options = ExtractOptions(output=cluster, engine="dask", workers=2, partition_size=3)
    dask_summary = run_extract(inputs, options)
    assert cluster.read_bytes() == local.read_bytes()
    assert (dask_summary.records, len(dask_summary.failures)) == (summary.records, 1) == (10, 1)
    assert len(cluster.read_text(encoding="utf-8").splitlines()) == 10


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officers in Hackney made 4 arrests.", encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = runner.invoke(
            app, ["extract", str(tmp_path / "a.txt"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]
        )
    assert result.exit_code == 2 and "no Dask scheduler" in result.stderr


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path), "--engine", "spark"])
    assert result.exit_code == 2 and "choose one of local, dask" in result.output


def test_a_cluster_that_fails_to_start_is_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp.dask_engine as engine

    calls: list[int] = []

    def flaky(**kwargs: object) -> str:
        calls.append(1)
        if len(calls) < 3:
            raise RuntimeError("Nanny failed to start worker process")
        return "started"

    monkeypatch.setattr(engine, "LocalCluster", flaky)
    assert engine.local_cluster(2, starts=3) == "started" and len(calls) == 3
    calls.clear()
    with pytest.raises(EngineError, match="did not start after 2 tries: Nanny failed"):
        engine.local_cluster(2, starts=2)
