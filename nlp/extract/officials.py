"""Officials: people who hold or speak from a public role, with role and organisation.

Found where the text ties a name to an office:
- speaker headings of transcripts and debates (nlp/extract/headings.py);
- a title before the name ("Met commissioner Cressida Dick", "Labour peer Lord Harris",
  "Assistant commissioner, Sir Stephen House,");
- an apposition after it ("Sophie Linden, Deputy Mayor for Policing and Crime",
  "Twist, the Met's lead for Covid-19 response");
- an editor's brackets ("The Commissioner [of Police of the Metropolis, Sir Name QPM]");
- committee lists ("Members present:" lines) and a motion's mover ("—[Mr. Name.]");
- a peer by title anywhere ("Lord Name").
Candidates are merged by surname; an office stated in the text beats one inferred from the
chamber. Mentions are the full name, the surname, "Sir First" and the bare title where it
can stand for one person only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from nlp.extract.headings import Heading, find_headings
from nlp.extract.names import (
    HON,
    NAME,
    POLICE_RANK,
    POST,
    TERRITORY,
    clean_name,
    default_organisation,
    dominant_force,
    honorific_of,
    is_organisation,
    lexicon,
    normalise_organisation,
    office_of,
    peer_name,
    role_case,
)
from nlp.extract.spans import doc_text

SPOKESPEOPLE = {"spokesperson", "spokesman", "spokeswoman"}


@dataclass
class OfficialMatch:
    name: str
    honorific: str | None = None
    role: str | None = None
    organisation: str | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    post_nominals: list[str] = field(default_factory=list)
    rule: str = ""
    inferred: bool = False  # the role was inferred (from a chamber or list), not stated


def _found(
    m: re.Match[str], role: str | None, org: str | None, rule: str, inferred: bool = False
) -> OfficialMatch | None:
    hon = m.groupdict().get("hon") or ""
    raw = m.group("name")
    if is_organisation(text_after(m)):
        return None  # "Minister of State, Home Office": a body, not a person
    peer = bool(re.search(r"\b(?:Lord|Baroness|Baron|Viscount|Earl)\b", hon))
    name = peer_name(raw) if peer else clean_name(raw)
    if not name:
        return None
    post = re.findall(r"\b(?:AM|MP|MSP|QPM|CBE|OBE|MBE|KC|QC)\b", m.groupdict().get("post") or "")
    if not role and post:
        role = {"MP": "MP", "AM": "Assembly Member", "MSP": "MSP"}.get(post[-1])
    if not role and peer:
        role, inferred = "peer", True
    if not role and re.search(r"\b(?:Cllr|Councillor)\b", hon):
        role = "Councillor"
    by_post = next((default_organisation(p) for p in post if default_organisation(p)), None)
    organisation = org or default_organisation(role) or by_post or ("House of Lords" if peer else None)
    if role == "Councillor" and not org:
        organisation = council_of(m.string, m.start(), m.end())
    start = m.start("name") + m.group("name").find(name.split()[0])
    return OfficialMatch(
        name, honorific_of(hon), role, organisation, [(start, start + len(name), name)], post, rule, inferred
    )


def text_after(m: re.Match[str]) -> str:
    return m.string[m.start("name") : m.start("name") + 60]


def _from_headings(headings: list[Heading]) -> Iterator[OfficialMatch]:
    for h in headings:
        if h.name:
            written = h.name_written or h.name
            mention = [(h.name_start, h.name_start + len(written), written)] if h.name_start >= 0 else []
            inferred = h.role in ("MP", "MSP", "peer") and not h.post_nominals
            yield OfficialMatch(
                h.name, h.honorific, h.role, h.organisation, mention, h.post_nominals, "heading", inferred
            )


# "Mayor of Tower Hamlets, Name": an office's complement, which a comma must close before the name.
OF_PHRASE = (
    r"(?:(?P<of>[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]+){0,3}),|,?)"
)
# "Police Sergeant Name, of the Central East Command's Robbery Taskforce," / "Name, from South Area BCU:"
UNIT = (
    r"(?:,?[ \t]+(?:of|from)[ \t]+(?:the[ \t]+)?(?P<unit>[A-Z][\w'’ &-]{2,80}?)(?=[,:.;]|[ \t]+(?:said|says|added)))?"
)


def _titled(text: str) -> Iterator[OfficialMatch]:
    lex = lexicon()
    orgs = "|".join(re.escape(f) for f in sorted(lex.org_forms, key=len, reverse=True))
    pattern = (
        rf"(?P<org>\b(?:{orgs})(?:['’]s)?\s+)?(?P<role>\b(?:{lex.role_pattern}))\b{OF_PHRASE}[ \t]+"
        rf"{HON}{NAME}{TERRITORY}{POST}{UNIT}"
    )
    for m in re.finditer(pattern, text):
        role, of_org = office_of(role_case(m.group("role")), m.group("of"))
        if role.lower() in SPOKESPEOPLE or _place_list(m):
            continue
        stated = normalise_organisation(m.group("org") or "") or of_org or _unit_org(m.group("unit"))
        found = _found(m, role, stated or _organisation(role, text, m.start(), m.end()), "title")
        if found:
            yield found


def _place_list(m: re.Match[str]) -> bool:
    """ "Commissioner for Devon, Cornwall and the Isles of Scilly": after "Role for Place," one bare
    word is the next place of a list, not a name (a name there comes whole: "..., Ann Gow")."""
    return bool(m.group("of")) and not m.group("hon") and " " not in m.group("name").strip()


def _unit_org(unit: str | None) -> str | None:
    return (normalise_organisation(unit) or unit.strip()) if unit else None


def _organisation(role: str, text: str, start: int, end: int) -> str | None:
    """The body an office belongs to when the text does not say: the office's own body, else
    the body named nearby, else (for police ranks) the force the document is about."""
    nearby = _nearby_org(text, start, end)
    fallback = dominant_force(text) if POLICE_RANK.search(role) else None
    if COUNCIL_ROLE.search(role):
        return council_of(text, start, end) or nearby
    return default_organisation(role) or nearby or fallback


COUNCIL_ROLE = re.compile(
    r"\b(?:Councillor|Cllr|Cabinet Member|Council Leader|Leader of the Council|council leader|Mayor of)\b", re.I
)


def council_of(text: str, start: int, end: int) -> str | None:
    """The borough council a councillor sits on: "<Borough> Council" as the text writes it,
    from the borough named nearest to the mention (same sentence first)."""
    from nlp.extract.boroughs import gazetteer

    window_start = max(0, start - 250)
    sentence_end = text.find(".", end)
    window = text[window_start : sentence_end if sentence_end > 0 else end + 200]
    gaz = gazetteer()
    best: tuple[int, str] | None = None
    for m in gaz.pattern.finditer(window):
        surface = " ".join(m.group().split())
        if surface in gaz.forms or surface in gaz.short:
            distance = abs(window_start + m.start() - start)
            if best is None or distance < best[0]:
                best = (distance, surface)
    if best is None:
        return None
    written = re.search(
        rf"(?:London Borough of |Royal Borough of )?{re.escape(best[1])}(?: upon Thames)? Council", text
    )
    return written.group() if written else f"{best[1]} Council"


def _appositions(text: str) -> Iterator[OfficialMatch]:
    lex = lexicon()
    pattern = (
        rf"{HON}{NAME}{TERRITORY}{POST},[ \t]+(?:the[ \t]+|a[ \t]+)?(?P<desc>[^,.;:\n\"“”()]{{3,90}}?)"
        rf"(?:,[ \t]+(?P<org2>[A-Z][^,.;:\n\"“”()]{{1,60}}))?(?=[,.;\n]|[ \t]+(?:said|told|added|says|gave)\b)"
    )
    for m in re.finditer(pattern, text):
        desc = m.group("desc").strip()
        role = re.search(rf"\b(?:{lex.role_pattern}|(?i:lead for [^,]+|head of [^,]+))\b", desc)
        if not role or role.start() > 30:  # the office opens the apposition, or it is another clause
            continue
        if _sentence_opener(m):
            continue
        role_text = desc[role.start() :] if re.match(r"(?i)lead|head", role.group()) else role.group()
        of_phrase = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}", desc[role.end() :])
        office, of_org = office_of(role_case(role_text), of_phrase.group() if of_phrase else None)
        org = normalise_organisation(desc) or of_org or normalise_organisation(m.group("org2") or "")
        found = _found(m, office, org or _organisation(office, text, m.start(), m.end()), "apposition")
        if found:
            yield found


def _sentence_opener(m: re.Match[str]) -> bool:
    # "Separately, the council said": one word opening a sentence before a comma is an adverb, not a name.
    before = m.string[max(0, m.start() - 3) : m.start()]
    return (
        not m.group("hon")
        and " " not in m.group("name")
        and (m.start() == 0 or bool(re.search(r"[.!?\n]\s*$", before)))
    )


GROUP_TYPES = (
    r"Network|Watch|Alliance|Forum|Group|Campaign|Trust|Foundation|Association|Federation|Union|Coalition|"
    r"Partnership|Council|Committee|Unit|Team|Command|Service|Squad|Taskforce|Project|Institute|Society|Now|"
    r"Action|Matters|Collective|Initiative|Board|Panel|Commission|Liberty|Justice|Centre"
)
GROUP_VOICE = re.compile(
    rf"{HON}{NAME}{POST},[ \t]+(?:(?P<verb>who (?:chairs|leads|runs|founded|co-founded|speaks for|represents))|"
    r"(?P<title>(?:the[ \t]+|a[ \t]+)?(?:chair(?:woman|man)?|coordinator|co-ordinator|founder|co-founder|director|"
    r"organiser|secretary|spokesperson|spokeswoman|spokesman|campaigns? (?:lead|officer|manager|director)|head|member)"
    r"[ \t]+(?:of|for|at))|of|from)[ \t]+(?:the[ \t]+)?(?P<kind>campaign(?:ing)? group|charity|pressure group|group|"
    r"network|organisation)?[ \t]*(?P<group>[A-Z][\w'’&-]*(?:[ \t]+(?:of|for|and|the|[A-Z][\w'’&-]*)){0,6})"
)


def _group_voices(text: str) -> Iterator[OfficialMatch]:
    # "Name, of the campaign group Community Policing Watch", "Name, who chairs the Southall Youth Alliance"
    for m in GROUP_VOICE.finditer(text):
        group = re.sub(r"[ \t]+(?:of|for|and|the)$", "", m.group("group"))
        if not (m.group("kind") or m.group("verb") or m.group("title")) and not re.search(
            rf"\b(?:{GROUP_TYPES})$", group
        ):
            continue  # "Name, of Croydon": a resident, not a voice of a body
        title = m.group("title") or ("Chair" if m.group("verb") and "chair" in m.group("verb") else "campaigner")
        role = role_case(re.sub(r"^(?:the|a)\s+|\s+(?:of|for|at)$", "", title.strip()))
        found = _found(m, role, normalise_organisation(group) or group, "group voice")
        if found:
            yield found


def _bracketed(text: str) -> Iterator[OfficialMatch]:
    # "The Commissioner [of Police of the Metropolis, Sir Name QPM]", "the Home Secretary [The Rt Hon Name MP]"
    pattern = rf"(?P<role>\b(?:{lexicon().role_pattern}))\s*\[(?P<of>of [^,\]]+,\s*)?{HON}{NAME}{TERRITORY}{POST}\s*\]"
    for m in re.finditer(pattern, text):
        role = role_case(m.group("role") + (" " + m.group("of").strip(" ,") if m.group("of") else ""))
        found = _found(
            m, role, normalise_organisation(role) or _organisation(role, text, m.start(), m.end()), "brackets"
        )
        if found:
            yield found


def _listed(text: str) -> Iterator[OfficialMatch]:
    # Committee membership lists: "Members present:" then one member a line, "Name (Chair)".
    for block in re.finditer(r"Members present:\s*\n(?P<lines>(?:[ \t]*\n|[^\n:]{3,60}\n)+)", text):
        committee = re.search(r"(?:Taken before|before the)\s+the\s+(?P<c>[A-Z][\w ]+Committee)", text)
        org = committee.group("c") if committee else None
        for m in re.finditer(rf"(?m)^{HON}{NAME}(?:[ \t]+\((?P<paren>[^)\n]+)\))?[ \t]*$", block.group("lines")):
            role = "Chair" if (m.group("paren") or "").lower() == "chair" else "Member"
            found = _found(m, role, org, "members list", inferred=False)
            if found:
                start = block.start("lines") + m.start("name")
                found.mentions = [(start, start + len(found.name), found.name)]
                yield found
    # The mover of a Commons motion: "—[Mr. Allen.]"
    for m in re.finditer(rf"—\[{HON}{NAME}\.?\]", text):
        found = _found(m, "MP", "House of Commons", "motion", inferred=True)
        if found:
            yield found


def _peers(text: str) -> Iterator[OfficialMatch]:
    # Knights and dames are named with their honorific: "Sir Name Surname told the committee".
    for m in re.finditer(rf"(?P<hon>\b(?:Sir|Dame)\s+){NAME}", text):
        found = _found(m, None, None, "knighthood", inferred=True)
        if found and len(found.name.split()) > 1:
            yield found
    for m in re.finditer(rf"(?P<hon>\b(?:Cllr|Councillor)\.?\s+){NAME}", text):
        found = _found(m, None, None, "councillor")
        if found:
            yield found
    # Westminster Hall and committees: "[Mrs Name Surname in the Chair]"
    for m in re.finditer(rf"\[{HON}{NAME}\s+in the Chair\]", text):
        found = _found(m, "Chair", "House of Commons", "chair")
        if found:
            yield found
    for m in re.finditer(rf"(?P<hon>\b(?:Lord|Baroness)\s+)(?P<name>[A-Z][a-z][\w'’-]+){TERRITORY}", text):
        if m.group("name") not in (
            "Chancellor",
            "Chief",
            "Mayor",
            "Justice",
            "Advocate",
            "Provost",
            "Lieutenant",
            "Speaker",
        ):
            found = _found(m, None, None, "peer title", inferred=True)
            if found:
                yield found


def _nearby_org(text: str, start: int, end: int) -> str | None:
    # An office without its body ("Detective Superintendent Jones") belongs to the body named
    # in the same sentence, else the one named nearest before it.
    sentence_end = text.find(".", end)
    window = text[max(0, start - 300) : sentence_end if sentence_end > 0 else end + 200]
    matches = list(lexicon().org_pattern.finditer(window))
    return lexicon().org_forms[matches[-1].group()] if matches else None


def _merge(candidates: list[OfficialMatch]) -> list[OfficialMatch]:
    merged: list[OfficialMatch] = []
    for cand in candidates:
        best = next((o for o in merged if _same_person(o, cand)), None)
        if best is None:
            merged.append(cand)
            continue
        if len(cand.name) > len(best.name):
            best.name = cand.name
        best.honorific = best.honorific or cand.honorific
        if cand.role and (not best.role or best.inferred and not cand.inferred):
            best.role, best.inferred = cand.role, cand.inferred
            best.organisation = cand.organisation or best.organisation
        best.organisation = best.organisation or cand.organisation
        best.post_nominals = sorted(set(best.post_nominals) | set(cand.post_nominals))
        best.mentions += cand.mentions
    return merged


def _same_person(a: OfficialMatch, b: OfficialMatch) -> bool:
    a_words, b_words = a.name.split(), b.name.split()
    if a_words[-1] != b_words[-1]:
        return False
    return len(a_words) == 1 or len(b_words) == 1 or a_words[0][0] == b_words[0][0]


def _mentions(text: str, official: OfficialMatch, ambiguous_titles: set[str]) -> list[tuple[int, int, str]]:
    words = official.name.split()
    forms = {official.name, words[-1], words[-1].upper()}  # old Hansard prints surnames in capitals
    if official.honorific in ("Sir", "Dame") and len(words) > 1:
        forms.add(f"{official.honorific} {words[0]}")
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # a surname after "the" is a thing ("the House of Lords"), not the person
    pattern = rf"(?<![\w])(?<!the )(?<!The )(?:{alternation})(?![\w])"
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(pattern, text)]
    role = official.role
    if role and role.lower() not in ambiguous_titles and len(role) > 4 and not official.inferred:
        spans += [(m.start(), m.end(), m.group()) for m in re.finditer(rf"\b[Tt]he {re.escape(role)}\b", text)]
    return _without_overlaps(spans + official.mentions)


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The longest spans first, none overlapping another ("Tom Hale" over "Sir Tom"), in reading order."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def find_officials(doc: Doc) -> list[OfficialMatch]:
    """The officials of ``doc``, merged, each with every mention, in order of first mention."""
    text = doc_text(doc)
    candidates = [
        *_from_headings(find_headings(text)),
        *_titled(text),
        *_appositions(text),
        *_bracketed(text),
        *_group_voices(text),
        *_listed(text),
        *_peers(text),
    ]
    officials = _merge(candidates)
    roles = [o.role.lower() for o in officials if o.role]
    ambiguous = {role for role in roles if roles.count(role) > 1}
    for official in officials:
        official.mentions = _mentions(text, official, ambiguous)
    return sorted(officials, key=lambda o: o.mentions[0][0] if o.mentions else len(text))
