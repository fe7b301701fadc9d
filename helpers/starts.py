"""Where training starts: how large the random starting weights should be, and which start trains best.

Notebook 04 asks two questions about a start. How large should random weights
be, so that a signal neither fades nor blows up from layer to layer
(``mean_squares``)? And does the zero output layer of the series' start beat
drawing every layer at random, at several widths and many seeds (``sweep``)?
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.vectorized import VectorizedNetwork


def mean_squares(X: np.ndarray, width: int, depth: int, gain: float, draws: int = 20, seed: int = 0) -> np.ndarray:
    """E[a^2] after each of ``depth`` relu layers of ``width`` units, weights N(0, gain / fan_in), biases 0.

    The mean is over the rows of X, the units and ``draws`` independent draws
    of all the weights; entry k is layer k + 1's. For independent zero-mean
    weights, E[z^2] = fan_in Var(w) E[a_prev^2] and relu keeps half of it, so
    each layer multiplies E[a^2] by gain / 2: gain = 2 (He) keeps it as it was.
    """
    rng = np.random.default_rng(seed)
    totals = np.zeros(depth)
    for _ in range(draws):
        A = X
        for k in range(depth):
            fan_in = A.shape[1]
            W = rng.normal(0.0, math.sqrt(gain / fan_in), size=(fan_in, width))
            A = np.maximum(A @ W, 0.0)  # the layer: Z = A_prev W (b = 0), then relu
            totals[k] += np.mean(A**2)
    return totals / draws


def dead_units(net: VectorizedNetwork, X: np.ndarray) -> int:
    """How many hidden units fire (z > 0) for no row of X: dead units, which no gradient reaches."""
    Zs, _ = net.forward_prop(X)
    return sum(int(np.count_nonzero((Z > 0).sum(axis=0) == 0)) for Z in Zs[:-1])


def sweep(X, y, widths, seeds, inits=("he_zero_output", "he"), alpha: float = 0.5, epochs: int = 300) -> pd.DataFrame:
    """Train a 2-h-1 matrix network for every width h, start and seed; one row per run.

    Each row holds the start, the width, the seed, the number of dead hidden
    units, the training accuracy and the training cost after ``epochs``
    full-batch epochs at learning rate ``alpha``.
    """
    rows = []
    for width in widths:
        for init in inits:
            for seed in seeds:
                net = VectorizedNetwork([X.shape[1], width, 1], seed=seed, init=init)
                net.fit(X, y, alpha=alpha, epochs=epochs)
                accuracy, cost = net.get_accuracy_cost(X, y)
                rows.append({"start": init, "width": width, "seed": seed, "dead_units": dead_units(net, X),
                             "accuracy": accuracy, "cost": cost})
    return pd.DataFrame(rows)
