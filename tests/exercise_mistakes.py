"""Typical wrong answers to the series' write-it exercises, and what the check must say about each.

MISTAKES maps a check ("chXX.check_name") to (code, phrase) pairs: the code
defines the learner's wrong answer (its first definition is handed to the
check), and the check's message must match the regular expression ``phrase``
so that the learner is told what the problem is, not merely that there is one.
"""

MISTAKES = {
    "ch02.check_relu_prime": [
        ("def relu_prime(z):\n    return 1.0 if z >= 0 else 0.0", r"relu'\(0\) = 0"),
        ("def relu_prime(z):\n    return max(z, 0.0)", r"which is relu\(.*\), not its slope"),
        ("def relu_prime(z):\n    return 0.0 if z > 0 else 1.0", r"relu_prime\(-2.0\) returned 1; expected 0"),
        ("def relu_prime(z):\n    return [1.0 if z > 0 else 0.0]", r"should be a number; it is list"),
    ],
}
