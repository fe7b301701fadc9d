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


def unit_2_gradients_with(*, unit=2, gate=True, inputs_swapped=False, sign=1):
    """Unit 2's three gradients as a learner writes them, with the one slip its arguments name."""

    def unit_2_gradients(x1, x2, forward, dz2, w21, w22):
        w2j, z1j = (w22, forward["z12"]) if unit == 2 else (w21, forward["z11"])
        d = sign * dz2 * w2j * ((z1j > 0) if gate else 1)
        first, second = (x2, x1) if inputs_swapped else (x1, x2)
        return {"w13": d * first, "w14": d * second, "b12": d}

    return unit_2_gradients


typical("ch04.check_unit_2_gradients", r"uses hidden unit 1's signal")(unit_2_gradients_with(unit=1))
typical("ch04.check_unit_2_gradients", r"must be 0.*relu'\(z12\)")(unit_2_gradients_with(gate=False))
typical("ch04.check_unit_2_gradients", r"multiplies the wrong input")(unit_2_gradients_with(inputs_swapped=True))
typical("ch04.check_unit_2_gradients", r"wrong sign")(unit_2_gradients_with(sign=-1))


@typical("ch04.check_gradient_step", r"step uphill")
def gradient_step_uphill(params, grads, alpha):
    return {p: params[p] + alpha * grads[p] for p in params}


@typical("ch04.check_gradient_step", r"forgot alpha")
def gradient_step_without_alpha(params, grads, alpha):
    return {p: params[p] - grads[p] for p in params}


@typical("ch04.check_gradient_step", r"changed params in place but returned nothing")
def gradient_step_in_place(params, grads, alpha):
    for p in params:
        params[p] -= alpha * grads[p]


@typical("ch04.check_gradient_step", r"a dict of all nine parameters")
def gradient_step_weights_only(params, grads, alpha):
    return {p: params[p] - alpha * grads[p] for p in params if p[0] == "w"}


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
