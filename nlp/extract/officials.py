"""Officials: people who hold or speak from a public role, with role and organisation.

Found where the text ties a name to an office: a title before the name ("Met commissioner
Cressida Dick", "Labour peer Lord Harris"), an office before a comma ("Assistant
commissioner, Sir Stephen House,"), an apposition after it ("Sophie Linden, Deputy Mayor
for Policing and Crime"), and transcript headings ("The Cabinet Secretary for Justice
(Kenny MacAskill)", "Sir Stephen House QPM (Deputy Commissioner, Metropolitan Police
Service):", "Joanne McCartney AM:", "Lord McNally"). Mentions are then merged: the full
name, the surname alone, "Sir Stephen", and the bare title where it can stand for one
person only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc

from nlp.resources import load_json

HONORIFICS = (
    "The Rt Hon",
    "Rt Hon",
    "Sir",
    "Dame",
    "Lord",
    "Baroness",
    "Baron",
    "Lady",
    "Viscount",
    "Earl",
    "Dr",
    "Professor",
    "Prof",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Cllr",
    "Councillor",
    "Rev",
)
# Honorifics that the record keeps (RECORD.md); plain Mr/Ms are dropped.
KEPT_HONORIFICS = {"Sir", "Dame", "Lord", "Baroness", "Baron", "Lady", "Viscount", "Earl", "Dr", "Professor"}
POST_NOMINALS = ("QPM", "KPM", "CBE", "OBE", "MBE", "KBE", "DBE", "AM", "MP", "MSP", "MS", "KC", "QC", "JP", "DL")
HON = r"(?P<hon>(?:(?:The\s+)?Rt\.?\s+Hon\.?\s+|(?:Sir|Dame|Lord|Baroness|Baron|Lady|Viscount|Earl|Dr|Professor|Prof|Mr|Mrs|Ms|Miss|Cllr|Councillor|Rev)\.?\s+)*)"
NAME_WORD = r"(?:[A-Z][a-z]*[’'-]?[A-Za-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.?|[A-Z]{2,}(?=[a-z]))"
NAME = rf"(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})"
POST = r"(?P<post>(?:,?[ \t]+(?:" + "|".join(POST_NOMINALS) + r")\b)*)"
# Words that end a name: a capitalised word that is really a verb, month, or the next clause.
NOT_NAME = {
    "The",
    "A",
    "An",
    "And",
    "But",
    "On",
    "In",
    "At",
    "He",
    "She",
    "They",
    "We",
    "It",
    "This",
    "That",
    "Mayor",
    "Police",
    "Commissioner",
    "Met",
    "Metropolitan",
    "Said",
    "Told",
    "Added",
    "Chair",
    "Minister",
    "Secretary",
    "London",
    "Assembly",
    "Service",
    "Council",
    "Government",
    "House",
    "Lords",
    "Commons",
    "Office",
    "Home",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Answer",
    "Question",
    "Members",
    "Member",
    "Deputy",
    "Federation",
    "Scotland",
    "Labour",
    "Conservative",
    "Group",
    "Party",
    "Justice",
    "Cabinet",
    "State",
    "Department",
    "Officers",
    "Officer",
    "Detective",
}
PARTIES = {
    "Lab": "Labour",
    "Con": "Conservative",
    "LD": "Liberal Democrat",
    "SNP": "Scottish National Party",
    "CB": "Crossbench",
    "Lab/Co-op": "Labour Co-operative",
    "Green": "Green",
    "Ind": "Independent",
    "DUP": "Democratic Unionist Party",
    "PC": "Plaid Cymru",
    "Bishop": "Lords Spiritual",
    "UKIP": "UKIP",
}


@dataclass
class OfficialMatch:
    name: str
    honorific: str | None = None
    role: str | None = None
    organisation: str | None = None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    post_nominals: list[str] = field(default_factory=list)
    rule: str = ""


@dataclass(frozen=True)
class Lexicon:
    role_pattern: str
    default_org: dict[str, str | None]
    org_forms: dict[str, str]
    org_pattern: re.Pattern[str]


@cache
def lexicon() -> Lexicon:
    roles = load_json("roles.json")["roles"]
    role_names = sorted({r["role"] for r in roles}, key=len, reverse=True)
    default_org = {r["role"].lower(): r["organisation"] for r in roles}
    orgs = load_json("organisations.json")["organisations"]
    org_forms = {form: canonical for canonical, forms in orgs.items() for form in forms}
    alternation = "|".join(re.escape(f) for f in sorted(org_forms, key=len, reverse=True))
    # Long titles match in any case ("assistant commissioner"); acronyms only as written ("AM", not "am").
    role_alt = "|".join(
        f"(?i:{re.escape(r)})".replace(r"\ ", r"\s+") if len(r) > 4 else re.escape(r) for r in role_names
    )
    return Lexicon(role_alt, default_org, org_forms, re.compile(rf"(?<![\w])(?:{alternation})(?![\w])"))


def normalise_organisation(text: str) -> str | None:
    """The canonical body for a written form ("the Met's" -> Metropolitan Police Service)."""
    lex = lexicon()
    match = lex.org_pattern.search(text)
    return lex.org_forms[match.group()] if match else None


HEADLINE_WORDS = {
    "For",
    "To",
    "Of",
    "With",
    "From",
    "Extra",
    "More",
    "New",
    "Asks",
    "Says",
    "Calls",
    "Yes",
    "No",
    "Supplementary",
}
# Words that may end a real surname ("Stephen House") but never start a name.
SURNAME_OK = {"House", "Home", "Office", "Service", "Justice", "Deputy", "Group", "Party", "May", "March"}


def _clean_name(raw: str) -> str | None:
    words = raw.split()
    while len(words) > 1 and words[-1].rstrip(".") in (NOT_NAME - SURNAME_OK) | set(POST_NOMINALS):
        words.pop()
    while words and words[-1].rstrip(".") in set(POST_NOMINALS):
        words.pop()
    while words and words[0].rstrip(".") in NOT_NAME:
        words.pop(0)
    name = " ".join(words)
    if any(w in HEADLINE_WORDS for w in words):
        return None  # a title-case headline, not a name
    return name if name and any(len(w) > 2 for w in words) else None


def _honorific(raw: str) -> str | None:
    found = [h for h in re.findall(r"[A-Z][a-z]+", raw or "") if h in KEPT_HONORIFICS]
    return found[-1] if found else None


def _role_case(role: str) -> str:
    """Offices in title case as usually written ("assistant commissioner" -> "Assistant Commissioner")."""
    small = {"of", "for", "and", "the", "on", "in"}
    if role.isupper() or role.islower() and len(role) <= 4:
        return role
    words = role.split()
    return " ".join(w if w.lower() in small and i else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _default_org(role: str | None) -> str | None:
    return lexicon().default_org.get(role.lower()) if role else None


def _candidates(text: str) -> Iterator[OfficialMatch]:
    yield from _headings(text)
    yield from _titled(text)
    yield from _appositions(text)


def _match(m: re.Match[str], role: str | None, org: str | None, rule: str, group: str = "name") -> OfficialMatch | None:
    name = _clean_name(m.group(group))
    if not name:
        return None
    post = re.findall(r"[A-Z]{2,3}", m.groupdict().get("post") or "")
    organisation = org or _default_org(role) or next((_default_org(p) for p in post if _default_org(p)), None)
    if not role and post:
        role = {"MP": "MP", "AM": "Assembly Member", "MSP": "MSP"}.get(post[-1])
    start = m.start(group) + m.group(group).index(name)
    return OfficialMatch(
        name,
        _honorific(m.groupdict().get("hon") or ""),
        role,
        organisation,
        [(start, start + len(name), name)],
        post,
        rule,
    )


def _headings(text: str) -> Iterator[OfficialMatch]:
    role = lexicon().role_pattern
    # "The Cabinet Secretary for Justice (Kenny MacAskill)", "The Minister of State, Home Office (Baroness X)"
    for m in re.finditer(rf"(?m)^(?:§\s*)?The\s+(?P<role>[A-Za-z][^()\n]{{2,90}}?)\s*\(\s*{HON}{NAME}\.?\s*\)", text):
        role_text, _, org_text = m.group("role").partition(",")
        found = _match(m, _role_case(" ".join(role_text.split())), normalise_organisation(org_text) or None, "heading")
        if found:
            yield found
    # "Sir Stephen House QPM (Deputy Commissioner, Metropolitan Police Service):", "Joanne McCartney AM:"
    turn = rf"(?m)^{HON}{NAME}{POST}(?:[ \t]+\((?P<paren>[^)\n]{{2,120}})\))?(?:[ \t]*\((?P<party>[^)\n]{{1,40}})\))?[ \t]*(?::|$)"
    for m in re.finditer(turn, text):
        yield from _turn(m, role)
    # "Question By: \nJoanne McCartney\nLabour Group"
    for m in re.finditer(rf"Question By:\s*\n{NAME}[ \t]*\n(?P<group>[^\n]*Group)?", text):
        found = _match(m, "Assembly Member", "London Assembly", "question page")
        if found:
            yield found


def _turn(m: re.Match[str], role_pattern: str) -> Iterator[OfficialMatch]:
    paren = (m.group("paren") or "").strip()
    party = (m.group("party") or "").strip()
    hon = m.group("hon") or ""
    has_role = re.match(rf"(?:{role_pattern})\b", paren)
    if has_role:
        role_text, _, org_text = paren.partition(",")
        found = _match(m, _role_case(role_text.strip()), normalise_organisation(org_text), "turn")
    elif re.search(r"\b(?:Lord|Baroness|Baron|Viscount|Earl)\b", hon):
        found = _match(m, "peer", "House of Lords", "turn")
    elif party in PARTIES or paren in PARTIES or m.group("post"):
        found = _match(m, None, None, "turn")
    else:
        return
    if found and not found.role and (party in PARTIES or paren in PARTIES):
        found.role = "MP" if "(" in m.group(0) and party else found.role
    if found:
        yield found


def _titled(text: str) -> Iterator[OfficialMatch]:
    lex = lexicon()
    orgs = "|".join(re.escape(f) for f in sorted(lex.org_forms, key=len, reverse=True))
    # "[Met] commissioner [,] Sir Stephen House", "Labour peer Lord Harris", "Mayor of London, Sadiq Khan"
    pattern = rf"(?P<org>\b(?:{orgs})(?:['’]s)?\s+)?(?P<role>\b(?:{lex.role_pattern}))\b,?[ \t]+{HON}{NAME}{POST}"
    for m in re.finditer(pattern, text):
        role = _role_case(" ".join(m.group("role").split()))
        if role.lower() in ("spokesperson", "spokesman", "spokeswoman") or m.group("name") in NOT_NAME:
            continue
        org = normalise_organisation(m.group("org") or "") or _nearby_org(text, m.start(), m.end())
        found = _match(m, role, org, "title")
        if found:
            yield found


def _appositions(text: str) -> Iterator[OfficialMatch]:
    lex = lexicon()
    # "Sophie Linden, Deputy Mayor for Policing and Crime,", "Twist, the Met's lead for Covid-19 response"
    pattern = rf"{HON}{NAME}{POST},[ \t]+(?:the[ \t]+|a[ \t]+)?(?P<desc>[^,.;:\n\"“”()]{{3,90}}?)(?=[,.;\n]|[ \t]+(?:said|told|added|says))"
    for m in re.finditer(pattern, text):
        desc = m.group("desc").strip()
        role = re.search(rf"\b(?:{lex.role_pattern}|(?i:lead for [^,]+|head of [^,]+))\b", desc)
        if not role:
            continue
        org = normalise_organisation(desc) or _nearby_org(text, m.start(), m.end())
        found = _match(m, _role_case(" ".join(role.group().split())), org, "apposition")
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
    merged: dict[str, OfficialMatch] = {}
    for cand in candidates:
        surname = cand.name.split()[-1]
        key = next((k for k, v in merged.items() if v.name.split()[-1] == surname), None)
        if key is None:
            merged[cand.name] = cand
            continue
        best = merged[key]
        if len(cand.name) > len(best.name):
            best.name = cand.name
        best.honorific = best.honorific or cand.honorific
        best.role = best.role or cand.role
        best.organisation = best.organisation or cand.organisation
        best.post_nominals = sorted(set(best.post_nominals) | set(cand.post_nominals))
    return list(merged.values())


def _mentions(text: str, official: OfficialMatch, ambiguous_titles: set[str]) -> list[tuple[int, int, str]]:
    words = official.name.split()
    forms = [official.name, words[-1]]
    if official.honorific in ("Sir", "Dame") and len(words) > 1:
        forms.append(f"{official.honorific} {words[0]}")
    if official.role and official.role.lower() not in ambiguous_titles and len(official.role) > 4:
        forms.append(f"the {official.role}")
    alternation = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    spans: dict[int, tuple[int, int, str]] = {}
    for m in re.finditer(rf"(?<![\w])(?:{alternation})(?![\w])", text, flags=re.I if len(forms) > 2 else 0):
        if m.group()[0].isupper() or m.group().lower().startswith("the "):
            spans.setdefault(m.start(), (m.start(), m.end(), m.group()))
    return sorted(spans.values())


def find_officials(doc: Doc) -> list[OfficialMatch]:
    """The officials of ``doc``, merged, each with every mention, in order of first mention."""
    text = doc.text
    officials = _merge(list(_candidates(text)))
    roles = [o.role.lower() for o in officials if o.role]
    ambiguous = {role for role in roles if roles.count(role) > 1}
    for official in officials:
        official.mentions = _mentions(text, official, ambiguous) or official.mentions
    return sorted(officials, key=lambda o: o.mentions[0][0])
