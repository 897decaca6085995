# Two commands for a fresh clone (CONTRACT.md): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test install clean

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
	@echo "Next: make serve, then open http://127.0.0.1:8000/ (the demo in the web UI; API under /api/)"

serve: $(STAMP)
	[ -f demo.db ] || $(BIN)/newsweave ingest --db sqlite:///demo.db src/newsweave/demo/corpus.jsonl
	$(BIN)/newsweave serve --db sqlite:///demo.db

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) demo.db
