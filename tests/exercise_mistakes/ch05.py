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


@typical("ch05.check_central_difference", r"moves all nine parameters at once")
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


@typical("ch05.check_central_difference", r"changed the dict params it was given")
def central_difference_in_place(cost_of, params, p, h):
    params[p] += h
    above = cost_of(params)
    params[p] -= 2 * h
    return (above - cost_of(params)) / (2 * h)
