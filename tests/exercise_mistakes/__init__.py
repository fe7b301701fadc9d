"""Typical wrong answers to the series' exercises, as a learner would write them, and what the check must say.

Each wrong answer is a plain function, the way it would stand in the
notebook's cell, registered by ``@typical(check, phrase)``: handed to the check
(e.g. ``ch02.check_relu_prime``), it must get a ✗ message that matches the
regular expression ``phrase``, so that the learner is told what the problem
is, not merely that there is one. One module per chapter, and slips.py
for those a chapter's ``*_with`` function builds with one slip; MISTAKES maps each check to its (function,
phrase) pairs; tests/test_exercises.py runs them all.
"""

from __future__ import annotations

import math
from collections.abc import Callable

MISTAKES: dict[str, list[tuple[Callable, str]]] = {}


def typical(check: str, phrase: str) -> Callable:
    """Register the function below as a typical wrong answer to ``check``, whose message must match ``phrase``."""

    def register(answer: Callable) -> Callable:
        MISTAKES.setdefault(check, []).append((answer, phrase))
        return answer

    return register


def naive_sigmoid(z):
    """The textbook 1 / (1 + e^-z), as a learner writes it: it overflows for z below about -709."""
    return 1 / (1 + math.exp(-z))


def softplus(t):
    """log(1 + e^t), written the stable way, for the wrong answers that use it correctly."""
    return max(t, 0) + math.log1p(math.exp(-abs(t)))


# Each chapter's module registers its wrong answers when imported (after typical exists), then slips registers
# those the chapters build with one slip each.
from exercise_mistakes import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, slips  # noqa: E402, F401
