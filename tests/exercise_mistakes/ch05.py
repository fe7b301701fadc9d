"""Typical wrong answers to the exercises of chapter 05 (four gradients, one answer)."""

from __future__ import annotations

from exercise_mistakes import typical

# ch05: four gradients, one answer ---------------------------------------------------------------------------------


def central_difference_with(slip):
    """The central difference as a learner writes it, with the slip named (in SLIPS, slips.py)."""

    def central_difference(cost_of, params, p, h):
        step = 1e-6 if slip == "h fixed" else h
        up, down = dict(params), dict(params)
        up[p] += step
        down[p] -= step
        if slip == "one-sided":
            return (cost_of(up) - cost_of(params)) / step
        if slip == "over h":
            return (cost_of(up) - cost_of(down)) / step
        if slip == "no brackets":
            return (cost_of(up) - cost_of(down)) / 2 * step
        if slip == "backwards":
            return (cost_of(down) - cost_of(up)) / (2 * step)
        return (cost_of(up) - cost_of(down)) / (2 * step)

    return central_difference


@typical("ch05.check_central_difference", r"moves every parameter at once")
def central_difference_of_everything(cost_of, params, p, h):
    up = {q: v + h for q, v in params.items()}
    down = {q: v - h for q, v in params.items()}
    return (cost_of(up) - cost_of(down)) / (2 * h)


@typical("ch05.check_central_difference", r"changed (the dict params it was given|params in place)")
def central_difference_in_place(cost_of, params, p, h):
    params[p] += h
    above = cost_of(params)
    params[p] -= 2 * h
    return (above - cost_of(params)) / (2 * h)


@typical("ch05.check_central_difference", r"raised KeyError")
def central_difference_of_the_nine_only(cost_of, params, p, h):
    from helpers.parameters import PARAMETERS

    up = {q: params[q] + (h if q == p else 0.0) for q in PARAMETERS}
    down = {q: params[q] - (h if q == p else 0.0) for q in PARAMETERS}
    return (cost_of(up) - cost_of(down)) / (2 * h)


def mean_gradients_with(slip):
    """The mean of the per-tumour gradients as a learner writes it, with the slip named (in SLIPS, slips.py)."""

    def mean_gradients(net, X, y):
        total = {p: 0.0 for p in net.get_params()}
        for (x1, x2), y_i in zip(X.tolist(), y.tolist()):
            grads = net.back_prop(x1, x2, y_i, net.forward_prop(x1, x2))
            for p in total:
                total[p] += (-1 if slip == "uphill" else 1) * grads[p] / (len(X) if slip == "n twice" else 1)
        return {p: total[p] / (455 if slip == "455" else len(X)) for p in total}

    return mean_gradients


def largest_relative_error_with(slip):
    """The largest relative error as a learner writes it, with the slip named (in SLIPS, slips.py)."""

    def largest_relative_error(cost_of, params, gradient, h):
        errors = []
        for p in params:
            estimate = central_difference_with("one-sided" if slip == "one-sided" else None)(cost_of, params, p, h)
            difference = abs(gradient[p] - estimate)
            scale = {"absolute": 1.0, "by the estimate": max(abs(estimate), 1e-12),
                     "no floor": max(abs(gradient[p]), abs(estimate))}.get(
                slip, max(abs(gradient[p]), abs(estimate), 1e-12))
            errors.append(difference / scale)
        return sum(errors) / len(errors) if slip == "mean" else max(errors)

    return largest_relative_error
