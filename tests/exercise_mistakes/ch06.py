"""Typical wrong answers to the exercises of chapter 06 (from loops to matrices)."""

from __future__ import annotations

import numpy as np

from exercise_mistakes import typical

# ch06: from loops to matrices -------------------------------------------------------------------------------------


def backward_with(slip):
    """Chapter 06's 2-2-1 backward as a learner writes it, with the slip named (in SLIPS, slips.py)."""

    def backward(X, Y, Z1, A1, A2, W2):
        dZ2 = (-1 if slip == "sign" else 1) * (A2 - Y) / (1 if slip == "no 1/n" else len(X))
        dZ1 = dZ2 @ (W2 if slip == "no transpose" else W2.T)
        if slip != "no gate":
            dZ1 = dZ1 * (Z1 > 0)
        dW1 = dZ1.T @ X if slip == "dW1 transposed" else X.T @ dZ1
        return dW1, dZ1.sum(axis=1 if slip == "rows summed" else 0), A1.T @ dZ2, dZ2.sum(axis=0)

    return backward


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


def forward_with(slip):
    """Chapter 06's forward pass as a learner may leave it, with the slip named (in SLIPS, slips.py)."""

    def forward(X, W1, b1, W2, b2):
        Z1 = X @ W1 + (0 if slip == "no b1" else b1)
        A1 = Z1 if slip == "no hidden relu" else np.maximum(Z1, 0)
        Z2 = A1 @ W2 + (0 if slip == "no b2" else b2)
        A2 = Z2 if slip == "logits returned" else 1 / (1 + np.exp(-Z2))
        return A2[:, 0] if slip == "flat" else A2

    return forward


# ch06: backward through two hidden layers ----------------------------------------------------------------


def two_hidden_with(slip):
    """back_prop for two hidden layers as a learner writes it, with the slip named (in SLIPS, slips.py)."""

    def back_prop_two_hidden(Zs, As, Ws, Y):
        Z1, Z2 = (Zs[1], Zs[0]) if slip == "gates swapped" else (Zs[0], Zs[1])
        X, A1, A2, A3 = As
        _, W2, W3 = Ws
        gate1, gate2 = (A1, A2) if slip == "gate by value" else (Z1 > 0, Z2 > 0)
        dZ3 = (A3 - Y) / (1 if slip == "no 1/n" else len(Y))
        dZ2 = (dZ3 @ W3.T) * gate2
        dZ1 = dZ2 @ (W2 if slip == "no transpose" else W2.T)
        if slip != "no first gate":
            dZ1 = dZ1 * gate1
        pairs = [(X, dZ1), (A1, dZ2), (A2, dZ3)]
        dWs = [dZ.T @ A if slip == "dW transposed" else A.T @ dZ for A, dZ in pairs]
        return dWs, [dZ.mean(axis=0) if slip == "bias mean" else dZ.sum(axis=0) for _, dZ in pairs]

    return back_prop_two_hidden


two_hidden = "ch06.check_back_prop_two_hidden"


# ch06: gradient descent from scratch ---------------------------------------------------------------------------------


def descent_with(slip):
    """Exercise 5's gradient descent as a learner writes it, with the slip named (in SLIPS, slips.py)."""

    sign = 1 if slip == "uphill" else -1
    stale = slip == "stale W2"

    def gradient_descent(X, Y, W1, b1, W2, b2, alpha, epochs):
        for _ in range(1 if slip == "one step short" else 0, epochs):
            Z1 = X @ W1 + b1
            A1 = np.maximum(Z1, 0)
            A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))
            dZ2 = (A2 - Y) / (1 if slip == "no 1/n" else len(X))
            dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
            if stale:  # the output layer updated before dZ1 is computed
                W2 = W2 + sign * alpha * dW2
            dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
            dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
            if not stale:
                W2 = W2 + sign * alpha * dW2
            W1 = W1 + sign * alpha * dW1
            if slip != "biases fixed":
                b1, b2 = b1 + sign * alpha * db1, b2 + sign * alpha * db2
        return W1, b1, W2, b2

    return gradient_descent


descent = "ch06.check_gradient_descent"


@typical(descent, r"only one step was taken, not epochs = 3")
def descent_one_step(X, Y, W1, b1, W2, b2, alpha, epochs):
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    dZ2 = (1 / (1 + np.exp(-(A1 @ W2 + b2))) - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)
    return W1 - alpha * X.T @ dZ1, b1 - alpha * dZ1.sum(axis=0), W2 - alpha * A1.T @ dZ2, b2 - alpha * dZ2.sum(axis=0)
