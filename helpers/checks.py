"""Checks that the loop network's gradients are right, by comparing independent ways to compute them.

Backpropagation is easy to get subtly wrong: one swapped index still gives a
network that trains, only worse. So we compute dJ/dp for each of the nine
parameters p in ways that share as little as possible, and ask that they agree:

- backpropagation (``NeuralNetwork.gradients``): the chain rule, by hand;
- symbolic derivatives (``sympy_gradient``, from ``helpers.symbolic``): the chain rule, by a computer algebra system;
- automatic differentiation (``tape_gradient``): TensorFlow's GradientTape on the Keras twin;
- central finite differences (``finite_differences``): no calculus at all, only the cost itself.

The first three are exact up to rounding, so they must agree to about 1e-12;
finite differences are an approximation, good to about 1e-8 here.

TensorFlow is imported inside ``tape_gradient`` only, so importing this module stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from itertools import combinations

import numpy as np
import pandas as pd
import sympy as sp

from helpers import symbolic
from helpers.inputs import check_data, check_X
from helpers.parameters import PARAMETERS, check_params, from_matrices, to_matrices
from helpers.scratch import NeuralNetwork, binary_cross_entropy
from helpers.vectorized import sigmoid as stable_sigmoid

# Step of the central differences. The error of (J(p + h) - J(p - h)) / 2h has two parts:
# - truncation: the Taylor terms left out, about h^2 / 6 * J''' -> shrinks as h shrinks;
# - rounding: J is known to about eps = 2.2e-16 (relative), and dividing by 2h
#   magnifies that to about eps / h -> grows as h shrinks.
# The sum is smallest near h = eps^(1/3), about 6e-6; at h = 1e-6 both parts are
# around 1e-10 to 1e-12 for our cost, far below the 1e-7 we ask for.
# (h must also stay small enough that no example's z11 or z12 changes sign between
# p - h and p + h: relu has a kink at 0, and a difference taken across a kink is wrong.)
H = 1e-6

# Below this size a gradient is "zero" for a relative comparison (see relative_difference).
TINY = 1e-12


def cost(params: dict[str, float], X: np.ndarray, y: np.ndarray) -> float:
    """The cost J = mean binary cross-entropy of the loop network with these parameters.

    It runs the network's own forward pass, so finite differences of this cost
    test back_prop against forward_prop. The losses are added with ``math.fsum``,
    which rounds only once: the cost is then accurate to the last bit or so, and
    finite differences (which divide its rounding error by 2h) are cleaner.
    """
    X, y = check_data(X, y)
    net = NeuralNetwork()
    net.set_params(params)
    rows = zip(X.tolist(), y.tolist())
    losses = [binary_cross_entropy(net.forward_prop(x1, x2)["z2"], y_i) for (x1, x2), y_i in rows]
    return math.fsum(losses) / len(losses)


def finite_differences(
    cost_of: Callable[[dict[str, float]], float], params: dict[str, float], h: float = H
) -> dict[str, float]:
    """Central differences dJ/dp ~ (J(p + h) - J(p - h)) / 2h for each parameter p.

    ``cost_of`` maps a parameter dict to the cost. Only one parameter moves at a
    time; the other eight stay where they are. Error O(h^2) (see ``H``).
    """
    params = check_params(params)
    if not (math.isfinite(h) and h > 0):
        raise ValueError(f"the step h must be a positive number; got {h}")
    gradient = {}
    for p in PARAMETERS:
        up, down = dict(params), dict(params)
        up[p] += h
        down[p] -= h
        gradient[p] = (cost_of(up) - cost_of(down)) / (2 * h)
    return gradient


def cost_finite_differences(params: dict[str, float], X: np.ndarray, y: np.ndarray, h: float = H) -> dict[str, float]:
    """Finite-difference gradient of the loop network's mean cost on X, y."""
    X, y = check_data(X, y)
    return finite_differences(lambda p: cost(p, X, y), params, h)


def network_finite_differences(network, X: np.ndarray, y: np.ndarray, h: float = H) -> list[np.ndarray]:
    """Central differences of a matrix network's mean cost, one per entry of every weight matrix and bias.

    ``network`` is a ``VectorizedNetwork`` (any sizes); each entry moves by +h
    and -h while every other number stays put. The estimates come back in the
    order of ``network.get_weights()``: [dW1, db1, dW2, db2, ...]. The
    network's own weights are left as they were.
    """
    X, y = check_data(X, y, network.sizes[0], network.classes)
    Y = network.targets(y)
    weights = network.get_weights()
    estimates = []
    try:
        for m, matrix in enumerate(weights):
            estimate = np.zeros_like(matrix)
            for index in np.ndindex(matrix.shape):
                costs = []
                for step in (h, -h):
                    moved = [w.copy() for w in weights]
                    moved[m][index] += step
                    network.set_weights(moved)
                    Zs, _ = network.forward(X)
                    costs.append(network.cost(Zs[-1], Y))
                estimate[index] = (costs[0] - costs[1]) / (2 * h)
            estimates.append(estimate)
    finally:
        network.set_weights(weights)
    return estimates


class sigmoid(sp.Function):  # lower case, like the math
    """sigma as a named sympy function whose derivative is sigma * (1 - sigma).

    Differentiating the loss with this named sigma lets sympy cancel
    sigma'/sigma before any number is computed, so the gradient never divides
    two overflowing exponentials; a stable sigmoid then gives its numbers.
    """

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)


@cache
def _sympy_gradient_functions() -> dict[str, Callable]:
    """One numpy function per parameter p: dL/dp(x1, x2, y, w11, ..., b2), from sympy.diff of the loss."""
    loss_of_a2 = symbolic.DEFINITIONS[symbolic.NODE["L"]]
    loss = symbolic.to_base(loss_of_a2.xreplace({symbolic.NODE["a2"]: sigmoid(symbolic.NODE["z2"])}))
    modules = [{"sigmoid": stable_sigmoid}, "numpy"]
    return {p: sp.lambdify(symbolic.VARIABLES, sp.diff(loss, symbolic.PARAMS[p]), modules=modules) for p in PARAMETERS}


def sympy_gradient(params: dict[str, float], X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """dJ/dp for each of the nine parameters, from sympy's exact derivatives, in float64.

    J is the mean loss over the rows of X, so dJ/dp is the mean of dL/dp over
    the rows. relu'(0) is taken to be 0.
    """
    values = list(check_params(params).values())
    X, y = check_data(X, y)
    y = y.astype(float)
    gradient = {}
    for p, f in _sympy_gradient_functions().items():
        per_example = np.broadcast_to(f(X[:, 0], X[:, 1], y, *values), y.shape)  # a constant comes back as one number
        gradient[p] = float(np.mean(per_example))
    return gradient


def relative_difference(a: float, b: float, floor: float = TINY) -> float:
    """|a - b| / max(|a|, |b|, floor): how far apart two numbers are, relative to their size.

    Dividing by the larger of the two makes the measure symmetric and scale-free:
    1.0 vs 1.1 and 1e-5 vs 1.1e-5 are both about 9% apart. Near zero a plain
    ratio misleads: 1e-20 and 2e-20 are 50% apart but both are zero for any
    purpose here, mere rounding noise. The ``floor`` stops that: when both
    numbers are smaller than it, we divide by the floor instead, which turns
    the test into an absolute one (|a - b| compared with the floor). Two exact
    zeros give 0.
    """
    a, b = float(a), float(b)
    if not (math.isfinite(a) and math.isfinite(b)):
        raise ValueError(f"cannot compare non-finite numbers: {a} and {b}")
    return abs(a - b) / max(abs(a), abs(b), floor)


def max_relative_difference(first: dict[str, float], second: dict[str, float], floor: float = TINY) -> float:
    """The largest relative difference between two gradients, over the nine parameters."""
    for name, gradient in (("first", first), ("second", second)):
        missing = [p for p in PARAMETERS if p not in gradient]
        if missing:
            raise ValueError(f"the {name} gradient has no entry for {', '.join(missing)}")
    return max(relative_difference(first[p], second[p], floor) for p in PARAMETERS)


def gradient_table(
    gradients: dict[str, dict[str, float]], approximate: tuple[str, ...] = ("finite difference",), floor: float = TINY
) -> pd.DataFrame:
    """One row per parameter, one column per method, plus how far the methods are apart.

    ``gradients`` maps a method name to its gradient dict, e.g.
    {"backprop": ..., "sympy": ..., "finite difference": ..., "GradientTape": ...}.
    Methods named in ``approximate`` are approximations; the others are exact.
    Two extra columns, per parameter:

    - "exact vs exact": the largest relative difference between two exact methods;
    - "exact vs approximate": the largest between an exact and an approximate one.

    Values are kept at full precision (assert on them); round only to display.
    """
    if not gradients:
        raise ValueError("no gradients to compare")
    exact = [m for m in gradients if m not in approximate]
    approx = [m for m in gradients if m in approximate]
    table = pd.DataFrame(
        {m: [float(g[p]) for p in PARAMETERS] for m, g in gradients.items()},
        index=pd.Index(PARAMETERS, name="parameter"),
    )
    if len(exact) >= 2:
        table["exact vs exact"] = [
            max(relative_difference(table.at[p, m1], table.at[p, m2], floor) for m1, m2 in combinations(exact, 2))
            for p in PARAMETERS
        ]
    if exact and approx:
        table["exact vs approximate"] = [
            max(relative_difference(table.at[p, m1], table.at[p, m2], floor) for m1 in exact for m2 in approx)
            for p in PARAMETERS
        ]
    return table


def display_table(table: pd.DataFrame, bounds: dict[str, float], digits: int = 6) -> pd.DataFrame:
    """A copy of a gradient table for printing.

    Gradients are rounded to ``digits`` significant digits. Each difference
    column named in ``bounds`` shows "< bound" where the difference is below its
    bound, and the number itself where it is not (so a failure stands out).
    The exact tiny differences (1e-15, 1e-9 ...) come from rounding, which can
    vary from machine to machine; a comparison with the bound does not.
    """
    unknown = [column for column in bounds if column not in table.columns]
    if unknown:
        raise ValueError(f"no column(s) {', '.join(map(repr, unknown))} in the table")
    shown = pd.DataFrame(index=table.index)
    for column in table.columns:
        if column in bounds:
            bound = bounds[column]
            shown[column] = [f"< {bound:.0e}" if v < bound else f"{v:.1e}" for v in table[column]]
        else:
            shown[column] = [f"{v:.{digits}g}" for v in table[column]]
    return shown


def hidden_activity(params: dict[str, float], X: np.ndarray) -> dict[str, dict[str, float]]:
    """For each hidden unit: on how many examples it is active (z > 0), and the smallest |z|.

    A finite-difference check is only meaningful when (a) each unit is active on
    some examples and inactive on others, so no gradient is trivially 0 and
    relu' matters, and (b) no z is so close to 0 that nudging a parameter by h
    flips its sign (the kink of relu).
    """
    net = NeuralNetwork()
    net.set_params(params)
    z = np.array([[net.forward_prop(x1, x2)[k] for k in ("z11", "z12")] for x1, x2 in check_X(X, 2).tolist()])
    return {
        unit: {"active": int((z[:, j] > 0).sum()), "examples": len(X), "smallest |z|": float(np.abs(z[:, j]).min())}
        for j, unit in enumerate(("z11", "z12"))
    }


def confirm(what: str, difference: float, bound: float) -> None:
    """One visible check: fail unless ``difference`` < ``bound``, else print "✓ what: largest difference < 1e-15".

    The difference is printed as the power of ten just above it, not to its
    last digit: the last bits of a rounding error may change from one machine
    to another, the power of ten above it hardly ever does.
    """
    difference = float(difference)
    if not difference < bound:
        raise AssertionError(f"{what}: the difference {difference:.3g} is not below {bound:.0e}")
    shown = "0" if difference == 0 else f"< {10.0 ** (math.floor(math.log10(difference)) + 1):.0e}"
    print(f"✓ {what}: largest difference {shown} (allowed: {bound:.0e})")


def tape_gradient(params: dict[str, float], X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """dJ/dp by TensorFlow's automatic differentiation, on the Keras twin of the network.

    A float64 Keras 2-2-1 model (relu hidden layer, linear output = the logit
    z2) gets exactly these nine weights; GradientTape records the forward pass
    and the mean binary cross-entropy (from_logits=True, so the same exact
    formula as ours, no clipping), then differentiates it. The gradients come
    back as arrays shaped like the weights, [dW1, db1, dW2, db2].
    """
    import keras
    import tensorflow as tf

    from helpers.keras_models import dense_network

    X, y = check_data(X, y)
    model = dense_network([2, 2, 1], output="linear", dtype="float64")
    model.set_weights(to_matrices(params))
    # The loss casts its inputs to its own dtype, float32 unless told otherwise.
    loss_fn = keras.losses.BinaryCrossentropy(from_logits=True, dtype="float64")
    with tf.GradientTape() as tape:
        J = loss_fn(tf.constant(y.reshape(-1, 1), dtype=tf.float64), model(tf.constant(X), training=False))
    grads = tape.gradient(J, model.trainable_weights)  # same order as model.get_weights()
    return from_matrices([g.numpy() for g in grads])
