"""The network with matrices: every example at once, any number of layers.

The loop network (helpers.scratch) works one example and one weight at a time.
Here one matrix product does the work of the inner loops, so the same
mathematics runs many times faster and the code no longer depends on the
number of layers or units.

Convention: rows are examples. For n examples, a layer with n_in inputs and
n_out units holds

    W  shape (n_in, n_out)   W[i, j] is the weight from input i to unit j
    b  shape (n_out,)

(Keras' Dense kernel has exactly this layout) and computes

    Z = A_prev @ W + b       (n, n_in) @ (n_in, n_out) + (n_out,) -> (n, n_out)
    A = g(Z)                 (n, n_out)

where b is added to every row (broadcasting) and A_prev is X for the first
layer. Hidden layers use relu; the output layer uses sigmoid with binary
cross-entropy (one output unit, labels 0/1) or softmax with categorical
cross-entropy (K >= 2 output units, labels 0..K-1). Both costs are computed
from the logits Z of the last layer, so they never take log(0) nor overflow.
helpers.parameters says where the loop network's nine named numbers sit in
these matrices; helpers.inputs checks what a learner passes in; the training
loop (``fit``) is helpers.training's, shared with the loop network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from helpers.inputs import check_at_least_zero, check_choice, check_count, check_data, check_X
from helpers.training import Network

# Ways to draw the starting weights (see VectorizedNetwork.initialize); the first is the default.
INITS = ("he_zero_output", "he")

# ----------------------------------------------------------------------------
# Activations and costs, element by element on whole matrices
# ----------------------------------------------------------------------------


def relu(Z: np.ndarray) -> np.ndarray:
    """relu(Z) = max(Z, 0), element-wise."""
    return np.maximum(Z, 0.0)


def derivative_relu(Z: np.ndarray) -> np.ndarray:
    """relu'(Z): True (1) where Z > 0, else False (0); we take relu'(0) = 0, as the loop network does.

    NumPy multiplies True and False as 1 and 0.
    """
    return Z > 0


def sigmoid(Z: np.ndarray) -> np.ndarray:
    """sigma(Z) = 1 / (1 + e^-Z), element-wise, without overflow.

    With E = e^-|Z| (never larger than 1): sigma = 1 / (1 + E) where Z >= 0
    and E / (1 + E) where Z < 0 -- the same two forms the loop network uses.
    Both keep full precision even for tiny probabilities such as
    sigma(-40) = 4.2e-18.
    """
    E = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0, E) / (1.0 + E)


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax: A[i, k] = e^Z[i, k] / sum_j e^Z[i, j]; each row sums to 1.

    Subtracting each row's maximum first changes nothing mathematically (it
    cancels between numerator and denominator) but keeps every exponent <= 0,
    so e^Z cannot overflow even for logits of 1e4.
    """
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def softplus(T: np.ndarray) -> np.ndarray:
    """log(1 + e^T), element-wise, without overflow: max(T, 0) + log(1 + e^-|T|)."""
    return np.maximum(T, 0.0) + np.log1p(np.exp(-np.abs(T)))


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise log of the softmax: Z - logsumexp(Z), with the log-sum-exp shifted by the row maximum."""
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def binary_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Mean binary cross-entropy of logits Z (n, 1) against 0/1 labels Y (n, 1).

    With A = sigma(Z): -log A = softplus(-Z) and -log(1 - A) = softplus(Z),
    so the loss -(Y log A + (1 - Y) log(1 - A)) never takes log(0). As Y is
    0 or 1, the loss is softplus(-Z) where Y = 1 and softplus(Z) where Y = 0,
    that is softplus((1 - 2Y) Z): one softplus instead of two.
    """
    return float(softplus((1 - 2 * Y) * Z).sum() / len(Z))


def categorical_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Mean categorical cross-entropy of logits Z (n, K) against one-hot labels Y (n, K).

    The loss of one example is -sum_k Y[k] log A[k] with A = softmax(Z); log A
    comes from ``log_softmax``, so no probability is ever rounded to 0 and logged.
    """
    return float(-np.sum(Y * log_softmax(Z)) / len(Z))


def one_hot(y: np.ndarray, K: int) -> np.ndarray:
    """Integer classes y (n,) as an (n, K) matrix of 0.0/1.0 with a single 1 per row."""
    Y = np.zeros((len(y), K))
    Y[np.arange(len(y)), y] = 1.0
    return Y


# ----------------------------------------------------------------------------
# The output layer: what it computes, what it is compared with, what it predicts
# ----------------------------------------------------------------------------


def column(y: np.ndarray, K: int) -> np.ndarray:
    """0/1 labels y (n,) as a column (n, 1) of floats, the shape of a single sigmoid unit's output."""
    return y.reshape(-1, 1).astype(float)


@dataclass(frozen=True)
class Output:
    """An output layer: its activation g, its cost, the targets Y it is compared with, its predicted class."""

    activation: object  # A = g(Z) of the last layer
    cost: object  # mean cost J from the last layer's logits Z and the targets Y
    targets: object  # the labels y (n,) as the matrix Y of the output's shape, given K output units
    probabilities: object  # what predict_proba returns, from the last layer's A
    predict: object  # the predicted class of each row, from the last layer's A


OUTPUTS = {
    # one unit: A = P(class 1); binary cross-entropy; class 1 where P > 0.5
    "sigmoid": Output(sigmoid, binary_cross_entropy, column, lambda A: A[:, 0], lambda A: (A[:, 0] > 0.5).astype(int)),
    # K units: A[:, k] = P(class k); categorical cross-entropy; the most probable class
    "softmax": Output(softmax, categorical_cross_entropy, one_hot, lambda A: A, lambda A: A.argmax(axis=1)),
}


# ----------------------------------------------------------------------------
# The network
# ----------------------------------------------------------------------------


class VectorizedNetwork(Network):
    """A fully connected network trained by gradient descent (``fit``), one matrix product per layer.

    ``sizes`` lists the layer widths from the inputs to the outputs:
    ``VectorizedNetwork([2, 2, 1])`` is the series' 2-2-1 network (relu hidden
    layer, sigmoid output), ``VectorizedNetwork([64, 128, 10], output="softmax")``
    a digits classifier. ``self.W[k]`` has shape (sizes[k], sizes[k + 1]) and
    ``self.b[k]`` shape (sizes[k + 1],), for k = 0 .. len(sizes) - 2; Python
    counts from 0 and the math from 1, so ``self.W[0]`` is W1.
    """

    def __init__(
        self, sizes=(2, 2, 1), output: str = "sigmoid", seed: int = 0, init: str = "he_zero_output", weight_decay=0.0
    ):
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output size; got {list(sizes)}")
        self.sizes = [check_count("every layer size", size) for size in sizes]
        check_choice("output", output, tuple(OUTPUTS))
        if output == "sigmoid" and self.sizes[-1] != 1:
            raise ValueError(f"a sigmoid output needs exactly 1 output unit; sizes ends in {self.sizes[-1]}")
        if output == "softmax" and self.sizes[-1] < 2:
            raise ValueError(f"a softmax output needs at least 2 output units (classes); got {self.sizes[-1]}")
        self.output = OUTPUTS[output]
        self.n_inputs = self.sizes[0]
        self.classes = 2 if output == "sigmoid" else self.sizes[-1]  # a single sigmoid unit tells 2 classes apart
        self.seed = check_count("seed", seed, smallest=0)
        self.init = check_choice("init", init, INITS)
        self.weight_decay = check_at_least_zero("weight_decay", weight_decay)
        self.initialize()

    def initialize(self) -> None:
        """Draw starting weights from the network's seed and clear the history.

        Hidden layers start as He proposed, W ~ N(0, 2 / n_in) and b = 0, so a
        relu unit fires for about half the examples and the mean square of its
        output stays that of its inputs. The draws go unit by unit, each unit's
        n_in input weights in turn (one column of W after another), so a 2-2-1
        network starts from the same w11, w12, w13, w14 as the loop network
        with the same seed. With init="he_zero_output" (the default) the output
        layer starts at zero, so every prediction starts at the same value (0.5
        for a sigmoid) and the first step moves only the output layer: the
        start notebook 04 recommends. With init="he" the output layer is drawn
        like the hidden ones, N(0, 2 / n_in), as the loop network's "he" does.
        """
        rng = np.random.default_rng(self.seed)
        pairs = list(zip(self.sizes[:-1], self.sizes[1:]))  # (n_in, n_out) of each layer
        drawn = pairs if self.init == "he" else pairs[:-1]
        self.W = [rng.normal(0.0, math.sqrt(2 / n_in), size=(n_out, n_in)).T for n_in, n_out in drawn]
        if self.init == "he_zero_output":
            self.W.append(np.zeros(pairs[-1]))
        self.b = [np.zeros(n_out) for _, n_out in pairs]
        self.history = {"cost": [], "accuracy": []}

    def get_weights(self) -> list[np.ndarray]:
        """Copies of [W1, b1, W2, b2, ...], the order and layout of Keras' ``model.get_weights()``."""
        return [m.copy() for pair in zip(self.W, self.b) for m in pair]

    def set_weights(self, weights: list[np.ndarray]) -> None:
        """Set [W1, b1, W2, b2, ...] (e.g. from ``get_weights`` or a Keras model), checking every shape."""
        expected = [s for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]) for s in ((n_in, n_out), (n_out,))]
        shapes = [np.shape(w) for w in weights]
        if shapes != expected:
            raise ValueError(f"expected weights of shapes {expected}; got {shapes}")
        arrays = [np.array(w, dtype=float) for w in weights]
        if not all(np.all(np.isfinite(a)) for a in arrays):
            raise ValueError("weights contain NaN or infinite values")
        self.W, self.b = arrays[0::2], arrays[1::2]

    # -- forward and backward propagation ---------------------------------------

    def forward_prop(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Forward propagation of all n rows of X at once; returns the lists Zs and As.

        Layer by layer: Z = A_prev @ W + b, then A = g(Z), with A_prev = X for
        the first layer. Zs[k] is the Z of layer k + 1 (Python counts from 0,
        the math from 1: Zs[0] is Z1); As[0] is X and As[k + 1] = g(Zs[k]).
        Backward propagation needs them all.
        """
        last = len(self.W) - 1
        Zs, As = [], [X]
        for k, (W, b) in enumerate(zip(self.W, self.b)):
            Z = As[-1] @ W + b  # (n, n_in) @ (n_in, n_out) + (n_out,) -> (n, n_out)
            Zs.append(Z)
            As.append(self.output.activation(Z) if k == last else relu(Z))
        return Zs, As

    def back_prop(self, Zs: list[np.ndarray], As: list[np.ndarray], Y: np.ndarray):
        """Backward propagation: the lists dWs and dbs, the gradients of the mean cost.

        dW means dJ/dW, a matrix of W's shape. At the output layer
        dZ = (A - Y) / n, for sigmoid + binary cross-entropy and for softmax +
        categorical cross-entropy alike. Then, from the last layer back to the first:
        dW = A_prev^T dZ, db = the column sums of dZ, and the layer before gets
        dZ_prev = (dZ W^T) * relu'(Z_prev). With weight decay (lambda > 0, chapter
        07) the cost gains (lambda / 2) * the sum of every weight squared, and
        each dW gains lambda W; with the default lambda = 0 nothing changes.
        """
        n = len(Y)
        dZ = (As[-1] - Y) / n  # (n, n_out)
        dWs, dbs = [], []
        for k in reversed(range(len(self.W))):  # from the output layer back to the first
            dWs.insert(0, As[k].T @ dZ + self.weight_decay * self.W[k])  # (n_in, n) @ (n, n_out) -> (n_in, n_out)
            dbs.insert(0, dZ.sum(axis=0))  # (n_out,)
            if k > 0:
                dZ = (dZ @ self.W[k].T) * derivative_relu(Zs[k - 1])  # (n, n_out) @ (n_out, n_in) -> (n, n_in)
        return dWs, dbs

    def gradients(self, X: np.ndarray, y: np.ndarray):
        """(dWs, dbs): dJ/dW and dJ/db of every layer, for the mean cost J over (X, y)."""
        X, y = check_data(X, y, self.n_inputs, self.classes)
        Zs, As = self.forward_prop(X)
        return self.back_prop(Zs, As, self.output.targets(y, self.sizes[-1]))

    def step(self, grads, alpha: float) -> None:
        """One gradient-descent step on every matrix: W <- W - alpha dW, b <- b - alpha db."""
        dWs, dbs = grads
        for k in range(len(self.W)):
            self.W[k] -= alpha * dWs[k]
            self.b[k] -= alpha * dbs[k]

    # -- using the network ----------------------------------------------------------

    def get_accuracy_cost(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Accuracy (the share of rows whose predicted class is the true one) and cost J (the mean loss)."""
        X, y = check_data(X, y, self.n_inputs, self.classes)
        Zs, As = self.forward_prop(X)
        cost = self.output.cost(Zs[-1], self.output.targets(y, self.sizes[-1]))
        return np.count_nonzero(self.output.predict(As[-1]) == y) / len(X), cost

    def penalty(self) -> float:
        """The weight decay's part of the cost that fit minimises: (lambda / 2) * the sum of every weight squared.

        get_accuracy_cost reports the cost J without it, so that runs with and
        without weight decay are compared on the same footing.
        """
        return self.weight_decay / 2 * sum(float(np.sum(W**2)) for W in self.W)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Sigmoid output: P(class 1) for each row, shape (n,). Softmax: P(class k), shape (n, K)."""
        _, As = self.forward_prop(check_X(X, self.n_inputs))
        return self.output.probabilities(As[-1])

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of each row: 1 where P > 0.5 (sigmoid), else the most probable class."""
        _, As = self.forward_prop(check_X(X, self.n_inputs))
        return self.output.predict(As[-1])
