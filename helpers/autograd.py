"""Automatic differentiation in reverse mode, on single numbers: what GradientTape does, in one small class.

A ``Value`` holds a number and remembers how it was computed: from which
values, by which operation, and that operation's *local derivative* with
respect to each of its inputs (for z = x * y: dz/dx = y and dz/dy = x).
``backward()`` then walks the recorded graph from the output back to the
inputs and applies the chain rule once per edge, so that every value v ends up
holding v.grad = d(output)/dv. The design follows Karpathy's micrograd
(github.com/karpathy/micrograd); here each operation records its local
derivatives as numbers, right beside its forward rule.

The checks of bad use (a value that is no number, backward() run twice
through one graph, the log of a negative number ...) are kept out of the code
a learner reads: they are wrapped around it at the bottom of this module, so
the class reads like the math and bad use still stops with a ValueError that
names the problem.
"""

from __future__ import annotations

import functools
import math

from helpers.inputs import check_data, check_training, is_number
from helpers.parameters import PARAMETERS, check_params
from helpers.scratch import derivative_relu, relu, sigmoid


class Value:
    """A number that remembers how it was computed, so that derivatives can flow back through it."""

    def __init__(self, data, inputs=(), op=""):
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
    backpropagation's a2 - y to 1e-12 where |z2| < 8 (tests/test_autograd.py).
    """
    z11 = w11 * x1 + w12 * x2 + b11
    z12 = w13 * x1 + w14 * x2 + b12
    a11 = z11.relu()
    a12 = z12.relu()
    z2 = w21 * a11 + w22 * a12 + b2
    a2 = z2.sigmoid()
    L = -(y * a2.log() + (1 - y) * (1 - a2).log())
    return {"z11": z11, "z12": z12, "a11": a11, "a12": a12, "z2": z2, "a2": a2, "L": L}


def gradients(params, X, y):
    """dJ/dp for the nine parameters p, and the cost J (the mean loss over the rows of X): one backward pass."""
    w = {p: Value(value) for p, value in params.items()}
    losses = [loss(x1, x2, y_i, **w)["L"] for (x1, x2), y_i in zip(X.tolist(), y.tolist())]
    J = sum(losses) / len(losses)
    J.backward()
    return {p: w[p].grad for p in PARAMETERS}, J.data


def fit(params, X, y, alpha, epochs):
    """Full-batch gradient descent from params; returns the final parameters and each epoch's cost before its step."""
    costs = []
    for _ in range(epochs):
        grads, J = gradients(params, X, y)
        costs.append(J)
        params = {p: params[p] - alpha * grads[p] for p in PARAMETERS}
    return params, costs


# ----------------------------------------------------------------------------
# Checks of bad use, wrapped around the code above so that it stays plain.
# functools.wraps keeps each original's source visible to helpers.source.show_source.
# ----------------------------------------------------------------------------


def _check_new_value(init):
    @functools.wraps(init)
    def checked(self, data, inputs=(), op=""):
        if not (type(data) is float and math.isfinite(data)):  # the quick test first: it runs for every Value
            data = _finite_float(data, op)
        init(self, data, inputs, op)

    return checked


def _finite_float(data, op):
    """data as a finite float, or a ValueError saying what it is instead."""
    what = f"the result of {op}" if op else "a Value"
    if not is_number(data):
        raise ValueError(f"{what} must be a real number; got {data!r} ({type(data).__name__})")
    try:
        data = float(data)
    except OverflowError:
        data = math.inf
    if not math.isfinite(data):
        reason = ": a number outgrew float64 (largest about 1.8e308)" if op else ""
        raise ValueError(f"{what} must be a finite number; got {data}{reason}")
    return data


def _check_operation(method, op):
    """Turn the arithmetic errors of an operation that can fail (÷, ^, exp, log) into ValueErrors naming it."""

    @functools.wraps(method)
    def checked(self, *args):
        if op == "^" and not is_number(args[0]):
            raise ValueError(f"the exponent of a Value must be a plain number; got {args[0]!r}")
        try:
            out = method(self, *args)
        except ZeroDivisionError as error:
            raise ValueError(f"{op} at {_numbers(self, *args)}: division by zero ({error})") from None
        except OverflowError:
            raise ValueError(f"{op} at {_numbers(self, *args)} is too large for a float (about 1.8e308)") from None
        except ValueError as error:
            if str(error) != "math domain error":
                raise
            raise ValueError(f"{op} is not defined at {_numbers(self, *args)} (log needs a number > 0)") from None
        if not all(math.isfinite(local) for _, local in out.inputs):
            raise ValueError(f"the local derivative of {op} at {_numbers(self, *args)} is not finite")
        return out

    return checked


def _numbers(*operands) -> str:
    """The numbers an operation was given, for an error message: "(1.0, 0.0)"."""
    return "(" + ", ".join(repr(a.data if isinstance(a, Value) else a) for a in operands) + ")"


def _refuse_value_exponent(self, other):
    raise ValueError(f"a Value cannot be an exponent: {other!r} ** Value is not supported (use exp and log)")


def _check_backward(backward):
    @functools.wraps(backward)
    def checked(self):
        try:
            order = topological_order(self)
        except RecursionError:
            raise ValueError("this graph is deeper than Python's recursion limit lets backward() walk") from None
        if any(v.grad != 0 for v in order if v.inputs or v is self):
            raise ValueError(
                "backward() has already run through this graph (its values hold gradients); "
                "compute the output again, from fresh Values, before calling backward() again"
            )
        backward(self)

    return checked


def _check_gradients(gradients):
    @functools.wraps(gradients)
    def checked(params, X, y):
        X, y = check_data(X, y)
        return gradients(check_params(params), X, y)

    return checked


def _check_fit(fit):
    @functools.wraps(fit)
    def checked(params, X, y, alpha, epochs):
        X, y = check_training(X, y, alpha, epochs)
        return fit(check_params(params), X, y, float(alpha), epochs)

    return checked


# The operations that can fail on finite numbers; +, − and × can only overflow, which __init__'s check catches.
OPERATIONS = {"__truediv__": "÷", "__rtruediv__": "÷", "__pow__": "^", "exp": "exp", "log": "log"}
Value.__init__ = _check_new_value(Value.__init__)
for _name, _op in OPERATIONS.items():
    setattr(Value, _name, _check_operation(getattr(Value, _name), _op))
Value.__rpow__ = _refuse_value_exponent
Value.backward = _check_backward(Value.backward)
gradients = _check_gradients(gradients)
fit = _check_fit(fit)
