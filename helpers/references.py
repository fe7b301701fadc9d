"""References for the networks' gradients: ways to compute dJ/dp that share as little as possible with backprop.

Backpropagation is easy to get subtly wrong: one swapped index still gives a
network that trains, only worse. So the series computes dJ/dp for each of the
nine parameters p in other ways too, and asks that they agree
(helpers.comparison measures by how much):

- symbolic derivatives (``sympy_gradient``, from ``helpers.symbolic``): the chain rule, by a computer algebra system;
- automatic differentiation (``tape_gradient``): TensorFlow's GradientTape on the Keras twin;
- central finite differences (``finite_differences``): no calculus at all, only the cost itself.

The first two are exact up to rounding, as backprop is, so they must agree with
it to about 1e-12; finite differences are an approximation, good to about 1e-8 here.

TensorFlow is imported inside ``tape_gradient`` only, so importing this module stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import numpy as np
import sympy as sp

from helpers import symbolic
from helpers.inputs import check_data, check_X
from helpers.parameters import PARAMETERS, check_params, from_matrices, to_matrices
from helpers.scratch import NeuralNetwork, binary_cross_entropy
from helpers.vectorized import sigmoid

# Step of the central differences. The error of (J(p + h) - J(p - h)) / 2h has two parts:
# - truncation: the Taylor terms left out, about h^2 / 6 * J''' -> shrinks as h shrinks;
# - rounding: J is known to about eps = 2.2e-16 (relative), and dividing by 2h
#   magnifies that to about eps / h -> grows as h shrinks.
# The sum is smallest near h = eps^(1/3), about 6e-6; at h = 1e-6 both parts are
# around 1e-10 to 1e-12 for our cost, far below the 1e-7 we ask for.
# (h must also stay small enough that no example's z11 or z12 changes sign between
# p - h and p + h: relu has a kink at 0, and a difference taken across a kink is wrong.)
H = 1e-6

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
    X, y = check_data(X, y, network.n_inputs, network.classes)
    Y = network.output.targets(y, network.sizes[-1])
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
                    Zs, _ = network.forward_prop(X)
                    costs.append(network.output.cost(Zs[-1], Y) + network.penalty())  # the cost fit minimises
                estimate[index] = (costs[0] - costs[1]) / (2 * h)
            estimates.append(estimate)
    finally:
        network.set_weights(weights)
    return estimates


@cache
def _sympy_gradient_functions() -> dict[str, Callable]:
    """One numpy function per parameter p: dL/dp(x1, x2, y, w11, ..., b2), from sympy.diff of the loss."""
    loss_of_a2 = symbolic.DEFINITIONS[symbolic.NODE["L"]]
    loss = symbolic.to_base(loss_of_a2.xreplace({symbolic.NODE["a2"]: symbolic.sigma(symbolic.NODE["z2"])}))
    modules = [{"sigma": sigmoid}, "numpy"]  # sympy's named sigma computed by the overflow-free sigmoid
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
