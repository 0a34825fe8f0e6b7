"""HTML pages: the main text without navigation and scripts, with title and date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from nlp.ingest.base import Document, ReadError, decode_text, read_bytes
from nlp.ingest.dates import parse_date

SUFFIXES = (".html", ".htm", ".xhtml")
NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template")
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "div", "section", "br")
DATE_META = ("article:published_time", "date", "dc.date", "dcterms.date", "datepublished", "og:published_time")


def read(path: Path, max_bytes: int) -> Iterator[Document]:
    markup, _ = decode_text(read_bytes(path, max_bytes), str(path))
    yield from_markup(markup, str(path))


def from_markup(markup: str, source: str) -> Document:
    soup = BeautifulSoup(markup, "lxml")
    title = _title(soup)
    date = _date(soup)
    for tag in soup.find_all(NOISE_TAGS):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.body or soup
    text = _block_text(main) if isinstance(main, Tag) else ""
    if not text:
        raise ReadError(source, "no readable text in this HTML page (only scripts, styles or navigation)")
    return Document(text=text, source=source, title=title, date=date)


def _block_text(root: Tag) -> str:
    for tag in root.find_all(BLOCK_TAGS):
        tag.insert_after("\n\n")
    lines = [" ".join(line.split()) for line in root.get_text().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _title(soup: BeautifulSoup) -> str | None:
    meta = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(meta, Tag) and meta.get("content"):
        return str(meta["content"]).strip()
    for name in ("title", "h1"):
        tag = soup.find(name)
        if tag and tag.get_text(strip=True):
            return tag.get_text(" ", strip=True)
    return None


def _date(soup: BeautifulSoup) -> str | None:
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in DATE_META and meta.get("content"):
            date = parse_date(str(meta["content"]))
            if date:
                return date
    time = soup.find("time")
    if isinstance(time, Tag):
        return parse_date(str(time.get("datetime") or time.get_text()))
    return None
