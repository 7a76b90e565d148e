"""Language identification of article texts, offline (py3langid's bundled model)."""

from __future__ import annotations

from functools import lru_cache

from newsextract.build_cache import cached_build

# A few thousand characters decide the language as well as the whole text does, at a fraction
# of the cost for long articles.
SAMPLE_CHARS = 4000
MIN_LETTERS = 20


def _load_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _identifier():
    # The bundled model is a compressed pickle: unpacking it takes 0.4 s, reading the
    # cached identifier back 0.1 s.
    return cached_build("language_identifier", _load_identifier, packages=["py3langid"])


def enough_letters(text: str, minimum: int = MIN_LETTERS) -> bool:
    """``text`` holds at least ``minimum`` letters: fewer is too little to be prose, or to tell
    its language."""
    return sum(ch.isalpha() for ch in text) >= minimum


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if not enough_letters(sample):
        return None
    code, _prob = _identifier().classify(sample)
    return code
