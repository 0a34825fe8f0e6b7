"""Sentences that never run over a blank line, for extractors that read a Doc sentence by sentence."""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")
PIECE = re.compile(r"\S.*(?:\n(?![ \t]*\n).*)*")


@dataclass
class _Entry:
    doc: Doc
    text: str
    bounds: list[tuple[int, int]]
    memo: dict[str, Any] = field(default_factory=dict)  # what other steps derive from the Doc


class _Cache:
    """What is costly to ask a Doc again and again, for the Docs being processed now.

    ``Doc.text`` joins every token on each access, and ``Doc.sents`` and
    ``has_annotation`` walk every token: asked per statement or per figure, they made the
    extractors quadratic in document length. spaCy hands each component a batch of Docs in
    turn, so the last few Docs are kept (a batch's worth), each checked by identity."""

    SIZE = 16
    entries: OrderedDict[int, _Entry] = OrderedDict()

    @classmethod
    def of(cls, doc: Doc) -> _Entry:
        entry = cls.entries.get(id(doc))
        if entry is None or entry.doc is not doc:
            parsed = doc.has_annotation("SENT_START")
            bounds = [(sent.start_char, sent.end_char) for sent in doc.sents] if parsed else []
            entry = cls.entries[id(doc)] = _Entry(doc, doc.text, bounds)
            while len(cls.entries) > cls.SIZE:
                cls.entries.popitem(last=False)
        return entry


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    return _Cache.of(doc).text


def doc_memo(doc: Doc, key: str, make: Callable[[], T]) -> T:
    """``make()``, worked out once per Doc and kept with its text while the Doc is cached."""
    memo = _Cache.of(doc).memo
    if key not in memo:
        memo[key] = make()
    return memo[key]


def _bounds(doc: Doc) -> list[tuple[int, int]]:
    return _Cache.of(doc).bounds


def has_sentences(doc: Doc) -> bool:
    return bool(_bounds(doc))


def sentence_start(doc: Doc, offset: int) -> int | None:
    """Where the sentence holding ``offset`` starts (None for an unparsed Doc)."""
    bounds = _bounds(doc)
    index = bisect.bisect_right(bounds, (offset, len(doc_text(doc)) + 1)) - 1
    return bounds[index][0] if bounds and index >= 0 else None


def sentence_offsets(doc: Doc, start: int = 0, end: int | None = None, min_words: int = 3) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence between two offsets, cut at blank lines (headings, new
    paragraphs), trailing space trimmed, fragments under ``min_words`` skipped."""
    text = doc_text(doc)
    end = len(text) if end is None else end
    bounds = _bounds(doc)
    if not bounds or end <= start:
        return
    first = max(0, bisect.bisect_right(bounds, (start, len(text) + 1)) - 1)
    for sent_start, sent_end in bounds[first:]:
        if sent_start >= end:
            break
        s, e = max(sent_start, start), min(sent_end, end)
        if e <= s:
            continue
        for piece in PIECE.finditer(text[s:e]):
            piece_end = s + piece.end()
            while piece_end > s + piece.start() and text[piece_end - 1].isspace():
                piece_end -= 1
            if len(piece.group().split()) >= min_words:
                yield s + piece.start(), piece_end


def sentence_spans(doc: Doc) -> Iterator[Span]:
    """The sentences of a parsed Doc as Spans, cut at blank lines."""
    for s, e in sentence_offsets(doc, min_words=1):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            yield span
