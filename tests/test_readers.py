"""Readers: discovery, encodings, each format, sidecars, limits, and the real sample data."""

from __future__ import annotations

import hashlib
import json
import os
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsextract import readers
from newsextract.readers import (
    SUPPORTED_SUFFIXES,
    ReadOptions,
    discover_inputs,
    read_input,
)
from newsextract.readers import html as html_reader
from newsextract.readers.encoding import DecodeError, decode_bytes
from newsextract.readers.html import (
    HTMLDATE_PARSER_SETTINGS,
    english_date_parser,
    month_words,
    use_english_date_parser,
)
from newsextract.readers.records import ArticleRecord, ReadResult, RejectedInput

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
CONLL = SHARED / "eval" / "dev" / "ner_conllpp" / "articles.jsonl"

CURLY = "He said \u201cwe will not accept this\u201d \u2013 and left. It\u2019s over."


def write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def articles(results: list[ReadResult]) -> list[ArticleRecord]:
    return [r for r in results if isinstance(r, ArticleRecord)]


def rejections(results: list[ReadResult]) -> list[RejectedInput]:
    return [r for r in results if isinstance(r, RejectedInput)]


def only_article(results: list[ReadResult]) -> ArticleRecord:
    assert len(results) == 1 and isinstance(results[0], ArticleRecord), results
    return results[0]


def only_rejection(results: list[ReadResult]) -> RejectedInput:
    assert len(results) == 1 and isinstance(results[0], RejectedInput), results
    return results[0]


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encodings"),
    [
        (CURLY.encode("utf-8"), CURLY, {"utf-8"}),
        (b"\xef\xbb\xbf" + CURLY.encode("utf-8"), CURLY, {"utf-8-sig"}),
        (CURLY.encode("cp1252"), CURLY, {"cp1252"}),
        ("Café naïve résumé über".encode("latin-1"), "Café naïve résumé über", {"cp1252"}),
        (
            "François visited São Paulo and München.\n".encode("latin-1"),
            "François visited São Paulo and München.\n",
            {"cp1252", "iso8859-1", "latin-1"},
        ),
        (
            "Привет, мир! Это тест кодировки.".encode("cp1251"),
            "Привет, мир! Это тест кодировки.",
            {"cp1251"},
        ),
        (CURLY.encode("utf-16"), CURLY, {"utf-16"}),
        (b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", {"utf-8"}),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "latin1-short", "latin1", "cp1251", "utf16-bom", "newlines"],
)
def test_decode_bytes(data: bytes, text: str, encodings: set[str]) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding in encodings


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"abc\x00def", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (random.Random(7).randbytes(4096).replace(b"\x00", b""), "binary"),
    ],
    ids=["empty", "whitespace", "bom-only", "nul", "controls", "random"],
)
def test_decode_bytes_refuses(data: bytes, code: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.reason_code == code


def test_declared_charset_is_tried_before_detection() -> None:
    data = "Zürich – “quoted”".encode("cp1252")
    assert decode_bytes(data, "windows-1252").encoding == "cp1252"
    assert decode_bytes(data, "no-such-codec").text == "Zürich – “quoted”"


# --- discovery -----------------------------------------------------------------------------


def test_discover_inputs(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "body")
    write(tmp_path, "b.txt.meta.json", "{}")  # sidecar of b.txt: not an input
    write(tmp_path, "orphan.meta.json", '{"text": "x"}')  # no base file: an input
    write(tmp_path, "notes.pdf", b"%PDF")  # unsupported, still listed
    write(tmp_path, "sub/dir/a.jsonl", "{}")
    write(tmp_path, ".hidden.txt", "x")
    write(tmp_path, ".git/config.txt", "x")
    write(tmp_path, "sub/.cache/c.txt", "x")
    outside = write(tmp_path.parent / f"{tmp_path.name}-outside", "secret.txt", "secret")
    os.symlink(outside, tmp_path / "link-out.txt")
    os.symlink(outside.parent, tmp_path / "dir-out")
    os.symlink(tmp_path / "b.txt", tmp_path / "link-in.txt")
    assert discover_inputs(tmp_path) == [
        "b.txt",
        "link-in.txt",
        "notes.pdf",
        "orphan.meta.json",
        "sub/dir/a.jsonl",
    ]


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".json", ".jsonl", ".html", ".htm")


def test_orphan_sidecar_is_read_as_json(tmp_path: Path) -> None:
    write(tmp_path, "orphan.meta.json", '{"text": "Body text.", "title": "T"}')
    rec = only_article(read_input(tmp_path, "orphan.meta.json"))
    assert (rec.input_format, rec.text, rec.title) == ("json", "Body text.", "T")


# --- plain text ----------------------------------------------------------------------------


def test_txt_title_and_body(tmp_path: Path) -> None:
    body = "First paragraph.  Two spaces kept.\n\n  Indented second paragraph.\n"
    write(tmp_path, "a.txt", f"The Title\n\n\n{body}\n\n")
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert rec.title == "The Title"
    assert rec.text == body.rstrip()
    assert (rec.input_format, rec.input_record, rec.encoding) == ("txt", None, "utf-8")


def test_txt_without_title(tmp_path: Path) -> None:
    content = "First line of the story.\nSecond line follows directly.\n\nMore."
    write(tmp_path, "a.txt", content)
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert rec.title is None
    assert rec.text == content


def test_txt_long_first_paragraph_is_not_a_title(tmp_path: Path) -> None:
    content = "A long first paragraph. " * 20 + "\n\nSecond paragraph."
    write(tmp_path, "a.txt", content)
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert rec.title is None and rec.text == content


def test_txt_leading_blank_lines_and_crlf(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"\r\n\r\nTitle\r\n\r\nLine one\r\nLine two\rLine three\r\n")
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert rec.title == "Title"
    assert rec.text == "Line one\nLine two\nLine three"


@pytest.mark.parametrize(
    ("data", "encodings"),
    [
        (f"Title\n\n{CURLY}".encode(), {"utf-8"}),
        (b"\xef\xbb\xbf" + f"Title\n\n{CURLY}".encode(), {"utf-8-sig"}),
        (f"Title\n\n{CURLY}".encode("cp1252"), {"cp1252"}),
    ],
    ids=["utf8", "utf8-bom", "cp1252"],
)
def test_txt_encodings(tmp_path: Path, data: bytes, encodings: set[str]) -> None:
    write(tmp_path, "a.txt", data)
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert (rec.title, rec.text) == ("Title", CURLY)
    assert rec.encoding in encodings


def test_txt_latin1(tmp_path: Path) -> None:
    text = "Les élèves du collège Molière à Besançon ont reçu un prix. Ça été très apprécié."
    write(tmp_path, "a.txt", text.encode("latin-1"))
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert rec.text == text
    assert rec.encoding in {"cp1252", "iso8859-1", "latin-1"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b" \n\n\t \r\n", "empty"),
        (random.Random(1).randbytes(2048) + b"\x00", "binary"),
    ],
    ids=["empty", "whitespace", "binary"],
)
def test_txt_unusable(tmp_path: Path, data: bytes, code: str) -> None:
    write(tmp_path, "a.txt", data)
    rej = only_rejection(read_input(tmp_path, "a.txt"))
    assert (rej.input_path, rej.reason_code, rej.size_bytes) == ("a.txt", code, len(data))
    assert rej.reason


# --- JSON ----------------------------------------------------------------------------------


def test_json_object(tmp_path: Path) -> None:
    text = "  Line one,\twith a tab.\r\nLine two\u2028 kept.  "
    doc = {
        "id": 8011117,
        "url": "https://example.org/a",
        "title": "A title",
        "published": "2025-03-14",
        "source": "Example",
        "text": text,
        "extra": [1, 2],
    }
    write(tmp_path, "a.json", json.dumps(doc))
    rec = only_article(read_input(tmp_path, "a.json"))
    assert rec.text == text.replace("\r\n", "\n")
    assert rec.external_id == "8011117"
    assert (rec.url, rec.title, rec.source) == ("https://example.org/a", "A title", "Example")
    assert rec.published_at == datetime(2025, 3, 14, tzinfo=UTC)
    assert (rec.published_raw, rec.published_precision) == ("2025-03-14", "day")
    assert (rec.input_format, rec.input_record) == ("json", None)


def test_json_numeric_ids_keep_their_literal_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.json",
        '[{"id": 123456789012345678901234567890, "text": "a"}, {"id": "007 ", "text": "b"}]',
    )
    ids = [r.external_id for r in articles(read_input(tmp_path, "a.json"))]
    assert ids == ["123456789012345678901234567890", "007 "]


def test_json_list_with_bad_elements(tmp_path: Path) -> None:
    elements = [
        '{"id": "a", "text": "Good one."}',
        '"just a string"',
        '{"id": "c"}',
        '{"id": "d", "text": 42}',
        '{"id": "e", "text": "   "}',
        '{"id": "f", "text": "Good too.", "title": ["not", "a", "string"]}',
        '{"id": "g", "text": "Last good."}',
    ]
    write(tmp_path, "list.json", "[\n  " + ",\n  ".join(elements) + "\n]\n")
    results = read_input(tmp_path, "list.json")
    assert len(results) == len(elements)
    got = [
        (r.input_record, r.external_id if isinstance(r, ArticleRecord) else r.reason_code)
        for r in results
    ]
    assert got == [
        (1, "a"),
        (2, "wrong_type"),
        (3, "missing_text"),
        (4, "wrong_type"),
        (5, "missing_text"),
        (6, "wrong_type"),
        (7, "g"),
    ]
    for rej in rejections(results):
        assert rej.size_bytes == len(elements[rej.input_record - 1].encode())
    assert "title" in rejections(results)[-1].reason


def test_json_invalid(tmp_path: Path) -> None:
    write(tmp_path, "bad.json", '{\n  "text": "x",\n  "title": oops\n}')
    rej = only_rejection(read_input(tmp_path, "bad.json"))
    assert rej.reason_code == "invalid_json"
    assert "line 3" in rej.reason and "column" in rej.reason
    assert rej.input_record is None


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ('"a string"', "wrong_type"),
        ("[]", "empty"),
        ("{}", "missing_text"),
        ("NaN", "invalid_json"),
    ],
)
def test_json_other_shapes(tmp_path: Path, content: str, code: str) -> None:
    write(tmp_path, "a.json", content)
    assert only_rejection(read_input(tmp_path, "a.json")).reason_code == code


def test_jsonl_broken_and_blank_lines(tmp_path: Path) -> None:
    lines = [
        '{"id": "one", "text": "First."}',
        "",
        '{"id": "three", "text": "Third \\u201cquoted\\u201d."}',
        '{"id": "four", "text": "broken',
        "   ",
        '["not", "an", "object"]',
        '{"id": "seven", "text": "Seventh."}',
    ]
    write(tmp_path, "a.jsonl", "\r\n".join(lines) + "\r\n")
    results = read_input(tmp_path, "a.jsonl")
    assert [r.input_record for r in results] == [1, 3, 4, 6, 7]
    assert [r.external_id for r in articles(results)] == ["one", "three", "seven"]
    assert articles(results)[1].text == "Third \u201cquoted\u201d."
    broken, not_object = rejections(results)
    assert (broken.reason_code, broken.size_bytes) == ("invalid_json", len(lines[3].encode()))
    assert "line 4" in broken.reason and "column" in broken.reason
    assert (not_object.reason_code, not_object.size_bytes) == ("wrong_type", len(lines[5]))


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree on new water deal | Example News</title>
<meta property="og:url" content="https://news.example.org/water-deal">
</head><body>
<header><nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main><article>
<h1>Ministers agree on new water deal</h1>
<p class="meta">Example News &middot; <time datetime="2023-06-02">June 2, 2023</time></p>
<p>GENEVA, Switzerland — Ministers from six countries agreed on Friday to share the river's
water more fairly, ending years of dispute over the dams upstream.</p>
<p>&ldquo;This is a good day,&rdquo; said the chair of the talks, adding that the deal would be
reviewed every five years by an independent panel of engineers.</p>
<p>Farmers downstream welcomed the agreement but said they would watch closely how it is put
into practice during the next dry season.</p>
</article>
<aside><h2>Related stories</h2><ul><li><a href="/x">Dams and drought</a></li></ul></aside>
</main>
<footer><p>&copy; Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer></body></html>
"""


def test_html_page(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    rec = only_article(read_input(tmp_path, "page.html"))
    assert rec.input_format == "html"
    assert rec.title == "Ministers agree on new water deal"
    assert rec.text.startswith("GENEVA, Switzerland — Ministers")
    assert "“This is a good day,” said" in rec.text
    assert rec.text.count("\n") == 2  # three paragraphs, one per line
    for boilerplate in ("Sport", "Related stories", "Dams and drought", "rights reserved"):
        assert boilerplate not in rec.text
    assert rec.published_at == datetime(2023, 6, 2, tzinfo=UTC)
    assert rec.dateline_place == "GENEVA, Switzerland"
    assert rec.url == "https://news.example.org/water-deal"


def test_html_dates_in_running_text_use_an_english_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No date in the page's markup, and a title with a year that no date pattern matches:
    # htmldate sends it to dateparser, which must be the English one (not ~200 locales).
    title = "French 1997 budget due around September 10 - Juppe ."
    write(
        tmp_path,
        "wire.html",
        f"<html><head><title>{title} | Wire</title></head><body><main><article>"
        f"<h1>{title}</h1><p>BREGANCON , France 1996-08-25</p>"
        "<p>Prime Minister Alain Juppe said on Sunday the draft 1997 budget would be published"
        " around September 10, after talks with the unions.</p></article></main></body></html>",
    )
    seen: list[str] = []
    parser = english_date_parser()
    get_date_data = parser.get_date_data

    def spy(text: str, *args: object, **kwargs: object) -> dict:
        seen.append(text)
        return get_date_data(text, *args, **kwargs)

    monkeypatch.setattr(parser, "get_date_data", spy)
    rec = only_article(read_input(tmp_path, "wire.html"))
    assert seen, "htmldate did not reach its dateparser search"
    assert rec.published_at == datetime(1996, 8, 25, tzinfo=UTC)


def test_english_date_parser_keeps_htmldate_settings() -> None:
    import htmldate.extractors

    htmldate_factory = use_english_date_parser()
    assert htmldate.extractors.get_external_parser is english_date_parser
    theirs, ours = htmldate_factory(), english_date_parser()
    assert theirs.languages is None and ours.languages == ["en"]
    for key, value in HTMLDATE_PARSER_SETTINGS.items():
        assert getattr(theirs._settings, key) == getattr(ours._settings, key) == value


def test_htmldate_month_words_come_from_the_build_cache(tmp_path: Path, monkeypatch) -> None:
    """The same set as htmldate's own, built once and then read back, never rebuilt."""
    import htmldate.extractors

    from newsextract import build_cache

    monkeypatch.setenv(build_cache.CACHE_ENV, str(tmp_path))
    use_english_date_parser()
    assert htmldate.extractors.month_words is month_words
    month_words.cache_clear()
    from dateparser.languages.loader import default_loader

    htmldate_words = frozenset(
        htmldate.extractors._fold_month_name(word)
        for locale in default_loader.get_locales()
        for key in htmldate.extractors.MONTH_KEYS
        for word in locale.info.get(key, [])
        if htmldate.extractors.WORD.fullmatch(word)
    )  # htmldate 1.11's own definition
    assert month_words() == htmldate_words and "septembre" in htmldate_words
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["htmldate_month_words"]
    month_words.cache_clear()
    monkeypatch.setattr(html_reader, "_htmldate_own", {"month_words": None})  # not called
    assert month_words() == htmldate_words
    month_words.cache_clear()


def test_html_cp1252_declared(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "This is a good day", "C\u2019est un bon jour \u2013 Zürich"
    )
    write(tmp_path, "page.htm", page.encode("cp1252"))
    rec = only_article(read_input(tmp_path, "page.htm"))
    assert rec.encoding == "cp1252"
    assert "C\u2019est un bon jour \u2013 Zürich" in rec.text


def test_html_without_text(tmp_path: Path) -> None:
    write(tmp_path, "empty.html", "<html><head><title>Nothing</title></head><body></body></html>")
    assert only_rejection(read_input(tmp_path, "empty.html")).reason_code == "no_text"


# --- sidecars ------------------------------------------------------------------------------


def test_sidecar_overrides_and_fills(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Title in file\n\nWASHINGTON (Reuters) - Body.")
    write(
        tmp_path,
        "a.txt.meta.json",
        json.dumps(
            {
                "published": "2024-12-09",
                "title": "Sidecar title",
                "source": "Wire",
                "url": "https://example.org/a",
                "id": 77,
                "note": "ignored",
            }
        ),
    )
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert (rec.title, rec.source, rec.url) == ("Sidecar title", "Wire", "https://example.org/a")
    assert rec.external_id == "77"
    assert (rec.published_raw, rec.published_precision) == ("2024-12-09", "day")
    assert rec.dateline_place == "WASHINGTON"


def test_sidecar_wins_over_json_fields(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.jsonl",
        '{"id": "x1", "title": "T1", "published": "2020-01-01", "text": "One."}\n'
        '{"id": "x2", "title": "T2", "text": "Two."}\n',
    )
    write(tmp_path, "a.jsonl.meta.json", '{"published": "2021-02", "source": "S", "id": "same"}')
    one, two = read_input(tmp_path, "a.jsonl")
    assert isinstance(one, ArticleRecord) and isinstance(two, ArticleRecord)
    assert [one.published_raw, two.published_raw] == ["2021-02", "2021-02"]
    assert one.published_at == datetime(2021, 2, 1, tzinfo=UTC)
    assert one.published_precision == "month"
    assert [one.source, two.source] == ["S", "S"]
    assert [one.title, two.title] == ["T1", "T2"]
    assert [one.external_id, two.external_id] == ["x1", "x2"]  # sidecar id: single-article only


@pytest.mark.parametrize(
    "sidecar",
    ["{not json", '["a", "list"]', '{"published": ["2024"]}', b"\x00\x01\x02"],
    ids=["invalid-json", "not-object", "wrong-type", "binary"],
)
def test_invalid_sidecar_keeps_the_article(tmp_path: Path, sidecar: str | bytes) -> None:
    write(tmp_path, "a.txt", "Title\n\nBody text.")
    write(tmp_path, "a.txt.meta.json", sidecar)
    results = read_input(tmp_path, "a.txt")
    (rej,) = rejections(results)
    (rec,) = articles(results)
    assert (rej.input_path, rej.reason_code) == ("a.txt.meta.json", "invalid_sidecar")
    assert rej.size_bytes == (tmp_path / "a.txt.meta.json").stat().st_size
    assert (rec.title, rec.text, rec.published_at) == ("Title", "Body text.", None)


# --- dates in records ----------------------------------------------------------------------


def test_dateline_date_with_year_is_used_when_nothing_else(tmp_path: Path) -> None:
    write(
        tmp_path, "a.json", '{"title": "HEADLINE", "text": "HEADLINE\\nLONDON 1996-08-30\\nText"}'
    )
    rec = only_article(read_input(tmp_path, "a.json"))
    assert rec.dateline_place == "LONDON"
    assert (rec.published_raw, rec.published_precision) == ("1996-08-30", "day")
    assert rec.published_at == datetime(1996, 8, 30, tzinfo=UTC)


def test_dateline_without_year_gives_no_date(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "BEIJING, Jan 5 (AP) — China said.")
    rec = only_article(read_input(tmp_path, "a.txt"))
    assert rec.dateline_place == "BEIJING"
    assert (rec.published_raw, rec.published_at, rec.published_precision) == (None, None, "none")


def test_dateline_refines_a_year_date(tmp_path: Path) -> None:
    write(tmp_path, "a.json", '{"published": "2024", "text": "BEIJING, Jan 5 (AP) — China said."}')
    rec = only_article(read_input(tmp_path, "a.json"))
    assert rec.published_at == datetime(2024, 1, 5, tzinfo=UTC)
    assert (rec.published_raw, rec.published_precision) == ("2024", "day")


def test_future_and_bad_dates(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.json",
        '[{"published": "2999-01-01", "text": "x"},'
        ' {"published": "whenever", "text": "y"},'
        ' {"published": "2999-01-01", "text": "LONDON 1996-08-30\\nz"}]',
    )
    future, bad, fallback = articles(read_input(tmp_path, "a.json"))
    assert (future.published_raw, future.published_at, future.published_precision) == (
        "2999-01-01",
        None,
        "none",
    )
    assert (bad.published_raw, bad.published_at) == ("whenever", None)
    assert (fallback.published_raw, fallback.published_precision) == ("1996-08-30", "day")


# --- limits and failures -------------------------------------------------------------------


def test_unsupported_type(tmp_path: Path) -> None:
    write(tmp_path, "doc.pdf", b"%PDF-1.4 ...")
    rej = only_rejection(read_input(tmp_path, "doc.pdf"))
    assert (rej.reason_code, rej.size_bytes) == ("unsupported_type", 12)
    assert ".pdf" in rej.reason


def test_too_large_is_rejected_not_truncated(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "x" * 2000)
    rej = only_rejection(read_input(tmp_path, "big.txt", ReadOptions(max_file_bytes=1000)))
    assert (rej.reason_code, rej.size_bytes) == ("too_large", 2000)
    assert "2,000" in rej.reason and "1,000" in rej.reason


def test_too_long_article(tmp_path: Path) -> None:
    write(tmp_path, "a.jsonl", '{"text": "short"}\n{"text": "' + "y" * 50 + '"}\n')
    results = read_input(tmp_path, "a.jsonl", ReadOptions(max_article_chars=20))
    assert isinstance(results[0], ArticleRecord)
    rej = results[1]
    assert isinstance(rej, RejectedInput)
    assert (rej.reason_code, rej.input_record) == ("too_long", 2)
    assert "50" in rej.reason and "20" in rej.reason


def test_missing_file_and_unexpected_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert only_rejection(read_input(tmp_path, "gone.txt")).reason_code == "read_error"
    write(tmp_path, "a.txt", "text")

    def boom(*_args: object) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(readers, "read_txt", boom)
    rej = only_rejection(read_input(tmp_path, "a.txt"))
    assert rej.reason_code == "read_error" and "reader bug" in rej.reason


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    files = {
        "a.txt": "Title\n\nBody",
        "a.txt.meta.json": "{bad",
        "b.jsonl": '{"text": "x"}\nbroken\n',
        "c.html": PAGE,
        "d.bin": b"\x00\x01",
    }
    for name, content in files.items():
        write(tmp_path, name, content)
    before = {
        p.name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in tmp_path.iterdir()
    }
    for rel in discover_inputs(tmp_path):
        read_input(tmp_path, rel)
    after = {
        p.name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in tmp_path.iterdir()
    }
    assert after == before


def test_every_file_is_accounted_for(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Body")
    write(tmp_path, "b.xml", "<x/>")
    write(tmp_path, "c.json", "[")
    write(tmp_path, "d.html", "<html></html>")
    paths = {r.input_path for rel in discover_inputs(tmp_path) for r in read_input(tmp_path, rel)}
    assert paths == {"a.txt", "b.xml", "c.json", "d.html"}


# --- the real sample data ------------------------------------------------------------------

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"sample articles not found at {SEEDS} (shared folder missing)"
)


@needs_seeds
def test_seed_assad() -> None:
    rec = only_article(read_input(SEEDS, "assad-asylum-moscow.txt"))
    content = (SEEDS / "assad-asylum-moscow.txt").read_text(encoding="utf-8")
    assert rec.text == content
    assert rec.dateline_place == "Moscow, Russia"
    assert rec.published_at == datetime(2024, 12, 9, tzinfo=UTC)
    assert (rec.published_raw, rec.published_precision) == ("2024-12-09", "day")
    assert rec.title == "Russia grants asylum to Bashar al-Assad"
    assert rec.source == "wire report citing TASS"
    assert rec.encoding == "utf-8"


@needs_seeds
def test_seed_discovery_skips_the_sidecar() -> None:
    found = discover_inputs(SEEDS)
    assert "assad-asylum-moscow.txt" in found
    assert "assad-asylum-moscow.txt.meta.json" not in found


@needs_seeds
def test_seed_voa_txt() -> None:
    for path in sorted(SEEDS.glob("voa-*.txt")):
        rec = only_article(read_input(SEEDS, path.name))
        lines = path.read_text(encoding="utf-8").split("\n")
        assert lines[1] == ""
        assert rec.title == lines[0]
        assert rec.text == "\n".join(lines[2:]).strip()
        assert "\n\n" in rec.text  # paragraph breaks kept


@needs_seeds
def test_seed_jsonl() -> None:
    expected = [
        json.loads(line)
        for line in (SEEDS / "articles.jsonl").read_text("utf-8").split("\n")
        if line.strip()
    ]
    recs = articles(read_input(SEEDS, "articles.jsonl"))
    assert len(recs) == len(expected) == 5
    for rec, src in zip(recs, expected, strict=True):
        assert (rec.external_id, rec.text, rec.title) == (src["id"], src["text"], src["title"])
        assert (rec.url, rec.source) == (src["url"], src["source"])
        assert rec.published_at == datetime.fromisoformat(src["published"]).replace(tzinfo=UTC)


@needs_seeds
@pytest.mark.parametrize(
    ("name", "title", "published"),
    [
        (
            "voa-un-urges-end-to-violence-in-syria-14-years-after-arab-spring.html",
            "UN urges end to violence in Syria 14 years after Arab Spring protests",
            datetime(2025, 3, 14, tzinfo=UTC),
        ),
        (
            "voa-afghan-taliban-chief-hails-troop-exit-kabul-bombing-death.html",
            "Afghan Taliban Chief Hails Troop Exit as Kabul Bombing Death Toll Soars",
            datetime(2021, 5, 9, tzinfo=UTC),
        ),
    ],
)
def test_seed_html(name: str, title: str, published: datetime) -> None:
    import lxml.html

    rec = only_article(read_input(SEEDS, name))
    assert rec.title == title
    assert (rec.published_at, rec.published_precision) == (published, "day")
    page = lxml.html.fromstring((SEEDS / name).read_bytes())
    paragraphs = [p.text_content() for p in page.xpath("//article/p[not(@class)]")]
    assert rec.text.split("\n") == paragraphs
    for boilerplate in ("Related stories", "Subscribe", "All rights reserved", "Privacy policy"):
        assert boilerplate not in rec.text


@pytest.mark.skipif(not CONLL.is_file(), reason=f"{CONLL} not found (shared folder missing)")
def test_conll_ids_and_texts_come_through_exactly() -> None:
    expected = [json.loads(line) for line in CONLL.read_text("utf-8").splitlines() if line.strip()]
    results = read_input(CONLL.parent, CONLL.name)
    recs = articles(results)
    assert len(expected) == 216 and len(recs) == 216 and not rejections(results)
    assert [r.external_id for r in recs] == [e["id"] for e in expected]
    assert [r.text for r in recs] == [e["text"] for e in expected]
    with_place = [r for r in recs if r.dateline_place]
    assert len(with_place) > 150
    assert all(r.published_at and r.published_at.year == 1996 for r in with_place)
