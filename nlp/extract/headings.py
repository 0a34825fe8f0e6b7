"""Speaker headings of transcripts and debates, and who each one names.

Layouts read here:
- inline turns: "Name AM (Chair): ...", "Sir Name QPM (Deputy Commissioner, Metropolitan Police
  Service): ...", "Q12 Chair: ...", "Name (Mayor of London):  ...";
- heading lines: "The Cabinet Secretary for Justice (Name)", "The Minister of State, Home Office
  (Baroness Name of Place) (Con)", "Lord Name (CB)", "Baroness Name", "Name (Party)", "Mr Name (Seat) (Lab)";
- later turns in the Official Report's layout: a line holding only an office ("The Deputy Presiding
  Officer") or only the name of someone an earlier heading named ("Name Surname");
- "Asked by Lord Name" above a Lords question;
- Commons questions numbered as printed: "T1. [905220] Name (Seat) (Party)", "3. [904000] ...";
- old Hansard: "§ 36. Sir JAMES NAME asked ...", "§ Mr. NAME I am afraid ...", "§ The SECRETARY
  of STATE ... (Mr. Name) As I ...";
- "Name asked Her Majesty's Government:" and question pages ("Question By:", "Answered By:").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from nlp.extract.names import (
    HON,
    HONORIFIC_WORDS,
    NOT_POST,
    PARTIES,
    PEERAGE,
    POST,
    TERRITORY,
    clean_name,
    default_organisation,
    honorific_of,
    normalise_organisation,
    peer_name,
    role_case,
    starts_with_role,
)

PERSON = rf"{HON}(?P<name>{NOT_POST}(?:(?:Mc|Mac|O['’])?[A-Z][\w'’.-]*)(?:[ \t]+{NOT_POST}(?:Mc|Mac|O['’])?[A-Z][\w'’.-]*){{0,3}}){TERRITORY}{POST}"
INLINE = re.compile(r"(?m)^(?:§[ \t]*)?(?:T?\d+\.[ \t]+)?(?:\[\d+\][ \t]+)?(?:Q\d+[ \t]+)?(?P<who>[A-Z][^:\n]{1,150}?):[ \t]+(?=\S)")
LINE = re.compile(
    r"(?m)^(?:T?\d+\.[ \t]+)?(?:\[\d+\][ \t]+)?(?P<who>The[ \t]+[A-Z][^()\n]{2,100}\([^)\n]+\)(?:[ \t]+\([^)\n]{1,20}\))?"
    rf"|(?:{HONORIFIC_WORDS})\.?[ \t]+[A-Z][\w’'-]+(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'-]+){{0,4}}(?:[ \t]+\([^)\n]+\))?"
    r"|[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+){1,3}(?:[ \t]+(?:AM|MP|MSP))?[ \t]+\([^)\n]{2,60}\)(?:[ \t]+\([^)\n]{1,20}\))?)[ \t]*\n"
)
OLD_HANSARD = re.compile(
    rf"(?m)^§[ \t]*(?:\d+\.[ \t]*)?(?P<who>(?:(?:{HONORIFIC_WORDS})\.?[ \t]+)?(?:[A-Z]\.[ \t]*)*[A-Z][A-Z'’-]{{2,}}(?:[ \t]+[A-Z][A-Z'’-]{{2,}})*)(?=\s)"
)
PAREN_INLINE = re.compile(r"(?m)^§[ \t]*(?P<who>The[ \t]+[^()\n]{3,100}\([^)\n]+\))[ \t]+(?=\S)")
ASKED = re.compile(
    rf"(?m)^(?:§[ \t]*)?(?:\d+\.[ \t]+)?(?P<who>(?:(?:{HONORIFIC_WORDS})\.?[ \t]+)?[A-Z][\w’'.-]+(?:[ \t]+(?:of[ \t]+)?[A-Z][\w’'.-]+){{0,4}})[ \t]+asked\b"
)
ASKED_BY = re.compile(r"(?m)^Asked by[ \t]+(?P<who>[A-Z][^\n]{2,80}?)[ \t]*\n\s*\n(?=\S)")
# A paragraph of one short line: in the Official Report's layout, a later turn's heading.
ALONE = re.compile(r"(?m)^(?P<who>[A-Z][^\n]{2,60}?)[ \t]*\n[ \t]*\n(?=\S)")
QUESTION_PAGE = re.compile(r"(?P<label>Question By|Answered By):[ \t]*\n(?P<who>[^\n]+)\n")
NOT_SPEAKERS = re.compile(
    r"^(?:Session date|Meeting date|Minutes|Note|Notes|Contents|Agenda|Answer|Question|Asked Of|Witnesses|"
    r"Members present|Present|Apologies|In attendance|Also present|Resolved|Agreed|Decision|Declarations?|"
    r"Recommendations?|Actions?|Subject|Date|Time|Title|Published|Source|Item|Tel|Email|Web|ENDS|"
    r"Examination|Evidence|Oral|Taken|Session|Volume|Motion|Update|Image|Photo|Picture|Caption)\b",
    re.I,
)
ROLE_ONLY = re.compile(
    r"^(?:The\s+)?(?:Chair|Chairman|Chairwoman|Convener|Deputy Convener|Mayor|Deputy Mayor|Presiding Officer|Deputy Presiding Officer|Speaker|Deputy Speaker|Lord Speaker|Minister|Commissioner)$|^Mr\.? Speaker$|^Madam Deputy Speaker$",
    re.I,
)


@dataclass
class Heading:
    start: int  # where the heading starts
    body: int  # where the words said start
    who: str  # the heading as written
    name: str | None = None  # the person, when the heading names one
    name_start: int = -1
    name_written: str | None = None  # the name as printed (old Hansard prints it in capitals)
    honorific: str | None = None
    role: str | None = None
    organisation: str | None = None
    post_nominals: list[str] = field(default_factory=list)
    party: str | None = None
    listed: bool = False  # an entry of a list of those present: it names someone, but heads no turn


@dataclass(frozen=True)
class Chamber:
    """Which body a document's sittings belong to, from its furniture."""

    role: str | None
    organisation: str | None


def chamber_of(text: str) -> Chamber:
    """The chamber whose members speak in a debate; none for committee evidence and hearings,
    where witnesses speak too."""
    head = text[:20000]
    if re.search(r"Oral [Ee]vidence|Taken before|Examination of [Ww]itnesses|Witnesses:|Transcript of", head):
        return Chamber(None, None)
    if re.search(r"Scottish Parliament|Meeting of the Parliament|Presiding Officer|Holyrood|\bMSPs?\b", head):
        return Chamber("MSP", "Scottish Parliament")
    if re.search(r"HL Deb|My Lords|House of Lords|noble (?:Lord|Baroness)", head):
        return Chamber("peer", "House of Lords")
    if re.search(
        r"HC Deb|House of [Cc]ommons|Mr\.? Speaker|hon\. (?:Member|Friend|Gentleman|Lady)|Westminster Hall", head
    ):
        return Chamber("MP", "House of Commons")
    return Chamber(None, None)


def _speaker_like(who: str) -> bool:
    words = who.split()
    if not words or len(words) > 14 or NOT_SPEAKERS.match(who) or who.endswith((".", ",")):
        return False
    if re.search(r"\b(?:said|says|told|is|are|was|were|has|have|will|the following)\b", who):
        return False
    if ROLE_ONLY.match(who.strip()):
        return True
    return bool(re.search(r"\(|\b(?:AM|MP|MSP|QPM|Chair|Lord|Baroness|Sir|Dame|Mr|Mrs|Ms|Dr)\b", who)) or (
        len(words) <= 4 and all(w[:1].isupper() for w in words)
    )


def _parse(heading: Heading, offset: int, chamber: Chamber) -> Heading:
    """Fill name, role and organisation from what the heading says."""
    who = heading.who.strip()
    titled = re.match(r"^The\s+(?P<role>[^()]+?)\s*\((?P<inner>[^)]+)\)", who)
    if titled:  # "The Minister of State, Home Office (Baroness Scotland of Asthal)"
        role_text, _, org_text = titled.group("role").partition(",")
        heading.role = role_case(role_text)
        heading.organisation = normalise_organisation(org_text) or default_organisation(heading.role)
        _person(heading, titled.group("inner"), offset + titled.start("inner"), chamber)
        return heading
    if ROLE_ONLY.match(who):
        heading.role = role_case(re.sub(r"^(?:The|Mr\.?|Madam)\s+", "", who))
        return heading
    person = re.match(PERSON, who)
    if person and re.fullmatch(r"(?:\s*\([^)]*\))*\s*", who[person.end() :]):  # nothing but brackets after the name
        _person(heading, person.group(0), offset, chamber)
        _brackets(heading, who[person.end() :], chamber)
    return heading


def _person(heading: Heading, text: str, offset: int, chamber: Chamber) -> None:
    m = re.match(PERSON, text.strip())
    if not m:
        return
    hon = m.group("hon") or ""
    raw = m.group("name")
    peer = any(word in PEERAGE for word in hon.split())
    name = peer_name(raw) if peer else clean_name(raw)
    if not name:
        return
    heading.name, heading.honorific = name, honorific_of(hon)
    written = re.search(re.escape(name), text, re.I)  # "J. REMNANT" as printed, for the mention
    heading.name_start = offset + written.start() if written else -1
    heading.name_written = written.group() if written else None
    heading.post_nominals = re.findall(r"\b(?:AM|MP|MSP|QPM|CBE|OBE|MBE|KC|QC)\b", m.group("post") or "")
    if peer and not heading.role:
        heading.role, heading.organisation = "peer", "House of Lords"
    for post, role, org in (
        ("AM", "Assembly Member", "London Assembly"),
        ("MSP", "MSP", "Scottish Parliament"),
        ("MP", "MP", "House of Commons"),
    ):
        if post in heading.post_nominals and not heading.role:
            heading.role, heading.organisation = role, org


def _brackets(heading: Heading, rest: str, chamber: Chamber) -> None:
    for inner in re.findall(r"\(([^)]+)\)", rest):
        inner = inner.strip()
        if inner in PARTIES:  # before roles: "(PC)" is Plaid Cymru here, not a constable
            heading.party = PARTIES[inner]
        elif starts_with_role(inner) and heading.role in (None, "MP", "MSP", "Assembly Member"):
            role_text, _, org_text = inner.partition(",")
            heading.role = role_case(role_text)
            heading.organisation = (
                normalise_organisation(org_text) or default_organisation(heading.role) or heading.organisation
            )
    if heading.role is None and chamber.role:
        heading.role, heading.organisation = (
            chamber.role,
            chamber.organisation,
        )  # every speaker in a sitting is a member


TIME_STAMP = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$", re.I)


def _list_like(line: str) -> bool:
    """A short line that is no sentence: an entry or the header of a list ("Present:")."""
    line = line.strip()
    return bool(line) and len(line) < 100 and not TIME_STAMP.match(line) and not line.endswith((".", "?", "!"))


def _in_list(text: str, start: int, end: int) -> bool:
    """Whether the line at ``start``-``end`` is one entry of a list ("Members present:", "In
    attendance:"), with another short line right above or below it: a list of names
    with their offices heads no turn."""
    following = text[end : text.find("\n", end) if "\n" in text[end : end + 200] else end + 200]
    return _list_like(_line_above(text, start)) or _list_like(following)


def _line_above(text: str, start: int) -> str:
    """The line just above the line that opens at ``start`` ("" at the top), read from a short
    window: headings are matched all through long documents."""
    above = text[max(0, start - 200) : start].rstrip(" \t")
    if not above.endswith("\n"):
        return ""
    return above[above.rfind("\n", 0, len(above) - 1) + 1 :]


def _raw_headings(text: str) -> Iterator[Heading]:
    for pattern in (INLINE, PAREN_INLINE, LINE):
        for m in pattern.finditer(text):
            if _speaker_like(m.group("who")):
                listed = pattern is LINE and _in_list(text, m.start(), m.end())
                yield Heading(m.start(), m.end(), m.group("who"), name_start=m.start("who"), listed=listed)
    for m in OLD_HANSARD.finditer(text):
        yield Heading(m.start(), m.end(), m.group("who"), name_start=m.start("who"))
    for m in ASKED.finditer(text):
        if _speaker_like(m.group("who")):
            yield Heading(m.start(), m.start("who"), m.group("who"), name_start=m.start("who"))
    for m in ASKED_BY.finditer(text):  # the question is the next paragraph
        yield Heading(m.start(), m.end(), m.group("who"), name_start=m.start("who"))
    for m in QUESTION_PAGE.finditer(text):
        asked = m.group("label") == "Question By"  # the question follows its "Asked Of:" block
        gap = text.find("\n\n", m.end()) if asked else -1
        body = gap + 2 if gap >= 0 else m.end()
        heading = Heading(m.start(), body, m.group("who").strip(), name_start=m.start("who"))
        if m.group("label") == "Question By":  # questions on these pages are put by Assembly Members
            heading.role, heading.organisation = "Assembly Member", "London Assembly"
        yield heading


def find_headings(text: str) -> list[Heading]:
    """Speaker headings in reading order, each parsed for name, role and organisation; entries
    of a list of those present come too, marked ``listed``."""
    chamber = chamber_of(text)
    found: dict[int, Heading] = {}
    for heading in _raw_headings(text):
        if heading.start not in found and not _is_title(text, heading):
            found[heading.start] = _parse(heading, heading.name_start, chamber)
    if any(not h.listed for h in found.values()):  # only where turns are laid out does a bare line mark one
        for heading in _later_turns(text, {h.name for h in found.values() if h.name}):
            found.setdefault(heading.start, _parse(heading, heading.name_start, chamber))
    return sorted(found.values(), key=lambda h: h.start)


def _is_title(text: str, heading: Heading) -> bool:
    """A document's first line read as "Who: words" is its title when it is no sentence:
    "Police: Armed Officers" heads a Lords question, "Chair: Welcome, everyone." is a turn."""
    first_line = heading.start == len(text) - len(text.lstrip())
    if not first_line or "(" in heading.who or not text.startswith(f"{heading.who}:", heading.start):
        return False
    line = text[heading.start :].split("\n", 1)[0].rstrip()
    return not line.endswith((".", "?", "!", '"', "\u201d"))


def _later_turns(text: str, names: set[str]) -> Iterator[Heading]:
    """One-line paragraphs holding only an office ("The Deputy Presiding Officer") or only the
    name of someone an earlier heading named: the Official Report heads a speaker's later
    turns so, after naming them in full the first time."""
    for m in ALONE.finditer(text):
        if m.start() and _line_above(text, m.start()).strip():  # a paragraph of its own
            continue
        who = m.group("who").strip()
        if ROLE_ONLY.match(who) or _known_name(who, names):
            yield Heading(m.start(), m.end(), who, name_start=m.start("who"))


def _known_name(who: str, names: set[str]) -> bool:
    """ "Kirsteen Abernethy" after "The Cabinet Secretary (Kirsteen Abernethy)"; a peer's bare
    title ("Lord Mawdesley") is read by LINE already."""
    words = who.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False  # no name at all: skip clean_name's fuzzy look-up of places
    return who in names or clean_name(who) in names
