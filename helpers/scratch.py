"""The 2-2-1 network written the hard way: explicit loops, one example at a time.

Two inputs (x1 = texture_mean, x2 = radius_mean) feed two relu hidden units,
which feed one sigmoid output unit; it learns by full-batch gradient descent on
the binary cross-entropy. Nothing is vectorised, on purpose: every line is one
equation of the math notebook, with the same names (w11, z12, a2, ...).
"""

from __future__ import annotations

import math

import numpy as np

# The nine parameters, in the order used everywhere in the series.
PARAMETERS = ("w11", "w12", "w13", "w14", "w21", "w22", "b11", "b12", "b2")
# Ways to draw the starting weights (see NeuralNetwork.initialize).
INITS = ("randn", "he", "he_zero_output")


def relu(z: float) -> float:
    """relu(z) = max(z, 0)."""
    return z if z > 0 else 0.0


def derivative_relu(z: float) -> float:
    """relu'(z): 1 where z > 0, else 0 (we take relu'(0) = 0)."""
    return 1.0 if z > 0 else 0.0


def sigmoid(z: float) -> float:
    """sigma(z) = 1 / (1 + e^-z), computed without overflow.

    For z < 0 we use the equal form e^z / (1 + e^z): exp is then only ever
    taken of a negative number, so z = -1e4 gives 0.0, not an overflow.
    """
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def softplus(t: float) -> float:
    """log(1 + e^t), without overflow: max(t, 0) + log(1 + e^-|t|)."""
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def binary_cross_entropy(z2: float, y_true: float) -> float:
    """Loss L = -(y log a2 + (1 - y) log(1 - a2)), computed from the logit z2.

    With a2 = sigma(z2): -log a2 = softplus(-z2) and -log(1 - a2) = softplus(z2).
    Working from z2 avoids log(0) when a2 rounds to exactly 0 or 1.
    """
    return y_true * softplus(-z2) + (1.0 - y_true) * softplus(z2)


def _as_floats(values, name: str) -> np.ndarray:
    """values as a float array, or a ValueError naming the argument and the first value that is no number."""
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        pass
    for value in np.asarray(values, dtype=object).ravel():
        if isinstance(value, list | tuple | np.ndarray):
            break  # rows of different lengths
        try:
            float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must hold numbers; found {str(value)!r}") from None
    raise ValueError(f"{name} must be a rectangular array of numbers")


def flat_labels(y: np.ndarray, n: int) -> np.ndarray:
    """y as a 1-D array of n labels: shape (n,) or a column (n, 1) is accepted."""
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"y must have shape (n,) or (n, 1); got shape {y.shape}")
    if len(y) != n:
        raise ValueError(f"X has {n} rows but y has {len(y)} labels")
    return y


def check_inputs(X: np.ndarray, y: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """Return X as an (n, 2) float array and y as n 0/1 floats, or raise ValueError."""
    X = _as_floats(X, "X")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), one row per example; got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError("X has no rows")
    if not np.all(np.isfinite(X)):
        row = int(np.argwhere(~np.isfinite(X))[0, 0])
        raise ValueError(f"X contains NaN or infinite values (first in row {row})")
    if y is None:
        return X, None
    y = flat_labels(_as_floats(y, "y"), len(X))
    bad = y[~np.isin(y, (0.0, 1.0))]
    if len(bad):
        raise ValueError(f"y must contain only 0 and 1 (1 = malignant); found {float(bad[0])}")
    return X, y


def _is_number(value) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def _is_integer(value) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def check_params(params: dict[str, float]) -> dict[str, float]:
    """The nine parameters as finite floats, in PARAMETERS order, or a ValueError naming what is wrong."""
    if not isinstance(params, dict):
        raise ValueError(f"params must be a dict keyed by parameter name; got {type(params).__name__}")
    missing = [p for p in PARAMETERS if p not in params]
    if missing:
        raise ValueError(f"missing parameter(s): {', '.join(missing)}")
    unexpected = [p for p in params if p not in PARAMETERS]
    if unexpected:
        raise ValueError(f"unexpected parameter(s): {', '.join(map(str, unexpected))}")
    try:
        values = {p: float(params[p]) for p in PARAMETERS}
    except (TypeError, ValueError):
        raise ValueError(f"parameters must be numbers; got {[params[p] for p in PARAMETERS]}") from None
    bad = [p for p, v in values.items() if not math.isfinite(v)]
    if bad:
        raise ValueError(f"parameter(s) not finite (NaN or infinite): {', '.join(bad)}")
    return values


class NeuralNetwork:
    """A 2-2-1 network: relu hidden layer, sigmoid output, trained by gradient descent.

    After ``fit``, ``history["cost"][k]`` and ``history["accuracy"][k]`` are the
    mean loss and accuracy of the weights that epoch k+1 *started* from
    (measured in that epoch's forward pass, as Keras does).
    """

    def __init__(self, seed: int = 0, init: str = "he"):
        self.seed = seed
        self.init = init
        self.history: dict[str, list[float]] = {"cost": [], "accuracy": []}
        self.initialize()

    def initialize(self) -> None:
        """Draw starting weights from the network's seed and clear the history.

        "randn" is the original recipe: all nine numbers from N(0, 1), biases
        included. A hidden unit whose bias starts very negative may never fire.

        "he" draws every weight from N(0, 2 / fan_in) and starts the biases at
        zero, so each hidden unit starts out firing for about half the examples.

        "he_zero_output" draws the hidden weights as "he" does but starts the
        output weights w21, w22 (and every bias) at zero. The network then
        starts by saying a2 = 0.5 for everyone, and since dL/dz1j is
        proportional to w2j, the first step moves only the output layer: it
        learns which hidden unit points to "malignant" before the hidden units
        are pushed anywhere. A hidden unit whose output weight starts with the
        wrong sign can otherwise be switched off for good (a dead relu) before
        that sign gets corrected. Hidden weights stay random, so the two hidden
        units still differ from each other.
        """
        rng = np.random.default_rng(self.seed)
        if self.init == "randn":
            values = rng.standard_normal(9)
        elif self.init == "he":
            hidden = rng.normal(0.0, math.sqrt(2 / 2), size=4)  # fan_in = 2 inputs
            output = rng.normal(0.0, math.sqrt(2 / 2), size=2)  # fan_in = 2 hidden units
            values = np.concatenate([hidden, output, np.zeros(3)])
        elif self.init == "he_zero_output":
            hidden = rng.normal(0.0, math.sqrt(2 / 2), size=4)  # fan_in = 2 inputs
            values = np.concatenate([hidden, np.zeros(2), np.zeros(3)])  # w21, w22, then b11, b12, b2
        else:
            raise ValueError(f"init must be one of {', '.join(map(repr, INITS))}; got {self.init!r}")
        self.set_params(dict(zip(PARAMETERS, values)))
        self.history = {"cost": [], "accuracy": []}

    def get_params(self) -> dict[str, float]:
        """The nine parameters as a dict, keyed by name."""
        return {p: getattr(self, p) for p in PARAMETERS}

    def set_params(self, params: dict[str, float]) -> None:
        """Set the nine parameters from a dict keyed by name (e.g. to copy a start)."""
        for p, value in check_params(params).items():
            setattr(self, p, value)

    def forward_prop(self, x1: float, x2: float) -> dict[str, float]:
        """One example forward: every intermediate value of the math notebook."""
        forward_dict = {}
        # hidden layer
        forward_dict["z11"] = self.w11 * x1 + self.w12 * x2 + self.b11
        forward_dict["z12"] = self.w13 * x1 + self.w14 * x2 + self.b12
        forward_dict["a11"] = relu(forward_dict["z11"])
        forward_dict["a12"] = relu(forward_dict["z12"])
        # output layer: it reads the hidden activations, not x1 and x2
        forward_dict["z2"] = self.w21 * forward_dict["a11"] + self.w22 * forward_dict["a12"] + self.b2
        forward_dict["a2"] = sigmoid(forward_dict["z2"])
        return forward_dict

    def back_prop(self, x1: float, x2: float, y_true: float, forward_dict: dict[str, float]) -> dict[str, float]:
        """One example backward: dL/dp for each of the nine parameters p.

        The keys are the parameter names: result["w11"] is dL/dw11 for this example.
        """
        grads = {}
        # output layer: dL/dz2 = a2 - y (sigmoid and cross-entropy simplify together)
        dz2 = forward_dict["a2"] - y_true
        grads["w21"] = forward_dict["a11"] * dz2
        grads["w22"] = forward_dict["a12"] * dz2
        grads["b2"] = dz2
        # hidden layer: dL/dz1j = relu'(z1j) * w2j * dL/dz2
        dz11 = derivative_relu(forward_dict["z11"]) * self.w21 * dz2
        dz12 = derivative_relu(forward_dict["z12"]) * self.w22 * dz2
        grads["w11"] = x1 * dz11
        grads["w12"] = x2 * dz11
        grads["b11"] = dz11
        grads["w13"] = x1 * dz12
        grads["w14"] = x2 * dz12
        grads["b12"] = dz12
        return grads

    def gradients(self, X: np.ndarray, y: np.ndarray) -> tuple[dict[str, float], float, float]:
        """Mean gradient of the cost over all examples, plus the cost and accuracy.

        The cost is the mean of the per-example losses, so its gradient is the
        mean of the per-example gradients.
        """
        X, y = check_inputs(X, y)
        n = len(X)
        sums = {p: 0.0 for p in PARAMETERS}
        cost, correct = 0.0, 0
        for j in range(n):
            x1, x2, y_true = float(X[j, 0]), float(X[j, 1]), float(y[j])
            forward = self.forward_prop(x1, x2)
            example = self.back_prop(x1, x2, y_true, forward)
            for p in PARAMETERS:
                sums[p] += example[p]
            cost += binary_cross_entropy(forward["z2"], y_true)
            correct += int((forward["a2"] > 0.5) == (y_true == 1))
        return {p: sums[p] / n for p in PARAMETERS}, cost / n, correct / n

    def step(self, grads: dict[str, float], alpha: float) -> None:
        """One gradient-descent step: p <- p - alpha * dJ/dp for every parameter."""
        for p in PARAMETERS:
            setattr(self, p, getattr(self, p) - alpha * grads[p])

    def fit(self, X: np.ndarray, y: np.ndarray, alpha: float, epochs: int, print_every: int = 0) -> dict:
        """Train by full-batch gradient descent, continuing from the current weights.

        Prints cost and accuracy every ``print_every`` epochs (0: silent).
        Returns the history dict.
        """
        X, y = check_inputs(X, y)
        if not _is_number(alpha) or not 0 < alpha < math.inf:
            raise ValueError(f"alpha (the learning rate) must be a finite number > 0; got {alpha!r}")
        if not _is_integer(epochs) or epochs < 1:
            raise ValueError(f"epochs must be an integer >= 1; got {epochs!r}")
        if not _is_integer(print_every) or print_every < 0:
            raise ValueError(f"print_every must be an integer >= 0 (0: silent); got {print_every!r}")
        for epoch in range(1, epochs + 1):
            grads, cost, accuracy = self.gradients(X, y)
            self.history["cost"].append(cost)
            self.history["accuracy"].append(accuracy)
            self.step(grads, alpha)
            if print_every and (epoch % print_every == 0 or epoch == 1):
                print(f"epoch {epoch:4d}  cost {cost:.4f}  accuracy {accuracy:.2%}")
        return self.history

    def get_accuracy_cost(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Accuracy (fraction correct at threshold 0.5) and cost (mean loss) on X, y."""
        _, cost, accuracy = self.gradients(X, y)
        return accuracy, cost

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(malignant) = a2 for each row of X, shape (n,)."""
        X, _ = check_inputs(X)
        return np.array([self.forward_prop(float(x1), float(x2))["a2"] for x1, x2 in X])

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class 1 where a2 > 0.5, else 0."""
        return (self.predict_proba(X) > 0.5).astype(int)

    def active_counts(self, X: np.ndarray) -> dict[str, int]:
        """On how many rows of X each hidden unit fires (z > 0).

        A count of 0 is a dead unit: relu'(z) = 0 on every example, so no
        gradient ever reaches its weights and it can never come back.
        """
        X, _ = check_inputs(X)
        counts = {"z11": 0, "z12": 0}
        for x1, x2 in X:
            forward = self.forward_prop(float(x1), float(x2))
            for unit in counts:
                counts[unit] += int(forward[unit] > 0)
        return counts
