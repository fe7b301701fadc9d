"""Checks for the exercises of chapter 02 (the math)."""

from __future__ import annotations

from helpers import equations
from helpers.exercises import HAND
from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_array
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.scratch import NeuralNetwork
from helpers.scratch import sigmoid


@exercise("write relu_prime in the cell above")
def check_relu_prime(relu_prime) -> str:
    """relu'(z) = 1 where z > 0, else 0, and relu'(0) = 0 as the series takes it."""
    for z in (-2.0, -0.1, 0.0, 0.1, 3.0):
        got = as_number(ask(relu_prime, z, call=f"relu_prime({z})"), f"relu_prime({z})")
        expected = 1.0 if z > 0 else 0.0
        if same(got, expected):
            continue
        mistakes = [
            Mistake(1.0 if z >= 0 else 0.0, f"relu_prime({z}) returned 1.0; the series takes relu'(0) = 0",
                    "relu passes z through only where z > 0: test z > 0, not z >= 0"),
            Mistake(max(z, 0.0), f"relu_prime({z}) returned {number(got)}, which is relu({z}), not its slope",
                    "the slope of relu is 1 where it passes z through and 0 where it outputs 0"),
        ]
        diagnose(got, mistakes)
        fail(f"relu_prime({z}) returned {number(got)}; expected {number(expected)}",
             "relu'(z) is 1 where z > 0 and 0 everywhere else")
    return "relu_prime is right at z = -2, -0.1, 0, 0.1 and 3, including relu'(0) = 0"


@exercise("write sigmoid_prime in the cell above")
def check_sigmoid_prime(sigmoid_prime) -> str:
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    for z in (-3.0, -0.5, 0.0, 1.0, 4.0):
        call = f"sigmoid_prime({z})"
        got = as_number(ask(sigmoid_prime, z, call=call), call)
        s = sigmoid(z)
        expected = s * (1 - s)
        if same(got, expected):
            continue
        shown = f"expected sigma(z)(1 - sigma(z)) = {number(expected)}, got {number(got)}"
        mistakes = [
            Mistake(1 - s, f"{call} is 1 - sigma(z)",
                    "the original notebook made this very mistake: the slope is sigma(z) times (1 - sigma(z))"),
            Mistake(s * s, f"{call} is sigma(z)^2", "one factor is sigma(z), the other 1 - sigma(z)"),
            Mistake(s, f"{call} is sigma(z) itself", "one factor is sigma(z), the other 1 - sigma(z)"),
            Mistake(-expected, f"{call} has the wrong sign", "the sigmoid rises everywhere, so its slope is positive"),
        ]
        diagnose(got, mistakes, shown)
        fail(f"{call}: {shown}", "sigma'(z) = sigma(z)(1 - sigma(z))")
    return "sigmoid_prime equals sigma(z)(1 - sigma(z)) at z = -3, -0.5, 0, 1 and 4"


@exercise("set my_answer to your number")
def check_benign_gradient(my_answer) -> str:
    """dL/dw11 for the worked example with y = 0."""
    got = as_number(given(my_answer), "my_answer")
    net = NeuralNetwork()
    net.set_params(HAND)
    a2 = net.forward_prop(1.0, 2.0)["a2"]
    expected = net.back_prop(1.0, 2.0, 0.0, net.forward_prop(1.0, 2.0))["w11"]  # (a2 - y) w21 relu'(z11) x1
    story = f"dL/dw11 = (a2 - y) w21 relu'(z11) x1 = ({number(a2)} - 0) * 2 * 1 * 1 = {number(expected)}"
    if same(got, expected, rtol=0, atol=0.01):
        return f"you found {number(got)}; {story}"
    malignant = net.back_prop(1.0, 2.0, 1.0, net.forward_prop(1.0, 2.0))["w11"]
    mistakes = [
        Mistake(malignant, f"you found {number(got)}, the malignant tumour's value (y = 1)",
                "only y changes; the forward pass stays the same"),
        Mistake(-expected, f"you found {number(got)}: the sign is flipped", "a2 - y, not y - a2"),
    ]
    diagnose(got, mistakes, story, rtol=0, atol=0.01)
    fail(f"you found {number(got)}; {story}", "follow the chain from L back to w11, with y = 0 this time")


ORIGINAL_W14 = (
    r"\frac{\partial L}{\partial w_{14}} = (a_{2} - y) \cdot w_{21} \cdot \operatorname{relu}'(z_{11}) \cdot x_{2}"
)


@exercise("find and fix the mistake in the equation above")
def check_w14_equation(latex) -> str:
    """The original notebook's dL/dw14, with unit 1's w21 and z11: the learner fixes the LaTeX."""
    latex = given(latex)
    if not isinstance(latex, str):
        fail(f"the equation should be a string of LaTeX; it is {type(latex).__name__}")
    if " ".join(latex.split()) == " ".join(ORIGINAL_W14.split()):
        raise NotAttempted
    if not latex.replace(" ", "").startswith(r"\frac{\partialL}{\partialw_{14}}"):
        fail("keep the left-hand side as it is: \\frac{\\partial L}{\\partial w_{14}}")
    result = equations.check_equation(latex)
    if not result.ok:
        fail("sympy does not agree: " + "; ".join(result.problems),
             "w14 feeds hidden unit 2: which weight and which z belong to unit 2?")
    return f"sympy agrees: {latex} holds for all inputs and parameters"


@exercise("write input_signals in the cell above")
def check_input_signals(input_signals) -> str:
    """dL/dx1 and dL/dx2 from the hidden signals: each input's slope is the sum over the two units it feeds."""
    cases = [  # the parameters, dL/dz11 and dL/dz12: both units on, other weights, unit 2 off
        ({**HAND, "b12": 1.0}, -0.04825, 0.02413),
        ({**HAND, "w11": 0.3, "w12": -0.7, "w13": 1.2, "w14": 0.4}, 0.5, -0.25),
        ({**HAND, "w11": -0.6, "w12": 0.9, "w13": 0.2, "w14": -1.3}, -0.3, 0.0),
    ]
    for w, dz11, dz12 in cases:
        w11, w12, w13, w14 = w["w11"], w["w12"], w["w13"], w["w14"]
        expected = (dz11 * w11 + dz12 * w13, dz11 * w12 + dz12 * w14)  # computed before the learner's code runs
        call = f"input_signals(w, {dz11}, {dz12}) with w11, w12, w13, w14 = {w11}, {w12}, {w13}, {w14}"
        got = tuple(as_array(ask(input_signals, dict(w), dz11, dz12, call=call), (2,), f"what {call} returned"))
        if same(got, expected):
            continue
        expected_text = f"({number(expected[0])}, {number(expected[1])})"
        shown = f"{call}: expected {expected_text}, got ({number(got[0])}, {number(got[1])})"
        both_paths = ("each input feeds both hidden units: add dz11 times its weight into unit 1 "
                      "and dz12 times its weight into unit 2")
        mistakes = [
            Mistake((dz11 * w11, dz11 * w12), "only the path through z11 is there", both_paths),
            Mistake((dz12 * w13, dz12 * w14), "only the path through z12 is there", both_paths),
            Mistake((dz11 * w11 + dz12 * w12, dz11 * w13 + dz12 * w14),
                    "x1's slope uses w11 and w12, the two weights into unit 1",
                    "w12 comes from x2: x1 feeds unit 1 through w11 and unit 2 through w13"),
            Mistake(expected[::-1], "the two slopes are swapped", "return (dL/dx1, dL/dx2), in that order"),
            Mistake((dz11 * w11 * dz12 * w13, dz11 * w12 * dz12 * w14), "the two paths are multiplied",
                    "the chain rule multiplies along a path and adds across paths"),
            Mistake((-expected[0], -expected[1]), "both signs are flipped", "dz11 and dz12 already carry their signs"),
        ]
        diagnose(got, mistakes, shown)
        fail(shown, both_paths)
    return ("input_signals adds both paths for x1 and for x2 (both units on; other weights; unit 2 off): "
            "dL/dx1 = dz11 w11 + dz12 w13, dL/dx2 = dz11 w12 + dz12 w14")


@exercise("set my_prediction to your number")
def check_one_path(my_prediction) -> str:
    """da2/dw21 = sigma'(z2) * a11 with a11 = 3, w21 = 0.5, b2 = -1, unit 2 off: within 0.001."""
    predicted = as_number(given(my_prediction), "my_prediction")
    a11, w21, b2 = 3.0, 0.5, -1.0
    z2 = w21 * a11 + b2
    a2 = sigmoid(z2)
    slope = a2 * (1 - a2) * a11  # the chain rule on one path: da2/dz2 * dz2/dw21
    if same(predicted, slope, rtol=0, atol=1e-3):
        return (f"you predicted {predicted:.4g}: da2/dw21 = sigma'(z2) * a11 = {number(a2 * (1 - a2))} * {a11:g} = "
                f"{number(slope)} at z2 = {z2:g} (within 0.001)")
    shown = f"you predicted {predicted:.4g}; da2/dw21 = {number(slope)}"
    mistakes = [
        Mistake(a2 * (1 - a2), f"{shown}: you gave the outer slope sigma'(z2) = {number(a2 * (1 - a2))} alone",
                f"multiply by the inner slope dz2/dw21 = a11 = {a11:g}"),
        Mistake(a11, f"{shown}: you gave the inner slope dz2/dw21 = a11 alone",
                "multiply by the outer slope sigma'(z2) = sigma(z2)(1 - sigma(z2))"),
        Mistake(a2 * a11, f"{shown}: you used sigma(z2) where its slope sigma'(z2) belongs",
                "sigma'(z2) = sigma(z2)(1 - sigma(z2))"),
        Mistake(a2 * (1 - a2) * 2, f"{shown}: you multiplied by 2, the a11 of the example above; here a11 = {a11:g}",
                "z2 = a11 w21 + b2, so dz2/dw21 = a11"),
    ]
    diagnose(predicted, mistakes, atol=1e-3, rtol=0)
    fail(shown, f"z2 = {a11:g} * {w21:g} - 1 = {z2:g}; multiply sigma'(z2) by dz2/dw21 = a11 (within 0.001)")
