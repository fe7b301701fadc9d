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
series and is not hidden.)

A check knows the typical wrong answers of its exercise as data: a list of
``Mistake`` records (what the mistaken code gives, what to say, the hint),
which ``diagnose`` compares with the learner's answer. Every comparison of a
check, with the right answer or with a mistake's, is ``same``. Each chapter's
module (``ch01`` ... ``ch08``) holds that chapter's checks; this module holds
the rules.
"""

from __future__ import annotations

import contextlib
import dis
import functools
import inspect
import math
import signal
import threading
import warnings
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# The worked example of chapters 02 and 04: one tumour x = (1, 2), labelled malignant, and these nine numbers.
HAND = {"w11": 0.5, "w12": 1.0, "w13": -1.0, "w14": 0.5, "w21": 2.0, "w22": -1.0, "b11": 0.1, "b12": -0.2, "b2": -0.5}


class NotAttempted(Exception):
    """The learner's stub is still a stub."""


class NotPassed(AssertionError):
    """Raised, in grading mode only, after the verdict is printed, when it is not a ✓."""


# Grading mode: a check that does not say ✓ raises NotPassed after printing its verdict, so that a graded cell
# (nbgrader's test cells pass when they run without raising) fails. Off in the series; ``with grading():`` turns it on.
GRADING = False


@contextlib.contextmanager
def grading():
    """Inside this block, a check that does not say ✓ raises NotPassed (with the same message it printed)."""
    global GRADING
    before, GRADING = GRADING, True
    try:
        yield
    finally:
        GRADING = before


class Wrong(Exception):
    """The learner's answer is wrong; the message says how, the hint what to try."""

    def __init__(self, problem: str, hint: str = ""):
        super().__init__(problem)
        self.problem, self.hint = problem, hint


def exercise(todo: str) -> Callable:
    """Turn a checking function into one that prints a verdict and never raises for the learner's sake.

    ``todo`` says what to do while the stub is untouched ("write relu_prime in
    the cell above"). The checking function returns the ✓ sentence, or raises
    NotAttempted or Wrong (``ask``, ``diagnose`` and ``fail`` do that for it).
    """

    def wrap(check: Callable) -> Callable:
        @functools.wraps(check)
        def run(*args, **kwargs) -> None:
            WARNED.clear()
            try:
                verified = check(*args, **kwargs)
            except NotAttempted:
                verdict = f"Not attempted yet: {todo}, then run this cell again."
            except Wrong as wrong:
                verdict = f"✗ {wrong.problem}" + (f"\n  Hint: {wrong.hint}" if wrong.hint else "")
            else:
                verdict = f"✓ {verified}"
            if WARNED:
                more = "; ..." if len(WARNED) > 3 else ""
                verdict += "\n  Your code gave warnings: " + "; ".join(WARNED[:3]) + more
            WARNED.clear()
            print(verdict)
            if GRADING and not verdict.startswith("✓"):
                raise NotPassed(verdict)

        return run

    return wrap


def fail(problem: str, hint: str = "") -> None:
    """Stop the check with a diagnosis."""
    raise Wrong(problem, hint)


def same(got, expected, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Whether the learner's answer equals the expected one: |got - expected| <= atol + rtol |expected|, everywhere.

    This is the one notion of "equal" of every check. A tolerance is needed
    because the learner's code may compute the same number in another order and
    round differently; the defaults forgive the last few of a float's 16 digits
    and nothing more. A check that means "near enough" (a guess within 0.02, a
    loss that Keras computes in float32) says so with its own ``rtol`` or ``atol``.

    Numbers and arrays must have the same shape (no broadcasting: a column of
    8 is not a row of 8; only an array of one number stands for that number);
    a float32 answer is compared to float32's precision; dicts need the same keys, and lists or tuples the same
    length, with each entry the same (the four gradients dW1, db1, dW2, db2).
    Anything that is not numbers is not the same.
    """
    if isinstance(expected, dict):
        return (isinstance(got, dict) and got.keys() == expected.keys()
                and all(same(got[key], value, rtol, atol) for key, value in expected.items()))
    if isinstance(expected, list | tuple) and isinstance(got, list | tuple):
        return len(got) == len(expected) and all(same(g, e, rtol, atol) for g, e in zip(got, expected))
    try:
        single = np.asarray(got).dtype in (np.float32, np.float16)
        got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    except (TypeError, ValueError, OverflowError):  # not numbers, a ragged list, or an integer beyond float's range
        return False
    if single:  # a float32 answer is right to float32's precision, about 7 digits
        rtol, atol = max(rtol, 1e-5), max(atol, 1e-6)
    if expected.shape == () and got.size == 1:  # one number in an array of one is that number
        got = got.reshape(())
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=rtol, atol=atol))


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: how it behaves, what to say when the learner's answer behaves so, and the hint.

    ``answer`` is what the mistaken code gives on the check's worked example;
    the learner's answer is this mistake when it is the ``same``. A mistake
    known by a property rather than by one value ("each column sums to 1
    instead of each row", "raised a shape error") has instead, as ``answer``, a
    function of the learner's answer that says whether it has the property.

    ``says`` names the mistake in a whole clause, with what was called
    ("sigmoid_prime(-3.0) is 1 - sigma(z)"); ``hint`` says what to do instead.
    Teaching a check one more mistake is adding one record to its list.
    """

    answer: object
    says: str
    hint: str = ""

    def fits(self, got, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        """Whether the learner's answer is this mistake's."""
        if callable(self.answer):
            return bool(self.answer(got))
        return same(got, self.answer, rtol, atol)


def diagnose(got, mistakes: Sequence[Mistake], shown: str = "", rtol: float = 1e-9, atol: float = 1e-12) -> None:
    """Fail with the first known mistake that fits the learner's answer; return if none does.

    The message is "<what the mistake says>: <shown>", where ``shown`` is the
    evidence all the mistakes of the list share (expected this, got that); the
    hint is the mistake's. ``rtol`` and ``atol`` are ``same``'s. When no known
    mistake fits, the check goes on, and says what it can without one: what it
    expected, and the rule.
    """
    for mistake in mistakes:
        if mistake.fits(got, rtol, atol):
            fail(f"{mistake.says}: {shown}" if shown else mistake.says, mistake.hint)


# How long the learner's function may run before the check gives up on it (a check may allow more).
SECONDS = 10.0


class TooSlow(Exception):
    """The learner's function ran past its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TooSlow in the block after ``seconds``; no limit where Python has no alarm signal (Windows)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# The warnings the learner's code gave during one check; the verdict ends with them (exercise() empties the list).
WARNED: list[str] = []


def is_stub(function) -> bool:
    """Whether a function does nothing at all: its body is ``...``, ``pass`` or a docstring (the shipped stub)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    idle = {"RESUME", "NOP", "CACHE", "LOAD_CONST", "RETURN_CONST", "RETURN_VALUE", "POP_TOP"}
    return all(instruction.opname in idle for instruction in dis.get_instructions(code))


def copied(value):
    """A copy of the data a check hands to the learner (arrays, and dicts, lists, tuples of them); other objects as is.

    The learner's code may change what it is given; the check's own arrays must
    not change with it, or a later check would test against altered data.
    """
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(copied(item) for item in value)
    return value


def changed(before, after) -> bool:
    """Whether data handed to the learner came back altered (compared exactly, entry by entry)."""
    if isinstance(before, np.ndarray):
        return not (isinstance(after, np.ndarray) and np.array_equal(before, after, equal_nan=True))
    if isinstance(before, dict):
        return before.keys() != after.keys() or any(changed(before[key], after[key]) for key in before)
    if isinstance(before, list | tuple):
        return len(before) != len(after) or any(changed(b, a) for b, a in zip(before, after))
    if isinstance(before, int | float | complex | str | np.number | np.bool_):
        return not (before == after or (before != before and after != after))  # NaN stays NaN
    return False


def ask(function: Callable, *args, call: str = "", hint: str = "run the function on this input yourself to see where",
        crashes: Sequence[Mistake] = (), changes: bool = False, seconds: float = SECONDS):
    """The learner's function called on copies of args, under a time limit; what can go wrong becomes a diagnosis.

    - an untouched stub (``None``, or a function whose body is ``...``) is not attempted;
    - a function that returns None otherwise has lost its ``return``;
    - one that changes an argument in place is told so, unless ``changes`` (changing it is the job);
    - one that raises is told what it raised; ``crashes`` are the mistakes known by the exception they
      raise (their ``answer`` tells from the exception whether it is theirs), named before what was raised;
    - one that runs past ``seconds`` is stopped;
    - the warnings it gives are kept for the verdict (``WARNED``).
    """
    if function is None or function is Ellipsis:
        raise NotAttempted
    call = call or f"{getattr(function, '__name__', 'your function')}{args!r}"
    handed = args if changes else tuple(copied(arg) for arg in args)
    kept = tuple(copied(arg) for arg in args)
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught, time_limit(seconds):
            warnings.simplefilter("always")
            value = function(*handed)
    except TooSlow:
        fail(f"{call} did not return within {seconds:g} s",
             "look for a loop that never ends: a while loop whose condition never turns false, "
             "or a counter that is never increased")
    except Exception as error:  # the learner's code may fail in any way: name it, show no traceback
        raised = f"{call} raised {type(error).__name__}: {error}"
        diagnose(error, crashes, raised)
        fail(raised, hint)
    finally:
        for warning in caught:
            note = f"{warning.category.__name__}: {warning.message}"
            if note not in WARNED:
                WARNED.append(note)
    altered = [] if changes else [i for i, (before, after) in enumerate(zip(kept, handed)) if changed(before, after)]
    if altered:
        name = argument_name(function, altered[0])
        nothing = " but returned nothing" if value is None else ""
        fail(f"{call} changed {name} in place{nothing}",
             "leave what you are given as it is and return the new values: work on a copy (e.g. dict(params) "
             "or X.copy()), or build the result with new names")
    if value is Ellipsis or (value is None and is_stub(function)):
        raise NotAttempted
    if value is None:
        fail(f"{call} returned None: is a `return` missing?",
             "a function gives back only what follows `return`; end it with return and the answer")
    return value


def argument_name(function, index: int) -> str:
    """The name of the function's parameter number ``index`` ("argument 2" if it cannot be read)."""
    try:
        return list(inspect.signature(function).parameters)[index]
    except (TypeError, ValueError, IndexError):
        return f"argument {index + 1}"


def given(value):
    """A value the learner was asked to fill in (a prediction, a number); None or ... means not yet."""
    if value is None or value is Ellipsis:
        raise NotAttempted
    return value


def as_number(value, what: str) -> float:
    """value as a finite float, or a diagnosis saying what came back instead.

    Python and NumPy numbers are numbers, and so are booleans (True is 1) and
    an array holding a single number.
    """
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.item()
    if not isinstance(value, int | float | np.integer | np.floating | np.bool_):
        fail(f"{what} should be a number; it is {type(value).__name__} {short(value)}")
    try:
        number = float(value)
    except OverflowError:
        fail(f"{what} is {short(value)}, too large for a floating-point number")
    if not math.isfinite(number):
        fail(f"{what} is {number}, not a finite number")
    return number


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


def short(value, width: int = 60) -> str:
    """A value's repr, cut to fit one line of a message."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def number(x: float) -> str:
    """A number as a message shows it: 4 significant digits."""
    return f"{x:.4g}"
