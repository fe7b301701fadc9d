"""The series' exercises: each chapter's checks, and the few rules they all follow.

An exercise in a notebook is three cells and a solution:

1. a markdown prompt;
2. a code cell with a stub the learner fills in: a function whose body is ``...``
   (it returns None) or a variable set to ``None``, so running it never fails;
3. a check cell that calls one checking function from this package, e.g.
   ``ch02.check_relu_prime(relu_prime)``;
4. a collapsed ``<details><summary>Solution</summary>`` block.

A check prints exactly one of three things, whatever the learner's code does:

- ``Not attempted yet: ...`` while the stub is untouched;
- ``✓ ...``, saying what was verified;
- ``✗ ...``, a diagnosis the learner can act on: which value is wrong, what was
  expected against what came back on a small worked example, and a hint.

It never shows a traceback: an exception raised by the learner's code becomes
a ``✗`` line naming it. (An exception from the check itself is a bug in the
series and is not hidden.) Each chapter's module (``ch01`` ... ``ch08``)
holds that chapter's checks; this module holds the rules.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np

# The worked example of chapters 02 and 04: one tumour x = (1, 2), labelled malignant, and these nine numbers.
HAND = {"w11": 0.5, "w12": 1.0, "w13": -1.0, "w14": 0.5, "w21": 2.0, "w22": -1.0, "b11": 0.1, "b12": -0.2, "b2": -0.5}


class NotAttempted(Exception):
    """The learner's stub is still a stub."""


class Wrong(Exception):
    """The learner's answer is wrong; the message says how, the hint what to try."""

    def __init__(self, problem: str, hint: str = ""):
        super().__init__(problem)
        self.problem, self.hint = problem, hint


def exercise(todo: str) -> Callable:
    """Turn a checking function into one that prints a verdict and never raises for the learner's sake.

    ``todo`` says what to do while the stub is untouched ("write relu_prime in
    the cell above"). The checking function returns the ✓ sentence, or raises
    NotAttempted or Wrong (``ask`` and ``fail`` do that for it).
    """

    def wrap(check: Callable) -> Callable:
        @functools.wraps(check)
        def run(*args, **kwargs) -> None:
            try:
                verified = check(*args, **kwargs)
            except NotAttempted:
                print(f"Not attempted yet: {todo}, then run this cell again.")
            except Wrong as wrong:
                print(f"✗ {wrong.problem}" + (f"\n  Hint: {wrong.hint}" if wrong.hint else ""))
            else:
                print(f"✓ {verified}")

        return run

    return wrap


def fail(problem: str, hint: str = "") -> None:
    """Stop the check with a diagnosis."""
    raise Wrong(problem, hint)


def ask(function: Callable, *args, call: str = "", hint: str = "run the function on this input yourself to see where"):
    """The learner's function called on args; a stub's None means not attempted; a crash becomes a diagnosis."""
    if function is None or function is Ellipsis:
        raise NotAttempted
    call = call or f"{getattr(function, '__name__', 'your function')}{args!r}"
    try:
        value = function(*args)
    except Exception as error:  # the learner's code may fail in any way: name it, show no traceback
        fail(f"{call} raised {type(error).__name__}: {error}", hint)
    if value is None or value is Ellipsis:
        raise NotAttempted
    return value


def matches(got, answer) -> bool:
    """Equal up to rounding (relative 1e-9, absolute 1e-12), for numbers and arrays alike."""
    try:
        return bool(np.allclose(got, answer, rtol=1e-9, atol=1e-12))
    except (TypeError, ValueError):  # shapes that do not fit, or not numbers
        return False


def diagnose(got, mistakes, what: str, shown: str, hint: str, same: Callable = matches) -> None:
    """Fail with the first known mistake that matches the learner's answer, or else with what was expected.

    ``mistakes`` are (the answer that mistake gives, what the mistake is, a hint);
    ``same(got, answer)`` says whether the learner's answer is that one. The
    message reads "<what> <mistake>: <shown>", or "<what>: <shown>" when no
    known mistake matches.
    """
    for answer, problem, mistake_hint in mistakes:
        if same(got, answer):
            fail(" ".join(filter(None, (what, problem))) + f": {shown}", mistake_hint)
    fail(f"{what}: {shown}" if what else shown, hint)


def given(value):
    """A value the learner was asked to fill in (a prediction, a number); None or ... means not yet."""
    if value is None or value is Ellipsis:
        raise NotAttempted
    return value


def as_number(value, what: str) -> float:
    """value as a finite float, or a diagnosis saying what came back instead."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        if isinstance(value, np.ndarray) and value.size == 1:
            return as_number(value.item(), what)
        fail(f"{what} should be a number; it is {type(value).__name__} {short(value)}")
    if not math.isfinite(value):
        fail(f"{what} is {value}, not a finite number")
    return float(value)


def as_floats(value, what: str, expected: str) -> np.ndarray:
    """value as an array of floats, or a diagnosis saying what it should be and what it is instead."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{what} should be {expected}; it is {type(value).__name__} {short(value)}")


def as_array(value, shape: tuple[int, ...], what: str) -> np.ndarray:
    """value as a float array of the given shape, or a diagnosis naming the shape that came back."""
    array = as_floats(value, what, f"an array of numbers of shape {shape}")
    if array.shape != shape:
        fail(f"{what} has shape {array.shape}; expected {shape}")
    if not np.all(np.isfinite(array)):
        fail(f"{what} contains NaN or infinite values")
    return array


def close(got: float, expected: float, tolerance: float = 1e-9) -> bool:
    """Equal up to a relative tolerance (absolute below 1)."""
    return abs(got - expected) <= tolerance * max(1.0, abs(expected))


def short(value, width: int = 60) -> str:
    """A value's repr, cut to fit one line of a message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def number(x: float) -> str:
    """A number as a message shows it: 4 significant digits."""
    return f"{x:.4g}"
