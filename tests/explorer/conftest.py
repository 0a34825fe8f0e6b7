"""A store built once per session from a few corpus documents (with the real pipeline),
plus a hostile document whose text holds markup that must show as text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from nlp.ingest import finish, read_path
from nlp.ingest import text as text_reader
from nlp.pipeline import Extractor
from nlp.record import Record
from nlp.store import Store
from nlp.writers import StoreSink
from tests.conftest import CORPUS

CORPUS_FILES = (
    "db-001-tottenham-estate-armed-foot-patrols.txt",
    "pr-001-hackney-armed-patrols-after-clapton-shooting.txt",
    "nw-005-sutton-council-motion-opposing-armed-patrols.txt",
    "tr-013-mqt-armed-patrols-wandsworth-estates.txt",
)
KNOWN = CORPUS_FILES[0]  # the Tottenham debate: Haringey, Mr Samuel Adeyemi MP
HOSTILE_TEXT = (
    "Armed patrols in Hackney <script>alert('x')</script> will continue, the Metropolitan Police said.\n\n"
    'Commander Jane Doe said: "We will keep armed officers in Hackney <img src=x onerror=alert(1)> this week."\n'
)


@dataclass
class CorpusStore:
    path: Path
    records: dict[str, Record]  # by corpus file name, and "hostile"

    @property
    def location(self) -> str:
        return str(self.path)

    def copy(self, folder: Path) -> str:
        """A private copy of the store, for tests that write."""
        target = folder / "copy.db"
        shutil.copyfile(self.path, target)
        return str(target)


@pytest.fixture(scope="session")
def corpus_store(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusStore]:
    if not (CORPUS / KNOWN).is_file():
        pytest.skip(f"the corpus document {KNOWN} is not in {CORPUS}")
    documents = [item for name in CORPUS_FILES for item in read_path(CORPUS / name)]
    documents += [finish(d) for d in text_reader.from_string(HOSTILE_TEXT, "hostile.txt")]
    records = list(extractor.records(documents))
    path = tmp_path_factory.mktemp("explorer") / "corpus.db"
    store = Store(str(path))
    sink = StoreSink(store)
    for record in records:
        sink.write(record)
    store.close()
    yield CorpusStore(path, dict(zip([*CORPUS_FILES, "hostile"], records, strict=True)))
