"""Labelled statements from gold folders: the sentence(s) holding each gold quote, with its stance.

At inference the pipeline's statements are sentences, quotes and sentences of transcript
turns, so the model learns and is measured at that granularity.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.extract.spans import sentence_offsets
from nlp.gold import GoldDocument, load_gold_dir

log = logging.getLogger(__name__)
QUOTE_CHARS = "\"'\u2018\u2019\u201c\u201d`"


@dataclass(frozen=True)
class Example:
    """One gold statement: where it came from, its words in context, and its stance."""

    document: str
    quote: str
    label: str
    span: Span
    speaker: str | None = None  # the first accepted form of the gold speaker


def quote_pattern(quote: str) -> re.Pattern[str]:
    """The quote as a pattern that tolerates any white space and any kind of quote mark."""
    parts: list[str] = []
    for char in quote.strip():
        if char.isspace():
            if parts[-1:] != [r"\s+"]:
                parts.append(r"\s+")
        elif char in QUOTE_CHARS:
            parts.append(f"[{re.escape(QUOTE_CHARS)}]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.I)


def quote_sentences(doc: Doc, quote: str) -> Span | None:
    """The sentence, or run of sentences, that holds ``quote``; None when it is not there."""
    m = quote_pattern(quote).search(doc.text)
    if m is None:
        return None
    words = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    if words is None:
        return None
    first, last = words[0].sent, words[-1].sent
    return _within_paragraph(doc, doc[first.start : last.end], m.start(), m.end())


def _within_paragraph(doc: Doc, span: Span, start: int, end: int) -> Span:
    """``span`` cut at blank lines as the pipeline cuts its statements (sentence_offsets), kept
    to the pieces that hold the quote at ``start``-``end``: a speaker's name or a headline
    above the quote is not part of it."""
    pieces = [
        (s, e) for s, e in sentence_offsets(doc, span.start_char, span.end_char, min_words=1) if s < end and e > start
    ]
    cut = doc.char_span(pieces[0][0], pieces[-1][1], alignment_mode="expand") if pieces else None
    return cut if cut is not None and len(cut) else span


def examples_in(gold: GoldDocument, doc: Doc) -> Iterator[Example]:
    """An Example for every gold statement of ``gold`` whose quote is found in ``doc``."""
    for item in gold.gold.get("statements") or []:
        span = quote_sentences(doc, item["quote"])
        if span is None:
            log.warning("%s: gold quote not found in the text: %r", gold.name, item["quote"])
            continue
        speaker = (item.get("speaker") or [None])[0]
        yield Example(gold.name, item["quote"], item["stance"], span, speaker)


def examples_from(golds: Iterable[GoldDocument], nlp: Language) -> Iterator[Example]:
    """Examples from every gold document, each parsed by ``nlp``."""
    golds = list(golds)
    for gold, doc in zip(golds, nlp.pipe(g.text for g in golds), strict=True):
        yield from examples_in(gold, doc)


def corpus_split(corpus: Path, part: str) -> list[GoldDocument]:
    """The corpus documents of one part ("train" or "test") of ``corpus/split.json``."""
    names = set(json.loads((corpus / "split.json").read_text(encoding="utf-8"))[part])
    return [g for g in load_gold_dir(corpus) if g.name in names]


def corpus_hash(golds: Iterable[GoldDocument]) -> str:
    """A SHA-256 over the texts and annotations trained on, in name order."""
    digest = hashlib.sha256()
    for gold in sorted(golds, key=lambda g: g.name):
        digest.update(gold.name.encode())
        digest.update(gold.text.encode())
        digest.update(json.dumps(gold.gold, sort_keys=True).encode())
    return digest.hexdigest()
