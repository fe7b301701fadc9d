"""Every notebook runs clean in a real JupyterLab: no error, no stderr, every equation typeset.

Run with ``make browser-test`` (the default ``pytest tests`` leaves this folder
out). Screenshots land in screenshots/. Point it at another folder of notebooks
with ``BROWSER_NOTEBOOKS=path/to/folder make browser-test``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
NOTEBOOK_DIR = Path(os.environ.get("BROWSER_NOTEBOOKS", ROOT / "notebooks")).resolve()
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
# Serve from the repository root, as a learner's `jupyter lab` does; a folder
# outside the repository is served from itself.
SERVE_FROM = ROOT if NOTEBOOK_DIR.is_relative_to(ROOT) else NOTEBOOK_DIR


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_clean_in_jupyterlab(notebook: Path, run_in_lab) -> None:
    run = run_in_lab(notebook, root=SERVE_FROM, screenshot=SCREENSHOTS / f"{notebook.stem}.png")
    assert run.screenshots and run.screenshots[0].stat().st_size > 0
    script_errors = [f"(JavaScript error on the page, for information: {e})" for e in run.page_errors]
    assert not run.problems, f"{notebook.name} in JupyterLab:\n" + "\n".join(run.problems + script_errors)
