"""How long does one training epoch take: loops, matrices, bare NumPy or Keras? (run by hand, not a test)

    .venv/bin/python -m benchmarks.training_speed           # everything, about ten minutes on two cores
    .venv/bin/python -m benchmarks.training_speed --quick   # a smoke run: one repeat, few epochs, few rows
    .venv/bin/python -m benchmarks.training_speed --no-keras --rounds 1   # NumPy only, a few minutes

(from the repository's folder: the original notebook's network is imported as benchmarks.original_network)

Every time is seconds per epoch: (time of one ``fit`` call) / (its number of
epochs), the median over several repeats. Contenders that are compared take
turns within each repeat (interleaved, in a rotating order), so a burst of
other work on the machine slows them all alike: the two loop networks with
each other, the matrix network, the floor and Keras with each other. Read the ratios, not the
milliseconds: they vary from machine to machine and with whatever else runs.

What is timed:

- tumours (455 training rows, 2 inputs), the 2-2-1 network, full-batch
  gradient descent (one step per epoch): the original notebook's loop network
  (benchmarks/original_network.py), the series' loop network
  (helpers.scratch), the matrix network (helpers.vectorized), the bare-NumPy
  floor (below) and Keras ``fit``;
- the same rows repeated 100 times (45,500 rows): the same minus Keras;
- digits (1,437 training images, 64 pixels), a 64-128-10 softmax network:
  the matrix network against Keras, full batch (one step per epoch) and with
  mini-batches of 32 (45 steps per epoch);
- Keras with oneDNN off or on and op determinism off or on, each pair in
  processes of its own (3 per pair, by turns), with the matrix network timed
  by turns with Keras in each as a control for the machine's load:
  helpers/__init__.py turns oneDNN off before TensorFlow starts, and
  helpers.keras_models.make_deterministic turns op determinism on, so the
  series always runs with "oneDNN off, determinism on";
- the NumPy rows again in child processes, by turns with glibc's default and
  with glibc keeping the memory it frees (MALLOC_MMAP_THRESHOLD_,
  MALLOC_TRIM_THRESHOLD_), which shows how much of the 45,500-row time goes
  to the operating system handing out fresh pages.

The floor is the barest full-batch epoch of the 2-2-1 network in NumPy that
we could write (``BareEpoch``): forward, cost, backward and step, every array
allocated once, no history, no accuracy, no checks. The matrix network adds
to it what readable code costs, so "matrix / floor" measures that price, and
"loops / floor" shows how far a NumPy version of the network gets.

All networks compute the cost every epoch; the loop and matrix networks and
Keras the accuracy too. Keras runs in its default float32, the NumPy networks
in float64 (twice the bytes to move), so any advantage of precision goes to Keras.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.metadata
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

import helpers  # before TensorFlow loads: it quiets it and turns oneDNN off
from benchmarks import original_network  # the original notebook's loop network
from helpers.digits import digits_data
from helpers.scratch import NeuralNetwork
from helpers.vectorized import VectorizedNetwork

ROOT = Path(__file__).resolve().parent.parent

TUMOUR_SIZES = [2, 2, 1]
DIGIT_SIZES = [64, 128, 10]
ALPHA = 0.1
COPIES = 100  # 455 tumours x 100 = 45,500 rows
KEEP_FREED_MEMORY = {"MALLOC_MMAP_THRESHOLD_": "268435456", "MALLOC_TRIM_THRESHOLD_": "536870912"}

# Goals: (what, goal, "<=" or ">=")
FLOOR_GOAL = 1.3  # matrix epoch at 455 rows <= 1.3 x the floor
LOOP_GOAL = 100  # loop / matrix at 45,500 rows >= 100
KERAS_GOALS = {"tumours full batch": 100, "digits full batch": 10, "digits batch 32": None}


# ----------------------------------------------------------------------------
# The floor
# ----------------------------------------------------------------------------


class BareEpoch:
    """The 2-2-1 network's full-batch gradient descent with nothing but the arithmetic.

    The same mathematics as ``VectorizedNetwork.fit`` (relu hidden layer,
    sigmoid output, binary cross-entropy from the logit, mean gradients), in
    the fewest NumPy calls we could write: every array is allocated once and
    written in place (``out=``); each bias rides as one more row of its weight
    matrix, against a column of ones, so one product gives XW + b and one
    gives dW and db together; the nine parameters sit in one vector, so the
    step is two calls. No history, no accuracy, no checks.
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, weights: list[np.ndarray]):
        W1, b1, W2, b2 = weights
        n = len(X)
        self.n = n
        self.theta = np.concatenate([W1.ravel(), b1, W2.ravel(), b2])  # w11 w13 w12 w14 b11 b12 w21 w22 b2
        self.grad = np.empty(9)
        self.W1, self.w2 = self.theta[:6].reshape(3, 2), self.theta[6:]  # views: [W1; b1] (3, 2), [w2; b2] (3,)
        self.dW1, self.dw2 = self.grad[:6].reshape(3, 2), self.grad[6:]
        self.X1T = np.vstack([X.T, np.ones(n)])  # (3, n): x1, x2 and a row of ones
        self.X1 = self.X1T.T  # (n, 3)
        self.y = y.astype(float)
        self.sign = 1.0 - 2.0 * self.y  # the loss is softplus(sign * z2)
        self.A1 = np.ones((n, 3))  # a11, a12 and a column of ones
        self.Z1, self.dZ1 = np.empty((n, 2)), np.empty((n, 2))
        self.fires = np.empty((n, 2), dtype=bool)
        self.z2, self.E, self.t, self.a2 = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
        self.positive = np.empty(n, dtype=bool)
        self.cost = float("nan")

    def fit(self, alpha: float, epochs: int) -> None:
        n, X1, X1T, A1, Z1, dZ1 = self.n, self.X1, self.X1T, self.A1, self.Z1, self.dZ1
        z2, E, t, a2, W1, w2 = self.z2, self.E, self.t, self.a2, self.W1, self.w2
        for _ in range(epochs):
            np.matmul(X1, W1, out=Z1)  # Z1 = X W1 + b1
            np.maximum(Z1, 0.0, out=A1[:, :2])  # A1 = relu(Z1)
            np.matmul(A1, w2, out=z2)  # z2 = A1 w2 + b2
            np.abs(z2, out=E)
            np.negative(E, out=E)
            np.exp(E, out=E)  # E = e^-|z2|
            np.multiply(self.sign, z2, out=t)
            np.maximum(t, 0.0, out=t)  # softplus(s) = max(s, 0) + log(1 + e^-|s|), and |s| = |z2|
            self.cost = (t.sum() + np.log1p(E, out=a2).sum()) / n
            np.add(E, 1.0, out=t)
            np.divide(E, t, out=a2)  # a2 = sigma(z2): E / (1 + E) where z2 < 0 ...
            np.greater_equal(z2, 0.0, out=self.positive)
            np.divide(1.0, t, out=a2, where=self.positive)  # ... 1 / (1 + E) where z2 >= 0
            a2 -= self.y
            a2 /= n  # dz2 = (a2 - y) / n
            np.matmul(a2, A1, out=self.dw2)  # [dw2; db2]
            np.multiply.outer(a2, w2[:2], out=dZ1)
            np.greater(Z1, 0.0, out=self.fires)
            dZ1 *= self.fires  # dZ1 = dz2 w2^T * relu'(Z1)
            np.matmul(X1T, dZ1, out=self.dW1)  # [dW1; db1]
            self.grad *= alpha
            self.theta -= self.grad

    def get_weights(self) -> list[np.ndarray]:
        """[W1, b1, W2, b2], the layout of ``VectorizedNetwork.get_weights``."""
        return [self.W1[:2].copy(), self.W1[2].copy(), self.w2[:2].reshape(2, 1).copy(), self.w2[2:].copy()]


# ----------------------------------------------------------------------------
# Timing
# ----------------------------------------------------------------------------


def interleaved(contenders: dict[str, tuple[Callable[[], object], int]], repeats: int) -> dict[str, float]:
    """Median seconds per epoch of each contender; ``contenders[name] = (run, epochs)``.

    Each contender runs once untimed first (a warm-up); then each repeat runs
    every contender once, in an order that rotates from one repeat to the next.
    Python's garbage collector is off while a run is timed, as ``timeit`` does,
    so that the loop networks, which make a few dicts per row, are not charged
    for collecting what the rest of the process holds (TensorFlow included).
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
            try:
                start = time.perf_counter()
                run()
                times[name].append((time.perf_counter() - start) / epochs)
            finally:
                gc.enable()
    return {name: statistics.median(values) for name, values in times.items()}


def faults_per_epoch(run: Callable[[], object], epochs: int) -> float:
    """Page faults per epoch while ``run()`` runs: each is a fresh page the system had to map in and zero."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    run()
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / epochs


def original_runner(X: np.ndarray, y: np.ndarray, epochs: int) -> Callable[[], None]:
    """The original notebook's loop network: seeded global generator, printing to the null device."""
    net = original_network.NeuralNetwork()
    Y = y.reshape(-1, 1)

    def run() -> None:
        np.random.seed(0)
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), np.errstate(all="ignore"):
            net.fit(X, Y, ALPHA, epochs)

    return run


def loop_runner(X, y, epochs):
    net = NeuralNetwork(seed=0)
    return lambda: net.fit(X, y, alpha=ALPHA, epochs=epochs)


def matrix_runner(X, y, epochs, sizes=TUMOUR_SIZES, output="sigmoid", batch_size=None):
    """The matrix network, continuing from one run to the next (as Keras below)."""
    net = VectorizedNetwork(sizes, output=output, seed=0)
    return lambda: net.fit(X, y, alpha=ALPHA, epochs=epochs, batch_size=batch_size)


def floor_runner(X, y, epochs):
    floor = BareEpoch(X, y, VectorizedNetwork(TUMOUR_SIZES, seed=0).get_weights())
    return lambda: floor.fit(ALPHA, epochs)


def keras_runner(X, y, epochs, sizes, output, batch_size, deterministic=True):
    """Keras ``fit``, one call with many epochs (the untimed warm-up run traces and compiles it)."""
    import keras

    from helpers.keras_models import dense_network, make_deterministic

    if deterministic:
        make_deterministic(0)
    else:
        keras.utils.set_random_seed(0)
    model = dense_network(sizes, output=output, seed=0)
    if output == "sigmoid":
        loss = keras.losses.BinaryCrossentropy()
    else:
        loss = keras.losses.SparseCategoricalCrossentropy()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=ALPHA), loss=loss, metrics=["accuracy"])
    X, y = X.astype("float32"), y.astype("float32")
    return lambda: model.fit(X, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0)


# ----------------------------------------------------------------------------
# The measurements
# ----------------------------------------------------------------------------


def epochs(full: int, quick: bool) -> int:
    """Epochs per timed run: ``full``, or a tenth of it (at least 1) in a smoke run."""
    return max(full // 10, 1) if quick else full


def numpy_rows(X, y, copies: int, repeats: int, quick: bool, keras_too: bool, original: bool = True) -> dict:
    """Seconds per epoch of the tumour contenders at n rows and at copies x n rows.

    The loop networks take turns with each other, the NumPy and Keras runs
    with each other: timed by turns with the NumPy and Keras runs, the loop
    network came out 25-70% slower than by turns with loops only.
    """
    Xc, yc = np.tile(X, (copies, 1)), np.tile(y, copies)
    rows = {"small": {}, "large": {}}
    for size, (Xs, ys) in (("small", (X, y)), ("large", (Xc, yc))):
        loops, arrays = {}, {}
        for name, runner, full_small, full_large in (("original", original_runner, 3, 1), ("loop", loop_runner, 6, 1)):
            if original or name != "original":
                count = epochs(full_small if size == "small" else full_large, quick)
                loops[name] = (runner(Xs, ys, count), count)
        for name, runner in (("matrix", matrix_runner), ("floor", floor_runner)):
            count = epochs(2000 if size == "small" else 50, quick)
            arrays[name] = (runner(Xs, ys, count), count)
        if keras_too and size == "small":
            count = epochs(50, quick)
            arrays["keras"] = (keras_runner(Xs, ys, count, TUMOUR_SIZES, "sigmoid", len(Xs)), count)
        rows[size] = interleaved(loops, repeats) | interleaved(arrays, repeats)
        for name in ("matrix", "floor"):
            rows[size][f"{name} faults"] = faults_per_epoch(*arrays[name])
    return rows


def digit_rows(repeats: int, quick: bool) -> dict[str, float]:
    digits = digits_data(seed=0)
    X, y = digits.X_train, digits.y_train
    full, b32 = epochs(50, quick), epochs(10, quick)
    runs = {
        "matrix full": (matrix_runner(X, y, epochs(200, quick), DIGIT_SIZES, "softmax"), epochs(200, quick)),
        "keras full": (keras_runner(X, y, full, DIGIT_SIZES, "softmax", len(X)), full),
        "matrix batch 32": (matrix_runner(X, y, epochs(20, quick), DIGIT_SIZES, "softmax", 32), epochs(20, quick)),
        "keras batch 32": (keras_runner(X, y, b32, DIGIT_SIZES, "softmax", 32), b32),
    }
    times = interleaved(runs, repeats)
    times["matrix full faults"] = faults_per_epoch(*runs["matrix full"])
    return times


def keras_child(onednn: bool, deterministic: bool, repeats: int, quick: bool) -> dict:
    """Keras alone, in a process of its own: oneDNN must be chosen before TensorFlow starts.

    The matrix network runs the same three workloads by turns with Keras, as a
    control: the machine's load changes from one process to the next, and
    Keras / matrix in the same process is what the settings are compared by.
    """
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1" if onednn else "0"  # after helpers set it, before TensorFlow loads
    tumours = helpers.tumour_data(seed=0)
    digits = digits_data(seed=0)
    Xt, yt, Xd, yd = tumours.X_train, tumours.y_train, digits.X_train, digits.y_train
    full, b32 = epochs(50, quick), epochs(10, quick)
    m_tumours, m_full, m_b32 = epochs(2000, quick), epochs(200, quick), epochs(20, quick)
    runs = {
        "tumours full batch": (keras_runner(Xt, yt, full, TUMOUR_SIZES, "sigmoid", len(Xt), deterministic), full),
        "digits full batch": (keras_runner(Xd, yd, full, DIGIT_SIZES, "softmax", len(Xd), deterministic), full),
        "digits batch 32": (keras_runner(Xd, yd, b32, DIGIT_SIZES, "softmax", 32, deterministic), b32),
        "control tumours full batch": (matrix_runner(Xt, yt, m_tumours), m_tumours),
        "control digits full batch": (matrix_runner(Xd, yd, m_full, DIGIT_SIZES, "softmax"), m_full),
        "control digits batch 32": (matrix_runner(Xd, yd, m_b32, DIGIT_SIZES, "softmax", 32), m_b32),
    }
    measured = interleaved(runs, repeats)
    from tensorflow.python.util import _pywrap_util_port  # TensorFlow's own answer: is oneDNN on?

    times = {k: v for k, v in measured.items() if not k.startswith("control ")}
    control = {k: measured[f"control {k}"] for k in times}
    return {"times": times, "control": control, "onednn": bool(_pywrap_util_port.IsMklEnabled())}


def run_child(arguments: list[str], extra_env: dict[str, str] | None = None, drop=()) -> dict:
    """Run this script as a child process (with ``extra_env``, without the variables ``drop``); read its JSON."""
    env = {k: v for k, v in os.environ.items() if k not in drop} | (extra_env or {})
    command = [sys.executable, "-m", "benchmarks.training_speed", *arguments]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def keras_settings(rounds: int, repeats: int, quick: bool) -> dict[tuple[bool, bool], dict[str, dict[str, float]]]:
    """Keras per epoch for oneDNN off/on x op determinism off/on: ``rounds`` processes each, taking turns.

    For each setting and workload: the median over its processes of the time
    per epoch, and of Keras / the matrix network in the same process.
    """
    settings = [(False, True), (False, False), (True, True), (True, False)]  # the series' setting first
    children: dict[tuple[bool, bool], list[dict]] = {s: [] for s in settings}
    for _ in range(rounds):
        for onednn, deterministic in settings:
            arguments = ["--child", "keras", "--repeats", str(repeats)] + ["--quick"] * quick
            arguments += ["--onednn", str(int(onednn)), "--deterministic", str(int(deterministic))]
            child = run_child(arguments)
            if child["onednn"] != onednn:
                raise RuntimeError(f"asked for oneDNN {'on' if onednn else 'off'}, TensorFlow says {child['onednn']}")
            children[(onednn, deterministic)].append(child)
    results = {}
    for setting, runs in children.items():
        names = list(runs[0]["times"])
        results[setting] = {
            "times": {k: statistics.median(r["times"][k] for r in runs) for k in names},
            "relative": {k: statistics.median(r["times"][k] / r["control"][k] for r in runs) for k in names},
        }
    return results


def malloc_rounds(rounds: int, repeats: int, quick: bool) -> dict[str, dict[str, dict[str, float]]]:
    """The NumPy rows in child processes, by turns with glibc's default and with glibc keeping freed memory.

    glibc reads these settings when a process starts, so each needs processes
    of its own; taking turns spreads any change in the machine's load over both.
    """
    arguments = ["--child", "numpy", "--repeats", str(repeats)] + ["--quick"] * quick
    runs: dict[str, list[dict]] = {"default": [], "kept": []}
    for _ in range(max(rounds, 1)):
        runs["default"].append(run_child(arguments, drop=KEEP_FREED_MEMORY))
        runs["kept"].append(run_child(arguments, KEEP_FREED_MEMORY))
    medians = {}
    for setting, children in runs.items():
        medians[setting] = {
            size: {k: statistics.median(child[size][k] for child in children) for k in children[0][size]}
            for size in ("small", "large")
        }
        for size in ("small", "large"):
            per_child = [child[size]["matrix"] / child[size]["floor"] for child in children]
            medians[setting][size]["matrix / floor"] = statistics.median(per_child)
    return medians


# ----------------------------------------------------------------------------
# Printing
# ----------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = {}
    for name, dists in (("TensorFlow", ("tensorflow-cpu", "tensorflow")), ("Keras", ("keras",))):
        for dist in dists:
            with contextlib.suppress(importlib.metadata.PackageNotFoundError):
                versions[name] = importlib.metadata.version(dist)
                break
    return (
        f"Python {platform.python_version()}, NumPy {np.__version__}, TensorFlow {versions.get('TensorFlow', '?')}, "
        f"Keras {versions.get('Keras', '?')}\nCPU: {cpu}, {os.cpu_count()} cores"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:9.3f} ms"


def verdict(value: float, goal: float | None, at_least: bool) -> str:
    if goal is None:
        return "(no goal)"
    met = value >= goal if at_least else value <= goal
    return f"goal {'>=' if at_least else '<='} {goal:g}x: {'met' if met else 'NOT met'}"


def print_rows(label: str, n: int, rows: dict[str, float]) -> None:
    names = {
        "original": "original notebook's loop network",
        "loop": "loop network (helpers.scratch)",
        "matrix": "matrix network (helpers.vectorized)",
        "floor": "bare-NumPy floor (BareEpoch)",
        "keras": "Keras fit (oneDNN off, determinism on)",
    }
    print(f"{label}: {n:,} rows, network {TUMOUR_SIZES}, full batch (one step per epoch)")
    for key, seconds in rows.items():
        if key in names:
            print(f"  {names[key]:42s} {ms(seconds)} per epoch")


def print_goals(n: int, copies: int, small: dict, large: dict, keras: dict | None) -> None:
    print("goals")
    floor_ratio = small["matrix"] / small["floor"]
    print(f"  matrix epoch / floor at {n:,} rows: {ms(small['matrix']).strip()} / {ms(small['floor']).strip()} "
          f"= {floor_ratio:.2f}x  {verdict(floor_ratio, FLOOR_GOAL, at_least=False)}")
    loops = large["loop"] / large["matrix"]
    best = large["loop"] / large["floor"]
    print(f"  loop / matrix at {n * copies:,} rows: {loops:.1f}x  {verdict(loops, LOOP_GOAL, at_least=True)}")
    print(f"    the floor at {n * copies:,} rows: loop / floor = {best:.1f}x, "
          f"matrix / floor = {large['matrix'] / large['floor']:.2f}x")
    if loops < LOOP_GOAL:
        rows = n * copies
        need = large["loop"] / LOOP_GOAL / rows
        print(f"    per row: the loop network {large['loop'] / rows * 1e6:.2f} us, the matrix network "
              f"{large['matrix'] / rows * 1e9:.0f} ns, the floor {large['floor'] / rows * 1e9:.0f} ns; "
              f"{LOOP_GOAL}x needs at most {need * 1e9:.0f} ns")
        print(f"    page faults per epoch: matrix {large['matrix faults']:.0f}, floor {large['floor faults']:.0f} "
              "(a fault maps in and zeroes a fresh 4 KiB page; the floor allocates nothing)")
        if best < LOOP_GOAL:
            print(f"    not met: even the bare floor is only {best:.0f}x faster than the loops")
        else:
            print(f"    not met: the floor shows {best:.0f}x is possible; the matrix network's overhead costs the rest")
    print(f"    for comparison, at {n} rows: loop / matrix = {small['loop'] / small['matrix']:.1f}x, "
          f"loop / floor = {small['loop'] / small['floor']:.1f}x (the cost of each NumPy call caps it)")
    if keras:
        for name, (keras_s, matrix_s) in keras.items():
            ratio = keras_s / matrix_s
            goal = KERAS_GOALS[name]
            print(f"  Keras fit / matrix, {name}: {ms(keras_s).strip()} / {ms(matrix_s).strip()} = {ratio:.1f}x  "
                  f"{verdict(ratio, goal, at_least=True)}")
    print("baseline: the original notebook's loop network against the series' loop network")
    for rows, rows_n in ((small, n), (large, n * copies)):
        print(f"  at {rows_n:,} rows: original {ms(rows['original']).strip()}, loop {ms(rows['loop']).strip()}: "
              f"original / loop = {rows['original'] / rows['loop']:.2f}x")


def print_keras_settings(results: dict) -> None:
    print("Keras fit per epoch by setting (separate processes; the series runs oneDNN off, determinism on);")
    print("in brackets: Keras / the matrix network in the same process, against the series' setting")
    names = list(results[(False, True)]["times"])
    print(f"  {'oneDNN':7s} {'determinism':12s}" + "".join(f"{name:>26s}" for name in names))
    series = results[(False, True)]["relative"]
    for (onednn, deterministic), row in results.items():
        cells = "".join(
            f"{ms(row['times'][k]).strip():>17s} ({row['relative'][k] / series[k]:4.2f}x)" for k in names
        )
        print(f"  {'on' if onednn else 'off':7s} {'on' if deterministic else 'off':12s}{cells}")
    print("  (below 1.00x: the setting the series gives up would have been faster)")


def print_kept_memory(results: dict, n: int, copies: int) -> None:
    settings = " ".join(f"{k}={v}" for k, v in KEEP_FREED_MEMORY.items())
    print("glibc's default against glibc keeping the memory it frees, in child processes taking turns")
    print(f"  (not the default: {settings}).")
    print("  With the default, glibc may give a freed large array back to the system; the next array of that")
    print("  size then comes as fresh pages, which the system must map in and zero (page faults).")
    for size, rows in (("small", n), ("large", n * copies)):
        default, kept = results["default"][size], results["kept"][size]
        print(f"  {rows:,} rows: matrix {ms(default['matrix']).strip()} -> {ms(kept['matrix']).strip()}, "
              f"floor {ms(default['floor']).strip()} -> {ms(kept['floor']).strip()}; "
              f"matrix / floor {default['matrix / floor']:.2f}x -> {kept['matrix / floor']:.2f}x; "
              f"matrix page faults per epoch {default['matrix faults']:.0f} -> {kept['matrix faults']:.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 repeat, few epochs, 2 copies")
    parser.add_argument("--repeats", type=int, default=None, help="interleaved repeats (default 9; --quick: 1)")
    parser.add_argument("--no-keras", action="store_true", help="leave out every Keras measurement")
    parser.add_argument("--rounds", type=int, default=3,
                        help="processes per Keras setting and per glibc setting (default 3; --quick: 1)")
    parser.add_argument("--child", choices=["keras", "numpy"], help=argparse.SUPPRESS)
    parser.add_argument("--onednn", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--deterministic", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeats = args.repeats or (1 if args.quick else 9)
    copies = 2 if args.quick else COPIES
    tumours = helpers.tumour_data(seed=0)
    X, y, n = tumours.X_train, tumours.y_train, len(tumours.X_train)

    if args.child == "keras":
        print(json.dumps(keras_child(bool(args.onednn), bool(args.deterministic), repeats, args.quick)))
        return 0
    if args.child == "numpy":
        print(json.dumps(numpy_rows(X, y, copies, repeats, args.quick, keras_too=False, original=False)))
        return 0

    print(machine())
    malloc = {k: os.environ[k] for k in KEEP_FREED_MEMORY if k in os.environ}
    print(f"glibc malloc: {malloc or 'default'}; load average at the start: {os.getloadavg()[0]:.1f}")
    print(f"seconds per epoch, median of {repeats} interleaved repeats\n")
    rows = numpy_rows(X, y, copies, repeats, args.quick, keras_too=not args.no_keras)
    small, large = rows["small"], rows["large"]
    print_rows("tumours", n, small)
    print_rows(f"tumours x{copies}", n * copies, large)
    keras = None
    if not args.no_keras:
        d = digit_rows(repeats, args.quick)
        nd = len(digits_data(seed=0).X_train)
        print(f"digits: {nd:,} training images, network {DIGIT_SIZES}, softmax")
        print(f"  full batch (1 step per epoch):    matrix {ms(d['matrix full'])}   Keras {ms(d['keras full'])}")
        print(f"  batch 32 ({-(-nd // 32)} steps per epoch):  "
              f"matrix {ms(d['matrix batch 32'])}   Keras {ms(d['keras batch 32'])}")
        print(f"  page faults per full-batch epoch of the matrix network: {d['matrix full faults']:.0f}")
        keras = {
            "tumours full batch": (small["keras"], small["matrix"]),
            "digits full batch": (d["keras full"], d["matrix full"]),
            "digits batch 32": (d["keras batch 32"], d["matrix batch 32"]),
        }
    print()
    print_goals(n, copies, small, large, keras)

    rounds = 1 if args.quick else args.rounds
    if not args.no_keras:
        print()
        print_keras_settings(keras_settings(rounds, max(repeats // 2, 1), args.quick))

    print()
    print_kept_memory(malloc_rounds(rounds, max(repeats // 2, 1), args.quick), n, copies)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores: above that, "
          "other work was competing for the processor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
