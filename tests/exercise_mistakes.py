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


def unit_2_gradients_with(*, unit=2, gate=True, inputs_swapped=False, sign=1):
    """Unit 2's three gradients as a learner writes them, with the one slip its arguments name."""

    def unit_2_gradients(x1, x2, forward, dz2, w21, w22):
        w2j, z1j = (w22, forward["z12"]) if unit == 2 else (w21, forward["z11"])
        d = sign * dz2 * w2j * ((z1j > 0) if gate else 1)
        first, second = (x2, x1) if inputs_swapped else (x1, x2)
        return {"w13": d * first, "w14": d * second, "b12": d}

    return unit_2_gradients


typical("ch04.check_unit_2_gradients", r"uses hidden unit 1's signal")(unit_2_gradients_with(unit=1))
typical("ch04.check_unit_2_gradients", r"must be 0.*relu'\(z12\)")(unit_2_gradients_with(gate=False))
typical("ch04.check_unit_2_gradients", r"multiplies the wrong input")(unit_2_gradients_with(inputs_swapped=True))
typical("ch04.check_unit_2_gradients", r"wrong sign")(unit_2_gradients_with(sign=-1))


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


def backward_with(*, mean=True, transpose=True, gate=True, bias_axis=0, dW1=lambda X, dZ1: X.T @ dZ1, sign=1):
    """Chapter 06's 2-2-1 backward as a learner writes it, with the one slip its arguments name."""

    def backward(X, Y, Z1, A1, A2, W2):
        dZ2 = sign * (A2 - Y) / (len(X) if mean else 1)
        dZ1 = dZ2 @ (W2.T if transpose else W2)
        if gate:
            dZ1 = dZ1 * (Z1 > 0)
        return dW1(X, dZ1), dZ1.sum(axis=bias_axis), A1.T @ dZ2, dZ2.sum(axis=0)

    return backward


typical("ch06.check_backward", r"missing its 1/n")(backward_with(mean=False))
typical("ch06.check_backward", r"probably a missing transpose")(backward_with(transpose=False))
typical("ch06.check_backward", r"missing the relu' gate")(backward_with(gate=False))
typical("ch06.check_backward", r"you summed along each row")(backward_with(bias_axis=1))
typical("ch06.check_backward", r"dW1 is the transpose")(backward_with(dW1=lambda X, dZ1: dZ1.T @ X))
typical("ch06.check_backward", r"the wrong sign")(backward_with(sign=-1))


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


# ch06 (issue 18): backward through two hidden layers ----------------------------------------------------------------


def two_hidden_with(*, mean=True, transpose=True, first_gate=True, gates_swapped=False, gate_by_value=False,
                    bias_mean=False, dW_transposed=False):
    """back_prop for two hidden layers as a learner writes it, with the one slip its arguments name."""

    def back_prop_two_hidden(Zs, As, Ws, Y):
        Z1, Z2 = (Zs[1], Zs[0]) if gates_swapped else (Zs[0], Zs[1])
        X, A1, A2, A3 = As
        _, W2, W3 = Ws
        gate1, gate2 = (A1, A2) if gate_by_value else (Z1 > 0, Z2 > 0)
        dZ3 = (A3 - Y) / (len(Y) if mean else 1)
        dZ2 = (dZ3 @ W3.T) * gate2
        dZ1 = dZ2 @ (W2.T if transpose else W2)
        if first_gate:
            dZ1 = dZ1 * gate1
        pairs = [(X, dZ1), (A1, dZ2), (A2, dZ3)]
        dWs = [dZ.T @ A if dW_transposed else A.T @ dZ for A, dZ in pairs]
        return dWs, [dZ.mean(axis=0) if bias_mean else dZ.sum(axis=0) for _, dZ in pairs]

    return back_prop_two_hidden


two_hidden = "ch06.check_back_prop_two_hidden"
typical(two_hidden, r"missing its 1/n")(two_hidden_with(mean=False))
typical(two_hidden, r"dZ1 multiplies by W2, not by its transpose: W2 is square here")(two_hidden_with(transpose=False))
typical(two_hidden, r"dZ1 is missing the relu' gate \(dZ2 has it\)")(two_hidden_with(first_gate=False))
typical(two_hidden, r"gated by the other layer's Z")(two_hidden_with(gates_swapped=True))
typical(two_hidden, r"gated by relu\(Z\) = A, not by relu'\(Z\)")(two_hidden_with(gate_by_value=True))
typical(two_hidden, r"n = 3 times too small: dZ already holds the 1/n")(two_hidden_with(bias_mean=True))
typical(two_hidden, r"dW1 has shape \(4, 2\), the transpose of W1's \(2, 4\)")(two_hidden_with(dW_transposed=True))


# ch04: He's start for a layer (check_he_weights) ------------------------------------------------------------------


@typical("ch04.check_he_weights", r"the std is 2 / n_in, which is the variance")
def he_weights_variance_as_the_std(n_in, n_out, rng):
    return rng.normal(0.0, 2 / n_in, size=(n_in, n_out))


@typical("ch04.check_he_weights", r"the scale uses n_out = 5, the number of units")
def he_weights_from_the_fan_out(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2 / n_out), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"the variance is 1 / n_in, half of He's")
def he_weights_without_the_factor_2(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1 / n_in), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"2 / \(n_in \+ n_out\), Glorot's start")
def he_weights_glorot(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2 / (n_in + n_out)), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"standard normal, not scaled")
def he_weights_unscaled(n_in, n_out, rng):
    return rng.standard_normal((n_in, n_out))


@typical("ch04.check_he_weights", r"has shape \(5, 400\); expected \(400, 5\).*one row per input")
def he_weights_transposed(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2 / n_in), size=(n_out, n_in))


@typical("ch04.check_he_weights", r"two different W for two generators both seeded 0.*not from np\.random")
def he_weights_from_the_global_generator(n_in, n_out, rng):
    return np.random.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"two units the same weights: they would stay equal forever")
def he_weights_one_column_repeated(n_in, n_out, rng):
    return np.tile(rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, 1)), (1, n_out))


@typical("ch04.check_he_weights", r"average 0\.03536, not 0.*centred at 0")
def he_weights_uniform_from_0_to_1(n_in, n_out, rng):
    return rng.random((n_in, n_out)) * np.sqrt(2 / n_in)


# ch02: the math, two paths (exercise 5) ------------------------------------------------------------------------


@typical("ch02.check_input_signals", r"only the path through z11 is there")
def input_signals_one_path(w, dz11, dz12):
    return dz11 * w["w11"], dz11 * w["w12"]


@typical("ch02.check_input_signals", r"x1's slope uses w11 and w12, the two weights into unit 1")
def input_signals_by_unit_numbering(w, dz11, dz12):
    return dz11 * w["w11"] + dz12 * w["w12"], dz11 * w["w13"] + dz12 * w["w14"]


@typical("ch02.check_input_signals", r"the two paths are multiplied")
def input_signals_paths_multiplied(w, dz11, dz12):
    return dz11 * w["w11"] * dz12 * w["w13"], dz11 * w["w12"] * dz12 * w["w14"]


@typical("ch02.check_input_signals", r"the two slopes are swapped")
def input_signals_swapped(w, dz11, dz12):
    return dz11 * w["w12"] + dz12 * w["w14"], dz11 * w["w11"] + dz12 * w["w13"]


@typical("ch02.check_input_signals", r"has shape \(\); expected \(2,\)")
def input_signals_only_x1(w, dz11, dz12):
    return dz11 * w["w11"] + dz12 * w["w13"]


# ch03: collapse a stack of linear layers (issue 18) ---------------------------------------------------------------


@typical("ch03.check_collapse", r"the last layer's bias only")
def collapse_keeping_the_last_bias(weights):
    W = weights[0]
    for W_next in weights[2::2]:
        W = W @ W_next
    return W, weights[-1]


@typical("ch03.check_collapse", r"the bias adds the layers' biases, b1 \+ b2")
def collapse_adding_the_biases(weights):
    W, b = weights[0], weights[1]
    for W_next, b_next in zip(weights[2::2], weights[3::2]):
        W, b = W @ W_next, b + b_next
    return W, b


@typical("ch03.check_collapse", r"later layers' own biases left out")
def collapse_without_the_later_biases(weights):
    W, b = weights[0], weights[1]
    for W_next in weights[2::2]:
        W, b = W @ W_next, b @ W_next
    return W, b


@typical("ch03.check_collapse", r"only through the next layer's kernel")
def collapse_each_bias_through_one_kernel(weights):
    W = weights[0]
    for W_next in weights[2::2]:
        W = W @ W_next
    b = weights[-1]
    for b_before, W_next in zip(weights[1:-1:2], weights[2::2]):
        b = b + b_before @ W_next
    return W, b


@typical("ch03.check_collapse", r"handles two layers only")
def collapse_two_layers(weights):
    W1, b1, W2, b2 = weights
    return W1 @ W2, b1 @ W2 + b2


@typical("ch03.check_collapse", r"multiply in the order of the layers")
def collapse_in_reverse_order(weights):
    W, b = weights[0], weights[1]
    for W_next, b_next in zip(weights[2::2], weights[3::2]):
        W, b = W_next @ W, b @ W_next + b_next
    return W, b


@typical("ch03.check_collapse", r"the kernel is transposed")
def collapse_transposed(weights):
    W, b = weights[0].T, weights[1]
    for W_next, b_next in zip(weights[2::2], weights[3::2]):
        W, b = W_next.T @ W, b @ W_next + b_next
    return W, b


@typical("ch03.check_collapse", r"changed the arrays it was given")
def collapse_into_the_given_biases(weights):
    W, b = weights[0], weights[1]
    for W_next, b_next in zip(weights[2::2], weights[3::2]):
        W = W @ W_next
        b_next += b @ W_next  # the right number, but written into the caller's array
        b = b_next
    return W, b


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


# ch07: the weight-decay penalty (exercise 4) --------------------------------------------------------------------


@typical("ch07.check_l2_penalty", r"the factor 1/2 is missing")
def l2_penalty_without_the_half(weights, lam):
    return lam * sum(np.sum(W**2) for W in weights[0::2])


@typical("ch07.check_l2_penalty", r"includes the biases")
def l2_penalty_of_the_biases_too(weights, lam):
    return lam / 2 * sum(np.sum(m**2) for m in weights)


@typical("ch07.check_l2_penalty", r"sums \|w\|, not w squared")
def l2_penalty_of_absolute_values(weights, lam):
    return lam / 2 * sum(np.sum(np.abs(W)) for W in weights[0::2])


@typical("ch07.check_l2_penalty", r"counts the first weight matrix only")
def l2_penalty_of_the_first_layer(weights, lam):
    return lam / 2 * np.sum(weights[0] ** 2)


@typical("ch07.check_l2_penalty", r"mean square, not its sum")
def l2_penalty_of_mean_squares(weights, lam):
    return lam / 2 * sum(np.mean(W**2) for W in weights[0::2])


# ch08: the training loop from a blank cell (exercise 6) -----------------------------------------------------------


def train_with(*, zero=True, sign=1.0, record_after=False, alpha_used=None):
    """A learner's training loop on an MLP of Values, with the one slip its arguments name."""

    def train(mlp, X, y, alpha, epochs):
        rate, costs = sign * (alpha_used or alpha), []
        for _ in range(epochs):
            if zero:
                mlp.zero_grad()
            J = mlp.cost(X, y)
            costs.append(J.data)
            J.backward()
            for p in mlp.parameters():
                p.data = p.data - rate * p.grad
            if record_after:
                costs[-1] = mlp.cost(X, y).data
        return costs

    return train


typical("ch08.check_train", r"they were not zeroed before each backward\(\)")(train_with(zero=False))
typical("ch08.check_train", r"the steps go uphill")(train_with(sign=-1.0))
typical("ch08.check_train", r"recorded after its step")(train_with(record_after=True))
typical("ch08.check_train", r"the learning rate is 0.5 whatever alpha is")(train_with(alpha_used=0.5))
