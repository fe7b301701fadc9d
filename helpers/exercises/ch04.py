"""Checks for the exercises of chapter 04 (the loop network)."""

from __future__ import annotations

import math

import numpy as np

import helpers
from helpers.exercises import HAND
from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_array
from helpers.exercises import as_floats
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.scratch import NeuralNetwork
from helpers.scratch import binary_cross_entropy
from helpers.scratch import sigmoid


@exercise("write loss_from_logit in the cell above")
def check_loss_from_logit(loss_from_logit) -> str:
    """L = y softplus(-z2) + (1 - y) softplus(z2), finite for every z2."""
    cases = [(0.0, 1), (2.0, 1), (2.0, 0), (-3.0, 0), (-3.0, 1)]
    for z2, y in cases:
        call = f"loss_from_logit({z2}, {y})"
        got = as_number(ask(loss_from_logit, z2, y, call=call), call)
        expected = binary_cross_entropy(z2, y)
        if same(got, expected):
            continue
        mistakes = [
            Mistake(binary_cross_entropy(z2, 1 - y), f"{call} is the loss of the other label",
                    "y = 1 keeps -log a2 = softplus(-z2); y = 0 keeps -log(1 - a2) = softplus(z2)"),
            Mistake(-expected, f"{call} has the wrong sign", "minus the log of a probability is never negative"),
        ]
        shown = f"expected {number(expected)}, got {number(got)}"
        diagnose(got, mistakes, shown)
        fail(f"{call}: {shown}", "L = y softplus(-z2) + (1 - y) softplus(z2)")
    extreme = "the textbook formula takes log(0) here: work from z2 with softplus(t) = max(t, 0) + log(1 + e^-|t|)"
    for z2, y in [(40.0, 0), (40.0, 1), (-1e4, 1), (1e4, 0)]:
        call = f"loss_from_logit({z2:g}, {y})"
        got = ask(loss_from_logit, z2, y, call=call, hint=extreme)
        try:
            got = float(got)
        except (TypeError, ValueError):
            as_number(got, call)
        if not math.isfinite(got):
            fail(f"{call} = {got}; expected {number(binary_cross_entropy(z2, y))}", extreme)
        if not same(got, binary_cross_entropy(z2, y)):
            fail(f"{call} = {number(got)}; expected {number(binary_cross_entropy(z2, y))}", extreme)
    return "loss_from_logit matches the loss for z2 from -1e4 to 1e4, finite everywhere, for y = 0 and y = 1"


def unit_2(x1: float, x2: float, dz12: float) -> dict[str, float]:
    """Hidden unit 2's three gradients from its signal dL/dz12."""
    return {"w13": dz12 * x1, "w14": dz12 * x2, "b12": dz12}


@exercise("write unit_2_gradients in the cell above")
def check_unit_2_gradients(unit_2_gradients) -> str:
    """dL/dw13, dL/dw14, dL/db12 for one example, on unit 2 switched on and off."""
    net = NeuralNetwork()
    x1, x2, y = 1.0, 2.0, 1.0
    for params in [{**HAND, "b12": 0.6}, HAND]:  # unit 2 on (z12 = 0.6), then off (z12 = -0.2)
        net.set_params(params)
        forward = net.forward_prop(x1, x2)
        dz2 = forward["a2"] - y
        w21, w22 = params["w21"], params["w22"]
        call = f"unit_2_gradients(1.0, 2.0, forward, dz2, w21={w21}, w22={w22})"
        got = ask(unit_2_gradients, x1, x2, forward, dz2, w21, w22, call=call)
        if not isinstance(got, dict) or set(got) != {"w13", "w14", "b12"}:
            fail(f"{call} should return a dict with the keys 'w13', 'w14', 'b12'; it returned {got!r:.60}")
        got = {p: as_number(v, f"dL/d{p}") for p, v in got.items()}
        expected = unit_2(x1, x2, dz2 * w22 * (forward["z12"] > 0))
        wrong = [p for p in expected if not same(got[p], expected[p])]
        if not wrong:
            continue
        p = wrong[0]  # the first wrong gradient, and what each typical mistake would have made it
        where = f"(z12 = {number(forward['z12'])}, x = (1, 2), y = 1)"
        ungated = unit_2(x1, x2, dz2 * w22)[p]
        unit_1 = unit_2(x1, x2, dz2 * w21 * (forward["z11"] > 0))[p]
        swapped = unit_2(x2, x1, dz2 * w22 * (forward["z12"] > 0))[p]
        told = f"dL/d{p} = {number(got[p])} {where}"
        shown = f"expected {number(expected[p])}"
        mistakes = [
            Mistake(ungated, f"unit 2 is off {where}, so its three gradients must be 0; you got "
                    f"{number(got['w13'])}, {number(got['w14'])}, {number(got['b12'])}",
                    "multiply by relu'(z12), which is 0 when z12 <= 0"),
            Mistake(unit_1, f"{told} uses hidden unit 1's signal; {shown}",
                    "w13, w14 and b12 feed hidden unit 2: use w22 and z12, not w21 and z11"),
            Mistake(swapped, f"{told} multiplies the wrong input; {shown}",
                    "w13 multiplies x1 and w14 multiplies x2 in z12 = w13 x1 + w14 x2 + b12"),
            Mistake(-expected[p], f"{told} has the wrong sign; {shown}", "dL/dz2 = a2 - y, not y - a2"),
        ]
        diagnose(got[p], mistakes)
        fail(f"{told}; {shown}",
             "dL/dz12 = dL/dz2 w22 relu'(z12); then dL/dw13 = dL/dz12 x1, dL/dw14 = dL/dz12 x2, dL/db12 = dL/dz12")
    return "unit_2_gradients gives dL/dw13, dL/dw14 and dL/db12 with unit 2 on (z12 = 0.6) and off (z12 = -0.2)"


@exercise("find and fix the planted mistake in forward above")
def check_forward(forward) -> str:
    """The planted mistake: the output unit reads the inputs instead of the hidden activations."""
    net = NeuralNetwork()
    net.set_params(HAND)
    checked = []
    for x1, x2 in [(1.0, 2.0), (-1.0, 0.5), (0.3, -2.0)]:
        call = f"forward(params, {x1}, {x2})"
        got = ask(forward, dict(HAND), x1, x2, call=call)
        if not isinstance(got, dict) or not {"z2", "a2"} <= set(got):
            fail(f"{call} should return a dict with 'z2' and 'a2' among its keys; it returned {got!r:.60}")
        right = net.forward_prop(x1, x2)
        planted = HAND["w21"] * x1 + HAND["w22"] * x2 + HAND["b2"]
        z2 = as_number(got["z2"], f"{call}['z2']")
        if same(z2, planted) and not same(planted, right["z2"]):
            raise NotAttempted
        if not same(z2, right["z2"]):
            fail(f"{call}['z2'] = {number(z2)}; expected {number(right['z2'])}",
                 "z2 = w21 a11 + w22 a12 + b2: the output unit reads the hidden activations")
        if not same(as_number(got["a2"], f"{call}['a2']"), sigmoid(right["z2"])):
            fail(f"{call}['a2'] = {number(got['a2'])}; expected sigma(z2) = {number(sigmoid(right['z2']))}",
                 "a2 = sigmoid(z2): the output unit squashes its z2 into a probability")
        checked.append(f"({x1:g}, {x2:g})")
    return f"forward now feeds a11 and a12 to the output unit: z2 and a2 are right at x = {', '.join(checked)}"


@exercise("set my_prediction to a whole number, 0 to 50")
def check_bounces(my_prediction) -> str:
    """How many of the first 50 epochs raise the cost, with alpha = 5 (ten times the chapter's)."""
    guess = as_number(given(my_prediction), "my_prediction")
    data = helpers.tumour_data(seed=0)
    rises = {}
    for alpha in (5.0, 0.5):
        costs = NeuralNetwork(seed=0).fit(data.X_train, data.y_train, alpha=alpha, epochs=50)["cost"]
        rises[alpha] = sum(later > earlier for earlier, later in zip(costs, costs[1:]))
    ups = rises[5.0]
    story = (f"with alpha = 5 the cost rose from one epoch to the next {ups} times in the first 50 epochs "
             f"(with alpha = 0.5: {rises[0.5]} times): steps that large overshoot the bottom of the valley")
    if same(guess, ups, rtol=0, atol=5):
        return f"you predicted {guess:g}; {story}"
    fail(f"you predicted {guess:g}; {story}")


@exercise("write gradient_step in the cell above")
def check_gradient_step(gradient_step) -> str:
    """p <- p - alpha dJ/dp for all nine parameters, returned as a new dict."""
    params = dict(HAND)
    grads = {p: 0.1 * (k + 1) * (-1) ** k for k, p in enumerate(HAND)}
    alpha = 0.5
    call = "gradient_step(params, grads, 0.5)"
    before = dict(params)
    try:
        got = ask(gradient_step, params, grads, alpha, call=call)
    except NotAttempted:
        if params != before:
            fail(f"{call} changed params in place but returned nothing", "return the dict of new values")
        raise
    if not isinstance(got, dict) or set(got) != set(HAND):
        fail(f"{call} should return a dict of all nine parameters; it returned {got!r:.60}")
    expected = {p: before[p] - alpha * grads[p] for p in HAND}
    for p in HAND:
        value = as_number(got[p], f"the new {p}")
        if same(value, expected[p]):
            continue
        mistakes = [
            Mistake(before[p] + alpha * grads[p], f"the new {p} is a step uphill",
                    "subtract alpha times the gradient: it points uphill"),
            Mistake(before[p] - grads[p], f"the new {p} forgot alpha", "multiply the gradient by alpha"),
            Mistake(before[p], f"the new {p} did not move", "update all nine parameters"),
        ]
        shown = f"expected {number(before[p])} - 0.5 * {number(grads[p])} = {number(expected[p])}, got {number(value)}"
        diagnose(value, mistakes, shown)
        fail(f"the new {p}: {shown}", "p <- p - alpha dJ/dp")
    return "gradient_step moves all nine parameters by -alpha times their gradient"


@exercise("write he_weights in the cell above")
def check_he_weights(he_weights) -> str:
    """W of shape (n_in, n_out): zero-mean draws from the rng given, std sqrt(2 / n_in), no two units alike."""
    cases = [(400, 5), (50, 40), (2, 1000)]  # fan-ins and fan-outs far apart, so using one for the other shows
    rule = "W = rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out))"
    for n_in, n_out in cases:
        expected = math.sqrt(2 / n_in)  # He's standard deviation, known before the learner's code runs
        call = f"he_weights({n_in}, {n_out}, rng)"
        draws = []
        for seed in (0, 1, 2, 3, 4, 0):  # five generators, then seed 0 again: the same seed must give the same W
            W = as_floats(ask(he_weights, n_in, n_out, np.random.default_rng(seed), call=call), call,
                          f"an array of shape ({n_in}, {n_out})")
            if W.shape == (n_out, n_in):
                fail(f"{call} has shape {W.shape}; expected ({n_in}, {n_out})",
                     "one row per input and one column per unit, the layout of W in Z = A_prev @ W")
            draws.append(as_array(W, (n_in, n_out), call))
        if len({tuple(column) for column in draws[0].T.tolist()}) < n_out:
            fail(f"{call} gives two units the same weights: they would stay equal forever",
                 "draw every weight at random, on its own: size=(n_in, n_out), not one column repeated")
        if not same(draws[-1], draws[0]):
            fail(f"{call} gave two different W for two generators both seeded 0",
                 "draw from the rng you are given (rng.normal), not from np.random, so a seed repeats the start")
        if same(draws[1], draws[0]):
            fail(f"{call} gave the same W for generators seeded 0 and 1",
                 "draw from the rng you are given; do not make a generator of your own inside the function")
        values = np.concatenate([W.ravel() for W in draws[:-1]])
        mean, std = float(values.mean()), float(values.std())
        if abs(mean) > 0.1 * std:  # 10,000 draws: a zero-mean sample averages within about 0.01 std of 0
            fail(f"the weights of {call} average {number(mean)}, not 0 (their std is {number(std)})",
                 "draw from a normal centred at 0: rng.normal(0.0, ...); rng.random() lies between 0 and 1")
        if same(std, expected, rtol=0.08, atol=0):  # 10,000 draws: the std comes within about 1 % of He's
            continue
        shown = f"{len(values)} weights of {call} have std {number(std)}; He's is sqrt(2 / {n_in}) = {number(expected)}"
        mistakes = [
            Mistake(2 / n_in, "the std is 2 / n_in, which is the variance",
                    "the scale of rng.normal is the standard deviation: np.sqrt(2 / n_in)"),
            Mistake(math.sqrt(2 / n_out), f"the scale uses n_out = {n_out}, the number of units",
                    "the variance of z adds up over the n_in inputs of a unit: Var(w) = 2 / n_in"),
            Mistake(math.sqrt(2 / (n_in + n_out)), "the variance is 2 / (n_in + n_out), Glorot's start (made for tanh)",
                    "for relu, Var(w) = 2 / n_in: only the inputs of a unit add up in its z"),
            Mistake(math.sqrt(1 / n_in), "the variance is 1 / n_in, half of He's",
                    "relu zeroes half of z; He's factor 2 makes up for that: Var(w) = 2 / n_in"),
            Mistake(1.0, "the weights are standard normal, not scaled", "multiply by np.sqrt(2 / n_in)"),
        ]
        diagnose(std, mistakes, shown, rtol=0.03, atol=0)
        fail(shown, rule)
    return ("he_weights draws W of shape (n_in, n_out) from the rng given, centred at 0 with std sqrt(2 / n_in), "
            "every unit its own, for (n_in, n_out) = (400, 5), (50, 40) and (2, 1000)")
