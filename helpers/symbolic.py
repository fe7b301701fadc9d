"""The 2-2-1 network in sympy: its expressions and their exact derivatives.

Why this module exists: a derivation typed by hand can carry a wrong index
(``w_{21}`` where ``w_{22}`` belongs) that no reader notices. Here the network
is written once as sympy expressions and sympy differentiates it, so every
derivative has a reference that no hand touched. ``helpers.equations`` checks
the math notebook's equations against these derivatives.

Only the math lives here: symbols, forward definitions, loss, cost and
derivatives. helpers.references turns them into numbers, to judge the networks.

Conventions: relu'(0) = 0 (relu has a corner at 0; sympy's derivative of
``Piecewise((u, u > 0), (0, True))`` gives exactly that), and the cost J is the
mean of the loss L over the n examples.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from helpers.parameters import PARAMETERS

x1, x2, y = sp.symbols("x1 x2 y", real=True)  # inputs and label of one example
PARAMS = {name: sp.Symbol(name, real=True) for name in PARAMETERS}
NODES = ("z11", "z12", "a11", "a12", "z2", "a2", "L")  # in the order they are computed
NODE = {name: sp.Symbol(name, real=True) for name in NODES}
z = sp.Symbol("z", real=True)  # a generic argument, as in sigma(z) or relu(z)
# The variables of one example's expressions, in the order numeric functions take them.
VARIABLES = (x1, x2, y, *PARAMS.values())

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
# The losses L may stand for: the series' cross-entropy, and the squared error (a2 - y)^2 / 2 of an exercise of
# chapter 02, whose gradient the chapter does not derive (the rest of the network stays the same).
LOSSES = {"cross-entropy": DEFINITIONS[NODE["L"]], "squared error": sp.Rational(1, 2) * (NODE["a2"] - y) ** 2}


@cache
def _definitions(loss: str) -> dict[sp.Symbol, sp.Expr]:
    """DEFINITIONS with L defined as the named loss."""
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}: expected one of {', '.join(LOSSES)}")
    return {**DEFINITIONS, NODE["L"]: LOSSES[loss]}


@cache
def forward(loss: str = "cross-entropy") -> dict[str, sp.Expr]:
    """Every node written out in terms of x1, x2, y and the nine parameters, with L the named loss."""
    full: dict[sp.Symbol, sp.Expr] = {}
    for name in NODES:  # each definition only uses nodes computed before it
        full[NODE[name]] = _definitions(loss)[NODE[name]].xreplace(full)
    return {name: full[NODE[name]] for name in NODES}


FORWARD = forward()


def to_base(expr: sp.Expr, loss: str = "cross-entropy") -> sp.Expr:
    """Replace node symbols (z11, a2, L ...) by their full forward expressions."""
    return expr.xreplace({NODE[name]: forward(loss)[name] for name in NODES})


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
def partial(of: str, wrt: str, loss: str = "cross-entropy") -> sp.Expr:
    """d(of)/d(wrt) from sympy.diff, in terms of x1, x2, y and the parameters.

    ``wrt`` may be a parameter (the usual total derivative) or an intermediate
    value such as z11: then ``of`` is written as a function of z11 (and of values
    that do not depend on it) and differentiated with respect to that symbol --
    the "local" derivative the chain rule multiplies. ``loss`` names what L is (see LOSSES).
    """
    if of == "J":
        if loss != "cross-entropy":
            raise ValueError(f"the cost J is the mean cross-entropy; with the {loss} loss, differentiate L")
        if wrt not in PARAMS:
            raise ValueError(f"the cost J can only be differentiated by a parameter, not {wrt!r}")
        return sp.diff(cost_expression(), PARAMS[wrt])
    top, target = symbol_for(of), symbol_for(wrt)
    expr = top
    while True:  # open up every node that lies between `of` and `wrt`
        between = {s for s in expr.free_symbols if s in DEFINITIONS and s != target and target in _ancestors(s)}
        if not between:
            break
        expr = expr.xreplace({s: _definitions(loss)[s] for s in between})
    return to_base(sp.diff(expr, target), loss)


def true_derivative(parameter: str) -> sp.Expr:
    """dL/d(parameter) for one example, straight from sympy.diff of the loss."""
    if parameter not in PARAMS:
        raise ValueError(f"unknown parameter {parameter!r}; expected one of {', '.join(PARAMETERS)}")
    return sp.diff(FORWARD["L"], PARAMS[parameter])


class sigma(sp.Function):  # lower case, like the math
    """sigma as a named sympy function whose derivative is sigma * (1 - sigma).

    Differentiating the loss with this named sigma lets sympy cancel
    sigma'/sigma before any number is computed, so the gradient never divides
    two overflowing exponentials; a stable sigmoid then gives its numbers.
    """

    def fdiff(self, argindex=1):
        s = sigma(self.args[0])
        return s * (1 - s)
