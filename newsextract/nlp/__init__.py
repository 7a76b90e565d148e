"""NLP: articles in, one stored parse per article out (``article_parses``).

Takes article texts; gives each one spaCy parse (tokens, sentences, lemmas, dependencies, named
entities), stored as bytes that every later stage reads back without the model. Nothing after
this stage parses text again.

- :mod:`~newsextract.nlp.pipeline` — loading the shipped or a configured spaCy pipeline,
  parsing a batch for storage and reading stored parses back;
- :mod:`~newsextract.nlp.components` — the spaCy components appended after any pipeline's NER;
- :mod:`~newsextract.nlp.model_meta` — which pipeline a run uses, and its tag, without spaCy;
- :mod:`~newsextract.nlp.forked` — per-article work spread over forked processes;
- :mod:`~newsextract.nlp.memory` — freed heap memory handed back to the system.
"""
