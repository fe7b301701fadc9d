"""Checks for the exercises of chapter 02 (the math)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from helpers import equations
from helpers import symbolic
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
from helpers.exercises import short
from helpers.scratch import NeuralNetwork
from helpers.scratch import sigmoid


@exercise("write relu_prime in the cell above")
def check_relu_prime(relu_prime) -> str:
    """relu'(z) = 1 where z > 0, else 0, and relu'(0) = 0 as the series takes it."""
    for z in (-2.0, -0.1, 0.0, 0.1, 3.0):
        expected = 1.0 if z > 0 else 0.0  # before the learner's code runs
        got = as_number(ask(relu_prime, z, call=f"relu_prime({z})"), f"relu_prime({z})")
        if same(got, expected):
            continue
        mistakes = [
            Mistake(1.0 if z >= 0 else 0.0, f"relu_prime({z}) returned 1.0; the series takes relu'(0) = 0",
                    "relu passes z through only where z > 0: test z > 0, not z >= 0"),
            Mistake(max(z, 0.0), f"relu_prime({z}) returned {number(got)}, which is relu({z}), not its slope",
                    "the slope of relu is 1 where it passes z through and 0 where it outputs 0"),
            Mistake(1.0 - expected, f"relu_prime({z}) returned {number(got)}: 1 and 0 are the wrong way round",
                    "relu passes z through where z > 0, so its slope is 1 there, and 0 where it outputs 0"),
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
        s = sigmoid(z)
        expected = s * (1 - s)  # before the learner's code runs
        got = as_number(ask(sigmoid_prime, z, call=call), call)
        if same(got, expected):
            continue
        shown = f"expected sigma(z)(1 - sigma(z)) = {number(expected)}, got {number(got)}"
        mistakes = [
            Mistake(1 - s, f"{call} is 1 - sigma(z)",
                    "a common mistake: the slope is sigma(z) times (1 - sigma(z)), both factors"),
            Mistake(s * s, f"{call} is sigma(z)^2", "one factor is sigma(z), the other 1 - sigma(z)"),
            Mistake(s, f"{call} is sigma(z) itself", "one factor is sigma(z), the other 1 - sigma(z)"),
            Mistake(-expected, f"{call} has the wrong sign", "the sigmoid rises everywhere, so its slope is positive"),
            Mistake(s * (1 + s), f"{call} is sigma(z)(1 + sigma(z))", "the second factor is 1 - sigma(z), a minus"),
            Mistake(np.exp(-z) / (1 + np.exp(z)) ** 2, f"{call} is e^(-z) / (1 + e^z)^2, a minus lost",
                    "e^{-z} / (1 + e^{-z})^2, the same -z in both places, or the shortcut sigma(z)(1 - sigma(z))"),
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
        Mistake(expected * a2 * (1 - a2), f"you found {number(got)}: an extra factor a2(1 - a2) is in it",
                "a2 - y is already dL/dz2, the sigmoid's slope included: do not multiply by a2(1 - a2) again"),
        Mistake(a2, f"you found {number(got)}, a2 - y alone", "go on along the path: times w21, relu'(z11) and x1"),
    ]
    diagnose(got, mistakes, story, rtol=0, atol=0.01)
    fail(f"you found {number(got)}; {story}", "follow the chain from L back to w11, with y = 0 this time")


# --- equations in LaTeX, judged by the equation checker (helpers.equations) ----------------------------------
# Where a wrong side's numbers are shown: the worked example's tumour x = (1, 2), y = 1, with its parameters changed so
# that both hidden units are on, or one of them off (the first of these where the wrong side and sympy's differ).
SHOWN_AT = [
    ("the worked example's parameters with b12 = 1 (both hidden units on)", {**HAND, "b12": 1.0}),
    ("the worked example's parameters (unit 2 off)", HAND),
    ("the worked example's parameters with b11 = -3 and b12 = 1 (unit 1 off)", {**HAND, "b11": -3.0, "b12": 1.0}),
]


def compared(got, right) -> str:
    """Where got and right differ, in numbers: at the first point of SHOWN_AT where they do."""
    for words, params in SHOWN_AT:
        point = {symbolic.x1: 1.0, symbolic.x2: 2.0, symbolic.y: 1.0}
        point.update({symbolic.PARAMS[p]: v for p, v in params.items()})
        try:
            mine, theirs = float(got.xreplace(point)), float(right.xreplace(point))
        except (TypeError, ValueError):  # a side with no single number here, such as a sum over examples
            return "it differs from sympy's at the checker's sample points"
        if not same(mine, theirs):
            return f"at x = (1, 2), y = 1 and {words}, it is {number(mine)}, where sympy's is {number(theirs)}"
    return "it differs from sympy's elsewhere"


def means(latex: str, loss: str = "cross-entropy"):
    """A Mistake's test: does a side the learner wrote mean what ``latex`` means (at the checker's sample points)?"""
    meant = equations.read(latex, loss)
    return lambda got: equations.numerically_equal(got, meant)


def slip(latex: str, says: str, hint: str, loss: str = "cross-entropy") -> Mistake:
    """A known wrong side: what it means in LaTeX, what to say ("it is the cross-entropy's answer"), the hint."""
    return Mistake(means(latex, loss), says, hint)


def always(got, right) -> list[Mistake]:
    """The slips any side can make, whatever it should be: 0, the sign, a factor 2."""
    return [
        Mistake(lambda g: equations.numerically_equal(g, sp.Integer(0)), "it is 0 everywhere",
                "a derivative of a quantity by one that does not reach it is 0: follow the arrows from the "
                "parameter to L, one step at a time, as \\frac{\\partial L}{\\partial z_{2}} \\cdot ..."),
        Mistake(lambda g: equations.numerically_equal(g, -right), "its sign is flipped",
                "(a_{2} - y), not (y - a_{2}): the loss grows with a_{2} when y = 0"),
        Mistake(lambda g: equations.numerically_equal(g, 2 * right), "it is twice the derivative",
                "no step of this chain makes a factor 2 (in the squared error, the 1/2 cancels the 2 of the square)"),
    ]


def judge(latex_list, loss: str, slips: dict[str, list[Mistake]], hint: str) -> None:
    """Fail on the first side of the first equation that sympy's derivatives refuse, naming the slip if it is known.

    ``slips`` maps a first side, as the checker reads it (``partial("L", "z2")``), to the known wrong sides of its
    equations; ``hint`` is said when no known slip fits.
    """
    for k, latex in enumerate(latex_list, 1):
        where = f"equation {k}" if len(latex_list) > 1 else "your equation"
        if not isinstance(latex, str):
            fail(f"{where} should be a string of LaTeX; it is {type(latex).__name__} {short(latex)}",
                 'write it as r"..." so that each backslash stays a backslash')
        result = equations.check_equation(latex, loss)
        if result.sides < 2:
            fail(f"{where} has no = sign: {short(latex)}", "write it as left side = right side")
        unread = [p for p in result.problems if p.startswith("cannot read")]
        if unread:
            fail(f"{where}: the checker {unread[0]}", "change the spelling it names, then run this cell again")
        if result.ok:
            continue
        sides = equations.split_sides(latex)
        first = equations.read(sides[0], loss)
        for j, side in enumerate(sides[1:], 2):
            got = equations.read(side, loss)
            if equations.numerically_equal(got, first) and equations.symbolically_equal(got, first):
                continue
            wrong = f"side {j} of {where}, {side}, is not {result.label}"
            for known in [*slips.get(equations.to_python(sides[0]), []), *always(got, first)]:
                if known.fits(got):
                    fail(f"{wrong}: {known.says} ({compared(got, first)})", known.hint)
            fail(f"{wrong}: {compared(got, first)}", hint)


def latex_list(answer) -> list:
    """The learner's equations: one string, or a list (or tuple) of them."""
    answer = given(answer)
    if isinstance(answer, str):
        return [answer]
    if not isinstance(answer, list | tuple) or not answer:
        fail(f"the answer should be a list of LaTeX strings; it is {type(answer).__name__} {short(answer)}",
             'write [r"\\frac{\\partial L}{\\partial z_{2}} = ...", r"\\frac{\\partial L}{\\partial w_{11}} = ..."]')
    return list(answer)


BUGGY_W13 = (
    r"\frac{\partial L}{\partial w_{13}} = \frac{\partial L}{\partial z_{12}} \cdot \frac{\partial z_{12}}"
    r"{\partial w_{13}} = (a_{2} - y) \cdot w_{22} \cdot a_{12} \cdot x_{1}"
)
UNIT_2 = "w13 feeds hidden unit 2: its signal comes back through w22, unit 2's outgoing weight, and relu'(z12)"
W13_SLIPS = [
    slip(r"(a_{2} - y) w_{22} a_{12} x_{1}", "a_{12}, unit 2's activation, stands where its slope belongs",
         r"the step from z_{12} to a_{12} contributes relu's slope there, \operatorname{relu}'(z_{12}) (1 or 0), "
         "not the value a_{12}"),
    slip(r"(a_{2} - y) w_{22} \operatorname{relu}'(z_{12}) x_{2}", "x_{2} stands where x_{1} belongs",
         "z12 = w13 x1 + w14 x2 + b12, so dz12/dw13 = x1: w13 is the first weight into unit 2, from x1"),
    slip(r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{1}", "it has unit 1's w_{21} and relu'(z_{11})", UNIT_2),
    slip(r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{12}) x_{1}", "it has w_{21}, unit 1's outgoing weight", UNIT_2),
    slip(r"(a_{2} - y) w_{22} \operatorname{relu}'(z_{11}) x_{1}", "it has relu'(z_{11}), unit 1's slope", UNIT_2),
    slip(r"(a_{2} - y) a_{2} (1 - a_{2}) w_{22} \operatorname{relu}'(z_{12}) x_{1}",
         "it has an extra factor a_{2}(1 - a_{2})",
         "a_{2} - y is already dL/dz2, the sigmoid's slope included: multiplying by it again is the slip "
         "the chapter warns about"),
    slip(r"(a_{2} - y) w_{22} x_{1}", "relu'(z_{12}) is missing",
         "between z12 and the loss stands a12 = relu(z12): its slope relu'(z12) is one factor of the chain"),
    slip(r"(a_{2} - y) \operatorname{relu}'(z_{12}) x_{1}", "w_{22} is missing",
         "z2 = w21 a11 + w22 a12 + b2, so dz2/da12 = w22 is one factor of the chain"),
    slip(r"(a_{2} - y) w_{22} \operatorname{relu}'(z_{12})", "x_{1} is missing: that is dL/db12",
         "the last step is dz12/dw13 = x1"),
]


@exercise("find and fix the mistake in the equation above")
def check_w13_equation(latex) -> str:
    """dL/dw13 with a slip in its last side: the learner finds it, and the checker says which side is still wrong."""
    latex = given(latex)
    if isinstance(latex, str) and " ".join(latex.split()) == " ".join(BUGGY_W13.split()):
        raise NotAttempted
    if not isinstance(latex, str):
        fail(f"the equation should be a string of LaTeX; it is {type(latex).__name__} {short(latex)}")
    if equations.to_python(equations.split_sides(latex)[0]).strip() != 'partial("L", "w13")':
        fail(r"keep the left-hand side as it is: \frac{\partial L}{\partial w_{13}}")
    judge([latex], "cross-entropy", {'partial("L", "w13")': W13_SLIPS},
          "compare each factor with one step of the chain: dL/dz2, dz2/da12, da12/dz12, dz12/dw13")
    if "partial(" in equations.to_python(equations.split_sides(latex)[-1]):
        fail("every side holds, but the last one still has a derivative in it",
             "end, as the equation above did, with the closed form: a product of a_{2} - y, weights, relu' and inputs")
    return f"sympy agrees with every side: {latex}"


# The exercise that derives what the chapter does not: L = (a2 - y)^2 / 2 with the sigmoid output.
S = r"(a_{2} - y) a_{2} (1 - a_{2})"  # its dL/dz2
SQ = "squared error"
CROSS = ("with the squared error, dL/da2 is a2 - y, and the sigmoid's slope a2(1 - a2) no longer cancels: "
         "multiply the two")
SQUARED_SLIPS = {
    'partial("L", "a2")': [
        slip(r"\frac{a_{2} - y}{a_{2}(1 - a_{2})}", "it is the cross-entropy's dL/da2",
             "here L = (a2 - y)^2 / 2: its derivative by a2 is that of a square, a2 - y", SQ),
        slip(r"(a_{2} - y)^{2}", "it is the square itself, not its derivative", "(u^2 / 2)' = u: here a2 - y", SQ),
    ],
    'partial("L", "z2")': [
        slip(r"a_{2} - y", "it is the cross-entropy's answer a_{2} - y", CROSS, SQ),
        slip(r"(a_{2} - y) (1 - a_{2})", "the factor a_{2} of the sigmoid's slope is missing",
             "sigma'(z2) = a2(1 - a2), both factors", SQ),
        slip(r"(a_{2} - y) a_{2}", "the factor (1 - a_{2}) of the sigmoid's slope is missing",
             "sigma'(z2) = a2(1 - a2), both factors", SQ),
        slip(r"(a_{2} - y)^{2} a_{2} (1 - a_{2})", "the square (a_{2} - y)^{2} is still there",
             "the derivative of (a2 - y)^2 / 2 by a2 is a2 - y", SQ),
        slip(r"\frac{(a_{2} - y)^{2}}{2} a_{2} (1 - a_{2})", "it is the loss times the sigmoid's slope",
             "the derivative of (a2 - y)^2 / 2 by a2 is a2 - y", SQ),
        slip(S + r" a_{2} (1 - a_{2})", "the sigmoid's slope a_{2}(1 - a_{2}) is there twice",
             "one step from z2 to a2, one factor a2(1 - a2)", SQ),
        slip(r"a_{2} (1 - a_{2})", "dL/da2 = a2 - y is missing", "the chain: dL/dz2 = dL/da2 * da2/dz2", SQ),
    ],
    'partial("L", "z11")': [
        slip(r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11})", "it is the cross-entropy's dL/dz11", CROSS, SQ),
        slip(S + r" w_{22} \operatorname{relu}'(z_{12})", "it is unit 2's signal, dL/dz12",
             "z11 is hidden unit 1's: its signal comes back through w21 and relu'(z11)", SQ),
    ],
    'partial("L", "w11")': [
        slip(r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{1}", "it is the cross-entropy's dL/dw11", CROSS, SQ),
        slip(S + r" w_{22} \operatorname{relu}'(z_{12}) x_{1}", "it has unit 2's w_{22} and relu'(z_{12})",
             "w11 feeds hidden unit 1: its signal comes back through w21 and relu'(z11)", SQ),
        slip(S + r" w_{22} \operatorname{relu}'(z_{11}) x_{1}", "it has w_{22}, unit 2's outgoing weight",
             "z2 = w21 a11 + w22 a12 + b2: unit 1's activation a11 reaches z2 through w21", SQ),
        slip(S + r" w_{21} \operatorname{relu}'(z_{12}) x_{1}", "it has relu'(z_{12}), unit 2's slope",
             "w11 feeds z11: the slope of unit 1, relu'(z11), is the factor", SQ),
        slip(S + r" w_{21} \operatorname{relu}'(z_{11}) x_{2}", "x_{2} stands where x_{1} belongs",
             "z11 = w11 x1 + w12 x2 + b11, so dz11/dw11 = x1", SQ),
        slip(S + r" w_{21} x_{1}", "relu'(z_{11}) is missing", "a11 = relu(z11): its slope is one factor", SQ),
        slip(S + r" w_{21} a_{11} x_{1}", "a_{11} stands where relu'(z_{11}) belongs",
             "the step from z11 to a11 contributes relu's slope, not its value", SQ),
        slip(r"(a_{2} - y) (1 - a_{2}) w_{21} \operatorname{relu}'(z_{11}) x_{1}",
             "the factor a_{2} of the sigmoid's slope is missing", "sigma'(z2) = a2(1 - a2), both factors", SQ),
        slip(r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{1} a_{2}^{2} (1 - a_{2})^{2}",
             "the sigmoid's slope a_{2}(1 - a_{2}) is there twice", "one step from z2 to a2, one factor", SQ),
    ],
}


@exercise("set derivation to your list of LaTeX equations")
def check_squared_error_gradient(derivation) -> str:
    """dL/dz2 and dL/dw11 for L = (a2 - y)^2 / 2, derived by the learner and checked side by side by sympy."""
    found = latex_list(derivation)
    judge(found, SQ, SQUARED_SLIPS, "write each step of the chain as a side, and compare them one by one")
    closed = {}  # what the equations give in closed form: a last side with no derivative in it
    for latex in found:
        sides = equations.split_sides(latex)
        if "partial(" not in equations.to_python(sides[-1]):
            closed[equations.to_python(sides[0]).strip()] = sides[-1]
    dz2, dw11 = 'partial("L", "z2")', 'partial("L", "w11")'  # the two first sides, as the checker reads them
    for wanted, name in [(dz2, r"\frac{\partial L}{\partial z_{2}}"), (dw11, r"\frac{\partial L}{\partial w_{11}}")]:
        if wanted not in closed:
            fail(f"every side holds, but no equation gives {name} in closed form (a last side with no derivative)",
                 f"add an equation {name} = ... whose last side is made of a_{{2}}, y, weights, relu' and inputs")
    return (f"sympy agrees with every side of your {len(found)} equation(s), with L = (a2 - y)^2 / 2: "
            f"dL/dz2 = {closed[dz2]} and dL/dw11 = {closed[dw11]}")


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
