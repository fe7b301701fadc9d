"""Checks for the exercises of chapter 08 (automatic differentiation).

The learner's operations are run on fresh ``Value``s of helpers.autograd, so a
graph is built, ``backward()`` walks it, and the gradients that arrive are
compared with the exact derivatives. Before that, the recorded inputs are
inspected, so that an operation which records nothing, records a number instead
of a ``Value``, or forgets the comma of a one-pair tuple is named, not left to
fail inside ``backward()``.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.autograd import MLP
from helpers.autograd import Layer
from helpers.autograd import Neuron
from helpers.autograd import Tensor
from helpers.autograd import Value
from helpers.autograd import cross_entropy
from helpers.autograd import loss
from helpers.autograd import topological_order
from helpers.exercises import HAND
from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_floats
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.exercises import short
from helpers.inputs import is_number
from helpers.parameters import PARAMETERS
from helpers.scratch import binary_cross_entropy
from helpers.scratch import sigmoid

ENGINE_STYLE = "as exp does in section 4: return Value(number, ((x, local derivative),), name)"


def recorded(out, call: str, inputs: dict[str, Value], hint: str) -> None:
    """out is a Value whose inputs are pairs (a Value, a number), as the engine's operations record them."""
    if not isinstance(out, Value):
        if is_number(out):
            fail(f"{call} returned the plain number {number(out)}, not a Value: backward() cannot reach "
                 f"{' and '.join(inputs)} through a number", hint)
        fail(f"{call} should return a Value; it returned {type(out).__name__} {out!r:.60}", hint)
    pairs = out.inputs
    if not isinstance(pairs, tuple | list):
        fail(f"{call} records its inputs as {type(pairs).__name__} {pairs!r:.60}; the engine expects a tuple of pairs "
             "(input Value, local derivative)", hint)
    if len(pairs) == 2 and isinstance(pairs[0], Value) and is_number(pairs[1]):
        fail(f"{call} records its inputs as one bare pair ({pairs[0]!r}, {number(pairs[1])}); the engine expects a "
             "tuple of pairs, so backward() tries to unpack the Value itself",
             "a tuple of one pair needs a trailing comma: ((x, local),), not ((x, local))")
    if not pairs:
        names = " and ".join(f"{name}.grad" for name in inputs)
        fail(f"{call} recorded no inputs, so backward() cannot reach them: {names} would stay 0", hint)
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            fail(f"{call} records {pair!r:.60} among its inputs; each should be a pair (input Value, local derivative)",
                 hint)
        u, local = pair
        if not isinstance(u, Value):
            taken = [name for name, v in inputs.items() if is_number(u) and u == v.data]
            what = f"{taken[0]}.data, the number {number(u)}," if taken else f"{type(u).__name__} {u!r:.40}"
            fail(f"{call} records {what} as an input, not a Value: backward() has nowhere to put its gradient",
                 "record the Value itself, x, not its number x.data")
        if isinstance(local, Value):
            fail(f"{call} records a local derivative that is a Value ({local!r}); it should be a plain number",
                 "compute it from numbers: x.data, or the result's number")
        as_number(local, f"the local derivative {call} records")


def gradients_of(build, call: str, inputs: dict[str, Value]) -> dict[str, float]:
    """Run backward() from the Value build() returns; the gradient each named input receives."""
    out = build()
    try:
        out.backward()
    except Exception as error:  # the learner's graph may be malformed in ways recorded() does not foresee
        fail(f"backward() from {call} raised {type(error).__name__}: {error}", ENGINE_STYLE)
    return {name: as_number(v.grad, f"{name}.grad after backward() from {call}") for name, v in inputs.items()}


@exercise("write tanh in the cell above")
def check_tanh(tanh) -> str:
    """tanh(x) as an operation: the Value math.tanh(x.data), recording x with local derivative 1 - tanh(x)^2."""
    hint = "x is a Value, its number is x.data; " + ENGINE_STYLE
    points = (0.5, -1.2, 2.0)  # where 1 - t^2, 1 - t, t^2, 1 - x^2 and t all differ
    X0 = np.array(points)
    T = np.tanh(X0)  # computed before the learner's code runs
    runs = []
    for x0, t in zip(points, T):
        x = Value(x0)
        call = f"tanh(Value({x0}))"
        out = ask(tanh, x, call=call, hint=hint)
        recorded(out, call, {"x": x}, hint)
        got = as_number(out.data, f"the number {call} holds")
        if not same(got, t):
            fail(f"{call} holds {number(got)}; expected tanh({x0}) = {number(t)}", "math.tanh(x.data) is the number")
        runs.append((x, out, call))
    # every point's gradient before any verdict, so that a mistake is named only where all the points fit it
    grads = np.array([gradients_of(lambda out=out: out, call, {"x": x})["x"] for x, out, call in runs])
    expected = 1 - T**2
    if not same(grads, expected):
        mistakes = [
            Mistake(np.zeros(3), "x was not recorded as the input, so no gradient reached it",
                    "record the Value x you were given, ((x, local),), not a new Value or a copy"),
            Mistake(1 - T, "the local derivative is 1 - tanh(x): the square is missing", "1 - tanh(x)^2: square t"),
            Mistake(T**2 - 1, "the local derivative has the wrong sign: tanh(x)^2 - 1",
                    "tanh rises everywhere, so its slope 1 - tanh(x)^2 is positive"),
            Mistake(T**2, "the local derivative is tanh(x)^2, without the 1 -", "the slope is 1 - tanh(x)^2"),
            Mistake(1 - X0**2, "the local derivative squares x, not tanh(x): 1 - x^2",
                    "square the result t = tanh(x), not the input"),
            Mistake(T, "the local derivative is tanh(x) itself, the result, not its slope",
                    "the slope is 1 - tanh(x)^2"),
        ]
        told = (f"after backward() through tanh at x = {list(points)}, x.grad = {[float(number(g)) for g in grads]}; "
                f"expected 1 - tanh(x)^2 = {[float(number(e)) for e in expected]}")
        diagnose(grads, mistakes, told)
        fail(told, "the local derivative of tanh at x is 1 - tanh(x)^2")

    # a small graph around it: f = 2 tanh(3x - 1) + x, where x is used twice
    x0, h = 0.4, 1e-6
    x = Value(x0)
    call = "2 * tanh(3 * x - 1) + x at x = 0.4"
    u = 3 * x - 1
    inner = ask(tanh, u, call="tanh(3 * x - 1) at x = 0.4", hint=hint)
    recorded(inner, "tanh(3 * x - 1) at x = 0.4", {"(3x - 1)": u}, hint)
    grad = gradients_of(lambda: 2 * inner + x, call, {"x": x})["x"]
    exact = 6 * (1 - math.tanh(3 * x0 - 1) ** 2) + 1
    if not same(grad, exact):
        fail(f"in f = {call}, backward() gives df/dx = {number(grad)}; expected 6(1 - tanh(0.2)^2) + 1 = "
             f"{number(exact)}", "tanh must work on any Value, not only on one you typed in")

    def f(x1):
        return as_number(ask(tanh, 3 * Value(x1) - 1, hint=hint).data, "tanh(...).data") * 2 + x1

    slope = (f(x0 + h) - f(x0 - h)) / (2 * h)
    if not same(slope, grad, rtol=1e-7):
        fail(f"in f = {call}, backward() gives {number(grad)} but a central difference (h = 1e-6) {number(slope)}")
    return (f"tanh(x) holds math.tanh and hands back 1 - tanh(x)^2 at x = 0.5, -1.2, 2 (to 1e-9); in f = 2 tanh(3x - 1)"
            f" + x at x = 0.4, backward() gives df/dx = {number(grad)}, the exact 6(1 - tanh(0.2)^2) + 1 to 1e-9 "
            "and a central difference to 1e-7")


def divide_mistakes(a0: float, b0: float) -> list[Mistake]:
    """The typical wrong gradients (a.grad, b.grad) that divide hands back at a = a0, b = b0, most telling first."""
    da, db = 1 / b0, -a0 / b0**2
    return [
        Mistake((db, da), "the two local derivatives are paired with the wrong inputs",
                "each pair is (input, d(a/b)/d(that input)): (a, 1/b), then (b, -a/b^2)"),
        Mistake(lambda grads: same(grads[1], -a0 / b0), "d(a/b)/db is still -a/b, the planted mistake",
                "the mistake is in b's local derivative"),
        Mistake(lambda grads: not same(grads[0], da), "d(a/b)/da is wrong", "a/b = a * (1/b): its slope in a is 1/b"),
        Mistake((da, 0.0), "b is not among the inputs divide records, so no gradient reached it",
                "record both inputs, each with its local derivative: ((a, ...), (b, ...))"),
        Mistake((da, -db), "d(a/b)/db has the wrong sign", "for a > 0, a larger b makes a/b smaller: -a/b^2"),
        Mistake((da, -1 / b0**2), "d(a/b)/db lost its factor a", "a/b = a * b^-1, so d/db = a * (-1) * b^-2"),
    ]


@exercise("find and fix the planted mistake in divide above")
def check_divide(divide) -> str:
    """The planted mistake: d(a/b)/db = -a/b instead of -a/b^2 (invisible at b = 1)."""
    hint = "a and b are Values; " + ENGINE_STYLE.replace("((x, local derivative),)", "((a, ...), (b, ...))")
    checked = []
    for a0, b0 in [(3.0, 2.0), (-1.5, 0.5), (2.0, -4.0)]:
        a, b = Value(a0), Value(b0)
        call = f"divide(Value({a0}), Value({b0}))"
        out = ask(divide, a, b, call=call, hint=hint)
        recorded(out, call, {"a": a, "b": b}, hint)
        quotient = as_number(out.data, f"the number {call} holds")
        if not same(quotient, a0 / b0):
            fail(f"{call} holds {number(quotient)}; expected {a0} / {b0} = {number(a0 / b0)}", "the quotient was right")
        grads = gradients_of(lambda out=out: out, call, {"a": a, "b": b})
        da, db = 1 / b0, -a0 / b0**2
        got = (grads["a"], grads["b"])
        if same(got, (da, -a0 / b0)) and not checked:
            raise NotAttempted
        if same(got, (da, db)):
            checked.append(f"({a0:g}, {b0:g})")
            continue
        told = (f"after {call}.backward(), a.grad = {number(grads['a'])} and b.grad = {number(grads['b'])}; "
                f"expected 1/b = {number(da)} and -a/b^2 = {number(db)}")
        diagnose(got, divide_mistakes(a0, b0), told)
        fail(f"d(a/b)/db is wrong: {told}", "a/b = a * b^-1: differentiate b^-1 as a power")

    # a shared input: f = x / (x + 1) at x = 1 reaches x along two paths; df/dx = 1 / (x + 1)^2
    x = Value(1.0)
    call = "divide(x, x + 1) at x = 1"
    out = ask(divide, x, x + 1, call=call, hint=hint)
    recorded(out, call, {"x": x}, hint)
    grad = gradients_of(lambda: out, call, {"x": x})["x"]
    if not same(grad, 0.25):
        fail(f"for f = {call}, backward() gives df/dx = {number(grad)}; expected 1/(x + 1)^2 = 0.25")
    return (f"divide gives a/b, 1/b and -a/b^2 at (a, b) = {', '.join(checked)} (to 1e-9), and df/dx = 0.25 for "
            "f = x / (x + 1) at x = 1, where x is used twice")


@exercise("set my_prediction to your number")
def check_two_paths(my_prediction) -> str:
    """df/da for f = (a b + a)^2 at a = -1, b = 2: a is used twice, so backward() adds two paths."""
    guess = as_number(given(my_prediction), "my_prediction")
    a, b = Value(-1.0), Value(2.0)
    f = (a * b + a) ** 2
    f.backward()
    e = a.data * b.data + a.data  # a b + a = -3
    story = (f"df/da = 2(ab + a) (b + 1) = 2 * ({e:g}) * ({b.data:g} + 1) = {a.grad:g}: a reaches f through a * b "
             f"(local derivative b = {b.data:g}) and directly (local derivative 1), and backward() adds both paths")
    if same(guess, a.grad, rtol=0, atol=0.01):
        return f"you predicted {guess:g}, within 0.01 of what backward() gives; {story}"
    predicted = f"you predicted {guess:g}"
    mistakes = [
        Mistake(2 * e * b.data, f"{predicted}: you followed only the path through a * b",
                "a is also added directly: that path counts too"),
        Mistake(2 * e, f"{predicted}: you followed only the direct path", "a also reaches f through the product a * b"),
        Mistake(b.data + 1, f"{predicted}: you left out the square's local derivative 2(ab + a)",
                "the chain rule multiplies it in"),
        Mistake(-a.grad, f"{predicted}: the sign is flipped",
                "ab + a = -3 is negative, and so is the square's local derivative"),
        Mistake(b.grad, f"{predicted}: that is df/db", "df/db = 2(ab + a) a; the question asks for df/da"),
        Mistake(f.data, f"{predicted}: that is f itself, not its slope",
                "f = (ab + a)^2 = 9; its derivative in a is asked for"),
    ]
    diagnose(guess, mistakes, story, rtol=0, atol=0.01)
    fail(f"{predicted}; {story}",
         "follow each path from a to f, multiply the local derivatives along it, and add the paths")


@exercise("set my_prediction to a whole number, 0 to 9")
def check_zero_gradients(my_prediction) -> str:
    """How many of the nine gradients are exactly 0 on chapter 02's worked example, where hidden unit 2 is off."""
    guess = as_number(given(my_prediction), "my_prediction")
    w = {p: Value(v) for p, v in HAND.items()}
    nodes = loss(1.0, 2.0, 1.0, **w)
    nodes["L"].backward()
    zero = [p for p in PARAMETERS if w[p].grad == 0]
    z11, z12 = nodes["z11"].data, nodes["z12"].data
    story = (f"{len(zero)} of the nine are exactly 0 ({', '.join(zero)}): z12 = {z12:.4g} < 0, so relu's local "
             f"derivative 0 stops every gradient behind a12, and w22's own local derivative is a12 = 0; hidden unit 1 "
             f"is on (z11 = {z11:.4g}), so the other {len(PARAMETERS) - len(zero)} are not 0")
    if same(guess, len(zero)):
        return f"you predicted {guess:g}; {story}"
    predicted = f"you predicted {guess:g}"
    mistakes = [  # each count a reader might arrive at, and what it overlooks
        Mistake(3, predicted, "you counted the three weights behind relu; which number multiplies w22 in "
                "z2 = w21 a11 + w22 a12 + b2?"),
        Mistake(0, predicted, "a relu that is off has local derivative 0: everything behind it gets 0"),
        Mistake(1, predicted, "relu's local derivative 0 blocks more than one parameter"),
        Mistake(6, predicted, "hidden unit 1 is on here: its parameters and w21, b2 get gradients"),
        Mistake(8, predicted, "the output unit's bias b2 always gets dL/dz2 = a2 - y, which is not 0 here"),
    ]
    diagnose(guess, mistakes, story, rtol=0, atol=0.5)
    fail(f"{predicted}; {story}", "compute z11 and z12 first, then follow the arrows back from L")


LOGIT_LOSS = "compute it from the logit: y softplus(-z) + (1 - y) softplus(z), chapter 04's binary_cross_entropy(z, y)"
LOGIT_CRASHES = [  # what the usual ways of computing the loss through sigma(z) raise at extreme logits
    Mistake(lambda error: "math domain error" in str(error),
            "the loss goes through log sigma(z) or log(1 - sigma(z)): sigma(z) rounds to 0 or 1, and log 0 is "
            "undefined",
            LOGIT_LOSS),
    Mistake(lambda error: isinstance(error, OverflowError),
            "e^z or e^-z overflows at a large |z|: log(1 + e^z) or 1 / (1 + e^-z) written as it stands",
            LOGIT_LOSS + "; its sigmoid never overflows either"),
    Mistake(lambda error: "finite number" in str(error),
            "the loss came out infinite or NaN (np.log(0) is -inf, not an error)", LOGIT_LOSS),
]


def logit_loss_mistakes(Z0: np.ndarray, Y0: np.ndarray) -> list[Mistake]:
    """The typical wrong local derivatives of the loss at logits Z0 and labels Y0 (0 < sigma(z) < 1), as arrays."""
    s = np.array([sigmoid(z0) for z0 in Z0])
    by_a = -Y0 / s + (1 - Y0) / (1 - s)  # dL/da, the slope by the probability a = sigma(z)
    return [
        Mistake(np.zeros_like(Z0), "z was not recorded as the input, so no gradient reached it",
                "record the Value z you were given: ((z, local derivative),)"),
        Mistake(Y0 - s, "the local derivative has the wrong sign: y - sigma(z)",
                "for y = 0 the loss grows with z, so its slope sigma(z) - y is positive there"),
        Mistake(s, "the local derivative is sigma(z), without the - y", "the slope of the loss by z is sigma(z) - y"),
        Mistake(s * (1 - s), "the local derivative is sigma'(z) = sigma(z)(1 - sigma(z)), the slope of a = sigma(z), "
                "not of the loss", "the loss's slope by z is sigma(z) - y"),
        Mistake(by_a, "the local derivative is dL/da, the slope by the probability a = sigma(z), not by the logit z",
                "times da/dz = sigma(z)(1 - sigma(z)) it becomes dL/dz = sigma(z) - y"),
    ]


def logit_value_mistakes(Z0: np.ndarray, Y0: np.ndarray) -> list[Mistake]:
    """The typical wrong loss values at logits Z0 and labels Y0, as arrays: a name only where all the points agree."""
    loss = np.array([binary_cross_entropy(z0, y0) for z0, y0 in zip(Z0, Y0)])
    swapped = np.array([binary_cross_entropy(z0, 1 - y0) for z0, y0 in zip(Z0, Y0)])
    without_max = np.log1p(np.exp(-np.abs(Z0)))  # softplus(t) = max(t, 0) + log(1 + e^-|t|), the max term dropped
    return [
        Mistake(-loss, "the loss has the wrong sign", "a loss is never negative: -log of a probability"),
        Mistake(swapped, "y and 1 - y are swapped", "y = 1 pays softplus(-z), the loss of a low sigma(z)"),
        Mistake(without_max, "softplus lost its term max(t, 0): log(1 + e^-|t|) alone is softplus only for t <= 0",
                "softplus(t) = max(t, 0) + log(1 + e^-|t|); chapter 04's binary_cross_entropy(z, y) computes it"),
    ]


def _loss_operation_call(loss_operation, z0: float, y0: float, hint: str):
    """The learner's operation on a fresh Value(z0), checked to record one input, z itself; (z, the result, call)."""
    z = Value(z0)
    call = f"loss_operation(Value({z0:g}), {y0:g})"
    out = ask(loss_operation, z, y0, call=call, hint=hint, crashes=LOGIT_CRASHES)
    recorded(out, call, {"z": z}, hint)
    return z, out, call


@exercise("write loss_operation in the cell above")
def check_loss_operation(loss_operation) -> str:
    """The loss of a logit as one operation: its number chapter 04's binary_cross_entropy, its slope sigma(z) - y."""
    hint = "z is a Value, y a number; " + ENGINE_STYLE.replace("((x, local derivative),)", "((z, local derivative),)")
    # ordinary logits first, all of them before any verdict, so that a mistake is named only where every point fits it
    ordinary = [(0.5, 1.0), (-2.0, 0.0), (3.0, 0.0), (-1.5, 1.0), (1.2, 1.0), (-0.7, 0.0)]
    Z0, Y0 = np.array([z0 for z0, _ in ordinary]), np.array([y0 for _, y0 in ordinary])
    expected = np.array([binary_cross_entropy(z0, y0) for z0, y0 in ordinary])  # before the learner's code runs
    slopes = np.array([sigmoid(z0) - y0 for z0, y0 in ordinary])
    runs = [_loss_operation_call(loss_operation, z0, y0, hint) for z0, y0 in ordinary]
    got = np.array([as_number(out.data, f"the number {call} holds") for _, out, call in runs])
    if not same(got, expected):
        k = int(np.argmax(np.abs(got - expected)))
        told = (f"at (z, y) = {[(float(z0), float(y0)) for z0, y0 in ordinary]} the losses are "
                f"{[float(number(g)) for g in got]}; expected {[float(number(e)) for e in expected]} "
                f"(furthest off: {runs[k][2]})")
        diagnose(got, logit_value_mistakes(Z0, Y0), told)
        fail(told, LOGIT_LOSS)
    for z, out, call in runs:
        if len(out.inputs) == 1 and out.inputs[0][0] is not z:
            fail(f"{call} records a Value other than z ({out.inputs[0][0]!r}), so no gradient reaches z",
                 "record the Value z you were given, ((z, local derivative),), not a new Value or a copy")
        if len(out.inputs) != 1:
            fail(f"{call} records {len(out.inputs)} input(s), not z itself: it is built from other operations, as "
                 "cross_entropy is; this exercise asks for one operation that records z with its local derivative",
                 "return Value(loss, ((z, local derivative),), name), the loss computed from z.data")
    grads = np.array([gradients_of(lambda out=out: out, call, {"z": z})["z"] for z, out, call in runs])
    if not same(grads, slopes):
        told = (f"after backward(), z.grad at z = {Z0.tolist()} (y = {Y0.astype(int).tolist()}) is "
                f"{[float(number(g)) for g in grads]}; expected sigma(z) - y = {[float(number(e)) for e in slopes]}")
        diagnose(grads, logit_loss_mistakes(Z0, Y0), told)
        fail(told, "the slope of y softplus(-z) + (1 - y) softplus(z) is -y sigma(-z) + (1 - y) sigma(z), "
             "that is sigma(z) - y")

    # then logits where sigma(z) rounds to 0 or 1, or e^|z| overflows
    for z0, y0 in [(37.0, 1.0), (-1e4, 0.0), (1e4, 1.0), (40.0, 0.0), (-800.0, 1.0)]:
        z, out, call = _loss_operation_call(loss_operation, z0, y0, hint)
        value = as_number(out.data, f"the number {call} holds")
        if not same(value, binary_cross_entropy(z0, y0)):
            fail(f"{call} holds {number(value)}; expected the loss {number(binary_cross_entropy(z0, y0))}", LOGIT_LOSS)
        grad = gradients_of(lambda out=out: out, call, {"z": z})["z"]
        if not same(grad, sigmoid(z0) - y0):
            fail(f"after {call}.backward(), z.grad = {number(grad)}; expected sigma(z) - y = "
                 f"{number(sigmoid(z0) - y0)}", "sigma(z) - y, with chapter 04's sigmoid, which never overflows")

    # inside a graph: f = loss_operation(3w - 1, y) reaches w through 3w - 1, so df/dw = 3 (sigma(3w - 1) - y)
    w = Value(0.2)
    u = 3 * w - 1
    call = "loss_operation(3 * w - 1, 1) at w = 0.2"
    inner = ask(loss_operation, u, 1.0, call=call, hint=hint, crashes=LOGIT_CRASHES)
    recorded(inner, call, {"(3w - 1)": u}, hint)
    grad = gradients_of(lambda: inner, call, {"w": w})["w"]
    exact = 3 * (sigmoid(3 * 0.2 - 1) - 1)
    if not same(grad, exact):
        fail(f"for f = {call}, backward() gives df/dw = {number(grad)}; expected 3 (sigma(-0.4) - 1) = {number(exact)}",
             "the operation must work on any Value z, not only on one you typed in")
    return (f"loss_operation holds chapter 04's loss and hands back sigma(z) - y at six ordinary logits with both "
            "labels and at z = 37, 40, -800 and +-1e4, where sigma(z) rounds to 0 or 1 (to 1e-9); and df/dw = "
            f"{number(grad)} for f = loss_operation(3w - 1, 1) at w = 0.2")


# ---------------------------------------------------------------- the training loop, and the Tensor graph


def _moons(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """n points of scikit-learn's two moons, seeded: small, so that a network of Values trains in a blink."""
    from sklearn.datasets import make_moons

    return make_moons(n_samples=n, noise=0.1, random_state=seed)


def _train_as(sizes, seed, X, y, alpha, epochs, *, zero=True, sign=1.0, record_after=False):
    """A training loop on a fresh MLP with the slips the arguments name; its costs and final weights."""
    mlp = MLP(sizes, seed=seed)
    costs = []
    for _ in range(epochs):
        if zero:
            mlp.zero_grad()
        J = mlp.cost(X, y)
        J.backward()
        for p in mlp.parameters():
            p.data -= sign * alpha * p.grad
        costs.append(mlp.cost(X, y).data if record_after else J.data)
    return costs, mlp.get_weights()


class Shortcut(Exception):
    """Raised by the MLP the training-loop check hands over, when the learner's loop calls a method it must replace."""


class LoopOnlyMLP(MLP):
    """An MLP without the methods that would do the exercise's work: fit, gradients and step refuse to run."""

    def fit(self, *args, **kwargs):
        raise Shortcut("mlp.fit was called")

    def gradients(self, *args, **kwargs):
        raise Shortcut("mlp.gradients was called")

    def step(self, *args, **kwargs):
        raise Shortcut("mlp.step was called")


SHORTCUTS = [Mistake(lambda error: isinstance(error, Shortcut),
                     "the loop is the exercise: train may use mlp.zero_grad(), mlp.cost, backward() and "
                     "mlp.parameters(), not fit, gradients or step, which do the work for it",
                     "write the four lines of each epoch yourself: zero the gradients, build J, J.backward(), "
                     "move each p.data by -alpha * p.grad")]


@exercise("write train in the cell above")
def check_train(train) -> str:
    """Gradient descent on an MLP of Values: zero, cost, backward, step; the costs before each step, returned."""
    cases = [([2, 3, 1], 0, 20, 0.5, 3), ([2, 4, 2, 1], 1, 15, 0.1, 4), ([2, 5, 1], 2, 30, 1.0, 6)]
    finals = []
    for sizes, seed, n, alpha, epochs in cases:  # sizes, seed, points, alpha, epochs
        X, y = _moons(n, seed)
        reference = MLP(sizes, seed=seed)
        reference.fit(X, y, alpha=alpha, epochs=epochs)  # the series' own loop, before the learner's code runs
        expected, weights = reference.history["cost"], reference.get_weights()
        mlp = LoopOnlyMLP(sizes, seed=seed)
        call = f"train(MLP({sizes}, seed={seed}), X, y, alpha={alpha}, epochs={epochs}) on {n} points"
        returned = ask(train, mlp, X.copy(), y.copy(), alpha, epochs, call=call, crashes=SHORTCUTS, changes=True)
        if isinstance(returned, list | tuple) and any(isinstance(c, Value) for c in returned):
            fail(f"{call} returned Values, not numbers", "append J.data, the number a Value holds, not J itself")
        got = as_floats(returned, call, f"{epochs} costs")
        if got.shape != (epochs,):
            fail(f"{call} returned {got.size} costs; expected {epochs}, one per epoch",
                 "append J.data once in each of the epochs, and return the list")
        rounded = [round(float(c), 6) for c in expected], [round(float(c), 6) for c in got]
        shown = f"{call}: expected the costs {rounded[0]}, got {rounded[1]}"
        mistakes = [
            Mistake(_train_as(sizes, seed, X, y, alpha, epochs, zero=False)[0], "the gradients add up across epochs: "
                    "they were not zeroed before each backward()", "call mlp.zero_grad() before each backward()"),
            Mistake(_train_as(sizes, seed, X, y, alpha, epochs, sign=-1.0)[0], "the steps go uphill",
                    "p.data -= alpha * p.grad: against the gradient"),
            Mistake(_train_as(sizes, seed, X, y, alpha, epochs, record_after=True)[0], "each cost is recorded after "
                    "its step, not before", "append J.data, the cost the gradients were taken of"),
            Mistake(_train_as(sizes, seed, X, y, 0.5, epochs)[0], "the learning rate is 0.5 whatever alpha is",
                    "use the alpha the function is given"),
            Mistake([expected[0]] * epochs, "the cost never moves: the parameters were not stepped",
                    "move every parameter: for p in mlp.parameters(): p.data -= alpha * p.grad"),
        ]
        if not same(got, expected, rtol=1e-9):
            diagnose(list(got), mistakes, shown)
            fail(shown, "each epoch: mlp.zero_grad(); J = mlp.cost(X, y); J.backward(); step every parameter")
        if not same(mlp.get_weights(), weights):
            fail(f"{call} returned the right costs, but the network it was given does not hold the trained weights",
                 "step the parameters of the mlp you were given, in place: p.data -= alpha * p.grad")
        finals.append(f"{'-'.join(map(str, sizes))}: cost {expected[0]:.4f} to {reference.cost(X, y).data:.4f}")
    return (f"train, written without fit, gradients or step, takes the series' steps on three networks with three "
            f"learning rates ({'; '.join(finals)} after their epochs): every cost, before its step, and every final "
            "weight agree with fit to 1e-9")


def _tensor_graph_size(sizes) -> int:
    """How many Tensors one epoch's graph of the cost holds for a network of these sizes (built and counted)."""
    rng = np.random.default_rng(0)
    A = Tensor(rng.normal(size=(5, sizes[0])))
    for k, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        A = A @ Tensor(rng.normal(size=(n_in, n_out))) + Tensor(np.zeros(n_out))
        if k < len(sizes) - 2:
            A = A.relu()
    J = A.cross_entropy(np.zeros((5, 1)))
    return len(topological_order(J))


@exercise("set my_prediction to a whole number")
def check_tensor_nodes(my_prediction) -> str:
    """The Tensors in the graph of the cost of a 2-16-16-1 network: counted on the graph itself."""
    predicted = as_number(given(my_prediction), "my_prediction")
    count, small = _tensor_graph_size([2, 16, 16, 1]), _tensor_graph_size([2, 2, 1])
    why = (f"the 2-2-1 graph has {small}: X, then W, @, b, + and relu for the hidden layer, W, @, b, + for the output,"
           f" and the cost; a second hidden layer adds W, @, b, + and relu again, {count - small} more")
    if same(predicted, count):
        return f"you predicted {count} Tensors, exactly: {why}"
    mistakes = [
        Mistake(small, f"you predicted {small}, the 2-2-1 graph's size: the widths do not change it, but the second "
                "hidden layer does", "count the nodes one more hidden layer adds"),
        Mistake(count - 1, f"you predicted {count - 1}, one short: relu is a node of its own",
                "each hidden layer records W, @, b, + and relu"),
    ]
    diagnose(predicted, mistakes)
    fail(f"you predicted {predicted:g}; it is {count}: {why}", "one node per matrix, per matrix operation")


# ---------------------------------------------------------------- a network of Values, built by the learner


def _reachable(obj, depth: int = 3):
    """The objects reachable from obj through its attributes, lists and tuples, a few levels deep."""
    found, frontier = [], [obj]
    for _ in range(depth):
        children = []
        for o in frontier:
            values = vars(o).values() if hasattr(o, "__dict__") and not isinstance(o, type) else ()
            if isinstance(o, list | tuple):
                values = o
            for v in values:
                if isinstance(v, list | tuple) or hasattr(v, "__dict__"):
                    children.append(v)
                    found.append(v)
        frontier = children
    return found


def _logit(out, call: str) -> Value:
    """The Value a network's forward pass returned: a Value, or a list holding the one Value of the output layer."""
    if isinstance(out, list | tuple) and len(out) == 1:
        out = out[0]
    if not isinstance(out, Value):
        fail(f"{call} returned {type(out).__name__} {short(out)}; expected the logit z, one Value",
             "the last layer has one unit: return its output, x[0] of the last layer's list")
    return out


def _by_hand(weights: list[np.ndarray], x: np.ndarray, *, relu_hidden=True, relu_out=False, biases=True) -> float:
    """The logit of [W1, b1, ...] at x, in NumPy, with the slips the keywords name."""
    a = x
    for k in range(0, len(weights), 2):
        z = a @ weights[k] + (weights[k + 1] if biases else 0.0)
        last = k == len(weights) - 2
        a = np.maximum(z, 0.0) if (relu_out if last else relu_hidden) else z
    return float(a[0])


def _planted(sizes, seed: int) -> MLP:
    """The series' MLP with every weight and bias a seeded N(0, 0.8) number: no bias is 0, so none goes unseen."""
    reference = MLP(sizes, seed=seed)
    numbers = np.random.default_rng(seed + 100).normal(0.0, 0.8, size=len(reference.parameters()))
    for p, v in zip(reference.parameters(), numbers.tolist()):
        p.data = v
    return reference


ORDER = ("list the parameters layer by layer and unit by unit, each unit's n_in weights then its bias, as the "
         "series' MLP.parameters() does")


def _parameters_of(net, call: str, sizes) -> list[Value]:
    """The learner's parameters(), checked: Values, as many as the sizes need, each once, the same at every call."""
    params = ask(net.parameters, call=f"{call}.parameters()")
    if not isinstance(params, list | tuple) or not all(isinstance(p, Value) for p in params):
        fail(f"{call}.parameters() returned {short(params)}; expected a list of Values",
             "collect every weight and bias Value: [p for layer in self.layers for p in layer.parameters()]")
    params = list(params)
    pairs = list(zip(sizes, sizes[1:]))
    count = sum((n_in + 1) * n_out for n_in, n_out in pairs)
    if len(params) != count:
        why = " + ".join(f"({n_in} + 1) x {n_out}" for n_in, n_out in pairs)
        mistakes = [
            Mistake(sum(n_in * n_out for n_in, n_out in pairs), "the biases are missing from parameters()",
                    "each unit has a bias besides its weights: list it too"),
            Mistake((sizes[0] + 1) * sizes[1], "parameters() lists the first layer only",
                    "gather the parameters of every layer"),
            Mistake((sizes[-2] + 1) * sizes[-1], "parameters() lists the last layer only",
                    "gather the parameters of every layer"),
        ]
        shown = f"{call}.parameters() has {len(params)} Values; expected {count} = {why}"
        diagnose(len(params), mistakes, shown)
        fail(shown, "each unit has one weight per input and one bias")
    if len({id(p) for p in params}) != count:
        fail(f"{call}.parameters() lists {count} Values, but only {len({id(p) for p in params})} different ones: "
             "some Value is shared by several weights",
             "[Value(0.0)] * n repeats one Value n times; make each weight its own Value: [Value(w) for w in ...]")
    again = ask(net.parameters, call=f"{call}.parameters()")
    if not (isinstance(again, list | tuple) and len(again) == count and all(a is b for a, b in zip(again, params))):
        fail(f"{call}.parameters() gives other Values at each call, so a step on them would not reach the network",
             "create the Values once, in __init__, and have parameters() return those")
    start, k = [p.data for p in params], 0
    for n_in, n_out in pairs:
        units = [tuple(start[k + u * (n_in + 1) : k + u * (n_in + 1) + n_in]) for u in range(n_out)]
        if n_out > 1 and len(set(units)) == 1:
            fail(f"in {call} the {n_out} units of the {n_in}-input layer start with the same weights, so they would "
                 "stay alike however long they train (chapter 04)",
                 "start each weight at its own random number: rng.normal(0, sqrt(2 / n_in), size=n_in), He's start")
        k += n_out * (n_in + 1)
    return params


def _check_start(MyMLP) -> str:
    """He's start, measured on a wide network: each layer's weights spread as N(0, 2 / n_in), its biases 0."""
    sizes = [100, 60, 30, 1]
    call = f"MyMLP({sizes}, 0)"
    net = ask(MyMLP, list(sizes), 0, call=call)
    start, k, seen = [p.data for p in _parameters_of(net, call, sizes)], 0, []
    for n_in, n_out in zip(sizes, sizes[1:]):
        block = np.array(start[k : k + n_out * (n_in + 1)]).reshape(n_out, n_in + 1)  # a row per unit: weights, bias
        k += n_out * (n_in + 1)
        if np.any(block[:, -1] != 0):
            fail(f"in {call} the biases of the {n_in}-input layer do not start at 0",
                 "start every bias at Value(0.0); " + ORDER)
        if block[:, :-1].size < 1000:
            continue  # too few weights to measure their spread well
        spread, expected = float(block[:, :-1].std()), math.sqrt(2 / n_in)
        mean = float(block[:, :-1].mean())
        if abs(mean) > 4 * expected / math.sqrt(block[:, :-1].size):  # 4 standard errors of a zero-mean sample's mean
            fail(f"in {call} the {block[:, :-1].size:,} weights of the {n_in}-input layer average {mean:.4f}, not 0",
                 "draw from a normal centred at 0: rng.normal(0.0, np.sqrt(2 / n_in), size=n_in)")
        if not abs(spread - expected) <= 0.1 * expected:
            fail(f"in {call} the {block[:, :-1].size:,} weights of the {n_in}-input layer start with standard "
                 f"deviation {spread:.4f}; He's start gives sqrt(2 / {n_in}) = {expected:.4f}",
                 "rng.normal(0.0, np.sqrt(2 / n_in), size=n_in) for each unit: the spread depends on n_in")
        seen.append(f"{spread:.3f} for sqrt(2 / {n_in}) = {expected:.3f}")
    return "; ".join(seen)


@exercise("write MyLayer and MyMLP in the cell above")
def check_mlp(MyMLP) -> str:
    """A network of Values built by the learner: its parameters, its logit, its gradients and its training."""
    if isinstance(MyMLP, type) and issubclass(MyMLP, MLP | Layer | Neuron):
        fail("MyMLP is the series' own class, or built on it", "build the layers from Values yourself")
    told = []
    for sizes, seed, points in (([2, 3, 1], 0, 4), ([3, 4, 2, 1], 1, 5)):
        call = f"MyMLP({sizes}, {seed})"
        net = ask(MyMLP, list(sizes), seed, call=call)
        if any(isinstance(o, MLP | Layer | Neuron) for o in _reachable(net)):
            fail(f"{call} holds the series' Neuron, Layer or MLP", "build the layers from Values yourself")
        params = _parameters_of(net, call, sizes)
        reference = _planted(sizes, seed)  # the numbers the check plants in both networks, before the learner's runs
        for p, r in zip(params, reference.parameters()):
            p.data, p.grad = r.data, 0.0
        weights = reference.get_weights()
        X = np.random.default_rng(seed).normal(0.0, 1.5, size=(points, sizes[0]))
        y = np.arange(points) % 2
        expected = [reference(x).data for x in X.tolist()]
        outs = [_logit(ask(net, x, call=f"{call}({np.round(x, 3).tolist()})"), f"{call}(x)") for x in X.tolist()]
        got = [as_number(z.data, f"the logit {call}(x) holds") for z in outs]
        if not same(got, expected):
            shown = (f"with the same numbers in both, on {points} inputs the series' MLP gives the logits "
                     f"{[float(number(e)) for e in expected]}, {call} gives {[float(number(g)) for g in got]}")
            mistakes = [
                Mistake([_by_hand(weights, x, relu_out=True) for x in X], "the output unit applies relu, so the "
                        "logit is never negative", "only the hidden layers' units apply relu: the output unit "
                        "returns z itself, the logit"),
                Mistake([_by_hand(weights, x, relu_hidden=False) for x in X], "the hidden units do not apply relu",
                        "a hidden unit returns z.relu(); without it the layers collapse into one linear map"),
                Mistake([_by_hand(weights, x, biases=False) for x in X], "the biases are not added to z",
                        "z = w1 x1 + ... + b: start the sum from the bias"),
            ]
            diagnose(got, mistakes, shown)
            fail(shown, ORDER)
        J = sum(cross_entropy(z, float(y_i)) for z, y_i in zip(outs, y.tolist())) / points
        J_reference = sum(cross_entropy(reference(x), float(y_i)) for x, y_i in zip(X.tolist(), y.tolist())) / points
        J_reference.backward()
        gradients_of(lambda J=J: J, f"the cost of {call} on {points} points", {})
        grads, exact = [as_number(p.grad, "a parameter's grad") for p in params], [
            p.grad for p in reference.parameters()]
        if not same(grads, exact):
            shown = (f"after backward() from the cost of {points} points, {call}'s first gradients are "
                     f"{[float(number(g)) for g in grads[:4]]}; expected {[float(number(e)) for e in exact[:4]]}")
            diagnose(grads, [Mistake([0.0] * len(grads), "no gradient reached the parameters: the forward pass "
                                     "computes with their numbers (w.data), not with the Values",
                                     "compute z from the Values themselves: w * x, not w.data * x")], shown)
            fail(shown, "compute the forward pass from the parameter Values, each used where the math uses it")
        told.append(f"{'-'.join(map(str, sizes))} ({len(params)} parameters)")

    # training: the learner's network and the series' MLP, from the same numbers, by the same steps on the moons
    sizes, epochs, alpha = [2, 6, 1], 15, 0.5
    X, y = _moons(40, 3)
    net = ask(MyMLP, list(sizes), 3, call=f"MyMLP({sizes}, 3)")
    params = _parameters_of(net, f"MyMLP({sizes}, 3)", sizes)
    reference = _planted(sizes, 3)
    for p, r in zip(params, reference.parameters()):
        p.data = r.data
    reference.fit(X, y, alpha=alpha, epochs=epochs)
    costs = []
    for _ in range(epochs):
        for p in params:
            p.grad = 0.0
        outs = [_logit(ask(net, x, call=f"MyMLP({sizes}, 3)(x)"), f"MyMLP({sizes}, 3)(x)") for x in X.tolist()]
        J = sum(cross_entropy(z, y_i) for z, y_i in zip(outs, y.tolist())) / len(X)
        gradients_of(lambda J=J: J, f"the cost of MyMLP({sizes}, 3) on 40 moons", {})
        costs.append(J.data)
        for p in params:
            p.data -= alpha * p.grad
    if not same(costs, reference.history["cost"]):
        fail(f"trained by {epochs} steps of gradient descent on 40 moons, MyMLP({sizes}, 3)'s costs are "
             f"{[round(c, 4) for c in costs]}; the series' MLP's {[round(c, 4) for c in reference.history['cost']]}",
             "compute every logit from the Values that parameters() lists")
    spreads = _check_start(MyMLP)
    return (f"MyMLP has the parameters its sizes need, each its own Value ({', '.join(told)}), starts as He's start "
            f"does (biases 0, weights spread {spreads}), gives the series' MLP's logits on several inputs and, after "
            f"backward(), its gradients (to 1e-9); trained by {epochs} steps of gradient descent on 40 moons, its cost "
            f"falls from {costs[0]:.4f} to {costs[-1]:.4f}, "
            "step for step as the series' MLP's")
