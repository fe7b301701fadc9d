# The two commands a newcomer needs (see README.md):
#   make lab    create the environment if needed, open the series in JupyterLab
#   make test   create the environment if needed, run every test
# Python 3.11, 3.12 or 3.13: the one .venv already runs, else the first found (scripts/python.sh says which),
# or the one named: make PYTHON=python3.12 test. CI tests each Python in its own VENV (test-other-pythons).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The first line of output names the Python; a missing, half-made or broken environment is made again.
VENV_STATUS := $(shell PYTHON="$(PYTHON)" sh scripts/python.sh status $(VENV))
$(info $(wordlist 2,999,$(VENV_STATUS)))
ifneq ($(firstword $(VENV_STATUS)),ok)
.PHONY: $(STAMP)
endif
# Jupyter refuses to run as root without being told; containers and CI run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab workspace fresh test lint unit notebooks execute data environment.yml clean browser-test readme-figures

$(STAMP): requirements.txt requirements-test.txt pyproject.toml
	@PYTHON="$(PYTHON)" sh scripts/python.sh venv $(VENV)
	@touch $(STAMP).new  # the stamp gets the start time: a pin edited during the install is installed next time
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	mv $(STAMP).new $(STAMP)

# make lab opens your own copies of the notebooks, in my-notebooks/ (git ignores it): run and edit them freely,
# the verified originals in notebooks/ stay as they are. The first run copies every notebook; later runs copy only
# notebooks that are new to the series and never touch a copy you have.
WORKSPACE := my-notebooks

lab: $(STAMP) workspace
	$(BIN)/jupyter lab $(ROOT_FLAG) $(WORKSPACE)/01_data.ipynb

workspace:
	@mkdir -p $(WORKSPACE)
	@for original in notebooks/*.ipynb; do \
	  copy="$(WORKSPACE)/$$(basename "$$original")"; \
	  if [ ! -e "$$copy" ]; then cp "$$original" "$$copy" && echo "your copy: $$copy"; fi; \
	done

# A fresh copy of one notebook over yours (your edits to it are lost): make fresh NB=04_scratch.ipynb
fresh:
	@test -n "$(NB)" || { echo "Name the notebook: make fresh NB=04_scratch.ipynb"; exit 1; }
	@test -f "notebooks/$(notdir $(NB))" || { echo "There is no notebooks/$(notdir $(NB))"; exit 1; }
	@mkdir -p $(WORKSPACE)
	cp "notebooks/$(notdir $(NB))" "$(WORKSPACE)/$(notdir $(NB))"

test: lint unit notebooks

# Notebook hygiene: no cell metadata but tags, no notebook metadata that a run leaves behind (signature, ...),
# no empty cells; the outputs and execution counts nbval compares stay.
NB_CLEAN := --remove-empty-cells --preserve-cell-outputs --preserve-execution-counts \
  --preserve-notebook-metadata --preserve-cell-metadata-field tags

lint: $(STAMP)
	$(BIN)/ruff check helpers tests notebooks data benchmarks scripts website
	$(BIN)/nb-clean check $(NB_CLEAN) notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

# nbval re-executes every notebook and compares each stored output exactly.
notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=1200 notebooks

# Re-execute one notebook in place before committing it: make execute NB=notebooks/01_data.ipynb
execute: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.record_timing=False \
	  --ExecutePreprocessor.store_widget_state=False $(NB)

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

# The website, in build/site/: the README as home page and every notebook as a page, from the stored
# outputs (nothing is executed), with MathJax served from the site itself (npm ci installs it from
# website/package-lock.json). To read it: .venv/bin/python -m http.server -d build/site
.PHONY: site site-test
SITE_STAMP := $(VENV)/.site-installed
$(SITE_STAMP): $(STAMP) requirements-site.txt
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	touch $(SITE_STAMP)

website/node_modules/.package-lock.json: website/package.json website/package-lock.json
	@command -v npm >/dev/null || { \
	  echo "The website needs npm (Node.js) to install MathJax: sudo apt-get install -y npm"; exit 1; }
	npm ci --prefix website --no-audit --no-fund

site: $(SITE_STAMP) website/node_modules/.package-lock.json
	$(BIN)/python website/build.py

# Open every page of the built site in headless Chromium with no network (tests/site) and fail on a
# MathJax error, raw TeX, a missing picture, a broken link or a notebook missing from the navigation;
# then plant such faults in a small site built for the purpose and check each one is caught.
site-test: site
	@test -x /usr/bin/chromium || { \
	  echo "The website test needs Chromium at /usr/bin/chromium."; \
	  echo "Install it with: sudo apt-get update && sudo apt-get install -y chromium"; exit 1; }
	$(BIN)/python -m pip install --quiet -r requirements-browser.txt
	$(BIN)/python -m pytest -v tests/site

# The series where learners open it: every notebook executed top to bottom under the versions Google Colab ships
# (requirements-hosted.txt), on Python 3.13, in .venv-hosted; fails on an error, a warning or a check's ✗ (the text
# outputs may differ from the stored ones: nbval checks those under the series' own pins). Each notebook is opened
# as Colab opens it (scripts/run_hosted.py): alone in an empty folder, helpers not installed, so its first cell must
# fetch the series, here from a copy of this repository at the commit checked out.
.PHONY: test-hosted
HOSTED := .venv-hosted
HOSTED_STAMP := $(HOSTED)/.installed
$(HOSTED_STAMP): requirements-hosted.txt pyproject.toml
	@python313="$$(sh scripts/python.sh all | awk '$$1 == "3.13" {print $$2; exit}')"; \
	if [ -z "$$python313" ]; then echo "test-hosted needs Python 3.13 (Colab's); none was found"; exit 1; fi; \
	PYTHON="$$python313" sh scripts/python.sh venv $(HOSTED)
	$(HOSTED)/bin/python -m pip install --quiet --upgrade pip
	$(HOSTED)/bin/python -m pip install --quiet -r requirements-hosted.txt
	touch $(HOSTED_STAMP)

test-hosted: $(HOSTED_STAMP)
	$(HOSTED)/bin/python scripts/run_hosted.py

# The series as graded assignments for teachers (README.md, "For teachers"): an nbgrader course folder in build/course/,
# the source version of every chapter with exercises made from the notebooks by scripts/assignments.py, then the
# student versions in build/course/release/ by nbgrader's generate_assignment. nbgrader lives in its own environment,
# .venv-assignments (requirements.txt and requirements-assignments.txt, the same Python as .venv), so .venv has none
# of it. Its bin/ goes first on PATH: nbgrader runs alembic from there.
.PHONY: assignments assignments-test
ASSIGNMENTS := .venv-assignments
ASSIGNMENTS_STAMP := $(ASSIGNMENTS)/.installed
$(ASSIGNMENTS_STAMP): requirements.txt requirements-assignments.txt pyproject.toml
	@PYTHON="$(PYTHON)" sh scripts/python.sh venv $(ASSIGNMENTS)
	@touch $(ASSIGNMENTS_STAMP).new
	$(ASSIGNMENTS)/bin/python -m pip install --quiet --upgrade pip
	$(ASSIGNMENTS)/bin/python -m pip install --quiet -r requirements.txt -r requirements-assignments.txt
	$(ASSIGNMENTS)/bin/python -m pip install --quiet --no-deps --editable .
	mv $(ASSIGNMENTS_STAMP).new $(ASSIGNMENTS_STAMP)

assignments: $(ASSIGNMENTS_STAMP)
	PATH="$(CURDIR)/$(ASSIGNMENTS)/bin:$$PATH" $(ASSIGNMENTS)/bin/python -m scripts.assignments

# nbgrader end to end in a temporary course (tests/assignments): every chapter released without its solutions, and
# chapters 01 and 02 autograded for a complete, an untouched and a one-mistake submission.
assignments-test: $(ASSIGNMENTS_STAMP)
	PATH="$(CURDIR)/$(ASSIGNMENTS)/bin:$$PATH" $(ASSIGNMENTS)/bin/python -m pytest -v tests/assignments

# Make (or repair) the virtual environment only, without installing the requirements.
.PHONY: venv test-other-pythons
venv:
	@PYTHON="$(PYTHON)" sh scripts/python.sh venv $(VENV)

# For CI: `make test` again under every other Python 3.11-3.13 on the machine, each in its own .venv-3.X,
# so that a learner's `make test` makes one environment only. Fails unless a second Python ran.
test-other-pythons: $(STAMP)
	@others="$$(sh scripts/python.sh others $(VENV))"; \
	if [ -z "$$others" ]; then \
	  echo "test-other-pythons: no Python 3.11-3.13 found besides the one in $(VENV)"; exit 1; fi; \
	echo "$$others" | while read -r version python; do \
	  $(MAKE) --no-print-directory VENV=.venv-$$version PYTHON="$$python" test </dev/null || exit 1; \
	done

clean:
	rm -rf $(VENV)
