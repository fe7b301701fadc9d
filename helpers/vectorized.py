"""The network with matrices: every example at once, any number of layers.

The loop network (helpers.scratch) works one example and one weight at a time.
Here one matrix product does the work of the inner loops, so the same
mathematics runs many times faster (tens of times on the 455 training tumours,
more on more rows) and the code no longer depends on the number of layers or
units.

Convention: rows are examples. For n examples, a layer with n_in inputs and
n_out units holds

    W  shape (n_in, n_out)   W[i, j] is the weight from input i to unit j
    b  shape (n_out,)

(Keras' Dense kernel has exactly this layout) and computes

    Z = A_prev @ W + b       (n, n_in) @ (n_in, n_out) + (n_out,) -> (n, n_out)
    A = g(Z)                 (n, n_out)

where b is added to every row (broadcasting) and A_prev is X for the first
layer. Hidden layers use relu (or sigmoid); the output layer uses sigmoid with
binary cross-entropy (one output unit, labels 0/1) or softmax with categorical
cross-entropy (K >= 2 output units, labels 0..K-1). Both costs are computed
from the logits Z of the last layer, so they never take log(0) nor overflow.

For the series' 2-2-1 network the nine named parameters sit in the matrices as
W1 = [[w11, w13], [w12, w14]], b1 = [b11, b12], W2 = [[w21], [w22]], b2 = [b2]:
column j of W1 holds hidden unit j's two input weights.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.scratch import PARAMETERS, check_params, flat_labels  # the loop network's names and label check

HIDDEN = ("relu", "sigmoid")
OUTPUTS = ("sigmoid", "softmax")
INITS = ("he", "he_zero_output", "randn")


# ----------------------------------------------------------------------------
# Activations and their derivatives, element by element on whole matrices
# ----------------------------------------------------------------------------


def relu(Z: np.ndarray) -> np.ndarray:
    """relu(Z) = max(Z, 0), element-wise."""
    return np.maximum(Z, 0.0)


def derivative_relu(Z: np.ndarray) -> np.ndarray:
    """relu'(Z): True (1) where Z > 0, else False (0); we take relu'(0) = 0, as the loop network does.

    A boolean array multiplies like 1.0/0.0 and skips one conversion.
    """
    return Z > 0


def sigmoid(Z: np.ndarray) -> np.ndarray:
    """sigma(Z) = 1 / (1 + e^-Z), element-wise, without overflow.

    With E = e^-|Z| (never larger than 1): sigma = 1 / (1 + E) where Z >= 0
    and E / (1 + E) where Z < 0 -- the same two forms the loop network uses.
    Both keep full precision even for tiny probabilities such as
    sigma(-40) = 4.2e-18, which a form like (1 + tanh(Z / 2)) / 2 would round
    to 0 (it subtracts two numbers close to 1).
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


# ----------------------------------------------------------------------------
# Costs, computed from the logits of the output layer
# ----------------------------------------------------------------------------


def binary_cross_entropy(Z: np.ndarray, Y: np.ndarray) -> float:
    """Mean binary cross-entropy of logits Z (n, 1) against 0/1 labels Y (n, 1).

    With A = sigma(Z): -log A = softplus(-Z) and -log(1 - A) = softplus(Z),
    so the loss -(Y log A + (1 - Y) log(1 - A)) never takes log(0). As Y is
    0 or 1, the loss is softplus(-Z) where Y = 1 and softplus(Z) where Y = 0,
    that is softplus((1 - 2Y) Z): one softplus instead of two.
    """
    return float(softplus((1.0 - 2.0 * Y) * Z).sum() / len(Z))


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
# The nine named parameters of the 2-2-1 loop network <-> matrices
# ----------------------------------------------------------------------------


def matrices_from_named(params: dict[str, float]) -> list[np.ndarray]:
    """[W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,)] from the loop network's nine named parameters.

    W1[i, j] is the weight from input i to hidden unit j, so hidden unit 1's
    weights (w11, w12) form the first column: W1 = [[w11, w13], [w12, w14]].
    """
    p = check_params(params)
    W1 = np.array([[p["w11"], p["w13"]], [p["w12"], p["w14"]]])
    b1 = np.array([p["b11"], p["b12"]])
    W2 = np.array([[p["w21"]], [p["w22"]]])
    b2 = np.array([p["b2"]])
    return [W1, b1, W2, b2]


def named_from_matrices(weights: list[np.ndarray]) -> dict[str, float]:
    """The nine named parameters from [W1, b1, W2, b2] of a 2-2-1 network (the inverse of the above)."""
    shapes = [np.shape(w) for w in weights]
    if shapes != [(2, 2), (2,), (2, 1), (1,)]:
        raise ValueError(f"expected 2-2-1 weights of shapes (2, 2), (2,), (2, 1), (1,); got {shapes}")
    W1, b1, W2, b2 = (np.asarray(w, dtype=float) for w in weights)
    values = [W1[0, 0], W1[1, 0], W1[0, 1], W1[1, 1], W2[0, 0], W2[1, 0], b1[0], b1[1], b2[0]]
    return {name: float(v) for name, v in zip(PARAMETERS, values)}


# ----------------------------------------------------------------------------
# Input checks: a ValueError that names the problem
# ----------------------------------------------------------------------------


def _check_sizes(sizes) -> list[int]:
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output size; got {sizes}")
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 1:
            raise ValueError(f"every layer size must be an integer >= 1; got {sizes}")
    return [int(s) for s in sizes]


def _check_positive_int(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1; got {value!r}")
    return int(value)


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

    def __init__(self, sizes=(2, 2, 1), hidden: str = "relu", output: str = "sigmoid", seed: int = 0, init: str = "he"):
        self.sizes = _check_sizes(sizes)
        if hidden not in HIDDEN:
            raise ValueError(f"hidden must be one of {HIDDEN}; got {hidden!r}")
        if output not in OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}; got {output!r}")
        if output == "sigmoid" and self.sizes[-1] != 1:
            raise ValueError(f"a sigmoid output needs exactly 1 output unit; sizes ends in {self.sizes[-1]}")
        if output == "softmax" and self.sizes[-1] < 2:
            raise ValueError(f"a softmax output needs at least 2 output units (classes); got {self.sizes[-1]}")
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise ValueError(f"seed must be an integer >= 0; got {seed!r}")
        self.hidden, self.output, self.seed, self.init = hidden, output, seed, init
        self.initialize()

    # -- weights ---------------------------------------------------------------

    def initialize(self) -> None:
        """Draw starting weights from the network's seed and clear the history.

        "he": W ~ N(0, 2 / n_in) and b = 0, so a relu unit fires for about half
        the examples and the signal keeps its size from layer to layer.
        "he_zero_output": as "he", but the output layer's weights start at 0,
        so every prediction starts at the same value (0.5 for a sigmoid) and
        the first step moves only the output layer.
        "randn": every weight and bias ~ N(0, 1) (the original recipe).
        Weights are drawn unit by unit (a column of W at a time), in the order
        the loop network draws w11, w12, w13, w14, w21, w22.
        """
        if self.init not in INITS:
            raise ValueError(f"init must be one of {', '.join(map(repr, INITS))}; got {self.init!r}")
        rng = np.random.default_rng(self.seed)
        pairs = list(zip(self.sizes[:-1], self.sizes[1:]))  # (n_in, n_out) of each layer
        self.W = []
        for layer, (n_in, n_out) in enumerate(pairs):
            if self.init == "he_zero_output" and layer == len(pairs) - 1:
                self.W.append(np.zeros((n_in, n_out)))
                continue
            std = 1.0 if self.init == "randn" else math.sqrt(2 / n_in)
            self.W.append(rng.normal(0.0, std, size=(n_out, n_in)).T.copy())  # row j of the draw = unit j
        if self.init == "randn":
            self.b = [rng.standard_normal(n_out) for _, n_out in pairs]
        else:
            self.b = [np.zeros(n_out) for _, n_out in pairs]
        self.history: dict[str, list[float]] = {"cost": [], "accuracy": []}

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

    # -- data checks -----------------------------------------------------------

    def check_X(self, X: np.ndarray) -> np.ndarray:
        """X as an (n, sizes[0]) float array with n >= 1 and finite entries, or ValueError."""
        try:
            X = np.asarray(X, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"X must hold numbers ({exc})") from None
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"X must have shape (n, {self.sizes[0]}), one row per example; got shape {X.shape}")
        if X.shape[0] == 0:
            raise ValueError("X has no rows")
        if not np.all(np.isfinite(X)):
            raise ValueError("X contains NaN or infinite values")
        return X

    def check_data(self, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """X (n, n_in) and the targets Y the output layer is compared with, or ValueError.

        Sigmoid output: y holds 0/1 labels, Y has shape (n, 1).
        Softmax output: y holds integer classes 0..K-1, Y is their one-hot (n, K).
        """
        X = self.check_X(X)
        y = flat_labels(np.asarray(y), len(X))
        if not (np.issubdtype(y.dtype, np.integer) or np.issubdtype(y.dtype, np.floating) or y.dtype == bool):
            raise ValueError(f"y must hold numbers; got dtype {y.dtype}")
        y = y.astype(float)
        K = self.sizes[-1]
        if self.output == "sigmoid":
            if not np.all((y == 0) | (y == 1)):
                raise ValueError("y must contain only 0 and 1 (found NaN or other values)")
            return X, y.reshape(-1, 1)
        if not np.all(np.isfinite(y)) or not np.all(y == np.round(y)):
            raise ValueError("y must hold integer class labels (found NaN or fractions)")
        if y.min() < 0 or y.max() > K - 1:
            raise ValueError(f"labels out of range: classes must be 0..{K - 1}; found {y.min():g}..{y.max():g}")
        return X, one_hot(y.astype(int), K)

    # -- forward and backward propagation ---------------------------------------

    def forward(self, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Forward propagation of all n rows of X at once; returns the lists Zs and As.

        Layer by layer: Z = A_prev @ W + b, then A = g(Z), with A_prev = X for
        the first layer. Zs[k] is the Z of layer k + 1 (Python counts from 0,
        the math from 1: Zs[0] is Z1), shape (n, sizes[k + 1]); As[0] is X and
        As[k + 1] = g(Zs[k]). Backward propagation needs them all. X must
        already be checked (``check_X``).
        """
        g = relu if self.hidden == "relu" else sigmoid
        g_out = sigmoid if self.output == "sigmoid" else softmax
        Zs, As = [], [X]
        last = len(self.W) - 1
        for k, (W, b) in enumerate(zip(self.W, self.b)):
            Z = As[-1] @ W  # (n, n_in) @ (n_in, n_out) -> (n, n_out)
            Z += b  # + b (n_out,) on every row; in place, so no second (n, n_out) array is made
            Zs.append(Z)
            As.append(g_out(Z) if k == last else g(Z))
        return Zs, As

    def backward(self, Zs: list[np.ndarray], As: list[np.ndarray], Y: np.ndarray) -> list[np.ndarray]:
        """Backward propagation: the gradients [dW1, db1, dW2, db2, ...] of the mean cost.

        dW means dJ/dW, a matrix of W's shape. At the output layer
        dZ = (A - Y) / n, for sigmoid + binary cross-entropy and for softmax +
        categorical cross-entropy alike. Then, from the last layer back to the first:
        dW = A_prev^T dZ (n_in, n_out), db = column sums of dZ (n_out,),
        dA_prev = dZ W^T (n, n_in), and the previous layer's dZ = dA_prev * g'(Z_prev).
        """
        n = len(Y)
        dZ = As[-1] - Y  # (n, n_out)
        dZ /= n  # divided by n already, so the sums below are means
        ones = np.ones(n)  # ones @ dZ adds up each column of dZ (faster than dZ.sum(axis=0) here)
        grads = [np.empty(0)] * (2 * len(self.W))
        for k in reversed(range(len(self.W))):  # from the output layer back to the first
            grads[2 * k] = As[k].T @ dZ  # dW: (n_in, n) @ (n, n_out) -> (n_in, n_out)
            grads[2 * k + 1] = ones @ dZ  # db: (n,) @ (n, n_out) -> (n_out,)
            if k > 0:
                dA = dZ @ self.W[k].T  # (n, n_out) @ (n_out, n_in) -> (n, n_in)
                if self.hidden == "relu":
                    dA *= derivative_relu(Zs[k - 1])  # in place: dA becomes dZ of the layer before
                else:
                    dA *= As[k] * (1.0 - As[k])  # sigma'(Z) = A (1 - A), and As[k] = sigma(Zs[k - 1])
                dZ = dA
        return grads

    def cost(self, Z: np.ndarray, Y: np.ndarray) -> float:
        """Mean cost of output logits Z against targets Y (the loss that matches the output layer)."""
        if self.output == "sigmoid":
            return binary_cross_entropy(Z, Y)
        return categorical_cross_entropy(Z, Y)

    def _accuracy(self, A: np.ndarray, Y: np.ndarray) -> float:
        if self.output == "sigmoid":
            return np.count_nonzero((A > 0.5) == (Y == 1)) / len(A)
        return np.count_nonzero(A.argmax(axis=1) == Y.argmax(axis=1)) / len(A)

    def _gradients(self, X: np.ndarray, Y: np.ndarray) -> tuple[list[np.ndarray], float, float]:
        Zs, As = self.forward(X)
        return self.backward(Zs, As, Y), self.cost(Zs[-1], Y), self._accuracy(As[-1], Y)

    def gradients(self, X: np.ndarray, y: np.ndarray) -> tuple[list[np.ndarray], float, float]:
        """[dW1, db1, dW2, db2, ...] of the mean cost over (X, y), plus that cost and the accuracy."""
        X, Y = self.check_data(X, y)
        return self._gradients(X, Y)

    def step(self, grads: list[np.ndarray], alpha: float) -> None:
        """One gradient-descent step on every matrix: W <- W - alpha dW, b <- b - alpha db (in place)."""
        for k in range(len(self.W)):
            self.W[k] -= alpha * grads[2 * k]
            self.b[k] -= alpha * grads[2 * k + 1]

    # -- training --------------------------------------------------------------

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        alpha: float,
        epochs: int,
        batch_size: int | None = None,
        seed: int = 0,
        print_every: int = 0,
    ) -> dict[str, list[float]]:
        """Train by gradient descent, continuing from the current weights; return the history.

        ``batch_size=None`` is full-batch gradient descent: one step per epoch
        on all n examples. An integer runs mini-batch gradient descent: each
        epoch shuffles the rows with a NumPy Generator seeded by ``seed`` and
        takes one step per batch of ``batch_size`` rows (the last may be
        smaller). The same seed and starting weights give the same run.
        Prints cost and accuracy every ``print_every`` epochs (0: silent).
        """
        X, Y = self.check_data(X, y)
        if isinstance(alpha, bool) or not isinstance(alpha, int | float | np.number) or not 0 < alpha < np.inf:
            raise ValueError(f"alpha (the learning rate) must be a finite number > 0; got {alpha!r}")
        epochs = _check_positive_int("epochs", epochs)
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise ValueError(f"seed must be an integer >= 0; got {seed!r}")
        if isinstance(print_every, bool) or not isinstance(print_every, int | np.integer) or print_every < 0:
            raise ValueError(f"print_every must be an integer >= 0 (0: silent); got {print_every!r}")
        n = len(X)
        if batch_size is not None:
            batch_size = _check_positive_int("batch_size", batch_size)
            if batch_size > n:
                raise ValueError(f"batch_size must be between 1 and the number of examples ({n}); got {batch_size}")
        rng = np.random.default_rng(seed)
        for epoch in range(1, epochs + 1):
            if batch_size is None:
                grads, cost, accuracy = self._gradients(X, Y)
                self.step(grads, alpha)
            else:
                cost, accuracy = self._minibatch_epoch(X, Y, alpha, batch_size, rng)
            self.history["cost"].append(cost)
            self.history["accuracy"].append(accuracy)
            if print_every and (epoch % print_every == 0 or epoch == 1):
                print(f"epoch {epoch:4d}  cost {cost:.4f}  accuracy {accuracy:.2%}")
        return self.history

    def _minibatch_epoch(
        self, X: np.ndarray, Y: np.ndarray, alpha: float, batch_size: int, rng: np.random.Generator
    ) -> tuple[float, float]:
        """One pass over the shuffled rows; returns the example-weighted mean batch cost and accuracy."""
        n = len(X)
        order = rng.permutation(n)
        total_cost = total_accuracy = 0.0
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            grads, cost, accuracy = self._gradients(X[rows], Y[rows])
            self.step(grads, alpha)
            total_cost += cost * len(rows)
            total_accuracy += accuracy * len(rows)
        return total_cost / n, total_accuracy / n

    # -- using the trained network ---------------------------------------------------

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Sigmoid output: P(class 1) for each row, shape (n,). Softmax: P(class k), shape (n, K)."""
        _, As = self.forward(self.check_X(X))
        return As[-1][:, 0] if self.output == "sigmoid" else As[-1]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of each row: 1 where P > 0.5 (sigmoid), else the most probable class."""
        P = self.predict_proba(X)
        return (P > 0.5).astype(int) if self.output == "sigmoid" else P.argmax(axis=1)
