"""The 2-2-1 network written the hard way: explicit loops, one example at a time.

Two inputs (x1 = texture_mean, x2 = radius_mean) feed two relu hidden units,
which feed one sigmoid output unit; it learns by full-batch gradient descent on
the binary cross-entropy. Nothing is vectorised, on purpose: every line is one
equation of the math notebook, with the same names (w11, z12, a2, dz11, ...).
The training loop (``fit``) is helpers.training's, shared with the matrix
network; the checks of what a learner passes in live in helpers.inputs.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.inputs import check_choice, check_count, check_data, check_X
from helpers.parameters import PARAMETERS, check_params
from helpers.training import Network

# Ways to draw the starting weights (see NeuralNetwork.initialize); the first is the default.
INITS = ("he_zero_output", "he", "randn")


def relu(z: float) -> float:
    """relu(z) = max(z, 0)."""
    return z if z > 0 else 0.0


def derivative_relu(z: float) -> float:
    """relu'(z): 1 where z > 0, else 0 (we take relu'(0) = 0)."""
    return 1.0 if z > 0 else 0.0


def sigmoid(z: float) -> float:
    """sigma(z) = 1 / (1 + e^-z), computed without overflow.

    For z < 0 we use the equal form e^z / (1 + e^z): exp is then only ever
    taken of a number <= 0, so no z can make it overflow.
    """
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def softplus(t: float) -> float:
    """log(1 + e^t), without overflow: max(t, 0) + log(1 + e^-|t|)."""
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def binary_cross_entropy(z2: float, y: float) -> float:
    """Loss L = -(y log a2 + (1 - y) log(1 - a2)), computed from the logit z2.

    With a2 = sigma(z2): -log a2 = softplus(-z2) and -log(1 - a2) = softplus(z2).
    Working from z2 avoids log(0) when a2 rounds to exactly 0 or 1.
    """
    return y * softplus(-z2) + (1 - y) * softplus(z2)


class NeuralNetwork(Network):
    """A 2-2-1 network: relu hidden layer, sigmoid output, trained by gradient descent (``fit``)."""

    def __init__(self, seed: int = 0, init: str = "he_zero_output"):
        self.seed = check_count("seed", seed, smallest=0)
        self.init = check_choice("init", init, INITS)
        self.initialize()

    def initialize(self) -> None:
        """Draw starting weights from the network's seed and clear the history.

        "he_zero_output" (the default) draws the four hidden weights from
        N(0, 2 / fan_in) = N(0, 1) (fan_in = 2 inputs) and starts the output
        weights w21, w22 and every bias at zero. The network then starts by
        saying a2 = 0.5 for everyone, and since dL/dz1j is proportional to
        w2j, the first step moves only the output layer: it learns which
        hidden unit points to "malignant" before the hidden units are pushed
        anywhere. Notebook 04 shows why that matters.

        "he" draws the output weights from N(0, 1) too (fan_in = 2 hidden units).

        "randn" is the original notebook's recipe: all nine numbers from
        N(0, 1), biases included.
        """
        rng = np.random.default_rng(self.seed)
        if self.init == "randn":
            values = rng.standard_normal(9)
        else:
            hidden = rng.normal(0.0, math.sqrt(2 / 2), size=4)  # w11, w12, w13, w14
            output = rng.normal(0.0, math.sqrt(2 / 2), size=2) if self.init == "he" else np.zeros(2)
            values = np.concatenate([hidden, output, np.zeros(3)])  # then w21, w22, then b11, b12, b2
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
        z11 = self.w11 * x1 + self.w12 * x2 + self.b11
        z12 = self.w13 * x1 + self.w14 * x2 + self.b12
        a11 = relu(z11)
        a12 = relu(z12)
        z2 = self.w21 * a11 + self.w22 * a12 + self.b2
        a2 = sigmoid(z2)
        return {"z11": z11, "z12": z12, "a11": a11, "a12": a12, "z2": z2, "a2": a2}

    def back_prop(self, x1: float, x2: float, y: float, forward: dict[str, float]) -> dict[str, float]:
        """One example backward: dL/dp for each of the nine parameters p, keyed by p's name."""
        # output layer: dL/dz2 = a2 - y (sigmoid and cross-entropy simplify together)
        dz2 = forward["a2"] - y
        # hidden layer: dL/dz1j = dL/dz2 * w2j * relu'(z1j)
        dz11 = dz2 * self.w21 * derivative_relu(forward["z11"])
        dz12 = dz2 * self.w22 * derivative_relu(forward["z12"])
        # each weight: the signal at the unit it feeds times the value it multiplies
        return {
            "w11": dz11 * x1,
            "w12": dz11 * x2,
            "w13": dz12 * x1,
            "w14": dz12 * x2,
            "w21": dz2 * forward["a11"],
            "w22": dz2 * forward["a12"],
            "b11": dz11,
            "b12": dz12,
            "b2": dz2,
        }

    def gradients(self, X: np.ndarray, y: np.ndarray) -> dict[str, float]:
        """dJ/dp for every parameter p: the mean of the examples' dL/dp, as the cost J is the mean of their losses."""
        X, y = check_data(X, y)
        total = {p: 0.0 for p in PARAMETERS}
        for (x1, x2), y_i in zip(X.tolist(), y.tolist()):  # tolist: the rows as plain Python numbers
            grads = self.back_prop(x1, x2, y_i, self.forward_prop(x1, x2))
            for p in PARAMETERS:
                total[p] += grads[p]
        return {p: total[p] / len(X) for p in PARAMETERS}

    def step(self, grads: dict[str, float], alpha: float) -> None:
        """One gradient-descent step: p <- p - alpha * dJ/dp for every parameter."""
        for p in PARAMETERS:
            setattr(self, p, getattr(self, p) - alpha * grads[p])

    def get_accuracy_cost(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Accuracy (the share called right at threshold 0.5) and cost J (the mean loss) on X, y."""
        X, y = check_data(X, y)
        cost, correct = 0.0, 0
        for (x1, x2), y_i in zip(X.tolist(), y.tolist()):
            forward = self.forward_prop(x1, x2)
            cost += binary_cross_entropy(forward["z2"], y_i)
            correct += (forward["a2"] > 0.5) == (y_i == 1)
        return correct / len(X), cost / len(X)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(malignant) = a2 for each row of X, shape (n,)."""
        return np.array([self.forward_prop(x1, x2)["a2"] for x1, x2 in check_X(X, 2).tolist()])

    def active_counts(self, X: np.ndarray) -> dict[str, int]:
        """On how many rows of X each hidden unit fires (z > 0).

        A count of 0 is a dead unit: relu'(z) = 0 on every example, so no
        gradient ever reaches its weights and it can never come back.
        """
        forwards = [self.forward_prop(x1, x2) for x1, x2 in check_X(X, 2).tolist()]
        return {unit: sum(f[unit] > 0 for f in forwards) for unit in ("z11", "z12")}
