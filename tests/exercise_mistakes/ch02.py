"""Typical wrong answers to the exercises of chapter 02 (the math)."""

from __future__ import annotations

from exercise_mistakes import naive_sigmoid, typical

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
