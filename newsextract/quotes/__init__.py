"""Quotes: stored parses and entity mentions in, the ``quotes`` table out.

Takes each article's parse and its entity mentions; gives quotations in marks (``direct``,
``partial``) and, when asked, reported speech (``indirect``), each with its cue and its speaker
linked to an entity.

- :mod:`~newsextract.quotes.marks` — where the quoted words are;
- :mod:`~newsextract.quotes.attribution` — the cue and the speaker of each quotation;
- :mod:`~newsextract.quotes.reported_speech` — attributions without quotation marks;
- :mod:`~newsextract.quotes.table` — the rows of one article.
"""
