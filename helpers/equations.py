"""Check the math notebook's equations against sympy's derivatives.

Why this module exists: a derivation typed by hand can carry a wrong index, sign or factor that no reader
notices. So every equation a notebook shows is read into sympy, and each side must equal the first:

1. Read: a few regular expressions rewrite the LaTeX as Python; sympy's ``parse_expr`` reads it, each name
   standing for its meaning (``z_{11}`` its forward definition, a derivative sympy.diff, see ``MEANING``).
2. Compare: two sides are equal if they agree at 24 random points and sympy proves their difference is 0.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import sympy as sp
from sympy.parsing import sympy_parser as parser

from helpers import symbolic
from helpers.parameters import PARAMETERS
from helpers.symbolic import PARAMS, RELU, x1, x2, y, z

# --- 1. Read: LaTeX -> Python -> sympy ---------------------------------------------------------

BRACED = r"\{((?:[^{}]|\{[^{}]*\})*)\}"  # {...} holding at most one more level of braces


def to_python(latex: str) -> str:
    """One side's LaTeX as Python: each rewrite in turn, a regular expression and what replaces it."""
    for pattern, python in [
        (r"\\left|\\right|\\text\{if \}", ""),  # bracket sizes, the words of cases
        (r"\\sum_\{i=1\}\^\{n\}(.*)", r"over_examples(\1)"),  # a sum runs to the end of its side...
        (r"\^\{\(i\)\}", ""),  # ... and each of its terms is one example's: L^{(i)} -> L
        (r"([a-zA-Z])_\{(\d+)\}", r"\1\2"),  # w_{11} -> w11
        (r"\\frac\{\\partial (\w+)\}\{\\partial (\w+)\}", r'partial("\1", "\2")'),  # sympy.diff
        (r"\^\{([^{}]*)\}", r"**(\1)"),  # e^{-z} -> e**(-z)
        (r"\\frac" + BRACED + BRACED, r"((\1)/(\2))"),  # any other fraction is a division
        (r"\\operatorname\{relu\}", "relu"),  # functions: their names in MEANING
        (r"\\(sigma|log)", r"\1"),
        (r"'\(", "_prime("),  # relu'(z) -> relu_prime(z)
        (r"\\cdot", "*"),  # a product; so is w11 x1, side by side, which parse_expr reads as w11*x1
        (r"\\begin\{cases\}(.*)\\end\{cases\}", r"Piecewise((\1))"),  # rows of value & condition
        (r"&", ","),  # value, condition
        (r"\\\\", "), ("),  # between two rows
        (r"\\le", "<="),  # z \le 0 -> z <= 0
    ]:
        latex = re.sub(pattern, python, latex)
    return latex


def over_examples(body: sp.Expr) -> sp.Expr:
    """The sum of body over the examples i = 1 .. n: body with each example's x1, x2 and y in turn."""
    return sp.Add(*(symbolic.for_example(body, i) for i in range(1, symbolic.N_EXAMPLES + 1)))


MEANING = {  # what each name means, in x1, x2, y and the nine parameters
    **symbolic.FORWARD,  # z11, z12, a11, a12, z2, a2, L: their forward definitions
    **PARAMS,
    **dict(x1=x1, x2=x2, y=y, z=z, e=sp.E, n=sp.Integer(symbolic.N_EXAMPLES), J=symbolic.cost_expression()),
    **dict(relu=RELU, relu_prime=symbolic.RELU_PRIME, sigma=symbolic.SIGMA, sigma_prime=symbolic.SIGMA_PRIME),
    **dict(log=sp.log, partial=symbolic.partial, over_examples=over_examples, Piecewise=sp.Piecewise),
}
EXAMPLES = [s for i in range(1, symbolic.N_EXAMPLES + 1) for s in symbolic.example_symbols(i).values()]
KNOWN = {x1, x2, y, z, *PARAMS.values(), *EXAMPLES}  # the symbols an equation may end up with
READ = parser.standard_transformations + (parser.implicit_multiplication, parser.implicit_application)


def split_sides(latex: str) -> list[str]:
    """``a = b = c`` -> [a, b, c]: split at each = outside braces (the one in \\sum_{i=1} is inside)."""
    return [side.strip() for side in re.split(r"=(?![^{]*\})", latex)]


@cache
def read(side: str) -> sp.Expr:
    """One side's LaTeX as a sympy expression in x1, x2, y and the parameters."""
    python = to_python(side)
    if unread := re.search(r"\\[a-zA-Z]+|[\\{}]", python):
        raise ValueError(f"unknown LaTeX {unread[0]} in {side}")
    expr = parser.parse_expr(python, dict(MEANING), READ)
    if unknown := expr.free_symbols - KNOWN:
        raise ValueError(f"unknown symbol(s) {', '.join(sorted(map(str, unknown)))} in {side}")
    return expr


def latex_to_sympy(latex: str, theta: str | None = None) -> list[sp.Expr]:
    """Every side of ``lhs = ... = rhs`` in sympy; ``theta`` names the parameter that \\theta stands for."""
    return [read(side) for side in split_sides(latex.replace(r"\theta", theta) if theta else latex)]


# --- 2. Compare: numbers first, then a proof ------------------------------------------------------

_rng = np.random.default_rng(20240607)
POINTS = {s: _rng.normal(0.0, 2.0 if s == z else 1.0, 24) for s in sorted(KNOWN, key=str)}  # z11 < 0 and > 0
POINTS.update({s: _rng.uniform(0.0, 1.0, 24) for s in POINTS if s.name.startswith("y")})  # any y in [0, 1]


@cache
def at_points(expr: sp.Expr) -> np.ndarray:
    """expr at the 24 points; NaN if it has no real value (such as 1/0)."""
    if expr.has(sp.zoo, sp.nan, sp.oo, sp.I):
        return np.full(24, np.nan)
    with np.errstate(all="ignore"):
        values = sp.lambdify(list(POINTS), expr, modules="numpy")(*POINTS.values())
    return np.broadcast_to(np.asarray(values, dtype=float), (24,))


def numerically_equal(a: sp.Expr, b: sp.Expr, rtol: float = 1e-9) -> bool:
    """Do a and b agree at every sample point, as finite real numbers?"""
    va, vb = at_points(a), at_points(b)
    close = np.abs(va - vb) <= rtol * (1 + np.abs(va) + np.abs(vb))
    return bool(np.all(np.isfinite(va) & np.isfinite(vb) & close))


@cache
def symbolically_equal(a: sp.Expr, b: sp.Expr) -> bool:
    """Does sympy prove a - b == 0 (branch by branch where relu makes a Piecewise)?"""
    difference, w = a - b, PARAMS
    if not difference.free_symbols & set(EXAMPLES):
        # one example's values: z11, z12, z2 as variables in place of b11, b12, b2, a one-to-one change (the
        # difference is 0 in the new variables exactly when it is in the old) that makes sympy 4x faster
        Z11, Z12, Z2 = sp.symbols("Z11 Z12 Z2", real=True)
        difference = difference.xreplace({w["b11"]: Z11 - w["w11"] * x1 - w["w12"] * x2})
        difference = difference.xreplace({w["b12"]: Z12 - w["w13"] * x1 - w["w14"] * x2})
        difference = difference.xreplace({w["b2"]: Z2 - w["w21"] * RELU(Z11) - w["w22"] * RELU(Z12)})
    return difference == 0 or sp.expand(difference) == 0 or sp.simplify(sp.piecewise_fold(difference)) == 0


# --- 3. Check an equation, a notebook, and report -----------------------------------------------
@dataclass
class EquationCheck:
    """The verdict on one equation: ok only if every side equals the first one."""

    latex: str
    label: str  # the first side in plain text, such as ∂L/∂w11
    ok: bool
    sides: int
    problems: list[str]


def plain(latex: str) -> str:
    """A side as short plain text for reports: \\frac{\\partial L}{\\partial w_{11}} -> ∂L/∂w11."""
    text = re.sub(r"\\frac\{\\partial (\S+)\}\{\\partial (\S+)\}", r"∂\1/∂\2", re.sub(r"_\{(\d+)\}", r"\1", latex))
    text = re.sub(r"\\frac" + BRACED + BRACED, r"\1/(\2)", text)
    return text.replace(r"\operatorname{relu}", "relu").replace(r"\sigma", "σ").replace(r"\theta", "θ")


def check_equation(latex: str) -> EquationCheck:
    """Check that every side of ``lhs = step = ... = rhs`` equals the first side, as sympy computes it."""
    sides = split_sides(latex)
    label, problems = plain(sides[0]), []
    if len(sides) < 2:
        return EquationCheck(latex, label, False, len(sides), ["not an equation (no '=')"])
    for theta in PARAMETERS if r"\theta" in latex else [None]:
        where = f" (θ = {theta})" if theta else ""
        try:
            values = latex_to_sympy(latex, theta)
            for j in range(1, len(sides)):
                if not (numerically_equal(values[0], values[j]) and symbolically_equal(values[0], values[j])):
                    problems.append(f"side {j + 1} is not {label}{where}: {sides[j]}")
        except Exception as error:  # whatever cannot be read or compared is reported, not raised
            problems.append(f"cannot read{where}: {error}")
        if problems:
            break
    return EquationCheck(latex, label, not problems, len(sides), problems)


# A number given to one symbol, such as x_{1} = 1 or z_{11} = 2.6 > 0, states a value: it is no identity to check.
VALUE = re.compile(r"[a-zA-Z](_\{\d+\})? = [-\d.]+( [<>] [-\d.]+)?")


def notebook_equations(path: str | Path, values: bool = False) -> list[str]:
    """Every equation of a notebook's markdown, in reading order: each $$...$$ block (split at \\qquad) and
    each inline $...$ with an = sign; without a value given to one symbol (x_{1} = 1) unless ``values``."""
    found = []
    for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"]) if cell["cell_type"] == "markdown" else ""
        for block in re.findall(r"\$\$(.+?)\$\$", text, re.DOTALL):
            found += [part.strip() for part in block.split(r"\qquad") if part.strip()]
        inline = re.findall(r"\$([^$]+?)\$", re.sub(r"\$\$(.+?)\$\$", " ", text, flags=re.DOTALL))
        found += [part.strip() for part in inline if "=" in part]
    return [latex for latex in found if values or not VALUE.fullmatch(latex)]


def check_notebook(path: str | Path) -> list[EquationCheck]:
    """Check every equation of a notebook's markdown."""
    return [check_equation(latex) for latex in notebook_equations(path)]


def report(checks: list[EquationCheck]) -> str:
    """A compact table in two columns: each equation's left-hand side, its number of sides, ✓ or ✗."""
    width = max((len(c.label) for c in checks), default=0)
    cells = [f"{c.label:<{width}}  {c.sides} sides  {'✓' if c.ok else '✗'}" for c in checks]
    return "\n".join("    ".join(cells[i : i + 2]) for i in range(0, len(cells), 2))
