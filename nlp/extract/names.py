"""The shared vocabulary of people and offices: name patterns, honorifics, post-nominals,
roles and organisations. Used by the headings, officials and speaker resolution alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from nlp.resources import load_json

# Honorifics the record keeps (RECORD.md); Mr, Ms and military ranks are dropped from names.
KEPT_HONORIFICS = frozenset({"Sir", "Dame", "Lord", "Baroness", "Baron", "Lady", "Viscount", "Earl", "Dr", "Professor"})
PEERAGE = frozenset({"Lord", "Baroness", "Baron", "Viscount", "Earl"})
POST_NOMINALS = ("QPM", "KPM", "CBE", "OBE", "MBE", "KBE", "DBE", "AM", "MP", "MSP", "MS", "KC", "QC", "JP", "DL")
HONORIFIC_WORDS = (
    r"Sir|Dame|Lord|Baroness|Baron|Lady|Viscount|Earl|Dr|Professor|Prof|Mr|Mrs|Ms|Miss|Cllr|Councillor|Rev|"
    r"Major|Captain|Colonel|Lieut\.?-Colonel|Lieutenant-Colonel|Brigadier|General|Commander|Admiral"
)
HON = rf"(?P<hon>(?:(?:The\s+)?Rt\.?\s+Hon\.?\s+|(?:{HONORIFIC_WORDS})\.?\s+)*)"
NAME_WORD = r"(?:(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*|[A-Z]\.)"
NOT_POST = r"(?!(?:QPM|KPM|CBE|OBE|MBE|KBE|DBE|AM|MP|MSP|MS|KC|QC|JP|DL)\b)"
NAME = rf"(?P<name>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,3}})"
# A peer's territorial title: "Baroness Scotland of Asthal", "Lord Harris of Haringey".
TERRITORY = r"(?:[ \t]+of[ \t]+[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})?"
POST = r"(?P<post>(?:,?[ \t]+(?:" + "|".join(POST_NOMINALS) + r")\b)*)"

# Capitalised words that end or open a name-shaped run but are not part of a name.
NOT_NAME = frozenset(
    [
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
        "Lords",
        "Commons",
        "Office",
        "January",
        "February",
        "April",
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
        "Labour",
        "Conservative",
        "Cabinet",
        "State",
        "Department",
        "Officers",
        "Officer",
        "Detective",
        "Chairman",
        "Speaker",
        "Presiding",
    ]
)
# Words of topics, bodies and places that title-case headings share with names: never in a person's name.
NON_PERSON_WORDS = frozenset(
    [
        "Patrols",
        "Patrol",
        "Police",
        "Policing",
        "Crime",
        "Committee",
        "Recruitment",
        "Officers",
        "Officer",
        "Armed",
        "Firearms",
        "Security",
        "Funding",
        "Street",
        "Road",
        "High",
        "Park",
        "Estate",
        "Market",
        "Council",
        "Authority",
        "Unit",
        "Team",
        "Forum",
        "Network",
        "Alliance",
        "Association",
        "Board",
        "Panel",
        "Borough",
        "Bridge",
        "Station",
        "Hospital",
        "Court",
        "Prison",
        "Bill",
        "Act",
        "Debate",
        "Statement",
        "Questions",
        "Report",
        "Strategy",
        "Scotland",
        "England",
        "Wales",
        "Britain",
        "London",
        "Safety",
        "Community",
        "Violence",
        "Knife",
        "Gun",
        "Weapons",
        "Terrorism",
        "Response",
    ]
)
# Title-case headlines look like names: any of these words means the run is not one.
HEADLINE_WORDS = frozenset(
    [
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
        "Will",
    ]
)
PARTIES = {
    "Lab": "Labour",
    "Labour": "Labour",
    "Con": "Conservative",
    "Conservative": "Conservative",
    "LD": "Liberal Democrat",
    "Liberal Democrat": "Liberal Democrat",
    "Liberal Democrats": "Liberal Democrat",
    "SNP": "Scottish National Party",
    "Scottish National Party": "Scottish National Party",
    "CB": "Crossbench",
    "Lab/Co-op": "Labour Co-operative",
    "Green": "Green",
    "Scottish Green Party": "Green",
    "Ind": "Independent",
    "DUP": "Democratic Unionist Party",
    "PC": "Plaid Cymru",
    "Bishop": "Lords Spiritual",
    "UKIP": "UKIP",
    "Reform": "Reform UK",
    "Scottish Conservative": "Conservative",
    "Scottish Labour": "Labour",
}


@dataclass(frozen=True)
class Lexicon:
    role_pattern: str  # alternation of every office, longest first
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
    """The canonical body for the first form written in ``text`` ("the Met's" -> Metropolitan Police Service)."""
    lex = lexicon()
    match = lex.org_pattern.search(text)
    return lex.org_forms[match.group()] if match else None


def default_organisation(role: str | None) -> str | None:
    """The body an office implies on its own ("Home Secretary" -> Home Office), if any."""
    return lexicon().default_org.get(role.lower()) if role else None


POLICE_RANK = re.compile(
    r"\b(?:Constable|Sergeant|Inspector|Superintendent|Commander|Commissioner|PC|PCSO|DC|DS|DI|DCI|Supt|Sgt|"
    r"Insp|Detective|Officer)\b",
    re.I,
)


def dominant_force(text: str) -> str | None:
    """The police force a document names most often (its publisher, in a press release)."""
    lex = lexicon()
    counts: dict[str, int] = {}
    for form in lex.org_pattern.findall(text):
        canonical = lex.org_forms[form]
        if "Police" in canonical or "Constabulary" in canonical:
            counts[canonical] = counts.get(canonical, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def office_of(role: str, of_phrase: str | None) -> tuple[str, str | None]:
    """An office with its "of ..." complement ("Chief Constable" + "of Derbyshire"), and the body
    that complement names: a known body, a borough's council, or the place as written."""
    if not of_phrase:
        return role, None
    place = re.sub(r"^(?:of|for)\s+(?:the\s+)?", "", of_phrase.strip())
    org = normalise_organisation(place)
    if of_phrase.strip().startswith("for"):  # "MP for Wimbledon": the office's own body, else the area
        return f"{role} {of_phrase.strip()}", org or default_organisation(role) or place
    if org is None and role.lower() == "mayor" and place != "London":
        org = f"{place} Council"
    return f"{role} {of_phrase.strip()}", org or place


def starts_with_role(text: str) -> re.Match[str] | None:
    return re.match(rf"(?:{lexicon().role_pattern})\b", text.strip())


def title_case(word: str) -> str:
    """Upper-case Hansard surnames as names are written ("ARCHER-SHEE" -> "Archer-Shee")."""
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-")) if word.isupper() else word


def is_organisation(text: str) -> bool:
    """Whether ``text`` opens with the name of a body ("Home Office", "Police Scotland")."""
    match = lexicon().org_pattern.match(text.strip())
    return match is not None


def is_place(name: str) -> bool:
    """A London borough or place (misspelt ones too), which a name-shaped run may really be."""
    from nlp.extract.boroughs import edit_distance, gazetteer

    gaz = gazetteer()
    known = {*gaz.forms, *gaz.short, *gaz.places, "Thames"}
    return name in known or any(
        len(form) >= 6 and abs(len(form) - len(name)) <= 1 and edit_distance(name.lower(), form.lower(), 1) <= 1
        for form in gaz.forms
    )


def clean_name(raw: str) -> str | None:
    """A person's name from a name-shaped run: honorifics, post-nominals and stray words removed."""
    words = [title_case(w) for w in raw.split() if w.rstrip(".,") not in POST_NOMINALS]
    if words:
        words[-1] = re.sub(r"['’]s$", "", words[-1])  # "Bracadale's comments"
    while words and re.fullmatch(rf"(?:{HONORIFIC_WORDS}|The|Rt|Hon)\.?", words[0]):
        words.pop(0)
    role = starts_with_role(" ".join(words))
    if role:  # "Superintendent David Gordon" -> "David Gordon"; "Home Secretary" alone is no name
        words = words[len(role.group().split()) :]
    while len(words) > 1 and words[-1].rstrip(".") in NOT_NAME:
        words.pop()
    while words and words[0].rstrip(".") in NOT_NAME:
        words.pop(0)
    if not words or any(w in HEADLINE_WORDS or w in NON_PERSON_WORDS for w in words):
        return None
    if not any(len(w.rstrip(".")) > 2 for w in words) or is_place(" ".join(words)):
        return None
    return " ".join(words)


def peer_name(raw_name: str) -> str:
    """A peer is named by title without territory: "Scotland of Asthal" -> "Scotland"."""
    return re.sub(r"['’]s$", "", re.split(r"\s+of\s+", raw_name)[0])


def honorific_of(raw: str) -> str | None:
    """The last kept honorific in a run of them ("The Rt Hon Sir" -> "Sir")."""
    found = [h for h in re.findall(r"[A-Z][a-z]+", raw or "") if h in KEPT_HONORIFICS]
    return found[-1] if found else None


def role_case(role: str) -> str:
    """Offices in title case as usually written ("assistant commissioner" -> "Assistant Commissioner")."""
    small = {"of", "for", "and", "the", "on", "in"}
    role = " ".join(role.split())
    if role.isupper() and len(role) <= 5:
        return role
    words = [w.lower() if w.isupper() and len(w) > 5 else w for w in role.split()]
    return " ".join(w if w.lower() in small and i else w[:1].upper() + w[1:] for i, w in enumerate(words))
