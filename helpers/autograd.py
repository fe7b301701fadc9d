"""Automatic differentiation in reverse mode, on single numbers: what GradientTape does, in one small class.

A ``Value`` holds a number and remembers how it was computed: from which
values, by which operation, and that operation's *local derivative* with
respect to each of its inputs (for z = x * y: dz/dx = y and dz/dy = x).
``backward()`` then walks the recorded graph from the output back to the
inputs and applies the chain rule once per edge, so that every value v ends up
holding v.grad = d(output)/dv. The design follows Karpathy's micrograd
(github.com/karpathy/micrograd); here each operation records its local
derivatives as numbers, right beside its forward rule.

Below the class: the loss of the 2-2-1 network, computed from its logit
(``cross_entropy``, ``loss``), the loop network trained on it (``ValueNetwork``),
networks of any size (``Neuron``, ``Layer``, ``MLP``, after micrograd's nn.py),
and last ``Tensor``: the same idea with one node per matrix operation, as frameworks record it.

The class is exactly what runs. It checks two things itself, each in one
visible line: a Value holds a finite number, and backward() runs once per
graph. Everything else that can go wrong is said by Python itself, in its own
words: ``ZeroDivisionError`` for a division by 0, ``math domain error`` for
the log of a number <= 0, ``math range error`` for an exp that overflows.
"""

from __future__ import annotations

import math

import numpy as np

from helpers import vectorized
from helpers.inputs import check_count, check_data
from helpers.parameters import PARAMETERS
from helpers.scratch import NeuralNetwork, derivative_relu, relu, sigmoid, softplus
from helpers.training import Network


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

    def softplus(self):
        """softplus(z) = log(1 + e^z), for every finite z (chapter 04's softplus); its slope is sigma(z)."""
        return Value(softplus(self.data), ((self, sigmoid(self.data)),), "softplus")

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


def cross_entropy(z, y):
    """The loss -(y log a + (1 - y) log(1 - a)) of a = sigma(z), computed from the logit z: finite for every z.

    -log sigma(z) = softplus(-z) and -log(1 - sigma(z)) = softplus(z), so no
    probability is rounded to 0 or 1 and logged; dL/dz comes out as sigma(z) - y.
    """
    return y * (-z).softplus() + (1 - y) * z.softplus()


def loss(x1, x2, y, w11, w12, w13, w14, w21, w22, b11, b12, b2):
    """The loss L of one tumour, each step a Value: the equations of chapter 02, with their names.

    Returns every intermediate value by name. L is computed from the logit z2
    (``cross_entropy``), so it is finite for every z2; a2 is the prediction, which L does not need.
    """
    z11 = w11 * x1 + w12 * x2 + b11
    z12 = w13 * x1 + w14 * x2 + b12
    a11 = z11.relu()
    a12 = z12.relu()
    z2 = w21 * a11 + w22 * a12 + b2
    a2 = z2.sigmoid()
    L = cross_entropy(z2, y)
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


# ----------------------------------------------------------------------------
# A network of any size, built from Values (micrograd's nn.py, in the series' vocabulary)
# ----------------------------------------------------------------------------


class Neuron:
    """One unit: z = w1 x1 + w2 x2 + ... + b, then relu for a hidden unit; an output unit returns z, the logit."""

    def __init__(self, n_inputs, rng, hidden=True):
        self.w = [Value(wi) for wi in rng.normal(0.0, math.sqrt(2 / n_inputs), size=n_inputs).tolist()]  # He's start
        self.b = Value(0.0)
        self.hidden = hidden

    def __call__(self, x):
        z = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return z.relu() if self.hidden else z

    def parameters(self):
        return self.w + [self.b]


class Layer:
    """n_units neurons, each looking at all the inputs."""

    def __init__(self, n_inputs, n_units, rng, hidden=True):
        self.neurons = [Neuron(n_inputs, rng, hidden) for _ in range(n_units)]

    def __call__(self, x):
        return [neuron(x) for neuron in self.neurons]

    def parameters(self):
        return [p for neuron in self.neurons for p in neuron.parameters()]


class MLP(Network):
    """Layers of Neurons: relu hidden layers, one linear output unit whose z is the logit; trained by ``fit``.

    ``MLP([2, 8, 8, 1])`` has the layout of ``VectorizedNetwork([2, 8, 8, 1])``,
    and ``get_weights`` gives its numbers in that network's matrices. Its
    gradients come from one backward() through the cost of all the rows.
    """

    def __init__(self, sizes, seed=0):
        sizes = [check_count("every layer size", size) for size in sizes]
        rng = np.random.default_rng(seed)
        last = len(sizes) - 2
        self.layers = [Layer(sizes[k], sizes[k + 1], rng, hidden=k < last) for k in range(last + 1)]
        self.n_inputs = sizes[0]
        self.history = {"cost": [], "accuracy": []}

    def __call__(self, x):
        """The logit z of one example x (a list of numbers), a Value."""
        for layer in self.layers:
            x = layer(x)
        return x[0]

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0

    def cost(self, X, y):
        """J, the mean loss over the rows of X, as a Value built on the parameters."""
        losses = [cross_entropy(self(x), y_i) for x, y_i in zip(X.tolist(), y.tolist())]
        return sum(losses) / len(losses)

    def gradients(self, X, y):
        """dJ/dp for every parameter p, in the order of ``parameters()``."""
        X, y = check_data(X, y, self.n_inputs)
        self.zero_grad()  # backward() adds (+=) to what the parameters already hold
        self.cost(X, y).backward()
        return [p.grad for p in self.parameters()]

    def step(self, grads, alpha):
        for p, dp in zip(self.parameters(), grads):
            p.data -= alpha * dp

    def get_accuracy_cost(self, X, y):
        X, y = check_data(X, y, self.n_inputs)
        logits = [self(x) for x in X.tolist()]
        correct = sum((sigmoid(z.data) > 0.5) == y_i for z, y_i in zip(logits, y.tolist()))
        cost = sum(cross_entropy(z, y_i) for z, y_i in zip(logits, y.tolist())) / len(X)
        return correct / len(X), cost.data

    def predict_proba(self, X):
        return np.array([sigmoid(self(x).data) for x in X.tolist()])

    def get_weights(self):
        """[W1, b1, W2, b2, ...] as VectorizedNetwork.set_weights takes them: W[i, j] from input i to unit j."""
        weights = []
        for layer in self.layers:
            weights.append(np.array([[n.w[i].data for n in layer.neurons] for i in range(len(layer.neurons[0].w))]))
            weights.append(np.array([n.b.data for n in layer.neurons]))
        return weights


# ----------------------------------------------------------------------------
# One node per matrix: what frameworks record (section 14 of chapter 08)
# ----------------------------------------------------------------------------


class Tensor:
    """A matrix that remembers how it was computed: Value's idea, one node per matrix operation.

    A local derivative of a matrix operation would be a huge table (every entry
    of the result by every entry of an input), so each operation records instead,
    for each input, the rule that turns d(output)/d(result) into that input's
    share of d(output)/d(input): chapter 06's formulas, such as dW = A^T dZ.
    """

    def __init__(self, data, inputs=()):
        self.data = np.asarray(data, dtype=float)
        self.grad = np.zeros_like(self.data)  # d(output)/d(this matrix), entry by entry
        self.inputs = inputs  # pairs (input Tensor, rule: d(output)/d(this) -> share of d(output)/d(input))

    def __matmul__(self, W):  # Z = A @ W
        return Tensor(self.data @ W.data, ((self, lambda dZ: dZ @ W.data.T), (W, lambda dZ: self.data.T @ dZ)))

    def __add__(self, b):  # Z + b, b added to every row
        return Tensor(self.data + b.data, ((self, lambda dZ: dZ), (b, lambda dZ: dZ.sum(axis=0))))

    def relu(self):
        return Tensor(vectorized.relu(self.data), ((self, lambda dA: dA * vectorized.derivative_relu(self.data)),))

    def cross_entropy(self, Y):
        """The mean loss J of logits Z (n, 1) against labels Y (n, 1), from the logits; dJ/dZ = (sigma(Z) - Y) / n."""
        Z, n = self.data, len(self.data)
        return Tensor(vectorized.binary_cross_entropy(Z, Y), ((self, lambda dJ: dJ * (vectorized.sigmoid(Z) - Y) / n),))

    def backward(self):
        """Fill in t.grad = d(self)/dt for every matrix t that self was computed from."""
        self.grad = np.ones_like(self.data)
        for t in reversed(topological_order(self)):
            for u, rule in t.inputs:
                u.grad += rule(t.grad)  # chain rule, a matrix at a time: u's share of d(self)/dt
