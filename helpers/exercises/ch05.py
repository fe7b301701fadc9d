"""Checks for the exercises of chapter 05 (four gradients, one answer).

Every check works where the chapter does: the 455 training tumours and the nine
random weights drawn by ``np.random.default_rng(6)``, where both hidden units
fire on some rows and not on others and no z lies near relu's kink.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

import helpers
from helpers import references
from helpers.comparison import relative_difference
from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.exercises import short
from helpers.parameters import PARAMETERS
from helpers.scratch import NeuralNetwork

STEPS = [10.0**-k for k in range(1, 13)]  # 1e-1 ... 1e-12, the steps the predict-then-check tries
EPS = float(np.finfo(float).eps)  # 2.2e-16, the rounding step of float64


@cache
def setting() -> tuple[np.ndarray, np.ndarray, dict[str, float], dict[str, float]]:
    """The chapter's training rows, its random weights and their exact gradient (backprop)."""
    data = helpers.tumour_data(seed=0)
    X, y = data.X_train, data.y_train
    params = dict(zip(PARAMETERS, np.random.default_rng(6).normal(size=9).tolist()))
    net = NeuralNetwork()
    net.set_params(params)
    exact = net.gradients(X, y)
    return X, y, params, exact


def toy_cost(q: dict[str, float]) -> float:
    """A cost of three parameters the chapter never uses: J(u, v, w) = u^3 + u v^2 (w plays no part)."""
    return q["u"] ** 3 + q["u"] * q["v"] ** 2


TOY = {"w": 0.3, "u": -1.0, "v": 2.0}  # w first: a NaN from 0 / 0 is then not hidden by Python's max
TOY_GRADIENT = {"w": 0.0, "u": 3 * TOY["u"] ** 2 + TOY["v"] ** 2, "v": 2 * TOY["u"] * TOY["v"]}  # (0, 7, -4)


def central(cost_of, params, p, h) -> float:
    """The check's own (J(p + h) - J(p - h)) / 2h, computed before the learner's code runs."""
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(up) - cost_of(down)) / (2 * h)


@exercise("write central_difference in the cell above")
def check_central_difference(central_difference) -> str:
    """(J(p + h) - J(p - h)) / 2h for one parameter p, the other parameters held still, for any cost, p and h.

    Two costs: the chapter's, at its random weights, for each of the nine
    parameters with h = 1e-4; and J(u, v, w) = u^3 + u v^2 with h = 0.1, where
    the central difference of u^3 is 3u^2 + h^2, so that an answer that ignores
    h, or knows only the nine names, is told apart.
    """
    X, y, params, exact = setting()

    def cost_of(q):
        return references.cost(q, X, y)

    cases = [(cost_of, params, p, 1e-4, "cost_of") for p in PARAMETERS]
    cases += [(toy_cost, TOY, p, 0.1, "toy_cost") for p in TOY]
    for cost, at, p, h, name in cases:
        expected = central(cost, at, p, h)
        J = cost(at)
        up, down = dict(at), dict(at)
        up[p] += h
        down[p] -= h
        everything = (cost({q: v + h for q, v in at.items()}) - cost({q: v - h for q, v in at.items()})) / (2 * h)
        one_sided = "whose error shrinks only like h"
        call = f"central_difference({name}, params, {p!r}, {h:g})"
        got = as_number(ask(central_difference, cost, at, p, h, call=call), call)
        if same(got, expected, rtol=1e-8, atol=1e-12):
            continue
        said = f"{call} = {got:.7g}"
        mistakes = [
            Mistake(expected * 2, f"{said} divides by h, but J(p + h) and J(p - h) are 2h apart", "divide by 2h"),
            Mistake(expected * h * h, f"{said} divides by 2 and then multiplies by h: / 2 * h is (... / 2) * h",
                    "put brackets around the denominator: / (2 * h)"),
            Mistake(-expected, f"{said} has the sign flipped", "J at p + h comes first: (J(p + h) - J(p - h)) / 2h"),
            Mistake((cost(up) - J) / h, f"{said} is a one-sided difference (J(p + h) - J(p)) / h, {one_sided}",
                    "step both ways: (J(p + h) - J(p - h)) / 2h"),
            Mistake((J - cost(down)) / h, f"{said} is a one-sided difference (J(p) - J(p - h)) / h, {one_sided}",
                    "step both ways: (J(p + h) - J(p - h)) / 2h"),
            Mistake(everything, f"{said} moves every parameter at once: that is the slope along all of them together",
                    f"copy params and move only params[{p!r}]"),
            Mistake(central(cost, at, p, references.H), f"{said} is the central difference with h = 1e-6, not with "
                    f"the h = {h:g} it was given", "use the argument h"),
        ]
        diagnose(got, mistakes, f"expected (J(p + h) - J(p - h)) / 2h = {expected:.7g}", rtol=1e-8, atol=1e-12)
        fail(f"{said}; expected (J(p + h) - J(p - h)) / 2h = {expected:.7g}",
             "move params[p] up by h and down by h (copies of params), and divide the change in cost by 2h")
    worst = max(relative_difference(central(cost_of, params, p, 1e-4), exact[p]) for p in PARAMETERS)
    return (f"central_difference is (J(p + h) - J(p - h)) / 2h for the chapter's cost on all nine parameters at "
            f"h = 1e-4 (within {worst:.0e} of backprop, relative) and for u^3 + u v^2 at h = 0.1 (where it is "
            "3u^2 + v^2 + h^2, not the slope 3u^2 + v^2), and leaves params unchanged")


@exercise("find and fix the mistake in gradients in the cell above (a gradient table beside finite differences "
          "helps)")
def check_mean_gradients(gradients) -> str:
    """The nine gradients of the mean cost: the planted mistake returns n times too much (a sum, not a mean).

    Tried on the 455 training rows at the chapter's weights, and on their last 100
    at other weights (drawn by default_rng(8), where both hidden units fire on
    some rows and no z lies near the kink), so that a fix that divides by the
    number 455 rather than by the number of rows is told apart.
    """
    X, y, params, _ = setting()
    rows = len(X)
    other = dict(zip(PARAMETERS, np.random.default_rng(8).normal(size=9).tolist()))
    for n, at in ((rows, params), (100, other)):
        X_n, y_n = X[-n:], y[-n:]
        estimate = references.cost_finite_differences(at, X_n, y_n)  # before the learner's code runs
        net = NeuralNetwork()
        net.set_params(at)
        call = "gradients(net, X, y)" if n == rows else f"gradients(net, X[-{n}:], y[-{n}:]) at other weights"
        got = ask(gradients, net, X_n, y_n, call=call)
        if not isinstance(got, dict) or set(got) != set(PARAMETERS):
            fail(f"{call} should return a dict of the nine gradients keyed w11 ... b2; it returned "
                 f"{type(got).__name__} {short(got)}")
        got = {p: as_number(got[p], f"the gradient of {p}") for p in PARAMETERS}
        ratios = np.array([got[p] / estimate[p] for p in PARAMETERS])  # the planted mistake makes each of them n
        if n == rows and same(ratios, np.full(len(PARAMETERS), n), rtol=1e-6):
            raise NotAttempted
        if all(same(got[p], estimate[p], rtol=1e-7) for p in PARAMETERS):
            continue
        worst = max(PARAMETERS, key=lambda p: relative_difference(got[p], estimate[p]))
        factor = f"every gradient of {call} is {number(ratios[0])} times the slope finite differences measure"

        def by(k):
            return lambda scales: same(scales, np.full(len(scales), k), rtol=1e-6)

        mistakes = [
            Mistake(by(-1), f"{factor}: the sign is flipped", "add the examples' gradients as they are, then divide"),
            Mistake(by(1 / n), f"{factor}: it divides by n = {n} twice", "divide the sum by n once, at the end"),
            Mistake(by(n / rows), f"{factor}: it divides by {rows}, the chapter's number of rows, whatever X is",
                    "divide by len(X), the number of rows of the X it is given"),
            Mistake(lambda scales: same(scales, np.full(len(scales), scales[0]), rtol=1e-6),
                    f"{factor}: one factor is off, the same for all nine",
                    f"J is the mean of the {n} losses, so its gradient is the sum of theirs divided by n = {n}, once"),
        ]
        diagnose(ratios, mistakes, f"dJ/d{worst} is {number(got[worst])} against {number(estimate[worst])}")
        fail(f"{call}: dJ/d{worst} is {number(got[worst])}; finite differences measure {number(estimate[worst])}",
             "only the last line needs to change: the mean of the examples' gradients")
    return (f"gradients matches finite differences of the mean cost on all nine parameters (relative difference "
            f"below 1e-7), at the chapter's random weights on the {rows} training rows and at other weights on their "
            "last 100")


@cache
def one_sided_errors() -> list[float]:
    """For each step h of STEPS, the largest relative error of the one-sided difference (J(p + h) - J(p)) / h."""
    X, y, params, exact = setting()
    J = references.cost(params, X, y)
    errors = []
    for h in STEPS:
        worst = 0.0
        for p in PARAMETERS:
            up = dict(params)
            up[p] += h
            worst = max(worst, relative_difference((references.cost(up, X, y) - J) / h, exact[p]))
        errors.append(worst)
    return errors


@cache
def curvatures() -> dict[str, float]:
    """J'' along each parameter, by the second difference (J(p + k) - 2 J(p) + J(p - k)) / k^2 with k = 1e-4."""
    X, y, params, _ = setting()
    J, k = references.cost(params, X, y), 1e-4
    bent = {}
    for p in PARAMETERS:
        up, down = dict(params), dict(params)
        up[p] += k
        down[p] -= k
        bent[p] = (references.cost(up, X, y) - 2 * J + references.cost(down, X, y)) / k**2
    return bent


@exercise("replace None with your predicted step h, e.g. 1e-3")
def check_one_sided_step(my_prediction) -> str:
    """The step of STEPS where the one-sided difference is most accurate, within a factor of 3 (one grid step)."""
    guess = as_number(given(my_prediction), "my_prediction")
    if guess <= 0:
        fail(f"my_prediction is {guess:g}; a step h is a positive number such as 1e-3")
    errors = one_sided_errors()
    at = int(np.argmin(errors))
    best = STEPS[at]
    X, y, params, _ = setting()
    J, bent = references.cost(params, X, y), max(abs(v) for v in curvatures().values())
    balance = math.sqrt(2 * EPS * J / bent)
    why = (f"the one-sided difference (J(p + h) - J(p)) / h is most accurate at h = {best:.0e} here (largest "
           f"relative error {errors[at]:.1e}; {errors[at - 1]:.1e} at {STEPS[at - 1]:.0e} and "
           f"{errors[at + 1]:.1e} at {STEPS[at + 1]:.0e}). Its error is about h |J''| / 2 + eps |J| / h, "
           f"smallest at h = sqrt(2 eps |J| / |J''|) = {balance:.1e} with J = {J:.4g} and the largest |J''|, "
           f"{bent:.2g}: a smaller step than the central difference's 1e-5, whose truncation error shrinks like h^2")
    if same(math.log10(guess), math.log10(best), rtol=0, atol=math.log10(3)):
        return f"you predicted {guess:.2g}, within a factor of 3 of the best step: {why}"
    mistakes = [
        Mistake(math.log10(references.H), f"you predicted {guess:.2g}, the chapter's step for the central difference",
                "the one-sided difference's truncation error shrinks only like h: it needs a smaller step"),
        Mistake(-5.0, f"you predicted {guess:.2g}, the central difference's best step",
                "the one-sided difference's truncation error shrinks only like h: it needs a smaller step"),
        Mistake(math.log10(math.sqrt(EPS)), f"you predicted {guess:.2g}, the rule of thumb sqrt(eps), which assumes "
                "J and J'' of size 1", "here J is about 2.7 and |J''| at most about 0.064: put them in the balance"),
    ]
    diagnose(math.log10(guess), mistakes, why, rtol=0, atol=0.1)  # only a prediction of that very step is named
    fail(f"you predicted {guess:.2g}; {why}",
         "a factor of 3 either way counts as close; find the h where h |J''| / 2 and eps |J| / h are equal")


def gradient_error(cost_of, params, gradient, h, *, step="central", size=lambda g, e: max(abs(g), abs(e)),
                   floor=1e-12, largest=max) -> float:
    """The check's own largest relative error of a gradient against finite differences, and its typical slips
    (another difference, another denominator, no floor, the mean for the largest)."""
    gaps = []
    for p in params:
        up, down = dict(params), dict(params)
        up[p] += h
        down[p] -= h
        estimate = {"central": (cost_of(up) - cost_of(down)) / (2 * h),
                    "one-sided": (cost_of(up) - cost_of(params)) / h,
                    "over h": (cost_of(up) - cost_of(down)) / h}[step]
        gap, scale = abs(gradient[p] - estimate), max(size(gradient[p], estimate), floor)
        gaps.append(gap / scale if scale > 0 else math.nan)
    return float(largest(gaps))


def other_cost(q: dict[str, float]) -> float:
    """A second cost, of two parameters: J(a, b) = a^2 b + b^3, with gradient (2ab, a^2 + 3b^2)."""
    return q["a"] ** 2 * q["b"] + q["b"] ** 3


OTHER = {"a": 0.5, "b": -1.5}
OTHER_GRADIENT = {"a": 2 * OTHER["a"] * OTHER["b"], "b": OTHER["a"] ** 2 + 3 * OTHER["b"] ** 2}  # (-1.5, 7)

# Each case: the cost, where, the gradient handed over, the step h, and what the gradient is. The wrong ones: a v
# half the right value and a u twice it (so that dividing by either size alone is told apart), an a of the wrong sign.
RELATIVE_CASES = [
    (toy_cost, TOY, TOY_GRADIENT, 0.01, "u^3 + u v^2 and its right gradient (du, dv, dw) = (7, -4, 0)"),
    (toy_cost, TOY, TOY_GRADIENT, 0.1, "u^3 + u v^2 and its right gradient (du, dv, dw) = (7, -4, 0)"),
    (toy_cost, TOY, {**TOY_GRADIENT, "v": -2.0}, 0.01, "u^3 + u v^2 and a gradient whose v is half the right -4"),
    (toy_cost, TOY, {**TOY_GRADIENT, "u": 14.0}, 0.01, "u^3 + u v^2 and a gradient whose u is twice the right 7"),
    (other_cost, OTHER, OTHER_GRADIENT, 0.05, "a^2 b + b^3 and its right gradient (da, db) = (-1.5, 7)"),
    (other_cost, OTHER, {**OTHER_GRADIENT, "a": 1.5}, 0.05, "a^2 b + b^3 and a gradient whose a has the wrong sign"),
]


@exercise("write largest_relative_error in the cell above")
def check_largest_relative_error(largest_relative_error) -> str:
    """max over p of rel(gradient[p], central difference), rel with the chapter's floor 1e-12, on two small costs."""
    expected = [gradient_error(cost, at, g, h) for cost, at, g, h, _ in RELATIVE_CASES]  # before the learner's code
    answers = []
    for (cost, at, gradient, h, what), right in zip(RELATIVE_CASES, expected):
        call = f"largest_relative_error(cost_of, params, gradient, {h:g}) for {what}"
        zero = Mistake(lambda error: isinstance(error, ZeroDivisionError),
                       f"{call} divides by zero for w, whose slope is exactly 0 both ways",
                       "divide by max(|a|, |b|, 1e-12): the floor is there for gradients of zero")
        got = ask(largest_relative_error, cost, at, gradient, h, call=call, crashes=[zero])
        if isinstance(got, float | np.floating) and math.isnan(got):
            fail(f"{call} is NaN: 0 / 0 for w, whose slope is exactly 0 both ways",
                 "divide by max(|a|, |b|, 1e-12): the floor is there for gradients of zero")
        got = as_number(got, call)
        answers.append(got)
        if same(got, right, rtol=1e-6, atol=1e-12):
            continue
        said = f"{call} = {got:.6g}"

        def slip(**how):
            return gradient_error(cost, at, gradient, h, **how)  # noqa: B023 (called at once, in this loop)

        mistakes = [
            Mistake(slip(size=lambda g, e: 1.0), f"{said} is the largest absolute difference, not the relative one",
                    "divide each gap by max(|a|, |b|, 1e-12)"),
            Mistake(slip(size=lambda g, e: abs(e)), f"{said} divides by the finite difference's size alone",
                    "divide by the larger of the two sizes, max(|a|, |b|, 1e-12): rel(a, b) = rel(b, a)"),
            Mistake(slip(size=lambda g, e: abs(g)), f"{said} divides by the given gradient's size alone",
                    "divide by the larger of the two sizes, max(|a|, |b|, 1e-12): rel(a, b) = rel(b, a)"),
            Mistake(slip(largest=np.mean), f"{said} is the mean of the relative errors, not the largest",
                    "a gradient check reports its worst parameter: take the max"),
            Mistake(slip(step="one-sided"), f"{said} uses the one-sided difference (J(p + h) - J(p)) / h",
                    "use the central difference, (J(p + h) - J(p - h)) / 2h"),
            Mistake(slip(step="over h"), f"{said} divides J(p + h) - J(p - h) by h; the two points are 2h apart",
                    "divide by 2h"),
        ]
        diagnose(got, mistakes, f"expected {right:.6g}", rtol=1e-6, atol=1e-12)
        fail(f"{said}; expected {right:.6g}", "for each p: the central difference, then |a - b| / max(|a|, |b|, "
             "1e-12); return the largest over the parameters")
    return (f"largest_relative_error is the largest rel(gradient, central difference) over the parameters, on "
            f"{len(RELATIVE_CASES)} cases of two costs: {answers[0]:.4g} and {answers[1]:.4g} for u^3 + u v^2 and its "
            f"right gradient at h = 0.01 and 0.1 (the central difference of u^3 is off by h^2), {answers[2]:.4g} and "
            f"{answers[3]:.4g} for two wrong ones, {answers[4]:.4g} and {answers[5]:.4g} for a^2 b + b^3; for w, "
            "whose slope is exactly 0, the floor keeps 0 / 0 away")
