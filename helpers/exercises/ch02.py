"""Checks for the exercises of chapter 02 (the math)."""

from __future__ import annotations

from helpers.exercises import ask, as_number, exercise, fail, number


@exercise("write relu_prime in the cell above")
def check_relu_prime(relu_prime) -> str:
    """relu'(z) = 1 where z > 0, else 0, and relu'(0) = 0 as the series takes it."""
    for z in (-2.0, -0.1, 0.0, 0.1, 3.0):
        got = as_number(ask(relu_prime, z, call=f"relu_prime({z})"), f"relu_prime({z})")
        expected = 1.0 if z > 0 else 0.0
        if got != expected:
            if z == 0.0 and got == 1.0:
                hint = "relu passes z through only where z > 0: test z > 0, not z >= 0"
                fail("relu_prime(0.0) returned 1.0; the series takes relu'(0) = 0", hint)
            if got == max(z, 0.0):
                hint = "the slope of relu is 1 where it passes z through and 0 where it outputs 0"
                fail(f"relu_prime({z}) returned {number(got)}, which is relu({z}), not its slope", hint)
            fail(f"relu_prime({z}) returned {number(got)}; expected {number(expected)}")
    return "relu_prime is right at z = -2, -0.1, 0, 0.1 and 3, including relu'(0) = 0"
