"""Names shared by assets, checks, jobs and tests: change them here only."""

INGESTION_GROUP = "ingestion"
NLP_GROUP = "nlp"
ENTITIES_GROUP = "entities"
BATCH_PARTITIONS_NAME = "article_batches"

ARTICLES = "articles"
REJECTED_INPUTS = "rejected_inputs"
ARTICLE_PARSES = "article_parses"
ENTITY_MENTIONS = "entity_mentions"

CHECK_UNIQUE_ARTICLE_ID = "article_id_unique_not_null"
CHECK_ARTICLES_SCHEMA = "articles_schema_matches"
CHECK_INPUTS_ACCOUNTED = "every_input_accounted_for"
CHECK_PUBLISHED_NOT_FUTURE = "published_at_not_in_future"
CHECK_TEXT_NOT_EMPTY = "text_not_empty"
CHECK_UNIQUE_REJECTED_ID = "rejected_id_unique_not_null"
CHECK_REJECTED_SCHEMA = "rejected_inputs_schema_matches"
CHECK_PARSES_COVER_ARTICLES = "one_parse_per_article"
CHECK_MENTIONS_UNIQUE = "mention_id_unique_not_null"
CHECK_MENTIONS_SCHEMA = "entity_mentions_schema_matches"

OWNER = "team:newsextract"
