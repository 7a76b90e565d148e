"""Entities: stored parses in, typed mentions linked to canonical entities out.

Takes each article's parse; gives ``entity_mentions`` (offsets into the article text),
``article_entities`` (one row per entity and article, with country and coordinates) and the
corpus-wide ``entities``, all in the one ID space that quotes and events link to.

- :mod:`~newsextract.entities.table` — the rows of the three tables;
- :mod:`~newsextract.entities.canonical` — which mentions of an article name the same thing,
  and its stable key.
"""
