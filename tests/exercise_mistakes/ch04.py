"""Typical wrong answers to the exercises of chapter 04 (the loop network)."""

from __future__ import annotations

import math

import numpy as np

from exercise_mistakes import naive_sigmoid, softplus, typical

# ch04: the loop network -------------------------------------------------------------------------------------------


@typical("ch04.check_loss_from_logit", r"textbook formula takes log\(0\)")
def loss_from_the_probability(z2, y):
    a2 = naive_sigmoid(z2)
    return -(y * math.log(a2) + (1 - y) * math.log(1 - a2))


@typical("ch04.check_loss_from_logit", r"the loss of the other label")
def loss_of_the_other_label(z2, y):
    return y * softplus(z2) + (1 - y) * softplus(-z2)


@typical("ch04.check_loss_from_logit", r"has the wrong sign")
def loss_negated(z2, y):
    return -(y * softplus(-z2) + (1 - y) * softplus(z2))


def unit_2_gradients_with(slip):
    """Unit 2's three gradients as a learner writes them, with the slip named (in SLIPS, slips.py)."""

    def unit_2_gradients(x1, x2, forward, dz2, w21, w22):
        w2j, z1j = (w21, forward["z11"]) if slip == "unit 1" else (w22, forward["z12"])
        d = (-1 if slip == "sign" else 1) * dz2 * w2j * (1 if slip == "no gate" else (z1j > 0))
        first, second = (x2, x1) if slip == "inputs swapped" else (x1, x2)
        return {"w13": d * first, "w14": d * second, "b12": d}

    return unit_2_gradients


@typical("ch04.check_unit_2_gradients", r"uses w21, hidden unit 1's outgoing weight")
def unit_2_gradients_through_w21(x1, x2, forward, dz2, w21, w22):
    dz12 = dz2 * w21 * (1.0 if forward["z12"] > 0 else 0.0)
    return {"w13": dz12 * x1, "w14": dz12 * x2, "b12": dz12}


@typical("ch04.check_unit_2_gradients", r"lets the signal through at z12 = 0")
def unit_2_gradients_gated_at_0(x1, x2, forward, dz2, w21, w22):
    dz12 = dz2 * w22 * (1.0 if forward["z12"] >= 0 else 0.0)
    return {"w13": dz12 * x1, "w14": dz12 * x2, "b12": dz12}


@typical("ch04.check_unit_2_gradients", r"leaves out w22")
def unit_2_gradients_without_w22(x1, x2, forward, dz2, w21, w22):
    dz12 = dz2 * (1.0 if forward["a12"] > 0 else 0.0)
    return {"w13": dz12 * x1, "w14": dz12 * x2, "b12": dz12}


@typical("ch04.check_unit_2_gradients", r"dz2 = -0\.06655|expected")
def unit_2_gradients_for_y_1_only(x1, x2, forward, dz2, w21, w22):
    dz12 = (forward["a2"] - 1) * w22 * (forward["z12"] > 0)  # the label taken as 1, whatever dz2 says
    return {"w13": dz12 * x1, "w14": dz12 * x2, "b12": dz12}


@typical("ch04.check_gradient_step", r"step uphill")
def gradient_step_uphill(params, grads, alpha):
    return {p: params[p] + alpha * grads[p] for p in params}


@typical("ch04.check_gradient_step", r"forgot alpha")
def gradient_step_without_alpha(params, grads, alpha):
    return {p: params[p] - grads[p] for p in params}


@typical("ch04.check_gradient_step", r"in place")
def gradient_step_in_place(params, grads, alpha):
    for p in params:
        params[p] -= alpha * grads[p]


@typical("ch04.check_gradient_step", r"a dict of all nine parameters")
def gradient_step_weights_only(params, grads, alpha):
    return {p: params[p] - alpha * grads[p] for p in params if p[0] == "w"}


@typical("ch04.check_gradient_step", r"in place")
def gradient_step_in_place_returned(params, grads, alpha):
    for p in params:
        params[p] = params[p] - alpha * grads[p]
    return params


@typical("ch04.check_gradient_step", r"used alpha = 0\.5, not the alpha given \(0\.1\)")
def gradient_step_alpha_fixed(params, grads, alpha):
    return {p: params[p] - 0.5 * grads[p] for p in params}


@typical("ch04.check_gradient_step", r"the step alone, without the old value")
def gradient_step_the_step_only(params, grads, alpha):
    return {p: -alpha * grads[p] for p in params}


# ch04: the planted forward pass (check_forward) ------------------------------------------------------------------


@typical("ch04.check_forward", r"you changed the code, but it still computes the planted mistake's numbers")
def forward_renamed_but_planted(params, x1, x2):
    from helpers.scratch import sigmoid

    z11 = params["w11"] * x1 + params["w12"] * x2 + params["b11"]
    z12 = params["w13"] * x1 + params["w14"] * x2 + params["b12"]
    a11, a12 = max(z11, 0.0), max(z12, 0.0)
    z2 = params["w21"] * x1 + params["w22"] * x2 + params["b2"]  # still the inputs
    return {"z11": z11, "z12": z12, "a11": a11, "a12": a12, "z2": z2, "a2": sigmoid(z2)}


@typical("ch04.check_forward", r"\['a2'\].*expected sigma\(z2\)")
def forward_without_the_sigmoid(params, x1, x2):
    z11 = params["w11"] * x1 + params["w12"] * x2 + params["b11"]
    z12 = params["w13"] * x1 + params["w14"] * x2 + params["b12"]
    a11, a12 = max(z11, 0.0), max(z12, 0.0)
    z2 = params["w21"] * a11 + params["w22"] * a12 + params["b2"]
    return {"z11": z11, "z12": z12, "a11": a11, "a12": a12, "z2": z2, "a2": z2}


@typical("ch04.check_forward", r"\['z2'\] = .*expected.*hidden activations")
def forward_with_the_pre_activations(params, x1, x2):
    from helpers.scratch import sigmoid

    z11 = params["w11"] * x1 + params["w12"] * x2 + params["b11"]
    z12 = params["w13"] * x1 + params["w14"] * x2 + params["b12"]
    z2 = params["w21"] * z11 + params["w22"] * z12 + params["b2"]  # relu forgotten
    return {"z11": z11, "z12": z12, "a11": z11, "a12": z12, "z2": z2, "a2": sigmoid(z2)}


# ch04: choose alpha and a threshold on validation data (check_choose_on_validation) -------------------------------


def choose_with(slip=None):
    """choose_on_validation as a learner writes it, with the slip named (in SLIPS, slips.py)."""
    from helpers.evaluation import sensitivity_specificity
    from helpers.vectorized import VectorizedNetwork

    def choose_on_validation(fitting, validation, test, alphas, thresholds, epochs):
        sets = {"fitting": fitting, "validation": validation, "test": test}
        train_on = "validation" if slip == "trained on validation" else "fitting"
        alpha_by = {"alpha by test": "test", "alpha by training cost": "fitting"}.get(slip, "validation")
        threshold_on = "test" if slip == "threshold on test" else "validation"
        X, y = sets[train_on]
        best, nets = None, []
        for alpha in alphas:
            net = VectorizedNetwork([2, 2, 1], seed=0)
            net.fit(X, y, alpha=alpha, epochs=epochs)
            nets.append(net)
            cost = net.get_accuracy_cost(*sets[alpha_by])[1]
            if best is None or cost < best[0]:
                best = (cost, alpha, net)
        _, alpha, net = best
        X_t, y_t = sets[threshold_on]
        p = net.predict_proba(X_t)
        threshold = max(t for t in thresholds if sensitivity_specificity(p, y_t, t)[0] >= 0.9)
        scorer = nets[-1] if slip == "last network scored" else net
        sensitivity, specificity = sensitivity_specificity(scorer.predict_proba(test[0]), test[1], threshold)
        return {"alpha": alpha, "threshold": threshold, "sensitivity": sensitivity, "specificity": specificity}

    return choose_on_validation


@typical("ch04.check_choose_on_validation", r"sensitivity and specificity are swapped")
def choose_with_the_shares_swapped(fitting, validation, test, alphas, thresholds, epochs):
    chosen = choose_with()(fitting, validation, test, alphas, thresholds, epochs)
    return {**chosen, "sensitivity": chosen["specificity"], "specificity": chosen["sensitivity"]}


# ch04: He's start for a layer (check_he_weights) ------------------------------------------------------------------


@typical("ch04.check_he_weights", r"the std is 2 / n_in, which is the variance")
def he_weights_variance_as_the_std(n_in, n_out, rng):
    return rng.normal(0.0, 2 / n_in, size=(n_in, n_out))


@typical("ch04.check_he_weights", r"the scale uses n_out = 5, the number of units")
def he_weights_from_the_fan_out(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2 / n_out), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"the variance is 1 / n_in, half of He's")
def he_weights_without_the_factor_2(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(1 / n_in), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"2 / \(n_in \+ n_out\), Glorot's start")
def he_weights_glorot(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2 / (n_in + n_out)), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"standard normal, not scaled")
def he_weights_unscaled(n_in, n_out, rng):
    return rng.standard_normal((n_in, n_out))


@typical("ch04.check_he_weights", r"has shape \(5, 400\); expected \(400, 5\).*one row per input")
def he_weights_transposed(n_in, n_out, rng):
    return rng.normal(0.0, np.sqrt(2 / n_in), size=(n_out, n_in))


@typical("ch04.check_he_weights", r"two different W for two generators both seeded 0.*not from np\.random")
def he_weights_from_the_global_generator(n_in, n_out, rng):
    return np.random.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out))


@typical("ch04.check_he_weights", r"two units the same weights: they would stay equal forever")
def he_weights_one_column_repeated(n_in, n_out, rng):
    return np.tile(rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, 1)), (1, n_out))


@typical("ch04.check_he_weights", r"average 0\.03536, not 0.*centred at 0")
def he_weights_uniform_from_0_to_1(n_in, n_out, rng):
    return rng.random((n_in, n_out)) * np.sqrt(2 / n_in)
