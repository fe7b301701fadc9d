"""Automatic differentiation in reverse mode, on single numbers: what GradientTape does, in one small class.

A ``Value`` holds a number and remembers how it was computed: from which
values, by which operation, and that operation's *local derivative* with
respect to each of its inputs (for z = x * y: dz/dx = y and dz/dy = x).
``backward()`` then walks the recorded graph from the output back to the
inputs and applies the chain rule once per edge, so that every value v ends up
holding v.grad = d(output)/dv. The design follows Karpathy's micrograd
(github.com/karpathy/micrograd); here each operation records its local
derivatives as numbers, right beside its forward rule.

The class is exactly what runs. It checks two things itself, each in one
visible line: a Value holds a finite number, and backward() runs once per
graph. Everything else that can go wrong is said by Python itself, in its own
words: ``ZeroDivisionError`` for a division by 0, ``math domain error`` for
the log of a number <= 0, ``math range error`` for an exp that overflows.
"""

from __future__ import annotations

import math

from helpers.inputs import check_data
from helpers.parameters import PARAMETERS
from helpers.scratch import NeuralNetwork, derivative_relu, relu, sigmoid


class Value:
    """A number that remembers how it was computed, so that derivatives can flow back through it."""

    def __init__(self, data, inputs=(), op=""):
        if not math.isfinite(data):  # e.g. a product that outgrew float64 (about 1.8e308) and became inf
            raise ValueError(f"a Value must hold a finite number; {op or 'it'} gave {data}")
        self.data = data  # the number
        self.grad = 0.0  # d(output)/d(this value), filled in by backward()
        self.inputs = inputs  # pairs (input value, local derivative d(this value)/d(input))
        self.op = op  # the operation that made this value ("" for a value we typed in)

    def __add__(self, other):
        other = as_value(other)
        return Value(self.data + other.data, ((self, 1.0), (other, 1.0)), "+")

    def __sub__(self, other):
        other = as_value(other)
        return Value(self.data - other.data, ((self, 1.0), (other, -1.0)), "−")

    def __mul__(self, other):
        other = as_value(other)
        return Value(self.data * other.data, ((self, other.data), (other, self.data)), "×")

    def __truediv__(self, other):
        other = as_value(other)
        return Value(self.data / other.data, ((self, 1 / other.data), (other, -self.data / other.data**2)), "÷")

    def __pow__(self, k):  # k is a plain number
        return Value(self.data**k, ((self, k * self.data ** (k - 1)),), f"^{k}")

    def __neg__(self):
        return Value(-self.data, ((self, -1.0),), "neg")

    def exp(self):
        return Value(math.exp(self.data), ((self, math.exp(self.data)),), "exp")

    def log(self):
        """log x for x > 0; its derivative 1/x stays finite down to x = 2.2e-308 (the smallest normal float)."""
        return Value(math.log(self.data), ((self, 1 / self.data),), "log")

    def relu(self):
        return Value(relu(self.data), ((self, derivative_relu(self.data)),), "relu")

    def sigmoid(self):
        """sigma(z), for every finite z: sigma'(z) = sigma(z) (1 - sigma(z)) = sigma(z) sigma(-z).

        Both sigma(z) and sigma(-z) come from chapter 04's stable sigmoid, so
        neither overflows, and sigma(z) sigma(-z) keeps its full precision even
        where 1 - sigma(z) would round to 0 (z > 36.7).
        """
        return Value(sigmoid(self.data), ((self, sigmoid(self.data) * sigmoid(-self.data)),), "σ")

    def backward(self):
        """Fill in v.grad = d(self)/dv for every value v that self was computed from."""
        order = topological_order(self)
        # Gradients are added up (+=), so that a value used twice collects the contributions of both paths.
        # A second backward() through the same graph would therefore add every gradient again and silently
        # double them: it is refused. (Values we typed in, which have no inputs, may take part in new graphs.)
        if any(v.grad != 0 for v in order if v.inputs):
            raise ValueError("backward() has already run through this graph: compute the output again from its inputs")
        self.grad = 1.0  # d(self)/d(self)
        for v in reversed(order):  # from self back to the inputs: v.grad is complete when v's turn comes
            for u, local in v.inputs:
                u.grad += local * v.grad  # chain rule: d(self)/du += dv/du * d(self)/dv

    # The same operations with a plain number first: 2 * x, 1 - a2, ...
    def __radd__(self, other):
        return as_value(other) + self

    def __rsub__(self, other):
        return as_value(other) - self

    def __rmul__(self, other):
        return as_value(other) * self

    def __rtruediv__(self, other):
        return as_value(other) / self

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"


def as_value(x):
    """x itself if it is a Value, else a new Value holding the number x (a constant)."""
    return x if isinstance(x, Value) else Value(x)


def topological_order(output):
    """Every value that output was computed from, each listed after all of its inputs; output comes last."""
    order, seen = [], set()

    def visit(v):
        if v not in seen:
            seen.add(v)
            for u, _ in v.inputs:
                visit(u)
            order.append(v)

    visit(output)
    return order


def forward_mode(output, x):
    """d(output)/dx by one sweep *forwards*: each value's derivative by x, from its inputs' derivatives by x."""
    by_x = {x: 1.0}  # dv/dx for every value v met so far
    for v in topological_order(output):
        if v.inputs:
            by_x[v] = sum(local * by_x.get(u, 0.0) for u, local in v.inputs)
    return by_x.get(output, 0.0)


# ----------------------------------------------------------------------------
# The 2-2-1 network of chapters 02-06, built from Values
# ----------------------------------------------------------------------------


def loss(x1, x2, y, w11, w12, w13, w14, w21, w22, b11, b12, b2):
    """The loss L of one tumour, each step a Value: the equations of chapter 02, with their names.

    Returns every intermediate value by name. L is finite for z2 < 36.7 (beyond,
    a2 rounds to 1 and log(1 - a2) = log 0), and its derivatives agree with
    backpropagation's a2 - y to 1e-12 where |z2| < 8.
    """
    z11 = w11 * x1 + w12 * x2 + b11
    z12 = w13 * x1 + w14 * x2 + b12
    a11 = z11.relu()
    a12 = z12.relu()
    z2 = w21 * a11 + w22 * a12 + b2
    a2 = z2.sigmoid()
    L = -(y * a2.log() + (1 - y) * (1 - a2).log())
    return {"z11": z11, "z12": z12, "a11": a11, "a12": a12, "z2": z2, "a2": a2, "L": L}


class ValueNetwork(NeuralNetwork):
    """The loop network of chapter 04, whose gradients come from Values and backward() instead of back_prop.

    Everything else (the start, ``step``, ``fit``, ``get_accuracy_cost``,
    ``predict``) is the loop network's own, so the two can be trained side by side.
    """

    def gradients(self, X, y) -> dict[str, float]:
        """dJ/dp for the nine parameters p, J the mean loss over the rows of X: one backward pass."""
        X, y = check_data(X, y)
        w = {p: Value(getattr(self, p)) for p in PARAMETERS}
        losses = [loss(x1, x2, y_i, **w)["L"] for (x1, x2), y_i in zip(X.tolist(), y.tolist())]
        J = sum(losses) / len(losses)
        J.backward()
        return {p: w[p].grad for p in PARAMETERS}
