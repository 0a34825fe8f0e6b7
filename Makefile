# The two commands a newcomer needs:  make demo  and  make test
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= policing.db

.PHONY: setup demo test lint typecheck unit clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

demo: setup
	$(BIN)/policing extract $(wildcard corpus/*.txt) --store $(STORE) -o corpus-records.jsonl
	$(BIN)/policing show corpus-records.jsonl
	$(BIN)/policing app --store $(STORE)

lint: setup
	$(BIN)/ruff check nlp tests app.py benchmarks

typecheck: setup
	$(BIN)/mypy nlp

unit: setup
	$(BIN)/pytest -q

test: lint typecheck unit

clean:
	rm -rf $(VENV) policing.db corpus-records.jsonl
