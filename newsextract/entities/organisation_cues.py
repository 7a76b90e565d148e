"""Words around a name that say it is an organisation, whatever type the model read.

The model reads an unfamiliar company, university or police force as a place or a person
("Netflix", "Addis Ababa University", "subsidiary of Smoore"): in non-Western news a sixth of
the organisations are typed that way. Two kinds of evidence outweigh it:

- the name's own head word: "… University", "… Police", "… Hospital" (:func:`has_org_head`);
- its company context in the article: "the streaming giant Netflix", "a subsidiary of Smoore",
  "Relx's chief executive", "Magna Inc" (:func:`company_context`).

Places the gazetteer knows are left alone by the caller: "Russia's shares" are not a company's.
"""

from __future__ import annotations

import re

from newsextract.lexicons.gazetteer import fold

# Head words of organisations' names. Not "Bank" (West Bank), "Union" (Soviet Union), "Nation"
# (a people), "Front" (a war front), "Court" (also a street), "Group" (of islands), nor
# "League": a sports league is a competition (MISC), the Awami League a party.
ORG_HEADS = frozenset({
    "university", "college", "polytechnic", "academy", "school", "hospital", "clinic",
    "police", "army", "navy", "company", "corporation", "corp", "inc", "ltd", "llc", "plc",
    "trust", "trusts", "holdings", "airlines", "airways", "institute", "agency", "authority",
    "association", "foundation", "ministry", "commission", "committee", "council",
    "federation", "party", "parliament", "assembly", "movement",
    "organisation", "organization", "society", "telecom", "bancorp", "motors",
})  # fmt: skip


def has_org_head(name: str) -> bool:
    """Whether a name of two words or more ends with an organisation's head word."""
    words = name.split()
    return len(words) > 1 and words[-1][:1].isupper() and fold(words[-1]) in ORG_HEADS


# "the streaming giant Netflix", "e-commerce firm Jumia", "a subsidiary of Smoore", "an analyst
# at Control Risks", "shares of Jones": only companies are spoken of like that.
_BEFORE = re.compile(
    r"\b(?:(?:company|firm|giant|brand|retailer|carmaker|automaker|manufacturer|start-?up|"
    r"conglomerate|airline|broadcaster|streamer|lender|insurer|operator|supplier|"
    r"subsidiary|outlet|newspaper|website)\s*,?"
    r"|(?:subsidiar(?:y|ies)|unit|division|shareholders?|shares|stake|stock|CEO|"
    r"chief executive(?: officer)?|founder|co-founder|chairman|spokes(?:man|woman|person)|"
    r"employees?)\s+(?:of|in)"
    r"|(?:analyst|economist|strategist)s?\s+(?:at|with)"
    r"|brand names such as|brands such as)\s+$",
    re.IGNORECASE,
)
# "Relx's chief executive", "Smoore's gross profit", "Magna Inc", "Jones stock".
_AFTER = re.compile(
    r"(?:['’]s\s+(?:CEO|chief executive|founder|co-founder|chairman|shares|stock|"
    r"shareholders|subsidiary|subsidiaries|board of directors|revenue|revenues|gross profit|"
    r"net profit|profits?|sales|stores|subscribers|customers|app)\b"
    r"|\s+(?:Inc|Corp|Ltd|LLC|plc|shares|stock)\b)",
)
CONTEXT_CHARS = 45  # how far back a cue before a name is looked for


def company_context(text: str, start: int, end: int) -> bool:
    """Whether the words right before or after ``text[start:end]`` speak of a company."""
    before = _BEFORE.search(text, max(0, start - CONTEXT_CHARS), start) is not None
    return before or _AFTER.match(text, end) is not None
