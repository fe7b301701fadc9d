"""Typical wrong answers to the exercises of chapter 08 (automatic differentiation)."""

from __future__ import annotations

import math

import numpy as np

from exercise_mistakes import typical
from helpers.autograd import MLP, Value

# ch08: automatic differentiation ----------------------------------------------------------------------------------


@typical("ch08.check_tanh", r"1 - tanh\(x\): the square is missing")
def tanh_without_the_square(x):
    t = math.tanh(x.data)
    return Value(t, ((x, 1 - t),), "tanh")


@typical("ch08.check_tanh", r"the wrong sign")
def tanh_slope_negated(x):
    t = math.tanh(x.data)
    return Value(t, ((x, t**2 - 1),), "tanh")


@typical("ch08.check_tanh", r"tanh\(x\)\^2, without the 1 -")
def tanh_slope_without_one_minus(x):
    t = math.tanh(x.data)
    return Value(t, ((x, t**2),), "tanh")


@typical("ch08.check_tanh", r"squares x, not tanh\(x\)")
def tanh_slope_of_x(x):
    t = math.tanh(x.data)
    return Value(t, ((x, 1 - x.data**2),), "tanh")


@typical("ch08.check_tanh", r"recorded no inputs.*x\.grad would stay 0")
def tanh_recording_nothing(x):
    return Value(math.tanh(x.data))


@typical("ch08.check_tanh", r"x was not recorded.*x\.grad = \[0\.0, 0\.0, 0\.0\]")
def tanh_recording_a_copy(x):
    t = math.tanh(x.data)
    return Value(t, ((Value(x.data), 1 - t**2),), "tanh")


@typical("ch08.check_tanh", r"returned the plain number 0\.4621, not a Value")
def tanh_of_the_number(x):
    return math.tanh(x.data)


@typical("ch08.check_tanh", r"one bare pair.*trailing comma")
def tanh_without_the_comma(x):
    t = math.tanh(x.data)
    return Value(t, ((x, 1 - t**2)), "tanh")  # the missing comma is the mistake


@typical("ch08.check_tanh", r"records x\.data, the number 0\.5, as an input")
def tanh_recording_the_number(x):
    t = math.tanh(x.data)
    return Value(t, ((x.data, 1 - t**2),), "tanh")


@typical("ch08.check_divide", r"paired with the wrong inputs")
def divide_pairs_swapped(a, b):
    return Value(a.data / b.data, ((a, -a.data / b.data**2), (b, 1 / b.data)), "÷")


@typical("ch08.check_divide", r"the wrong sign")
def divide_slope_in_b_negated(a, b):
    return Value(a.data / b.data, ((a, 1 / b.data), (b, a.data / b.data**2)), "÷")


@typical("ch08.check_divide", r"lost its factor a")
def divide_slope_in_b_without_a(a, b):
    return Value(a.data / b.data, ((a, 1 / b.data), (b, -1 / b.data**2)), "÷")


@typical("ch08.check_divide", r"still -a/b, the planted mistake")
def divide_fixed_in_the_wrong_place(a, b):
    return Value(a.data / b.data, ((a, 1 / b.data**2), (b, -a.data / b.data)), "÷")


@typical("ch08.check_divide", r"b is not among the inputs")
def divide_recording_only_a(a, b):
    return Value(a.data / b.data, ((a, 1 / b.data),), "÷")


# ch08: the loss as one operation (check_loss_operation) ------------------------------------------------------------


@typical("ch08.check_loss_operation", r"the wrong sign: y - sigma\(z\)")
def loss_operation_slope_negated(z, y):
    from helpers.scratch import binary_cross_entropy, sigmoid

    return Value(binary_cross_entropy(z.data, y), ((z, y - sigmoid(z.data)),), "loss")


@typical("ch08.check_loss_operation", r"dL/da, the slope by the probability")
def loss_operation_slope_by_a(z, y):
    from helpers.scratch import binary_cross_entropy, sigmoid

    a = sigmoid(z.data)
    return Value(binary_cross_entropy(z.data, y), ((z, -y / a + (1 - y) / (1 - a)),), "loss")


@typical("ch08.check_loss_operation", r"sigma\(z\), without the - y")
def loss_operation_slope_without_y(z, y):
    from helpers.scratch import binary_cross_entropy, sigmoid

    return Value(binary_cross_entropy(z.data, y), ((z, sigmoid(z.data)),), "loss")


@typical("ch08.check_loss_operation", r"log 0 is undefined.*Value\(37\).*math domain error")
def loss_operation_through_the_probability(z, y):
    from helpers.scratch import sigmoid

    a = sigmoid(z.data)
    return Value(-(y * math.log(a) + (1 - y) * math.log(1 - a)), ((z, a - y),), "loss")


@typical("ch08.check_loss_operation", r"overflows at a large \|z\|.*OverflowError")
def loss_operation_with_a_naive_softplus(z, y):
    from helpers.scratch import sigmoid

    t = z.data
    return Value(y * math.log(1 + math.exp(-t)) + (1 - y) * math.log(1 + math.exp(t)), ((z, sigmoid(t) - y),), "loss")


@typical("ch08.check_loss_operation", r"infinite or NaN")
def loss_operation_with_numpys_log(z, y):
    from helpers.scratch import sigmoid

    a = sigmoid(z.data)
    with np.errstate(divide="ignore", invalid="ignore"):
        return Value(float(-(y * np.log(a) + (1 - y) * np.log(1 - a))), ((z, a - y),), "loss")


@typical("ch08.check_loss_operation", r"records 2 input\(s\), not z itself")
def loss_operation_from_several_operations(z, y):
    return y * (-z).softplus() + (1 - y) * z.softplus()


@typical("ch08.check_loss_operation", r"y and 1 - y are swapped")
def loss_operation_labels_swapped(z, y):
    from helpers.scratch import binary_cross_entropy, sigmoid

    return Value(binary_cross_entropy(z.data, 1 - y), ((z, sigmoid(z.data) - y),), "loss")


@typical("ch08.check_loss_operation", r"softplus lost its term max\(t, 0\)")
def loss_operation_with_a_softplus_without_its_max(z, y):
    from helpers.scratch import sigmoid

    def softplus(t):
        return math.log1p(math.exp(-abs(t)))  # the max(t, 0) term forgotten: right for t <= 0 only

    return Value(y * softplus(-z.data) + (1 - y) * softplus(z.data), ((z, sigmoid(z.data) - y),), "loss")


# ch08: the training loop from a blank cell (exercise 6) -----------------------------------------------------------


def train_with(slip):
    """A learner's training loop on an MLP of Values, with the slip named (in SLIPS, slips.py)."""

    def train(mlp, X, y, alpha, epochs):
        rate, costs = (-1 if slip == "uphill" else 1) * (0.5 if slip == "alpha fixed" else alpha), []
        for _ in range(epochs):
            if slip != "no zero_grad":
                mlp.zero_grad()
            J = mlp.cost(X, y)
            costs.append(J.data)
            J.backward()
            for p in mlp.parameters():
                p.data = p.data - rate * p.grad
            if slip == "recorded after the step":
                costs[-1] = mlp.cost(X, y).data
        return costs

    return train


@typical("ch08.check_train", r"the loop is the exercise.*not fit, gradients or step")
def train_by_calling_fit(mlp, X, y, alpha, epochs):
    return mlp.fit(X, y, alpha=alpha, epochs=epochs)["cost"]  # the displayed call, not a loop


@typical("ch08.check_train", r"the loop is the exercise")
def train_by_the_networks_own_verbs(mlp, X, y, alpha, epochs):
    costs = []
    for _ in range(epochs):
        costs.append(mlp.cost(X, y).data)
        mlp.step(mlp.gradients(X, y), alpha)
    return costs


# ch08: a network of Values built by the learner (check_mlp) ------------------------------------------------------


def mlp_with(slip):
    """A learner's MyMLP (micrograd's nn.py in miniature) with the slip named (in SLIPS, slips.py)."""

    class Layer:
        def __init__(self, n_in, n_out, rng, hidden):
            if slip == "shared Value":
                self.W = [[Value(0.1)] * n_in for _ in range(n_out)]  # one Value repeated, not n_in Values
            elif slip == "alike":
                self.W = [[Value(0.5) for _ in range(n_in)] for _ in range(n_out)]
            else:
                self.W = [[Value(w) for w in rng.normal(0.0, math.sqrt(2 / n_in), size=n_in).tolist()]
                          for _ in range(n_out)]
            self.b = [Value(0.0) for _ in range(n_out)]
            self.hidden = hidden

        def __call__(self, x):
            if slip == "numbers":
                zs = [Value(sum(w_i.data * float(getattr(x_i, "data", x_i)) for w_i, x_i in zip(w, x)) + b.data)
                      for w, b in zip(self.W, self.b)]
            else:
                zs = [sum((w_i * x_i for w_i, x_i in zip(w, x)), b) for w, b in zip(self.W, self.b)]
            return [z.relu() for z in zs] if (slip != "no hidden relu" if self.hidden else slip == "relu out") else zs

        def parameters(self):
            if slip == "fresh Values":
                return [Value(p.data) for w, b in zip(self.W, self.b) for p in [*w, b]]
            return [p for w, b in zip(self.W, self.b) for p in (w if slip == "biases unlisted" else [*w, b])]

    class MyMLP:
        """The slip is in Layer: calling the network and listing its parameters are the series' own."""

        def __init__(self, sizes, seed=0):
            rng = np.random.default_rng(seed)
            n = len(sizes) - 1
            self.layers = [Layer(sizes[i], sizes[i + 1], rng, hidden=i != n - 1) for i in range(n)]

        __call__ = MLP.__call__
        parameters = MLP.parameters

    return MyMLP
