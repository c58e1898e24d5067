# Factcheck: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test lint demo migrate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --no-input

demo: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo

run: demo
	@echo
	@echo "Factcheck is at http://$(HOST)/  (admin: http://$(HOST)/admin/)"
	@echo "Demo logins: reviewer, editor, admin; passwords were printed when the users were created"
	@echo "(set DEMO_REVIEWER_PASSWORD etc. before the first run, or: $(BIN)/python manage.py changepassword reviewer)"
	@echo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .hypothesis
