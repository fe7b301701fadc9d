"""Typical wrong answers to the series' exercises, as a learner would write them, and what the check must say.

Each wrong answer is a plain function, the way it would stand in the
notebook's cell, registered by ``@typical(check, phrase)``: handed to the check
(e.g. ``ch02.check_relu_prime``), it must get a ✗ message that matches the
regular expression ``phrase``, so that the learner is told what the problem
is, not merely that there is one. MISTAKES maps each check to its (function,
phrase) pairs; tests/test_exercises.py runs them all.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from helpers.autograd import Value
from helpers.vectorized import log_softmax

MISTAKES: dict[str, list[tuple[Callable, str]]] = {}


def typical(check: str, phrase: str) -> Callable:
    """Register the function below as a typical wrong answer to ``check``, whose message must match ``phrase``."""

    def register(answer: Callable) -> Callable:
        MISTAKES.setdefault(check, []).append((answer, phrase))
        return answer

    return register


def naive_sigmoid(z):
    """The textbook 1 / (1 + e^-z), as a learner writes it: it overflows for z below about -709."""
    return 1 / (1 + math.exp(-z))


def softplus(t):
    """log(1 + e^t), written the stable way, for the wrong answers that use it correctly."""
    return max(t, 0) + math.log1p(math.exp(-abs(t)))


# ch01: the data ---------------------------------------------------------------------------------------------------


@typical("ch01.check_radius_rule", r"exactly 15 is called malignant.*>, not >=")
def radius_rule_at_or_above(X, r):
    return (X[:, 1] >= r).astype(int)


@typical("ch01.check_radius_rule", r"a column of shape \(5, 1\)")
def radius_rule_as_a_column(X, r):
    return X[:, [1]] > r


@typical("ch01.check_radius_rule", r"compares texture_mean \(column 0\)")
def radius_rule_on_texture(X, r):
    return (X[:, 0] > r).astype(int)


@typical("ch01.check_radius_rule", r"returned one value, .*: expected one answer per row")
def radius_rule_counted(X, r):
    return (X[:, 1] > r).sum()


@typical("ch01.check_radius_rule", r"calls the small tumours malignant")
def radius_rule_below(X, r):
    return (X[:, 1] < r).astype(int)


@typical("ch01.check_zscore_with_training_stats", r"of X itself, not of X_train")
def zscore_with_own_stats(X_train, X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


@typical("ch01.check_zscore_with_training_stats", r"ddof=1")
def zscore_with_sample_std(X_train, X):
    return (X - X_train.mean(axis=0)) / X_train.std(axis=0, ddof=1)


@typical("ch01.check_zscore_with_training_stats", r"by the variance")
def zscore_by_variance(X_train, X):
    return (X - X_train.mean(axis=0)) / X_train.var(axis=0)


@typical("ch01.check_zscore_with_training_stats", r"one mean and one standard deviation")
def zscore_whole_table(X_train, X):
    return (X - X_train.mean()) / X_train.std()


@typical("ch01.check_zscore_with_training_stats", r"does not subtract the mean")
def zscore_without_mean(X_train, X):
    return X / X_train.std(axis=0)


# ch02: the math ---------------------------------------------------------------------------------------------------


@typical("ch02.check_relu_prime", r"relu'\(0\) = 0")
def relu_prime_at_or_above(z):
    return 1.0 if z >= 0 else 0.0


@typical("ch02.check_relu_prime", r"which is relu\(.*\), not its slope")
def relu_prime_is_relu(z):
    return max(z, 0.0)


@typical("ch02.check_relu_prime", r"relu_prime\(-2.0\) returned 1; expected 0")
def relu_prime_upside_down(z):
    return 0.0 if z > 0 else 1.0


@typical("ch02.check_relu_prime", r"should be a number; it is list")
def relu_prime_in_a_list(z):
    return [1.0 if z > 0 else 0.0]


@typical("ch02.check_sigmoid_prime", r"sigmoid_prime\(-3.0\) is 1 - sigma\(z\)")
def sigmoid_prime_one_minus(z):
    return 1 - naive_sigmoid(z)


@typical("ch02.check_sigmoid_prime", r"is sigma\(z\)\^2: expected sigma\(z\)\(1 - sigma\(z\)\)")
def sigmoid_prime_squared(z):
    return naive_sigmoid(z) ** 2


@typical("ch02.check_sigmoid_prime", r"has the wrong sign")
def sigmoid_prime_negated(z):
    s = naive_sigmoid(z)
    return -s * (1 - s)


@typical("ch02.check_sigmoid_prime", r"is sigma\(z\) itself")
def sigmoid_prime_is_sigmoid(z):
    return naive_sigmoid(z)


# ch03: the network in Keras ---------------------------------------------------------------------------------------


@typical("ch03.check_accuracy_from_logits", r"cuts the logit at 0.5")
def accuracy_at_one_half(z2, y):
    return ((z2[:, 0] > 0.5) == y).mean()


@typical("ch03.check_accuracy_from_logits", r"calls the tumour with z2 = 0 malignant")
def accuracy_at_or_above_zero(z2, y):
    return ((z2[:, 0] >= 0) == y).mean()


@typical("ch03.check_accuracy_from_logits", r"broadcast them to an 8 x 8 table")
def accuracy_of_a_column(z2, y):
    return ((z2 > 0) == y).mean()


@typical("ch03.check_accuracy_from_logits", r"a count of right answers, not a share")
def accuracy_as_a_count(z2, y):
    return ((z2[:, 0] > 0) == y).sum()


@typical("ch03.check_accuracy_from_logits", r"array of shape \(8,\), not one number")
def accuracy_row_by_row(z2, y):
    return (z2[:, 0] > 0) == y


@typical("ch03.check_accuracy_from_logits", r"the share of wrong answers")
def accuracy_of_the_wrong_answers(z2, y):
    return ((z2[:, 0] > 0) != y).mean()


# ch04: the loop network -------------------------------------------------------------------------------------------


@typical("ch04.check_loss_from_logit", r"textbook formula takes log\(0\)")
def loss_from_the_probability(z2, y):
    a2 = naive_sigmoid(z2)
    return -(y * math.log(a2) + (1 - y) * math.log(1 - a2))


@typical("ch04.check_loss_from_logit", r"the loss of the other label")
def loss_of_the_other_label(z2, y):
    return y * softplus(z2) + (1 - y) * softplus(-z2)


@typical("ch04.check_loss_from_logit", r"has the wrong sign")
def loss_negated(z2, y):
    return -(y * softplus(-z2) + (1 - y) * softplus(z2))


@typical("ch04.check_unit_2_gradients", r"uses hidden unit 1's signal")
def unit_2_gradients_from_unit_1(x1, x2, forward, dz2, w21, w22):
    d = dz2 * w21 * (forward["z11"] > 0)
    return {"w13": d * x1, "w14": d * x2, "b12": d}


@typical("ch04.check_unit_2_gradients", r"must be 0.*relu'\(z12\)")
def unit_2_gradients_without_the_gate(x1, x2, forward, dz2, w21, w22):
    d = dz2 * w22
    return {"w13": d * x1, "w14": d * x2, "b12": d}


@typical("ch04.check_unit_2_gradients", r"multiplies the wrong input")
def unit_2_gradients_inputs_swapped(x1, x2, forward, dz2, w21, w22):
    d = dz2 * w22 * (forward["z12"] > 0)
    return {"w13": d * x2, "w14": d * x1, "b12": d}


@typical("ch04.check_unit_2_gradients", r"wrong sign")
def unit_2_gradients_negated(x1, x2, forward, dz2, w21, w22):
    d = -dz2 * w22 * (forward["z12"] > 0)
    return {"w13": d * x1, "w14": d * x2, "b12": d}


@typical("ch04.check_gradient_step", r"step uphill")
def gradient_step_uphill(params, grads, alpha):
    return {p: params[p] + alpha * grads[p] for p in params}


@typical("ch04.check_gradient_step", r"forgot alpha")
def gradient_step_without_alpha(params, grads, alpha):
    return {p: params[p] - grads[p] for p in params}


@typical("ch04.check_gradient_step", r"changed params in place but returned nothing")
def gradient_step_in_place(params, grads, alpha):
    for p in params:
        params[p] -= alpha * grads[p]


@typical("ch04.check_gradient_step", r"a dict of all nine parameters")
def gradient_step_weights_only(params, grads, alpha):
    return {p: params[p] - alpha * grads[p] for p in params if p[0] == "w"}


# ch05: four gradients, one answer ---------------------------------------------------------------------------------


@typical("ch05.check_central_difference", r"a one-sided difference")
def central_difference_one_sided(cost_of, params, p, h):
    up = dict(params)
    up[p] += h
    return (cost_of(up) - cost_of(params)) / h


@typical("ch05.check_central_difference", r"divides by h, but .* are 2h apart")
def central_difference_over_h(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(up) - cost_of(down)) / h


@typical("ch05.check_central_difference", r"moves all nine parameters at once")
def central_difference_of_everything(cost_of, params, p, h):
    up = {q: v + h for q, v in params.items()}
    down = {q: v - h for q, v in params.items()}
    return (cost_of(up) - cost_of(down)) / (2 * h)


@typical("ch05.check_central_difference", r"the sign flipped")
def central_difference_backwards(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(down) - cost_of(up)) / (2 * h)


@typical("ch05.check_central_difference", r"changed the dict params it was given")
def central_difference_in_place(cost_of, params, p, h):
    params[p] += h
    above = cost_of(params)
    params[p] -= 2 * h
    return (above - cost_of(params)) / (2 * h)


# ch06: from loops to matrices -------------------------------------------------------------------------------------


@typical("ch06.check_backward", r"missing its 1/n")
def backward_without_the_mean(X, Y, Z1, A1, A2, W2):
    dZ2 = A2 - Y
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"probably a missing transpose")
def backward_without_a_transpose(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / len(X)
    dZ1 = (dZ2 @ W2) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"missing the relu' gate")
def backward_without_the_gate(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / len(X)
    dZ1 = dZ2 @ W2.T
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"you summed along each row")
def backward_summing_rows(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=1), A1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"dW1 is the transpose")
def backward_transposed_dW1(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return dZ1.T @ X, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"the wrong sign")
def backward_label_minus_prediction(X, Y, Z1, A1, A2, W2):
    dZ2 = (Y - A2) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


# ch07: ten classes ------------------------------------------------------------------------------------------------


@typical("ch07.check_softmax", r"overflowed")
def softmax_unshifted(Z):
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


@typical("ch07.check_softmax", r"each column sums to 1 instead of each row")
def softmax_by_column(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


@typical("ch07.check_softmax", r"second row came back as \[nan.*the largest logit of the whole batch.*exact arithmetic")
def softmax_shifted_by_the_batch_maximum(Z):
    E = np.exp(Z - Z.max())
    return E / E.sum(axis=1, keepdims=True)


@typical("ch07.check_softmax", r"these are log-probabilities")
def softmax_in_logs(Z):
    S = Z - Z.max(axis=1, keepdims=True)
    return S - np.log(np.exp(S).sum(axis=1, keepdims=True))


@typical("ch07.check_softmax", r"does not line up with the rows.*could not be broadcast.*keepdims=True")
def softmax_without_keepdims(Z):
    E = np.exp(Z - Z.max(axis=1))
    return E / E.sum(axis=1)


@typical("ch07.check_softmax", r"the whole matrix sums to 1")
def softmax_over_the_batch(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum()


@typical("ch07.check_softmax", r"the signs are flipped")
def softmax_of_minus_z(Z):
    E = np.exp(-(Z - Z.max(axis=1, keepdims=True)))
    return E / E.sum(axis=1, keepdims=True)


@typical("ch07.check_cross_entropy", r"the sum of the 4 losses, not their mean")
def cross_entropy_summed(Z, Y):
    return float(-np.sum(Y * log_softmax(Z)))


@typical("ch07.check_cross_entropy", r"averages over the 3 classes as well")
def cross_entropy_averaged_over_everything(Z, Y):
    return float(-np.mean(Y * log_softmax(Z)))


@typical("ch07.check_cross_entropy", r"the sign is flipped")
def cross_entropy_without_the_minus(Z, Y):
    return float(np.mean(np.sum(Y * log_softmax(Z), axis=1)))


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


@typical("ch08.check_tanh", r"x was not recorded.*x\.grad = 0")
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
