"""What every reader returns, and the byte-level checks they share."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

# Magic numbers of formats that are sometimes mislabelled as text.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (or an Office file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


@dataclass
class Document:
    """Plain text with what is known about where it came from."""

    text: str
    source: str
    id: str | None = None
    title: str | None = None
    date: str | None = None
    kind: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


class ReadError(Exception):
    """A document that could not be read; the message names the file."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None when it may be text."""
    for signature, name in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return name
    return None


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 or cp1252; returns (text, encoding)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    kind = sniff_binary(data)
    if kind or b"\x00" in data[:8192]:
        raise ReadError(source, f"this is {kind or 'binary data'}, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _bomless_utf16(data: bytes) -> str | None:
    # UTF-16 without a BOM: mostly-ASCII text leaves every other byte NUL.
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def normalise_text(text: str) -> str:
    """Unify line ends and drop characters that are never content (NULs, a stray BOM)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "").replace("\ufeff", "")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what is too large to be one document."""
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(
            str(path),
            f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one document "
            "(split it, or raise --max-mb)",
        )
    return path.read_bytes()
