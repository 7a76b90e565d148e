"""Finding quotations: marks, paragraphs, nesting, scare quotes, unbalanced text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsextract.quotes.marks import looks_like_title, quoted_spans

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def quotes(text: str, **kwargs) -> list[str]:
    return [text[q.start : q.end] for q in quoted_spans(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will not leave this city" on Monday.', ["we will not leave this city"]),
        ("He said “we will not leave this city” on Monday.", ["we will not leave this city"]),
        ("Il a dit « nous ne partirons pas » hier.", ["nous ne partirons pas"]),
        ("The minister said ‘we will stay the course’ today.", ["we will stay the course"]),
        (
            "“We are ready,” he said, “and we will win.”",
            ["We are ready,", "and we will win."],
        ),
        ("She called it a “peace plan” and left.", []),  # scare quotes
        ("It was “a very bad idea”, he said.", ["a very bad idea"]),
    ],
)
def test_marks(text: str, expected: list[str]) -> None:
    assert quotes(text) == expected


def test_nested_single_quotes_stay_inside() -> None:
    text = "“He told me ‘never again’ and walked out,” she said."
    assert quotes(text) == ["He told me ‘never again’ and walked out,"]


def test_apostrophes_do_not_close_a_single_quote() -> None:
    text = "He wrote ‘the Taliban’s men don’t leave’ in his report."
    assert quotes(text) == ["the Taliban’s men don’t leave"]


def test_a_closing_mark_that_opens_a_paragraph_opens_a_quotation() -> None:
    text = "Voices.\n\n”He represents our greatest shame.” ― Sonya Herridge"
    assert quotes(text) == ["He represents our greatest shame."]


def test_a_quote_continued_in_the_next_paragraph() -> None:
    text = (
        "“We are following events closely.\n\n“We urge all sides to refrain from violence,” "
        "it said."
    )
    spans = quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == [
        "We are following events closely.",
        "We urge all sides to refrain from violence,",
    ]
    assert spans[0].continues and not spans[0].closed
    assert spans[1].closed and not spans[1].continues


def test_an_unbalanced_mark_never_runs_away() -> None:
    text = "He said “this will end badly and left.\n\nThe next paragraph is plain text here."
    spans = quoted_spans(text)
    assert [text[q.start : q.end] for q in spans] == ["this will end badly and left."]
    assert not spans[0].closed and not spans[0].continues


@pytest.mark.parametrize(
    "text",
    ['"', "“", "”", '""', "“”", 'a " b', "‘", "’s", "\n“\n", "“ ” “ ”", "x" * 10 + "“"],
)
def test_odd_marks_never_crash_and_offsets_are_valid(text: str) -> None:
    for q in quoted_spans(text, min_words=1):
        assert 0 <= q.start <= q.end <= len(text)


def test_moscow_seed_quotations() -> None:
    text = (SEEDS / "assad-asylum-moscow.txt").read_text(encoding="utf-8")
    found = quotes(text, min_words=1)
    assert len(found) == 5
    assert "humanitarian considerations." in found  # punctuation inside the marks is quoted
    assert "free of Bashar al-Assad." in found
    assert any(q.startswith("Russia has consistently advocated") for q in found)
    assert any(q.startswith("We are following") for q in found)
    assert any(q.startswith("The tyrant Bashar al-Assad has fled") for q in found)


# -- attribution, through the shipped model ----------------------------------------------


def attributed(nlp, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(quoted text, speaker, cue, kind) of each quotation kept in the table."""
    from newsextract.quotes.table import article_quotes

    rows = article_quotes(nlp(text), "art", "b", "m", [], {})
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        if row["speaker"] is not None:
            assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker"]
        if row["cue"] is not None:
            assert text[row["cue_start"] : row["cue_end"]] == row["cue"]
    return [(r["text"], r["speaker"], r["cue"], r["kind"]) for r in rows]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We will rebuild the bridge within a year,” the mayor said on Monday.", "the mayor",
         "said"),
        ("The mayor said: “We will rebuild the bridge within a year.”", "The mayor", "said"),
        ("“We will rebuild the bridge,” said Maria Lopez, the city's mayor.", "Maria Lopez",
         "said"),
        ("According to the ministry, “the border will reopen next week.”", "the ministry",
         "According to"),
        # The parser breaks this into three sentences; the names after the cue still speak.
        ("“We will rebuild every school,” said Mayor Ana Ruiz on Monday.", "Mayor Ana Ruiz",
         "said"),
    ],
)  # fmt: skip
def test_speaker_after_before_inverted_and_according_to(nlp, text, speaker, cue) -> None:
    [(_, found_speaker, found_cue, kind)] = attributed(nlp, text)
    assert (found_speaker, found_cue) == (speaker, cue)
    assert kind == "direct"


def test_a_quotation_signed_with_a_dash(nlp) -> None:
    text = "“He is the most unqualified candidate we have ever had.” ― Martha Aguilar\n\nNext."
    [(_, speaker, cue, _)] = attributed(nlp, text)
    assert (speaker, cue) == ("Martha Aguilar", "―")
    glued = "“He knows or cares nothing about it.”― Pamela Padilla\n\nNext."  # no space
    [(_, speaker, _, _)] = attributed(nlp, glued)
    assert speaker == "Pamela Padilla"


def test_speaker_before_a_mark_the_parser_took_for_a_new_sentence(nlp) -> None:
    text = "At the session the historian Douglas Brinkley recalled, “He was very angry.”"
    [(_, speaker, cue, _)] = attributed(nlp, text)
    assert (speaker, cue) == ("Douglas Brinkley", "recalled")


def test_a_word_of_the_quotation_is_never_the_speaker(nlp) -> None:
    text = "“This is in their consciousness,” said Caddell, speaking of the campaign."
    [(_, speaker, cue, _)] = attributed(nlp, text)
    assert (speaker, cue) == ("Caddell", "said")


def test_a_day_is_never_the_speaker(nlp) -> None:
    text = "“It is an insult to a whole community,” Rep. Gwen Moore said Friday."
    [(_, speaker, cue, _)] = attributed(nlp, text)
    assert cue == "said" and speaker is not None and "Moore" in speaker


def test_speaker_inside_a_split_quotation(nlp) -> None:
    text = "“We are ready,” the general said, “and we will not retreat from the city.”"
    rows = attributed(nlp, text)
    assert [r[1] for r in rows] == ["the general", "the general"]


def test_a_colon_paragraph_introduces_the_next(nlp) -> None:
    text = "The minister continued:\n\n“Our farmers need rain, and they need it now.”"
    [(_, speaker, cue, _)] = attributed(nlp, text)
    assert (speaker, cue) == ("The minister", "continued")


def test_partial_quote_and_scare_quotes(nlp) -> None:
    text = (
        "Opposition leaders declared the capital “free of the old regime.” "
        "The so-called “reform” passed in the night."
    )
    rows = attributed(nlp, text)
    assert [(r[0], r[3]) for r in rows] == [("free of the old regime.", "partial")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Titles of works and names in marks are not speech (issue 26 point 4) ...
        ("Mayor Ana Ruiz praised the film. “Once Upon a Time in Hollywood” opens on Friday "
         "at the Rex.", [("Once Upon a Time in Hollywood", None, None, "title")]),
        ("The senator voted for the “Justice Against Sponsors of Terrorism Act” in May.",
         [("Justice Against Sponsors of Terrorism Act", None, None, "title")]),
        # ... unless someone is said to have said the words.
        ("“Make America Great Again,” the candidate said at the rally.",
         [("Make America Great Again,", "the candidate", "said", "direct")]),
        ("“We will not give up on this city,” the mayor said.",
         [("We will not give up on this city,", "the mayor", "said", "direct")]),
    ],
)  # fmt: skip
def test_titles_in_marks_are_no_speech(nlp, text: str, expected: list) -> None:
    assert attributed(nlp, text) == expected


@pytest.mark.parametrize(
    ("quoted", "title"),
    [
        ("Once Upon a Time in Hollywood", True),
        ("The Handmaid's Tale", True),
        ("The 2024 Budget Act", True),
        ("We will never surrender", False),  # speech is in sentence case
        ("NO WAR NOW", False),  # a placard in capitals, not a title
        ("This Is a Disaster.", False),  # a sentence
        ("Parasite", False),  # one word: the scare-quote rule's business
    ],
)
def test_looks_like_title(quoted: str, title: bool) -> None:
    assert looks_like_title(quoted) is title


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("“We will rebuild every school,” said Mayor Ana Ruiz on Monday.\n\n"
         "“The money is there, and the builders are ready.”\n\n"
         "The union's leader, Maria Lopez, disagreed with the mayor on Tuesday.\n\n"
         "“It will never pass in this form.”",
         ["Mayor Ana Ruiz", "Mayor Ana Ruiz", None]),
        # Not past a sentence about someone else.
        ("“A new budget is coming,” Ruiz said. The union's leader disagreed.\n\n"
         "“It will never pass in this form.”",
         ["Ruiz", None]),
    ],
)  # fmt: skip
def test_a_continuation_paragraph_takes_the_running_speaker(nlp, text, speakers) -> None:
    """Issue 26 point 3: a paragraph that is only a quotation carries on the speaker of the
    quotation and attribution just before it."""
    assert [r[1] for r in attributed(nlp, text)] == speakers


def test_unbalanced_marks_in_a_headline_do_not_run_away(nlp) -> None:
    text = "Minister: “We will win\n\nThe vote was held on Sunday in all provinces of the country."
    rows = attributed(nlp, text)
    assert [r[0] for r in rows] == ["We will win"]


def test_quote_checks_catch_corrupted_rows() -> None:
    import pyarrow as pa

    from newsextract.tables import quality

    articles = pa.table({"article_id": ["a"], "text": ["“We will win,” the mayor said."]})
    good = {"article_id": ["a"], "start": [1], "end": [13], "text": ["We will win,"],
            "speaker": ["the mayor"], "speaker_start": [15], "speaker_end": [24]}  # fmt: skip
    table = pa.table(good)
    assert quality.offsets_match_text(table, articles).passed
    assert quality.offsets_match_text(
        table, articles, start="speaker_start", end="speaker_end", text="speaker"
    ).passed
    shifted = pa.table({**good, "speaker_start": [14], "speaker_end": [23]})
    assert not quality.offsets_match_text(
        shifted, articles, start="speaker_start", end="speaker_end", text="speaker"
    ).passed
    unattributed = pa.table({**good, "speaker": [None], "speaker_start": [None],
                             "speaker_end": [None]})  # fmt: skip
    assert quality.offsets_match_text(
        unattributed, articles, start="speaker_start", end="speaker_end", text="speaker"
    ).passed


def test_a_fragment_takes_the_subject_of_the_verb_it_hangs_off(nlp) -> None:
    text = (
        "In July, Gingrich cynically dismissed NATO member Estonia as being in the "
        "“suburbs of St. Petersburg.”"
    )
    [(quoted, speaker, cue, kind)] = attributed(nlp, text)
    assert (quoted, speaker, cue, kind) == (
        "suburbs of St. Petersburg.",
        "Gingrich",
        "dismissed",
        "partial",
    )


@pytest.mark.parametrize(
    ("words", "heads", "deps", "head", "expected"),
    [
        # "Palestinian leader Yasser Arafat Wednesday rejected …" with the day parsed into the
        # name: the phrase stops before it.
        (
            ["Palestinian", "leader", "Yasser", "Arafat", "Wednesday", "rejected"],
            [1, 3, 3, 5, 3, 5],
            ["amod", "compound", "compound", "nsubj", "flat", "ROOT"],
            3,
            "Palestinian leader Yasser Arafat",
        ),
        (
            ["Friday", "Israel", "reimposed"],
            [1, 2, 2],
            ["compound", "nsubj", "ROOT"],
            1,
            "Israel",
        ),
        (
            ["the", "Ivory", "Coast", "rebels", "said"],
            [3, 2, 3, 4, 4],
            ["det", "compound", "compound", "nsubj", "ROOT"],
            3,
            "the Ivory Coast rebels",
        ),
    ],
)
def test_noun_phrase_leaves_days_out(words, heads, deps, head, expected) -> None:
    import spacy
    from spacy.tokens import Doc

    from newsextract.quotes.attribution import noun_phrase

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    assert noun_phrase(doc, doc[head]).text == expected


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "expected"),
    [
        # A broken parse gives the verb two subjects: the name is taken, not its description.
        (
            ["Human", "rights", "organization", "Amnesty", "International", "demanded", "it"],
            [1, 2, 5, 4, 5, 5, 5],
            ["amod", "compound", "nsubj", "compound", "nsubj", "ROOT", "obj"],
            ["ADJ", "NOUN", "NOUN", "PROPN", "PROPN", "VERB", "PRON"],
            "International",
        ),
        (
            ["Association", "officials", "demanded", "support"],
            [2, 2, 2, 2],
            ["nsubj", "nsubj", "ROOT", "obj"],
            ["PROPN", "NOUN", "VERB", "NOUN"],
            "Association",
        ),
        (
            ["The", "minister", "said", "it"],
            [1, 2, 2, 2],
            ["det", "nsubj", "ROOT", "obj"],
            ["DET", "NOUN", "VERB", "PRON"],
            "minister",
        ),
    ],
)
def test_cue_subject_prefers_the_name_of_two_subjects(words, heads, deps, pos, expected) -> None:
    import spacy
    from spacy.tokens import Doc

    from newsextract.quotes.attribution import cue_subject

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    assert cue_subject(verb).text == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('">Sanders', "Sanders"),  # markup residue and a mark before the name
        ("“the mayor", "the mayor"),
        ("5:45 p.m.\n\nLibertarian candidate Gary Johnson", "Libertarian candidate Gary Johnson"),
        ("Hillary Clinton’s team", "Hillary Clinton’s team"),  # an apostrophe stays
        ("the mayor”", "the mayor"),
    ],
)
def test_a_speaker_never_starts_or_ends_with_a_mark(text: str, speaker: str) -> None:
    """Issue 26 point 3: the speaker span never includes a quotation mark at its edges."""
    from newsextract.quotes.table import speaker_bounds

    start, end = speaker_bounds(text, 0, len(text))
    assert text[start:end] == speaker
