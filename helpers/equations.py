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
D = r"(?:\\partial|\\mathrm\{d\}|d) ?"  # the d of a derivative: \partial, or d as in dL/dz2


def to_python(latex: str) -> str:
    """One side's LaTeX as Python: each rewrite in turn, a regular expression and what replaces it."""
    for pattern, python in [
        (r"\\left|\\right|\\text\{if \}", ""),  # bracket sizes, the words of cases
        (r"(?<!\\)\\[,;:! ]|~", " "),  # spacing commands are spaces (not the \\ between two rows of cases)
        (r"\\[dt]frac", r"\\frac"),  # \dfrac and \tfrac are fractions too
        (r"\\(?:operatorname|mathrm|text|textrm|rm)\{(relu|log|ln|exp)\}", r"\1"),  # \mathrm{relu} -> relu
        (r"\\sum_\{i=1\}\^\{n\}(.*)", r"over_examples(\1)"),  # a sum runs to the end of its side...
        (r"\^\{\(i\)\}", ""),  # ... and each of its terms is one example's: L^{(i)} -> L
        (r"([a-zA-Z])_\{(\d+)\}", r"\1\2"),  # w_{11} -> w11
        (r"([a-zA-Z])_(\d)(?!\d)", r"\1\2"),  # a_2 -> a2 (one digit: w_11 typesets as w with 1, then 1)
        (r"\\frac\{" + D + r"(\w+)\}\{" + D + r"(\w+)\}", r'partial("\1", "\2")'),  # sympy.diff
        (r"\\partial (\w+) ?/ ?\\partial (\w+)", r'partial("\1", "\2")'),  # \partial L / \partial z2, inline
        (r"\^\{([^{}]*)\}", r"**(\1)"),  # e^{-z} -> e**(-z)
        (r"\^(\w)", r"**\1"),  # x^2 -> x**2
        (r"\\frac" + BRACED + BRACED, r"((\1)/(\2))"),  # any other fraction is a division
        (r"\\(sigma|log|ln|exp)", r"\1"),  # functions: their names in MEANING
        (r"'\(", "_prime("),  # relu'(z) -> relu_prime(z)
        (r"\\cdot|\\times", "*"),  # a product; so is w11 x1, side by side, which parse_expr reads as w11*x1
        (r"\\begin\{cases\}(.*)\\end\{cases\}", r"Piecewise((\1))"),  # rows of value & condition
        (r"&", ","),  # value, condition
        (r"\\\\", "), ("),  # between two rows
        (r"\\le", "<="),  # z \le 0 -> z <= 0
        (r"\[", "("),  # square brackets group as round ones do
        (r"\]", ")"),
    ]:
        latex = re.sub(pattern, python, latex)
    return latex


# What to write instead, for LaTeX the checker does not read; every other unknown command gets SPELLINGS.
SPELLINGS = (r"the checker reads \frac{..}{..}, \cdot, \times or a space for a product, \left( \right), "
             r"e^{..} or \exp, \log or \ln, \sigma, \operatorname{relu} (or \mathrm{relu}, \text{relu}), "
             r"a slope as \sigma'(z) or \operatorname{relu}'(z), a derivative as \frac{\partial L}{\partial w_{11}}, "
             r"and a sum over the examples as \sum_{i=1}^{n}")
INSTEAD = {
    r"\relu": r"write \operatorname{relu}, \mathrm{relu} or \text{relu} (LaTeX itself has no \relu)",
    r"\sum": r"a sum over the examples is written \sum_{i=1}^{n} (from i = 1, to n)",
    r"\partial": r"write a derivative as \frac{\partial L}{\partial w_{11}}, one name above and one below",
    r"\prime": r"write a slope with an apostrophe: \sigma'(z), \operatorname{relu}'(z)",
    r"\tanh": "this network has no tanh unit: its hidden units are relu, its output the sigmoid",
}
NAMES = ("the names it knows are x_{1}, x_{2}, y, z, the nine parameters w_{11} ... w_{22}, b_{11}, b_{12}, b_{2}, "
         "the values z_{11}, z_{12}, a_{11}, a_{12}, z_{2}, a_{2}, the loss L, the cost J, n and e; an index of two "
         "digits goes in braces, as w_{11}")


def over_examples(body: sp.Expr) -> sp.Expr:
    """The sum of body over the examples i = 1 .. n: body with each example's x1, x2 and y in turn."""
    return sp.Add(*(symbolic.for_example(body, i) for i in range(1, symbolic.N_EXAMPLES + 1)))


MEANING = {  # what each name means, in x1, x2, y and the nine parameters
    **symbolic.FORWARD,  # z11, z12, a11, a12, z2, a2, L: their forward definitions
    **PARAMS,
    **dict(x1=x1, x2=x2, y=y, z=z, e=sp.E, n=sp.Integer(symbolic.N_EXAMPLES), J=symbolic.cost_expression()),
    **dict(relu=RELU, relu_prime=symbolic.RELU_PRIME, sigma=symbolic.SIGMA, sigma_prime=symbolic.SIGMA_PRIME),
    **dict(log=sp.log, ln=sp.log, exp=sp.exp),  # ln is log: the natural logarithm
    **dict(partial=symbolic.partial, over_examples=over_examples, Piecewise=sp.Piecewise),
}


def meaning(loss: str = "cross-entropy") -> dict:
    """MEANING with L (and its derivatives) the named loss of symbolic.LOSSES."""
    if loss == "cross-entropy":
        return dict(MEANING)
    return {**MEANING, "L": symbolic.forward(loss)["L"], "partial": lambda of, wrt: symbolic.partial(of, wrt, loss)}
EXAMPLES = [s for i in range(1, symbolic.N_EXAMPLES + 1) for s in symbolic.example_symbols(i).values()]
KNOWN = {x1, x2, y, z, *PARAMS.values(), *EXAMPLES}  # the symbols an equation may end up with
READ = parser.standard_transformations + (parser.implicit_multiplication, parser.implicit_application)


def split_sides(latex: str) -> list[str]:
    """``a = b = c`` -> [a, b, c]: split at each = outside braces (the one in \\sum_{i=1} is inside)."""
    return [side.strip() for side in re.split(r"=(?![^{]*\})", latex)]


@cache
def read(side: str, loss: str = "cross-entropy") -> sp.Expr:
    """One side's LaTeX as a sympy expression in x1, x2, y and the parameters; L is the named loss."""
    if two_digits := re.search(r"[a-zA-Z]_\d\d", side):
        raise ValueError(f"{two_digits[0]} typesets as one digit below and one beside: write an index of two digits "
                         f"in braces, as {two_digits[0][:2]}{{{two_digits[0][2:]}}}, in {side}")
    python = to_python(side)
    if unread := re.search(r"\\[a-zA-Z]+|[\\{}]", python):
        instead = INSTEAD.get(unread[0], SPELLINGS)
        raise ValueError(f"unknown LaTeX {unread[0]} in {side}: {instead}")
    try:
        expr = parser.parse_expr(python, meaning(loss), READ)
    except (SyntaxError, TypeError) as error:  # such as an operator with nothing after it, or a name called
        raise ValueError(f"{side} is not readable math ({error}): {SPELLINGS}") from None
    if not isinstance(expr, sp.Expr):
        raise ValueError(f"{side} is not an expression: {SPELLINGS}")
    if unknown := expr.free_symbols - KNOWN:
        raise ValueError(f"unknown symbol(s) {', '.join(sorted(map(str, unknown)))} in {side}: {NAMES}")
    return expr


def latex_to_sympy(latex: str, theta: str | None = None, loss: str = "cross-entropy") -> list[sp.Expr]:
    """Every side of ``lhs = ... = rhs`` in sympy; ``theta`` names the parameter that \\theta stands for."""
    return [read(side, loss) for side in split_sides(latex.replace(r"\theta", theta) if theta else latex)]


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
    text = re.sub(r"_\{(\d+)\}|_(\d)", r"\1\2", latex)
    text = re.sub(r"\\frac\{\\partial (\S+)\}\{\\partial (\S+)\}", r"∂\1/∂\2", text)
    text = re.sub(r"\\frac" + BRACED + BRACED, r"\1/(\2)", text)
    text = re.sub(r"\\(?:operatorname|mathrm|text)\{relu\}", "relu", text)
    return text.replace(r"\operatorname{relu}", "relu").replace(r"\sigma", "σ").replace(r"\theta", "θ")


def check_equation(latex: str, loss: str = "cross-entropy") -> EquationCheck:
    """Check that every side of ``lhs = step = ... = rhs`` equals the first side, as sympy computes it.

    ``loss`` names what L stands for (symbolic.LOSSES): the series' cross-entropy unless an exercise says otherwise.
    """
    sides = split_sides(latex)
    label, problems = plain(sides[0]), []
    if len(sides) < 2:
        return EquationCheck(latex, label, False, len(sides), ["not an equation (no '=')"])
    for theta in PARAMETERS if r"\theta" in latex else [None]:
        where = f" (θ = {theta})" if theta else ""
        try:
            values = latex_to_sympy(latex, theta, loss)
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
