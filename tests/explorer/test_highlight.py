"""The highlighted HTML: escaped text, well-formed markup for any overlap, the right spans."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from nlp.explorer.highlight import Span, highlight_html, record_spans
from nlp.explorer.html import markdown_text, statements_html

TAG = re.compile(r"<[^>]+>")


class _Checker(HTMLParser):
    """Collects tags and text, failing on a close tag that does not match the open one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.open == [], f"unclosed: {checker.open}"
    return checker


def _kinds_around(markup: str, words: str) -> set[str]:
    """The data-kind of every span whose own text contains ``words``."""
    found = set()
    for match in re.finditer(r'data-kind="(\w+)"[^>]*>([^<]*)', markup):
        if words in html.unescape(match.group(2)):
            found.add(match.group(1))
    return found


HOSTILE = "Patrols <script>alert('x')</script> & <img src=x onerror=alert(1)> in \"Hackney\"."


@pytest.mark.parametrize(
    "spans",
    [
        [],  # no spans: the whole text escaped
        [Span(0, 7, "statement", "s")],  # one span before the markup
        [Span(8, 35, "borough", "<b>label</b>")],  # a span over the script itself, with a hostile label
        [Span(0, 80, "statement", "s"), Span(60, 70, "borough", "b"), Span(65, 75, "official", "o")],  # crossing
        [Span(-5, 3, "figure", "f"), Span(70, 500, "figure", "g")],  # offsets outside the text are clamped
        [Span(10, 10, "borough", "empty"), Span(20, 5, "borough", "backwards")],  # empty and backwards: dropped
    ],
)
def test_markup_in_the_text_stays_text(spans: list[Span]) -> None:
    markup = highlight_html(HOSTILE, spans)
    assert "<script" not in markup and "<img" not in markup and "<b>" not in markup
    checker = _parsed(markup)
    assert set(checker.tags) <= {"div", "span"}
    assert "".join(checker.text) == HOSTILE  # nothing lost, nothing added


def test_overlapping_spans_nest_outermost_kind_first() -> None:
    text = "The Commissioner said armed officers will patrol Hackney tonight."
    statement = Span(0, len(text), "statement", "Commissioner")
    commitment = Span(22, 63, "commitment", "firm")
    borough = Span(49, 56, "borough", "Hackney")
    official = Span(4, 16, "official", "Commissioner")
    markup = highlight_html(text, [borough, commitment, statement, official])
    _parsed(markup)
    assert _kinds_around(markup, "Hackney") == {"borough"}
    # Hackney's slice sits inside statement, then commitment, then borough.
    hackney = markup.index(">Hackney<")
    opened = [m.group(1) for m in re.finditer(r'data-kind="(\w+)"', markup[:hackney])]
    assert opened[-3:] == ["statement", "commitment", "borough"]
    assert _kinds_around(markup, "Commissioner") == {"official"}


def test_spans_that_cross_each_other_are_cut_at_every_boundary() -> None:
    text = "abcdefghij"
    markup = highlight_html(text, [Span(1, 6, "borough", "x"), Span(4, 9, "figure", "y")])
    _parsed(markup)
    plain = re.sub(r"\|+", "|", TAG.sub("|", markup)).strip("|")
    assert plain.split("|") == ["a", "bcd", "ef", "ghi", "j"]


def test_record_spans_take_only_the_chosen_kinds() -> None:
    record = {
        "boroughs": [{"name": "Hackney", "code": "E09000012", "mentions": [{"start": 0, "end": 7, "text": "Hackney"}]}],
        "officials": [
            {"name": "Jane Doe", "role": "Commander", "mentions": [{"start": 10, "end": 18, "text": "Jane Doe"}]}
        ],
        "figures": [{"value": 3, "counts": "shootings", "start": 20, "end": 35}],
        "commitments": [{"actor": "MPS", "action": "patrol", "strength": "firm", "start": 0, "end": 40}],
        "statements": [{"speaker": "Jane Doe", "stance": {"label": "support"}, "start": 0, "end": 40}],
    }
    assert {s.kind for s in record_spans(record)} == {"borough", "official", "figure", "commitment", "statement"}
    assert [s.kind for s in record_spans(record, ["borough"])] == ["borough"]
    assert record_spans(record, []) == []
    assert record_spans({}, ["borough"]) == []  # a record without items


def test_statements_list_escapes_speaker_words_and_cues() -> None:
    record = {
        "officials": [{"name": "<b>Jane</b>", "role": "Commander <i>x</i>"}],
        "statements": [
            {
                "speaker": "<b>Jane</b>",
                "kind": "direct",
                "text": "<script>alert(1)</script>",
                "stance": {
                    "label": "support",
                    "score": 0.8,
                    "cues": ["<img src=x onerror=alert(1)>"],
                    "relevance": 0.9,
                },
            }
        ],
    }
    markup = statements_html(record)
    assert "<script" not in markup and "<img" not in markup and "<b>Jane" not in markup and "<i>x" not in markup
    assert "&lt;script&gt;" in markup and "Commander &lt;i&gt;x&lt;/i&gt;" in markup
    assert 'data-stance="support"' in markup and "score 0.80" in markup and "about armed patrols 0.90" in markup
    _parsed(markup)


def test_markdown_text_escapes_markdown_punctuation() -> None:
    assert markdown_text("*bold* [link](x) #1") == r"\*bold\* \[link\]\(x\) \#1"
    assert markdown_text("plain words") == "plain words"
