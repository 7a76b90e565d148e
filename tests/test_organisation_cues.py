"""``newsextract.entities.organisation_cues``: head words and company contexts."""

from __future__ import annotations

import pytest

from newsextract.entities.organisation_cues import company_context, has_org_head


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Addis Ababa University", True),
        ("Ruijin Hospital", True),
        ("Tata Trusts", True),
        ("Neel-Agro Ltd", True),
        ("University", False),  # one word: the head alone is not a name
        ("West Bank", False),
        ("Soviet Union", False),
        ("American League", False),
        ("Harvard university", False),  # a lower-case head is a description, not a name
    ],
)
def test_has_org_head(name: str, expected: bool) -> None:
    assert has_org_head(name) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("the streaming giant Netflix said", "Netflix", True),
        ("e-commerce firm, Jumia, said", "Jumia", True),
        ("a wholly-owned subsidiary of Smoore", "Smoore", True),
        ("shares of Jones fell", "Jones", True),
        ("an analyst at Control Risks said", "Control Risks", True),
        ("Relx's chief executive said", "Relx", True),
        ("Smoore’s gross profit rose", "Smoore", True),
        ("Magna Inc said", "Magna", True),
        ("the people of Kamonyi said", "Kamonyi", False),
        ("Jones's wife said", "Jones", False),
        ("talks in Doha ended", "Doha", False),
    ],
)
def test_company_context(text: str, name: str, expected: bool) -> None:
    start = text.index(name)
    assert company_context(text, start, start + len(name)) is expected
