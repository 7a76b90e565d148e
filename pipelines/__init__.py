"""Dagster resources, IO managers, jobs, schedules, sensors, the CLI and the Definitions."""
