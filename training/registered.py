"""Everything ``spacy train --code training/registered.py`` needs registered with spaCy.

spaCy's ``--code`` takes one file; this one imports the training modules beside it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training import augment, scoring  # noqa: F401  (entity_swap, parser_scorer)
