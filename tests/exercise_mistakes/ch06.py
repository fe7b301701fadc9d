"""Typical wrong answers to the exercises of chapter 06 (from loops to matrices)."""

from __future__ import annotations

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
