"""The 100-seed table of notebook 04 is read from data/results/dead_relu_seeds.csv; rerun some of its lines.

scripts/dead_relu_seeds.py wrote the file (seeds 0..99 for each start, a few
minutes). Rerunning it all would be too slow for a test, so this reruns, for
every start, its first three seeds and its first stuck seed (if any), and
checks that each gives the same line: the same count of training rows
classified right, the same dead units, the same cost to 6 decimals. A change
in how the networks start or train shows up here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import tumour_data
from scripts import dead_relu_seeds

ROOT = Path(__file__).resolve().parent.parent

DATA = tumour_data(seed=0)
with dead_relu_seeds.RESULTS.open(newline="") as _file:
    STORED = list(csv.DictReader(_file))


def key(row: dict) -> tuple:
    return row["network"], row["start"], float(row["alpha"]), int(row["epochs"])


def chosen_lines() -> list[tuple[dead_relu_seeds.Start, dict]]:
    """For every start: its stored lines for seeds 0, 1, 2 and for its first stuck seed."""
    chosen = []
    for start in dead_relu_seeds.STARTS:
        lines = [row for row in STORED if key(row) == tuple(start[:4])]
        stuck = [row for row in lines if row["past_majority"] == "0"]
        chosen += [(start, row) for row in lines[:3] + stuck[:1]]
    return chosen


def test_the_file_holds_100_seeds_of_every_start() -> None:
    assert list(STORED[0]) == dead_relu_seeds.RESULT_COLUMNS
    for start in dead_relu_seeds.STARTS:
        seeds = [int(row["seed"]) for row in STORED if key(row) == tuple(start[:4])]
        assert seeds == list(range(100)), f"{start}: seeds {seeds[:5]}..."


def test_the_defaults_meet_the_requirement_in_the_file() -> None:
    for start in (s for s in dead_relu_seeds.STARTS if s.default):
        lines = [row for row in STORED if key(row) == tuple(start[:4])]
        assert sum(row["past_majority"] == "1" for row in lines) >= 99, start
        assert sum(int(row["dead_units"]) > 0 for row in lines) <= 1, start


def test_the_matrix_default_gives_the_loop_defaults_lines() -> None:
    """VectorizedNetwork([2, 2, 1], seed=s) starts from NeuralNetwork(seed=s)'s nine numbers and trains the same
    way, so each of its stored lines is the loop default's line for that seed, but for the network's name."""
    (matrix,) = (s for s in dead_relu_seeds.STARTS if s.network == "matrix")
    loop = dead_relu_seeds.Start("loop", matrix.start, matrix.alpha, matrix.epochs, default=True)
    assert loop in dead_relu_seeds.STARTS

    def lines(start):
        return [{**row, "network": None} for row in STORED if key(row) == tuple(start[:4])]

    assert lines(matrix) == lines(loop) and len(lines(matrix)) == 100


def line_id(value) -> str:
    if isinstance(value, dead_relu_seeds.Start):
        return f"{value.network}-{value.start}-{value.alpha}-{value.epochs}"
    return f"seed{value['seed']}"


@pytest.mark.parametrize(("start", "stored"), chosen_lines(), ids=line_id)
def test_a_rerun_gives_the_stored_line(start, stored: dict) -> None:
    fresh = dead_relu_seeds.train(start, int(stored["seed"]), DATA.X_train, DATA.y_train)
    for column in ("correct", "rows", "past_majority", "dead_units"):
        assert str(fresh[column]) == stored[column], column
    assert float(fresh["cost"]) == pytest.approx(float(stored["cost"]), abs=2e-6)
