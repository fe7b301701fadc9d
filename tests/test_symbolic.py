"""The sympy network (helpers.symbolic): its derivatives, relu'(0) = 0, and the reference numbers drawn from it
(helpers.references.sympy_gradient)."""

import warnings

import numpy as np
import pytest
import sympy as sp

from helpers import symbolic
from helpers.data import tumour_data
from helpers.parameters import PARAMETERS
from helpers.references import cost, finite_differences, sympy_gradient
from helpers.scratch import NeuralNetwork


def random_params(seed: int) -> dict[str, float]:
    return dict(zip(PARAMETERS, np.random.default_rng(seed).normal(0.0, 1.0, 9)))


# --- the network and its derivatives -------------------------------------------------------


def test_local_derivatives_follow_the_graph():
    w, node = symbolic.PARAMS, symbolic.NODE
    assert symbolic.partial("z2", "a11") == w["w21"]
    assert symbolic.partial("z2", "a12") == w["w22"]
    assert symbolic.partial("a11", "z12") == 0  # unit 1 does not see unit 2
    assert symbolic.partial("z11", "w11") == symbolic.x1
    assert symbolic.partial("z12", "b12") == 1
    dz2 = symbolic.partial("L", "z2")
    a2 = symbolic.FORWARD["a2"]
    assert sp.simplify(dz2 - (a2 - symbolic.y)) == 0
    assert node["z2"] not in dz2.free_symbols  # written in x1, x2, y and the parameters


def test_relu_prime_at_zero_is_zero_in_symbols_and_in_numbers():
    assert symbolic.RELU_PRIME(0) == 0
    assert symbolic.RELU_PRIME(sp.Rational(1, 10**9)) == 1
    # one example with x = (0, 0) and b11 = 0 puts z11 exactly at 0: unit 1 passes nothing back
    params = {**random_params(3), "b11": 0.0, "w21": 1.5}
    grads = sympy_gradient(params, np.zeros((1, 2)), np.array([1]))
    assert grads["b11"] == 0.0 and grads["w11"] == 0.0
    assert grads["b2"] != 0.0


# --- numbers: the exact gradient --------------------------------------------------------------


def test_the_reference_gradient_is_sympys_derivative_of_the_loss():
    """sympy_gradient differentiates with a named sigmoid; sympy.diff of the exp form gives the same numbers."""
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(12, 2)), rng.integers(0, 2, 12)
    params = random_params(2)
    ours = sympy_gradient(params, X, y)
    for p in PARAMETERS:
        derivative = sp.lambdify(symbolic.VARIABLES, symbolic.true_derivative(p), modules="numpy")
        by_exp_form = np.mean([derivative(a, b, c, *params.values()) for (a, b), c in zip(X, y)])
        assert ours[p] == pytest.approx(by_exp_form, rel=1e-10, abs=1e-13), p


def test_cost_gradient_equals_central_differences_on_the_tumours():
    data = tumour_data(seed=0)
    for seed in (0, 1):
        params = random_params(seed)
        exact = sympy_gradient(params, data.X_train, data.y_train)
        measured = finite_differences(lambda q: cost(q, data.X_train, data.y_train), params, h=1e-6)
        for p in PARAMETERS:
            assert exact[p] == pytest.approx(measured[p], rel=1e-6, abs=1e-8), p


def test_cost_gradient_and_cost_equal_the_loop_network():
    data = tumour_data(seed=0)
    net = NeuralNetwork()
    params = random_params(5)
    net.set_params(params)
    grads = net.gradients(data.X_train, data.y_train)
    exact = sympy_gradient(params, data.X_train, data.y_train)
    for p in PARAMETERS:
        assert exact[p] == pytest.approx(grads[p], rel=1e-10, abs=1e-12), p
    _, loop_cost = net.get_accuracy_cost(data.X_train, data.y_train)
    assert cost(params, data.X_train, data.y_train) == pytest.approx(loop_cost, rel=1e-12)


def test_the_reference_cost_is_the_mean_of_sympys_loss():
    rng = np.random.default_rng(4)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)
    params = random_params(6)
    loss = sp.lambdify((symbolic.x1, symbolic.x2, symbolic.y, *symbolic.PARAMS.values()), symbolic.FORWARD["L"])
    expected = np.mean([loss(a, b, c, *params.values()) for (a, b), c in zip(X, y)])
    assert cost(params, X, y) == pytest.approx(expected, rel=1e-12)


def test_sympys_forward_expressions_equal_the_loop_networks_forward_prop():
    net = NeuralNetwork()
    for seed in range(3):
        params = random_params(seed)
        net.set_params(params)
        for x1, x2 in np.random.default_rng(seed).normal(size=(4, 2)):
            values = {symbolic.x1: x1, symbolic.x2: x2, **{symbolic.PARAMS[p]: v for p, v in params.items()}}
            loops = net.forward_prop(x1, x2)
            for name, value in loops.items():
                assert float(symbolic.FORWARD[name].xreplace(values)) == pytest.approx(value, rel=1e-12, abs=1e-12)


def test_extreme_parameters_give_finite_numbers_without_warnings():
    X, y = np.array([[0.5, -1.0], [2.0, 1.0]]), np.array([0, 1])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        for b2 in (1e3, -1e3, 1e6):
            params = {**random_params(7), "b2": b2}
            grads = sympy_gradient(params, X, y)
            assert all(np.isfinite(v) for v in grads.values())
            assert np.isfinite(cost(params, X, y))
    assert abs(sympy_gradient({**random_params(7), "b2": 1e6}, X, y)["b2"] - 0.5) < 1e-12


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
    for function in (sympy_gradient, cost):
        with pytest.raises(ValueError, match=message):
            function(params, X, y)


def test_the_squared_error_loss_changes_only_the_loss():
    squared = symbolic.forward("squared error")
    a2, y = symbolic.FORWARD["a2"], symbolic.y
    assert all(squared[name] == symbolic.FORWARD[name] for name in symbolic.NODES if name != "L")
    assert sp.simplify(squared["L"] - (a2 - y) ** 2 / 2) == 0
    dz2 = symbolic.partial("L", "z2", "squared error")
    assert sp.simplify(dz2 - (a2 - y) * a2 * (1 - a2)) == 0  # the sigmoid's slope no longer cancels
    assert symbolic.partial("L", "z2") != dz2  # the cross-entropy's own derivative is unchanged
    with pytest.raises(ValueError, match="unknown loss"):
        symbolic.partial("L", "z2", "hinge")
