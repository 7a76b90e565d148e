"""Bytes to text: find the encoding, refuse binary and empty files, normalise line ends only.

Order, cheapest and most likely first:

1. a UTF-8 BOM (recorded as ``utf-8-sig``, BOM removed) or a UTF-16/UTF-32 BOM;
2. strict UTF-8 (nearly every modern file ends here, so charset-normalizer is rarely run);
3. an encoding the document declares (HTML ``<meta charset>``), if it decodes cleanly;
4. charset-normalizer's guess. On short Western texts it often guesses cp1250 or cp775 where
   the bytes are Windows-1252, so if Windows-1252 is among its near-equal candidates we take
   Windows-1252, by far the most common legacy encoding of English news;
5. Windows-1252, then Latin-1 (which decodes anything).

Files with NUL bytes, or whose decoded text is more than 10% control characters, are binary.
The only change made to the text is ``\\r\\n`` and lone ``\\r`` becoming ``\\n``: offsets computed
on the text must point at what the author wrote.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["DecodeError", "Decoded", "decode_bytes", "normalize_newlines"]

MAX_CONTROL_SHARE = 0.10
"""Above this share of control characters (other than tab/newline/CR/FF) text is binary."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 and C1, less \t \n \v \f \r
_WESTERN = "cp1252"


class DecodeError(Exception):
    """The bytes are not usable text; ``reason_code`` is 'binary', 'empty' or 'decode_error'."""

    def __init__(self, reason_code: str, reason: str) -> None:
        super().__init__(reason)
        self.reason_code = reason_code
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    """Decoded text with newlines normalised to ``\\n``."""
    encoding: str
    """Python codec name, e.g. 'utf-8', 'utf-8-sig' (UTF-8 with BOM), 'cp1252'."""


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n``; nothing else changes."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a whole file. ``declared`` is an encoding the file itself names (HTML meta).

    Raises :class:`DecodeError` for binary, empty or whitespace-only content.
    """
    text, encoding = _decode(data, declared)
    if "\x00" in text:
        raise DecodeError("binary", "the file contains NUL bytes; it looks like a binary file")
    if not text.strip():
        what = "the file is empty" if not data else "the file contains only whitespace"
        raise DecodeError("empty", what)
    controls = len(_CONTROLS.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise DecodeError(
            "binary",
            f"{controls} of {len(text)} characters are control characters "
            f"when read as {encoding}; it looks like a binary file",
        )
    return Decoded(normalize_newlines(text), encoding)


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise DecodeError("decode_error", f"starts with a {name} BOM but {exc}") from exc
    if b"\x00" in data:
        raise DecodeError("binary", "the file contains NUL bytes; it looks like a binary file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in (declared, _detect(data), _WESTERN):
        if name:
            try:
                return data.decode(name), _canonical(name)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("latin-1"), "latin-1"


def _detect(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring Windows-1252 among near-equal candidates."""
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if (
            _WESTERN in match.could_be_from_charset
            and match.percent_chaos <= best.percent_chaos + 1.0
            and match.percent_coherence >= best.percent_coherence - 15.0
        ):
            return _WESTERN
    return best.encoding


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name
