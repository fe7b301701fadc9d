"""Typical wrong answers to the series' write-it exercises, and what the check must say about each.

MISTAKES maps a check ("chXX.check_name") to (code, phrase) pairs: the code
defines the learner's wrong answer (its first definition is handed to the
check), and the check's message must match the regular expression ``phrase``
so that the learner is told what the problem is, not merely that there is one.
"""

MISTAKES = {
    "ch01.check_radius_rule": [
        ("def radius_rule(X, r):\n    return (X[:, 1] >= r).astype(int)", r"exactly 15 is called malignant.*>, not >="),
        ("def radius_rule(X, r):\n    return X[:, [1]] > r", r"a column of shape \(5, 1\)"),
        ("def radius_rule(X, r):\n    return (X[:, 0] > r).astype(int)", r"compares texture_mean \(column 0\)"),
        ("def radius_rule(X, r):\n    return (X[:, 1] > r).sum()", r"one value, .*not one answer per tumour"),
        ("def radius_rule(X, r):\n    return (X[:, 1] < r).astype(int)", r"calls the small tumours malignant"),
    ],
    "ch01.check_zscore_with_training_stats": [
        ("def f(X_train, X):\n    return (X - X.mean(axis=0)) / X.std(axis=0)", r"of X itself, not of X_train"),
        ("def f(X_train, X):\n    return (X - X_train.mean(axis=0)) / X_train.std(axis=0, ddof=1)", r"ddof=1"),
        ("def f(X_train, X):\n    return (X - X_train.mean(axis=0)) / X_train.var(axis=0)", r"by the variance"),
        ("def f(X_train, X):\n    return (X - X_train.mean()) / X_train.std()", r"one mean and one standard deviation"),
    ],
    "ch02.check_relu_prime": [
        ("def relu_prime(z):\n    return 1.0 if z >= 0 else 0.0", r"relu'\(0\) = 0"),
        ("def relu_prime(z):\n    return max(z, 0.0)", r"which is relu\(.*\), not its slope"),
        ("def relu_prime(z):\n    return 0.0 if z > 0 else 1.0", r"relu_prime\(-2.0\) returned 1; expected 0"),
        ("def relu_prime(z):\n    return [1.0 if z > 0 else 0.0]", r"should be a number; it is list"),
    ],
    "ch02.check_sigmoid_prime": [
        ("import math\ndef f(z):\n    return 1 - 1 / (1 + math.exp(-z))", r"sigmoid_prime\(-3.0\) is 1 - sigma\(z\)"),
        (
            "import math\ndef f(z):\n    return (1 / (1 + math.exp(-z))) ** 2",
            r"is sigma\(z\)\^2: expected sigma\(z\)\(1 - sigma\(z\)\)",
        ),
        ("import math\ndef f(z):\n    s = 1 / (1 + math.exp(-z))\n    return -s * (1 - s)", r"has the wrong sign"),
    ],
    "ch03.check_accuracy_from_logits": [
        ("def f(z2, y):\n    return ((z2[:, 0] > 0.5) == y).mean()", r"cuts the logit at 0.5"),
        ("def f(z2, y):\n    return ((z2[:, 0] >= 0) == y).mean()", r"calls the tumour with z2 = 0 malignant"),
        ("def f(z2, y):\n    return ((z2 > 0) == y).mean()", r"broadcast them to an 8 x 8 table"),
        ("def f(z2, y):\n    return ((z2[:, 0] > 0) == y).sum()", r"a count of right answers, not a share"),
        ("def f(z2, y):\n    return (z2[:, 0] > 0) == y", r"array of shape \(8,\), not one number"),
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
         "    return -(y * sp(-z2) + (1 - y) * sp(z2))", r"has the wrong sign"),
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
        ("def f(params, grads, alpha):\n    return {p: params[p] + alpha * grads[p] for p in params}", "step uphill"),
        ("def f(params, grads, alpha):\n    return {p: params[p] - grads[p] for p in params}", r"forgot alpha"),
        ("def f(params, grads, alpha):\n    for p in params:\n        params[p] -= alpha * grads[p]",
         r"changed params in place but returned nothing"),
        ("def f(params, grads, alpha):\n    return {p: params[p] - alpha * grads[p] for p in params if p[0] == 'w'}",
         r"a dict of all nine parameters"),
    ],
    "ch05.check_central_difference": [
        ("def f(cost_of, params, p, h):\n    up = dict(params)\n    up[p] += h\n"
         "    return (cost_of(up) - cost_of(params)) / h", r"a one-sided difference"),
        ("def f(cost_of, params, p, h):\n    up, down = dict(params), dict(params)\n    up[p] += h\n    down[p] -= h\n"
         "    return (cost_of(up) - cost_of(down)) / h", r"divides by h, but .* are 2h apart"),
        ("def f(cost_of, params, p, h):\n    up = {q: v + h for q, v in params.items()}\n"
         "    down = {q: v - h for q, v in params.items()}\n    return (cost_of(up) - cost_of(down)) / (2 * h)",
         r"moves all nine parameters at once"),
        ("def f(cost_of, params, p, h):\n    up, down = dict(params), dict(params)\n    up[p] += h\n    down[p] -= h\n"
         "    return (cost_of(down) - cost_of(up)) / (2 * h)", r"the sign flipped"),
        ("def f(cost_of, params, p, h):\n    params[p] += h\n    above = cost_of(params)\n    params[p] -= 2 * h\n"
         "    return (above - cost_of(params)) / (2 * h)", r"changed the dict params it was given"),
    ],
    "ch06.check_backward": [
        ("def f(X, Y, Z1, A1, A2, W2):\n    dZ2 = A2 - Y\n    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)\n"
         "    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)", r"missing its 1/n"),
        ("def f(X, Y, Z1, A1, A2, W2):\n    dZ2 = (A2 - Y) / len(X)\n    dZ1 = (dZ2 @ W2) * (Z1 > 0)\n"
         "    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)", r"probably a missing transpose"),
        ("def f(X, Y, Z1, A1, A2, W2):\n    dZ2 = (A2 - Y) / len(X)\n    dZ1 = dZ2 @ W2.T\n"
         "    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)", r"missing the relu' gate"),
        ("def f(X, Y, Z1, A1, A2, W2):\n    dZ2 = (A2 - Y) / len(X)\n    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)\n"
         "    return X.T @ dZ1, dZ1.sum(axis=1), A1.T @ dZ2, dZ2.sum(axis=0)", r"you summed along each row"),
        ("def f(X, Y, Z1, A1, A2, W2):\n    dZ2 = (A2 - Y) / len(X)\n    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)\n"
         "    return dZ1.T @ X, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)", r"dW1 is the transpose"),
        ("def f(X, Y, Z1, A1, A2, W2):\n    dZ2 = (Y - A2) / len(X)\n    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)\n"
         "    return X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)", r"the wrong sign"),
    ],
    "ch07.check_softmax": [
        ("import numpy as np\ndef f(Z):\n    E = np.exp(Z)\n    return E / E.sum(axis=1, keepdims=True)", "overflowed"),
        (
            "import numpy as np\ndef f(Z):\n    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
            "    return E / E.sum(axis=0, keepdims=True)",
            r"each column sums to 1 instead of each row",
        ),
        (
            "import numpy as np\ndef f(Z):\n    E = np.exp(Z - Z.max())\n    return E / E.sum(axis=1, keepdims=True)",
            r"second row came back as \[nan.*largest logit of the whole batch.*right in exact arithmetic",
        ),
        (
            "import numpy as np\ndef f(Z):\n    S = Z - Z.max(axis=1, keepdims=True)\n"
            "    return S - np.log(np.exp(S).sum(axis=1, keepdims=True))",
            r"these are log-probabilities",
        ),
        (
            "import numpy as np\ndef f(Z):\n    E = np.exp(Z - Z.max(axis=1))\n    return E / E.sum(axis=1)",
            r"could not be broadcast.*keepdims=True",
        ),
        (
            "import numpy as np\ndef f(Z):\n    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n    return E / E.sum()",
            r"the whole matrix sums to 1",
        ),
    ],
    "ch07.check_cross_entropy": [
        (
            "import numpy as np\nfrom helpers.vectorized import log_softmax\n"
            "def f(Z, Y):\n    return float(-np.sum(Y * log_softmax(Z)))",
            r"the sum of the 4 losses, not their mean",
        ),
        (
            "import numpy as np\nfrom helpers.vectorized import log_softmax\n"
            "def f(Z, Y):\n    return float(-np.mean(Y * log_softmax(Z)))",
            r"averages over the 3 classes as well",
        ),
        (
            "import numpy as np\nfrom helpers.vectorized import log_softmax\n"
            "def f(Z, Y):\n    return float(np.mean(np.sum(Y * log_softmax(Z), axis=1)))",
            r"the sign is flipped",
        ),
    ],
    "ch08.check_tanh": [
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((x, 1 - t),), 'tanh')", r"1 - tanh\(x\): the square is missing"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((x, t**2 - 1),), 'tanh')", r"the wrong sign"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((x, t**2),), 'tanh')", r"tanh\(x\)\^2, without the 1 -"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((x, 1 - x.data**2),), 'tanh')", r"squares x, not tanh\(x\)"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    return Value(math.tanh(x.data))",
         r"recorded no inputs.*x\.grad would stay 0"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((Value(x.data), 1 - t**2),), 'tanh')", r"x was not recorded.*x\.grad = 0"),
        ("import math\ndef tanh(x):\n    return math.tanh(x.data)", r"returned the plain number 0\.4621, not a Value"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((x, 1 - t**2)), 'tanh')", r"one bare pair.*trailing comma"),
        ("import math\nfrom helpers.autograd import Value\ndef tanh(x):\n    t = math.tanh(x.data)\n"
         "    return Value(t, ((x.data, 1 - t**2),), 'tanh')", r"records x\.data, the number 0\.5, as an input"),
    ],
    "ch08.check_divide": [
        ("from helpers.autograd import Value\ndef divide(a, b):\n"
         "    return Value(a.data / b.data, ((a, -a.data / b.data**2), (b, 1 / b.data)), '÷')",
         r"paired with the wrong inputs"),
        ("from helpers.autograd import Value\ndef divide(a, b):\n"
         "    return Value(a.data / b.data, ((a, 1 / b.data), (b, a.data / b.data**2)), '÷')", r"the wrong sign"),
        ("from helpers.autograd import Value\ndef divide(a, b):\n"
         "    return Value(a.data / b.data, ((a, 1 / b.data), (b, -1 / b.data**2)), '÷')", r"lost its factor a"),
        ("from helpers.autograd import Value\ndef divide(a, b):\n"
         "    return Value(a.data / b.data, ((a, 1 / b.data**2), (b, -a.data / b.data)), '÷')",
         r"still -a/b, the planted mistake"),
    ],
}
