"""Extraction on a Dask cluster: the pipeline loaded once per worker, documents sent in
partitions, records gathered back in input order.

The client (the machine running ``policing extract``) reads the inputs and writes the
outputs; workers need the package and the spaCy model installed, not the data."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import cast

from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, get_worker

from nlp.batch import EngineError
from nlp.ingest import Document
from nlp.pipeline import DEFAULT_BATCH_SIZE, Extractor, build_pipeline, failed_record
from nlp.record import Record

log = logging.getLogger("policing")
# A worker process can fail to start on a loaded machine (its nanny gives up waiting): a
# cluster for one run is cheap to start again, so it gets this many tries.
CLUSTER_STARTS = 3
PLUGIN_NAME = "policing-pipeline"


@dataclass(frozen=True)
class DaskSettings:
    scheduler: str | None = None  # address of a running scheduler; None starts a LocalCluster
    workers: int = 2  # LocalCluster worker processes (one thread each)
    model: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline once on each worker, when it starts or joins the cluster."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None, batch_size: int) -> None:
        self.model, self.batch_size = model, batch_size
        self.extractor: Extractor | None = None

    def setup(self, worker: Worker) -> None:
        self.ready()

    def ready(self) -> Extractor:
        if self.extractor is None:
            self.extractor = Extractor(build_pipeline(self.model), batch_size=self.batch_size)
        return self.extractor


def extract_partition(documents: list[Document]) -> list[Record]:
    """The task each worker runs: records for one partition of documents, in order."""
    plugin = cast(PipelinePlugin, get_worker().plugins[PLUGIN_NAME])
    return list(plugin.ready().records(documents))


@contextmanager
def connect(settings: DaskSettings) -> Iterator[Client]:
    """A client of the named scheduler, or of a LocalCluster started for this run."""
    # Dask reports its own start and stop at INFO; a run's stderr is for our progress and errors.
    logging.getLogger("distributed").setLevel(max(log.getEffectiveLevel(), logging.WARNING))
    if settings.scheduler:
        try:
            client = Client(settings.scheduler)  # waits distributed.comm.timeouts.connect (Dask config)
        except OSError as error:  # includes the timeout
            raise EngineError(f"no Dask scheduler answers at {settings.scheduler}: {error}") from error
        with client:
            yield client
        return
    with local_cluster(settings.workers) as cluster, Client(cluster) as client:
        yield client


def local_cluster(workers: int, starts: int = CLUSTER_STARTS) -> LocalCluster:
    """A LocalCluster of ``workers`` one-thread processes, tried again when one does not start."""
    for attempt in range(1, starts + 1):
        try:
            return LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        except (RuntimeError, OSError) as error:  # "Nanny failed to start worker process", timeouts
            if attempt == starts:
                raise EngineError(f"the local Dask cluster did not start after {starts} tries: {error}") from error
            log.warning("the local Dask cluster did not start (%s); trying again", error)
    raise EngineError("the local Dask cluster was given no tries")


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while part := list(islice(iterator, size)):
        yield part


def dask_records(documents: Iterable[Document], settings: DaskSettings, partition_size: int = 16) -> Iterator[Record]:
    """Records for ``documents`` in their order, on the cluster ``settings`` names."""
    with connect(settings) as client:
        load_pipeline(client, settings)
        yield from records_on(client, documents, partition_size)


def load_pipeline(client: Client, settings: DaskSettings) -> None:
    """Build the pipeline on every worker, now and on workers that join later."""
    client.register_plugin(PipelinePlugin(settings.model, settings.batch_size), name=PLUGIN_NAME)


def records_on(client: Client, documents: Iterable[Document], partition_size: int = 16) -> Iterator[Record]:
    """Records in input order; at most four partitions per worker thread are in flight, so a slow one does not leave workers idle."""
    in_flight = 4 * max(sum(client.nthreads().values()), 1)
    queue: deque[tuple[list[Document], Future]] = deque()
    for part in partitions(documents, partition_size):
        queue.append((part, client.submit(extract_partition, part, pure=False)))
        if len(queue) >= in_flight:
            yield from _gathered(*queue.popleft())
    while queue:
        yield from _gathered(*queue.popleft())


def _gathered(part: list[Document], future: Future) -> list[Record]:
    """The records of a finished partition; a partition that failed on the cluster is recorded, not fatal."""
    try:
        return list(future.result())
    except Exception as error:  # a worker died or a task raised: the run goes on
        log.error("a partition of %d documents failed on the cluster: %s", len(part), error)
        return [failed_record(document, f"extraction failed on the cluster: {error}") for document in part]
    finally:
        future.release()
