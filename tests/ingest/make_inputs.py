"""Builds a folder of good and bad input files, as real users' folders hold them."""

from __future__ import annotations

import json
from pathlib import Path

GOOD_TEXT = "Police in Hackney said: “Extra patrols will run this week.”\n\nDetective Inspector Ann Lee said officers would stay."


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds ``text`` (no library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def build_bad_inputs(folder: Path, huge_mb: int = 50) -> dict[str, str]:
    """Write the folder; returns file name -> "good" or the word its error must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = outcome

    put("good.txt", GOOD_TEXT.encode(), "good")
    put("windows.txt", "Cr\xe8che patrols in Croydon: officers said \u201ccalm\u201d.".encode("cp1252"), "good")
    put("utf16.txt", GOOD_TEXT.encode("utf-16"), "good")
    put("bom.txt", b"\xef\xbb\xbf" + GOOD_TEXT.encode(), "good")
    put("unbalanced.txt", 'The Commissioner said: “We will act.\n\nShe added: "More later.\n\n“'.encode(), "good")
    put(
        "page.html",
        b"<html><head><title>Patrols</title><script>var x=1;</script></head><body><nav>Menu</nav>"
        b"<article><p>Officers in Lambeth said patrols continue.</p></article></body></html>",
        "good",
    )
    put("report.pdf", minimal_pdf("Officers in Camden will patrol the estate."), "good")
    put(
        "rows.csv",
        b"id,title,text\nr1,First,Police in Brent said patrols continue.\nr2,Second,Officers in Harrow said so.\n",
        "good",
    )
    put("rows.jsonl", (json.dumps({"id": "j1", "body": 'Police in Barnet said: "We will."'}) + "\n").encode(), "good")
    put("corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf at all", "PDF")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG")
    put("empty.txt", b"", "empty")
    put(
        "scripts.html",
        b"<html><head><script>alert(1)</script></head><body><script>var a;</script></body></html>",
        "no readable text",
    )
    put("notext.csv", b"id,headline\n1,Something\n", "no text column")
    with (folder / "huge.txt").open("wb") as handle:
        line = b"Officers patrolled the borough and reported nothing unusual today.\n"
        for _ in range(huge_mb * 1_000_000 // len(line) + 1):
            handle.write(line)
    expected["huge.txt"] = "limit"
    return expected
