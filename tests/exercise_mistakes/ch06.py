"""Typical wrong answers to the exercises of chapter 06 (from loops to matrices)."""

from __future__ import annotations

import numpy as np

from exercise_mistakes import typical

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


@typical("ch06.check_backward", r"db1 has shape \(1, 2\), a 1-row matrix; b1 has shape \(2,\)")
def backward_keeping_dims(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0, keepdims=True), A1.T @ dZ2, dZ2.sum(axis=0, keepdims=True)


@typical("ch06.check_backward", r"dW2 uses Z1, the hidden layer before relu")
def backward_from_z1(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), Z1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"455 training rows every gradient is the same multiple.*other than n = 455")
def backward_for_three_rows_only(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2 - Y) / 3  # the worked example's n, written as a number
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)


@typical("ch06.check_backward", r"dW2 has shape \(2,\), a flat array; W2 is a column of shape \(2, 1\)")
def backward_flat_output(X, Y, Z1, A1, A2, W2):
    dZ2 = (A2[:, 0] - Y[:, 0]) / len(X)  # (n,): the column flattened
    dZ1 = np.outer(dZ2, W2[:, 0]) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, np.array([dZ2.sum()])


# ch06: a forward pass from another convention (find the bug): fixes that are not the fix -----------------------------


def forward_with(*, hidden=True, output=True, b1=True, b2=True, flat=False):
    """Chapter 06's forward pass as a learner may leave it, with the one slip its arguments name."""

    def forward(X, W1, b1_, W2, b2_):
        Z1 = X @ W1 + (b1_ if b1 else 0)
        A1 = np.maximum(Z1, 0) if hidden else Z1
        Z2 = A1 @ W2 + (b2_ if b2 else 0)
        A2 = 1 / (1 + np.exp(-Z2)) if output else Z2
        return A2[:, 0] if flat else A2

    return forward


typical("ch06.check_forward", r"the hidden layer has no relu")(forward_with(hidden=False))
typical("ch06.check_forward", r"returns Z2, the logits")(forward_with(output=False))
typical("ch06.check_forward", r"b1 is missing from Z1")(forward_with(b1=False))
typical("ch06.check_forward", r"a flat array; the docstring asks for an \(n, 1\) column")(forward_with(flat=True))
typical("ch06.check_forward", r"b2 is missing from Z2")(forward_with(b2=False))



# ch06: backward through two hidden layers ----------------------------------------------------------------


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


# ch06: gradient descent from scratch ---------------------------------------------------------------------------------


def descent_with(*, sign=-1, stale=False, first=0, mean=True, biases=True, in_place=False):
    """Exercise 5's gradient descent as a learner writes it, with the one slip its arguments name."""

    def gradient_descent(X, Y, W1, b1, W2, b2, alpha, epochs):
        for _ in range(first, epochs):
            Z1 = X @ W1 + b1
            A1 = np.maximum(Z1, 0)
            A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
            dZ2 = (A2 - Y) / (len(X) if mean else 1)
            dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
            if stale:  # the output layer updated before dZ1 is computed
                W2 = W2 + sign * alpha * dW2
            dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
            dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
            if not stale:
                W2 = W2 + sign * alpha * dW2
            W1 = W1 + sign * alpha * dW1
            if biases:
                b1, b2 = b1 + sign * alpha * db1, b2 + sign * alpha * db2
        return W1, b1, W2, b2

    return gradient_descent


descent = "ch06.check_gradient_descent"
typical(descent, r"the weights climb the cost")(descent_with(sign=1))
typical(descent, r"dZ1 is computed with the W2 of the step already taken")(descent_with(stale=True))
typical(descent, r"2 steps were taken, one fewer than epochs = 3")(descent_with(first=1))
typical(descent, r"missing its 1/n")(descent_with(mean=False))
typical(descent, r"the biases b1 and b2 never moved")(descent_with(biases=False))


@typical(descent, r"only one step was taken, not epochs = 3")
def descent_one_step(X, Y, W1, b1, W2, b2, alpha, epochs):
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    dZ2 = (1 / (1 + np.exp(-(A1 @ W2 + b2))) - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return W1 - alpha * X.T @ dZ1, b1 - alpha * dZ1.sum(axis=0), W2 - alpha * A1.T @ dZ2, b2 - alpha * dZ2.sum(axis=0)
