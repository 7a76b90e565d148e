"""Language identification, and when an article is taken to be in another language than the
model's (it is then kept but not parsed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsextract.ingest.language import (
    detect_language,
    guess_language,
    in_other_language,
    stop_words,
)

FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites. Les syndicats ont "
    "appelé à une grève nationale et les manifestations se poursuivront jusqu'à la fin du mois."
)
PROSE = {
    "fr": FRENCH,
    "es": "El presidente anunció el martes un nuevo plan para reducir la inflación. Los "
    "sindicatos convocaron una huelga general y las protestas continuarán durante todo el mes.",
    "de": "Die Regierung hat am Dienstag eine neue Rentenreform angekündigt. Die Gewerkschaften "
    "riefen zu einem landesweiten Streik auf, und die Proteste sollen weitergehen.",
    "nl": "Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de inflatie te verlagen. De "
    "vakbonden kondigden een landelijke staking aan.",
    "pl": "Rząd przedstawił we wtorek nowy plan walki z inflacją. Związki zawodowe zapowiedziały "
    "strajk generalny w całym kraju.",
    # spaCy has no Swahili stop words: the surer guess and the missing English decide.
    "sw": "Serikali imetangaza mpango mpya wa kupunguza mfumuko wa bei. Vyama vya wafanyakazi "
    "vimeitisha mgomo wa kitaifa.",
}
ENGLISH = (
    "The government announced a new plan on Tuesday to cut inflation, and the unions called a "
    "general strike across the country, the labour minister said after meeting employers."
)
# A wire service's table (shared/corpus/news.jsonl.gz): names, not sentences. The identifier
# calls it Polish with probability 0.98.
RESULTS_TABLE = (
    "WARSAW 1996-08-25\nLeading goalscorers in the Polish\nfirst division after the weekend 's "
    "matches :\n7 - Bogdan Prusek ( Sokol Tychy )\n5 - Slawomir Wojciechowski ( GKS Katowice )\n"
    "4 - Jacek Dembinski ( Widzew Lodz ) , Marcin Mieciel\n( Legia Warsaw ) , Ryszard Wieczorek "
    "( Odra Wodzislaw )\n3 - Jacek Berensztain ( GKS Belchatow ) , Marek Citko ( Widzew ) ,\n"
    "Adam Fedoruk , Dariusz Jackiewicz ( both Amica Wronki ) ,\nBartlomiej Jamroz ( Hutnik "
    "Krakow ) , Tomasz Moskal\n( Slask Wroclaw ) , Krzysztof Piskula ( Lech Poznan ) , Mariusz\n"
    "Srutwa ( Ruch Chorzow ) , Emmanuel Tetteh ( Polonia Warszawa ) ,\nKrzysztof Zagorski ( Odra )"
)


@pytest.mark.parametrize("language", sorted(PROSE))
def test_prose_in_another_language_is_recognised(language: str) -> None:
    assert detect_language(PROSE[language]) == language
    assert in_other_language(PROSE[language], "en")


@pytest.mark.parametrize("language", ["fr", "es", "de", "nl", "pl"])
def test_prose_in_the_models_own_language_is_not_other(language: str) -> None:
    assert not in_other_language(PROSE[language], language)


@pytest.mark.parametrize(
    "text",
    [ENGLISH, RESULTS_TABLE, "Too short.", "", "12 34 56 78 90 " * 20],
    ids=["prose", "results-table", "short", "empty", "figures"],
)
def test_english_and_undecidable_texts_are_not_other(text: str) -> None:
    assert not in_other_language(text, "en")


def test_the_table_is_a_case_the_identifier_alone_gets_wrong() -> None:
    """Why the stop words are needed: the identifier names another language, confidently."""
    assert guess_language(RESULTS_TABLE) == ("pl", pytest.approx(0.98, abs=0.01))


def test_a_multi_language_model_reads_everything() -> None:
    assert not in_other_language(FRENCH, "xx")


def test_stop_words_come_from_spacy_or_are_missing() -> None:
    assert "the" in stop_words("en") and "le" in stop_words("fr")
    assert stop_words("pcm") is None


def test_no_english_article_of_the_shared_corpus_is_taken_for_another_language(
    shared_dir: Path,
) -> None:
    """2,856 real wire articles; the identifier calls 51 of them (tables, mostly) something
    other than English, and none of them is taken for another language."""
    with gzip.open(shared_dir / "corpus" / "news.jsonl.gz", "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    assert sum(detect_language(t) not in ("en", None) for t in texts) > 20
    assert [t[:60] for t in texts if in_other_language(t, "en")] == []
