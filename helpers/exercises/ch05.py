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
from helpers.parameters import PARAMETERS
from helpers.scratch import NeuralNetwork

STEPS = [10.0**-k for k in range(1, 13)]  # 1e-1 ... 1e-12, the steps the predict-then-check tries


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


@exercise("write central_difference in the cell above")
def check_central_difference(central_difference) -> str:
    """(J(p + h) - J(p - h)) / 2h for one parameter p, the other eight held still."""
    X, y, params, exact = setting()
    h = 1e-4  # larger than the chapter's 1e-6, so a one-sided difference stands out; still far from the kink

    def cost_of(q):
        return references.cost(q, X, y)

    J = cost_of(params)
    for p in PARAMETERS:
        before = dict(params)
        call = f"central_difference(cost_of, params, {p!r}, {h:g})"
        got = as_number(ask(central_difference, cost_of, before, p, h, call=call), call)
        if before != params:
            moved = [q for q in PARAMETERS if before[q] != params[q]]
            fail(f"{call} changed the dict params it was given ({', '.join(moved)} moved) and left it changed",
                 "work on copies: up = dict(params); up[p] += h; down = dict(params); down[p] -= h")
        if same(got, exact[p], rtol=1e-7):
            continue
        up, down = dict(params), dict(params)
        up[p] += h
        down[p] -= h
        central = (cost_of(up) - cost_of(down)) / (2 * h)
        everything = (cost_of({q: v + h for q, v in params.items()}) - cost_of({q: v - h for q, v in params.items()}))
        said = f"{call} = {got:.7g}"
        one_sided = "whose error shrinks only like h"
        mistakes = [
            Mistake(central * 2, f"{said} divides by h, but J(p + h) and J(p - h) are 2h apart", "divide by 2h"),
            Mistake(-central, f"{said} has the sign flipped", "J at p + h comes first: (J(p + h) - J(p - h)) / 2h"),
            Mistake((cost_of(up) - J) / h, f"{said} is a one-sided difference (J(p + h) - J(p)) / h, {one_sided}",
                    "step both ways: (J(p + h) - J(p - h)) / 2h"),
            Mistake((J - cost_of(down)) / h, f"{said} is a one-sided difference (J(p) - J(p - h)) / h, {one_sided}",
                    "step both ways: (J(p + h) - J(p - h)) / 2h"),
            Mistake(everything / (2 * h), f"{said} moves all nine parameters at once: that is the slope along all "
                    "nine directions together, the sum of the nine gradients",
                    f"copy params and move only params[{p!r}]"),
        ]
        diagnose(got, mistakes, f"backprop says dJ/d{p} = {exact[p]:.7g}")
        fail(f"{said}; backprop says dJ/d{p} = {exact[p]:.7g}",
             "move params[p] up by h and down by h (copies of params), and divide the change in cost by 2h")
    return (f"central_difference agrees with backprop on all nine parameters at h = {h:g} (relative difference "
            "below 1e-7), at the chapter's random weights on the 455 training rows, and leaves params unchanged")


@exercise("find and fix the mistake in gradients in the cell above (a gradient table beside finite differences "
          "helps)")
def check_mean_gradients(gradients) -> str:
    """The nine gradients of the mean cost: the planted mistake returns n times too much (a sum, not a mean)."""
    X, y, params, exact = setting()
    net = NeuralNetwork()
    net.set_params(params)
    call = "gradients(net, X, y)"
    got = ask(gradients, net, X, y, call=call)
    if not isinstance(got, dict) or set(got) != set(PARAMETERS):
        fail(f"{call} should return a dict of the nine gradients keyed w11 ... b2; it returned {type(got).__name__}")
    got = {p: as_number(got[p], f"the gradient of {p}") for p in PARAMETERS}
    estimate = references.cost_finite_differences(params, X, y)
    n = len(X)
    ratios = np.array([got[p] / exact[p] for p in PARAMETERS])  # the planted mistake makes each of them n
    if same(ratios, np.full(len(PARAMETERS), n)):
        raise NotAttempted
    if all(same(got[p], estimate[p], rtol=1e-7) for p in PARAMETERS):
        return (f"{call} matches finite differences of the mean cost on all nine parameters (relative difference "
                f"below 1e-7), at the chapter's random weights on the {n} training rows")
    worst = max(PARAMETERS, key=lambda p: relative_difference(got[p], estimate[p]))
    mistakes = [
        Mistake(lambda scales: same(scales, np.full(len(scales), scales[0])),  # one factor off, the same for all
                f"every gradient is {number(ratios[0])} times the slope finite differences measure",
                f"J is the mean of the {n} losses, so its gradient is the sum of theirs divided by n = {n}, once"),
    ]
    diagnose(ratios, mistakes, f"dJ/d{worst} is {number(got[worst])} against {number(estimate[worst])}")
    fail(f"dJ/d{worst} is {number(got[worst])}; finite differences measure {number(estimate[worst])}",
         "only the last line needs to change: the mean of the examples' gradients")


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


@exercise("replace None with your predicted step h, e.g. 1e-3")
def check_one_sided_step(my_prediction) -> str:
    """The one-sided difference is most accurate near sqrt(eps), a smaller step than the central difference's."""
    guess = as_number(given(my_prediction), "my_prediction")
    if guess <= 0:
        fail(f"my_prediction is {guess:g}; a step h is a positive number such as 1e-3")
    errors = one_sided_errors()
    best = STEPS[int(np.argmin(errors))]
    why = (f"the one-sided difference (J(p + h) - J(p)) / h is most accurate at h = {best:.0e} here (largest "
           f"relative error {min(errors):.0e}, steps 1e-1 to 1e-12 tried). Its truncation error shrinks only like h, "
           "not h^2, so the balance with rounding (which grows like eps / h) comes at a smaller step than for the "
           "central difference, near sqrt(eps) = 1.5e-8")
    if same(math.log10(guess), math.log10(best), rtol=0, atol=1):
        return f"you predicted {guess:.0e}, within a factor of 10 of the best step: {why}"
    fail(f"you predicted {guess:.0e}; {why}",
         "a factor of 10 either way counts as close; compare the two error estimates h and eps / h")
