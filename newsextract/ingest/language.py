"""Language identification of article texts, offline (py3langid's bundled model)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from newsextract.build_cache import cached_build
from newsextract.readers.letters import enough_letters

# A few thousand characters decide the language as well as the whole text does, at a fraction
# of the cost for long articles.
SAMPLE_CHARS = 4000


def _load_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _identifier():
    # The bundled model is a compressed pickle: unpacking it takes 0.4 s, reading the
    # cached identifier back 0.1 s.
    return cached_build("language_identifier", _load_identifier, packages=["py3langid"])


def guess_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the text's most likely language, or None when there
    is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if not enough_letters(sample):
        return None
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    guess = guess_language(text)
    return guess[0] if guess else None


# How sure the identifier must be, and how much of the text must be the other language's
# function words, before an article is taken to be in another language than the model's.
# The identifier alone is not enough: it names 1.9% of the English benchmark articles
# (sports results and market tables, mostly names and figures) Nigerian Pidgin, Polish, Dutch
# and others, some with probability 0.98; those it is that sure of have no stop words of the
# language it gave, where prose in French, Spanish, German, Dutch or Polish is 17-60% of them.
OTHER_LANGUAGE_PROBABILITY = 0.9
OTHER_LANGUAGE_STOP_SHARE = 0.15
# For a language spaCy has no stop-word list for (Swahili, Nigerian Pidgin, ...): a surer
# guess, and almost none of the model language's function words (English prose: about 40%).
UNLISTED_LANGUAGE_PROBABILITY = 0.99
UNLISTED_LANGUAGE_MAX_MODEL_STOP_SHARE = 0.05
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def in_other_language(text: str, model_language: str) -> bool:
    """Whether ``text`` is written in another language than ``model_language`` (a spaCy
    pipeline's ``lang``): the identifier says so with probability at least
    :data:`OTHER_LANGUAGE_PROBABILITY`, and the words confirm it: at least
    :data:`OTHER_LANGUAGE_STOP_SHARE` of them are that language's stop words (spaCy's lists),
    and more of them than are the model language's. Too little text to tell, or a
    multi-language model (``xx``), is never another language."""
    guess = guess_language(text)
    if guess is None or model_language == "xx" or guess[0] == model_language:
        return False
    code, probability = guess
    if probability < OTHER_LANGUAGE_PROBABILITY:
        return False
    words = [w.lower() for w in _WORD.findall(text[:SAMPLE_CHARS])]
    if not words:
        return False
    theirs = stop_words(code)
    ours = stop_words(model_language) or frozenset()
    our_share = sum(w in ours for w in words) / len(words)
    if theirs is None:
        return (
            probability >= UNLISTED_LANGUAGE_PROBABILITY
            and our_share < UNLISTED_LANGUAGE_MAX_MODEL_STOP_SHARE
        )
    their_share = sum(w in theirs for w in words) / len(words)
    return their_share >= OTHER_LANGUAGE_STOP_SHARE and their_share > our_share


@cache
def stop_words(language: str) -> frozenset[str] | None:
    """spaCy's stop words of ``language``, or None where spaCy has no list for it."""
    import spacy.util

    try:
        words = spacy.util.get_lang_class(language).Defaults.stop_words
    except (ImportError, KeyError):
        return None
    return frozenset(words) or None
