"""Checks for the exercises of chapter 04 (the loop network)."""

from __future__ import annotations

import math

import helpers
from helpers.exercises import HAND, Mistake, NotAttempted, as_number, ask, diagnose, exercise, fail, given, number, same
from helpers.scratch import NeuralNetwork, binary_cross_entropy, sigmoid


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
