"""The nine parameters of the 2-2-1 network: their names, and where they sit in matrices.

The loop network (helpers.scratch) keeps nine numbers named as in the math:
w11, w12 lead into hidden unit 1, w13, w14 into hidden unit 2, w21, w22 into
the output, and b11, b12, b2 are the biases. The matrix network
(helpers.vectorized) and Keras keep the same numbers in matrices with one row
per input and one column per unit:

    W1 = [[w11, w13],    b1 = [b11, b12]    W2 = [[w21],    b2 = [b2]
          [w12, w14]]                             [w22]]

so column j of W1 holds hidden unit j's two input weights. This module is the
one place that knows this layout; every other module asks it.
"""

from __future__ import annotations

import math

import numpy as np

PARAMETERS = ("w11", "w12", "w13", "w14", "w21", "w22", "b11", "b12", "b2")
SHAPES = [(2, 2), (2,), (2, 1), (1,)]  # W1, b1, W2, b2


def check_params(params: dict[str, float]) -> dict[str, float]:
    """The nine parameters as finite floats, in PARAMETERS order, or a ValueError naming what is wrong."""
    if not isinstance(params, dict):
        raise ValueError(f"params must be a dict keyed by parameter name; got {type(params).__name__}")
    missing = [p for p in PARAMETERS if p not in params]
    if missing:
        raise ValueError(f"missing parameter(s): {', '.join(missing)}")
    unexpected = [str(p) for p in params if p not in PARAMETERS]
    if unexpected:
        raise ValueError(f"unexpected parameter(s): {', '.join(unexpected)}")
    try:
        values = {p: float(params[p]) for p in PARAMETERS}
    except (TypeError, ValueError):
        raise ValueError(f"parameters must be numbers; got {[params[p] for p in PARAMETERS]}") from None
    bad = [p for p, v in values.items() if not math.isfinite(v)]
    if bad:
        raise ValueError(f"parameter(s) not finite (NaN or infinite): {', '.join(bad)}")
    return values


def to_matrices(params: dict[str, float]) -> list[np.ndarray]:
    """[W1, b1, W2, b2] from the nine named parameters (the order of Keras' ``get_weights``)."""
    p = check_params(params)
    W1 = np.array([[p["w11"], p["w13"]], [p["w12"], p["w14"]]])
    b1 = np.array([p["b11"], p["b12"]])
    W2 = np.array([[p["w21"]], [p["w22"]]])
    b2 = np.array([p["b2"]])
    return [W1, b1, W2, b2]


def from_matrices(weights: list[np.ndarray]) -> dict[str, float]:
    """The nine named parameters from [W1, b1, W2, b2] (the inverse of ``to_matrices``)."""
    shapes = [np.shape(w) for w in weights]
    if shapes != SHAPES:
        raise ValueError(f"expected 2-2-1 weights of shapes (2, 2), (2,), (2, 1), (1,); got {shapes}")
    W1, b1, W2, b2 = (np.asarray(w, dtype=float) for w in weights)
    values = [W1[0, 0], W1[1, 0], W1[0, 1], W1[1, 1], W2[0, 0], W2[1, 0], b1[0], b1[1], b2[0]]
    return {name: float(v) for name, v in zip(PARAMETERS, values)}
