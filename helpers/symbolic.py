"""The 2-2-1 network in sympy: its expressions, exact derivatives and exact numbers.

Why this module exists: a derivation typed by hand can carry a wrong index
(``w_{21}`` where ``w_{22}`` belongs) that no reader notices. Here the network
is written once as sympy expressions and sympy differentiates it, so every
derivative has a reference that no hand touched. ``helpers.equations`` checks
the math notebook's equations against these derivatives.

Two parts, top to bottom:

1. The network: symbols, forward definitions, loss, cost, derivatives.
2. Numbers: ``cost_value`` and ``cost_gradient`` evaluate the exact cost and its
   gradient in float64 (used by later notebooks to judge the other networks).

Conventions: relu'(0) = 0 (relu has a corner at 0; sympy's derivative of
``Piecewise((u, u > 0), (0, True))`` gives exactly that), and the cost J is the
mean of the loss L over the n examples.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
import sympy as sp

from helpers.scratch import PARAMETERS, check_inputs, check_params

# ---------------------------------------------------------------------------
# 1. The network in sympy
# ---------------------------------------------------------------------------

x1, x2, y = sp.symbols("x1 x2 y", real=True)  # inputs and label of one example
PARAMS = {name: sp.Symbol(name, real=True) for name in PARAMETERS}
NODES = ("z11", "z12", "a11", "a12", "z2", "a2", "L")  # in the order they are computed
NODE = {name: sp.Symbol(name, real=True) for name in NODES}
z = sp.Symbol("z", real=True)  # a generic argument, as in sigma(z) or relu(z)

_u = sp.Symbol("u", real=True)
RELU = sp.Lambda(_u, sp.Piecewise((_u, _u > 0), (0, True)))
SIGMA = sp.Lambda(_u, 1 / (1 + sp.exp(-_u)))
# Both derivatives come from sympy.diff; the strict "u > 0" makes relu'(0) = 0.
RELU_PRIME = sp.Lambda(_u, sp.diff(RELU(_u), _u))
SIGMA_PRIME = sp.Lambda(_u, sp.diff(SIGMA(_u), _u))

# How many examples stand for "n" when an equation sums over examples: a small
# concrete n lets sympy check the sum exactly (the rule does not depend on n).
N_EXAMPLES = 3


def definitions() -> dict[sp.Symbol, sp.Expr]:
    """Each intermediate value defined from the values right before it (one layer)."""
    w, n = PARAMS, NODE
    return {
        n["z11"]: w["w11"] * x1 + w["w12"] * x2 + w["b11"],
        n["z12"]: w["w13"] * x1 + w["w14"] * x2 + w["b12"],
        n["a11"]: RELU(n["z11"]),
        n["a12"]: RELU(n["z12"]),
        n["z2"]: w["w21"] * n["a11"] + w["w22"] * n["a12"] + w["b2"],
        n["a2"]: SIGMA(n["z2"]),
        n["L"]: -(y * sp.log(n["a2"]) + (1 - y) * sp.log(1 - n["a2"])),
    }


DEFINITIONS = definitions()


def _expand_all() -> dict[str, sp.Expr]:
    """Every node written out in terms of x1, x2, y and the nine parameters."""
    full: dict[sp.Symbol, sp.Expr] = {}
    for name in NODES:  # each definition only uses nodes computed before it
        full[NODE[name]] = DEFINITIONS[NODE[name]].xreplace(full)
    return {name: full[NODE[name]] for name in NODES}


FORWARD = _expand_all()


def to_base(expr: sp.Expr) -> sp.Expr:
    """Replace node symbols (z11, a2, L ...) by their full forward expressions."""
    return expr.xreplace({NODE[name]: FORWARD[name] for name in NODES})


def example_symbols(k: int) -> dict[sp.Symbol, sp.Symbol]:
    """x1, x2, y of example k: the symbols x1_k, x2_k, y_k."""
    return {s: sp.Symbol(f"{s.name}_{k}", real=True) for s in (x1, x2, y)}


def for_example(expr: sp.Expr, k: int) -> sp.Expr:
    """The same expression for example k: x1, x2, y become x1_k, x2_k, y_k."""
    return expr.xreplace(example_symbols(k))


def cost_expression() -> sp.Expr:
    """J = (1/n) * sum of L over n = N_EXAMPLES examples."""
    return sp.Rational(1, N_EXAMPLES) * sp.Add(*(for_example(FORWARD["L"], k) for k in range(1, N_EXAMPLES + 1)))


def _ancestors(symbol: sp.Symbol) -> set[sp.Symbol]:
    """Every symbol that ``symbol``'s value depends on, directly or not."""
    if symbol not in DEFINITIONS:
        return set()
    direct = DEFINITIONS[symbol].free_symbols
    return set(direct).union(*(_ancestors(s) for s in direct))


def symbol_for(name: str) -> sp.Symbol:
    """The sympy symbol of a quantity named like z11, w21 or x1."""
    for table in (NODE, PARAMS, {"x1": x1, "x2": x2, "y": y}):
        if name in table:
            return table[name]
    raise ValueError(f"unknown quantity {name!r}: expected one of {', '.join((*NODES, *PARAMETERS))}")


@cache
def partial(of: str, wrt: str) -> sp.Expr:
    """d(of)/d(wrt) from sympy.diff, in terms of x1, x2, y and the parameters.

    ``wrt`` may be a parameter (the usual total derivative) or an intermediate
    value such as z11: then ``of`` is written as a function of z11 (and of values
    that do not depend on it) and differentiated with respect to that symbol --
    the "local" derivative the chain rule multiplies.
    """
    if of == "J":
        if wrt not in PARAMS:
            raise ValueError(f"the cost J can only be differentiated by a parameter, not {wrt!r}")
        return sp.diff(cost_expression(), PARAMS[wrt])
    top, target = symbol_for(of), symbol_for(wrt)
    expr = top
    while True:  # open up every node that lies between `of` and `wrt`
        between = {s for s in expr.free_symbols if s in DEFINITIONS and s != target and target in _ancestors(s)}
        if not between:
            break
        expr = expr.xreplace({s: DEFINITIONS[s] for s in between})
    return to_base(sp.diff(expr, target))


def true_derivative(parameter: str) -> sp.Expr:
    """dL/d(parameter) for one example, straight from sympy.diff of the loss."""
    if parameter not in PARAMS:
        raise ValueError(f"unknown parameter {parameter!r}; expected one of {', '.join(PARAMETERS)}")
    return sp.diff(FORWARD["L"], PARAMS[parameter])


# ---------------------------------------------------------------------------
# 2. Numbers: the exact cost and gradient in float64
# ---------------------------------------------------------------------------


class sigmoid(sp.Function):  # lower case, like the math
    """sigma as a named function whose derivative is sigma * (1 - sigma).

    Differentiating the loss with this named sigma lets sympy cancel
    sigma'/sigma before any number is computed, so the gradient never divides
    two overflowing exponentials. ``rewrite(sp.exp)`` gives back 1/(1+e^-u);
    tests check that both forms have the same derivatives.
    """

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return 1 / (1 + sp.exp(-u))


def _stable_sigmoid(u):
    """sigma(u) = exp(-log(1 + e^-u)), with no overflow for any float u."""
    return np.exp(-np.logaddexp(0.0, -np.asarray(u, dtype=float)))


# The variables of one example's expressions, in the order numpy functions take them.
VARIABLES = (x1, x2, y, *PARAMS.values())


def gradient_expressions() -> dict[str, sp.Expr]:
    """dL/dp for each parameter, from sympy.diff of the loss written with the named sigmoid."""
    loss = to_base(DEFINITIONS[NODE["L"]].xreplace({NODE["a2"]: sigmoid(NODE["z2"])}))
    return {p: sp.diff(loss, PARAMS[p]) for p in PARAMETERS}


@lru_cache(maxsize=1)
def _gradient_functions():
    """One numpy function per parameter: dL/dp(x1, x2, y, w11, ..., b2)."""
    modules = [{"sigmoid": _stable_sigmoid}, "numpy"]
    return {p: sp.lambdify(VARIABLES, expr, modules=modules) for p, expr in gradient_expressions().items()}


@lru_cache(maxsize=1)
def _z2_function():
    return sp.lambdify(VARIABLES, FORWARD["z2"], modules="numpy")


def cost_value(params: dict[str, float], X: np.ndarray, y: np.ndarray) -> float:
    """The cost J: mean binary cross-entropy over the rows of X (shape (n, 2)), labels y (0/1).

    Computed from z2 as log(1 + e^-z2) + (1 - y) z2, which equals
    -(y log a2 + (1 - y) log(1 - a2)) but never takes log(0).
    """
    values = list(check_params(params).values())
    X, labels = check_inputs(X, y)
    z2 = np.broadcast_to(_z2_function()(X[:, 0], X[:, 1], labels, *values), labels.shape)
    return float(np.mean(np.logaddexp(0.0, -z2) + (1.0 - labels) * z2))


def cost_gradient(params: dict[str, float], X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """dJ/dp for each of the nine parameters, from sympy's derivatives, in float64.

    J is the mean loss over the rows of X, so dJ/dp is the mean of dL/dp over
    the rows. relu'(0) is taken to be 0.
    """
    values = list(check_params(params).values())
    X, labels = check_inputs(X, y)
    grads = {}
    for p, f in _gradient_functions().items():
        per_example = np.broadcast_to(f(X[:, 0], X[:, 1], labels, *values), labels.shape)
        grads[p] = float(np.mean(per_example))
    return grads


def forward_values(params: dict[str, float], x1_value: float, x2_value: float) -> dict[str, float]:
    """z11, z12, a11, a12, z2, a2 for one example, evaluated from the sympy forward expressions."""
    values = dict(zip(PARAMS.values(), list(check_params(params).values())))
    values.update({x1: float(x1_value), x2: float(x2_value)})
    return {name: float(FORWARD[name].xreplace(values)) for name in NODES if name != "L"}
