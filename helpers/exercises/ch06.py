"""Checks for the exercises of chapter 06 (from loops to matrices).

The worked example is three tumours and the 2-2-1 network at the nine random
weights of chapter 05 (``np.random.default_rng(6)``); the checks then repeat
the comparison on the 455 training rows. The reference is the series' own
``VectorizedNetwork``, which chapter 06 proves equal to the loop network.
"""

from __future__ import annotations

from functools import cache

import numpy as np

import helpers
from helpers.exercises import (
    Mistake,
    NotAttempted,
    as_array,
    as_floats,
    ask,
    diagnose,
    exercise,
    fail,
    given,
    same,
    short,
)
from helpers.parameters import PARAMETERS, to_matrices
from helpers.vectorized import VectorizedNetwork

# Three tumours (texture, radius as z-scores) and their labels: small enough to follow by hand.
X_SMALL = np.array([[1.0, 2.0], [-1.0, 0.5], [0.5, -1.5]])
Y_SMALL = np.array([[1.0], [0.0], [1.0]])


@cache
def network() -> VectorizedNetwork:
    """The 2-2-1 matrix network at chapter 05's random weights."""
    net = VectorizedNetwork([2, 2, 1])
    net.set_weights(to_matrices(dict(zip(PARAMETERS, np.random.default_rng(6).normal(size=9).tolist()))))
    return net


@cache
def training_rows() -> tuple[np.ndarray, np.ndarray]:
    data = helpers.tumour_data(seed=0)
    return data.X_train, data.y_train.reshape(-1, 1).astype(float)


def show(M: np.ndarray) -> str:
    """A small matrix on one line, 4 significant digits."""
    return np.array2string(np.asarray(M), precision=4, separator=", ", suppress_small=True).replace("\n", "")


def shapes_do_not_fit(error: Exception) -> bool:
    """Whether the learner's code stopped at NumPy's complaint that two arrays' shapes do not fit.

    NumPy raises a ValueError naming matmul (for @) or the shapes (for a
    broadcast); in a forward or backward pass that is almost always a
    missing or extra transpose.
    """
    return isinstance(error, ValueError) and ("matmul" in str(error) or "shapes" in str(error))


BACKWARD_SHAPES = Mistake(shapes_do_not_fit, "two matrices in a product do not fit, probably a missing transpose",
                          "write each product's shapes: dW2 = A1^T dZ2 is (2 x n)(n x 1), dZ1 = dZ2 W2^T is "
                          "(n x 1)(1 x 2)")
FORWARD_SHAPES = Mistake(shapes_do_not_fit, "two matrices in a product do not fit, probably a missing transpose",
                         "write each product's shapes: Z1 = X W1 + b1 is (n x 2)(2 x 2), Z2 = A1 W2 + b2 is "
                         "(n x 2)(2 x 1)")


def as_matrix(value, shape: tuple[int, ...], name: str, n: int) -> np.ndarray:
    """value as an array of the given shape (a bias may also come as a row); a row sum's shape is named."""
    array = as_floats(value, name, f"an array of numbers of shape {shape}")
    if name.startswith("db") and array.shape == (1, *shape):
        array = array[0]  # a bias kept as a 1-row matrix is fine
    if name.startswith("db") and array.shape in ((n,), (n, 1)):
        fail(f"{name} has shape {array.shape}, one number per example: you summed along each row (axis=1)",
             f"{name} holds one number per unit: sum dZ over the examples, down each column (axis=0)")
    return as_array(array, shape, f"{name}, the gradient of a matrix of shape {shape},")


def reference_backward(X, Y, Z1, A1, A2, W2, gate=True):
    """The right backward pass of the 2-2-1 network, or (gate=False) the one that forgets relu's gate."""
    dZ2 = (A2 - Y) / len(X)
    dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
    dZ1 = (dZ2 @ W2.T) * ((Z1 > 0) if gate else 1.0)
    dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
    return dW1, db1, dW2, db2


@exercise("write backward in the cell above")
def check_backward(backward) -> str:
    """dW1, db1, dW2, db2 of the mean cost, for all examples at once."""
    net = network()
    W2 = net.W[1]
    cases = [("the 3-tumour worked example", (X_SMALL, Y_SMALL)), ("the 455 training rows", training_rows())]
    for where, (X, Y) in cases:
        n = len(X)
        Zs, As = net.forward_prop(X)
        Z1, A1, A2 = Zs[0], As[1], As[2]
        call = f"backward(X, Y, Z1, A1, A2, W2) on {where}"
        got = ask(backward, X, Y, Z1, A1, A2, W2, call=call, crashes=[BACKWARD_SHAPES])
        if not isinstance(got, tuple | list) or len(got) != 4:
            fail(f"{call} should return four arrays, dW1, db1, dW2, db2; it returned {short(got)}")
        names, shapes = ("dW1", "db1", "dW2", "db2"), ((2, 2), (2,), (2, 1), (1,))
        got = [as_matrix(g, s, name, n) for g, name, s in zip(got, names, shapes)]
        expected = list(reference_backward(X, Y, Z1, A1, A2, W2))
        if same(got, expected, rtol=1e-12, atol=1e-15):
            continue
        wrong = [name for name, g, e in zip(names, got, expected) if not same(g, e, rtol=1e-12, atol=1e-15)]
        first = names.index(wrong[0])
        mistakes = [
            Mistake([n * e for e in expected], f"on {where} every gradient is n = {n} times too large: dZ2 is missing "
                    "its 1/n", "the cost is the mean of n losses: dZ2 = (A2 - Y) / n"),
            Mistake([-e for e in expected], f"on {where} every gradient has the wrong sign",
                    "dZ2 = (A2 - Y) / n, prediction minus label"),
            Mistake(list(reference_backward(X, Y, Z1, A1, A2, W2, gate=False)), f"on {where} dW1 and db1 are wrong, "
                    "dW2 and db2 right: dZ1 is missing the relu' gate",
                    "dZ1 = (dZ2 W2^T) * relu'(Z1), with relu'(Z1) = (Z1 > 0): a unit that is off passes nothing back"),
        ]
        diagnose(got, mistakes, rtol=1e-9, atol=1e-15)
        # mistakes of the first wrong array alone
        transposed = Mistake(expected[first].T, f"on {where} {wrong[0]} is the transpose of the right matrix: "
                             f"{show(got[first])}, expected {show(expected[first])}",
                             "dW = A_prev^T dZ: one row per input, one column per unit")
        diagnose(got[first], [transposed], rtol=1e-9, atol=1e-15)
        fail(f"on {where} {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong: {wrong[0]} is "
             f"{show(got[first])}, expected {show(expected[first])}",
             "dZ2 = (A2 - Y) / n; dW2 = A1^T dZ2; db2 = column sums of dZ2; dZ1 = (dZ2 W2^T) * (Z1 > 0); "
             "dW1 = X^T dZ1; db1 = column sums of dZ1")
    return ("backward gives dW1, db1, dW2, db2 equal to VectorizedNetwork.back_prop (to 1e-12) on a 3-tumour "
            "worked example and on the 455 training rows")


@exercise("find and fix the mistake in forward in the cell above (compare with the loops' z11 and z12)")
def check_forward(forward) -> str:
    """A2 for every row: the planted mistake multiplies by the transpose of W1."""
    net = network()
    W1, b1, W2, b2 = net.get_weights()
    X, _ = training_rows()
    call = "forward(X, W1, b1, W2, b2) on the 455 training rows"
    got = ask(forward, X, W1, b1, W2, b2, call=call, crashes=[FORWARD_SHAPES])
    got = as_floats(got, call, "an array of probabilities, one per row")
    if got.size != len(X):
        fail(f"{call} returned {got.size} numbers; expected one probability per row ({len(X)})")
    got = got.reshape(-1)
    expected = net.predict_proba(X)
    planted = VectorizedNetwork([2, 2, 1])
    planted.set_weights([W1.T, b1, W2, b2])
    if same(got, planted.predict_proba(X), rtol=1e-12, atol=0):
        raise NotAttempted
    if same(got, expected, rtol=1e-12, atol=0):
        return f"forward gives the matrix network's A2 on all {len(X)} training rows (to 1e-12)"
    row = int(np.argmax(np.abs(got - expected)))
    fail(f"row {row}: forward gives {got[row]:.4g}; the network's A2 is {expected[row]:.4g}",
         "Z1 = X W1 + b1: column j of W1 holds the two weights into hidden unit j")


def as_shape(value) -> tuple[int, int]:
    """A prediction of a matrix shape: a pair of whole numbers."""
    try:
        pair = tuple(int(v) for v in value)
        ok = len(pair) == 2 and all(float(v) == p for v, p in zip(value, pair))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        fail(f"my_prediction should be a shape: a pair (rows, columns) such as (3, 4); it is {short(value)}")
    return pair


@exercise("replace None with your predicted shape, e.g. (3, 4)")
def check_dW1_shape(my_prediction) -> str:
    """dW1 has W1's shape: one row per input (64 pixels), one column per hidden unit (128)."""
    guess = as_shape(given(my_prediction))
    why = ("dW1 = X^T dZ1 is (64 x n)(n x 128): it has W1's shape, one row per input (64 pixels) and one column "
           "per hidden unit (128), whatever the number n of examples")
    if same(guess, (64, 128)):
        return f"you predicted {guess}: {why}"
    mistakes = [
        Mistake((128, 64), f"you predicted {guess}, the shape of W1^T",
                "this series keeps one row per input and one column per unit, as Keras does"),
    ]
    diagnose(guess, mistakes, f"it is (64, 128): {why}")
    fail(f"you predicted {guess}; it is (64, 128): {why}", "a gradient always has the shape of what it updates")
