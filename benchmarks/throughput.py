"""Words per second of the extraction, against spaCy's own pipeline, in one run on one text.

    .venv/bin/python benchmarks/throughput.py                 # ~200k words, figures (a)-(d)
    .venv/bin/python benchmarks/throughput.py --rss-mb 20     # also: RSS while streaming 20 MB

(a) bare en_core_web_sm nlp.pipe; (b) the project's pipeline with record assembly;
(c) (b) with 2 spaCy processes; (d) (b) on a 2-worker Dask LocalCluster. Model loading and
cluster start are left out of the rates (printed apart). Timings on a shared machine swing:
compare figures of one run only.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.assemble import record_from_doc  # noqa: E402
from nlp.batch import ExtractOptions, run_extract  # noqa: E402
from nlp.dask_engine import DaskSettings, connect, load_pipeline, records_on  # noqa: E402
from nlp.ingest import finish  # noqa: E402
from nlp.ingest.base import Document  # noqa: E402
from nlp.models import load_base  # noqa: E402
from nlp.pipeline import DEFAULT_BATCH_SIZE, Extractor, build_pipeline  # noqa: E402

BATCH_SIZE = DEFAULT_BATCH_SIZE
MB = 1024 * 1024


def corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.txt"))]


def build_documents(words: int) -> list[Document]:
    """The corpus documents, repeated in order until there are ``words`` words."""
    texts, documents, total = corpus_texts(), [], 0
    while total < words:
        text = texts[len(documents) % len(texts)]
        documents.append(finish(Document(text=text, source=f"bench-{len(documents)}")))
        total += len(text.split())
    return documents


def count_words(documents: Iterable[Document]) -> int:
    return sum(len(d.text.split()) for d in documents)


class PeakRss:
    """Samples the RSS of this process and of every process under it, keeping each one's peak per phase.

    (``getrusage`` peaks are no use here: Linux carries ``ru_maxrss`` over fork and exec, so every
    worker would report at least its parent's peak.)"""

    def __init__(self) -> None:
        self.phase = "setup"
        self.peaks: dict[tuple[str, int], float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        me = psutil.Process()
        while not self.stop.wait(0.25):
            try:
                processes = [me, *me.children(recursive=True)]
                sizes = [(p.pid, p.memory_info().rss / MB) for p in processes]
            except psutil.Error:
                continue
            for pid, size in sizes:
                key = (self.phase, pid)
                self.peaks[key] = max(self.peaks.get(key, 0.0), size)

    def report(self, phase: str) -> str:
        main = self.peaks.get((phase, os.getpid()), 0.0)
        others = sorted((v for (p, pid), v in self.peaks.items() if p == phase and pid != os.getpid()), reverse=True)
        return f"main {main:,.0f} MB; largest other processes: {', '.join(f'{v:,.0f}' for v in others[:3]) or '-'} MB"


class Runner:
    """One configuration: a name, a function that consumes the text, and its best round."""

    def __init__(self, label: str, run: Callable[[], int]) -> None:
        self.label, self.run = label, run
        self.walls: list[float] = []
        self.cpus: list[float] = []

    def round(self, rss: PeakRss) -> None:
        rss.phase = self.label
        wall, cpu = time.perf_counter(), time.process_time()
        self.run()
        self.walls.append(time.perf_counter() - wall)
        self.cpus.append(time.process_time() - cpu)

    def rate(self, words: int) -> float:
        """Words per second in the best round (the one least slowed by other load)."""
        return words / min(self.walls)

    def cpu_rate(self, words: int) -> float:
        """Words per CPU-second of this process (meaningful for one-process runs only)."""
        return words / min(self.cpus)


def bare(documents: list[Document]) -> Callable[[], int]:
    nlp = load_base()
    list(nlp.pipe([d.text for d in documents[:4]]))  # warm up
    return lambda: _count(nlp.pipe((d.text for d in documents), batch_size=BATCH_SIZE))


def full(documents: list[Document], n_process: int) -> Callable[[], int]:
    extractor = Extractor(build_pipeline(), batch_size=BATCH_SIZE, n_process=n_process)
    list(Extractor(extractor.nlp).records(documents[:4]))  # warm up
    return lambda: _count(extractor.records(documents))


def _count(items: Iterator[object]) -> int:
    return sum(1 for _ in items)


def throughput(words: int, rounds: int) -> None:
    rss = PeakRss()
    documents = build_documents(words)
    words = count_words(documents)
    print(f"text: {len(documents)} documents, {words:,} words (corpus/*.txt repeated); best of {rounds} rounds")
    print(f"machine: {psutil.cpu_count()} cores, load average {psutil.getloadavg()[0]:.1f} at start\n", flush=True)
    a = Runner("(a) bare en_core_web_sm nlp.pipe", bare(documents))
    b = Runner("(b) project pipeline + records, 1 process", full(documents, 1))
    c = Runner("(c) (b) with 2 spaCy processes", full(documents, 2))
    start = time.perf_counter()
    with connect(DaskSettings(workers=2, batch_size=BATCH_SIZE)) as client:
        load_pipeline(client, DaskSettings(batch_size=BATCH_SIZE))
        started = time.perf_counter() - start
        d = Runner("(d) (b) on a 2-worker Dask LocalCluster", lambda: _count(records_on(client, documents)))
        for number in range(rounds):
            for runner in (a, b, c, d):
                runner.round(rss)
            print(f"round {number + 1}: " + ", ".join(f"{min(r.walls[-1:]):.1f} s" for r in (a, b, c, d)), flush=True)
    print()
    for runner in (a, b, c, d):
        print(f"{runner.label:<44} {runner.rate(words):>8,.0f} words/s  (rounds: {_secs(runner.walls)})")
    print(f"  (Dask cluster start and pipeline load on both workers: {started:.1f} s, not in (d))")
    ra, rb, rc, rd = (r.rate(words) for r in (a, b, c, d))
    print(
        f"\nb/a = {rb / ra:.2f}   (target >= 0.70; by CPU time of the one process: {b.cpu_rate(words) / a.cpu_rate(words):.2f})"
    )
    print(f"c/b = {rc / rb:.2f}   (target >= 1.6 on 2 cores)")
    print(f"d/c = {rd / rc:.2f}   (target >= 0.85)")
    print(f"load average at the end: {psutil.getloadavg()[0]:.1f}")
    print("\npeak RSS per process, sampled every 0.25 s (Dask: the workers are the largest others):")
    for runner in (a, b, c, d):
        print(f"  {runner.label:<44} {rss.report(runner.label)}")
    rss.stop.set()


def component_costs(documents: list[Document]) -> None:
    """CPU seconds of each pipeline step over the text, one step at a time, and of record assembly."""
    nlp = build_pipeline()
    docs = [nlp.make_doc(d.text) for d in documents]
    costs: dict[str, float] = {}
    for name, component in nlp.pipeline:
        start = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
        else:
            docs = [component(doc) for doc in docs]
        costs[name] = time.process_time() - start
    start = time.process_time()
    for doc, document in zip(docs, documents, strict=True):
        record_from_doc(doc, document)
    costs["record_from_doc (assemble)"] = time.process_time() - start
    total = sum(costs.values())
    print("\nCPU time per step (one process, steps run one after the other):")
    for name, seconds in costs.items():
        print(f"  {name:<28} {seconds:>7.1f} s  {100 * seconds / total:>5.1f} %")
    ours = sum(v for k, v in costs.items() if k.startswith(("policing_", "record_")))
    print(f"  project steps: {ours:.1f} s of {total:.1f} s ({100 * ours / (total - ours):.0f} % on top of spaCy's own)")


def _secs(values: list[float]) -> str:
    return " ".join(f"{v:.1f}s" for v in values)


def _mb_kb(kilobytes: int) -> str:
    return f"{kilobytes / 1024:,.0f} MB"


def write_corpus(folder: Path, megabytes: float) -> int:
    """Files of corpus text adding up to ``megabytes``; returns the number of files."""
    texts, size, count = corpus_texts(), 0, 0
    while size < megabytes * MB:
        text = texts[count % len(texts)] + f"\n\nCopy {count}."  # distinct ids
        (folder / f"doc-{count:06d}.txt").write_text(text, encoding="utf-8")
        size, count = size + len(text.encode("utf-8")), count + 1
    return count


def rss_while_streaming(megabytes: float, workers: int) -> None:
    """RSS of the extraction process and its spaCy workers, sampled while a corpus streams through."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        files = write_corpus(folder, megabytes)
        print(f"\nstreaming {megabytes:g} MB ({files} files) with {workers} spaCy processes into JSON Lines:")
        samples: list[tuple[int, float, list[float]]] = []
        done = [0]
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(samples, done, stop), daemon=True)
        sampler.start()
        progress = lambda n: done.__setitem__(0, done[0] + n)  # noqa: E731
        options = ExtractOptions(output=Path(tmp) / "out.jsonl", workers=workers, batch_size=BATCH_SIZE)
        run_extract([str(folder)], options, progress=progress)
        stop.set()
        sampler.join()
    for step in range(1, 5):
        count, main, children = samples[min(len(samples) - 1, step * len(samples) // 4 - 1)]
        workers_mb = ", ".join(f"{mb:,.0f}" for mb in children) or "-"
        print(f"  after {count:>6} docs: main {main:,.0f} MB, workers {workers_mb} MB")
    peak_main = max(s[1] for s in samples)
    peak_worker = max((max(s[2]) for s in samples if s[2]), default=0.0)
    print(f"  peak: main {peak_main:,.0f} MB, largest worker {peak_worker:,.0f} MB")


def _sample(samples: list[tuple[int, float, list[float]]], done: list[int], stop: threading.Event) -> None:
    me, started, last_report = psutil.Process(), time.monotonic(), time.monotonic()
    while not stop.wait(0.5):
        try:
            children = [c.memory_info().rss / MB for c in me.children(recursive=True)]
        except psutil.Error:
            continue
        samples.append((done[0], me.memory_info().rss / MB, children))
        if time.monotonic() - last_report >= 300:  # a long stream shows it is alive
            last_report = time.monotonic()
            largest = max(children, default=0.0)
            print(
                f"  ... {done[0]} docs after {last_report - started:,.0f} s, "
                f"main {samples[-1][1]:,.0f} MB, largest worker {largest:,.0f} MB",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000, help="size of the timed text")
    parser.add_argument("--rss-mb", type=float, default=0, help="also stream this many MB and sample RSS")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of (a)-(d), interleaved; the best counts")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--costs", action="store_true", help="also time each pipeline step")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if not args.skip_throughput:
        throughput(args.words, args.rounds)
    if args.costs:
        component_costs(build_documents(args.words))
    if args.rss_mb:
        rss_while_streaming(args.rss_mb, workers=2)


if __name__ == "__main__":
    main()
