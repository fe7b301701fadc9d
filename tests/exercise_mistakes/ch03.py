"""Typical wrong answers to the exercises of chapter 03 (the network in Keras)."""

from __future__ import annotations

import numpy as np

from exercise_mistakes import typical

# ch03: the parameter count of any stack of Dense layers -----------------------------------------------------------


@typical("ch03.check_n_parameters", r"counts the weights only")
def n_parameters_without_biases(sizes):
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


@typical("ch03.check_n_parameters", r"one bias per input instead of one per unit")
def n_parameters_with_a_bias_per_input(sizes):
    return sum(n_in * n_out + n_in for n_in, n_out in zip(sizes[:-1], sizes[1:]))


@typical("ch03.check_n_parameters", r"a bias for the inputs too")
def n_parameters_with_biases_on_the_inputs(sizes):
    total = 0
    for i in range(len(sizes) - 1):
        total += sizes[i] * sizes[i + 1]
    return total + sum(sizes)


@typical("ch03.check_n_parameters", r"leaves out the last layer")
def n_parameters_one_pair_short(sizes):
    total = 0
    for i in range(len(sizes) - 2):
        total += sizes[i] * sizes[i + 1] + sizes[i + 1]
    return total


@typical("ch03.check_n_parameters", r"one count per layer, .*not the total")
def n_parameters_per_layer(sizes):
    return [n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])]


@typical("ch03.check_n_parameters", r"handles one depth only: n_parameters\(\[3, 5, 2\]\) raised ValueError")
def n_parameters_of_two_hidden_layers(sizes):
    n0, n1, n2, n3 = sizes  # written for exercise 1's 2-16-16-1 network only
    return (n0 * n1 + n1) + (n1 * n2 + n2) + (n2 * n3 + n3)


@typical("ch03.check_n_parameters", r"n_parameters\(\[3, 5, 2\]\) is 32; yours gives 337")
def n_parameters_of_exercise_one(sizes):
    return 337


@typical("ch03.check_n_parameters", r"changed sizes in place")
def n_parameters_popping_the_sizes(sizes):
    total = 0
    while len(sizes) > 1:
        n_in = sizes.pop(0)
        total += n_in * sizes[0] + sizes[0]
    return total

# ch03: the network in Keras ---------------------------------------------------------------------------------------


@typical("ch03.check_accuracy_from_logits", r"cuts the logit at 0.5")
def accuracy_at_one_half(z2, y):
    return ((z2[:, 0] > 0.5) == y).mean()


@typical("ch03.check_accuracy_from_logits", r"calls a tumour with z2 = 0 malignant")
def accuracy_at_or_above_zero(z2, y):
    return ((z2[:, 0] >= 0) == y).mean()


@typical("ch03.check_accuracy_from_logits", r"broadcast them to a table of 8 x 8 = 64 comparisons")
def accuracy_of_a_column(z2, y):
    return ((z2 > 0) == y).mean()


@typical("ch03.check_accuracy_from_logits", r"a count of right answers, not a share")
def accuracy_as_a_count(z2, y):
    return ((z2[:, 0] > 0) == y).sum()


@typical("ch03.check_accuracy_from_logits", r"array of shape \(8,\), not one number")
def accuracy_row_by_row(z2, y):
    return (z2[:, 0] > 0) == y


@typical("ch03.check_accuracy_from_logits", r"a percentage, not a share")
def accuracy_in_percent(z2, y):
    return 100 * np.mean((z2[:, 0] > 0) == y)


@typical("ch03.check_accuracy_from_logits", r"share of tumours called malignant, without the labels")
def accuracy_without_the_labels(z2, y):
    return np.mean(z2[:, 0] > 0)


@typical("ch03.check_accuracy_from_logits", r"on z2 = \[0.1, -0.1, 3, 0, -2.5\].*expected 0.6000, got 0.375")
def accuracy_of_eight_tumours(z2, y):
    return np.sum((z2[:, 0] > 0) == y) / 8  # the worked example's 8, not len(y)


@typical("ch03.check_accuracy_from_logits", r"the share of wrong answers")
def accuracy_of_the_wrong_answers(z2, y):
    return ((z2[:, 0] > 0) != y).mean()


# ch03: collapse a stack of linear layers --------------------------------------------------------------------------


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


@typical("ch03.check_collapse", r"changed (the arrays it was given|weights in place)")
def collapse_into_the_given_biases(weights):
    W, b = weights[0], weights[1]
    for W_next, b_next in zip(weights[2::2], weights[3::2]):
        W = W @ W_next
        b_next += b @ W_next  # the right number, but written into the caller's array
        b = b_next
    return W, b


# ch03: the find-the-bug compile call: edits that leave the planted bug, or fix it and break something else --------


def compiled_with(model, from_logits=False, learning_rate=0.01, metric="threshold 0"):
    """The exercise's compile call with one or more of its arguments edited."""
    import keras

    metrics = {"threshold 0": [keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")],
               "string": ["accuracy"]}[metric]
    model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=from_logits),
                  optimizer=keras.optimizers.Adam(learning_rate=learning_rate), metrics=metrics)


@typical("ch03.check_compile_logit_model", r"you changed the optimizer, but the bug is elsewhere.*planted bug's number")
def compile_with_another_learning_rate(model):
    compiled_with(model, learning_rate=0.001)


@typical("ch03.check_compile_logit_model", r"you changed the metrics, but the bug is elsewhere")
def compile_with_the_accuracy_string(model):
    compiled_with(model, metric="string")


@typical("ch03.check_compile_logit_model", r"you changed the loss, but not its bug")
def compile_with_the_loss_by_name(model):
    import keras

    model.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")])


@typical("ch03.check_compile_logit_model", r"cuts the logit at 0.5 \(the \"accuracy\" trap\)")
def compile_fixed_with_the_trap(model):
    compiled_with(model, from_logits=True, metric="string")


@typical("ch03.check_compile_logit_model", r"also changed the optimizer")
def compile_fixed_and_slowed(model):
    compiled_with(model, from_logits=True, learning_rate=0.001)


@typical("ch03.check_compile_logit_model", r"the loss on 8 tumours .* is .*; the cross-entropy of these logits")
def compile_with_label_smoothing(model):
    import keras

    model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.2),
                  optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")])
