"""The browser check can fail: tiny throwaway notebooks with known faults are flagged.

Each notebook below is written to a temporary folder and run in the same
JupyterLab-in-Chromium check that test_jupyterlab.py runs over the series.
A clean notebook (with math, a print and a plot) must pass; a broken equation,
a cell that raises, stderr output and a run past the time limit must each be
reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def write_notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    """Write a notebook of (kind, source) cells, unexecuted, in nbformat 4."""
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
        "cells": [
            {"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": source}
            | ({"execution_count": None, "outputs": []} if kind == "code" else {})
            for i, (kind, source) in enumerate(cells)
        ],
    }
    path.write_text(json.dumps(notebook, indent=1))
    return path


GOOD = [
    ("markdown", "# A clean notebook\n\nThe sigmoid $\\sigma(z)$ is\n\n$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$"),
    ("code", "import math\n\nprint(round(1 / (1 + math.exp(-0.5)), 4))"),
    ("code", "import matplotlib.pyplot as plt\n\nplt.plot([0, 1], [0, 1])\nplt.xlabel('x')\nplt.show()"),
    ("markdown", "The text `$$` inside code is not math, so it is not flagged."),
]
BROKEN_MATH = [
    ("markdown", "# Broken math\n\n$$\n\\foo x\n$$"),
    ("code", "print('fine')"),
]
MISSING_ARGUMENT = [("markdown", "$$\n\\frac{1}\n$$"), ("code", "print('fine')")]
UNCLOSED_BRACE = [("markdown", "$$\n\\frac{1}{2\n$$"), ("code", "print('fine')")]
UNCLOSED_INLINE = [("markdown", "The mean $\\bar{x$ of the data."), ("code", "print('fine')")]
RAISES = [
    ("code", "x = 1"),
    ("code", "raise ValueError('this cell fails on purpose')"),
    ("code", "print('never reached')"),
]
STDERR = [("code", "import sys\n\nsys.stderr.write('a warning on stderr\\n')")]
SLOW = [("code", "import time\n\ntime.sleep(120)")]


@pytest.fixture(scope="module")
def lab_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder (so one JupyterLab) for all the throwaway notebooks of this file."""
    return tmp_path_factory.mktemp("notebooks")


def test_a_clean_notebook_passes(lab_folder: Path, run_in_lab) -> None:
    notebook = write_notebook(lab_folder / "good.ipynb", GOOD)
    run = run_in_lab(notebook, root=lab_folder, screenshot=lab_folder / "good.png")
    assert run.problems == []
    assert run.screenshots == [lab_folder / "good.png"] and run.screenshots[0].stat().st_size > 10_000


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (BROKEN_MATH, "MathJax could not render \\foo"),
        (MISSING_ARGUMENT, "MathJax error: Missing argument for \\frac"),
        (UNCLOSED_BRACE, "raw $$ left in the rendered text"),
        (UNCLOSED_INLINE, "raw TeX \\bar left in the rendered text"),
        (RAISES, "ValueError: this cell fails on purpose"),
        (STDERR, "a warning on stderr"),
    ],
    ids=["unknown-macro", "missing-argument", "unclosed-brace", "unclosed-inline", "cell-raises", "stderr"],
)
def test_a_faulty_notebook_is_flagged(lab_folder: Path, run_in_lab, cells, expected: str) -> None:
    notebook = write_notebook(lab_folder / f"faulty_{len(list(lab_folder.glob('*.ipynb')))}.ipynb", cells)
    run = run_in_lab(notebook, root=lab_folder)
    assert any(expected in problem for problem in run.problems), run.problems


def test_cells_after_an_exception_are_reported_as_never_run(lab_folder: Path, run_in_lab) -> None:
    notebook = write_notebook(lab_folder / "raises.ipynb", RAISES)
    run = run_in_lab(notebook, root=lab_folder)
    assert "cells [2] never ran (execution stopped early)" in run.problems


def test_a_notebook_over_the_time_limit_is_flagged(lab_folder: Path, run_in_lab) -> None:
    notebook = write_notebook(lab_folder / "slow.ipynb", SLOW)
    run = run_in_lab(notebook, root=lab_folder, timeout=5)
    assert run.problems[0] == "still running after 5 s"
    assert run.seconds < 60  # it gave up, it did not wait for the sleep to end
