"""How long does one training epoch take: loops, matrices, bare NumPy or Keras? (run by hand, not a test)

    .venv/bin/python -m benchmarks.training_speed              # everything, a few minutes
    .venv/bin/python -m benchmarks.training_speed --no-keras   # NumPy only: TensorFlow never starts
    .venv/bin/python -m benchmarks.training_speed --quick      # a smoke run: one repeat, few epochs, few rows

Every figure is seconds per epoch, (time of one ``fit`` call) / (its epochs),
the median over several repeats. Contenders that are compared take turns in a
rotating order, so a burst of other work on the machine slows them all alike:
read the ratios, not the milliseconds. The workloads: the 455 training tumours
on the 2-2-1 network, full batch; the same rows 100 times over (45,500 rows);
the 1,437 training digits on a 64-128-10 softmax network, full batch and in
batches of 32. Keras computes in float32, the NumPy networks in float64.

The floor (``BareEpoch``) is the barest full-batch 2-2-1 epoch we could write in
NumPy: "matrix / floor" is the price of readable code, "loop / floor" the most
any NumPy version of the network could gain over the loops.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

import numpy as np

import helpers  # before TensorFlow loads: it quiets TensorFlow and turns oneDNN off
from benchmarks import original_network
from helpers.digits import digits_data
from helpers.scratch import NeuralNetwork
from helpers.vectorized import VectorizedNetwork

ALPHA = 0.1
COPIES = 100  # 455 tumours x 100 = 45,500 rows
DIGITS = (64, 128, 10)
LOOP_GOAL = 100  # loop / matrix at 45,500 rows, at least
KERAS_GOALS = {"tumours": 100, "digits": 10, "digits 32": None}  # Keras / matrix, at least
HEADINGS = {"tumours": "455 tumours, 2-2-1", "copies": "{rows:,} rows (tumours ×{copies})",
            "digits": "digits 64-128-10, full batch", "digits 32": "digits, batches of 32"}
NAMES = {"original": "the original notebook's loop network", "loop": "loop network (04)",
         "matrix": "matrix network (06)", "floor": "bare-NumPy floor", "keras": "Keras `fit`"}


class BareEpoch:
    """Full-batch gradient descent of the 2-2-1 network with nothing but the arithmetic.

    The matrix network's mathematics in as few NumPy calls as we could: every
    array is allocated once and written in place (``out=``); each bias rides
    as one more row of its weight matrix, against a column of ones, so one
    product gives XW + b and one gives dW and db together; the nine parameters
    share one vector, so the step is two calls. No history, no accuracy, no
    checks: fast, and not code a learner should have to read.
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, weights: list[np.ndarray]):
        W1, b1, W2, b2 = weights  # shapes (2, 2), (2,), (2, 1), (1,)
        n = self.n = len(X)
        self.theta, self.grad = np.concatenate([W1.ravel(), b1, W2.ravel(), b2]), np.empty(9)
        self.W1, self.w2 = self.theta[:6].reshape(3, 2), self.theta[6:]  # views: [W1; b1] (3, 2), [w2; b2] (3,)
        self.dW1, self.dw2 = self.grad[:6].reshape(3, 2), self.grad[6:]
        self.X1T = np.vstack([X.T, np.ones(n)])  # (3, n): x1, x2 and a row of ones
        self.y, self.sign = y.astype(float), 1.0 - 2.0 * y  # the loss is softplus(sign * z2)
        self.A1 = np.ones((n, 3))  # a11, a12 and a column of ones
        self.Z1, self.dZ1 = np.empty((n, 2)), np.empty((n, 2))
        self.fires, self.positive = np.empty((n, 2), dtype=bool), np.empty(n, dtype=bool)
        self.z2, self.E, self.t, self.a2 = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
        self.cost = float("nan")  # the cost of the weights the last epoch started from

    def fit(self, alpha: float, epochs: int) -> None:
        X1T, A1, Z1, dZ1, z2, E, t, a2 = self.X1T, self.A1, self.Z1, self.dZ1, self.z2, self.E, self.t, self.a2
        for _ in range(epochs):
            np.matmul(X1T.T, self.W1, out=Z1)  # Z1 = X W1 + b1
            np.maximum(Z1, 0.0, out=A1[:, :2])  # A1 = relu(Z1)
            np.matmul(A1, self.w2, out=z2)  # z2 = A1 w2 + b2
            np.exp(np.negative(np.abs(z2, out=E), out=E), out=E)  # E = e^-|z2|
            np.maximum(np.multiply(self.sign, z2, out=t), 0.0, out=t)  # t = max(s, 0) for s = sign * z2
            self.cost = (t.sum() + np.log1p(E, out=a2).sum()) / self.n  # softplus(s) = max(s, 0) + log(1 + e^-|s|)
            np.divide(E, np.add(E, 1.0, out=t), out=a2)  # a2 = sigmoid(z2) = E / (1 + E) where z2 < 0 ...
            np.divide(1.0, t, out=a2, where=np.greater_equal(z2, 0.0, out=self.positive))  # ... 1 / (1 + E) elsewhere
            np.divide(np.subtract(a2, self.y, out=a2), self.n, out=a2)  # dz2 = (a2 - y) / n
            np.matmul(a2, A1, out=self.dw2)  # [dw2; db2]
            np.multiply.outer(a2, self.w2[:2], out=dZ1)
            np.multiply(dZ1, np.greater(Z1, 0.0, out=self.fires), out=dZ1)  # dZ1 = dz2 w2^T * relu'(Z1)
            np.matmul(X1T, dZ1, out=self.dW1)  # [dW1; db1]
            self.theta -= np.multiply(self.grad, alpha, out=self.grad)

    def get_weights(self) -> list[np.ndarray]:
        """Copies of [W1, b1, W2, b2], shaped as they came in."""
        return [self.W1[:2].copy(), self.W1[2].copy(), self.w2[:2].reshape(2, 1).copy(), self.w2[2:].copy()]


def interleaved(contenders: dict[str, tuple[Callable[[], object], int]], repeats: int) -> dict[str, float]:
    """Median seconds per epoch of each contender; ``contenders[name] = (run, epochs)``.

    Each runs once untimed first (a warm-up: Keras compiles then), then once
    per repeat in a rotating order. The garbage collector is off while a run
    is timed, as in ``timeit``: the loop networks, which make a few dicts per
    row, are not charged for sweeping all the process holds (TensorFlow too).
    """
    names = list(contenders)
    for run, _ in contenders.values():
        run()
    times: dict[str, list[float]] = {name: [] for name in names}
    for repeat in range(repeats):
        shift = repeat % len(names)
        for name in names[shift:] + names[:shift]:
            run, epochs = contenders[name]
            gc.disable()
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) / epochs)
            gc.enable()
    return {name: statistics.median(values) for name, values in times.items()}


def original_run(X, y, epochs):
    """The original notebook's network: it draws from NumPy's global generator and prints every epoch."""
    def run():
        np.random.seed(0)
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), np.errstate(all="ignore"):
            original_network.NeuralNetwork().fit(X, y.reshape(-1, 1), ALPHA, epochs)
    return run


def loop_run(X, y, epochs):
    net = NeuralNetwork(seed=0)
    return lambda: net.fit(X, y, alpha=ALPHA, epochs=epochs)


def matrix_run(X, y, epochs, sizes=(2, 2, 1), output="sigmoid", batch_size=None):
    net = VectorizedNetwork(sizes, output=output, seed=0)
    return lambda: net.fit(X, y, alpha=ALPHA, epochs=epochs, batch_size=batch_size)


def floor_run(X, y, epochs):
    """The floor, started as the networks start: hidden weights from N(0, 2 / 2), the rest at zero."""
    hidden = np.random.default_rng(0).normal(0.0, 1.0, size=(2, 2))
    floor = BareEpoch(X, y, [hidden, np.zeros(2), np.zeros((2, 1)), np.zeros(1)])
    return lambda: floor.fit(ALPHA, epochs)


def keras_run(X, y, epochs, sizes=(2, 2, 1), output="sigmoid", batch_size=None):
    """Keras ``fit`` as the series runs it (oneDNN off, op determinism on), one call for all the epochs."""
    import keras

    from helpers.keras_models import dense_network, make_deterministic

    make_deterministic(0)
    model = dense_network(list(sizes), output=output, seed=0)
    loss = "binary_crossentropy" if output == "sigmoid" else "sparse_categorical_crossentropy"
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=ALPHA), loss=loss, metrics=["accuracy"])
    X, y = X.astype("float32"), y.astype("float32")
    return lambda: model.fit(X, y, batch_size=batch_size or len(X), epochs=epochs, shuffle=False, verbose=0)


def measure(repeats: int, quick: bool, keras: bool, copies: int) -> dict[str, dict[str, float]]:
    """Seconds per epoch, ``times[workload][contender]``; a smoke run times a tenth of the epochs.

    Loops take turns with loops, array code with array code: by turns with
    Keras and the matrix network, a loop network ran 25-70% slower.
    """
    tumours, digits = helpers.tumour_data(seed=0), digits_data(seed=0)
    X, y, Xd, yd = tumours.X_train, tumours.y_train, digits.X_train, digits.y_train
    Xc, yc = np.tile(X, (copies, 1)), np.tile(y, copies)
    full, b32 = {"sizes": DIGITS, "output": "softmax"}, {"sizes": DIGITS, "output": "softmax", "batch_size": 32}
    groups = [  # (workload, its data, {contender: (runner, epochs per timed run)}), each group by turns
        ("tumours", X, y, {"original": (original_run, 10), "loop": (loop_run, 40)}),
        ("tumours", X, y, {"matrix": (matrix_run, 2000), "floor": (floor_run, 2000), "keras": (keras_run, 50)}),
        ("copies", Xc, yc, {"original": (original_run, 1), "loop": (loop_run, 2)}),
        ("copies", Xc, yc, {"matrix": (matrix_run, 50), "floor": (floor_run, 50)}),
        ("digits", Xd, yd, {"matrix": (partial(matrix_run, **full), 200), "keras": (partial(keras_run, **full), 50)}),
        ("digits 32", Xd, yd, {"matrix": (partial(matrix_run, **b32), 20), "keras": (partial(keras_run, **b32), 10)}),
    ]
    times: dict[str, dict[str, float]] = {}
    for workload, Xs, ys, group in groups:
        epochs = {name: max(count // 10, 1) if quick else count for name, (_, count) in group.items()}
        runs = {name: (make(Xs, ys, epochs[name]), epochs[name]) for name, (make, _) in group.items()
                if keras or name != "keras"}
        times[workload] = times.get(workload, {}) | interleaved(runs, repeats)
    return times


def milliseconds(seconds: float) -> str:
    """At most three significant figures, as the README quotes them: 502 ms, 32.8 ms, 5.05 ms, 0.063 ms."""
    ms = seconds * 1e3
    return f"{ms:.{0 if ms >= 100 else 1 if ms >= 10 else 2 if ms >= 1 else 3}f} ms"


def table(times: dict[str, dict[str, float]], rows: int) -> list[str]:
    """The README's table in Markdown: a row per contender, a column per workload, "—" where it was not run."""
    cells = [["per epoch"] + [h.format(rows=rows, copies=rows // 455) for h in HEADINGS.values()], ["---"] * 5]
    for key, name in NAMES.items():
        if any(key in times.get(workload, {}) for workload in HEADINGS):
            cells.append([name] + [milliseconds(times[w][key]) if key in times.get(w, {}) else "—" for w in HEADINGS])
    widths = [max(len(row[i]) for row in cells) for i in range(5)]
    return ["| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |" for row in cells]


def verdict(ratio: float, goal: float | None) -> str:
    return "(no goal)" if goal is None else f"goal >= {goal:g}x: {'met' if ratio >= goal else 'NOT met'}"


def goals(times: dict[str, dict[str, float]], rows: int) -> list[str]:
    """Each goal beside its floor, then the ratios the README quotes without a goal."""
    small, large = times["tumours"], times["copies"]
    loops = large["loop"] / large["matrix"]
    lines = ["goals, each beside its floor", f"  loop / matrix at {rows:,} rows: {loops:.0f}x  "
             f"{verdict(loops, LOOP_GOAL)}  (loop / floor: {large['loop'] / large['floor']:.0f}x)"]
    for workload, goal in KERAS_GOALS.items():
        if "keras" in times[workload]:
            ratio = times[workload]["keras"] / times[workload]["matrix"]
            floor = f"  (Keras / floor: {small['keras'] / small['floor']:.0f}x)" if workload == "tumours" else ""
            lines.append(f"  Keras fit / matrix, {HEADINGS[workload]}: {ratio:.1f}x  {verdict(ratio, goal)}{floor}")
    return lines + [
        "without a goal",
        f"  matrix / floor: {small['matrix'] / small['floor']:.2f}x at 455 rows (an epoch of a few dozen NumPy calls), "
        f"{large['matrix'] / large['floor']:.2f}x at {rows:,} rows",
        f"  original / loop (the same arithmetic): {small['original'] / small['loop']:.2f}x at 455 rows, "
        f"{large['original'] / large['loop']:.2f}x at {rows:,} rows",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 repeat, a tenth of the epochs, 910 rows")
    parser.add_argument("--repeats", type=int, default=None, help="interleaved repeats (default 9; --quick: 1)")
    parser.add_argument("--no-keras", action="store_true", help="leave Keras out (TensorFlow never starts)")
    args = parser.parse_args(argv)
    repeats, copies = args.repeats or (1 if args.quick else 9), 2 if args.quick else COPIES
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {os.cpu_count()} cores, "
          f"load average at the start: {os.getloadavg()[0]:.1f}")
    times, rows = measure(repeats, args.quick, not args.no_keras, copies), 455 * copies
    tf = sys.modules.get("tensorflow")  # loaded by Keras, unless --no-keras
    print(f"TensorFlow {tf.__version__} (oneDNN off, op determinism on, as in the series)" if tf else "no Keras")
    print(f"seconds per epoch, median of {repeats} interleaved repeats\n")
    print("\n".join(table(times, rows) + [""] + goals(times, rows)))
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (above {os.cpu_count()}: other work competed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
