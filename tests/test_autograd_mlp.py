"""What chapter 08 adds to the engine: softplus, the loss from the logit, and a network of any size (MLP).

softplus and ``cross_entropy`` are compared with exact values (40 digits) and with TensorFlow, and a mutation
test proves the comparison has teeth: each mistake in softplus's local derivative, planted with the suite's one
way of planting mistakes (tests/mutation.py), must be caught. The MLP of Values must train exactly as the matrix
network does from the same start, and its gradients must add up across passes until ``zero_grad``.
"""

from __future__ import annotations

import ast
import decimal
import inspect
import math
import warnings

import mutation
import numpy as np
import pytest
from sklearn.datasets import make_moons

import helpers.autograd as autograd
from helpers import comparison, tumour_data
from helpers.autograd import MLP, Value, cross_entropy
from helpers.parameters import PARAMETERS
from helpers.scratch import NeuralNetwork, binary_cross_entropy
from helpers.vectorized import VectorizedNetwork, sigmoid

EXACT = decimal.Context(prec=40)
WIDE = decimal.Context(prec=360)  # log(1 + e^z) for z down to -700: 1 + e^z needs 300 digits more than e^z
POINTS = [*np.linspace(-700, 700, 1401).tolist(), -0.3, 0.7, 1e-8, -1e-8]


def exact_sigmoid(z: float) -> decimal.Decimal:
    return EXACT.divide(1, EXACT.add(1, EXACT.exp(-decimal.Decimal(z))))


def exact_softplus(z: float) -> decimal.Decimal:
    return WIDE.ln(WIDE.add(1, WIDE.exp(decimal.Decimal(z))))


def relative_error(x: float, exact: decimal.Decimal) -> float:
    if exact == 0:
        return abs(x)
    return float(EXACT.divide(abs(EXACT.subtract(decimal.Decimal(x), exact)), abs(exact)))


def softplus_errors(module) -> float:
    """The largest relative error of the module's softplus and of its slope, against the exact ones, over POINTS."""
    worst = 0.0
    for z in POINTS:
        x = module.Value(z)
        out = x.softplus()
        out.backward()
        worst = max(worst, relative_error(out.data, exact_softplus(z)), relative_error(x.grad, exact_sigmoid(z)))
    return worst


# ---------------------------------------------------------------- softplus, and the comparison's teeth


def test_softplus_and_its_slope_are_accurate_for_every_z():
    """log(1 + e^z) and sigma(z) within 1e-14 of the exact ones for |z| <= 700; at |z| = 1e4 finite, slope 0 or 1."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert softplus_errors(autograd) <= 1e-14
        for z, value, slope in ((-1e4, 0.0, 0.0), (1e4, 1e4, 1.0)):
            x = Value(z)
            out = x.softplus()
            out.backward()
            assert out.data == value and x.grad == slope


def test_softplus_agrees_with_gradient_tape():
    import tensorflow as tf

    for z in np.random.default_rng(0).uniform(-30, 30, 50).tolist():
        t = tf.constant(z, dtype=tf.float64)
        with tf.GradientTape() as tape:
            tape.watch(t)
            out = tf.nn.softplus(t)
        x = Value(z)
        ours = x.softplus()
        ours.backward()
        assert math.isclose(ours.data, float(out.numpy()), rel_tol=1e-13)
        assert math.isclose(x.grad, float(tape.gradient(out, t).numpy()), rel_tol=1e-13)


def softplus_mutants() -> list[mutation.Mutant]:
    """Every single mistake in softplus's local derivative: the code rules, and the derivative read at z + 1."""
    source = inspect.getsource(autograd)
    cls = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef) and n.name == "Value")
    method = next(m for m in cls.body if isinstance(m, ast.FunctionDef) and m.name == "softplus")
    call = next(c for c in ast.walk(method) if isinstance(c, ast.Call) and getattr(c.func, "id", None) == "Value")
    (given_to, derivative), = (pair.elts for pair in call.args[1].elts)
    shifted = {"shifted input": mutation.Rule(mutation.matches(r"\bself\.data\b"), lambda x: [f"({x} + 1)"])}
    return mutation.mutants(source, mutation.CODE | shifted, [mutation.span(source, derivative)])


def test_every_mistake_in_softplus_is_caught():
    mutants = softplus_mutants()
    assert {m.rule for m in mutants} >= {"negate", "double", "drop call", "shifted input"}
    missed = []
    for mutant in mutants:
        try:
            caught = softplus_errors(mutation.load(mutant.text, "autograd_mutant")) > 1e-6
        except (ArithmeticError, ValueError):
            caught = True
        if not caught:
            missed.append(str(mutant))
    assert not missed, missed


# ---------------------------------------------------------------- the loss from the logit


def test_the_loss_from_the_logit_is_finite_and_its_slope_is_sigma_minus_y_for_every_z():
    """cross_entropy equals chapter 04's binary_cross_entropy; dL/dz within 1e-12 of the exact sigma(z) - y."""
    for z in [*np.linspace(-700, 700, 281).tolist(), -1e4, 1e4]:
        for y in (0.0, 1.0):
            v = Value(z)
            L = cross_entropy(v, y)
            L.backward()
            assert math.isfinite(L.data) and L.data == binary_cross_entropy(z, y)
            exact = exact_sigmoid(z) if y == 0 else -exact_sigmoid(-z)  # sigma(z) - 1 = -sigma(-z), to 40 digits
            assert relative_error(v.grad, exact) <= 1e-12 or abs(exact) < 1e-300


def test_the_networks_loss_is_finite_at_extreme_logits():
    """With z2 = b2 = +-37 and +-1e4, chapter 08's loss is chapter 04's, finite, and dL/db2 = sigma(z2) - y."""
    zero = {p: Value(0.0) for p in PARAMETERS if p != "b2"}
    for z2 in (-1e4, -37.0, 37.0, 1e4):
        for y in (0.0, 1.0):
            b2 = Value(z2)
            nodes = autograd.loss(0.3, -0.2, y, **zero, b2=b2)
            nodes["L"].backward()
            assert nodes["L"].data == binary_cross_entropy(z2, y)
            exact = exact_sigmoid(z2) if y == 0 else -exact_sigmoid(-z2)
            assert relative_error(b2.grad, exact) <= 1e-12 or abs(exact) < 1e-300


# ---------------------------------------------------------------- the MLP of Values

MOONS = make_moons(n_samples=60, noise=0.1, random_state=0)


def test_an_mlp_has_micrograds_shape():
    mlp = MLP([2, 8, 8, 1], seed=0)
    assert [len(layer.neurons) for layer in mlp.layers] == [8, 8, 1]
    assert [n.hidden for layer in mlp.layers for n in layer.neurons[:1]] == [True, True, False]
    assert len(mlp.parameters()) == 2 * 8 + 8 + 8 * 8 + 8 + 8 + 1 == 105
    assert len({id(p) for p in mlp.parameters()}) == 105
    assert [w.shape for w in mlp.get_weights()] == [(2, 8), (8,), (8, 8), (8,), (8, 1), (1,)]
    z = mlp([0.5, -1.0])
    assert isinstance(z, Value) and z.op == "+"  # the output neuron is linear: its z is the logit


def test_the_mlp_trains_exactly_as_the_matrix_network_from_the_same_start():
    """Two architectures, same weights, alpha 0.5: the same gradients, costs, accuracies and weights, to 1e-12."""
    X, y = MOONS
    for sizes in ([2, 8, 8, 1], [2, 3, 1]):
        mlp, matrix = MLP(sizes, seed=1), VectorizedNetwork(sizes)
        matrix.set_weights(mlp.get_weights())
        dWs, dbs = matrix.gradients(X, y)
        flat = np.concatenate([np.column_stack([dW.T, db]).ravel() for dW, db in zip(dWs, dbs)])  # neuron by neuron
        assert np.allclose(mlp.gradients(X, y), flat, rtol=1e-12, atol=1e-15)
        mlp.fit(X, y, alpha=0.5, epochs=5)
        matrix.fit(X, y, alpha=0.5, epochs=5)
        assert np.allclose(mlp.history["cost"], matrix.history["cost"], rtol=1e-12, atol=0)
        assert mlp.history["accuracy"] == matrix.history["accuracy"]
        assert mlp.history["cost"][-1] < mlp.history["cost"][0]
        for ours, theirs in zip(mlp.get_weights(), matrix.get_weights()):
            assert np.allclose(ours, theirs, rtol=1e-12, atol=1e-15)
        assert np.allclose(mlp.predict_proba(X), matrix.predict_proba(X), rtol=1e-12, atol=1e-15)


def test_gradients_add_up_across_passes_until_zero_grad():
    X, y = MOONS
    mlp = MLP([2, 4, 1], seed=0)
    mlp.cost(X, y).backward()
    once = [p.grad for p in mlp.parameters()]
    mlp.cost(X, y).backward()  # a fresh graph on the same leaves
    assert np.allclose([p.grad for p in mlp.parameters()], 2 * np.array(once), rtol=1e-12, atol=0)
    mlp.zero_grad()
    assert all(p.grad == 0 for p in mlp.parameters())
    assert mlp.gradients(X, y) == once and mlp.gradients(X, y) == once  # gradients() zeroes first


def test_bad_mlp_input_is_refused():
    X, y = MOONS
    with pytest.raises(ValueError, match="every layer size"):
        MLP([2, 0, 1])
    with pytest.raises(ValueError, match="shape"):
        MLP([3, 2, 1]).gradients(X, y)
    with pytest.raises(ValueError, match="alpha"):
        MLP([2, 2, 1]).fit(X, y, alpha=0.0, epochs=1)


def test_the_value_network_still_follows_the_loop_network():
    """The 2-2-1 ValueNetwork, whose loss now comes from the logit: gradients equal back_prop's at the start."""
    data = tumour_data(seed=0)
    values, loop = autograd.ValueNetwork(seed=0), NeuralNetwork(seed=0)
    ours, theirs = values.gradients(data.X_train, data.y_train), loop.gradients(data.X_train, data.y_train)
    assert comparison.max_relative_difference(ours, theirs) <= 1e-12


# ---------------------------------------------------------------- one node per matrix

Y_MOONS = MOONS[1].reshape(-1, 1).astype(float)


def tensor_gradients(module, weights: list[np.ndarray]) -> list[np.ndarray]:
    """dJ/dW, dJ/db of every layer from the module's Tensors: relu hidden layers, the cost from the logits."""
    tensors = [module.Tensor(w) for w in weights]
    A = module.Tensor(MOONS[0])
    for k in range(0, len(tensors), 2):
        Z = A @ tensors[k] + tensors[k + 1]
        A = Z.relu() if k + 2 < len(tensors) else Z
    A.cross_entropy(Y_MOONS).backward()
    return [t.grad for t in tensors]


def tensor_error(module, nets: list[VectorizedNetwork]) -> float:
    """The largest difference between the module's Tensor gradients and the matrix network's back_prop."""
    worst = 0.0
    for net in nets:
        dWs, dbs = net.gradients(*MOONS)
        expected = [m for pair in zip(dWs, dbs) for m in pair]
        got = tensor_gradients(module, net.get_weights())
        if [g.shape for g in got] != [e.shape for e in expected]:
            return math.inf
        worst = max(worst, max(float(np.abs(g - e).max()) for g, e in zip(got, expected)))
    # the cost's rule with an upstream gradient other than 1, as when the cost is not the graph's output
    Z = np.linspace(-3, 3, len(Y_MOONS)).reshape(-1, 1)
    (_, rule), = module.Tensor(Z).cross_entropy(Y_MOONS).inputs
    return max(worst, float(np.abs(rule(np.array(2.0)) - 2 * (sigmoid(Z) - Y_MOONS) / len(Z)).max()))


def started(sizes: list[int], seed: int) -> VectorizedNetwork:
    """A matrix network with random nonzero weights everywhere (its own start has a zero output layer)."""
    net = VectorizedNetwork(sizes)
    rng = np.random.default_rng(seed)
    net.set_weights([rng.normal(size=w.shape) for w in net.get_weights()])
    return net


NETS = [started([2, 3, 4, 1], 0), started([2, 5, 1], 1)]


def test_tensor_gradients_are_the_matrix_networks():
    assert tensor_error(autograd, NETS) <= 1e-12


def test_every_mistake_in_a_tensor_rule_is_caught():
    """Each rule of Tensor's operations, negated, doubled, a factor, term, call or transpose dropped, is caught."""
    source = inspect.getsource(autograd)
    cls = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef) and n.name == "Tensor")
    rules = [n.body for n in ast.walk(cls) if isinstance(n, ast.Lambda)]
    assert len(rules) == 6
    transpose = {"drop transpose": mutation.Rule(mutation.matches(r"\.T\b"), lambda _: [""])}
    mutants = mutation.mutants(source, mutation.CODE | transpose, [mutation.span(source, r) for r in rules])
    assert len(mutants) >= 12
    missed = []
    for mutant in mutants:
        try:
            caught = tensor_error(mutation.load(mutant.text, "autograd_mutant"), NETS) > 1e-6
        except (ArithmeticError, ValueError):  # a shape error is a caught mistake too
            caught = True
        if not caught:
            missed.append(str(mutant))
    assert not missed, missed
