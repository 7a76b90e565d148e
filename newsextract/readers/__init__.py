"""Readers: raw input files to :class:`ArticleRecord` / :class:`RejectedInput`.

The first stage: takes one input file; gives its units as records (:mod:`.records`), each
with what the file states interpreted: the publication date (:mod:`.dates`), a wire story's
dateline (:mod:`.dateline`), the text decoded (:mod:`.encoding`) and long enough to be prose
(:mod:`.letters`). Ingestion (:mod:`newsextract.ingest`) turns the records of a batch into
tables.

Entry points: :func:`discover_inputs` lists the files of an input folder, :func:`read_input`
reads one of them. ``read_input`` never raises for bad content and never writes to inputs (files
are opened read-only); every input unit becomes exactly one article or one rejection.

Reason codes of the rejections produced here:

=================  ===========================================================================
unsupported_type   suffix not in :data:`SUPPORTED_SUFFIXES`
too_large          file over ``ReadOptions.max_file_bytes`` (not read, never truncated)
too_long           article text over ``ReadOptions.max_article_chars``
empty              empty or whitespace-only file; JSON array with no elements
binary             NUL bytes or mostly control characters
decode_error       a Unicode BOM followed by bytes that do not decode
invalid_json       JSON / JSONL line that does not parse (message with line and column)
wrong_type         JSON value or field of the wrong type (e.g. an array element that is a string)
missing_text       JSON object without a non-blank ``text``
no_text            HTML page where trafilatura finds no main text (under 20 letters)
invalid_sidecar    ``<file>.meta.json`` unusable; the article is still read, without it
read_error         the file cannot be read (vanished, permissions, outside the folder, a bug)
=================  ===========================================================================
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from newsextract.readers.article import Draft, finish
from newsextract.readers.discover import discover_inputs, is_inside
from newsextract.readers.encoding import DecodeError, decode_bytes
from newsextract.readers.html import declared_charset, read_html
from newsextract.readers.jsonfile import Problem, read_json, read_jsonl
from newsextract.readers.letters import MIN_LETTERS
from newsextract.readers.options import (
    FORMAT_BY_SUFFIX,
    SUPPORTED_SUFFIXES,
    ReadOptions,
)
from newsextract.readers.records import ReadResult, RejectedInput
from newsextract.readers.sidecar import load_sidecar
from newsextract.readers.txt import read_txt

__all__ = ["SUPPORTED_SUFFIXES", "ReadOptions", "discover_inputs", "read_input"]


def read_input(root: Path, rel_path: str, options: ReadOptions | None = None) -> list[ReadResult]:
    """Read one input file (``rel_path`` relative to ``root``) into articles and rejections.

    Order of the results: a sidecar rejection first (if any), then the file's units in order.
    Unexpected exceptions become a single 'read_error' rejection carrying the message, so one
    odd file cannot stop a batch.
    """
    options = options or ReadOptions()
    try:
        return _read(Path(root), rel_path, options)
    except Exception as exc:  # the contract: never raise for one file
        try:
            size = os.stat(Path(root, rel_path)).st_size
        except OSError:
            size = 0
        reason = f"could not read the file: {type(exc).__name__}: {exc}"
        return [RejectedInput(rel_path, "read_error", reason, size)]


def _read(root: Path, rel_path: str, options: ReadOptions) -> list[ReadResult]:
    path = root / rel_path
    if not is_inside(path, os.path.realpath(root)):
        return [RejectedInput(rel_path, "read_error", "the path leads outside the input folder", 0)]
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        return [RejectedInput(rel_path, "read_error", "not a regular file", 0)]
    size = st.st_size
    suffix = PurePosixPath(rel_path).suffix.lower()
    input_format = FORMAT_BY_SUFFIX.get(suffix)
    if input_format is None:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        reason = f"unsupported file type {suffix or '(no suffix)'!r}; supported: {supported}"
        return [RejectedInput(rel_path, "unsupported_type", reason, size)]
    if size > options.max_file_bytes:
        return [_too_large(rel_path, size, options)]
    with open(path, "rb") as fh:  # read-only
        data = fh.read(options.max_file_bytes + 1)
    if len(data) > options.max_file_bytes:  # grew since stat
        return [_too_large(rel_path, len(data), options)]
    size = len(data)

    sidecar, sidecar_problem = load_sidecar(root, rel_path, options.max_file_bytes)
    results: list[ReadResult] = [sidecar_problem] if sidecar_problem else []
    try:
        declared = declared_charset(data) if input_format == "html" else None
        decoded = decode_bytes(data, declared)
    except DecodeError as exc:
        return [*results, RejectedInput(rel_path, exc.reason_code, exc.reason, size)]

    units: list[Draft | Problem]
    if input_format == "txt":
        units = [read_txt(decoded.text, size)]
    elif input_format == "json":
        units = list(read_json(decoded.text, decoded.encoding, size))
    elif input_format == "jsonl":
        units = list(read_jsonl(decoded.text, decoded.encoding))
        if not units:  # only blank lines: decode_bytes already refuses whitespace-only files
            units = [("empty", "the JSONL file has no records", size, None)]
    else:
        draft = read_html(decoded.text, size)
        units = [
            draft
            or (
                "no_text",
                f"no main article text found in the page (fewer than {MIN_LETTERS} letters)",
                size,
                None,
            )
        ]

    articles = sum(isinstance(u, Draft) for u in units)
    for unit in units:
        if isinstance(unit, Draft):
            results.append(
                finish(
                    unit,
                    input_path=rel_path,
                    input_format=input_format,
                    encoding=decoded.encoding,
                    sidecar=sidecar,
                    single_article=articles == 1 and len(units) == 1,
                    options=options,
                )
            )
        else:
            code, reason, unit_size, record = unit
            results.append(RejectedInput(rel_path, code, reason, unit_size, record))
    return results


def _too_large(rel_path: str, size: int, options: ReadOptions) -> RejectedInput:
    reason = (
        f"the file is {size:,} bytes, over the limit of {options.max_file_bytes:,} bytes "
        "(ReadOptions.max_file_bytes); it was not read"
    )
    return RejectedInput(rel_path, "too_large", reason, size)
