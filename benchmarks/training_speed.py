"""How long does one training epoch take: loops, matrices, or Keras? (run by hand, not a test)

    .venv/bin/python benchmarks/training_speed.py

Everything runs in this one process on this machine, so the ratios compare
like with like. Each time is the median over several repeats of (time of one
``fit`` call) / (its number of epochs). What is timed:

- tumours (455 training rows, 2 inputs), the 2-2-1 network, full-batch
  gradient descent (one step per epoch): the loop network
  (helpers.scratch), the matrix network (helpers.vectorized), and Keras
  ``fit`` (one call with many epochs, after a warm-up call that builds and
  compiles the training function); then loops against matrices on the same
  rows repeated 10 and 100 times, to show how the gap grows with the number of rows;
- digits (1,437 training images, 64 pixels), a 64-128-10 softmax network,
  matrices against Keras, both full batch (one step of all 1,437 images per
  epoch) and both with mini-batches of 32 (45 steps per epoch).

Both sides compute the cost and the accuracy every step. Keras runs in its
default float32; the matrix network in float64 (twice the bytes to move and
multiply), so any speed advantage from precision goes to Keras. Timings vary from machine to machine and with
whatever else is running: read the ratios, not the milliseconds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

import helpers  # first: it quiets TensorFlow before it is imported
from helpers.digits import digits_data
from helpers.scratch import NeuralNetwork
from helpers.vectorized import VectorizedNetwork

REPEATS = 5
TUMOUR_SIZES = [2, 2, 1]
DIGIT_SIZES = [64, 128, 10]


def per_epoch(train: Callable[[], object], epochs: int, repeats: int = REPEATS) -> float:
    """Median over ``repeats`` runs of the seconds per epoch of ``train()``, which runs ``epochs`` epochs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        train()
        times.append((time.perf_counter() - start) / epochs)
    return statistics.median(times)


def loop_epoch(X, y) -> float:
    """The loop network: few epochs per run, it is slow."""
    net = NeuralNetwork(seed=0)
    epochs = 5
    return per_epoch(lambda: net.fit(X, y, alpha=0.1, epochs=epochs), epochs)


def matrix_epoch(X, y, sizes, output, epochs, batch_size=None) -> float:
    """The matrix network, continuing training from one run to the next (as Keras below)."""
    net = VectorizedNetwork(sizes, output=output, seed=0)
    net.fit(X, y, alpha=0.1, epochs=2, batch_size=batch_size)  # warm-up, like Keras'
    return per_epoch(lambda: net.fit(X, y, alpha=0.1, epochs=epochs, batch_size=batch_size), epochs)


def keras_epoch(X, y, sizes, output, epochs, batch_size) -> float:
    """Keras ``fit``: one call with many epochs per run, after a warm-up call."""
    import keras

    from helpers.keras_models import dense_network, make_deterministic

    make_deterministic(0)
    model = dense_network(sizes, output=output, seed=0)
    if output == "sigmoid":
        loss = keras.losses.BinaryCrossentropy()
    else:
        loss = keras.losses.SparseCategoricalCrossentropy()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=loss, metrics=["accuracy"])
    X, y = X.astype("float32"), y.astype("float32")

    def train():
        model.fit(X, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0)

    model.fit(X, y, batch_size=batch_size, epochs=2, shuffle=False, verbose=0)  # warm-up: trace and compile
    return per_epoch(train, epochs)


def main() -> None:
    tumours = helpers.tumour_data(seed=0)
    X, y = tumours.X_train, tumours.y_train
    n = len(X)
    print(f"tumours: {n} training rows, network {TUMOUR_SIZES}, full batch (1 step per epoch)")
    t_loop = loop_epoch(X, y)
    print(f"  loop network     {t_loop * 1e3:9.3f} ms per epoch")
    t_matrix = matrix_epoch(X, y, TUMOUR_SIZES, "sigmoid", epochs=2000)
    print(f"  matrix network   {t_matrix * 1e3:9.3f} ms per epoch")
    t_keras = keras_epoch(X, y, TUMOUR_SIZES, "sigmoid", epochs=50, batch_size=n)
    print(f"  Keras fit        {t_keras * 1e3:9.3f} ms per epoch")
    # The matrices pay a fixed cost per NumPy call, the loops a cost per example: more rows, bigger gap.
    scaled = {}
    for copies in (10, 100):
        Xc, yc = np.tile(X, (copies, 1)), np.tile(y, copies)
        scaled[copies] = (loop_epoch(Xc, yc), matrix_epoch(Xc, yc, TUMOUR_SIZES, "sigmoid", epochs=200))
        t_l, t_m = scaled[copies]
        print(f"  the same rows {copies} times ({len(Xc)} rows): loop {t_l * 1e3:.3f} ms, matrix {t_m * 1e3:.3f} ms")

    digits = digits_data(seed=0)
    Xd, yd = digits.X_train, digits.y_train
    nd = len(Xd)
    print(f"digits: {nd} training images, network {DIGIT_SIZES}")
    d_matrix = matrix_epoch(Xd, yd, DIGIT_SIZES, "softmax", epochs=200)
    d_keras = keras_epoch(Xd, yd, DIGIT_SIZES, "softmax", epochs=50, batch_size=nd)
    print(f"  full batch (1 step per epoch):   matrix {d_matrix * 1e3:8.3f} ms   Keras {d_keras * 1e3:8.3f} ms")
    m_matrix = matrix_epoch(Xd, yd, DIGIT_SIZES, "softmax", epochs=20, batch_size=32)
    m_keras = keras_epoch(Xd, yd, DIGIT_SIZES, "softmax", epochs=10, batch_size=32)
    steps = -(-nd // 32)
    print(f"  batch 32 ({steps} steps per epoch): matrix {m_matrix * 1e3:8.3f} ms   Keras {m_keras * 1e3:8.3f} ms")

    print("ratios (how many times faster the matrix network is; goal in brackets):")
    rows = [
        ("tumours: matrix vs loop network", t_loop / t_matrix, 100),
        *((f"tumours x{c} ({c * n} rows): matrix vs loop", t_l / t_m, None) for c, (t_l, t_m) in scaled.items()),
        ("tumours: matrix vs Keras fit, full batch", t_keras / t_matrix, 100),
        ("digits:  matrix vs Keras fit, full batch", d_keras / d_matrix, 10),
        ("digits:  matrix vs Keras fit, batch 32", m_keras / m_matrix, None),
    ]
    for name, ratio, goal in rows:
        verdict = "" if goal is None else f"  (>= {goal}x: {'met' if ratio >= goal else 'NOT met'})"
        print(f"  {name:42s} {ratio:8.1f}x{verdict}")


if __name__ == "__main__":
    main()
