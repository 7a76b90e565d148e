"""A folder of hostile input files, each of which must become exactly one ``rejected_inputs`` row,
and good articles written in awkward but valid ways, each of which must become one article.

Deterministic for a seed. Used by tests/test_hostile_inputs.py; run it as a script to look at
the files: ``python -m tests.hostile_inputs OUT_DIR``.
"""

from __future__ import annotations

import codecs
import gzip
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

Hostile = tuple[str, bytes, str]
"""(file suffix, content, the reason code it must be rejected with)"""

FILLER = ["the", "a", "of", "and", "to", "in", "on", "for", "said", "with", "that"]


def _random_bytes(rng: random.Random) -> bytes:
    data = bytearray(rng.randbytes(rng.randint(64, 4096)))
    data[rng.randrange(len(data))] = 0  # random bytes nearly always hold a NUL; make it sure
    return bytes(data)


def _controls(rng: random.Random) -> bytes:
    return bytes(rng.choice(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x1b") for _ in range(500))


def _entity_bomb(rng: random.Random) -> bytes:
    # "Billion laughs" in an internal DTD subset: expanded, it would be gigabytes.
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{"".join(f"&lol{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE html [{"".join(levels)}]>'
        "<html><head><title>lol</title></head><body><p>&lol9;</p></body></html>"
    ).encode()


def _external_entity(rng: random.Random) -> bytes:
    return (
        b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<html><body><div>&xxe;</div></body></html>"
    )


def _huge_attribute(rng: random.Random) -> bytes:
    value = "x" * rng.randint(100_000, 1_000_000)
    return f'<html><body><div data-blob="{value}"></div><nav>Home</nav></body></html>'.encode()


def _scripts_only(rng: random.Random) -> bytes:
    script = "document.write('<p>' + 'x'.repeat(1000) + '</p>');" * rng.randint(1, 50)
    return f"<html><head><script>{script}</script><style>p{{}}</style></head><body>".encode()


def _broken_markup(rng: random.Random) -> bytes:
    return rng.choice([b"<html><body><div><p><</div>", b"<<<>>>", b"<html", b"</p></p></div>"])


HOSTILE: list[tuple[str, str, Callable[[random.Random], bytes]]] = [
    (".txt", "binary", _random_bytes),
    (".html", "binary", _random_bytes),
    (".json", "binary", _random_bytes),
    (".jsonl", "binary", _random_bytes),
    (".txt", "binary", _controls),
    (".txt", "empty", lambda rng: b""),
    (".json", "empty", lambda rng: b""),
    (".txt", "empty", lambda rng: rng.choice([b" ", b"\n\n\t  \r\n", b"\t" * 100])),
    (".txt", "decode_error", lambda rng: codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe news"),
    (".txt", "decode_error", lambda rng: codecs.BOM_UTF16_LE + b"a\x00b"),
    (".json", "invalid_json", lambda rng: b'{"text": "unterminated'),
    (".json", "invalid_json", lambda rng: b"{'text': 'single quotes'}"),
    (".jsonl", "invalid_json", lambda rng: b'{"text": "a", }\n'),
    (".json", "wrong_type", lambda rng: b'"just a string"'),
    (".json", "wrong_type", lambda rng: json.dumps({"text": rng.randint(0, 99)}).encode()),
    (".json", "wrong_type", lambda rng: b'{"text": ["a", "list"]}'),
    (".jsonl", "wrong_type", lambda rng: b"[1, 2, 3]\n"),
    (".json", "missing_text", lambda rng: b'{"title": "No body", "id": "x"}'),
    (".json", "missing_text", lambda rng: b'{"text": "   \\n  "}'),
    (".json", "empty", lambda rng: b"[]"),
    (".html", "no_text", _entity_bomb),
    (".html", "no_text", _external_entity),
    (".html", "no_text", _huge_attribute),
    (".html", "no_text", _scripts_only),
    (".html", "no_text", _broken_markup),
    (".pdf", "unsupported_type", lambda rng: b"%PDF-1.4 " + rng.randbytes(200)),
    (".exe", "unsupported_type", lambda rng: b"MZ" + rng.randbytes(200)),
    (".xml", "unsupported_type", _entity_bomb),
    ("", "unsupported_type", lambda rng: b"a file without a suffix"),
]


def news_texts(shared: Path, n: int, seed: int) -> list[dict]:
    """``n`` real articles from ``shared/corpus/news.jsonl.gz`` (400-5,000 characters)."""
    with gzip.open(shared / "corpus" / "news.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    rows = [r for r in rows if 400 <= len(r["text"]) <= 5000]
    return random.Random(seed).sample(rows, n)


OTHER_LANGUAGES = {
    "fr": "Le gouvernement a annoncé mardi une nouvelle réforme des retraites. Les syndicats ont "
    "appelé à une grève nationale et les manifestations se poursuivront jusqu'à la fin du mois, "
    "selon le ministre du Travail, qui a rencontré les représentants des employeurs à Paris.",
    "es": "El presidente anunció el martes un nuevo plan para reducir la inflación. Los sindicatos "
    "convocaron una huelga general y las protestas continuarán durante todo el mes, según el "
    "ministro de Economía, que se reunió con los empresarios en Madrid.",
    "de": "Die Regierung hat am Dienstag eine neue Rentenreform angekündigt. Die Gewerkschaften "
    "riefen zu einem landesweiten Streik auf, und die Proteste sollen bis Ende des Monats "
    "weitergehen, sagte der Arbeitsminister nach einem Treffen mit den Arbeitgebern in Berlin.",
}


def _good_file(i: int, article: dict, rng: random.Random) -> tuple[str, bytes, str]:
    """One good article as (suffix, bytes, the text ``articles.text`` must hold)."""
    text = article["text"].replace("\r\n", "\n").strip()
    kind = i % 10
    if kind == 0:  # Windows-1252, with what it cannot encode replaced
        text = text.encode("cp1252", "replace").decode("cp1252")
        return ".txt", text.encode("cp1252"), text
    if kind == 1:  # Latin-1
        text = text.encode("latin-1", "replace").decode("latin-1")
        return ".txt", text.encode("latin-1"), text
    if kind == 2:  # UTF-8 with a BOM, Windows line ends
        return ".txt", codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(), text
    if kind == 3:  # UTF-16 with a BOM
        return ".txt", text.encode("utf-16"), text
    if kind == 4:  # zero-width and bidirectional controls inside words
        words = text.split(" ")
        for _ in range(5):
            j = rng.randrange(len(words))
            words[j] = words[j] + rng.choice(["\u200b", "\u200d", "\u2066", "\u202e", "\ufeff"])
        text = " ".join(words)
        return ".txt", text.encode(), text
    if kind == 5:  # unbalanced quotation marks
        text = "“" + text.replace("”", "", 1) + ' "and then'
        return ".txt", text.encode(), text
    if kind == 6:  # JSON with an id and extra fields of any type
        record = {"id": f"good-{i}", "text": text, "title": article.get("title"), "x": [1, None]}
        return ".json", json.dumps(record).encode(), text
    if kind == 7:  # a one-record JSONL file
        return ".jsonl", (json.dumps({"text": text}) + "\n").encode(), text
    if kind == 8:  # another language: kept, flagged by `language`
        lang = list(OTHER_LANGUAGES)[i // 10 % len(OTHER_LANGUAGES)]
        text = f"{OTHER_LANGUAGES[lang]} ({i})"
        return ".txt", text.encode(), text
    # HTML with scripts, a huge attribute and unclosed tags around a real article
    paragraphs = "".join(f"<p>{p}" for p in text.split("\n") if p.strip())
    page = (
        "<html><head><title>Story</title><script>var x = '<p>not text</p>';</script></head>"
        f'<body><nav>Home</nav><article data-track="{"y" * 50_000}"><h1>Story</h1>'
        f"{paragraphs}</article><footer>All rights reserved</footer>"
    )
    return ".html", page.encode(), ""


def write_inputs(
    folder: Path, shared: Path, *, hostile: int = 1000, good: int = 100, seed: int = 0
) -> dict[str, dict]:
    """Write the files; returns ``{file name: {"kind", "reason" or "text"}}``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, dict] = {}
    for i in range(hostile):
        suffix, reason, make = HOSTILE[i % len(HOSTILE)]
        name = f"hostile-{i:04d}{suffix}"
        (folder / name).write_bytes(make(rng))
        expected[name] = {"kind": "hostile", "reason": reason}
    for i, article in enumerate(news_texts(shared, good, seed)):
        suffix, data, text = _good_file(i, article, rng)
        name = f"good-{i:03d}{suffix}"
        (folder / name).write_bytes(data)
        expected[name] = {"kind": "good", "text": text}
    return expected


def write_oversize_text(path: Path, megabytes: int = 50) -> None:
    """A plain-text file of ``megabytes`` MB of words: over the default article length."""
    line = (" ".join(FILLER) + ".\n").encode()
    with path.open("wb") as handle:
        for _ in range(megabytes * 2**20 // len(line) + 1):
            handle.write(line)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    shared_dir = Path(__file__).resolve().parents[2] / "shared"
    print(json.dumps({"files": len(write_inputs(out, shared_dir))}))
