"""Typical wrong answers to the exercises of chapter 07 (ten classes)."""

from __future__ import annotations

import numpy as np

from exercise_mistakes import typical
from helpers.vectorized import log_softmax

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


@typical("ch07.check_softmax", r"row 1, \[0\.0, -1000\.0, 1000\.0\].*overflows.*wherever in the row")
def softmax_shifted_by_the_first_column(Z):
    E = np.exp(Z - Z[:, :1])  # right when the first logit is the largest, as in [1000, 0, -1000]
    return E / E.sum(axis=1, keepdims=True)


@typical("ch07.check_softmax", r"expected \[\[0\.731, 0\.2689, 0\.0\].*got \[\[0\.3333.*clipping")
def softmax_of_clipped_logits(Z):
    E = np.exp(np.clip(Z, -500, 500))  # finite, but [1000, 999] becomes [500, 500]
    return E / E.sum(axis=1, keepdims=True)


@typical("ch07.check_softmax", r"row 4, \[-1000\.0, -1000\.0, -1001\.0\].*rounds to 0, and 0 / 0")
def softmax_shifted_by_the_largest_magnitude(Z):
    E = np.exp(Z - np.abs(Z).max(axis=1, keepdims=True))  # every exponent <= 0, but the row of -1000s sinks to 0
    return E / E.sum(axis=1, keepdims=True)


# ch07: early stopping from the validation curve (exercise 5) -------------------------------------------------------


def _early_stopping(net, X, y, X_val, y_val, alpha, epochs, *, copy=True, start=True, label=0, by_training=False):
    """The loop a learner writes, with the slips the keywords name."""
    X_cost, y_cost = (X, y) if by_training else (X_val, y_val)
    best, weights, lowest = None, None, np.inf
    if start:
        best, weights, lowest = 0, net.get_weights(), net.get_accuracy_cost(X_cost, y_cost)[1]
    for epoch in range(1, epochs + 1):
        net.fit(X, y, alpha=alpha, epochs=1)
        cost = net.get_accuracy_cost(X_cost, y_cost)[1]
        if cost < lowest:
            kept = net.get_weights() if copy else [m for pair in zip(net.W, net.b) for m in pair]
            best, weights, lowest = epoch + label, kept, cost
    return best, weights


@typical("ch07.check_early_stopping", r"the epoch is right, but the weights are those after the last epoch.*copy")
def early_stopping_keeping_references(net, X, y, X_val, y_val, alpha, epochs):
    return _early_stopping(net, X, y, X_val, y_val, alpha, epochs, copy=False)  # net.W's arrays, stepped in place


@typical("ch07.check_early_stopping", r"the epoch is counted one too high")
def early_stopping_counting_from_one(net, X, y, X_val, y_val, alpha, epochs):
    return _early_stopping(net, X, y, X_val, y_val, alpha, epochs, label=1)


@typical("ch07.check_early_stopping", r"the start, after 0 epochs, was never compared")
def early_stopping_without_the_start(net, X, y, X_val, y_val, alpha, epochs):
    return _early_stopping(net, X, y, X_val, y_val, alpha, epochs, start=False)


@typical("ch07.check_early_stopping", r"lowest training cost, not the lowest validation cost")
def early_stopping_by_the_training_cost(net, X, y, X_val, y_val, alpha, epochs):
    return _early_stopping(net, X, y, X_val, y_val, alpha, epochs, by_training=True)


@typical("ch07.check_early_stopping", r"the weights are one epoch past")
def early_stopping_copying_after_the_next_step(net, X, y, X_val, y_val, alpha, epochs):
    best, weights, lowest, pending = 0, net.get_weights(), net.get_accuracy_cost(X_val, y_val)[1], False
    for epoch in range(1, epochs + 1):
        net.fit(X, y, alpha=alpha, epochs=1)
        if pending:  # the copy is taken one step late
            weights, pending = net.get_weights(), False
        cost = net.get_accuracy_cost(X_val, y_val)[1]
        if cost < lowest:
            best, lowest, pending = epoch, cost, True
    return best, weights
