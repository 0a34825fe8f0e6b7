"""The ``policing`` command: thin typer wrappers over functions that return results.

Exit codes: 0 all good, 1 some input failed (the run still finished), 2 usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from nlp import __version__
from nlp.batch import COMMIT_EVERY, ENGINES, EngineError, ExtractOptions, load_records, run_extract
from nlp.cli_commitments import commitments_app
from nlp.models import ModelNotFound
from nlp.pipeline import DEFAULT_BATCH_SIZE
from nlp.record import json_schema
from nlp.stance.cli import stance_app
from nlp.store import StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Structured records from policing statements.")
FORMATS = ("jsonl", "csv", "parquet")
app.add_typer(commitments_app, name="commitments")
app.add_typer(stance_app, name="stance")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policing-statements {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Say more on stderr.")] = False,
) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr, force=True)


def _quiet() -> bool:
    return logging.getLogger().level >= logging.ERROR


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="A .jsonl file, or a folder for csv/parquet.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    store: Annotated[
        str | None, typer.Option("--store", envvar="POLICING_STORE", help="Also save into this store (path or URL).")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="Any installed spaCy pipeline.")] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes for spaCy (with --engine dask: LocalCluster workers).")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Documents per spaCy batch.")
    ] = DEFAULT_BATCH_SIZE,
    resume: Annotated[bool, typer.Option("--resume", help="Skip documents already in the output or store.")] = False,
    commit_every: Annotated[
        int, typer.Option("--commit-every", min=1, help="Records per store transaction (with --store).")
    ] = COMMIT_EVERY,
    max_mb: Annotated[float, typer.Option("--max-mb", help="Largest single document to read, in MB.")] = 20.0,
    engine: Annotated[str, typer.Option("--engine", help="local (spaCy processes) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address; without it a LocalCluster starts.")
    ] = None,
) -> None:
    """Extract a record from every document; JSON Lines on stdout unless told otherwise."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if fmt != "jsonl" and output is None:
        raise typer.BadParameter(f"--format {fmt} writes a folder of tables: give it with -o", param_hint="-o")
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    options = ExtractOptions(
        output=output,
        fmt=fmt,
        store=store,
        model=model,
        workers=workers,
        batch_size=batch_size,
        resume=resume,
        commit_every=commit_every,
        max_bytes=int(max_mb * 1_000_000),
        engine=engine,
        scheduler=scheduler,
    )
    try:
        with tqdm(desc="documents", unit="doc", file=sys.stderr, disable=_quiet(), delay=1.0) as bar:
            summary = run_extract(paths, options, progress=bar.update)
    except (ModelNotFound, StoreError, EngineError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    _report(summary.records, summary.skipped, [str(f) for f in summary.failures])
    if not summary.ok:
        raise typer.Exit(1)


def _report(records: int, skipped: int, failures: list[str]) -> None:
    if _quiet() and not failures:
        return
    note = f"{records} record(s) written" + (f", {skipped} already done" if skipped else "")
    if failures:
        note += f"; {len(failures)} input(s) failed:\n" + "\n".join(f"  {line}" for line in failures)
    typer.echo(note, err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def show(
    target: Annotated[str, typer.Argument(help="A .jsonl file of records, or a record id in the store.")],
    store: Annotated[str | None, typer.Option("--store", envvar="POLICING_STORE")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The raw record.")] = False,
) -> None:
    """A readable view of one record (the first in a file, or by id from the store)."""
    from nlp.show import find_record, render

    record = find_record(target, store)
    if record is None:
        typer.echo(f"no record {target!r} in a file or the store", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(record.to_dict(), indent=2, ensure_ascii=False) if as_json else render(record))


@app.command()
def evaluate(
    gold_dir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="A folder of NAME.txt + NAME.gold.json.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Scores as JSON.")] = False,
    model: Annotated[str | None, typer.Option("--model")] = None,
    details: Annotated[bool, typer.Option("--details", help="List every miss and extra.")] = False,
    records: Annotated[
        Path | None,
        typer.Option(
            "--records", exists=True, dir_okay=False, help="Score these records (.jsonl) instead of extracting."
        ),
    ] = None,
) -> None:
    """Score the pipeline against gold annotations (GOLD.md)."""
    from nlp.evaluate import format_table
    from nlp.scoring import score_folder

    scorer = score_folder(gold_dir, model=model, records=load_records(records) if records else None)
    summary = scorer.summary()
    if details:
        typer.echo("\n".join(scorer.misses), err=True)
    typer.echo(json.dumps(summary, indent=2) if as_json else format_table(summary))


@app.command("app")
def explorer(
    store: Annotated[
        str | None, typer.Option("--store", envvar="POLICING_STORE", help="The store to explore (path or URL).")
    ] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Hide every control that writes.")] = False,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port to serve on.")] = 8501,
) -> None:
    """Open the Streamlit explorer on the store (Ctrl-C stops it)."""
    from nlp.explorer.launch import run_app

    code = run_app(store, read_only, port)
    if code:
        raise typer.Exit(code)


if __name__ == "__main__":
    app()
