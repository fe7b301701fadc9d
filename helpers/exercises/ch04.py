"""Checks for the exercises of chapter 04 (the loop network)."""

from __future__ import annotations

import functools
import math

import numpy as np

import helpers
from helpers.data import split
from helpers.evaluation import sensitivity_specificity
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
from helpers.exercises import short
from helpers.scratch import NeuralNetwork
from helpers.scratch import binary_cross_entropy
from helpers.scratch import sigmoid
from helpers.vectorized import VectorizedNetwork


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


# (parameters, x1, x2, y) of unit_2_gradients' cases: unit 2 on and off, y = 1 and 0, w21 and w22 of other sizes
UNIT_2_CASES = [
    ({**HAND, "b12": 0.6}, 1.0, 2.0, 1.0),  # z12 = 0.6: on
    (HAND, 1.0, 2.0, 1.0),  # z12 = -0.2: off
    ({**HAND, "w13": 0.8, "w14": -0.3, "b12": 1.0, "w21": -0.7, "w22": 1.5}, -0.5, 1.5, 0.0),  # z12 = 0.15: on
    ({**HAND, "w13": 0.4, "w14": -0.9, "b12": 0.3, "w21": 0.25, "w22": -3.0}, 2.0, -1.0, 0.0),  # z12 = 2.0: on
    ({**HAND, "w13": 0.5, "w14": 0.25, "b12": -1.0, "w22": 1.25}, 1.0, 2.0, 0.0),  # z12 = 0 exactly: relu'(0) = 0
]


@exercise("write unit_2_gradients in the cell above")
def check_unit_2_gradients(unit_2_gradients) -> str:
    """dL/dw13, dL/dw14, dL/db12 for one example, on unit 2 switched on and off, for other x, y and weights."""
    net = NeuralNetwork()
    runs = []  # per case: where, the learner's dict, the expected one, and each typical mistake's
    for params, x1, x2, y in UNIT_2_CASES:
        net.set_params(params)
        forward = net.forward_prop(x1, x2)
        dz2 = forward["a2"] - y
        w21, w22 = params["w21"], params["w22"]
        on = forward["z12"] > 0
        expected = unit_2(x1, x2, dz2 * w22 * on)  # known before the learner's code runs
        slips = {
            "ungated": unit_2(x1, x2, dz2 * w22),
            "unit 1": unit_2(x1, x2, dz2 * w21 * (forward["z11"] > 0)),
            "w21": unit_2(x1, x2, dz2 * w21 * on),
            "no w22": unit_2(x1, x2, dz2 * on),
            "swapped": unit_2(x2, x1, dz2 * w22 * on),
            "sign": unit_2(x1, x2, -dz2 * w22 * on),
            "y = 1": unit_2(x1, x2, (forward["a2"] - 1) * w22 * on),
            "gate at 0": unit_2(x1, x2, dz2 * w22 * (forward["z12"] >= 0)),
        }
        call = f"unit_2_gradients({x1}, {x2}, forward, dz2, w21={w21}, w22={w22})"
        got = ask(unit_2_gradients, x1, x2, forward, dz2, w21, w22, call=call)
        if not isinstance(got, dict) or set(got) != {"w13", "w14", "b12"}:
            fail(f"{call} should return a dict with the keys 'w13', 'w14', 'b12'; it returned {short(got)}")
        got = {p: as_number(v, f"dL/d{p}") for p, v in got.items()}
        where = f"(x = ({x1:g}, {x2:g}), y = {y:g}, z12 = {number(forward['z12'])}, w21 = {w21:g}, w22 = {w22:g})"
        runs.append((where, got, expected, slips))
    wrong = [run for run in runs if not same(run[1], run[2])]
    if not wrong:
        return ("unit_2_gradients gives dL/dw13, dL/dw14 and dL/db12 on five examples: unit 2 on, off and exactly at "
                "z12 = 0, y = 1 and 0, other inputs and other outgoing weights")
    where, got, expected, _ = wrong[0]
    p = next(p for p in expected if not same(got[p], expected[p]))  # the first wrong gradient of the first case
    told = f"dL/d{p} = {number(got[p])} {where}; expected {number(expected[p])}"
    says = {
        "ungated": (f"unit 2 is off {where}, so its three gradients must be 0; you got {number(got['w13'])}, "
                    f"{number(got['w14'])}, {number(got['b12'])}", "multiply by relu'(z12), which is 0 when z12 <= 0"),
        "unit 1": (f"{told}: it uses hidden unit 1's signal",
                   "w13, w14 and b12 feed hidden unit 2: use w22 and z12, not w21 and z11"),
        "w21": (f"{told}: it uses w21, hidden unit 1's outgoing weight",
                "unit 2's signal reaches the output through w22: dL/dz12 = dL/dz2 w22 relu'(z12)"),
        "no w22": (f"{told}: it leaves out w22",
                   "the signal reaches unit 2 through its outgoing weight: dL/dz12 = dL/dz2 w22 relu'(z12)"),
        "swapped": (f"{told}: it multiplies the wrong input",
                    "w13 multiplies x1 and w14 multiplies x2 in z12 = w13 x1 + w14 x2 + b12"),
        "sign": (f"{told}: it has the wrong sign", "dL/dz2 = a2 - y, not y - a2"),
        "y = 1": (f"{told}: it takes the label to be 1", "use the dz2 you are given, a2 - y, whatever the label"),
        "gate at 0": (f"{told}: it lets the signal through at z12 = 0",
                      "relu is flat for z <= 0 and the series takes relu'(0) = 0: gate with z12 > 0, not z12 >= 0"),
    }
    for slip, (message, hint) in says.items():  # a slip is named when it gives the learner's numbers in every case
        if all(same(g, s[slip]) for _, g, _, s in runs):
            fail(message, hint)
    fail(told, "dL/dz12 = dL/dz2 w22 relu'(z12); then dL/dw13 = dL/dz12 x1, dL/dw14 = dL/dz12 x2, dL/db12 = dL/dz12")


def planted_forward(params, x1, x2):
    p = params
    z11 = p["w11"] * x1 + p["w12"] * x2 + p["b11"]
    z12 = p["w13"] * x1 + p["w14"] * x2 + p["b12"]
    a11 = max(z11, 0.0)
    a12 = max(z12, 0.0)
    z2 = p["w21"] * x1 + p["w22"] * x2 + p["b2"]
    a2 = sigmoid(z2)
    return {"z11": z11, "z12": z12, "a11": a11, "a12": a12, "z2": z2, "a2": a2}


def unchanged(function, planted=planted_forward) -> bool:
    """Whether function is the planted code as the notebook ships it (comments and spacing aside)."""
    code, original = getattr(function, "__code__", None), planted.__code__
    return code is not None and all(
        getattr(code, part) == getattr(original, part) for part in ("co_code", "co_consts", "co_names", "co_varnames")
    )


@exercise("find and fix the planted mistake in forward above")
def check_forward(forward) -> str:
    """The planted mistake: the output unit reads the inputs instead of the hidden activations."""
    other = dict(w11=-0.6, w12=0.9, w13=1.2, w14=0.3, w21=-1.5, w22=0.8, b11=0.4, b12=-0.1, b2=0.2)
    net = NeuralNetwork()
    checked, planted_everywhere = [], True
    for params, x1, x2 in [(HAND, 1.0, 2.0), (HAND, -1.0, 0.5), (other, 0.3, -2.0), (other, 1.5, 0.7)]:
        net.set_params(params)
        right = net.forward_prop(x1, x2)  # known before the learner's code runs
        planted = planted_forward(params, x1, x2)
        call = f"forward(params, {x1}, {x2})"
        if unchanged(forward):
            raise NotAttempted
        got = ask(forward, dict(params), x1, x2, call=call)
        if not isinstance(got, dict) or not {"z2", "a2"} <= set(got):
            fail(f"{call} should return a dict with 'z2' and 'a2' among its keys; it returned {short(got)}")
        z2 = as_number(got["z2"], f"{call}['z2']")
        planted_everywhere = planted_everywhere and same(z2, planted["z2"])
        if not same(z2, right["z2"]):
            if same(z2, planted["z2"]):
                continue  # the planted mistake's number: said once every case has been tried
            fail(f"{call}['z2'] = {number(z2)}; expected {number(right['z2'])}",
                 "z2 = w21 a11 + w22 a12 + b2: the output unit reads the hidden activations")
        if not same(as_number(got["a2"], f"{call}['a2']"), sigmoid(right["z2"])):
            fail(f"{call}['a2'] = {number(got['a2'])}; expected sigma(z2) = {number(sigmoid(right['z2']))}",
                 "a2 = sigmoid(z2): the output unit squashes its z2 into a probability")
        checked.append(f"({x1:g}, {x2:g})")
    if planted_everywhere:
        fail("you changed the code, but it still computes the planted mistake's numbers: z2 = w21 x1 + w22 x2 + b2 "
             "at every x tried", "look at what the output unit multiplies w21 and w22 by")
    if len(checked) < 4:
        fail("forward computes the planted mistake's z2 at some x and the right one at others",
             "z2 = w21 a11 + w22 a12 + b2 for every x")
    return f"forward now feeds a11 and a12 to the output unit: z2 and a2 are right at x = {', '.join(checked)}"


@functools.cache
def stuck_test_accuracy() -> float:
    """The test accuracy of seed 43's randn start after the chapter's training (both hidden units dead)."""
    data = helpers.tumour_data(seed=0)
    stuck = NeuralNetwork(seed=43, init="randn")
    stuck.fit(data.X_train, data.y_train, alpha=0.5, epochs=300)
    return stuck.get_accuracy_cost(data.X_test, data.y_test)[0]


@functools.cache
def trained_test_accuracy() -> float:
    """The test accuracy of the chapter's trained network (seed 0, the series' start), computed with matrices."""
    data = helpers.tumour_data(seed=0)
    net = VectorizedNetwork([2, 2, 1], seed=0)
    net.fit(data.X_train, data.y_train, alpha=0.5, epochs=300)
    return net.get_accuracy_cost(data.X_test, data.y_test)[0]


@exercise("set my_prediction to a number between 0 and 1")
def check_stuck_test_accuracy(my_prediction) -> str:
    """Seed 43's stuck network on the 114 test tumours: a constant "benign", right on the benign share."""
    guess = as_number(given(my_prediction), "my_prediction")
    data = helpers.tumour_data(seed=0)
    accuracy = stuck_test_accuracy()
    benign = int(np.sum(data.y_test == 0))
    story = (f"the stuck network calls all {len(data.y_test)} test tumours benign, so it is right on the {benign} "
             f"benign ones: {number(accuracy)}")
    if 1 < guess <= 100:
        fail(f"my_prediction = {guess:g}: give the accuracy as a share between 0 and 1, not a percentage")
    if same(guess, accuracy, rtol=0, atol=0.01):
        return f"you predicted {guess:g}; {story}"
    mistakes = [
        Mistake(1 - accuracy, "that is the share of malignant test tumours",
                "a network that says benign for everyone is right on the benign tumours"),
        Mistake(trained_test_accuracy(), "that is the trained network's test accuracy",
                "both of seed 43's hidden units are dead: it outputs one constant for every tumour"),
        Mistake(0.5, "that is a coin toss", "the network is not random: it gives every tumour the same answer"),
    ]
    diagnose(guess, mistakes, f"you predicted {guess:g}; {story}", rtol=0, atol=0.01)
    fail(f"you predicted {guess:g}; {story}")


# (params, grads, alpha) of gradient_step's cases: other parameters, other gradients, other learning rates
STEP_CASES = [
    (HAND, {p: 0.1 * (k + 1) * (-1) ** k for k, p in enumerate(HAND)}, 0.5),
    ({p: 0.3 - 0.15 * k for k, p in enumerate(HAND)}, {p: 0.2 ** (k % 3) * (k - 4) for k, p in enumerate(HAND)}, 0.1),
    ({p: (-1) ** k * 0.7 for k, p in enumerate(HAND)}, {p: 0.05 * (k - 3) for k, p in enumerate(HAND)}, 2.0),
]


@exercise("write gradient_step in the cell above")
def check_gradient_step(gradient_step) -> str:
    """p <- p - alpha dJ/dp for all nine parameters, returned as a new dict, for three alphas."""
    for params, grads, alpha in STEP_CASES:
        expected = {p: params[p] - alpha * grads[p] for p in HAND}  # known before the learner's code runs
        call = f"gradient_step(params, grads, {alpha})"
        got = ask(gradient_step, params, grads, alpha, call=call)  # ask refuses a params changed in place
        if not isinstance(got, dict) or set(got) != set(HAND):
            fail(f"{call} should return a dict of all nine parameters; it returned {short(got)}")
        for p in HAND:
            value = as_number(got[p], f"the new {p}")
            if same(value, expected[p]):
                continue
            mistakes = [
                Mistake(params[p] + alpha * grads[p], f"the new {p} is a step uphill",
                        "subtract alpha times the gradient: it points uphill"),
                Mistake(params[p] - grads[p], f"the new {p} forgot alpha", "multiply the gradient by alpha"),
                Mistake(params[p] - 0.5 * grads[p], f"the new {p} used alpha = 0.5, not the alpha given ({alpha:g})",
                        "use the argument alpha, not a number of your own"),
                Mistake(params[p], f"the new {p} did not move", "update all nine parameters"),
                Mistake(-alpha * grads[p], f"the new {p} is the step alone, without the old value",
                        "the new value is the old one minus the step: params[p] - alpha * grads[p]"),
            ]
            shown = (f"expected {number(params[p])} - {alpha:g} * {number(grads[p])} = {number(expected[p])}, "
                     f"got {number(value)}")
            diagnose(value, [m for m in mistakes if not same(m.answer, expected[p])], shown)
            fail(f"the new {p}: {shown}", "p <- p - alpha dJ/dp")
    return ("gradient_step returns a new dict with all nine parameters moved by -alpha times their gradient, "
            "for alpha = 0.5, 0.1 and 2, leaving params as it was")


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


# choose_on_validation: the share of malignant validation tumours the chosen threshold must catch
SENSITIVITY = 0.9
# What the typical slips of choose_on_validation say, and the hint for each; _choose makes each slip's answer.
SLIPS = {
    "alpha on test": ("it chose alpha by the test cost", "choose alpha by the validation cost: the test set is "
                      "read once, at the end, or its score stops being a fair estimate"),
    "alpha on training": ("it chose alpha by the cost on the tumours it trained on",
                          "the training cost rewards the largest steps, not the best network: use the validation cost"),
    "alpha by accuracy": ("it chose alpha by the validation accuracy, not the validation cost",
                          "take the alpha whose network has the lowest validation cost J"),
    "threshold on test": ("it chose the threshold on the test set", "choose the threshold on the validation tumours "
                          "too; the test set only scores the choices"),
    "trained on validation": ("it trained on the validation tumours", "train on the fitting part only: the "
                              "validation tumours must be new to the network, or they judge nothing"),
    "trained on both": ("it trained on the fitting and the validation tumours together",
                        "train on the fitting part only, so that the validation tumours stay unseen"),
    "lowest threshold": ("it took the lowest threshold that catches enough malignant tumours, not the highest",
                         "of the thresholds with a validation sensitivity of at least 0.9, take the highest: it "
                         "raises the fewest false alarms"),
    "last network": ("it scored the test set with the network of the last alpha tried, not the chosen one",
                     "keep the network of the chosen alpha and score the test set with it"),
    "test at 0.5": ("it scored the test set at the threshold 0.5, not at the chosen threshold",
                    "call a test tumour malignant where P > the threshold chosen on validation"),
    "swapped": ("its sensitivity and specificity are swapped", "sensitivity is the share of malignant tumours "
                "called malignant, specificity the share of benign tumours called benign"),
}


def _choose(fitting, validation, test, alphas, thresholds, epochs, trained, slip=""):
    """choose_on_validation done right (slip ""), or with one of SLIPS; None where the slip has no answer."""
    both = (np.vstack([fitting[0], validation[0]]), np.concatenate([fitting[1], validation[1]]))
    name, (X, y) = {"trained on validation": ("validation", validation),
                    "trained on both": ("both", both)}.get(slip, ("fitting", fitting))
    nets = []
    for alpha in alphas:
        if (name, alpha) not in trained:
            net = VectorizedNetwork([2, 2, 1], seed=0)
            net.fit(X, y, alpha=alpha, epochs=epochs)
            trained[name, alpha] = net
        nets.append(trained[name, alpha])
    judge = {"alpha on test": test, "alpha on training": (X, y)}.get(slip, validation)
    if slip == "alpha by accuracy":
        k = int(np.argmax([net.get_accuracy_cost(*judge)[0] for net in nets]))
    else:
        k = int(np.argmin([net.get_accuracy_cost(*judge)[1] for net in nets]))
    Xt, yt = test if slip == "threshold on test" else validation
    p = nets[k].predict_proba(Xt)
    catch = [t for t in thresholds if sensitivity_specificity(p, yt, t)[0] >= SENSITIVITY]
    if not catch:
        return None
    threshold = min(catch) if slip == "lowest threshold" else max(catch)
    scored = nets[-1] if slip == "last network" else nets[k]
    sensitivity, specificity = sensitivity_specificity(scored.predict_proba(test[0]), test[1],
                                                       0.5 if slip == "test at 0.5" else threshold)
    if slip == "swapped":
        sensitivity, specificity = specificity, sensitivity
    return {"alpha": alphas[k], "threshold": threshold, "sensitivity": sensitivity, "specificity": specificity}


def choose_cases():
    """Three cases of (fitting, validation, test, alphas, thresholds, epochs) that tell the slips apart.

    The chapter's split; another split with other learning rates, thresholds
    and epochs, whose validation part holds 30 malignant tumours (so that
    "at least 0.9" and "above 0.9" differ); and the chapter's split again with the test labels flipped, so
    that anything chosen on the test set comes out differently (its thresholds
    start at 0, which calls every tumour malignant, so that some threshold
    catches enough of the flipped malignant ones too).
    """
    cases = []
    for seed, alphas, thresholds, epochs, flipped in [
        (0, (0.01, 0.3, 3.0), tuple(round(0.05 * k, 2) for k in range(1, 20)), 100, False),
        (1, (10.0, 1.0, 0.1), (0.1, 0.15, 0.21, 0.3, 0.38), 30, False),
        (0, (0.3, 1.0, 10.0), tuple(round(0.1 * k, 1) for k in range(0, 10)), 30, True),
    ]:
        data = helpers.tumour_data(seed=seed)
        X_fit, X_val, y_fit, y_val = split(data.X_train, data.y_train, test_size=0.2, seed=0)
        if seed == 1:  # 30 malignant validation tumours, so that a sensitivity of exactly 0.9 can happen
            keep = np.ones(len(y_val), dtype=bool)
            keep[np.flatnonzero(y_val == 1)[-4:]] = False
            X_val, y_val = X_val[keep], y_val[keep]
        y_test = 1 - data.y_test if flipped else data.y_test
        cases.append(((X_fit, y_fit), (X_val, y_val), (data.X_test, y_test), alphas, thresholds, epochs))
    return cases


CHOSEN = ("alpha", "threshold", "sensitivity", "specificity")


@exercise("write choose_on_validation in the cell above")
def check_choose_on_validation(choose_on_validation) -> str:
    """alpha by the validation cost, the threshold by validation sensitivity, the test set scored once at the end."""
    runs = []  # per case: what it is, the learner's answer, the right one, and each slip's
    for n, case in enumerate(choose_cases(), start=1):
        fitting, validation, test, alphas, thresholds, epochs = case
        trained = {}
        expected = _choose(*case, trained)  # known before the learner's code runs
        slips = {slip: _choose(*case, trained, slip) for slip in SLIPS}
        call = f"choose_on_validation(fitting, validation, test, alphas={alphas}, thresholds=..., epochs={epochs})"
        got = ask(choose_on_validation, *case, call=call, hint="run it on the chapter's split yourself to see where")
        if isinstance(got, list | tuple) and len(got) == 4:
            got = dict(zip(CHOSEN, got))
        if not isinstance(got, dict) or set(got) != set(CHOSEN):
            fail(f"{call} should return a dict with the keys 'alpha', 'threshold', 'sensitivity', 'specificity'; "
                 f"it returned {short(got)}")
        got = {key: as_number(got[key], f"the returned {key}") for key in CHOSEN}
        flipped = "the test labels flipped, " if n == 3 else ""
        runs.append((f"case {n} ({flipped}alphas {alphas}, {epochs} epochs)", got, expected, slips))
    wrong = [run for run in runs if not same(run[1], run[2])]
    if not wrong:
        return ("choose_on_validation picks alpha by the validation cost and the threshold by validation sensitivity, "
                "then scores the test set once: right on the chapter's split, on another split with other alphas, "
                "thresholds and epochs, and on a test set with flipped labels, which nothing chosen may depend on")
    what, got, expected, _ = wrong[0]
    shown = (f"in {what} expected " + ", ".join(f"{key} {number(expected[key])}" for key in CHOSEN)
             + "; got " + ", ".join(f"{key} {number(got[key])}" for key in CHOSEN))
    for slip, (says, hint) in SLIPS.items():  # a slip is named when it gives the learner's answers in every case
        if all(s[slip] is not None and same(g, s[slip]) for _, g, _, s in runs):
            fail(f"{says}: {shown}", hint)
    key = next(key for key in CHOSEN if not same(got[key], expected[key]))
    hints = {
        "alpha": "train VectorizedNetwork([2, 2, 1], seed=0) on the fitting part for each alpha and keep the one "
                 "with the lowest validation cost (get_accuracy_cost(X_val, y_val)[1])",
        "threshold": "on the validation tumours, take the highest threshold whose sensitivity "
                     "(sensitivity_specificity(p_val, y_val, t)[0]) is at least 0.9",
        "sensitivity": "score the test set once, with the chosen network at the chosen threshold",
        "specificity": "score the test set once, with the chosen network at the chosen threshold",
    }
    fail(f"the {key} is wrong: {shown}", hints[key])
