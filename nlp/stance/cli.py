"""``policing stance ...``: train the shipped model, and score it beside its baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from nlp.stance.model import StanceModel

stance_app = typer.Typer(no_args_is_help=True, help="The stance classifier: train it, score it.")
CORPUS = Path("corpus")
MODELS = Path("models")


def _corpus_or_exit(corpus: Path) -> None:
    if not (corpus / "split.json").is_file():
        typer.echo(f"error: {corpus} is not the project corpus (no split.json): give it with --corpus", err=True)
        raise typer.Exit(2)


@stance_app.command()
def train(
    corpus: Annotated[Path, typer.Option(help="The annotated corpus with its split.json.")] = CORPUS,
    out: Annotated[Path, typer.Option(help="Where the canonical model and metadata go.")] = MODELS,
) -> None:
    """Rebuild the shipped model from the corpus train split (the same file every time)."""
    from nlp.models import load_base
    from nlp.stance.classifier import TrainedStanceClassifier
    from nlp.stance.evaluation import evaluate_folder
    from nlp.stance.train import train_and_save

    _corpus_or_exit(corpus)
    nlp = load_base()

    def score(model: StanceModel) -> dict[str, Any]:
        return evaluate_folder(None, corpus, nlp, TrainedStanceClassifier(model, nlp)).summary()

    result = train_and_save(corpus, out, nlp, score)
    for directory in result.written:
        typer.echo(f"wrote {directory}/stance.skops and stance.json", err=True)
    typer.echo(f"sha256 {result.sha256}")
    typer.echo(json.dumps(result.model.metadata["scores"], indent=2))


@stance_app.command()
def evaluate(
    gold_dir: Annotated[
        Path | None, typer.Argument(exists=True, file_okay=False, help="A GOLD.md folder (default: corpus test split).")
    ] = None,
    corpus: Annotated[Path, typer.Option(help="The corpus, for its test split.")] = CORPUS,
    model: Annotated[str | None, typer.Option("--model", help="A stance model file or folder.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Scores as JSON.")] = False,
) -> None:
    """Confusion matrix and macro-F1 of the model, the majority label and the cue rule."""
    from nlp.models import load_base
    from nlp.stance.classifier import load_classifier
    from nlp.stance.evaluation import evaluate_folder, format_report

    if gold_dir is None:
        _corpus_or_exit(corpus)
    report = evaluate_folder(gold_dir, corpus, load_base(), load_classifier(model))
    typer.echo(json.dumps(report.summary(), indent=2) if as_json else format_report(report))
