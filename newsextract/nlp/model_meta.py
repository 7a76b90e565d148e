"""Which spaCy pipeline a run uses, and its tag, read without loading it (or spaCy).

The tag (``lang_name-version`` from the pipeline's ``meta.json``) is written into every row that
depends on the model, and it is part of what a finished batch records: a run with another model
rebuilds every batch (``pipelines/cli.py``). The process that hands batches to workers asks for
it, and that process never loads spaCy (hundreds of MB).
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Mapping
from pathlib import Path

MODEL_ENV = "NEWSEXTRACT_MODEL"
# The shipped pipeline lives in the package root, beside the bundled data.
MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
SHIPPED_MODEL = MODELS_DIR / "en_newsextract_sm"


def model_location(name: str | None = None) -> str:
    """The name or path :func:`newsextract.nlp.pipeline.load_pipeline` will load, without
    loading it."""
    return name or os.environ.get(MODEL_ENV) or str(SHIPPED_MODEL)


def tag_from_meta(meta: Mapping[str, object]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


def model_tag_without_loading(name: str | None = None) -> str:
    """The tag of the pipeline a run will load: from a folder's ``meta.json``, or from an
    installed package's. A pipeline that cannot be found is tagged by its location; loading it
    then fails with the loader's message."""
    location = model_location(name)
    meta_file = Path(location) / "meta.json"
    if not meta_file.is_file():
        spec = importlib.util.find_spec(location) if location.isidentifier() else None
        folders = spec.submodule_search_locations if spec else None
        meta_file = Path(next(iter(folders or [""]))) / "meta.json"
    try:
        return tag_from_meta(json.loads(meta_file.read_text("utf-8")))
    except (OSError, ValueError):
        return location
