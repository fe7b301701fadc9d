"""The loop network's gradients are right, and these tests would notice if one were wrong.

Backpropagation is compared with central finite differences of the cost (and
with sympy's exact derivatives and TensorFlow's GradientTape) for all nine
parameters at several random points. Then a mutation test proves the
comparison has teeth: every single mistake the suite's one way of planting
mistakes (tests/mutation.py) makes in any one line of ``back_prop`` (an index
changed, a sign flipped, a factor dropped ...) is caught by it.
"""

import ast
import inspect
import math

import mutation
import numpy as np
import pytest

import helpers.scratch as scratch
from helpers import comparison, references, tumour_data
from helpers.parameters import PARAMETERS, from_matrices, to_matrices
from helpers.scratch import NeuralNetwork

DATA = tumour_data(seed=0)
X, Y = DATA.X_train[:80], DATA.y_train[:80]  # a subset keeps the many finite differences fast

# Correct gradients agree with finite differences to better than 1e-6 at these
# points (single examples are the noisiest: their loss is not averaged); every
# wrong derivative we tried is off by more than 0.1. The tolerance sits between,
# with a wide margin on both sides. Gradients smaller than FLOOR are compared
# absolutely (|difference| <= TOLERANCE * FLOOR = 1e-9): for them a relative
# measure would only magnify the finite differences' absolute error (~1e-10).
TOLERANCE = 1e-5
FLOOR = 1e-4
EXAMPLES = range(0, 80, 8)  # rows whose single-example gradient back_prop must get right


def meaningful_points(count: int = 4) -> list[dict[str, float]]:
    """Seeded random parameter points where the check can see every derivative.

    Each hidden unit must be active (z > 0) on some rows and inactive on others,
    so neither relu' nor its factor can be silently skipped, and no |z| may be
    near 0, where a difference of step h would straddle relu's kink.
    """
    points, seed = [], 0
    while len(points) < count:
        rng = np.random.default_rng(seed)
        seed += 1
        params = dict(zip(PARAMETERS, rng.normal(size=9)))
        units = references.hidden_activity(params, X).values()
        if all(0 < u["active"] < u["examples"] and u["smallest |z|"] > 1e-3 for u in units):
            points.append(params)
    return points


POINTS = meaningful_points()
# The reference: finite differences of the mean cost, and of each chosen example's loss.
FD_MEAN = [references.cost_finite_differences(p, X, Y) for p in POINTS]
FD_EXAMPLE = [{j: references.cost_finite_differences(p, X[j : j + 1], Y[j : j + 1]) for j in EXAMPLES} for p in POINTS]


def worst_disagreement(network_class: type) -> float:
    """The largest relative difference between a network's backprop and finite differences.

    Checks both NeuralNetwork.gradients (mean over the 80 rows) and back_prop on
    single examples, at every point. Above TOLERANCE means a derivative is wrong.
    """
    worst = 0.0
    for params, fd_mean, fd_examples in zip(POINTS, FD_MEAN, FD_EXAMPLE):
        net = network_class()
        net.set_params(params)
        mean_gradient = net.gradients(X, Y)
        worst = max(worst, comparison.max_relative_difference(mean_gradient, fd_mean, FLOOR))
        for j, fd in fd_examples.items():
            x1, x2 = float(X[j, 0]), float(X[j, 1])
            example_gradient = net.back_prop(x1, x2, float(Y[j]), net.forward_prop(x1, x2))
            worst = max(worst, comparison.max_relative_difference(example_gradient, fd, FLOOR))
    return worst


# ---------------------------------------------------------------- the network is right


def test_points_are_meaningful():
    """The random points exercise both units, both sides of relu, and are not degenerate."""
    assert len(POINTS) == 4
    for params in POINTS:
        assert abs(params["w21"] - params["w22"]) > 1e-3  # a w21 <-> w22 swap would show
    for fd in FD_MEAN:
        assert all(math.isfinite(v) for v in fd.values())
        assert sum(abs(v) > FLOOR for v in fd.values()) >= 7  # most derivatives are clearly non-zero


def test_backprop_matches_finite_differences():
    """Mean and per-example gradients of all nine parameters agree with finite differences."""
    assert worst_disagreement(NeuralNetwork) <= TOLERANCE


def test_backprop_matches_finite_differences_on_the_full_training_split():
    """At one point, on all training rows, the agreement is tighter still: 1e-7."""
    params = POINTS[0]
    net = NeuralNetwork()
    net.set_params(params)
    gradient = net.gradients(DATA.X_train, DATA.y_train)
    _, cost = net.get_accuracy_cost(DATA.X_train, DATA.y_train)
    assert math.isclose(cost, references.cost(params, DATA.X_train, DATA.y_train), rel_tol=1e-12)
    fd = references.cost_finite_differences(params, DATA.X_train, DATA.y_train)
    assert comparison.max_relative_difference(gradient, fd) <= 1e-7


def test_backprop_matches_symbolic_derivatives():
    """sympy's exact derivatives and backprop agree to rounding error (1e-12)."""
    for params in POINTS[:2]:
        net = NeuralNetwork()
        net.set_params(params)
        gradient = net.gradients(X, Y)
        _, cost = net.get_accuracy_cost(X, Y)
        exact = references.sympy_gradient(params, X, Y)
        assert comparison.max_relative_difference(gradient, exact) <= 1e-12
        assert math.isclose(references.cost(params, X, Y), cost, rel_tol=1e-12)


def test_backprop_matches_gradient_tape():
    """TensorFlow's automatic differentiation of the Keras twin agrees to rounding error."""
    params = POINTS[0]
    net = NeuralNetwork()
    net.set_params(params)
    gradient = net.gradients(X, Y)
    assert comparison.max_relative_difference(gradient, references.tape_gradient(params, X, Y)) <= 1e-12


# ---------------------------------------------------------------- the check has teeth

SOURCE = inspect.getsource(scratch)  # the module that defines back_prop: mutants of it run as whole modules


def back_prop_places(source: str) -> list[tuple[int, int]]:
    """Where back_prop computes a derivative: the right-hand side of each assignment, each value it returns."""
    back_prop = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and n.name == "back_prop")
    values = [n.value for n in ast.walk(back_prop) if isinstance(n, ast.Assign)]
    values += [value for n in ast.walk(back_prop) if isinstance(n, ast.Dict) for value in n.values]
    return [mutation.span(source, value) for value in values]


def network_with(source: str) -> type:
    """The NeuralNetwork class of helpers.scratch run from this source."""
    return mutation.load(source, "scratch_mutant").NeuralNetwork


def test_the_mistakes_planted_in_two_lines():
    """What the rules do to dL/dz2 = a2 - y and dL/dz11 = dL/dz2 * w21 * relu'(z11): every mistake, written out."""
    assert [(m.rule, m.text) for m in mutation.mutants('forward["a2"] - y', mutation.CODE)] == [
        ("index", 'forward["a11"] - y'),
        ("index", 'forward["a12"] - y'),
        ("sign", 'forward["a2"] + y'),
        ("negate", '-(forward["a2"] - y)'),
        ("double", '2 * (forward["a2"] - y)'),
        ("drop term", "y"),
        ("drop term", 'forward["a2"]'),
    ]
    planted = {}
    for mutant in mutation.mutants('dz2 * self.w21 * derivative_relu(forward["z11"])', mutation.CODE):
        planted.setdefault(mutant.rule, []).append(mutant.text)
    assert planted == {
        "index": [
            'dz11 * self.w21 * derivative_relu(forward["z11"])',
            'dz12 * self.w21 * derivative_relu(forward["z11"])',
            *(f'dz2 * self.{w} * derivative_relu(forward["z11"])' for w in ("w11", "w12", "w13", "w14", "w22")),
            'dz2 * self.w21 * derivative_relu(forward["z12"])',
            'dz2 * self.w21 * derivative_relu(forward["z2"])',
        ],
        "negate": ['-(dz2 * self.w21 * derivative_relu(forward["z11"]))'],
        "double": ['2 * (dz2 * self.w21 * derivative_relu(forward["z11"]))'],
        "drop factor": [
            'self.w21 * derivative_relu(forward["z11"])',
            'dz2 * derivative_relu(forward["z11"])',
            "dz2 * self.w21",
        ],
        "drop call": ['dz2 * self.w21 * forward["z11"]'],
    }


def test_recompiled_back_prop_still_passes():
    """The machinery alone changes nothing: the module run from its own source passes the check."""
    assert worst_disagreement(network_with(SOURCE)) <= TOLERANCE


def test_every_single_mistake_in_back_prop_is_caught():
    """Each one-mistake mutant of back_prop fails the finite-difference check, or cannot run at all.

    No mistake here is harmless (none leaves all nine gradients as they were), so none may pass. A mutant that
    reads a dL/dz before it is computed (dz11 = dz12 * ...) stops with an UnboundLocalError: caught too, but
    counted apart, so that the test shows that nearly all are caught by a wrong number.
    """
    places = back_prop_places(SOURCE)
    assert len(places) == 12  # dz2, dz11, dz12 and the nine gradients
    mutants = mutation.mutants(SOURCE, mutation.CODE, places)
    assert {m.line for m in mutants} == {SOURCE.count("\n", 0, start) + 1 for start, _ in places}  # all get mistakes
    assert len(mutants) >= 90
    wrong, stopped, missed = [], [], []
    for mutant in mutants:
        try:
            (wrong if worst_disagreement(network_with(mutant.text)) > TOLERANCE else missed).append(mutant)
        except UnboundLocalError:
            stopped.append(mutant)
    assert not missed, f"{len(missed)} of {len(mutants)} mistakes went unnoticed: {[str(m) for m in missed]}"
    assert all(m.rule == "index" and m.new in ("dz11", "dz12") for m in stopped) and len(stopped) <= 3
    assert len(wrong) >= 90


# ---------------------------------------------------------------- the checking tools


def test_finite_differences_of_known_functions():
    """Exact for a quadratic (up to rounding); error about h^2 for a cubic."""
    params = dict(zip(PARAMETERS, np.linspace(-1.0, 1.0, 9)))
    square = references.finite_differences(lambda p: sum(v * v for v in p.values()), params)
    assert all(math.isclose(square[p], 2 * params[p], rel_tol=0, abs_tol=1e-9) for p in PARAMETERS)
    cube = references.finite_differences(lambda p: sum(v**3 for v in p.values()), params, h=1e-3)
    # (x+h)^3 - (x-h)^3 over 2h = 3x^2 + h^2 exactly
    assert all(math.isclose(cube[p], 3 * params[p] ** 2 + 1e-6, rel_tol=0, abs_tol=1e-9) for p in PARAMETERS)


def test_relative_difference():
    assert comparison.relative_difference(1.0, 1.1) == pytest.approx(0.1 / 1.1)
    assert comparison.relative_difference(1e-5, 1.1e-5) == pytest.approx(0.1 / 1.1)
    assert comparison.relative_difference(2.0, 3.0) == comparison.relative_difference(3.0, 2.0)
    assert comparison.relative_difference(0.0, 0.0) == 0.0
    # Below the floor the comparison becomes absolute: tiny noise stays tiny.
    assert comparison.relative_difference(1e-20, 2e-20, floor=1e-12) == pytest.approx(1e-8)
    with pytest.raises(ValueError, match="non-finite"):
        comparison.relative_difference(float("nan"), 1.0)


def test_gradient_table_and_display():
    exact = dict(zip(PARAMETERS, np.linspace(0.1, 0.9, 9)))
    near = {p: v * (1 + 3e-9) for p, v in exact.items()}
    table = comparison.gradient_table({"a": exact, "b": dict(exact), "finite difference": near})
    assert list(table.index) == list(PARAMETERS)
    assert table["exact vs exact"].max() == 0.0
    assert table["exact vs approximate"].max() == pytest.approx(3e-9, rel=1e-3)
    shown = comparison.display_table(table, {"exact vs exact": 1e-12, "exact vs approximate": 1e-9})
    assert set(shown["exact vs exact"]) == {"< 1e-12"}
    assert set(shown["exact vs approximate"]) == {"3.0e-09"}  # over its bound: the number itself shows
    assert shown.at["w11", "a"] == "0.1"
    with pytest.raises(ValueError, match="no column"):
        comparison.display_table(table, {"max difference": 1e-7})
    with pytest.raises(ValueError, match="no gradients"):
        comparison.gradient_table({})


def test_bad_input_is_refused():
    params = dict(zip(PARAMETERS, np.zeros(9)))
    with pytest.raises(ValueError, match="missing parameter"):
        references.cost({"w11": 1.0}, X, Y)
    with pytest.raises(ValueError, match="not finite"):
        references.cost({**params, "b2": float("inf")}, X, Y)
    with pytest.raises(ValueError, match="step h"):
        references.cost_finite_differences(params, X, Y, h=0.0)
    with pytest.raises(ValueError, match="shape"):
        references.cost(params, X[:, :1], Y)
    with pytest.raises(ValueError, match="no entry"):
        comparison.max_relative_difference(params, {"w11": 0.0})


# ---------------------------------------------------------------- the same training in Keras


@pytest.fixture
def float64_keras():
    """Keras in float64 for one test (loss, learning rate, recorded loss), then back as it was."""
    import keras

    before = keras.backend.floatx()
    keras.backend.set_floatx("float64")
    yield keras
    keras.backend.set_floatx(before)


def test_keras_gradient_descent_follows_the_same_path(float64_keras):
    """Same start, full-batch SGD: Keras records the same costs (before each step) and ends at the same weights."""
    keras = float64_keras
    from helpers.keras_models import dense_network, make_deterministic

    make_deterministic(0)
    net = NeuralNetwork(seed=3, init="he")
    model = dense_network([2, 2, 1], output="linear", dtype="float64")
    model.set_weights(to_matrices(net.get_params()))
    start = net.get_params()
    net.fit(X, Y, alpha=0.5, epochs=5)
    model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True), optimizer=keras.optimizers.SGD(0.5))
    history = model.fit(X, Y, batch_size=len(X), epochs=5, shuffle=False, verbose=0)
    assert history.history["loss"][0] == pytest.approx(references.cost(start, X, Y), rel=1e-12)
    assert np.abs(np.array(history.history["loss"]) - net.history["cost"]).max() <= 1e-12
    assert comparison.max_relative_difference(net.get_params(), from_matrices(model.get_weights())) <= 1e-12
