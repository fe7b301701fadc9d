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
these matrices; helpers.inputs checks what a learner passes in.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.inputs import check_choice, check_count, check_data, check_training, check_X

OUTPUTS = ("sigmoid", "softmax")


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


def column_sums(M: np.ndarray) -> np.ndarray:
    """The sum of each column of M, as the product 1^T M of a row of ones with M.

    It is the same number as M.sum(axis=0); on a tall matrix of a few columns
    NumPy computes the product several times faster.
    """
    return np.ones(len(M)) @ M


def one_hot(y: np.ndarray, K: int) -> np.ndarray:
    """Integer classes y (n,) as an (n, K) matrix of 0.0/1.0 with a single 1 per row."""
    Y = np.zeros((len(y), K))
    Y[np.arange(len(y)), y] = 1.0
    return Y


# ----------------------------------------------------------------------------
# The network
# ----------------------------------------------------------------------------


class VectorizedNetwork:
    """A fully connected network trained by gradient descent, one matrix product per layer.

    ``sizes`` lists the layer widths from the inputs to the outputs:
    ``VectorizedNetwork([2, 2, 1])`` is the series' 2-2-1 network (relu hidden
    layer, sigmoid output), ``VectorizedNetwork([64, 128, 10], output="softmax")``
    a digits classifier. ``self.W[k]`` has shape (sizes[k], sizes[k + 1]) and
    ``self.b[k]`` shape (sizes[k + 1],), for k = 0 .. len(sizes) - 2; Python
    counts from 0 and the math from 1, so ``self.W[0]`` is W1.

    After ``fit``, ``history["cost"][k]`` and ``history["accuracy"][k]`` describe
    epoch k+1. Full batch: the cost and accuracy of the weights the epoch
    *started* from, measured in its forward pass (as in the loop network).
    Mini-batch: the example-weighted mean over the epoch's batches of each
    batch's cost and accuracy, each measured before that batch's step (as
    Keras reports its training loss).
    """

    def __init__(self, sizes=(2, 2, 1), output: str = "sigmoid", seed: int = 0):
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output size; got {list(sizes)}")
        self.sizes = [check_count("every layer size", size) for size in sizes]
        self.output = check_choice("output", output, OUTPUTS)
        if output == "sigmoid" and self.sizes[-1] != 1:
            raise ValueError(f"a sigmoid output needs exactly 1 output unit; sizes ends in {self.sizes[-1]}")
        if output == "softmax" and self.sizes[-1] < 2:
            raise ValueError(f"a softmax output needs at least 2 output units (classes); got {self.sizes[-1]}")
        self.seed = check_count("seed", seed, smallest=0)
        self.initialize()

    def initialize(self) -> None:
        """Draw starting weights from the network's seed and clear the history.

        Hidden layers start as He proposed, W ~ N(0, 2 / n_in) and b = 0, so a
        relu unit fires for about half the examples. The output layer starts at
        zero, so every prediction starts at the same value (0.5 for a sigmoid)
        and the first step moves only the output layer: the start notebook 04
        recommends for the loop network.
        """
        rng = np.random.default_rng(self.seed)
        pairs = list(zip(self.sizes[:-1], self.sizes[1:]))  # (n_in, n_out) of each layer
        self.W = [rng.normal(0.0, math.sqrt(2 / n_in), size=(n_in, n_out)) for n_in, n_out in pairs[:-1]]
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

    def forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Forward propagation of all n rows of X at once; returns the lists Zs and As.

        Layer by layer: Z = A_prev @ W + b, then A = g(Z), with A_prev = X for
        the first layer. Zs[k] is the Z of layer k + 1 (Python counts from 0,
        the math from 1: Zs[0] is Z1); As[0] is X and As[k + 1] = g(Zs[k]).
        Backward propagation needs them all.
        """
        g_out = sigmoid if self.output == "sigmoid" else softmax  # the output layer's activation
        last = len(self.W) - 1
        Zs, As = [], [X]
        for k, (W, b) in enumerate(zip(self.W, self.b)):
            Z = As[-1] @ W + b  # (n, n_in) @ (n_in, n_out) + (n_out,) -> (n, n_out)
            Zs.append(Z)
            As.append(g_out(Z) if k == last else relu(Z))
        return Zs, As

    def backward(self, Zs: list[np.ndarray], As: list[np.ndarray], Y: np.ndarray):
        """Backward propagation: the lists dWs and dbs, the gradients of the mean cost.

        dW means dJ/dW, a matrix of W's shape. At the output layer
        dZ = (A - Y) / n, for sigmoid + binary cross-entropy and for softmax +
        categorical cross-entropy alike. Then, from the last layer back to the first:
        dW = A_prev^T dZ, db = the column sums of dZ, and the layer before gets
        dZ_prev = (dZ W^T) * relu'(Z_prev).
        """
        n = len(Y)
        dZ = (As[-1] - Y) / n  # (n, n_out)
        dWs, dbs = [], []
        for k in reversed(range(len(self.W))):  # from the output layer back to the first
            dWs.insert(0, As[k].T @ dZ)  # (n_in, n) @ (n, n_out) -> (n_in, n_out)
            dbs.insert(0, column_sums(dZ))  # (n_out,)
            if k > 0:
                dZ = (dZ @ self.W[k].T) * derivative_relu(Zs[k - 1])  # (n, n_out) @ (n_out, n_in) -> (n, n_in)
        return dWs, dbs

    def step(self, dWs: list[np.ndarray], dbs: list[np.ndarray], alpha: float) -> None:
        """One gradient-descent step on every matrix: W <- W - alpha dW, b <- b - alpha db."""
        for k in range(len(self.W)):
            self.W[k] -= alpha * dWs[k]
            self.b[k] -= alpha * dbs[k]

    # -- cost, accuracy, gradients -----------------------------------------------

    def targets(self, y: np.ndarray) -> np.ndarray:
        """The matrix Y the output layer is compared with: y as a column (sigmoid) or one-hot (softmax)."""
        return y.reshape(-1, 1).astype(float) if self.output == "sigmoid" else one_hot(y, self.sizes[-1])

    def cost(self, Z: np.ndarray, Y: np.ndarray) -> float:
        """Mean cost of output logits Z against targets Y (the loss that matches the output layer)."""
        if self.output == "sigmoid":
            return binary_cross_entropy(Z, Y)
        return categorical_cross_entropy(Z, Y)

    def accuracy(self, A: np.ndarray, Y: np.ndarray) -> float:
        """The share of rows whose predicted class (A > 0.5, or the largest A) is the true one."""
        if self.output == "sigmoid":
            return np.count_nonzero((A > 0.5) == (Y == 1)) / len(A)
        return np.count_nonzero(A.argmax(axis=1) == Y.argmax(axis=1)) / len(A)

    def gradients(self, X: np.ndarray, y: np.ndarray):
        """(dWs, dbs) of the mean cost over (X, y), that cost, and the accuracy."""
        X, y = check_data(X, y, self.sizes[0], self.classes)
        return self._gradients(X, self.targets(y))

    def _gradients(self, X: np.ndarray, Y: np.ndarray):
        Zs, As = self.forward(X)
        return self.backward(Zs, As, Y), self.cost(Zs[-1], Y), self.accuracy(As[-1], Y)

    @property
    def classes(self) -> int:
        """How many classes the output layer tells apart (2 for a single sigmoid unit)."""
        return 2 if self.output == "sigmoid" else self.sizes[-1]

    # -- training ------------------------------------------------------------------

    def fit(self, X, y, alpha: float, epochs: int, batch_size: int | None = None, seed: int = 0, print_every: int = 0):
        """Train by gradient descent, continuing from the current weights; return the history.

        ``batch_size=None`` is full-batch gradient descent: one step per epoch
        on all n examples. An integer runs mini-batch gradient descent: each
        epoch shuffles the rows with a NumPy Generator seeded by ``seed`` and
        takes one step per batch of ``batch_size`` rows (the last may be
        smaller). The same seed and starting weights give the same run.
        Prints cost and accuracy every ``print_every`` epochs (0: silent).
        """
        sizes = {"n_inputs": self.sizes[0], "classes": self.classes, "batch_size": batch_size, "seed": seed}
        X, y = check_training(X, y, alpha, epochs, print_every=print_every, **sizes)
        Y = self.targets(y)
        rng = np.random.default_rng(seed)
        for epoch in range(1, epochs + 1):
            if batch_size is None:
                (dWs, dbs), cost, accuracy = self._gradients(X, Y)
                self.step(dWs, dbs, alpha)
            else:
                cost, accuracy = self._minibatch_epoch(X, Y, alpha, batch_size, rng)
            self.history["cost"].append(cost)
            self.history["accuracy"].append(accuracy)
            if print_every and (epoch % print_every == 0 or epoch == 1):
                print(f"epoch {epoch:4d}  cost {cost:.4f}  accuracy {accuracy:.2%}")
        return self.history

    def _minibatch_epoch(self, X, Y, alpha, batch_size, rng) -> tuple[float, float]:
        """One pass over the shuffled rows; returns the example-weighted mean batch cost and accuracy."""
        n = len(X)
        order = rng.permutation(n)
        total_cost = total_accuracy = 0.0
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            (dWs, dbs), cost, accuracy = self._gradients(X[rows], Y[rows])
            self.step(dWs, dbs, alpha)
            total_cost += cost * len(rows)
            total_accuracy += accuracy * len(rows)
        return total_cost / n, total_accuracy / n

    # -- using the trained network ---------------------------------------------------

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Sigmoid output: P(class 1) for each row, shape (n,). Softmax: P(class k), shape (n, K)."""
        _, As = self.forward(check_X(X, self.sizes[0]))
        return As[-1][:, 0] if self.output == "sigmoid" else As[-1]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of each row: 1 where P > 0.5 (sigmoid), else the most probable class."""
        P = self.predict_proba(X)
        return (P > 0.5).astype(int) if self.output == "sigmoid" else P.argmax(axis=1)
