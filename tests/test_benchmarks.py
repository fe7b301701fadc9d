"""The benchmark scripts run, and the training benchmark's floor computes plain gradient descent.

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

ROOT = Path(__file__).resolve().parent.parent
DATA = helpers.tumour_data(seed=0)


def plain_gradient_descent(X, y, weights, alpha, epochs):
    """The 2-2-1 network's full-batch gradient descent written plainly: what the floor must compute.

    Returns the weights after training and the cost of the weights the last
    epoch started from (binary cross-entropy, the mean over the rows).
    """
    W1, b1, W2, b2 = (w.copy() for w in weights)
    Y = y.reshape(-1, 1).astype(float)
    for _ in range(epochs):
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        z2 = A1 @ W2 + b2
        cost = np.mean(np.logaddexp(0, z2) - Y * z2)  # -y log(a2) - (1 - y) log(1 - a2), from the logit
        dz2 = (1 / (1 + np.exp(-z2)) - Y) / len(X)
        dZ1 = (dz2 @ W2.T) * (Z1 > 0)
        dW1, db1, dW2, db2 = X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dz2, dz2.sum(axis=0)
        W1, b1, W2, b2 = W1 - alpha * dW1, b1 - alpha * db1, W2 - alpha * dW2, b2 - alpha * db2
    return [W1, b1, W2, b2], cost


@pytest.mark.parametrize("rows", [455, 7])
def test_the_floor_takes_the_steps_of_plain_gradient_descent(rows: int) -> None:
    X, y = DATA.X_train[:rows], DATA.y_train[:rows]
    rng = np.random.default_rng(1)
    start = [rng.normal(size=(2, 2)), rng.normal(size=2), rng.normal(size=(2, 1)), rng.normal(size=1)]  # no zeros
    floor = training_speed.BareEpoch(X, y, start)
    floor.fit(alpha=0.5, epochs=4)
    expected, cost = plain_gradient_descent(X, y, start, alpha=0.5, epochs=4)
    for ours, theirs in zip(floor.get_weights(), expected):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)
    assert floor.cost == pytest.approx(cost, rel=1e-12)
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


def test_training_speed_quick_run_prints_the_table_and_the_goals(capsys) -> None:
    assert training_speed.main(["--quick", "--no-keras"]) == 0
    out = capsys.readouterr().out
    assert "Python 3." in out and "NumPy" in out and "cores" in out
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert list(rows) == ["per epoch", "---", "the original notebook's loop network", "loop network (04)",
                          "matrix network (06)", "bare-NumPy floor"]  # no Keras row: it was left out
    assert "910 rows (tumours ×2)" in rows["per epoch"]
    assert rows["matrix network (06)"].count(" ms") == 4 and rows["bare-NumPy floor"].count("—") == 2
    assert "loop / matrix at 910 rows" in out and "goal >= 100x" in out and "loop / floor" in out
    assert "matrix / floor" in out and "goal <= 1.3x" not in out  # printed, without its retired goal


def test_the_table_has_a_column_per_workload_and_a_dash_where_nothing_ran() -> None:
    times = {"tumours": {"loop": 1.17e-3, "matrix": 6.3e-5, "keras": 0.0328}, "copies": {"loop": 0.115},
             "digits": {"matrix": 4.22e-3}, "digits 32": {}}
    lines = training_speed.table(times, rows=45_500)
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert cells[0] == ["per epoch", "455 tumours, 2-2-1", "45,500 rows (tumours ×100)",
                        "digits 64-128-10, full batch", "digits, batches of 32"]
    assert cells[2:] == [["loop network (04)", "1.17 ms", "115 ms", "—", "—"],
                         ["matrix network (06)", "0.063 ms", "—", "4.22 ms", "—"],
                         ["Keras `fit`", "32.8 ms", "—", "—", "—"]]
    assert len({len(line) for line in lines}) == 1  # the columns line up


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
