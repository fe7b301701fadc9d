"""`make lint` checks the notebooks' metadata with nb-clean, keeping what nbval compares.

nb-clean (pinned in requirements-test.txt) reports, with the Makefile's settings: cell metadata other
than tags (JupyterLab's execution timings, collapsed/scrolled state, ...), notebook metadata a run leaves
behind (signature, orig_nbformat), cell ``trusted`` flags and empty cells. The outputs and execution counts
stay: nbval compares them. These tests run the Makefile's own command on notebooks made to pass and to
fail.
"""

from __future__ import annotations

import copy
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NB_CLEAN = Path(sys.executable).parent / "nb-clean"


def lint_command() -> list[str]:
    """The nb-clean command of `make lint`, without the folder it checks."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    dry_run = subprocess.run(["make", "-n", "lint"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    (line,) = [line for line in dry_run.stdout.splitlines() if "nb-clean check" in line]
    words = shlex.split(line)
    assert words[-1] == "notebooks", line
    return [str(NB_CLEAN), *words[1:-1]]


def check(*paths: Path) -> subprocess.CompletedProcess:
    assert NB_CLEAN.exists(), f"no nb-clean at {NB_CLEAN}: `make test` installs requirements-test.txt"
    return subprocess.run([*lint_command(), *map(str, paths)], capture_output=True, text=True, timeout=120)


CLEAN = {
    "cells": [
        {"cell_type": "markdown", "id": "a1", "metadata": {}, "source": ["# A title"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "id": "b2",
            "metadata": {"tags": ["nbval-ignore-output"]},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["0.5\n"]}],
            "source": ["print(0.5)"],
        },
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.7"},
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def write(path: Path, notebook: dict) -> Path:
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return path


def test_the_series_passes() -> None:
    result = check(ROOT / "notebooks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_outputs_execution_counts_and_tags_are_kept(tmp_path: Path) -> None:
    result = check(write(tmp_path / "clean.ipynb", CLEAN))
    assert result.returncode == 0, result.stdout + result.stderr


def timing(notebook: dict) -> None:
    notebook["cells"][1]["metadata"]["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00.000Z"}


def collapsed(notebook: dict) -> None:
    notebook["cells"][1]["metadata"]["collapsed"] = True


def empty_cell(notebook: dict) -> None:
    cell = {"cell_type": "code", "execution_count": None, "id": "c3", "metadata": {}, "outputs": [], "source": []}
    notebook["cells"].append(cell)


def signature(notebook: dict) -> None:
    notebook["metadata"]["signature"] = "sha256:0123"


DIRT = [
    (timing, "cell 1: metadata execution"),
    (collapsed, "cell 1: metadata collapsed"),
    (empty_cell, "cell 2: empty cell"),
    (signature, "metadata: signature"),
]


@pytest.mark.parametrize("dirt, named", DIRT, ids=[d.__name__ for d, _ in DIRT])
def test_stray_metadata_and_empty_cells_fail(tmp_path: Path, dirt, named: str) -> None:
    notebook = copy.deepcopy(CLEAN)
    dirt(notebook)
    result = check(write(tmp_path / "dirty.ipynb", notebook))
    assert result.returncode == 1 and f"dirty.ipynb {named}" in result.stdout, result
