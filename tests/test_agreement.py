"""The loop network's gradients are right, and these tests would notice if one were wrong.

Backpropagation is compared with central finite differences of the cost (and
with sympy's exact derivatives and TensorFlow's GradientTape) for all nine
parameters at several random points. Then a mutation test proves the
comparison has teeth: every single-token mistake we can make in any one line
of ``back_prop`` (a swapped index, a dropped factor, a flipped sign ...) is
caught by it.
"""

import ast
import inspect
import math
import textwrap

import numpy as np
import pytest

import helpers.scratch as scratch
from helpers import checks, tumour_data
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
        units = checks.hidden_activity(params, X).values()
        if all(0 < u["active"] < u["examples"] and u["smallest |z|"] > 1e-3 for u in units):
            points.append(params)
    return points


POINTS = meaningful_points()
# The reference: finite differences of the mean cost, and of each chosen example's loss.
FD_MEAN = [checks.cost_finite_differences(p, X, Y) for p in POINTS]
FD_EXAMPLE = [{j: checks.cost_finite_differences(p, X[j : j + 1], Y[j : j + 1]) for j in EXAMPLES} for p in POINTS]


def worst_disagreement(network_class: type) -> float:
    """The largest relative difference between a network's backprop and finite differences.

    Checks both NeuralNetwork.gradients (mean over the 80 rows) and back_prop on
    single examples, at every point. Above TOLERANCE means a derivative is wrong.
    """
    worst = 0.0
    for params, fd_mean, fd_examples in zip(POINTS, FD_MEAN, FD_EXAMPLE):
        net = network_class()
        net.set_params(params)
        mean_gradient, _, _ = net.gradients(X, Y)
        worst = max(worst, checks.max_relative_difference(mean_gradient, fd_mean, FLOOR))
        for j, fd in fd_examples.items():
            x1, x2 = float(X[j, 0]), float(X[j, 1])
            example_gradient = net.back_prop(x1, x2, float(Y[j]), net.forward_prop(x1, x2))
            worst = max(worst, checks.max_relative_difference(example_gradient, fd, FLOOR))
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
    gradient, cost, _ = net.gradients(DATA.X_train, DATA.y_train)
    assert math.isclose(cost, checks.cost(params, DATA.X_train, DATA.y_train), rel_tol=1e-12)
    fd = checks.cost_finite_differences(params, DATA.X_train, DATA.y_train)
    assert checks.max_relative_difference(gradient, fd) <= 1e-7


def test_backprop_matches_symbolic_derivatives():
    """sympy's exact derivatives and backprop agree to rounding error (1e-12)."""
    for params in POINTS[:2]:
        net = NeuralNetwork()
        net.set_params(params)
        gradient, cost, _ = net.gradients(X, Y)
        exact = checks.sympy_gradient(params, X, Y)
        assert checks.max_relative_difference(gradient, exact) <= 1e-12
        assert math.isclose(checks.cost(params, X, Y), cost, rel_tol=1e-12)


def test_backprop_matches_gradient_tape():
    """TensorFlow's automatic differentiation of the Keras twin agrees to rounding error."""
    params = POINTS[0]
    net = NeuralNetwork()
    net.set_params(params)
    gradient, _, _ = net.gradients(X, Y)
    assert checks.max_relative_difference(gradient, checks.tape_gradient(params, X, Y)) <= 1e-12


# ---------------------------------------------------------------- the check has teeth

SWAPS = [("x1", "x2"), ("z11", "z12"), ("a11", "a12"), ("w21", "w22"), ("dz11", "dz12")]


class Swap(ast.NodeTransformer):
    """Exchange two names everywhere in an expression: variables, attributes (self.w21) and keys ("z11")."""

    def __init__(self, a: str, b: str):
        self.other = {a: b, b: a}

    def visit_Name(self, node):
        node.id = self.other.get(node.id, node.id)
        return node

    def visit_Attribute(self, node):
        self.generic_visit(node)
        node.attr = self.other.get(node.attr, node.attr)
        return node

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            node.value = self.other.get(node.value, node.value)
        return node


def factors(node: ast.expr) -> list[ast.expr]:
    """The factors of a product a * b * c (a single factor if it is not a product)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        return factors(node.left) + factors(node.right)
    return [node]


def product(nodes: list[ast.expr]) -> ast.expr:
    result = nodes[0]
    for node in nodes[1:]:
        result = ast.BinOp(left=result, op=ast.Mult(), right=node)
    return result


def names_in(node: ast.expr) -> set[str]:
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            found.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            found.add(sub.attr)
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.add(sub.value)
    return found


def wrong_versions(value: ast.expr) -> list[tuple[str, ast.expr]]:
    """Every single mistake we make in one right-hand side: (description, wrong expression)."""
    versions = []
    for a, b in SWAPS:  # a swapped index
        if {a, b} & names_in(value):
            versions.append((f"swap {a} <-> {b}", Swap(a, b).visit(ast.parse(ast.unparse(value), mode="eval").body)))
    versions.append(("flip the sign", ast.UnaryOp(op=ast.USub(), operand=value)))
    parts = factors(value)
    if len(parts) > 1:  # a forgotten factor (relu', the weight, the input ...)
        for i, part in enumerate(parts):
            versions.append((f"drop the factor {ast.unparse(part)}", product(parts[:i] + parts[i + 1 :])))
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add | ast.Sub):  # a - b: wrong sign, lost term
        other = ast.Add() if isinstance(value.op, ast.Sub) else ast.Sub()
        versions.append(("+ <-> -", ast.BinOp(left=value.left, op=other, right=value.right)))
        versions.append((f"drop the term {ast.unparse(value.right)}", value.left))
        versions.append((f"drop the term {ast.unparse(value.left)}", value.right))
    return versions


def back_prop_mutants() -> list[tuple[str, str]]:
    """(description, source) of every one-mistake version of NeuralNetwork.back_prop.

    A mistake goes into the right-hand side of one line that computes a dL/dz
    (dz... = ...) or into one entry of the returned dict of gradients.
    """
    source = textwrap.dedent(inspect.getsource(NeuralNetwork.back_prop))
    body = ast.parse(source).body[0].body
    places = []  # (where, statement index, dict key index or None)
    for index, statement in enumerate(body):
        if isinstance(statement, ast.Assign) and ast.unparse(statement.targets[0]).startswith("dz"):
            places.append((ast.unparse(statement.targets[0]), index, None))
        if isinstance(statement, ast.Return) and isinstance(statement.value, ast.Dict):
            places += [(f"grads[{key.value!r}]", index, k) for k, key in enumerate(statement.value.keys)]
    mutants, seen = [], {ast.unparse(ast.parse(source))}
    for where, index, key in places:
        statement = body[index]
        value = statement.value if key is None else statement.value.values[key]
        for what, wrong in wrong_versions(value):
            tree = ast.parse(source)  # a fresh copy for each mutant
            target = tree.body[0].body[index]
            if key is None:
                target.value = wrong
            else:
                target.value.values[key] = wrong
            mutant = ast.unparse(ast.fix_missing_locations(tree))
            if mutant not in seen:  # two mistakes can produce the same code
                seen.add(mutant)
                mutants.append((f"{where} = {ast.unparse(value)}: {what}", mutant))
    return mutants


def network_with(back_prop_source: str) -> type:
    """A NeuralNetwork subclass whose back_prop is compiled from the given source."""
    namespace = dict(vars(scratch))  # the function sees what back_prop sees: derivative_relu, ...
    exec(compile(back_prop_source, "<back_prop>", "exec"), namespace)
    return type("Mutant", (NeuralNetwork,), {"back_prop": namespace["back_prop"]})


def test_recompiled_back_prop_still_passes():
    """The machinery alone changes nothing: back_prop recompiled unchanged passes the check."""
    source = textwrap.dedent(inspect.getsource(NeuralNetwork.back_prop))
    assert worst_disagreement(network_with(source)) <= TOLERANCE


def test_every_single_mistake_in_back_prop_is_caught():
    """Each one-mistake mutant of back_prop fails the finite-difference check."""
    mutants = back_prop_mutants()
    lines = {description.split(":")[0] for description, _ in mutants}
    assert len(lines) == 12  # dz2, dz11, dz12 and the nine gradients all get mistakes
    assert len(mutants) >= 40
    missed = []
    for description, source in mutants:
        try:
            caught = worst_disagreement(network_with(source)) > TOLERANCE
        except (ArithmeticError, KeyError, TypeError, ValueError):
            caught = True  # a crash would fail the tests too
        if not caught:
            missed.append(description)
    assert not missed, f"{len(missed)} of {len(mutants)} mistakes went unnoticed: {missed}"


# ---------------------------------------------------------------- the checking tools


def test_finite_differences_of_known_functions():
    """Exact for a quadratic (up to rounding); error about h^2 for a cubic."""
    params = dict(zip(PARAMETERS, np.linspace(-1.0, 1.0, 9)))
    square = checks.finite_differences(lambda p: sum(v * v for v in p.values()), params)
    assert all(math.isclose(square[p], 2 * params[p], rel_tol=0, abs_tol=1e-9) for p in PARAMETERS)
    cube = checks.finite_differences(lambda p: sum(v**3 for v in p.values()), params, h=1e-3)
    # (x+h)^3 - (x-h)^3 over 2h = 3x^2 + h^2 exactly
    assert all(math.isclose(cube[p], 3 * params[p] ** 2 + 1e-6, rel_tol=0, abs_tol=1e-9) for p in PARAMETERS)


def test_relative_difference():
    assert checks.relative_difference(1.0, 1.1) == pytest.approx(0.1 / 1.1)
    assert checks.relative_difference(1e-5, 1.1e-5) == pytest.approx(0.1 / 1.1)
    assert checks.relative_difference(2.0, 3.0) == checks.relative_difference(3.0, 2.0)
    assert checks.relative_difference(0.0, 0.0) == 0.0
    # Below the floor the comparison becomes absolute: tiny noise stays tiny.
    assert checks.relative_difference(1e-20, 2e-20, floor=1e-12) == pytest.approx(1e-8)
    with pytest.raises(ValueError, match="non-finite"):
        checks.relative_difference(float("nan"), 1.0)


def test_gradient_table_and_display():
    exact = dict(zip(PARAMETERS, np.linspace(0.1, 0.9, 9)))
    near = {p: v * (1 + 3e-9) for p, v in exact.items()}
    table = checks.gradient_table({"a": exact, "b": dict(exact), "finite difference": near})
    assert list(table.index) == list(PARAMETERS)
    assert table["exact vs exact"].max() == 0.0
    assert table["exact vs approximate"].max() == pytest.approx(3e-9, rel=1e-3)
    shown = checks.display_table(table, {"exact vs exact": 1e-12, "exact vs approximate": 1e-9})
    assert set(shown["exact vs exact"]) == {"< 1e-12"}
    assert set(shown["exact vs approximate"]) == {"3.0e-09"}  # over its bound: the number itself shows
    assert shown.at["w11", "a"] == "0.1"
    with pytest.raises(ValueError, match="no column"):
        checks.display_table(table, {"max difference": 1e-7})
    with pytest.raises(ValueError, match="no gradients"):
        checks.gradient_table({})


def test_bad_input_is_refused():
    params = dict(zip(PARAMETERS, np.zeros(9)))
    with pytest.raises(ValueError, match="missing parameter"):
        checks.cost({"w11": 1.0}, X, Y)
    with pytest.raises(ValueError, match="not finite"):
        checks.cost({**params, "b2": float("inf")}, X, Y)
    with pytest.raises(ValueError, match="step h"):
        checks.cost_finite_differences(params, X, Y, h=0.0)
    with pytest.raises(ValueError, match="shape"):
        checks.cost(params, X[:, :1], Y)
    with pytest.raises(ValueError, match="no entry"):
        checks.max_relative_difference(params, {"w11": 0.0})


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
    assert history.history["loss"][0] == pytest.approx(checks.cost(start, X, Y), rel=1e-12)
    assert np.abs(np.array(history.history["loss"]) - net.history["cost"]).max() <= 1e-12
    assert checks.max_relative_difference(net.get_params(), from_matrices(model.get_weights())) <= 1e-12
