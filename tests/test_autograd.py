"""helpers.autograd computes the right derivatives, and these tests would notice a wrong one.

In micrograd's spirit: many random expressions, built from every operation,
are computed twice, with our ``Value`` and with TensorFlow's GradientTape in
float64, and must agree on the value and on the gradient of every input. Then
a mutation test proves that this comparison has teeth: each local derivative
of each operation is rewritten (its sign flipped, a factor 2, a wrong input),
the module is recompiled around the mistake, and the comparison must fail.
Then the claims chapter 08 makes: the network's gradients equal
backpropagation's, sympy's and GradientTape's, and training follows the loop
network's path; bad use stops with a clear ValueError; and sigmoid, log and
the loss are accurate over the ranges their docstrings promise.
"""

from __future__ import annotations

import ast
import copy
import decimal
import inspect
import math
import operator
import random
import types
import warnings

import numpy as np
import pytest

import helpers.autograd as autograd
from helpers import checks, tumour_data
from helpers.autograd import Value
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
UNARY = ("neg", "exp", "log", "relu", "sigmoid", "pow")
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
    "sigmoid" to the engine's functions; +, -, *, /, ** and unary - are Python's.
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
    return {"exp": V.exp, "log": V.log, "relu": V.relu, "sigmoid": V.sigmoid}


PROGRAM_LIST = [random_program(seed) for seed in range(PROGRAMS)]


@pytest.fixture(scope="module")
def tape_results() -> list[tuple[float, list[float]]]:
    """(value, gradient by each input) of every random program, from TensorFlow's GradientTape in float64."""
    import tensorflow as tf

    unary = {"exp": tf.exp, "log": tf.math.log, "relu": tf.nn.relu, "sigmoid": tf.sigmoid}
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


def worst_disagreement(module, tape_results, skip_errors: bool = False) -> float:
    """The largest relative difference, over every program, between the module's Values and GradientTape.

    With ``skip_errors``, a program whose computation raises a ValueError (a
    mutant may divide by zero where the right derivative does not) is left out
    instead of stopping the comparison, so a mutant counts as caught only if it
    computes a wrong number somewhere.
    """
    worst = 0.0
    unary = value_unary(module)
    for (inputs, program), (tape_value, tape_grads) in zip(PROGRAM_LIST, tape_results):
        leaves = [module.Value(x) for x in inputs]
        try:
            output = run(program, leaves, unary)
            output.backward()
        except ValueError:
            if skip_errors:
                continue
            raise
        worst = max(worst, checks.relative_difference(output.data, tape_value, floor=1e-9))
        for leaf, g in zip(leaves, tape_grads):
            worst = max(worst, checks.relative_difference(leaf.grad, g, floor=1e-9))
    return worst


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

TREE = ast.parse(inspect.getsource(autograd))
CLASS_AT = next(i for i, node in enumerate(TREE.body) if isinstance(node, ast.ClassDef) and node.name == "Value")


def value_class() -> ast.ClassDef:
    """A fresh copy of the syntax tree of class Value, to make one mistake in."""
    return copy.deepcopy(TREE.body[CLASS_AT])


def operation_returns(cls: ast.ClassDef) -> dict[str, ast.Call]:
    """For each operation of class Value: its ``Value(forward, ((input, local derivative), ...), op)`` call."""
    calls = {}
    for method in cls.body:
        if isinstance(method, ast.FunctionDef) and isinstance(method.body[-1], ast.Return):
            call = method.body[-1].value
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Value" and len(call.args) == 3:
                calls[method.name] = call
    return calls


class Rename(ast.NodeTransformer):
    """Replace names: {"self": "other", "other": "self"} swaps the two inputs."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping

    def visit_Name(self, node):
        node.id = self.mapping.get(node.id, node.id)
        return node


class Shift(ast.NodeTransformer):
    """Replace the input self.data by self.data + 1: the derivative evaluated at the wrong point."""

    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name) and node.value.id == "self" and node.attr == "data":
            return ast.BinOp(left=node, op=ast.Add(), right=ast.Constant(1.0))
        return node


def mentions(node: ast.AST, *names: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


MISTAKES = {
    "sign flipped": lambda d: ast.UnaryOp(op=ast.USub(), operand=d),
    "times 2": lambda d: ast.BinOp(left=ast.Constant(2.0), op=ast.Mult(), right=d),
    "at the other input": lambda d: Rename({"self": "other", "other": "self"}).visit(d),
    "at the input + 1": lambda d: Shift().visit(d),
}


def local_derivative_mutants() -> list[tuple[str, ast.ClassDef]]:
    """(description, class Value with one mistake) for every single mistake in one local derivative.

    Each local derivative gets its sign flipped and a factor 2; one that reads
    its inputs is also computed from the wrong input (a binary operation's
    other input, or a unary operation's input + 1). Each binary operation with
    two different local derivatives also gets them handed to the wrong inputs.
    """
    mutants = []
    for method, call in operation_returns(value_class()).items():
        pairs = call.args[1].elts
        for p, (_, derivative) in enumerate(pair.elts for pair in pairs):
            wrong_input = "at the other input" if len(pairs) == 2 else "at the input + 1"
            mistakes = ["sign flipped", "times 2"] + ([wrong_input] if mentions(derivative, "self", "other") else [])
            for mistake in mistakes:
                cls = value_class()
                pair = operation_returns(cls)[method].args[1].elts[p]
                pair.elts[1] = MISTAKES[mistake](pair.elts[1])
                mutants.append((f"{method}, local derivative {p + 1}: {mistake}", cls))
        if len(pairs) == 2 and ast.dump(pairs[0].elts[1]) != ast.dump(pairs[1].elts[1]):
            cls = value_class()
            first, second = operation_returns(cls)[method].args[1].elts
            first.elts[0], second.elts[0] = second.elts[0], first.elts[0]
            mutants.append((f"{method}: local derivatives handed to the wrong inputs", cls))
    return mutants


def backward_mutants() -> list[tuple[str, ast.ClassDef]]:
    """(description, class Value with one mistake) for mistakes in backward()."""
    mutants = []
    for mistake in ("u.grad = instead of +=", "forward order", "u.grad += local (chain rule forgotten)"):
        cls = value_class()
        backward = next(m for m in cls.body if isinstance(m, ast.FunctionDef) and m.name == "backward")
        loop = next(s for s in backward.body if isinstance(s, ast.For))
        update = loop.body[0].body[0]  # u.grad += local * v.grad
        if mistake.startswith("u.grad ="):
            loop.body[0].body[0] = ast.Assign(targets=[update.target], value=update.value)
        elif mistake == "forward order":
            loop.iter = loop.iter.args[0]  # reversed(order) -> order
        else:
            update.value = update.value.left  # local * v.grad -> local
        mutants.append((f"backward: {mistake}", cls))
    return mutants


def compile_module(cls: ast.ClassDef) -> types.ModuleType:
    """helpers.autograd compiled again with this class Value (the checks of bad use included)."""
    body = list(TREE.body)
    body[CLASS_AT] = cls
    tree = ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))
    module = types.ModuleType("autograd_mutant")
    exec(compile(tree, "<autograd mutant>", "exec"), module.__dict__)
    return module


def test_recompiled_module_still_passes(tape_results):
    """The machinery alone changes nothing: the module recompiled from its own source agrees with TensorFlow."""
    assert worst_disagreement(compile_module(value_class()), tape_results) <= 1e-12


def test_every_local_derivative_is_mutated():
    """All ten operations are found, and each of their local derivatives gets at least two mistakes."""
    calls = operation_returns(value_class())
    operations = ("__add__", "__sub__", "__mul__", "__truediv__", "__pow__", "__neg__", "exp", "log", "relu", "sigmoid")
    assert set(calls) == set(operations)
    mutants = local_derivative_mutants()
    per_derivative = {}
    for description, _ in mutants:
        if "local derivative " in description:
            key = description.split(":")[0]
            per_derivative[key] = per_derivative.get(key, 0) + 1
    assert len(per_derivative) == sum(len(call.args[1].elts) for call in calls.values())
    assert min(per_derivative.values()) >= 2
    assert len({ast.dump(cls) for _, cls in mutants}) == len(mutants) >= 40


def test_every_mutant_is_caught(tape_results):
    """Each mistake in a local derivative, or in backward(), gives a wrong number in some random expression."""
    missed = []
    mutants = local_derivative_mutants() + backward_mutants()
    for description, cls in mutants:
        if worst_disagreement(compile_module(cls), tape_results, skip_errors=True) <= TOLERANCE:
            missed.append(description)
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
    J = checks.cost(trained.get_params(), X[ROW : ROW + 1], Y[ROW : ROW + 1])
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
        checks.sympy_gradient(params, X[rows], Y[rows]),
        checks.tape_gradient(params, X[rows], Y[rows]),
    ):
        assert checks.max_relative_difference(ours, reference) <= 1e-12


def test_cost_gradients_agree_with_three_references(trained):
    """The mean over the 455 training rows, at the chapter's weights and at its start."""
    for params in (trained.get_params(), NeuralNetwork(seed=0).get_params()):
        ours, J = autograd.gradients(params, X, Y)
        net = NeuralNetwork()
        net.set_params(params)
        backprop, cost, _ = net.gradients(X, Y)
        assert math.isclose(J, cost, rel_tol=1e-12)
        for reference in (backprop, checks.sympy_gradient(params, X, Y), checks.tape_gradient(params, X, Y)):
            assert checks.max_relative_difference(ours, reference) <= 1e-12


def test_every_example_agrees_with_back_prop_where_the_loss_promises(trained):
    """Per example, at the chapter's weights and at a random point: equal to back_prop to 1e-12 where |z2| <= 8."""
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
            assert checks.max_relative_difference(ours, net.back_prop(x1, x2, y, forward)) <= 1e-12
            checked += 1
    assert checked >= 800


def test_training_follows_the_loop_networks_path():
    """Same start, alpha 0.5, five epochs: the same costs and the same weights as NeuralNetwork.fit, to 1e-12."""
    loop = NeuralNetwork(seed=0)
    params, costs = autograd.fit(loop.get_params(), X, Y, alpha=0.5, epochs=5)
    loop.fit(X, Y, alpha=0.5, epochs=5)
    assert len(costs) == 5 and costs[-1] < costs[0]
    assert max(abs(a - b) / b for a, b in zip(costs, loop.history["cost"])) <= 1e-12
    assert checks.max_relative_difference(params, loop.get_params()) <= 1e-12


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


# ---------------------------------------------------------------- bad use gets a clear error


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Value("3"), "must be a real number; got '3'"),
        (lambda: Value(True), "must be a real number; got True"),
        (lambda: Value(float("nan")), "must be a finite number; got nan"),
        (lambda: Value(1.0) + "a", "must be a real number; got 'a'"),
        (lambda: [1] * Value(2.0), "must be a real number; got \\[1\\]"),
        (lambda: Value(1.0) * np.array([1.0, 2.0]), "must be a real number"),
        (lambda: Value(2.0) ** Value(2.0), "exponent of a Value must be a plain number"),
        (lambda: 2.0 ** Value(2.0), "cannot be an exponent"),
        (lambda: Value(0.0).log(), "log is not defined at \\(0.0\\)"),
        (lambda: Value(-1.0).log(), "log is not defined at \\(-1.0\\)"),
        (lambda: Value(1e-310).log(), "local derivative of log at \\(1e-310\\) is not finite"),
        (lambda: Value(710.0).exp(), "exp at \\(710.0\\) is too large"),
        (lambda: Value(1.0) / 0, "division by zero"),
        (lambda: 1 / Value(0.0), "division by zero"),
        (lambda: Value(0.0) ** -1, "division by zero"),
        (lambda: Value(-2.0) ** 0.5, "the result of \\^0.5 must be a real number"),
        (lambda: Value(1e200) * 1e200, "the result of × must be a finite number; got inf"),
        (lambda: Value(10.0) ** 400, "too large"),
    ],
)
def test_bad_values_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


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


def test_a_too_deep_graph_is_refused_clearly():
    x = Value(1.0)
    total = x
    for _ in range(5000):
        total = total + x
    with pytest.raises(ValueError, match="deeper than Python.s recursion limit"):
        total.backward()


def test_bad_network_input_is_refused():
    params = NeuralNetwork(seed=0).get_params()
    with pytest.raises(ValueError, match="missing parameter"):
        autograd.gradients({"w11": 1.0}, X, Y)
    with pytest.raises(ValueError, match="shape"):
        autograd.gradients(params, X[:, :1], Y)
    with pytest.raises(ValueError, match="y must contain only 0 and 1"):
        autograd.gradients(params, X, Y + 2)
    with pytest.raises(ValueError, match="alpha"):
        autograd.fit(params, X, Y, alpha=-1.0, epochs=1)
    with pytest.raises(ValueError, match="epochs"):
        autograd.fit(params, X, Y, alpha=0.5, epochs=0)


def test_the_code_a_learner_reads_holds_no_checks():
    """The checks wrap the class from outside: the displayed methods read like the math."""
    for method in (Value.__init__, Value.__add__, Value.__truediv__, Value.log, Value.backward, autograd.gradients):
        code = inspect.getsource(method)
        assert "raise" not in code and "check" not in code
        assert len(code.splitlines()) <= 25


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


def test_the_loss_is_safe_in_the_range_its_docstring_gives():
    """dL/dz2 within 1e-12 of the exact a2 - y for -700 <= z2 <= 8; L finite up to z2 = 36.7; a clear error beyond."""
    zero = {p: 0.0 for p in PARAMETERS if p != "b2"}  # then z2 = b2

    def loss_and_slope(z2, y):
        w = {p: Value(v) for p, v in zero.items()}
        b2 = Value(z2)
        L = autograd.loss(0.3, -0.2, y, **w, b2=b2)["L"]
        L.backward()
        return L.data, b2.grad

    for z2 in np.linspace(-700, 8, 709).tolist():
        for y in (0.0, 1.0):
            _, slope = loss_and_slope(z2, y)
            assert relative_error(slope, EXACT.subtract(exact_sigmoid(z2), decimal.Decimal(y))) <= 1e-12
    for z2 in (10.0, 20.0, 36.7):
        assert all(math.isfinite(v) for y in (0.0, 1.0) for v in loss_and_slope(z2, y))
    with pytest.raises(ValueError, match="log is not defined at \\(0.0\\)"):
        loss_and_slope(36.8, 1.0)


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
