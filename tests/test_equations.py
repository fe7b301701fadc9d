"""The LaTeX equation checker: hand-derived derivatives, the reading of LaTeX, and the mutation test."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import sympy as sp
from mutation import MATH, latex_factors, mutants

from helpers import equations, symbolic
from helpers.parameters import PARAMETERS

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


def derivative(parameter: str, claimed: str) -> str:
    """The LaTeX equation dL/d(parameter) = claimed."""
    return rf"\frac{{\partial L}}{{\partial {parameter[0]}_{{{parameter[1:]}}}}} = {claimed}"


# --- the checker against derivatives written by hand ------------------------------------------


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_hand_derived_derivative_equals_sympy_diff(parameter):
    result = equations.check_equation(derivative(parameter, CLOSED_FORMS[parameter]))
    assert result.ok, result.problems
    # the same closed form, read by the checker, is sympy.diff of the loss
    (claimed,) = equations.latex_to_sympy(CLOSED_FORMS[parameter])
    assert equations.symbolically_equal(claimed, symbolic.true_derivative(parameter))


@pytest.mark.parametrize("parameter", ["w11", "w12", "b11", "w13", "w14", "b12"])
def test_a_derivative_with_the_other_hidden_units_terms_is_rejected(parameter):
    claimed = CLOSED_FORMS[parameter]
    swapped = claimed.replace("w_{21}", "W").replace("w_{22}", "w_{21}").replace("W", "w_{22}")
    swapped = swapped.replace("z_{11}", "Z").replace("z_{12}", "z_{11}").replace("Z", "z_{12}")
    assert swapped != claimed
    result = equations.check_equation(derivative(parameter, swapped))
    assert not result.ok and result.problems == [f"side 2 is not ∂L/∂{parameter}: {swapped}"]


def test_sample_points_cover_both_relu_branches():
    for name in ("z11", "z12"):
        z = equations.at_points(symbolic.FORWARD[name])
        assert (z > 0).sum() >= 5 and (z < 0).sum() >= 5
    assert (equations.POINTS[symbolic.z] > 0).any() and (equations.POINTS[symbolic.z] < 0).any()


def test_numbers_first_then_a_proof():
    a2 = symbolic.FORWARD["a2"]
    assert equations.numerically_equal(a2 * (1 - a2), a2 - a2**2)
    assert equations.symbolically_equal(a2 * (1 - a2), a2 - a2**2)
    tiny = a2 + sp.Rational(1, 10**12)  # off by less than the numeric tolerance: only the proof sees it
    assert equations.numerically_equal(a2, tiny) and not equations.symbolically_equal(a2, tiny)
    assert not equations.numerically_equal(a2, a2 / 0)  # no real value is never equal


# --- reading LaTeX -------------------------------------------------------------------------


def test_reads_the_notebooks_vocabulary():
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
    (relu,) = equations.latex_to_sympy(r"\begin{cases} z & \text{if } z > 0 \\ 0 & \text{if } z \le 0 \end{cases}")
    assert equations.symbolically_equal(relu, symbolic.RELU(symbolic.z))


def test_reads_what_a_general_latex_parser_misreads():
    """A derivative is sympy.diff (not L divided by a2), and a2(1 - a2) is a product (not a function call)."""
    (dl_da2,) = equations.latex_to_sympy(r"\frac{\partial L}{\partial a_{2}}")
    assert dl_da2 == symbolic.partial("L", "a2")
    a2 = symbolic.FORWARD["a2"]
    assert not equations.numerically_equal(dl_da2, symbolic.FORWARD["L"] / a2)
    (product,) = equations.latex_to_sympy(r"a_{2}(1 - a_{2})")
    assert product == a2 * (1 - a2)
    assert equations.read(r"\frac{\partial L}{\partial w_{14}}") == symbolic.partial("L", "w14")


# --- the spellings a learner types, each read as the chapter's own --------------------------------------------
DW11 = r"\frac{\partial L}{\partial w_{11}} = "
CHAPTER_W11 = DW11 + r"(a_{2} - y) \cdot w_{21} \cdot \operatorname{relu}'(z_{11}) \cdot x_{1}"


@pytest.mark.parametrize(
    "typed",
    [
        DW11 + r"(a_2 - y) \cdot w_{21} \cdot \operatorname{relu}'(z_{11}) \cdot x_1",  # a_2
        DW11 + r"(a_{2} - y) \cdot w_{21} \cdot \mathrm{relu}'(z_{11}) \cdot x_{1}",
        DW11 + r"(a_{2} - y) \cdot w_{21} \cdot \text{relu}'(z_{11}) \cdot x_{1}",
        DW11 + r"(a_{2} - y) \times w_{21} \times \operatorname{relu}'(z_{11}) \times x_{1}",
        DW11 + r"(a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{1}",  # side by side
        DW11 + r"\left(a_{2} - y\right) w_{21} \, \operatorname{relu}'(z_{11}) \, x_{1}",
        DW11 + r"\left(\frac{1}{1 + e^{-z_{2}}} - y\right) w_{21} \operatorname{relu}'(z_{11}) x_{1}",
        DW11 + r"\left(\frac{1}{1 + \exp(-z_{2})} - y\right) w_{21} \operatorname{relu}'(z_{11}) x_{1}",
        DW11 + r"\left(\dfrac{1}{1 + \exp(-z_{2})} - y\right) w_{21} \operatorname{relu}'(z_{11}) x_{1}",
        r"\frac{dL}{dw_{11}} = (a_{2} - y) w_{21} \operatorname{relu}'(z_{11}) x_{1}",
        DW11 + r"\frac{\partial L}{\partial z_{2}} \cdot \frac{\partial z_{2}}{\partial a_{11}}"
        r" \cdot \frac{\partial a_{11}}{\partial z_{11}} \cdot x_{1}",
    ],
)
def test_a_learners_spelling_is_read_as_the_chapters(typed):
    assert equations.check_equation(typed).ok, equations.check_equation(typed).problems
    (mine,), (chapters,) = equations.latex_to_sympy(typed)[1:], equations.latex_to_sympy(CHAPTER_W11)[1:]
    assert equations.numerically_equal(mine, chapters) and equations.symbolically_equal(mine, chapters)
    wrong = re.sub(r"x_\{?1\}?$", "x_{2}", typed)  # the same spelling with a wrong input is still refused
    assert wrong != typed and not equations.check_equation(wrong).ok


@pytest.mark.parametrize(
    "typed, meant",
    [
        (r"\sigma'(z)", r"\sigma(z)(1 - \sigma(z))"),
        (r"\sigma'(z_2)", r"a_{2}(1 - a_{2})"),
        (r"\operatorname{relu}'(z)", r"\begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{if } z \le 0 \end{cases}"),
        (r"\mathrm{relu}(z_{11})", r"a_{11}"),
        (r"\ln(1 - a_{2})", r"\log(1 - a_{2})"),
        (r"\exp(-z)", r"e^{-z}"),
        (r"(1 + e^{-z})^2", r"(1 + e^{-z})^{2}"),
        (r"\partial L / \partial z_{2}", r"a_{2} - y"),
        (r"\left[a_{2} - y\right] w_{21}", r"(a_{2} - y) w_{21}"),
        (r"\frac{\mathrm{d} L}{\mathrm{d} z_{2}}", r"a_{2} - y"),
    ],
)
def test_each_spelling_means_what_it_says(typed, meant):
    (a,), (b,) = equations.latex_to_sympy(typed), equations.latex_to_sympy(meant)
    assert equations.numerically_equal(a, b) and equations.symbolically_equal(a, b)


@pytest.mark.parametrize(
    "latex, refused, instead",
    [
        (r"a_{11} = \relu(z_{11})", r"unknown LaTeX \relu", r"write \operatorname{relu}, \mathrm{relu} or \text{relu}"),
        (r"\frac{\partial L}{\partial w_11} = 0", "w_11 typesets as one digit below", "as w_{11}"),
        (r"a_{2} = \tanh(z_{2})", r"unknown LaTeX \tanh", "its hidden units are relu"),
        (r"a_{2} = \sqrt{z_{2}}", r"unknown LaTeX \sqrt", r"the checker reads \frac{..}{..}, \cdot, \times"),
        (r"s = a_{2}", "unknown symbol(s) s", "the names it knows are x_{1}, x_{2}, y"),
        (r"a_{2} = a_{2} -", "is not readable math", r"the checker reads \frac{..}{..}"),
    ],
)
def test_a_refused_spelling_says_which_spelling_works(latex, refused, instead):
    (problem,) = equations.check_equation(latex).problems
    assert problem.startswith("cannot read: ") and refused in problem and instead in problem


def test_the_squared_error_loss_has_its_own_derivatives():
    squared = r"\frac{\partial L}{\partial z_{2}} = (a_{2} - y) a_{2} (1 - a_{2})"
    cross = r"\frac{\partial L}{\partial z_{2}} = a_{2} - y"
    assert equations.check_equation(squared, "squared error").ok and not equations.check_equation(squared).ok
    assert equations.check_equation(cross).ok and not equations.check_equation(cross, "squared error").ok
    (loss,) = equations.latex_to_sympy("L", loss="squared error")
    a2 = symbolic.FORWARD["a2"]
    assert equations.symbolically_equal(loss, (a2 - symbolic.y) ** 2 / 2)
    assert symbolic.partial("L", "w11", "squared error") == sp.diff(loss, symbolic.PARAMS["w11"])


@pytest.mark.parametrize(
    "latex, message",
    [
        (r"\foo{x_{1}} = 1", r"unknown LaTeX \foo"),
        (r"q_{1} = 0", "unknown symbol(s) q1"),
        (r"q = 0", "the names it knows are"),
        (r"z_{11} =", "invalid syntax"),
        (r"J = \sum_{i=0}^{n} L^{(i)}", r"unknown LaTeX \sum"),
        (r"\frac{\partial J}{\partial z_{11}} = 0", "only be differentiated by a parameter"),
        (r"\frac{\partial L}{\partial q} = 0", "unknown quantity 'q'"),
    ],
)
def test_names_what_it_cannot_read(latex, message):
    with pytest.raises((ValueError, SyntaxError), match=re.escape(message)):
        equations.latex_to_sympy(latex)
    result = equations.check_equation(latex)  # the checker reports instead of raising
    assert not result.ok and len(result.problems) == 1
    assert result.problems[0].startswith("cannot read: ") and message in result.problems[0]


def test_a_value_given_to_a_symbol_is_not_an_identity(tmp_path):
    markdown = (
        r"Take $x_{1} = 1$; unit 1 fires ($z_{11} = 2.6 > 0$) and $\operatorname{relu}'(0) = 0$."
        "\n\n$$z_{12} = w_{13} x_{1} + w_{14} x_{2} + b_{12} \\qquad a_{2} = 0.5$$"
    )
    notebook = tmp_path / "values.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [markdown]}]}), encoding="utf-8")
    identities = [r"z_{12} = w_{13} x_{1} + w_{14} x_{2} + b_{12}", r"\operatorname{relu}'(0) = 0"]
    assert equations.notebook_equations(notebook) == identities
    assert equations.notebook_equations(notebook, values=True) == [
        identities[0],
        "a_{2} = 0.5",
        "x_{1} = 1",
        "z_{11} = 2.6 > 0",
        identities[1],
    ]
    assert [c.ok for c in equations.check_notebook(notebook)] == [True, True]


def test_one_side_is_not_an_equation():
    result = equations.check_equation(r"z_{11}")
    assert not result.ok and result.sides == 1 and result.problems == ["not an equation (no '=')"]


def test_theta_stands_for_each_of_the_nine_parameters():
    good = r"\frac{\partial J}{\partial \theta} = \frac{1}{n} \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    assert equations.check_equation(good).ok
    wrong = r"\frac{\partial J}{\partial \theta} = \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    assert equations.check_equation(wrong).problems[0].startswith("side 2 is not ∂J/∂θ (θ = w11)")
    # true for one parameter only: the check must try them all
    only_b2 = r"\frac{\partial L}{\partial \theta} = \frac{\partial L}{\partial b_{2}}"
    result = equations.check_equation(only_b2)
    assert not result.ok and "(θ = w11)" in result.problems[0]
    for p in PARAMETERS:
        (claimed, truth) = equations.latex_to_sympy(only_b2, p)
        assert equations.numerically_equal(claimed, truth) == (p == "b2")


def test_the_original_notebooks_mistakes_are_rejected():
    mistakes = {
        r"z_{2} = w_{21} x_{1} + w_{22} x_{2} + b_{2}": [2],  # x1, x2 in place of a11, a12
        # dL/dw14 with unit 1's z11 and w21
        r"\frac{\partial L}{\partial w_{14}} = \frac{\partial L}{\partial z_{11}} \cdot "
        r"\frac{\partial z_{11}}{\partial w_{14}} = "
        r"x_{2} \cdot \operatorname{relu}'(z_{11}) \cdot w_{21} \cdot (a_{2} - y)": [2, 3],
        r"\frac{\partial L}{\partial b_{12}} = \operatorname{relu}'(z_{11}) \cdot w_{21} \cdot (a_{2} - y)": [2],
        r"\frac{\partial a_{2}}{\partial z_{2}} = 1 - a_{2}": [2],  # the sigmoid's slope without its factor a2
        r"\frac{\partial L}{\partial z_{12}} = \frac{\partial a_{11}}{\partial z_{12}} \cdot "
        r"\frac{\partial z_{2}}{\partial a_{11}} \cdot \frac{\partial L}{\partial z_{2}}": [2],
    }
    for latex, wrong_sides in mistakes.items():
        result = equations.check_equation(latex)
        assert not result.ok, latex
        assert [int(p.split()[1]) for p in result.problems] == wrong_sides, result.problems
    corrected = derivative("w14", r"(a_{2} - y) \cdot w_{22} \cdot \operatorname{relu}'(z_{12}) \cdot x_{2}")
    assert equations.check_equation(corrected).ok


# --- the mutation test: every single-mistake copy of every notebook equation is rejected ----
# The copies come from the suite's one way of planting mistakes (tests/mutation.py), with its rules for LaTeX:
# an index changed within its family (w_{13} -> w_{11}), a + or - flipped, a side negated, a factor dropped.


def same_meaning(original: str, mutant: str) -> bool:
    """Is a change harmless: does every side of the mutant equal the same side of the original at the sample points?

    Dropping a factor 1 or negating a side that is 0 changes the text, not the equation: nothing to catch.
    """
    for theta in PARAMETERS if r"\theta" in original else [None]:
        a, b = equations.latex_to_sympy(original, theta), equations.latex_to_sympy(mutant, theta)
        if len(a) != len(b) or not all(equations.numerically_equal(u, v) for u, v in zip(a, b)):
            return False
    return True


def test_mutants_of_a_known_equation_are_the_expected_ones():
    found = Counter(m.rule for m in mutants(r"z_{11} = w_{11} x_{1} + w_{12} x_{2} + b_{11}", MATH))
    # indices: z11 -> 2 others, w11 -> 5, x1 -> 1, w12 -> 5, x2 -> 1, b11 -> 2; two + signs;
    # two sides to negate; two products of two factors each
    assert found == {"index": 16, "sign": 2, "negate side": 2, "drop factor": 4}


def test_factors_are_found_at_every_depth():
    latex = r"\frac{a_{2} - y}{a_{2}(1 - a_{2})} \cdot \sigma'(z) \log a_{2}"
    found = [[latex[start:end] for start, end in factors] for factors in latex_factors(latex)]
    assert sorted(found) == sorted(
        [[r"\frac{a_{2} - y}{a_{2}(1 - a_{2})}", r"\sigma'(z)", r"\log a_{2}"], ["a_{2}", "(1 - a_{2})"]]
    )
    dropped = {m.text for m in mutants(latex, MATH) if m.rule == "drop factor"}
    assert r"\frac{a_{2} - y}{a_{2}} \cdot \sigma'(z) \log a_{2}" in dropped  # (1 - a_{2}) dropped
    assert r"\sigma'(z) \log a_{2}" in dropped  # the whole fraction dropped, with the \cdot after it


def test_every_single_mistake_in_the_notebooks_equations_is_rejected():
    """Each mutant is rejected for what it says (it reads, and a side differs), or is harmless by same_meaning."""
    shown = equations.notebook_equations(NOTEBOOK)
    assert len(shown) >= 40
    counts: Counter = Counter()
    missed = []
    for equation in shown:
        assert equations.check_equation(equation).ok, equation
        for mutant in mutants(equation, MATH):
            result = equations.check_equation(mutant.text)
            if not result.ok:
                assert all(p.startswith("side ") for p in result.problems), (mutant.text, result.problems)
                counts["rejected", mutant.rule] += 1
            elif same_meaning(equation, mutant.text):
                counts["harmless", mutant.rule] += 1  # e.g. dropping a factor 1: nothing to catch
            else:
                missed.append(f"{mutant}: {mutant.text}")
    assert not missed, missed
    for rule in MATH:
        assert counts["rejected", rule] > 0
    # no change of an index or a sign is ever harmless; only a few factor-1 drops and negated zeros are
    assert counts["harmless", "index"] == 0 and counts["harmless", "sign"] == 0
    assert counts["rejected", "index"] >= 400
    harmless = sum(v for k, v in counts.items() if k[0] == "harmless")
    assert harmless <= 10


def test_a_harmless_change_is_recognised():
    assert same_meaning(r"\frac{\partial z_{2}}{\partial b_{2}} = 1", r"\frac{\partial z_{2}}{\partial b_{2}} =  1")
    assert same_meaning(r"(a_{2} - y) \cdot 1 = a_{2} - y", r"(a_{2} - y) = a_{2} - y")
    assert not same_meaning(r"z_{11} = w_{11} x_{1}", r"z_{11} = w_{12} x_{1}")
