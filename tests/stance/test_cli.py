"""``policing stance evaluate`` on a small gold folder: the model beside both baselines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.cli import app

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.slow
def test_evaluate_a_gold_folder(tmp_path: Path) -> None:
    for name in sorted(p.name for p in CORPUS.glob("pr-00[12]*"))[:4]:
        shutil.copy(CORPUS / name, tmp_path / name)
    result = CliRunner().invoke(app, ["stance", "evaluate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "gold \\ predicted" in result.output
    for system in ("trained stance model", "majority (unrelated)", "cue-lexicon rule"):
        assert system in result.output


def test_evaluate_without_a_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stance", "evaluate", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert "no split.json" in result.output
