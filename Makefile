# Two commands for a fresh clone (CONTRACT.md): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	$(BIN)/newsweave ingest --db sqlite:///demo.db src/newsweave/demo/corpus.jsonl
	$(BIN)/newsweave events --db sqlite:///demo.db
	$(BIN)/newsweave storylines --db sqlite:///demo.db
	@echo "Next: .venv/bin/newsweave show EVENT_ID --db sqlite:///demo.db   (summary, coverage, actions: see README)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) demo.db
