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
    "ch02.check_sigmoid_prime": [
        ("import math\ndef f(z):\n    return 1 - 1 / (1 + math.exp(-z))", r"which is 1 - sigma\(z\)"),
        ("import math\ndef f(z):\n    return (1 / (1 + math.exp(-z))) ** 2", r"expected sigma\(z\)\(1 - sigma\(z\)\)"),
        ("import math\ndef f(z):\n    s = 1 / (1 + math.exp(-z))\n    return -s * (1 - s)", r"the sign is flipped"),
    ],
    "ch04.check_loss_from_logit": [
        (
            "import math\ndef f(z2, y):\n    a2 = 1 / (1 + math.exp(-z2))\n"
            "    return -(y * math.log(a2) + (1 - y) * math.log(1 - a2))",
            r"textbook formula takes log\(0\)",
        ),
        ("import math\ndef f(z2, y):\n    sp = lambda t: max(t, 0) + math.log1p(math.exp(-abs(t)))\n"
         "    return y * sp(z2) + (1 - y) * sp(-z2)", r"the loss of the other label"),
        ("import math\ndef f(z2, y):\n    sp = lambda t: max(t, 0) + math.log1p(math.exp(-abs(t)))\n"
         "    return -(y * sp(-z2) + (1 - y) * sp(z2))", r"the sign is flipped"),
    ],
    "ch04.check_unit_2_gradients": [
        ("def f(x1, x2, forward, dz2, w21, w22):\n    d = dz2 * w21 * (forward['z11'] > 0)\n"
         "    return {'w13': d * x1, 'w14': d * x2, 'b12': d}", r"uses hidden unit 1's signal"),
        (
            "def f(x1, x2, forward, dz2, w21, w22):\n    d = dz2 * w22\n"
            "    return {'w13': d * x1, 'w14': d * x2, 'b12': d}",
            r"must be 0.*relu'\(z12\)",
        ),
        ("def f(x1, x2, forward, dz2, w21, w22):\n    d = dz2 * w22 * (forward['z12'] > 0)\n"
         "    return {'w13': d * x2, 'w14': d * x1, 'b12': d}", r"multiplies the wrong input"),
        ("def f(x1, x2, forward, dz2, w21, w22):\n    d = -dz2 * w22 * (forward['z12'] > 0)\n"
         "    return {'w13': d * x1, 'w14': d * x2, 'b12': d}", r"wrong sign"),
    ],
    "ch04.check_gradient_step": [
        ("def f(params, grads, alpha):\n    return {p: params[p] + alpha * grads[p] for p in params}", "a step uphill"),
        ("def f(params, grads, alpha):\n    return {p: params[p] - grads[p] for p in params}", r"forgot alpha"),
        ("def f(params, grads, alpha):\n    for p in params:\n        params[p] -= alpha * grads[p]",
         r"changed params in place but returned nothing"),
        ("def f(params, grads, alpha):\n    return {p: params[p] - alpha * grads[p] for p in params if p[0] == 'w'}",
         r"a dict of all nine parameters"),
    ],
}
