"""The benchmark scripts run, and their floor computes what the matrix network computes.

Only that they work is tested here, in tiny runs: how fast anything is, and
whether a speed goal is met, is what the scripts themselves print. A timed
test would fail on a busy machine and pass on a quiet one.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import helpers
from benchmarks import original_network, series_speed, training_speed
from helpers.vectorized import VectorizedNetwork

ROOT = Path(__file__).resolve().parent.parent
DATA = helpers.tumour_data(seed=0)


@pytest.mark.parametrize("rows", [455, 7])
def test_the_floor_takes_the_same_steps_as_the_matrix_network(rows: int) -> None:
    X, y = DATA.X_train[:rows], DATA.y_train[:rows]
    net = VectorizedNetwork([2, 2, 1], seed=3)
    rng = np.random.default_rng(1)
    W1, b1, W2, b2 = net.get_weights()
    start = [W1, rng.normal(size=b1.shape), rng.normal(size=W2.shape), rng.normal(size=b2.shape)]  # no zeros
    net.set_weights(start)
    floor = training_speed.BareEpoch(X, y, start)
    net.fit(X, y, alpha=0.5, epochs=4)
    floor.fit(alpha=0.5, epochs=4)
    for ours, theirs in zip(floor.get_weights(), net.get_weights()):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)
    assert floor.cost == pytest.approx(net.history["cost"][-1], rel=1e-12)  # the cost at the last epoch's start
    assert not np.allclose(floor.get_weights()[0], start[0])  # it did train


def test_the_original_network_trains_and_prints_one_line_per_epoch(capsys) -> None:
    np.random.seed(0)
    net = original_network.NeuralNetwork()
    net.fit(DATA.X_train, DATA.y_train.reshape(-1, 1), 0.1, 3)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in lines] == ["epoch: 1", "epoch: 2", "epoch: 3"]
    accuracy, cost = net.get_accuracy_cost(DATA.X_train, DATA.y_train.reshape(-1, 1))
    assert 0 <= accuracy <= 1 and np.isfinite(cost)


def test_interleaved_returns_a_median_per_contender() -> None:
    calls = []
    medians = training_speed.interleaved({"a": (lambda: calls.append("a"), 2), "b": (lambda: calls.append("b"), 1)}, 3)
    assert sorted(medians) == ["a", "b"] and all(m >= 0 for m in medians.values())
    assert calls == ["a", "b"] + ["a", "b", "b", "a", "a", "b"]  # a warm-up, then a rotating order


def test_training_speed_quick_run_prints_every_goal(capsys) -> None:
    assert training_speed.main(["--quick", "--no-keras"]) == 0
    out = capsys.readouterr().out
    assert "Python 3." in out and "NumPy" in out and "CPU:" in out
    assert "bare-NumPy floor" in out and "original notebook's loop network" in out
    assert "matrix epoch / floor at 455 rows" in out and "goal <= 1.3x" in out
    assert "loop / matrix at 910 rows" in out and "goal >= 100x" in out
    assert "MALLOC_MMAP_THRESHOLD_=268435456" in out  # the process with the other glibc setting ran and reported:
    assert "  455 rows: matrix" in out and "  910 rows: matrix" in out


def test_import_statements_are_the_top_level_imports_in_order_once() -> None:
    cells = [
        {"cell_type": "markdown", "source": "import nothing"},
        {"cell_type": "code", "source": ["%matplotlib inline\n", "import math\n", "x = 1\n", "from os import path"]},
        {"cell_type": "code", "source": "import math\ndef f():\n    import json\n"},
        {"cell_type": "code", "source": "import sys, re\n!ls\nprint('unclosed'"},  # not Python: skipped
    ]
    assert series_speed.import_statements({"cells": cells}) == ["import math", "from os import path"]
    twin = series_speed.imports_only_notebook({"cells": cells, "metadata": {}})
    assert len(twin["cells"]) == 1 and twin["cells"][0]["outputs"] == []
    compile(twin["cells"][0]["source"], "twin", "exec")


def notebook(path: Path, source: str, outputs: list[dict]) -> Path:
    cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "outputs": outputs, "source": source}
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_series_speed_times_a_passing_and_a_failing_notebook(tmp_path: Path, capsys) -> None:
    good = notebook(tmp_path / "good.ipynb", "import math\nprint(math.sqrt(4))",
                    [{"output_type": "stream", "name": "stdout", "text": "2.0\n"}])
    bad = notebook(tmp_path / "bad.ipynb", "import math\nmath.no_such_function()", [])
    assert series_speed.main(["--repeats", "1", str(good), str(bad)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith(("good ", "bad "))}
    assert "passes" in lines["good"] and "cells with errors: 1" in lines["bad"]
    assert "left out of the overall ratio" in lines["bad"]
    assert "overall (1 of 2 notebooks)" in out
