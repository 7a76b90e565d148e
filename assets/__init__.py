"""Dagster assets and asset checks: thin wrappers around the newsextract library."""
