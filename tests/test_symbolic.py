"""The sympy network, the LaTeX equation checker (with its mutation test) and the exact cost gradient."""

import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from helpers import symbolic
from helpers.checks import finite_differences
from helpers.data import tumour_data
from helpers.scratch import PARAMETERS, NeuralNetwork

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


def random_params(seed: int) -> dict[str, float]:
    return dict(zip(PARAMETERS, np.random.default_rng(seed).normal(0.0, 1.0, 9)))


# --- the network and its derivatives -------------------------------------------------------


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_hand_derived_derivative_equals_sympy_diff(parameter):
    assert symbolic.check_derivative(parameter, CLOSED_FORMS[parameter])


@pytest.mark.parametrize("parameter", ["w11", "w12", "b11", "w13", "w14", "b12"])
def test_a_derivative_with_the_other_hidden_units_terms_is_rejected(parameter):
    claimed = CLOSED_FORMS[parameter]
    swapped = claimed.replace("w_{21}", "W").replace("w_{22}", "w_{21}").replace("W", "w_{22}")
    swapped = swapped.replace("z_{11}", "Z").replace("z_{12}", "z_{11}").replace("Z", "z_{12}")
    assert swapped != claimed
    assert not symbolic.check_derivative(parameter, swapped)


def test_local_derivatives_follow_the_graph():
    w, node = symbolic.PARAMS, symbolic.NODE
    assert symbolic.partial("z2", "a11") == w["w21"]
    assert symbolic.partial("z2", "a12") == w["w22"]
    assert symbolic.partial("a11", "z12") == 0  # unit 1 does not see unit 2
    assert symbolic.partial("z11", "w11") == symbolic.x1
    assert symbolic.partial("z12", "b12") == 1
    dz2 = symbolic.partial("L", "z2")
    a2 = symbolic.FORWARD["a2"]
    assert symbolic.symbolically_equal(dz2, a2 - symbolic.y)
    assert node["z2"] not in dz2.free_symbols  # written in x1, x2, y and the parameters


def test_relu_prime_at_zero_is_zero_in_symbols_and_in_numbers():
    assert symbolic.RELU_PRIME(0) == 0
    assert symbolic.RELU_PRIME(sp.Rational(1, 10**9)) == 1
    # one example with x = (0, 0) and b11 = 0 puts z11 exactly at 0: unit 1 passes nothing back
    params = {**random_params(3), "b11": 0.0, "w21": 1.5}
    grads = symbolic.cost_gradient(params, np.zeros((1, 2)), np.array([1]))
    assert grads["b11"] == 0.0 and grads["w11"] == 0.0
    assert grads["b2"] != 0.0


def test_sample_points_cover_both_relu_branches():
    for name in ("z11", "z12"):
        z = symbolic._numbers(symbolic.FORWARD[name])
        assert (z > 0).sum() >= 5 and (z < 0).sum() >= 5
    assert (symbolic.POINTS[symbolic.z] > 0).any() and (symbolic.POINTS[symbolic.z] < 0).any()


# --- the translator ------------------------------------------------------------------------


def test_translator_reads_the_notebooks_vocabulary():
    (a,) = symbolic.latex_to_sympy(r"(a_{2} - y) \cdot w_{21}")
    (b,) = symbolic.latex_to_sympy(r"\left(a_{2} - y\right) w_{21}")
    assert symbolic.symbolically_equal(a, b)
    left, right = symbolic.latex_to_sympy(r"\log a_{2} = \log(a_{2})")
    assert left == right
    (frac,) = symbolic.latex_to_sympy(r"\frac{1}{1 + e^{-z_{2}}}")
    assert symbolic.symbolically_equal(frac, symbolic.FORWARD["a2"])
    (cost,) = symbolic.latex_to_sympy(r"\frac{1}{n} \sum_{i=1}^{n} L^{(i)}")
    assert cost == symbolic.cost_expression()
    (mean_grad,) = symbolic.latex_to_sympy(r"\frac{1}{n} \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}", "b2")
    assert symbolic.symbolically_equal(mean_grad, symbolic.partial("J", "b2"))


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
        symbolic.latex_to_sympy(latex)
    result = symbolic.check_equation(latex)  # the checker reports instead of raising
    assert not result.ok and message in " ".join(result.problems)


def test_theta_stands_for_each_of_the_nine_parameters():
    good = r"\frac{\partial J}{\partial \theta} = \frac{1}{n} \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    assert symbolic.check_equation(good).ok
    wrong = r"\frac{\partial J}{\partial \theta} = \sum_{i=1}^{n} \frac{\partial L^{(i)}}{\partial \theta}"
    assert not symbolic.check_equation(wrong).ok


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
        result = symbolic.check_equation(latex)
        assert not result.ok and result.problems, latex


# --- the mutation test: every single-mistake copy of every notebook equation is rejected ----


def test_mutants_of_a_known_equation_are_the_expected_ones():
    found = Counter(m.kind for m in symbolic.mutants(r"z_{11} = w_{11} x_{1} + w_{12} x_{2} + b_{11}"))
    # indices: z11 -> 2 others, w11 -> 5, x1 -> 1, w12 -> 5, x2 -> 1, b11 -> 2; two + signs;
    # two sides to negate; two products of two factors each
    assert found == {"index": 16, "sign": 2, "negate side": 2, "drop factor": 4}


def test_every_single_mistake_in_the_notebooks_equations_is_rejected():
    equations = symbolic.notebook_equations(NOTEBOOK)
    assert len(equations) >= 40
    counts: Counter = Counter()
    missed = []
    for equation in equations:
        assert symbolic.check_equation(equation).ok, equation
        for mutant in symbolic.mutants(equation):
            symbolic.parse(mutant.latex)  # every mutant is still readable: rejections are about meaning
            if symbolic.same_meaning(equation, mutant.latex):
                counts["equivalent", mutant.kind] += 1  # e.g. dropping a factor 1: nothing to catch
                continue
            counts["wrong", mutant.kind] += 1
            if symbolic.check_equation(mutant.latex).ok:
                missed.append(f"{mutant.kind} {mutant.change}: {mutant.latex}")
    assert not missed, missed
    for kind in ("index", "sign", "negate side", "drop factor"):
        assert counts["wrong", kind] > 0
    # no change of an index is ever harmless; only a few factor-1 drops and sign flips of 0 are
    assert counts["equivalent", "index"] == 0 and counts["equivalent", "sign"] == 0
    assert counts["wrong", "index"] >= 400
    equivalent = sum(v for k, v in counts.items() if k[0] == "equivalent")
    assert equivalent <= 10


# --- numbers: the exact gradient --------------------------------------------------------------


def test_named_sigmoid_gives_the_same_derivatives_as_the_exponential_form():
    for p, expr in symbolic.gradient_expressions().items():
        concrete = expr.rewrite(sp.exp)
        assert symbolic.numerically_equal(concrete, symbolic.true_derivative(p))
        assert symbolic.symbolically_equal(concrete, symbolic.true_derivative(p)), p


def test_cost_gradient_equals_central_differences_on_the_tumours():
    data = tumour_data(seed=0)
    for seed in (0, 1):
        params = random_params(seed)
        exact = symbolic.cost_gradient(params, data.X_train, data.y_train)
        measured = finite_differences(lambda q: symbolic.cost_value(q, data.X_train, data.y_train), params, h=1e-6)
        for p in PARAMETERS:
            assert exact[p] == pytest.approx(measured[p], rel=1e-6, abs=1e-8), p


def test_cost_gradient_and_cost_equal_the_loop_network():
    data = tumour_data(seed=0)
    net = NeuralNetwork()
    params = random_params(5)
    net.set_params(params)
    grads, cost, _ = net.gradients(data.X_train, data.y_train)
    exact = symbolic.cost_gradient(params, data.X_train, data.y_train)
    for p in PARAMETERS:
        assert exact[p] == pytest.approx(grads[p], rel=1e-10, abs=1e-12), p
    assert symbolic.cost_value(params, data.X_train, data.y_train) == pytest.approx(cost, rel=1e-12)


def test_cost_value_is_the_mean_of_sympys_loss():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)
    params = random_params(6)
    loss = sp.lambdify((symbolic.x1, symbolic.x2, symbolic.y, *symbolic.PARAMS.values()), symbolic.FORWARD["L"])
    expected = np.mean([loss(a, b, c, *params.values()) for (a, b), c in zip(X, y)])
    assert symbolic.cost_value(params, X, y) == pytest.approx(expected, rel=1e-12)


def test_forward_values_equal_the_loop_networks_forward_prop():
    net = NeuralNetwork()
    for seed in range(3):
        params = random_params(seed)
        net.set_params(params)
        for x1, x2 in np.random.default_rng(seed).normal(size=(4, 2)):
            ours, loops = symbolic.forward_values(params, x1, x2), net.forward_prop(x1, x2)
            assert ours.keys() == {"z11", "z12", "a11", "a12", "z2", "a2"}
            for name in ours:
                assert ours[name] == pytest.approx(loops[name], rel=1e-12, abs=1e-12), name


def test_extreme_parameters_give_finite_numbers_without_warnings():
    X, y = np.array([[0.5, -1.0], [2.0, 1.0]]), np.array([0, 1])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        for b2 in (1e3, -1e3, 1e6):
            params = {**random_params(7), "b2": b2}
            grads = symbolic.cost_gradient(params, X, y)
            assert all(np.isfinite(v) for v in grads.values())
            assert np.isfinite(symbolic.cost_value(params, X, y))
    assert abs(symbolic.cost_gradient({**random_params(7), "b2": 1e6}, X, y)["b2"] - 0.5) < 1e-12


@pytest.mark.parametrize(
    "params, X, y, message",
    [
        ({"w11": 1.0}, np.zeros((2, 2)), np.array([0, 1]), "missing"),
        ({**dict.fromkeys(PARAMETERS, 0.0), "w99": 1.0}, np.zeros((2, 2)), np.array([0, 1]), "unexpected"),
        ({**dict.fromkeys(PARAMETERS, 0.0), "b2": float("nan")}, np.zeros((2, 2)), np.array([0, 1]), "NaN"),
        ({**dict.fromkeys(PARAMETERS, 0.0), "b2": "big"}, np.zeros((2, 2)), np.array([0, 1]), "numbers"),
        (dict.fromkeys(PARAMETERS, 0.0), np.zeros((2, 3)), np.array([0, 1]), "shape"),
        (dict.fromkeys(PARAMETERS, 0.0), np.zeros((2, 2)), np.array([0, 2]), "only 0 and 1"),
        (dict.fromkeys(PARAMETERS, 0.0), np.zeros((2, 2)), np.array([0, 1, 1]), "labels"),
    ],
)
def test_bad_inputs_raise_value_errors_that_name_the_problem(params, X, y, message):
    for function in (symbolic.cost_gradient, symbolic.cost_value):
        with pytest.raises(ValueError, match=message):
            function(params, X, y)
