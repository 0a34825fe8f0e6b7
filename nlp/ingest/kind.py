"""Guessing a document's genre from its layout."""

from __future__ import annotations

import re

# Hansard and Official Report furniture: debate headers, party tags, forms of address.
DEBATE_MARKS = re.compile(
    r"\b(?:HC Deb|HL Deb|Hansard|Meeting of the Parliament|Official Report|My Lords|Mr Speaker|"
    r"Madam Deputy Speaker|The Presiding Officer|rose—|\[Interruption|Scottish Parliament|hon\. (?:Friend|Gentleman|Member|Lady)|"
    r"noble (?:Lord|Baroness)|Her Majesty's Government|His Majesty's Government)\b|^§|"
    r"\((?:Lab|Con|LD|SNP|CB|Lab/Co-op|Bishop|Labour|Conservative|Scottish National Party|Liberal Democrats?)\)",
    re.M,
)
# Committee and Assembly transcripts: question pages and "Name (Role):" turns.
TRANSCRIPT_MARKS = re.compile(
    r"Question By:|Asked Of:|Answered By:|Transcript of|Oral evidence|^Q\d+\s+\w+|\bAM(?: \([^)]*\))?:",
    re.M,
)
# Minutes of a meeting (a transcript in the record's terms): their standing headings.
MINUTES_MARKS = re.compile(
    r"^(?:Minutes of|Members present|Present\b|Apologies|In attendance|Agenda item|Declarations? of interests?|"
    r"Also present|Chair(?:man|person)?:|Date of next meeting|Matters arising)",
    re.M | re.I,
)
TURN_LINE = re.compile(r"^[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,4}(?: \([^)\n]{2,80}\))?:\s", re.M)
NEWS_MARKS = re.compile(r"^By [A-Z][a-z]+ [A-Z]|Related Articles|Share this article|Read more:|Correspondent\b", re.M)
PRESS_MARKS = re.compile(
    r"Notes to editors|Anyone with information|Crimestoppers|^ENDS\b|press release|^News\s+•|"
    r"\bquoting (?:CAD|reference)|said:|Press Office|Created on|media enquiries|[Pp]olice (?:are|have) (?:appealing|appealed)",
    re.M | re.I,
)


def guess_kind(text: str) -> str:
    """press_release, transcript, debate, news or other, from layout cues alone."""
    head = text[:20000]
    if len(DEBATE_MARKS.findall(head)) >= 2:
        return "debate"
    minutes = {m.lower() for m in MINUTES_MARKS.findall(head)}
    if TRANSCRIPT_MARKS.search(head) or len(TURN_LINE.findall(head)) >= 3 or len(minutes) >= 2:
        return "transcript"
    if NEWS_MARKS.search(head):
        return "news"
    if PRESS_MARKS.search(head):
        return "press_release"
    return "other"
