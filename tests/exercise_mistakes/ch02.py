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


@typical("ch02.check_relu_prime", r"relu_prime\(-2.0\) returned 1: 1 and 0 are the wrong way round")
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


@typical("ch02.check_sigmoid_prime", r"is sigma\(z\)\(1 \+ sigma\(z\)\)")
def sigmoid_prime_plus(z):
    s = naive_sigmoid(z)
    return s * (1 + s)


# ch02: the equations in LaTeX (exercise 4 finds a slip, exercise 7 derives the squared error's gradient) -------
# These answers are LaTeX, not functions: each is the string (or list of strings) a learner would type, named.


class Latex(str):
    """One equation a learner typed, with a name for the test's id."""


class Derivation(list):
    """A list of equations a learner typed, with a name for the test's id."""


def typed(name: str, value):
    """The LaTeX answer ``value`` under ``name``, as a typical wrong answer is registered."""
    answer = Latex(value) if isinstance(value, str) else Derivation(value)
    answer.__name__ = name
    return answer


W13_CHAIN = (r"\frac{\partial L}{\partial w_{13}} = \frac{\partial L}{\partial z_{12}} \cdot "
             r"\frac{\partial z_{12}}{\partial w_{13}} = ")

typical("ch02.check_w13_equation", r"side 3 of your equation.*x_\{2\} stands where x_\{1\} belongs")(
    typed("w13_with_x2", W13_CHAIN + r"(a_{2} - y) \cdot w_{22} \cdot \operatorname{relu}'(z_{12}) \cdot x_{2}"))
typical("ch02.check_w13_equation", r"unit 1's w_\{21\} and relu'\(z_\{11\}\).*Hint: w13 feeds hidden unit 2")(
    typed("w13_with_unit_1", W13_CHAIN + r"(a_2 - y) w_{21} \mathrm{relu}'(z_{11}) x_1"))
typical("ch02.check_w13_equation", r"an extra factor a_\{2\}\(1 - a_\{2\}\).*the slip the chapter warns about")(
    typed("w13_with_the_sigmoid_slope_again",
          W13_CHAIN + r"(a_{2} - y) a_{2}(1 - a_{2}) \cdot w_{22} \cdot \operatorname{relu}'(z_{12}) \cdot x_{1}"))
typical("ch02.check_w13_equation", r"side 2 of your equation.*it is 0 everywhere")(
    typed("w13_through_unit_1",
          r"\frac{\partial L}{\partial w_{13}} = \frac{\partial L}{\partial z_{11}} \cdot \frac{\partial z_{11}}"
          r"{\partial w_{13}} = (a_{2} - y) \cdot w_{22} \cdot \operatorname{relu}'(z_{12}) \cdot x_{1}"))
typical("ch02.check_w13_equation", r"unknown LaTeX \\relu.*\\operatorname\{relu\}")(
    typed("w13_spelled_relu", W13_CHAIN + r"(a_{2} - y) \cdot w_{22} \cdot \relu'(z_{12}) \cdot x_{1}"))

DZ2 = (r"\frac{\partial L}{\partial z_{2}} = \frac{\partial L}{\partial a_{2}} \cdot "
       r"\frac{\partial a_{2}}{\partial z_{2}} = ")
DW11 = r"\frac{\partial L}{\partial w_{11}} = "
W11_REST = r" w_{21} \operatorname{relu}'(z_{11}) x_{1}"
SQUARED = "ch02.check_squared_error_gradient"

typical(SQUARED, r"side 3 of equation 1.*the cross-entropy's answer a_\{2\} - y")(
    typed("squared_error_as_cross_entropy", [DZ2 + r"a_{2} - y", DW11 + r"(a_{2} - y)" + W11_REST]))
typical(SQUARED, r"side 3 of equation 1.*the factor a_\{2\} of the sigmoid's slope is missing")(
    typed("squared_error_missing_a2", [DZ2 + r"(a_{2} - y)(1 - a_{2})", DW11 + r"(a_{2} - y)(1 - a_{2})" + W11_REST]))
typical(SQUARED, r"side 2 of equation 1.*its sign is flipped")(
    typed("squared_error_sign_flipped", [r"\frac{\partial L}{\partial z_{2}} = (y - a_{2}) a_{2} (1 - a_{2})",
                                         DW11 + r"(y - a_{2}) a_{2} (1 - a_{2})" + W11_REST]))
typical(SQUARED, r"side 2 of equation 2.*unit 2's w_\{22\} and relu'\(z_\{12\}\)")(
    typed("squared_error_wrong_unit", [DZ2 + r"(a_{2} - y) a_{2} (1 - a_{2})",
                                       DW11 + r"(a_2 - y) a_2 (1 - a_2) w_{22} \operatorname{relu}'(z_{12}) x_1"]))
typical(SQUARED, r"side 2 of equation 1.*the square \(a_\{2\} - y\)\^\{2\} is still there")(
    typed("squared_error_square_kept", [r"\frac{\partial L}{\partial z_{2}} = (a_{2} - y)^2 a_{2} (1 - a_{2})",
                                        DW11 + r"(a_{2} - y)^2 a_{2} (1 - a_{2})" + W11_REST]))
typical(SQUARED, r"no equation gives \\frac\{\\partial L\}\{\\partial w_\{11\}\} in closed form")(
    typed("squared_error_w11_left_as_a_chain",
          [DZ2 + r"(a_{2} - y) a_{2} (1 - a_{2})", DW11 + r"\frac{\partial L}{\partial z_{2}} \cdot" + W11_REST]))
