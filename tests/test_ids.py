from __future__ import annotations

import pytest

from newsextract.tables import ids
from newsextract.tables.storage import safe_file_stem


def test_article_id_is_content_derived_and_stable() -> None:
    a = ids.article_id("voa/1", "Text.")
    assert a == ids.article_id("voa/1", "Text.")
    assert a.startswith("art_") and len(a) == 24
    # Hard-coded: the same input must give the same ID on any machine, in any version.
    assert (
        ids.article_id(None, "Hello")
        == "art_" + __import__("hashlib").sha256(b"\x1fHello").hexdigest()[:20]
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("1", "same text"), ("2", "same text")),  # declared ids differ: distinct records
        (("1", "text a"), ("1", "text b")),
        ((None, "ab"), ("a", "b")),  # the separator keeps parts from running together
    ],
)
def test_article_id_distinguishes(left: tuple, right: tuple) -> None:
    assert ids.article_id(*left) != ids.article_id(*right)


def test_batch_key_ignores_order() -> None:
    entries = [("b.txt", "2"), ("a.txt", "1")]
    assert ids.batch_key(entries) == ids.batch_key(list(reversed(entries)))
    assert ids.batch_key(entries).startswith("batch-")
    assert ids.batch_key(entries) != ids.batch_key([("a.txt", "1")])


@pytest.mark.parametrize(
    "key",
    [
        "../../etc/passwd",
        "/abs/path",
        "..",
        ".",
        "a/b",
        "a\\b",
        "nul\x00byte",
        "é ü",
        "x" * 500,
        "",
    ],
)
def test_safe_file_stem_never_leaves_folder(key: str, tmp_path) -> None:
    stem = safe_file_stem(key)
    assert "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert not stem.startswith(".")
    assert len(stem) <= 120
    target = (tmp_path / f"{stem}.parquet").resolve()
    assert target.parent == tmp_path.resolve()


def test_safe_file_stem_keeps_plain_keys_and_distinct_keys_apart() -> None:
    assert safe_file_stem("batch-0123abcd") == "batch-0123abcd"
    assert safe_file_stem("a/b") != safe_file_stem("a_b")
    assert safe_file_stem("x" * 500) != safe_file_stem("x" * 499 + "y")
