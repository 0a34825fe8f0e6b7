"""Extracting a gold folder and scoring it: the function behind ``policing evaluate``."""

from __future__ import annotations

from pathlib import Path

from nlp.evaluate import Scorer, evaluate
from nlp.gold import load_gold_dir
from nlp.ingest import finish
from nlp.ingest.base import Document
from nlp.pipeline import Extractor, build_pipeline
from nlp.record import Record


def score_folder(
    folder: Path, model: str | None = None, records: list[Record] | None = None, extractor: Extractor | None = None
) -> Scorer:
    """Scores for every gold pair in ``folder``, from given records or a fresh extraction."""
    golds = load_gold_dir(folder)
    if records is None:
        extractor = extractor or Extractor(build_pipeline(model))
        documents = [finish(Document(text=g.text, source=str(g.path))) for g in golds]
        records = list(extractor.records(documents))
    by_source = {Path(r.source).name: r for r in records}
    pairs = [(g, by_source[g.path.name]) for g in golds if g.path.name in by_source]
    return evaluate(pairs)
