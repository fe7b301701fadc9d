"""The LaTeX equation checker: hand-derived derivatives, the translator, and the mutation test."""

from collections import Counter
from pathlib import Path

import pytest

from helpers import equations, symbolic
from helpers.scratch import PARAMETERS

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "02_math.ipynb"

# The nine derivatives of one example's loss, written out by hand, independently of the notebook.
CLOSED_FORMS = {
    "w21": r"(a_{2} - y) a_{11}",
    "w22": r"(a_{2} - y) a_{12}",
    "b2": r"a_{2} - y",
    "w11": r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{1}",
    "w12": r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{2}",
    "b11": r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11})",
    "w13": r"(a_{2} - y) w_{22} \operatorname{relu}'(z_{12}) x_{1}",
    "w14": r"(a_{2} - y) w_{22} \operatorname{relu}'(z_{12}) x_{2}",
    "b12": r"(a_{2} - y) w_{22} \operatorname{relu}'(z_{12})",
}
# Swap hidden unit 1's symbols with unit 2's: the original notebook's kind of slip.
OTHER_UNIT = str.maketrans({"1": "2", "2": "1"})


# --- the checker against derivatives written by hand ------------------------------------------


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_hand_derived_derivative_equals_sympy_diff(parameter):
    assert equations.check_derivative(parameter, CLOSED_FORMS[parameter])


@pytest.mark.parametrize("parameter", ["w11", "w12", "b11", "w13", "w14", "b12"])
def test_a_derivative_with_the_other_hidden_units_terms_is_rejected(parameter):
    claimed = CLOSED_FORMS[parameter]
    swapped = claimed.replace("w_{21}", "W").replace("w_{22}", "w_{21}").replace("W", "w_{22}")
    swapped = swapped.replace("z_{11}", "Z").replace("z_{12}", "z_{11}").replace("Z", "z_{12}")
    assert swapped != claimed
    assert not equations.check_derivative(parameter, swapped)


def test_sample_points_cover_both_relu_branches():
    for name in ("z11", "z12"):
        z = equations._numbers(symbolic.FORWARD[name])
        assert (z > 0).sum() >= 5 and (z < 0).sum() >= 5
    assert (equations.POINTS[symbolic.z] > 0).any() and (equations.POINTS[symbolic.z] < 0).any()


# --- the translator ------------------------------------------------------------------------


def test_translator_reads_the_notebooks_vocabulary():
    (a,) = equations.latex_to_sympy(r"(a_{2} - y) \cdot w_{21}")
    (b,) = equations.latex_to_sympy(r"\left(a_{2} - y\right) w_{21}")
    assert equations.symbolically_equal(a, b)
    left, right = equations.latex_to_sympy(r"\log a_{2} = \log(a_{2})")
    assert left == right
    (frac,) = equations.latex_to_sympy(r"\frac{1}{1 + e^{-z_{2}}}")
    assert equations.symbolically_equal(frac, symbolic.FORWARD["a2"])
    (cost,) = equations.latex_to_sympy(r"\frac{1}{n} \sum_{i=1}^{n} L^{(i)}")
    assert cost == symbolic.cost_expression()
    mean_of_derivatives = r"\frac{1}{n} \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    (mean_grad,) = equations.latex_to_sympy(mean_of_derivatives, "b2")
    assert equations.symbolically_equal(mean_grad, symbolic.partial("J", "b2"))


@pytest.mark.parametrize(
    "latex, message",
    [
        (r"\foo{x_{1}}", "unknown command"),
        (r"q_{1} = 0", "unknown symbol"),
        (r"z_{11} =", "expected"),
        (r"\sum_{i=0}^{n} L^{(i)}", "from 1 to n"),
        (r"L^{(i)} = 0", "outside a sum"),
        (r"\frac{\partial J}{\partial z_{11}} = 0", "only be differentiated by a parameter"),
    ],
)
def test_translator_names_what_it_cannot_read(latex, message):
    with pytest.raises(ValueError, match=message):
        equations.latex_to_sympy(latex)
    result = equations.check_equation(latex)  # the checker reports instead of raising
    assert not result.ok and message in " ".join(result.problems)


def test_theta_stands_for_each_of_the_nine_parameters():
    good = r"\frac{\partial J}{\partial \theta} = \frac{1}{n} \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    assert equations.check_equation(good).ok
    wrong = r"\frac{\partial J}{\partial \theta} = \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    assert not equations.check_equation(wrong).ok


def test_the_original_notebooks_mistakes_are_rejected():
    mistakes = [
        r"z_{2} = w_{21} x_{1} + w_{22} x_{2} + b_{2}",
        r"\frac{\partial L}{\partial w_{14}} = \frac{\partial L}{\partial z_{11}} \cdot "
        r"\frac{\partial z_{11}}{\partial w_{14}} = "
        r"x_{2} \cdot \operatorname{relu}'(z_{11}) \cdot w_{21} \cdot (a_{2} - y)",
        r"\frac{\partial L}{\partial b_{12}} = \operatorname{relu}'(z_{11}) \cdot w_{21} \cdot (a_{2} - y)",
        r"\frac{\partial a_{2}}{\partial z_{2}} = 1 - a_{2}",
        r"\frac{\partial L}{\partial z_{12}} = \frac{\partial a_{11}}{\partial z_{12}} \cdot "
        r"\frac{\partial z_{2}}{\partial a_{11}} \cdot \frac{\partial L}{\partial z_{2}}",
    ]
    for latex in mistakes:
        result = equations.check_equation(latex)
        assert not result.ok and result.problems, latex


# --- the mutation test: every single-mistake copy of every notebook equation is rejected ----


def test_mutants_of_a_known_equation_are_the_expected_ones():
    found = Counter(m.kind for m in equations.mutants(r"z_{11} = w_{11} x_{1} + w_{12} x_{2} + b_{11}"))
    # indices: z11 -> 2 others, w11 -> 5, x1 -> 1, w12 -> 5, x2 -> 1, b11 -> 2; two + signs;
    # two sides to negate; two products of two factors each
    assert found == {"index": 16, "sign": 2, "negate side": 2, "drop factor": 4}


def test_every_single_mistake_in_the_notebooks_equations_is_rejected():
    shown = equations.notebook_equations(NOTEBOOK)
    assert len(shown) >= 40
    counts: Counter = Counter()
    missed = []
    for equation in shown:
        assert equations.check_equation(equation).ok, equation
        for mutant in equations.mutants(equation):
            equations.parse(mutant.latex)  # every mutant is still readable: rejections are about meaning
            if equations.same_meaning(equation, mutant.latex):
                counts["equivalent", mutant.kind] += 1  # e.g. dropping a factor 1: nothing to catch
                continue
            counts["wrong", mutant.kind] += 1
            if equations.check_equation(mutant.latex).ok:
                missed.append(f"{mutant.kind} {mutant.change}: {mutant.latex}")
    assert not missed, missed
    for kind in ("index", "sign", "negate side", "drop factor"):
        assert counts["wrong", kind] > 0
    # no change of an index is ever harmless; only a few factor-1 drops and sign flips of 0 are
    assert counts["equivalent", "index"] == 0 and counts["equivalent", "sign"] == 0
    assert counts["wrong", "index"] >= 400
    equivalent = sum(v for k, v in counts.items() if k[0] == "equivalent")
    assert equivalent <= 10
