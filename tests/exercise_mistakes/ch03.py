"""Typical wrong answers to the exercises of chapter 03 (the network in Keras)."""

from __future__ import annotations

from exercise_mistakes import typical

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
