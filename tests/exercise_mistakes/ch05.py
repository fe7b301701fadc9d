"""Typical wrong answers to the exercises of chapter 05 (four gradients, one answer)."""

from __future__ import annotations

from exercise_mistakes import typical

# ch05: four gradients, one answer ---------------------------------------------------------------------------------


@typical("ch05.check_central_difference", r"a one-sided difference")
def central_difference_one_sided(cost_of, params, p, h):
    up = dict(params)
    up[p] += h
    return (cost_of(up) - cost_of(params)) / h


@typical("ch05.check_central_difference", r"divides by h, but .* are 2h apart")
def central_difference_over_h(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(up) - cost_of(down)) / h


@typical("ch05.check_central_difference", r"moves every parameter at once")
def central_difference_of_everything(cost_of, params, p, h):
    up = {q: v + h for q, v in params.items()}
    down = {q: v - h for q, v in params.items()}
    return (cost_of(up) - cost_of(down)) / (2 * h)


@typical("ch05.check_central_difference", r"the sign flipped")
def central_difference_backwards(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(down) - cost_of(up)) / (2 * h)


@typical("ch05.check_central_difference", r"changed (the dict params it was given|params in place)")
def central_difference_in_place(cost_of, params, p, h):
    params[p] += h
    above = cost_of(params)
    params[p] -= 2 * h
    return (above - cost_of(params)) / (2 * h)


@typical("ch05.check_central_difference", r"with h = 1e-6, not with the h = 0.1 it was given")
def central_difference_at_a_fixed_step(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += 1e-6
    down[p] -= 1e-6
    return (cost_of(up) - cost_of(down)) / (2 * 1e-6)


@typical("ch05.check_central_difference", r"raised KeyError")
def central_difference_of_the_nine_only(cost_of, params, p, h):
    from helpers.parameters import PARAMETERS

    up = {q: params[q] + (h if q == p else 0.0) for q in PARAMETERS}
    down = {q: params[q] - (h if q == p else 0.0) for q in PARAMETERS}
    return (cost_of(up) - cost_of(down)) / (2 * h)


@typical("ch05.check_mean_gradients", r"divides by 455, the chapter's number of rows")
def gradients_over_455(net, X, y):
    total = {p: 0.0 for p in net.get_params()}
    for (x1, x2), y_i in zip(X.tolist(), y.tolist()):
        grads = net.back_prop(x1, x2, y_i, net.forward_prop(x1, x2))
        for p in total:
            total[p] += grads[p]
    return {p: total[p] / 455 for p in total}


@typical("ch05.check_mean_gradients", r"divides by n = 455 twice")
def gradients_over_n_squared(net, X, y):
    total = {p: 0.0 for p in net.get_params()}
    for (x1, x2), y_i in zip(X.tolist(), y.tolist()):
        grads = net.back_prop(x1, x2, y_i, net.forward_prop(x1, x2))
        for p in total:
            total[p] += grads[p] / len(X)
    return {p: total[p] / len(X) for p in total}


@typical("ch05.check_mean_gradients", r"the sign is flipped")
def gradients_uphill(net, X, y):
    total = {p: 0.0 for p in net.get_params()}
    for (x1, x2), y_i in zip(X.tolist(), y.tolist()):
        grads = net.back_prop(x1, x2, y_i, net.forward_prop(x1, x2))
        for p in total:
            total[p] -= grads[p]
    return {p: total[p] / len(X) for p in total}


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-12)


def central(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(up) - cost_of(down)) / (2 * h)


@typical("ch05.check_largest_relative_error", r"the largest absolute difference")
def largest_absolute_error(cost_of, params, gradient, h):
    return max(abs(gradient[p] - central(cost_of, params, p, h)) for p in params)


@typical("ch05.check_largest_relative_error", r"divides by the finite difference's size alone")
def largest_error_relative_to_the_estimate(cost_of, params, gradient, h):
    errors = []
    for p in params:
        estimate = central(cost_of, params, p, h)
        errors.append(abs(gradient[p] - estimate) / max(abs(estimate), 1e-12))
    return max(errors)


@typical("ch05.check_largest_relative_error", r"the mean of the relative errors")
def mean_relative_error(cost_of, params, gradient, h):
    errors = [relative(gradient[p], central(cost_of, params, p, h)) for p in params]
    return sum(errors) / len(errors)


@typical("ch05.check_largest_relative_error", r"divides by zero for w")
def largest_relative_error_without_a_floor(cost_of, params, gradient, h):
    errors = []
    for p in params:
        estimate = central(cost_of, params, p, h)
        errors.append(abs(gradient[p] - estimate) / max(abs(gradient[p]), abs(estimate)))
    return max(errors)


@typical("ch05.check_largest_relative_error", r"uses the one-sided difference")
def largest_relative_error_one_sided(cost_of, params, gradient, h):
    errors = []
    for p in params:
        up = dict(params)
        up[p] += h
        errors.append(relative(gradient[p], (cost_of(up) - cost_of(params)) / h))
    return max(errors)


@typical("ch05.check_central_difference", r"divides by 2 and then multiplies by h")
def central_difference_without_brackets(cost_of, params, p, h):
    up, down = dict(params), dict(params)
    up[p] += h
    down[p] -= h
    return (cost_of(up) - cost_of(down)) / 2 * h
