"""Checks for the exercises of chapter 06 (from loops to matrices).

Each write-it check tries three cases that differ in every argument the
answer should use: the rows (3 worked tumours, the 455 training rows, the 114
test rows, so n and the labels differ), the width and depth of the network,
its weights (chapter 05's nine random numbers, then other random draws, one
with a unit on relu's kink), and for training the learning rate and the
epochs. The expected values come from the series' own ``VectorizedNetwork``
(which chapter 06 proves equal to the loop network), computed before the
learner's code runs; each known mistake is a record that names it.
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
from helpers.vectorized import relu
from helpers.vectorized import sigmoid

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
                          "write each product's shapes: dW2 = A1^T dZ2 is (h x n)(n x 1), dZ1 = dZ2 W2^T is "
                          "(n x 1)(1 x h), for h hidden units")
FORWARD_SHAPES = Mistake(shapes_do_not_fit, "two matrices in a product do not fit: W1 is not 2 x 2 here, so a "
                         "product with W1 in the wrong place or transposed stops NumPy",
                         "write each product's shapes: Z1 = X W1 + b1 is (n x 2)(2 x h), Z2 = A1 W2 + b2 is "
                         "(n x h)(h x 1); column j of W1 holds the two weights into hidden unit j")


def as_shaped(value, shape: tuple[int, ...], name: str, n: int, what: str = "the gradient of") -> np.ndarray:
    """value as a float array of exactly this shape, or a diagnosis that names the shape that came back.

    A bias is 1-D, (units,), as ``VectorizedNetwork`` keeps it: a 1-row matrix
    or a bare number is refused, and so is a row of weights where a column is
    asked, with a message saying which it is.
    """
    array = as_floats(value, name, f"an array of numbers of shape {shape}")
    got, matrix = array.shape, name.lstrip("d")
    if got != shape:
        if len(shape) == 1 and got == (1, *shape):
            fail(f"{name} has shape {got}, a 1-row matrix; {matrix} has shape {shape}",
                 "sum without keepdims: dZ.sum(axis=0) is 1-D, one number per unit")
        if len(shape) == 1 and got == ():
            fail(f"{name} is a bare number, without a shape; {matrix} has shape {shape}",
                 "dZ.sum(axis=0) keeps one number per unit, as an array of shape (units,)")
        if len(shape) == 1 and got in ((n,), (n, 1)):
            fail(f"{name} has shape {got}, one number per example: you summed along each row (axis=1)",
                 f"{name} holds one number per unit: sum dZ over the examples, down each column (axis=0)")
        if len(shape) == 2 and got == shape[::-1]:
            fail(f"{name} has shape {got}, the transpose of {matrix}'s {shape}",
                 "dW = A_prev^T dZ: one row per input of the layer, one column per unit")
        if len(shape) == 2 and shape[1] == 1 and got == (shape[0],):
            fail(f"{name} has shape {got}, a flat array; {matrix} is a column of shape {shape}",
                 "keep the output's dZ an (n, 1) column: then A_prev.T @ dZ is a column too")
    return as_array(array, shape, f"{name}, {what} {matrix} of shape {shape},")


@cache
def rows(where: str) -> tuple[np.ndarray, np.ndarray]:
    """X and the labels as an (n, 1) column, for the rows a case names."""
    if where.startswith("the 3-tumour"):
        return X_SMALL, Y_SMALL
    if where.startswith("the 455"):
        return training_rows()
    data = helpers.tumour_data(seed=0)
    return data.X_test, data.y_test.reshape(-1, 1).astype(float)


# For these seeds each hidden layer's last unit starts with zero weights and bias, as a unit started at zero
# would: its z is exactly 0 for every row, on relu's kink, where this series (and VectorizedNetwork) takes relu' = 0.
ON_THE_KINK = (8, 3, 9)


def at_random_weights(sizes: list[int], seed: int | None) -> VectorizedNetwork:
    """A network at random N(0, 1) weights and biases drawn from seed (None: chapter 05's 2-2-1 network)."""
    if seed is None:
        return network()
    net = VectorizedNetwork(sizes)
    rng = np.random.default_rng(seed)
    weights = [rng.normal(size=w.shape) for w in net.get_weights()]
    if seed in ON_THE_KINK:  # in a deeper network, the last unit of every hidden layer
        for W, b in zip(weights[0:-2:2], weights[1:-2:2]):
            W[:, -1], b[-1] = 0.0, 0.0
    net.set_weights(weights)
    return net


KINK = ("relu'(0) is taken as 1: the last hidden unit sits exactly on its kink here (z = 0 for every row) and "
        "passes a gradient back", "this series takes relu'(0) = 0, as VectorizedNetwork does: (Z > 0), not (Z >= 0)")


def named(sizes: list[int], seed: int | None) -> str:
    network_name = "-".join(map(str, sizes))
    return f"chapter 05's {network_name} network" if seed is None else f"a {network_name} network at random weights"


# (sizes, seed of the weights, rows): the worked example first, then cases that differ in every argument (rows, so n
# and the labels; the hidden layer's width; the weights). No n equals a width, so a row sum cannot pass for a bias.
ONE_HIDDEN_CASES = (([2, 2, 1], None, "the 3-tumour worked example"), ([2, 3, 1], 7, "the 455 training rows"),
                    ([2, 5, 1], 8, "the 114 test rows"))

def scale_of(got: list[np.ndarray], expected: list[np.ndarray]) -> float | None:
    """The one number c with got = c * expected for every array, if there is one (c != 1), else None."""
    flat_got, flat_expected = np.concatenate([g.ravel() for g in got]), np.concatenate([e.ravel() for e in expected])
    k = int(np.argmax(np.abs(flat_expected)))
    c = flat_got[k] / flat_expected[k]
    return c if not np.isclose(c, 1.0) and same(flat_got, c * flat_expected, rtol=1e-9, atol=1e-15) else None


def scaled(expected: list[np.ndarray], where: str, n: int, first_dZ: str) -> Mistake:
    """Every gradient the same multiple of the right one: the output's dZ divided by something other than n."""
    return Mistake(lambda got: scale_of(got, expected) is not None,
                   f"on {where} every gradient is the same multiple of the right one: {first_dZ} is divided by "
                   f"something other than n = {n}", f"{first_dZ} = (A - Y) / n with n = len(Y), the rows of this call")


def output_slips(where: str, n: int, layer: int) -> list[tuple[dict, str, str]]:
    """The two slips in the output layer's dZ (dZ2 or dZ3 = (A - Y) / n): the 1/n forgotten, the sign flipped."""
    dZ, A = f"dZ{layer}", f"A{layer}"
    return [
        (dict(scale=n), f"on {where} every gradient is n = {n} times too large: {dZ} is missing its 1/n",
         f"the cost is the mean of n losses: {dZ} = ({A} - Y) / n"),
        (dict(scale=-1.0), f"on {where} every gradient has the wrong sign", f"{dZ} = ({A} - Y) / n, prediction minus "
         "label"),
    ]


def name_the_slip(got: list, expected: list, names: tuple, mistakes: list[Mistake], where: str, hint: str) -> None:
    """Fail with the best account of gradients that are not right: a typical slip, a transposed matrix, or which."""
    diagnose(got, mistakes, rtol=1e-9, atol=1e-15)
    wrong = [name for name, g, e in zip(names, got, expected) if not same(g, e, rtol=1e-12, atol=1e-15)]
    first = names.index(wrong[0])
    transposed = Mistake(expected[first].T, f"on {where} {wrong[0]} is the transpose of the right matrix: "
                         f"{show(got[first])}, expected {show(expected[first])}",
                         "dW = A_prev^T dZ: one row per input of the layer, one column per unit")
    diagnose(got[first], [transposed], rtol=1e-9, atol=1e-15)
    fail(f"on {where} {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} wrong: {wrong[0]} is "
         f"{show(got[first])}, expected {show(expected[first])}", hint)


# -- Exercise 1: backward, all examples at once ----------------------------------------------------------------------


def reference_backward(X, Y, Z1, A1, A2, W2, scale=1.0, gate="relu'", dW2_from="A1", dW1_from="X", db_mean=False):
    """The right backward pass of a one-hidden-layer network, or one of its typical mistakes.

    scale multiplies dZ2 (n: the 1/n forgotten; -1: the sign); gate is what dZ1 is gated by ("relu'" = Z1 > 0,
    "none", "A1"); dW2_from and dW1_from name what stands in place of A1 and X; db_mean takes column means.
    """
    n = len(X)
    dZ2 = scale * (A2 - Y) / n
    dW2 = (A1 if dW2_from == "A1" else Z1).T @ dZ2
    dZ1 = (dZ2 @ W2.T) * {"relu'": Z1 > 0, ">=": Z1 >= 0, "none": 1.0, "A1": A1}[gate]
    dW1 = (X if dW1_from == "X" else A1).T @ dZ1
    db1, db2 = (dZ.sum(axis=0) / (n if db_mean else 1) for dZ in (dZ1, dZ2))
    return [dW1, db1, dW2, db2]


def backward_mistakes(case, where: str, n: int) -> list[Mistake]:
    wrong = [
        *output_slips(where, n, layer=2),
        (dict(gate="none"), f"on {where} dW1 and db1 are wrong, dW2 and db2 right: dZ1 is missing the relu' gate",
         "dZ1 = (dZ2 W2^T) * relu'(Z1), with relu'(Z1) = (Z1 > 0): a unit that is off passes nothing back"),
        (dict(gate="A1"), f"on {where} dZ1 is gated by relu(Z1) = A1, not by relu'(Z1)",
         "relu'(Z1) is 1 where Z1 > 0 and 0 elsewhere: (Z1 > 0), not relu(Z1)"),
        (dict(gate=">="), f"on {where} {KINK[0]}", KINK[1]),
        (dict(dW2_from="Z1"), f"on {where} dW2 uses Z1, the hidden layer before relu, where A1 belongs",
         "the output layer's input is A1 = relu(Z1): dW2 = A1^T dZ2"),
        (dict(dW1_from="A1"), f"on {where} dW1 uses A1 where the hidden layer's input X belongs",
         "each layer's dW is its own input, transposed, times its dZ: dW1 = X^T dZ1"),
        (dict(db_mean=True), f"on {where} db1 and db2 are n = {n} times too small: dZ2 already holds the 1/n",
         "db = the column sums of dZ, dZ.sum(axis=0): dZ2 = (A2 - Y) / n took the mean already"),
    ]
    return [Mistake(reference_backward(*case, **how), says, hint) for how, says, hint in wrong]


@exercise("write backward in the cell above")
def check_backward(backward) -> str:
    """dW1, db1, dW2, db2 of the mean cost, for all examples at once, on three networks and three sets of rows."""
    names = ("dW1", "db1", "dW2", "db2")
    for sizes, seed, where in ONE_HIDDEN_CASES:
        net = at_random_weights(sizes, seed)
        X, Y = rows(where)
        n, W2 = len(X), net.W[1].copy()
        Zs, As = net.forward_prop(X)
        case = (X, Y, Zs[0], As[1], As[2], W2)
        expected = list(net.back_prop(Zs, As, Y))  # the series' own back_prop, before the learner's code runs
        expected = [expected[0][0], expected[1][0], expected[0][1], expected[1][1]]
        mistakes = backward_mistakes(case, where, n)
        call = f"backward(X, Y, Z1, A1, A2, W2) for {named(sizes, seed)} on {where}"
        got = ask(backward, *case, call=call, crashes=[BACKWARD_SHAPES])
        if not isinstance(got, tuple | list) or len(got) != 4:
            fail(f"{call} should return four arrays, dW1, db1, dW2, db2; it returned {short(got)}")
        got = [as_shaped(g, e.shape, name, n) for g, name, e in zip(got, names, expected)]
        if same(got, expected, rtol=1e-12, atol=1e-15):
            continue
        name_the_slip(got, expected, names, [*mistakes, scaled(expected, where, n, "dZ2")],
                      f"{where} ({named(sizes, seed)})",
                      "dZ2 = (A2 - Y) / n; dW2 = A1^T dZ2; db2 = column sums of dZ2; dZ1 = (dZ2 W2^T) * (Z1 > 0); "
                      "dW1 = X^T dZ1; db1 = column sums of dZ1")
    return ("backward gives dW1, db1, dW2, db2 equal to VectorizedNetwork.back_prop (to 1e-12), with their shapes, "
            "for chapter 05's 2-2-1 network on 3 tumours, a 2-3-1 network on the 455 training rows and a 2-5-1 "
            "network on the 114 test rows")


# -- Exercise 2: a forward pass from another convention (find the bug) -----------------------------------------------

# The chapter's square W1 first: there the planted line runs, and gives its own wrong numbers.
FORWARD_CASES = (([2, 2, 1], None, "the 455 training rows"), ([2, 3, 1], 7, "the 3-tumour worked example"),
                 ([2, 5, 1], 8, "the 114 test rows"))


def reference_forward(X, W1, b1, W2, b2, hidden="relu", output="sigmoid", b1_on=True, b2_on=True, planted=False):
    """A2 as an (n, 1) column, or (with one switch) what a typical slip gives instead."""
    activation = {"relu": relu, "sigmoid": sigmoid, "none": lambda Z: Z}
    Z1 = (X @ (W1.T if planted else W1)) + (b1 if b1_on else 0.0)
    Z2 = activation[hidden](Z1) @ W2 + (b2 if b2_on else 0.0)
    return activation[output](Z2)


def forward_mistakes(case, where: str) -> list[Mistake]:
    wrong = [
        (dict(hidden="none"), f"on {where} the hidden layer has no relu: A1 = Z1",
         "A1 = relu(Z1): without it the network is logistic regression again"),
        (dict(hidden="sigmoid"), f"on {where} the hidden layer uses sigmoid, not relu", "A1 = relu(Z1)"),
        (dict(output="none"), f"on {where} forward returns Z2, the logits, not probabilities",
         "the output is A2 = sigmoid(Z2), between 0 and 1"),
        (dict(output="relu"), f"on {where} the output uses relu, not sigmoid", "A2 = sigmoid(Z2)"),
        (dict(b1_on=False), f"on {where} b1 is missing from Z1", "Z1 = X W1 + b1: the bias row is added to every row"),
        (dict(b2_on=False), f"on {where} b2 is missing from Z2", "Z2 = A1 W2 + b2"),
    ]
    return [Mistake(reference_forward(*case, **how), says, hint) for how, says, hint in wrong]


@exercise("find and fix the mistake in forward in the cell above (compare with the loops' z11 and z12)")
def check_forward(forward) -> str:
    """A2 for every row, on three networks: the planted mistake multiplies by the transpose of W1."""
    for sizes, seed, where in FORWARD_CASES:
        net = at_random_weights(sizes, seed)
        X, _ = rows(where)
        case = (X, *net.get_weights())
        expected = reference_forward(*case)
        planted = reference_forward(*case, planted=True) if sizes[1] == sizes[0] else None
        call = f"forward(X, W1, b1, W2, b2) for {named(sizes, seed)} on {where}"
        got = ask(forward, *case, call=call, crashes=[FORWARD_SHAPES])
        got = as_floats(got, call, "an (n, 1) column of probabilities, one per row")
        if got.shape == (len(X),):
            fail(f"{call} returned shape {got.shape}, a flat array; the docstring asks for an (n, 1) column",
                 "return sigmoid(Z2) as it comes: Z2 = A1 @ W2 + b2 is already (n, 1)")
        if got.shape != expected.shape:
            fail(f"{call} returned shape {got.shape}; expected one probability per row, shape {expected.shape}")
        if planted is not None and same(got, planted, rtol=1e-12, atol=0):
            raise NotAttempted
        if same(got, expected, rtol=1e-12, atol=1e-15):
            continue
        row = int(np.argmax(np.abs(got - expected)))
        diagnose(got, forward_mistakes(case, where), f"row {row} gives {got[row, 0]:.4g}, expected "
                 f"{expected[row, 0]:.4g}", rtol=1e-9, atol=1e-15)
        fail(f"on {where} ({named(sizes, seed)}) row {row}: forward gives {got[row, 0]:.4g}; the network's A2 is "
             f"{expected[row, 0]:.4g}", "Z1 = X W1 + b1, A1 = relu(Z1), Z2 = A1 W2 + b2, A2 = sigmoid(Z2): column "
             "j of W1 holds the two weights into hidden unit j")
    return ("forward gives the matrix network's A2, an (n, 1) column (to 1e-12), for chapter 05's 2-2-1 network on "
            "the 455 training rows, a 2-3-1 network on 3 tumours and a 2-5-1 network on the 114 test rows")


# -- Exercise 3: the shape of dW1 (predict) --------------------------------------------------------------------------


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
        Mistake((32, 128), f"you predicted {guess}, the shape of dZ1 (one row per image of the batch)",
                "dW1 = X^T dZ1 sums over the 32 images: the batch size is the inner dimension and cancels"),
        Mistake((64, 32), f"you predicted {guess}, the shape of X^T, the product's first factor",
                "a product (a x n)(n x b) is a x b: the shared n = 32 disappears"),
        Mistake((32, 64), f"you predicted {guess}, the shape of the batch X itself",
                "dW1 updates W1, so it has W1's shape: what connects 64 pixels to 128 hidden units"),
        Mistake((128, 10), f"you predicted {guess}, the shape of W2 (hidden layer to the 10 outputs)",
                "W1 is the first layer: from the 64 pixels into the 128 hidden units"),
    ]
    diagnose(guess, mistakes, f"it is (64, 128): {why}")
    fail(f"you predicted {guess}; it is (64, 128): {why}", "a gradient always has the shape of what it updates")


# -- Exercise 4: backward through two hidden layers ------------------------------------------------------------------

# (sizes, seed of the random weights, rows): each case differs in every argument. The first has a square W2, where
# a missing transpose or the other layer's gate runs without a shape error; in the others they stop NumPy. No n
# equals a layer size (a db of one number per example would look right).
DEEP_CASES = (([2, 4, 4, 1], 1, "the 3-tumour worked example"), ([2, 4, 2, 1], 2, "the 455 training rows"),
              ([2, 5, 3, 1], 3, "the 114 test rows"))


def deep_case(sizes: list[int], seed: int, where: str):
    """The network at random N(0, 1) weights and biases, and its Zs, As, Ws, Y on these rows."""
    net = at_random_weights(sizes, seed)
    X, Y = rows(where)
    Zs, As = net.forward_prop(X)
    return net, (Zs, As, [W.copy() for W in net.W], Y)


def reference_two_hidden(Zs, As, Ws, Y, scale=1.0, gates=(True, True), transpose=True, swap=(False, False),
                         by_value=False, db_mean=False, kink=False):
    """The right backward pass through two hidden layers, or one of its typical mistakes (all six arrays, in a list).

    scale multiplies dZ3 (n: the 1/n forgotten; -1: the sign); gates[l - 1] says whether dZ_l is gated by relu';
    transpose=False multiplies by W2 instead of W2^T; swap[l - 1] gates dZ_l by the other hidden layer's Z;
    by_value gates by relu(Z) = A instead of relu'(Z); db_mean takes the column means of dZ instead of the sums;
    kink=True takes relu'(0) = 1.
    """
    (Z1, Z2, _), (X, A1, A2, A3), (_, W2, W3) = Zs, As, Ws

    def gate(layer, Z_own, Z_other):
        Z = Z_other if swap[layer - 1] else Z_own
        return (np.maximum(Z, 0.0) if by_value else (Z >= 0 if kink else Z > 0)) if gates[layer - 1] else 1.0

    n = len(Y)
    dZ3 = scale * (A3 - Y) / n
    dZ2 = (dZ3 @ W3.T) * gate(2, Z2, Z1)
    dZ1 = (dZ2 @ (W2.T if transpose else W2)) * gate(1, Z1, Z2)
    dbs = [dZ.sum(axis=0) / (n if db_mean else 1) for dZ in (dZ1, dZ2, dZ3)]
    return [X.T @ dZ1, A1.T @ dZ2, A2.T @ dZ3, *dbs]


TWO_HIDDEN_SHAPES = Mistake(shapes_do_not_fit, "two matrices in a product do not fit, probably a missing transpose",
                            "write each product's shapes: dZ1 = dZ2 W2^T is (n x n2)(n2 x n1) -> n x n1, and the "
                            "gate relu'(Z1) is n x n1 too")


def gate_slips(where: str, layer: int) -> list[tuple[dict, str, str]]:
    """Hidden layer 1's or 2's relu' gate forgotten, or taken from the other hidden layer's Z."""
    other = 3 - layer
    alone = (layer == 1, layer == 2)  # (dZ1's, dZ2's): this layer's alone
    return [
        (dict(gates=tuple(not a for a in alone)), f"on {where} dZ{layer} is missing the relu' gate (dZ{other} has it)",
         f"dZ{layer} = (dZ{layer + 1} @ W{layer + 1}.T) * (Z{layer} > 0)"),
        (dict(swap=alone), f"on {where} dZ{layer} is gated by relu'(Z{other}), not relu'(Z{layer})",
         f"layer l's gate is relu'(Z_l): dZ{layer} uses Z{layer} > 0 (Zs[{layer - 1}] is Z{layer})"),
    ]


def two_hidden_mistakes(case, where: str, n: int) -> list[Mistake]:
    wrong = [
        *output_slips(where, n, layer=3),
        (dict(transpose=False), f"on {where} dZ1 multiplies by W2, not by its transpose: W2 is square here, so the "
         "shapes fit and nothing complains", "unit j of layer 1 feeds the units k of layer 2 through row j of W2: "
         "dZ1[i, j] sums dZ2[i, k] W2[j, k] over k, which is dZ2 @ W2.T"),
        *gate_slips(where, 1),
        *gate_slips(where, 2),
        (dict(by_value=True), f"on {where} dZ2 and dZ1 are gated by relu(Z) = A, not by relu'(Z)",
         "relu'(Z) is 1 where Z > 0 and 0 elsewhere: (Z > 0), not relu(Z)"),
        (dict(gates=(False, False)), f"on {where} dZ2 and dZ1 are both missing the relu' gate",
         "dZ_l = (dZ_(l+1) W_(l+1)^T) * (Z_l > 0): a unit that is off passes nothing back"),
        (dict(swap=(True, True)), f"on {where} each hidden layer is gated by the other layer's Z",
         "layer l's gate is relu'(Z_l): dZ2 uses Z2 > 0, dZ1 uses Z1 > 0 (Zs[0] is Z1)"),
        (dict(db_mean=True), f"on {where} db1, db2 and db3 are n = {n} times too small: dZ already holds the 1/n",
         "db_l = the column sums of dZ_l, dZ_l.sum(axis=0): dZ3 = (A3 - Y) / n took the mean already"),
        (dict(kink=True), f"on {where} {KINK[0]}", KINK[1]),
    ]
    mistakes = []
    for how, says, hint in wrong:
        try:
            mistakes.append(Mistake(reference_two_hidden(*case, **how), says, hint))
        except ValueError:  # with these sizes this mistake's shapes do not fit: NumPy names it (TWO_HIDDEN_SHAPES)
            pass
    return mistakes


@exercise("write back_prop_two_hidden in the cell above")
def check_back_prop_two_hidden(back_prop_two_hidden) -> str:
    """dWs and dbs through two relu hidden layers, on three networks of different sizes and three sets of rows."""
    names = ("dW1", "dW2", "dW3", "db1", "db2", "db3")
    for sizes, seed, where in DEEP_CASES:
        net, case = deep_case(sizes, seed, where)
        n = len(case[3])
        dWs, dbs = net.back_prop(*case[:2], case[3])  # the series' own back_prop, before the learner's code runs
        expected = [*dWs, *dbs]
        mistakes = two_hidden_mistakes(case, where, n)
        shapes = [W.shape for W in case[2]] + [(W.shape[1],) for W in case[2]]
        call = f"back_prop_two_hidden(Zs, As, Ws, Y) for a {'-'.join(map(str, sizes))} network on {where}"
        got = ask(back_prop_two_hidden, *case, call=call, crashes=[TWO_HIDDEN_SHAPES])
        if not (isinstance(got, tuple | list) and len(got) == 2
                and all(isinstance(part, tuple | list) and len(part) == 3 for part in got)):
            fail(f"{call} should return two lists of three arrays, [dW1, dW2, dW3] and [db1, db2, db3]; it returned "
                 f"{short(got)}")
        got = [*got[0], *got[1]]
        got = [as_shaped(g, shape, name, n) for g, name, shape in zip(got, names, shapes)]
        if same(got, expected, rtol=1e-12, atol=1e-15):
            continue
        name_the_slip(got, expected, names, [*mistakes, scaled(expected, where, n, "dZ3")], where,
                      "dZ3 = (A3 - Y) / n; dZ2 = (dZ3 @ W3.T) * (Z2 > 0); dZ1 = (dZ2 @ W2.T) * (Z1 > 0); "
                      "dW_l = A_(l-1)^T dZ_l; db_l = column sums of dZ_l")
    return ("back_prop_two_hidden gives the six gradients of VectorizedNetwork.back_prop (to 1e-12) for a 2-4-4-1 "
            "network (square W2) on 3 tumours, a 2-4-2-1 network on the 455 training rows and a 2-5-3-1 network on "
            "the 114 test rows, each at its own random weights")


# -- Exercise 5: gradient descent from scratch, for any width ---------------------------------------------------------

# (sizes, seed of the starting weights, rows, alpha, epochs): every argument differs from case to case, and every
# case takes at least two steps (a loop that stops after one cannot pass).
DESCENT_CASES = (([2, 2, 1], None, "the 3-tumour worked example", 0.5, 3),
                 ([2, 3, 1], 7, "the 455 training rows", 0.1, 5),
                 ([2, 4, 1], 9, "the 114 test rows", 1.0, 2))


def reference_descent(X, Y, W1, b1, W2, b2, alpha, epochs, sign=-1.0, steps=None, stale=False, update=("W", "b"),
                      **backward):
    """Full-batch gradient descent on a one-hidden-layer network, or one of its typical mistakes.

    sign=+1 climbs the cost; steps overrides the number of steps taken; stale=True updates W2 before dZ1 is
    computed (so dZ1 sees the new W2); update says which of the weights ("W") and biases ("b") are updated;
    backward's switches are reference_backward's.
    """
    W1, b1, W2, b2 = (np.array(a, dtype=float) for a in (W1, b1, W2, b2))
    for _ in range(epochs if steps is None else steps):
        Z1 = X @ W1 + b1
        A1 = relu(Z1)
        A2 = sigmoid(A1 @ W2 + b2)
        if stale:  # the output layer stepped first, and its new W2 used for dZ1
            dZ2 = (A2 - Y) / len(X)
            dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
            W2, b2 = W2 + sign * alpha * dW2, b2 + sign * alpha * db2
            dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
            W1, b1 = W1 + sign * alpha * (X.T @ dZ1), b1 + sign * alpha * dZ1.sum(axis=0)
            continue
        dW1, db1, dW2, db2 = reference_backward(X, Y, Z1, A1, A2, W2, **backward)
        if "W" in update:
            W1, W2 = W1 + sign * alpha * dW1, W2 + sign * alpha * dW2
        if "b" in update:
            b1, b2 = b1 + sign * alpha * db1, b2 + sign * alpha * db2
    return [W1, b1, W2, b2]


def descent_mistakes(case, where: str, epochs: int) -> list[Mistake]:
    n = len(case[0])
    wrong = [
        (dict(sign=1.0), f"on {where} the weights climb the cost: each step adds alpha times the gradient",
         "a step goes against the gradient: W = W - alpha * dW"),
        (dict(stale=True), f"on {where} dZ1 is computed with the W2 of the step already taken",
         "compute all four gradients from the same weights first, then update: dZ1 needs the W2 that made A2"),
        (dict(steps=1), f"on {where} only one step was taken, not epochs = {epochs}",
         "repeat forward, backward and the step once per epoch: for epoch in range(epochs)"),
        (dict(steps=epochs - 1), f"on {where} {epochs - 1} steps were taken, one fewer than epochs = {epochs}",
         "range(epochs) runs epochs times; range(1, epochs) runs one fewer"),
        (dict(steps=epochs + 1), f"on {where} {epochs + 1} steps were taken, one more than epochs = {epochs}",
         "range(epochs) runs epochs times"),
        (dict(update=("W",)), f"on {where} the biases b1 and b2 never moved", "b1 = b1 - alpha * db1, and b2 too"),
        (dict(update=("b",)), f"on {where} the weights W1 and W2 never moved", "W1 = W1 - alpha * dW1, and W2 too"),
        (dict(scale=n), f"on {where} each step is n = {n} times too large: dZ2 is missing its 1/n",
         "the cost is the mean of n losses: dZ2 = (A2 - Y) / n"),
        (dict(gate="none"), f"on {where} dZ1 is missing the relu' gate", "dZ1 = (dZ2 @ W2.T) * (Z1 > 0)"),
        (dict(gate=">="), f"on {where} {KINK[0]}", KINK[1]),
        (dict(db_mean=True), f"on {where} the biases move n = {n} times too little: their gradients are column "
         "means of dZ, which already holds the 1/n", "db = dZ.sum(axis=0)"),
    ]
    mistakes = []
    for how, says, hint in wrong:
        if how.get("steps") != 0:
            mistakes.append(Mistake(reference_descent(*case, **how), says, hint))
    return mistakes


@exercise("write gradient_descent in the cell above")
def check_gradient_descent(gradient_descent) -> str:
    """W1, b1, W2, b2 after full-batch gradient descent, against VectorizedNetwork.fit from the same start."""
    names = ("W1", "b1", "W2", "b2")
    for sizes, seed, where, alpha, epochs in DESCENT_CASES:
        start = at_random_weights(sizes, seed).get_weights()
        X, Y = rows(where)
        trained = VectorizedNetwork(sizes)
        trained.set_weights(start)
        trained.fit(X, Y.ravel().astype(int), alpha=alpha, epochs=epochs)  # the series' own training loop, first
        expected = trained.get_weights()
        case = (X, Y, *start, alpha, epochs)
        mistakes = descent_mistakes(case, where, epochs)
        call = (f"gradient_descent(X, Y, W1, b1, W2, b2, alpha={alpha:g}, epochs={epochs}) for "
                f"{named(sizes, seed)} on {where}")
        got = ask(gradient_descent, *case, call=call, crashes=[BACKWARD_SHAPES])
        if not isinstance(got, tuple | list) or len(got) != 4:
            fail(f"{call} should return four arrays, W1, b1, W2, b2; it returned {short(got)}")
        got = [as_shaped(g, e.shape, name, len(X), "the trained") for g, name, e in zip(got, names, expected)]
        if same(got, expected, rtol=1e-9, atol=1e-12):
            continue
        if same(got, start, rtol=0, atol=0):
            fail(f"{call} returned the starting weights unchanged", "each epoch: forward, backward, then "
                 "W = W - alpha * dW for all four arrays, and return the new ones")
        diagnose(got, mistakes, rtol=1e-7, atol=1e-12)
        wrong = [name for name, g, e in zip(names, got, expected) if not same(g, e, rtol=1e-9, atol=1e-12)]
        first = names.index(wrong[0])
        fail(f"on {where} ({named(sizes, seed)}) {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} off: "
             f"{wrong[0]} is {show(got[first])}, expected {show(expected[first])}",
             "each epoch: Z1 = X W1 + b1, A1 = relu(Z1), A2 = sigmoid(A1 W2 + b2); then exercise 1's four "
             "gradients; then W = W - alpha * dW and b = b - alpha * db for both layers")
    return ("gradient_descent ends at the weights of VectorizedNetwork.fit from the same start (to 1e-9): a 2-2-1 "
            "network on 3 tumours (3 steps of 0.5), a 2-3-1 on the 455 training rows (5 of 0.1) and a 2-4-1 on the "
            "114 test rows (2 of 1.0)")
