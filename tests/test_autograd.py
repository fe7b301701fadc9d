"""helpers.autograd computes the right derivatives, and these tests would notice a wrong one.

In micrograd's spirit: many random expressions, built from every operation,
are computed twice, with our ``Value`` and with TensorFlow's GradientTape in
float64, and must agree on the value and on the gradient of every input. Then
a mutation test proves that this comparison has teeth: the suite's one way of
planting mistakes (tests/mutation.py) rewrites each local derivative of each
operation (negated, doubled, read at the wrong input ...) and backward(), the
module runs with the mistake, and the comparison must fail. Then the claims
chapter 08 makes: the network's gradients equal backpropagation's, sympy's and
GradientTape's, and training follows the loop network's path; bad use stops
with Python's own error, or one of the class's two ValueErrors, naming the
problem; and sigmoid, log and the loss are accurate over the ranges their
docstrings promise.
"""

from __future__ import annotations

import ast
import decimal
import inspect
import math
import operator
import random
import re
import warnings
from collections import Counter

import mutation
import numpy as np
import pytest

import helpers.autograd as autograd
from helpers import comparison, references, tumour_data
from helpers.autograd import Value, ValueNetwork
from helpers.parameters import PARAMETERS
from helpers.scratch import NeuralNetwork

DATA = tumour_data(seed=0)
X, Y = DATA.X_train, DATA.y_train

# ---------------------------------------------------------------- random expressions

LEAVES = 3  # inputs of every random expression
STEPS = 12  # operations per expression
PROGRAMS = 150  # random expressions
# A correct engine agrees with GradientTape to better than 1e-13 here (rounding, amplified a little by
# cancellations); every mutant below is off by far more than 1e-3 somewhere. The tolerance sits between.
TOLERANCE = 1e-9
POWERS = (2, 3, -1, -2, 0.5, 1.5)
BINARY = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
UNARY = ("neg", "exp", "log", "relu", "sigmoid", "softplus", "pow")
WEIGHTS = [1.0 + step % 3 for step in range(STEPS)]


def _float_result(op: str, a: float, b: float, k: float) -> float | None:
    """The result of one operation on plain floats, or None outside the domain we test."""
    if op == "/" and abs(b) < 0.2:
        return None
    if op in BINARY:
        return BINARY[op](a, b)
    if op == "exp":
        return math.exp(a) if a <= 3 else None
    if op == "log":
        return math.log(a) if a >= 0.2 else None
    if op == "relu":
        return max(a, 0.0) if abs(a) > 1e-6 else None
    if op == "sigmoid":
        return 1 / (1 + math.exp(-a))
    if op == "softplus":
        return math.log1p(math.exp(a))
    if op == "pow":
        ok = (a >= 0.2) if k != int(k) else (abs(a) >= 0.2 or k > 0)
        return a**k if ok else None
    return -a  # neg


def random_program(seed: int) -> tuple[list[float], list[tuple]]:
    """Seeded random inputs and STEPS operations, each (op, form, i, j, constant, power).

    Operand i (and j) index the values so far: the inputs, then each step's
    result. ``form`` says where a plain number stands in a binary operation:
    "vv" value-value, "vc" value-number, "cv" number-value (the reflected
    operators __radd__, __rsub__ ...). Steps are drawn until STEPS of them stay
    inside the tested domain (log of >= 0.2, exp of <= 3, no division by less
    than 0.2, results within +-20).
    """
    rng = random.Random(seed)
    values = [rng.uniform(-2, 2) for _ in range(LEAVES)]
    inputs, program = list(values), []
    while len(program) < STEPS:
        op = rng.choice(list(BINARY) + list(UNARY))
        form = rng.choice(("vv", "vc", "cv")) if op in BINARY else "v"
        i, j = rng.randrange(len(values)), rng.randrange(len(values))
        constant, k = round(rng.uniform(-2, 2), 3), rng.choice(POWERS)
        a = constant if form == "cv" else values[i]
        b = constant if form == "vc" else values[j] if form == "vv" else values[i]
        result = _float_result(op, a, b, k)
        if result is not None and abs(result) <= 20:
            program.append((op, form, i, j, constant, k))
            values.append(result)
    return inputs, program


def weighted_sum(results: list) -> object:
    """The sum of the results times the weights 1, 2, 3, 1, 2, 3, ... (Python's + and *, for Values)."""
    return sum(weight * r for weight, r in zip(WEIGHTS, results))


def run(program: list[tuple], inputs: list, unary: dict, total=weighted_sum):
    """The program's output from the given input values: the weighted sum of every step's result.

    Summing every step's result makes every operation's local derivatives
    count in the gradient of the output. ``unary`` maps "exp", "log", "relu",
    "sigmoid", "softplus" to the engine's functions; +, -, *, /, ** and unary -
    are Python's.
    """
    values = list(inputs)
    for op, form, i, j, constant, k in program:
        if op in BINARY:
            a = constant if form == "cv" else values[i]
            b = constant if form == "vc" else values[j] if form == "vv" else values[i]
            values.append(BINARY[op](a, b))
        elif op == "neg":
            values.append(-values[i])
        elif op == "pow":
            values.append(values[i] ** k)
        else:
            values.append(unary[op](values[i]))
    return total(values[len(inputs) :])


def value_unary(module) -> dict:
    V = module.Value
    return {"exp": V.exp, "log": V.log, "relu": V.relu, "sigmoid": V.sigmoid, "softplus": V.softplus}


PROGRAM_LIST = [random_program(seed) for seed in range(PROGRAMS)]


@pytest.fixture(scope="module")
def tape_results() -> list[tuple[float, list[float]]]:
    """(value, gradient by each input) of every random program, from TensorFlow's GradientTape in float64."""
    import tensorflow as tf

    unary = {"exp": tf.exp, "log": tf.math.log, "relu": tf.nn.relu, "sigmoid": tf.sigmoid, "softplus": tf.math.softplus}
    weights = tf.constant(WEIGHTS, tf.float64)
    results = []
    for inputs, program in PROGRAM_LIST:
        leaves = [tf.constant(x, dtype=tf.float64) for x in inputs]
        with tf.GradientTape() as tape:
            tape.watch(leaves)
            output = run(program, leaves, unary, total=lambda results: tf.tensordot(weights, tf.stack(results), 1))
        grads = tape.gradient(output, leaves, unconnected_gradients=tf.UnconnectedGradients.ZERO)
        results.append((float(output.numpy()), [float(g.numpy()) for g in grads]))
    return results


def differences(module, tape_results, skip_errors: bool = False):
    """For each random program in turn: the largest relative difference between the module's Values and GradientTape.

    A gradient that is no finite real number (a mutant's can be complex or infinite) differs by inf. With
    ``skip_errors``, a program whose computation stops (a mutant may divide by zero where the right derivative
    does not: ZeroDivisionError, OverflowError, math domain error) is left out instead of stopping the
    comparison, so a mutant counts as caught only if it computes a wrong number somewhere.
    """
    unary = value_unary(module)
    for (inputs, program), (tape_value, tape_grads) in zip(PROGRAM_LIST, tape_results):
        leaves = [module.Value(x) for x in inputs]
        try:
            output = run(program, leaves, unary)
            output.backward()
        except (ArithmeticError, ValueError):
            if skip_errors:
                continue
            raise
        pairs = [(output.data, tape_value), *((leaf.grad, g) for leaf, g in zip(leaves, tape_grads))]
        real = all(isinstance(ours, float) and math.isfinite(ours) for ours, _ in pairs)
        yield max(comparison.relative_difference(ours, g, floor=1e-9) for ours, g in pairs) if real else math.inf


def worst_disagreement(module, tape_results) -> float:
    """The largest relative difference, over every program, between the module's Values and GradientTape."""
    return max(differences(module, tape_results))


def test_random_programs_use_every_operation_and_form():
    """The random expressions exercise all operations, the reflected forms, every power, relu on both sides."""
    steps = [step for _, program in PROGRAM_LIST for step in program]
    assert {op for op, *_ in steps} == set(BINARY) | set(UNARY)
    forms = {(op, form) for op, form, *_ in steps if op in BINARY}
    assert forms == {(op, form) for op in BINARY for form in ("vv", "vc", "cv")}
    assert {k for op, *_, k in steps if op == "pow"} == set(POWERS)
    relu_inputs = []
    for inputs, program in PROGRAM_LIST:
        values = list(inputs)
        for op, form, i, j, constant, k in program:
            a = constant if form == "cv" else values[i]
            b = constant if form == "vc" else values[j] if form == "vv" else values[i]
            if op == "relu":
                relu_inputs.append(values[i])
            values.append(_float_result(op, a, b, k))
    assert any(-1 < z < 0 for z in relu_inputs) and any(z > 0 for z in relu_inputs)


def test_values_and_gradients_match_gradient_tape(tape_results):
    """Every random expression: the same value and the same gradient of every input as TensorFlow, to 1e-12."""
    assert worst_disagreement(autograd, tape_results) <= 1e-12


# ---------------------------------------------------------------- the comparison has teeth

SOURCE = inspect.getsource(autograd)  # mutants of it run as whole modules
# Mistakes of autograd's own, made with the suite's one way of planting mistakes (tests/mutation.py):
# a binary operation's input read or credited in place of the other, a local derivative taken at input + 1.
EXCHANGED = {"self": "other", "other": "self"}
OTHER_INPUT = {"other input": mutation.Rule(mutation.matches(r"\b(self|other)\b"), lambda x: [EXCHANGED[x]])}
SHIFTED = {"shifted input": mutation.Rule(mutation.matches(r"\b(self|other)\.data\b"), lambda x: [f"({x} + 1)"])}
BACKWARD = {  # in backward(): a gradient overwritten, the graph walked forwards, a local derivative or v.grad forgotten
    "= for +=": mutation.Rule(mutation.matches(r"\+="), lambda _: ["="]),
    "drop call": mutation.CODE["drop call"],
    "drop factor": mutation.CODE["drop factor"],
}


def methods(source: str) -> dict[str, ast.FunctionDef]:
    """The methods of class Value, by name."""
    cls = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.ClassDef) and n.name == "Value")
    return {m.name: m for m in cls.body if isinstance(m, ast.FunctionDef)}


def operations(source: str) -> dict[str, list[ast.Tuple]]:
    """For each operation of class Value: the (input, local derivative) pairs it hands to Value(...)."""
    found = {}
    for name, method in methods(source).items():
        for call in ast.walk(method):
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Value" and len(call.args) == 3:
                found[name] = call.args[1].elts
    return found


def value_mutants() -> list[tuple[str, mutation.Mutant]]:
    """(where, mutant) for every single mistake in one local derivative, in which input it goes to, or in backward().

    Each local derivative gets the code rules (negated, doubled, a sign flipped, a factor, term or function
    dropped) and is read at its input + 1; a binary operation's local derivative is also read at its other
    input, and handed to the other input.
    """
    found = []
    for name, pairs in operations(SOURCE).items():
        binary = len(pairs) == 2
        for p, (given_to, derivative) in enumerate(pair.elts for pair in pairs):
            rules = mutation.CODE | SHIFTED | (OTHER_INPUT if binary else {})
            for mutant in mutation.mutants(SOURCE, rules, [mutation.span(SOURCE, derivative)]):
                found.append((f"{name}, local derivative {p + 1}", mutant))
            if binary:
                for mutant in mutation.mutants(SOURCE, OTHER_INPUT, [mutation.span(SOURCE, given_to)]):
                    found.append((f"{name}, input {p + 1}", mutant))
    backward = methods(SOURCE)["backward"]
    places = [n.iter for n in ast.walk(backward) if isinstance(n, ast.For)]
    places += [n for n in ast.walk(backward) if isinstance(n, ast.AugAssign)]  # u.grad += local * v.grad
    for mutant in mutation.mutants(SOURCE, BACKWARD, [mutation.span(SOURCE, n) for n in places]):
        found.append(("backward", mutant))
    return found


def test_recompiled_module_still_passes(tape_results):
    """The machinery alone changes nothing: the module run from its own source agrees with TensorFlow."""
    assert worst_disagreement(mutation.load(SOURCE, "autograd_copy"), tape_results) <= 1e-12


def test_every_local_derivative_is_mutated():
    """Every operation is found and used by the random programs; each local derivative gets two mistakes or more,
    each input of +, −, ×, ÷ one."""
    pairs = operations(SOURCE)
    python = {"+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "neg": "__neg__", "pow": "__pow__"}
    assert set(pairs) == {python.get(op, op) for op in [*BINARY, *UNARY]}  # the random programs use every one
    mutants = value_mutants()
    per_place = Counter(where for where, _ in mutants)
    derivatives = [f"{name}, local derivative {p + 1}" for name, pair in pairs.items() for p in range(len(pair))]
    inputs = [f"{name}, input {p + 1}" for name, pair in pairs.items() if len(pair) == 2 for p in range(2)]
    assert set(per_place) == set(derivatives) | set(inputs) | {"backward"} and len(derivatives) >= 14
    assert min(per_place[d] for d in derivatives) >= 2 and min(per_place[i] for i in inputs) == 1
    assert {m.rule for where, m in mutants if where == "backward"} == set(BACKWARD)
    assert len({m.text for _, m in mutants}) == len(mutants) >= 70


def test_every_mutant_is_caught(tape_results):
    """Each mistake in a local derivative, or in backward(), gives a wrong number in some random expression."""
    mutants = value_mutants()
    missed = []
    for where, mutant in mutants:
        module = mutation.load(mutant.text, "autograd_mutant")
        if not any(d > TOLERANCE for d in differences(module, tape_results, skip_errors=True)):
            missed.append(f"{where}, {mutant}")
    assert not missed, f"{len(missed)} of {len(mutants)} mistakes went unnoticed: {missed}"


# ---------------------------------------------------------------- the claims of chapter 08

ALPHA, EPOCHS = 0.5, 100  # chapter 05's training: its final weights are chapter 08's weights
ROW = 7  # chapter 08's tumour


@pytest.fixture(scope="module")
def trained():
    net = NeuralNetwork(seed=0)
    net.fit(X, Y, alpha=ALPHA, epochs=EPOCHS)
    return net


def test_loss_holds_forward_props_numbers(trained):
    x1, x2 = X[ROW].tolist()
    w = {p: Value(v) for p, v in trained.get_params().items()}
    nodes = autograd.loss(x1, x2, float(Y[ROW]), **w)
    forward = trained.forward_prop(x1, x2)
    assert all(math.isclose(nodes[k].data, forward[k], rel_tol=1e-15, abs_tol=1e-15) for k in forward)
    J = references.cost(trained.get_params(), X[ROW : ROW + 1], Y[ROW : ROW + 1])
    assert math.isclose(nodes["L"].data, J, rel_tol=1e-14)


def test_one_tumour_gradients_agree_with_three_references(trained):
    """The chapter's tumour: all nine gradients nonzero and equal to back_prop, sympy and GradientTape to 1e-12."""
    params, (x1, x2), y = trained.get_params(), X[ROW].tolist(), float(Y[ROW])
    forward = trained.forward_prop(x1, x2)
    assert y == 1 and forward["z11"] > 0 and forward["z12"] > 0  # both hidden units matter
    w = {p: Value(v) for p, v in params.items()}
    autograd.loss(x1, x2, y, **w)["L"].backward()
    ours = {p: w[p].grad for p in PARAMETERS}
    assert min(abs(g) for g in ours.values()) > 0.1
    rows = slice(ROW, ROW + 1)
    for reference in (
        trained.back_prop(x1, x2, y, forward),
        references.sympy_gradient(params, X[rows], Y[rows]),
        references.tape_gradient(params, X[rows], Y[rows]),
    ):
        assert comparison.max_relative_difference(ours, reference) <= 1e-12


def test_cost_gradients_agree_with_three_references(trained):
    """The mean over the 455 training rows, at the chapter's weights and at its start: the cost and its gradients."""
    for params in (trained.get_params(), NeuralNetwork(seed=0).get_params()):
        values, net = ValueNetwork(), NeuralNetwork()
        values.set_params(params)
        net.set_params(params)
        ours, backprop = values.gradients(X, Y), net.gradients(X, Y)
        w = {p: Value(v) for p, v in params.items()}
        J = sum(autograd.loss(x1, x2, y, **w)["L"] for (x1, x2), y in zip(X.tolist(), Y.tolist())) / len(X)
        assert math.isclose(J.data, references.cost(params, X, Y), rel_tol=1e-12)
        for reference in (backprop, references.sympy_gradient(params, X, Y), references.tape_gradient(params, X, Y)):
            assert comparison.max_relative_difference(ours, reference) <= 1e-12


def test_every_example_agrees_with_back_prop_where_a2_minus_y_is_accurate(trained):
    """Per example, at the chapter's weights and at a random point: equal to back_prop to 1e-12 where |z2| <= 8.

    Beyond, back_prop's dz2 = a2 - y loses digits when y = 1 (a2 is within 1e-4 of 1); the Values' loss, from
    the logit, does not (test_the_loss_from_the_logit_is_safe_for_every_z2).
    """
    rng = np.random.default_rng(1)
    points = [trained.get_params(), dict(zip(PARAMETERS, rng.normal(size=9).tolist()))]
    checked = 0
    for params in points:
        net = NeuralNetwork()
        net.set_params(params)
        for (x1, x2), y in zip(X.tolist(), Y.tolist()):
            forward = net.forward_prop(x1, x2)
            if abs(forward["z2"]) > 8:
                continue
            w = {p: Value(v) for p, v in params.items()}
            autograd.loss(x1, x2, y, **w)["L"].backward()
            ours = {p: w[p].grad for p in PARAMETERS}
            assert comparison.max_relative_difference(ours, net.back_prop(x1, x2, y, forward)) <= 1e-12
            checked += 1
    assert checked >= 800


def test_training_follows_the_loop_networks_path():
    """Same seed, alpha 0.5, five epochs: the same costs and the same weights as NeuralNetwork.fit, to 1e-12."""
    values, loop = ValueNetwork(seed=0), NeuralNetwork(seed=0)
    assert values.get_params() == loop.get_params()
    costs = values.fit(X, Y, alpha=0.5, epochs=5)["cost"]
    loop.fit(X, Y, alpha=0.5, epochs=5)
    assert len(costs) == 5 and costs[-1] < costs[0]
    assert max(abs(a - b) / b for a, b in zip(costs, loop.history["cost"])) <= 1e-12
    assert comparison.max_relative_difference(values.get_params(), loop.get_params()) <= 1e-12


def test_forward_mode_needs_one_sweep_per_parameter(trained):
    """Nine forward sweeps give the nine gradients one backward sweep gives; each sweep uses every edge once."""
    x1, x2 = X[ROW].tolist()
    w = {p: Value(v) for p, v in trained.get_params().items()}
    L = autograd.loss(x1, x2, float(Y[ROW]), **w)["L"]
    L.backward()
    for p in PARAMETERS:
        assert math.isclose(autograd.forward_mode(L, w[p]), w[p].grad, rel_tol=1e-12)
    order = autograd.topological_order(L)
    assert order[-1] is L and all(order.index(u) < order.index(v) for v in order for u, _ in v.inputs)


# ---------------------------------------------------------------- bad use: Python's own errors, and the class's two


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: Value("3"), TypeError, "must be real number, not str"),
        (lambda: Value(1.0) + "a", TypeError, "must be real number, not str"),
        (lambda: [1] * Value(2.0), TypeError, "must be real number, not list"),
        (lambda: Value(1.0) * np.array([1.0, 2.0]), TypeError, "arrays can be converted to Python scalars"),
        (lambda: Value(-2.0) ** 0.5, TypeError, "must be real number, not complex"),  # (-2.0) ** 0.5 is complex
        (lambda: Value(2.0) ** Value(2.0), TypeError, "unsupported operand type\\(s\\) for \\*\\*.*'Value'"),
        (lambda: 2.0 ** Value(2.0), TypeError, "unsupported operand type\\(s\\) for \\*\\*.*'Value'"),
        (lambda: Value(0.0).log(), ValueError, "math domain error"),
        (lambda: Value(-1.0).log(), ValueError, "math domain error"),
        (lambda: Value(710.0).exp(), OverflowError, "math range error"),
        (lambda: Value(10.0) ** 400, OverflowError, "out of range|too large"),  # the C library's words
        (lambda: Value(1.0) / 0, ZeroDivisionError, "division by zero"),
        (lambda: 1 / Value(0.0), ZeroDivisionError, "division by zero"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, "cannot be raised to a negative power"),
        (lambda: Value(float("nan")), ValueError, "a Value must hold a finite number; it gave nan"),
        (lambda: Value(1e200) * 1e200, ValueError, "a Value must hold a finite number; × gave inf"),
    ],
)
def test_bad_values_stop_with_an_error_naming_the_problem(make, error, message):
    """Python says what is wrong in its own words; the class adds one check: a Value's number is finite."""
    with pytest.raises(error, match=message):
        make()


def test_a_bool_is_the_number_it_stands_for():
    """Python's True is the integer 1, and the class asks only for a finite number: it takes True as 1."""
    assert (Value(True) + 1).data == 2


def test_below_the_smallest_normal_float_the_slope_of_log_is_infinite():
    """log(1e-310) is a finite number, but its local derivative 1/x overflows: only values are checked, not slopes."""
    x = Value(1e-310)
    out = x.log()
    out.backward()
    assert math.isfinite(out.data) and x.grad == math.inf


def test_backward_twice_is_refused():
    x = Value(3.0)
    f = x * x + x
    f.backward()
    assert x.grad == 7.0
    with pytest.raises(ValueError, match="backward\\(\\) has already run through this graph"):
        f.backward()
    assert x.grad == 7.0  # refused before anything changed


def test_a_second_output_sharing_part_of_the_graph_is_refused():
    """g reuses h, which already holds f's gradient: a second pass would count f's share twice."""
    x = Value(2.0)
    h = x * x
    f = h + 1
    f.backward()
    g = h * 3
    with pytest.raises(ValueError, match="already run through this graph"):
        g.backward()


def test_leaves_may_collect_gradients_from_several_graphs():
    """Fresh graphs on the same inputs add up: x.grad becomes d(f + g)/dx."""
    x = Value(2.0)
    (x * x).backward()
    (x * 3).backward()
    assert x.grad == 2 * 2.0 + 3


def test_a_too_deep_graph_stops_with_pythons_recursion_error():
    """topological_order walks the graph by recursion: 5000 steps deep is deeper than Python allows."""
    x = Value(1.0)
    total = x
    for _ in range(5000):
        total = total + x
    with pytest.raises(RecursionError, match="maximum recursion depth exceeded"):
        total.backward()


def test_bad_network_input_is_refused():
    net = ValueNetwork(seed=0)
    with pytest.raises(ValueError, match="missing parameter"):
        net.set_params({"w11": 1.0})
    with pytest.raises(ValueError, match="shape"):
        net.gradients(X[:, :1], Y)
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        net.gradients(X, Y + 2)
    with pytest.raises(ValueError, match="alpha"):
        net.fit(X, Y, alpha=-1.0, epochs=1)
    with pytest.raises(ValueError, match="epochs"):
        net.fit(X, Y, alpha=0.5, epochs=0)


def test_what_a_learner_reads_is_what_runs():
    """No wrappers, nothing patched in later: each method is the class's own short code, and only __init__ and
    backward() check anything, in one line each."""
    for name, method in vars(Value).items():
        if inspect.isfunction(method):
            assert method.__qualname__ == f"Value.{name}" and not hasattr(method, "__wrapped__")
            code = inspect.getsource(method)
            assert len(code.splitlines()) <= 25
            assert code.count("raise") == (name in ("__init__", "backward")), name
    assert not re.search(r"^\s*Value\.\w+\s*=", SOURCE, re.MULTILINE)  # no method rebound after the class
    assert "raise" not in inspect.getsource(ValueNetwork)


# ---------------------------------------------------------------- numerically safe where promised


EXACT = decimal.Context(prec=40)  # 40 significant digits: "exact" next to float64's 16


def exact_sigmoid(z: float) -> decimal.Decimal:
    return EXACT.divide(1, EXACT.add(1, EXACT.exp(-decimal.Decimal(z))))


def relative_error(x: float, exact: decimal.Decimal) -> float:
    """|x - exact| / |exact|, computed with 40 digits (a float converts to Decimal exactly)."""
    return float(EXACT.divide(abs(EXACT.subtract(decimal.Decimal(x), exact)), abs(exact)))


def test_sigmoid_is_accurate_for_every_z():
    """Value and derivative within 1e-14 of the exact ones for |z| <= 700; at |z| = 1e4 exactly 0 or 1, slope 0."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for z in np.linspace(-700, 700, 1401).tolist():
            x = Value(z)
            s = x.sigmoid()
            s.backward()
            exact = exact_sigmoid(z)
            slope = EXACT.multiply(exact, exact_sigmoid(-z))  # sigma'(z) = sigma(z) (1 - sigma(z)) = sigma(z) sigma(-z)
            assert relative_error(s.data, exact) <= 1e-14 and relative_error(x.grad, slope) <= 1e-14
        for z, expected in ((-1e4, 0.0), (1e4, 1.0)):
            x = Value(z)
            s = x.sigmoid()
            s.backward()
            assert s.data == expected and x.grad == 0.0


def test_log_is_accurate_down_to_the_smallest_normal_float():
    """log x and its derivative 1/x within 1e-15 of the exact ones from 2.3e-308 to 1e307."""
    for x in [*np.logspace(-307, 307, 615).tolist(), 2.3e-308]:
        v = Value(x)
        out = v.log()
        out.backward()
        exact = EXACT.ln(decimal.Decimal(x))
        if x != 1.0:  # log 1 = 0: no relative error to speak of
            assert relative_error(out.data, exact) <= 1e-15
        assert math.isfinite(v.grad) and relative_error(v.grad, EXACT.divide(1, decimal.Decimal(x))) <= 1e-15


def test_the_loss_from_the_logit_is_safe_for_every_z2():
    """L finite for every z2 (even 1e300), and dL/dz2 within 1e-14 of the exact sigma(z2) - y for |z2| <= 700."""
    zero = {p: 0.0 for p in PARAMETERS if p != "b2"}  # then z2 = b2

    def loss_and_slope(z2, y):
        w = {p: Value(v) for p, v in zero.items()}
        b2 = Value(z2)
        L = autograd.loss(0.3, -0.2, y, **w, b2=b2)["L"]
        L.backward()
        return L.data, b2.grad

    for z2 in np.linspace(-700, 700, 1401).tolist():
        for y in (0.0, 1.0):
            L, slope = loss_and_slope(z2, y)
            exact = exact_sigmoid(z2) if y == 0 else -exact_sigmoid(-z2)  # sigma(z) - 1 = -sigma(-z)
            assert math.isfinite(L) and relative_error(slope, exact) <= 1e-14
    for z2 in (-1e300, -1e4, 1e4, 1e300):
        assert all(math.isfinite(v) for y in (0.0, 1.0) for v in loss_and_slope(z2, y))


# ---------------------------------------------------------------- the picture of the graph


def test_graph_picture_places_every_value_before_its_users_without_overlap():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.graph_picture import draw_graph, layout

    x1, x2 = X[ROW].tolist()
    w = {p: Value(v) for p, v in NeuralNetwork(seed=0).get_params().items()}
    nodes = autograd.loss(x1, x2, float(Y[ROW]), **w)
    nodes["L"].backward()
    place = layout(nodes["L"])
    assert set(place) == set(autograd.topological_order(nodes["L"]))
    assert all(place[u][0] < place[v][0] for v in place for u, _ in v.inputs)  # inputs stand left of their users
    assert max(c for c, _ in place.values()) == place[nodes["L"]][0]  # the output stands last
    for c in {c for c, _ in place.values()}:
        rows = sorted(r for col, r in place.values() if col == c)
        assert all(b - a >= 1 - 1e-9 for a, b in zip(rows, rows[1:]))  # boxes of a column do not overlap
    fig = draw_graph(nodes["L"], {**w, **nodes}, parameters=PARAMETERS)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "z11 = +" in texts and "w11" in texts and f"∂ {nodes['L'].grad:.3g}" in texts
    plt.close(fig)
