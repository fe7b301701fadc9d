"""The sympy network of any depth (helpers.symbolic_layers): the layout of VectorizedNetwork, and a check of the
matrix backward pass that holds for the right formulas and refuses wrong ones."""

import numpy as np
import pytest
import sympy as sp

from helpers import symbolic, symbolic_layers
from helpers.symbolic_layers import back_prop, formulas_equal_derivatives, g, g_prime, network
from helpers.vectorized import VectorizedNetwork


def as_relu_numbers(expr, values):
    """expr with g = relu, g' = relu' (0 at 0), sigma the sigmoid, and every symbol replaced by its number."""
    expr = expr.replace(g, lambda u: sp.Max(u, 0)).replace(g_prime, lambda u: sp.Heaviside(u, 0))
    expr = expr.replace(symbolic.sigma, lambda u: 1 / (1 + sp.exp(-u)))
    return float(expr.xreplace(values).evalf())


def test_the_symbols_sit_where_vectorized_network_keeps_its_numbers():
    sizes, n = [2, 3, 2, 1], 3
    net = network(sizes, n)
    numeric = VectorizedNetwork(sizes)
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=w.shape) for w in numeric.get_weights()]
    numeric.set_weights(weights)
    X, y = rng.normal(size=(n, 2)), np.array([1, 0, 1])
    values = {s: v for M, W in zip([m for pair in zip(net.Ws, net.bs) for m in pair], weights)
              for s, v in zip(M, np.ravel(W))}
    values |= {s: v for s, v in zip(net.X, X.ravel())} | {s: float(v) for s, v in zip(net.Y, y)}
    _, cost = numeric.get_accuracy_cost(X, y)
    assert as_relu_numbers(net.J, values) == pytest.approx(cost, rel=1e-12)
    dWs, dbs = back_prop(net)
    expected_dWs, expected_dbs = numeric.gradients(X, y)
    for symbolic_matrix, expected in zip([*dWs, *dbs], [*expected_dWs, *expected_dbs]):
        got = np.array([as_relu_numbers(e, values) for e in symbolic_matrix]).reshape(np.shape(expected))
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("sizes", "n"), [([2, 2, 1], 2), ([2, 2, 2, 1], 1), ([1, 2, 3, 1], 2)])
def test_the_matrix_formulas_are_the_derivatives_of_the_cost(sizes, n):
    proven = formulas_equal_derivatives(sizes, n)
    parameters = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    assert len(proven) == parameters and all(proven.values())


def wrong_back_prop(mistake):
    """symbolic_layers.back_prop with one planted mistake."""

    def formulas(net):
        n, ones = net.X.rows, sp.ones(net.X.rows, 1)
        dZ = (net.As[-1] - net.Y) / (1 if mistake == "no 1/n" else n)
        dWs, dbs = [], []
        for layer in reversed(range(1, len(net.sizes))):
            dWs.insert(0, net.As[layer - 1].T * dZ)
            dbs.insert(0, ones.T * dZ)
            if layer > 1:
                W, here = net.Ws[layer - 1].T, layer == 2  # the mistakes are planted at the square W2
                if here and mistake == "no transpose":
                    W = net.Ws[layer - 1]
                if here and mistake == "no sum":  # each unit hears only the unit of its own number in layer 2
                    W = sp.diag(*[W[j, j] for j in range(W.rows)])
                gate = net.Zs[layer - 2].applyfunc(g if here and mistake == "g, not g'" else g_prime)
                dZ = (dZ * W).multiply_elementwise(gate)
        return dWs, dbs

    return formulas


@pytest.mark.parametrize("mistake", ["no 1/n", "no transpose", "g, not g'", "no sum"])
def test_a_planted_mistake_is_refused(mistake):
    proven = formulas_equal_derivatives([2, 2, 2, 1], 2, formulas=wrong_back_prop(mistake))
    assert not all(proven.values())


def test_the_hidden_activation_is_any_function_known_by_its_derivative():
    u = sp.Symbol("u")
    assert sp.diff(g(u), u) == g_prime(u)
    assert symbolic_layers.weight(2, 1, 3).name == "W2[1,3]" and symbolic_layers.bias(1, 2).name == "b1[2]"
