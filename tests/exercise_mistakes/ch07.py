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
