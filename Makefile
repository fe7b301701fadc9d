# The two commands a newcomer needs (see README.md):
#   make lab    create the environment if needed, open the series in JupyterLab
#   make test   create the environment if needed, run every test
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Jupyter refuses to run as root without being told; containers and CI run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint unit notebooks execute data environment.yml clean browser-test readme-figures

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: $(PYTHON) not found"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/01_data.ipynb

test: lint unit notebooks

lint: $(STAMP)
	$(BIN)/ruff check helpers tests notebooks data benchmarks scripts

unit: $(STAMP)
	$(BIN)/python -m pytest tests

# nbval re-executes every notebook and compares each stored output exactly.
notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=1200 notebooks

# Re-execute one notebook in place before committing it: make execute NB=notebooks/01_data.ipynb
execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.record_timing=False $(NB)

data: $(STAMP)
	$(BIN)/python data/make_bdiag.py

environment.yml: $(STAMP)
	$(BIN)/python scripts/make_environment.py > environment.yml

# Run every notebook in a real JupyterLab in headless Chromium and fail on an error,
# stderr or an equation MathJax cannot draw; screenshots/ gets a picture of each.
# Needs the system's Chromium (/usr/bin/chromium); .ci/run installs it on CI.
browser-test: $(STAMP)
	@test -x /usr/bin/chromium || { \
	  echo "The browser test needs Chromium at /usr/bin/chromium."; \
	  echo "Install it with: sudo apt-get update && sudo apt-get install -y chromium"; exit 1; }
	$(BIN)/python -m pip install --quiet -r requirements-browser.txt
	$(BIN)/python -m pytest -v tests/browser

# Copy each notebook's figure tagged "readme-figure" to images/readme/ (no re-execution).
readme-figures: $(STAMP)
	$(BIN)/python scripts/export_readme_figures.py

clean:
	rm -rf $(VENV)
