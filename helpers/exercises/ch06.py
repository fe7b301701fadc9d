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
from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_array
from helpers.exercises import as_floats
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import same
from helpers.exercises import short
from helpers.parameters import PARAMETERS
from helpers.parameters import to_matrices
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


# -- Exercise 4: backward through two hidden layers ------------------------------------------------------------------

# (sizes, seed of the random weights, rows): each case differs in every argument. The first has a square W2, where
# a missing transpose or the other layer's gate runs without a shape error; in the others they stop NumPy. No n
# equals a layer size (a db of one number per example would look right).
DEEP_CASES = (([2, 4, 4, 1], 1, "the 3-tumour worked example"), ([2, 4, 2, 1], 2, "the 455 training rows"),
              ([2, 5, 3, 1], 3, "the 114 test rows"))


@cache
def deep_rows(where: str) -> tuple[np.ndarray, np.ndarray]:
    if where.startswith("the 3-tumour"):
        return X_SMALL, Y_SMALL
    if where.startswith("the 455"):
        return training_rows()
    data = helpers.tumour_data(seed=0)
    return data.X_test, data.y_test.reshape(-1, 1).astype(float)


def deep_case(sizes: list[int], seed: int, where: str):
    """Zs, As, Ws, Y of a network with two relu hidden layers at random N(0, 1) weights and biases, on these rows."""
    net = VectorizedNetwork(sizes)
    rng = np.random.default_rng(seed)
    net.set_weights([rng.normal(size=w.shape) for w in net.get_weights()])
    X, Y = deep_rows(where)
    Zs, As = net.forward_prop(X)
    return Zs, As, [W.copy() for W in net.W], Y


def reference_two_hidden(Zs, As, Ws, Y, scale=1.0, gates=(True, True), transpose=True, swap=(False, False),
                         by_value=False, db_mean=False):
    """The right backward pass through two hidden layers, or one of its typical mistakes (all six arrays, in a list).

    scale multiplies dZ3 (n: the 1/n forgotten; -1: the sign); gates[l - 1] says whether dZ_l is gated by relu';
    transpose=False multiplies by W2 instead of W2^T; swap[l - 1] gates dZ_l by the other hidden layer's Z;
    by_value gates by relu(Z) = A instead of relu'(Z); db_mean takes the column means of dZ instead of the sums.
    """
    (Z1, Z2, _), (X, A1, A2, A3), (_, W2, W3) = Zs, As, Ws

    def gate(layer, Z_own, Z_other):
        Z = Z_other if swap[layer - 1] else Z_own
        return (np.maximum(Z, 0.0) if by_value else Z > 0) if gates[layer - 1] else 1.0

    n = len(Y)
    dZ3 = scale * (A3 - Y) / n
    dZ2 = (dZ3 @ W3.T) * gate(2, Z2, Z1)
    dZ1 = (dZ2 @ (W2.T if transpose else W2)) * gate(1, Z1, Z2)
    dbs = [dZ.sum(axis=0) / (n if db_mean else 1) for dZ in (dZ1, dZ2, dZ3)]
    return [X.T @ dZ1, A1.T @ dZ2, A2.T @ dZ3, *dbs]


TWO_HIDDEN_SHAPES = Mistake(shapes_do_not_fit, "two matrices in a product do not fit, probably a missing transpose",
                            "write each product's shapes: dZ1 = dZ2 W2^T is (n x n2)(n2 x n1) -> n x n1, and the "
                            "gate relu'(Z1) is n x n1 too")


def two_hidden_mistakes(case, where: str, n: int) -> list[Mistake]:
    wrong = [
        (dict(scale=n), f"on {where} every gradient is n = {n} times too large: dZ3 is missing its 1/n",
         "the cost is the mean of n losses: dZ3 = (A3 - Y) / n"),
        (dict(scale=-1.0), f"on {where} every gradient has the wrong sign", "dZ3 = (A3 - Y) / n, prediction minus "
         "label"),
        (dict(transpose=False), f"on {where} dZ1 multiplies by W2, not by its transpose: W2 is square here, so the "
         "shapes fit and nothing complains", "unit j of layer 1 feeds the units k of layer 2 through row j of W2: "
         "dZ1[i, j] sums dZ2[i, k] W2[j, k] over k, which is dZ2 @ W2.T"),
        (dict(gates=(False, False)), f"on {where} dZ2 and dZ1 are both missing the relu' gate",
         "dZ_l = (dZ_(l+1) W_(l+1)^T) * (Z_l > 0): a unit that is off passes nothing back"),
        (dict(gates=(False, True)), f"on {where} dZ1 is missing the relu' gate (dZ2 has it)",
         "dZ1 = (dZ2 @ W2.T) * (Z1 > 0)"),
        (dict(gates=(True, False)), f"on {where} dZ2 is missing the relu' gate (dZ1 has it)",
         "dZ2 = (dZ3 @ W3.T) * (Z2 > 0)"),
        (dict(by_value=True), f"on {where} dZ2 and dZ1 are gated by relu(Z) = A, not by relu'(Z)",
         "relu'(Z) is 1 where Z > 0 and 0 elsewhere: (Z > 0), not relu(Z)"),
        (dict(db_mean=True), f"on {where} db1, db2 and db3 are n = {n} times too small: dZ already holds the 1/n",
         "db_l = the column sums of dZ_l, dZ_l.sum(axis=0): dZ3 = (A3 - Y) / n took the mean already"),
        (dict(swap=(True, True)), f"on {where} each hidden layer is gated by the other layer's Z",
         "layer l's gate is relu'(Z_l): dZ2 uses Z2 > 0, dZ1 uses Z1 > 0 (Zs[0] is Z1)"),
        (dict(swap=(True, False)), f"on {where} dZ1 is gated by relu'(Z2), not relu'(Z1)",
         "layer l's gate is relu'(Z_l): dZ1 uses Z1 > 0 (Zs[0] is Z1)"),
        (dict(swap=(False, True)), f"on {where} dZ2 is gated by relu'(Z1), not relu'(Z2)",
         "layer l's gate is relu'(Z_l): dZ2 uses Z2 > 0 (Zs[1] is Z2)"),
    ]
    mistakes = []
    for how, says, hint in wrong:
        try:
            mistakes.append(Mistake(reference_two_hidden(*case, **how), says, hint))
        except ValueError:  # with these sizes this mistake's shapes do not fit: NumPy names it (TWO_HIDDEN_SHAPES)
            pass
    return mistakes


def copies(case):
    """Fresh copies of Zs, As, Ws, Y, so the learner's code cannot change the check's own arrays."""
    Zs, As, Ws, Y = case
    return [Z.copy() for Z in Zs], [A.copy() for A in As], [W.copy() for W in Ws], Y.copy()


@exercise("write back_prop_two_hidden in the cell above")
def check_back_prop_two_hidden(back_prop_two_hidden) -> str:
    """dWs and dbs through two relu hidden layers, on three networks of different sizes and three sets of rows."""
    names = ("dW1", "dW2", "dW3", "db1", "db2", "db3")
    for sizes, seed, where in DEEP_CASES:
        case = deep_case(sizes, seed, where)
        n = len(case[3])
        expected = reference_two_hidden(*case)  # before the learner's code runs
        mistakes = two_hidden_mistakes(case, where, n)
        shapes = [W.shape for W in case[2]] + [(W.shape[1],) for W in case[2]]
        call = f"back_prop_two_hidden(Zs, As, Ws, Y) for a {'-'.join(map(str, sizes))} network on {where}"
        got = ask(back_prop_two_hidden, *copies(case), call=call, crashes=[TWO_HIDDEN_SHAPES])
        if not (isinstance(got, tuple | list) and len(got) == 2
                and all(isinstance(part, tuple | list) and len(part) == 3 for part in got)):
            fail(f"{call} should return two lists of three arrays, [dW1, dW2, dW3] and [db1, db2, db3]; it returned "
                 f"{short(got)}")
        got = [*got[0], *got[1]]
        for k, (name, shape) in enumerate(zip(names, shapes)):
            if np.shape(got[k]) == shape[::-1] and len(shape) == 2 and shape[0] != shape[1]:
                fail(f"{call}: {name} has shape {np.shape(got[k])}, the transpose of {name[1:]}'s {shape}",
                     "dW = A_prev^T dZ: one row per input of the layer, one column per unit")
            got[k] = as_matrix(got[k], shape, name, n)
        if same(got, expected, rtol=1e-12, atol=1e-15):
            continue
        diagnose(got, mistakes, rtol=1e-9, atol=1e-15)
        wrong = [name for name, g, e in zip(names, got, expected) if not same(g, e, rtol=1e-12, atol=1e-15)]
        first = names.index(wrong[0])
        transposed = Mistake(expected[first].T, f"on {where} {wrong[0]} is the transpose of the right matrix",
                             "dW = A_prev^T dZ: one row per input of the layer, one column per unit")
        diagnose(got[first], [transposed], rtol=1e-9, atol=1e-15)
        fail(f"on {where} {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong: {wrong[0]} is "
             f"{show(got[first])}, expected {show(expected[first])}",
             "dZ3 = (A3 - Y) / n; dZ2 = (dZ3 @ W3.T) * (Z2 > 0); dZ1 = (dZ2 @ W2.T) * (Z1 > 0); dW_l = A_(l-1)^T dZ_l; "
             "db_l = column sums of dZ_l")
    return ("back_prop_two_hidden gives the six gradients of VectorizedNetwork.back_prop (to 1e-12) for a 2-4-4-1 "
            "network (square W2) on 3 tumours, a 2-4-2-1 network on the 455 training rows and a 2-5-3-1 network on "
            "the 114 test rows, each at its own random weights")
