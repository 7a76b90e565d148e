"""Events: stored parses, entities and quotes in, PLOVER-coded ``events`` and their clusters out.

Takes each article's parse with its entity mentions, article entities and quotes; gives one
event row per source–target dyad (type, mode, actors and their codes, date, place, modality),
and the corpus-wide ``event_clusters`` grouping reports of one real-world event.

- :mod:`~newsextract.events.plover` — the PLOVER ontology and the trigger lexicon;
- :mod:`~newsextract.events.triggers` — triggers and their source, target, place and modality;
- :mod:`~newsextract.events.actors` — PLOVER actor codes (country, sector) of an actor phrase;
- :mod:`~newsextract.events.actor_dictionary` — the Phoenix dictionary of who is who;
- :mod:`~newsextract.events.dates` — when an event happened, against publication;
- :mod:`~newsextract.events.table` — the rows of one article;
- :mod:`~newsextract.events.type_model` — the sentence type classifier's probabilities;
- :mod:`~newsextract.events.scorer` — the event model: which rows are kept, how sure each is;
- :mod:`~newsextract.events.clusters` — the same event reported by several articles.
"""
