"""Check the math notebook's equations against sympy's true derivatives.

Why this module exists: a derivation typed by hand can carry a wrong index,
sign or factor that no reader notices. Every equation the math notebook shows
is translated from its LaTeX into sympy and each side is compared with the
true value from ``helpers.symbolic`` (a derivative is ``sympy.diff`` of the
network's expressions). A wrong index, sign or factor makes the check fail.

Two parts, top to bottom:

1. A small LaTeX translator for the notebook's vocabulary (``\\frac{\\partial L}
   {\\partial w_{11}}``, ``\\cdot``, ``\\operatorname{relu}'(z_{11})``, ...).
2. The checker (``check_equation``, ``check_notebook``) and ``mutants``, which
   makes wrong copies of an equation to prove that the checker rejects them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import sympy as sp

from helpers.scratch import PARAMETERS
from helpers.symbolic import (
    FORWARD,
    N_EXAMPLES,
    PARAMS,
    RELU,
    RELU_PRIME,
    SIGMA,
    SIGMA_PRIME,
    VARIABLES,
    cost_expression,
    example_symbols,
    for_example,
    partial,
    symbol_for,
    to_base,
    true_derivative,
    x1,
    x2,
    y,
    z,
)

# ---------------------------------------------------------------------------
# 1. A small LaTeX translator for the notebook's equations
# ---------------------------------------------------------------------------


class LatexError(ValueError):
    """The LaTeX uses something outside the notebook's small vocabulary."""


_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\\[,;:!](?![a-zA-Z])|\\quad\b)
  | (?P<open>\\left\s*\()
  | (?P<close>\\right\s*\))
  | (?P<begin>\\begin\{cases\})
  | (?P<end>\\end\{cases\})
  | (?P<relu>\\operatorname\{relu\})
  | (?P<text>\\text\{[^{}]*\})
  | (?P<rowsep>\\\\)
  | (?P<command>\\[a-zA-Z]+)
  | (?P<symbol>[a-zA-Z](?:_\{\d+\}|_\d)?)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<op>[-+=(){}^_'&<>])
    """,
    re.VERBOSE,
)
_COMMANDS = {
    r"\frac",
    r"\partial",
    r"\cdot",
    r"\times",
    r"\sigma",
    r"\log",
    r"\ln",
    r"\exp",
    r"\sum",
    r"\le",
    r"\leq",
    r"\ge",
    r"\geq",
    r"\theta",
}
_RELATIONS = {">": sp.Gt, "<": sp.Lt, r"\le": sp.Le, r"\leq": sp.Le, r"\ge": sp.Ge, r"\geq": sp.Ge}


@dataclass(frozen=True)
class Token:
    kind: str  # symbol, number, op, command, relu, text, begin, end, rowsep
    text: str  # canonical: "w11" for w_{11}, "(" for \left(
    start: int
    end: int


def tokenize(latex: str) -> list[Token]:
    """Split LaTeX into tokens; symbols with an index become names like w11."""
    tokens, pos = [], 0
    while pos < len(latex):
        m = _TOKEN.match(latex, pos)
        if m is None:
            raise LatexError(f"cannot read {latex[pos : pos + 12]!r} (position {pos})")
        kind, raw = m.lastgroup, m.group()
        if kind == "command" and raw not in _COMMANDS:
            raise LatexError(f"unknown command {raw} (position {pos})")
        text = {"open": "(", "close": ")", "symbol": re.sub(r"[_{}]", "", raw)}.get(kind, raw)
        kind = "op" if kind in ("open", "close") else kind
        if kind != "space":
            tokens.append(Token(kind, text, pos, m.end()))
        pos = m.end()
    return tokens


class _Parser:
    """Recursive descent: equation -> sides -> sums of products of powers of primaries.

    Nodes are tuples whose first item says what they are, e.g. ("sym", "w11", None),
    ("partial", "L", None, "w11"), ("mul", [factors]). ``products`` keeps the
    text span of every factor of every product, for the drop-a-factor mutants.
    """

    def __init__(self, latex: str):
        self.latex = latex
        self.tokens = tokenize(latex)
        self.pos = 0
        self.products: list[list[tuple[int, int]]] = []

    # token helpers
    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def at(self, *texts: str) -> bool:
        t = self.peek()
        return t is not None and t.text in texts and t.kind in ("op", "command", "relu", "begin", "end", "rowsep")

    def take(self, text: str | None = None, kind: str | None = None) -> Token:
        t = self.peek()
        if t is None or (text is not None and t.text != text) or (kind is not None and t.kind != kind):
            found = "the end" if t is None else repr(self.latex[t.start : t.end])
            raise LatexError(f"expected {text or kind} but found {found} in {self.latex!r}")
        self.pos += 1
        return t

    def here(self) -> int:
        t = self.peek()
        return t.start if t else len(self.latex)

    def last_end(self) -> int:
        return self.tokens[self.pos - 1].end

    # grammar
    def equation(self) -> tuple[list[tuple], list[tuple[int, int]]]:
        sides, spans = [], []
        while True:
            start = self.here()
            sides.append(self.additive())
            spans.append((start, self.last_end()))
            if self.peek() is None:
                return sides, spans
            self.take("=")

    def additive(self) -> tuple:
        terms, sign = [], 1
        if self.at("+", "-"):
            sign = 1 if self.take().text == "+" else -1
        terms.append((sign, self.product()))
        while self.at("+", "-"):
            sign = 1 if self.take().text == "+" else -1
            terms.append((sign, self.product()))
        if len(terms) == 1 and terms[0][0] == 1:
            return terms[0][1]
        return ("add", terms)

    def starts_primary(self) -> bool:
        t = self.peek()
        if t is None:
            return False
        if t.kind in ("symbol", "number", "relu", "begin"):
            return True
        return t.text in ("(", r"\frac", r"\sigma", r"\log", r"\ln", r"\exp", r"\sum", r"\theta")

    def product(self) -> tuple:
        spans, factors = [], []
        start = self.here()
        factors.append(self.power())
        spans.append((start, self.last_end()))
        while True:
            if self.at(r"\cdot", r"\times"):
                self.take()
            elif not self.starts_primary():
                break
            start = self.here()
            factors.append(self.power())
            spans.append((start, self.last_end()))
        if len(factors) == 1:
            return factors[0]
        self.products.append(spans)
        return ("mul", factors)

    def power(self) -> tuple:
        base = self.primary()
        if self.at("^"):
            self.take("^")
            return ("pow", base, self.group())
        return base

    def group(self) -> tuple:
        if self.at("{"):
            self.take("{")
            inner = self.additive()
            self.take("}")
            return inner
        t = self.take()
        if t.kind == "number":
            return ("num", t.text)
        if t.kind == "symbol":
            return ("sym", t.text, None)
        raise LatexError(f"cannot use {t.text!r} as an exponent")

    def example_index(self) -> str | None:
        """A superscript (i) after a symbol: the value for example i."""
        ahead = [self.peek(k) for k in range(5)]
        if None in ahead or [t.text for t in ahead[:3]] != ["^", "{", "("]:
            return None
        if ahead[3].kind != "symbol" or ahead[4].text != ")":
            return None
        self.pos += 5
        self.take("}")
        return ahead[3].text

    def named(self) -> tuple[str, str | None]:
        t = self.take()
        if t.text == r"\theta":
            return "theta", None
        if t.kind != "symbol":
            raise LatexError(f"expected a quantity such as L or w_{{11}}, found {t.text!r}")
        return t.text, self.example_index()

    def call(self, name: str) -> tuple:
        if self.at("'"):
            self.take("'")
            name += "'"
        self.take("(")
        arg = self.additive()
        self.take(")")
        return ("call", name, arg)

    def primary(self) -> tuple:
        t = self.peek()
        if t is None:
            raise LatexError(f"unexpected end of {self.latex!r}")
        if t.kind == "number":
            self.take()
            return ("num", t.text)
        if t.kind == "symbol" and t.text == "e" and (self.peek(1) and self.peek(1).text == "^"):
            self.take()
            self.take("^")
            return ("call", "exp", self.group())
        if t.kind == "symbol" or t.text == r"\theta":
            name, index = self.named()
            return ("sym", name, index)
        if t.text in ("(", "{"):
            closing = ")" if self.take().text == "(" else "}"
            inner = self.additive()
            self.take(closing)
            return inner
        if t.text == r"\frac":
            return self.fraction()
        if t.kind == "relu":
            self.take()
            return self.call("relu")
        if t.text == r"\sigma":
            self.take()
            return self.call("sigma")
        if t.text in (r"\log", r"\ln", r"\exp"):
            self.take()
            name = "exp" if t.text == r"\exp" else "log"
            if self.at("("):
                return self.call(name)
            return ("call", name, self.power())
        if t.text == r"\sum":
            return self.summation()
        if t.kind == "begin":
            return self.cases()
        raise LatexError(f"unexpected {self.latex[t.start : t.end]!r} (position {t.start})")

    def fraction(self) -> tuple:
        self.take(r"\frac")
        self.take("{")
        if self.at(r"\partial"):  # \frac{\partial A}{\partial B}
            self.take(r"\partial")
            of, index = self.named()
            self.take("}")
            self.take("{")
            self.take(r"\partial")
            wrt, wrt_index = self.named()
            self.take("}")
            if wrt_index is not None:
                raise LatexError("differentiate by a parameter or a value, not by one example's value")
            return ("partial", of, index, wrt)
        top = self.additive()
        self.take("}")
        self.take("{")
        bottom = self.additive()
        self.take("}")
        return ("div", top, bottom)

    def summation(self) -> tuple:
        self.take(r"\sum")
        self.take("_")
        self.take("{")
        var = self.take(kind="symbol").text
        self.take("=")
        low = self.take(kind="number").text
        self.take("}")
        self.take("^")
        if self.at("{"):
            self.take("{")
            high = self.take(kind="symbol").text
            self.take("}")
        else:
            high = self.take(kind="symbol").text
        if low != "1" or high != "n":
            raise LatexError("a sum must run over the examples, from 1 to n")
        return ("sum", var, self.product())

    def condition(self) -> tuple:
        while self.peek() and self.peek().kind == "text":
            words = self.take().text[len(r"\text{") : -1].strip()
            if words == "otherwise":
                return ("true",)
            if words != "if":
                raise LatexError(f"unexpected text {words!r} in a condition")
        left = self.additive()
        op = self.take().text
        if op not in _RELATIONS:
            raise LatexError(f"expected a comparison such as > or \\le, found {op!r}")
        return ("rel", op, left, self.additive())

    def cases(self) -> tuple:
        self.take(kind="begin")
        rows = []
        while True:
            value = self.additive()
            self.take("&")
            rows.append((value, self.condition()))
            if self.peek() and self.peek().kind == "rowsep":
                self.take()
                continue
            self.take(kind="end")
            return ("cases", rows)


def parse(latex: str) -> tuple[list[tuple], list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """Parse ``side = side = ...`` into node trees, their text spans and every product's factor spans."""
    parser = _Parser(latex)
    if not parser.tokens:
        raise LatexError("empty equation")
    sides, spans = parser.equation()
    return sides, spans, parser.products


def nodes_in(node: tuple):
    """Yield a node tree's nodes, the tree itself first (e.g. to look for derivatives)."""
    yield node
    for item in node[1:]:
        parts = item if isinstance(item, list) else [item]
        for part in parts:
            # a list holds nodes, (sign, term) pairs of a sum, or (value, condition) pairs of cases
            for candidate in part if isinstance(part, tuple) and not isinstance(part[0], str) else [part]:
                if isinstance(candidate, tuple) and candidate and isinstance(candidate[0], str):
                    yield from nodes_in(candidate)


def _value(node: tuple, env: dict) -> sp.Expr:
    """Turn one node tree into a sympy expression in x1, x2, y and the parameters."""
    kind = node[0]
    if kind == "num":
        return sp.Rational(node[1])
    if kind == "sym":
        return _named_value(node[1], node[2], env)
    if kind == "partial":
        _, of, index, wrt = node
        wrt = env["theta"] if wrt == "theta" else wrt
        if of == "theta":
            raise LatexError("cannot differentiate the placeholder theta")
        return _per_example(partial(of, wrt), index, env)
    if kind == "add":
        return sp.Add(*(sign * _value(term, env) for sign, term in node[1]))
    if kind == "mul":
        return sp.Mul(*(_value(f, env) for f in node[1]))
    if kind == "div":
        return _value(node[1], env) / _value(node[2], env)
    if kind == "pow":
        return _value(node[1], env) ** _value(node[2], env)
    if kind == "call":
        functions = {
            "relu": RELU,
            "relu'": RELU_PRIME,
            "sigma": SIGMA,
            "sigma'": SIGMA_PRIME,
            "log": sp.log,
            "exp": sp.exp,
        }
        if node[1] not in functions:
            raise LatexError(f"unknown function {node[1]}")
        return functions[node[1]](_value(node[2], env))
    if kind == "sum":
        _, var, body = node
        return sp.Add(*(_value(body, {**env, var: k}) for k in range(1, N_EXAMPLES + 1)))
    if kind == "cases":
        return sp.Piecewise(*((_value(v, env), _value(c, env)) for v, c in node[1]))
    if kind == "rel":
        return _RELATIONS[node[1]](_value(node[2], env), _value(node[3], env))
    if kind == "true":
        return sp.true
    raise LatexError(f"cannot evaluate {kind}")


def _per_example(expr: sp.Expr, index: str | None, env: dict) -> sp.Expr:
    if index is None:
        return expr
    if index not in env:
        raise LatexError(f"the example index ({index}) is used outside a sum over {index}")
    return for_example(expr, env[index])


def _named_value(name: str, index: str | None, env: dict) -> sp.Expr:
    if name == "n":
        return sp.Integer(N_EXAMPLES)
    if name == "z":
        return z
    if name == "theta":
        return PARAMS[env["theta"]]
    if name == "J":
        return cost_expression()
    if name in FORWARD:
        return _per_example(FORWARD[name], index, env)
    if name in ("x1", "x2", "y"):
        return _per_example(symbol_for(name), index, env)
    if name in PARAMS:
        return PARAMS[name]
    raise LatexError(f"unknown symbol {name!r}")


def latex_to_sympy(latex: str, theta: str | None = None) -> list[sp.Expr]:
    """Every side of a LaTeX equation as a sympy expression in x1, x2, y and the parameters.

    ``theta`` names the parameter that a ``\\theta`` in the equation stands for.
    """
    sides, _, _ = parse(latex)
    env = {} if theta is None else {"theta": theta}
    return [_value(side, env) for side in sides]


# ---------------------------------------------------------------------------
# 2. The checker
# ---------------------------------------------------------------------------


def _sample_points(count: int = 24, seed: int = 20240607) -> dict[sp.Symbol, np.ndarray]:
    """Random values for every symbol an equation can contain (both signs of z11, z12 occur)."""
    rng = np.random.default_rng(seed)
    symbols = [x1, x2, *PARAMS.values(), z]
    for k in range(1, N_EXAMPLES + 1):
        symbols += [s for s in example_symbols(k).values() if not s.name.startswith("y")]
    points = {s: rng.normal(0.0, 1.0, count) for s in symbols}
    points[z] = rng.normal(0.0, 2.0, count)
    for label in [y, *(example_symbols(k)[y] for k in range(1, N_EXAMPLES + 1))]:
        points[label] = rng.uniform(0.0, 1.0, count)  # any real y: the identities hold for all y
    return points


POINTS = _sample_points()
_POINT_SYMBOLS = tuple(POINTS)


@lru_cache(maxsize=4096)
def _numbers(expr: sp.Expr) -> np.ndarray:
    unknown = expr.free_symbols - set(_POINT_SYMBOLS)
    if unknown:
        raise LatexError(f"unknown symbol(s) {sorted(map(str, unknown))}")
    count = len(POINTS[z])
    if expr.has(sp.zoo, sp.nan, sp.oo, sp.I):  # e.g. 1/0 after a dropped factor: no real value
        return np.full(count, np.nan)
    f = sp.lambdify(_POINT_SYMBOLS, expr, modules="numpy")
    with np.errstate(all="ignore"):
        values = np.asarray(f(*POINTS.values()), dtype=float)
    return np.broadcast_to(values, (count,))


def numerically_equal(a: sp.Expr, b: sp.Expr, rtol: float = 1e-9) -> bool:
    """Do a and b agree at every sample point (where both are finite real numbers)?"""
    va, vb = _numbers(a), _numbers(b)
    if not (np.all(np.isfinite(va)) and np.all(np.isfinite(vb))):
        return False
    return bool(np.all(np.abs(va - vb) <= rtol * (1 + np.abs(va) + np.abs(vb))))


def _new_variables(expr: sp.Expr) -> sp.Expr:
    """Write expr with z11, z12, z2 as variables in place of b11, b12, b2.

    The map (b11, b12, b2) <-> (z11, z12, z2) is one-to-one, so an identity holds
    in one set of variables exactly when it holds in the other; in the new ones
    the exponentials collapse to exp(z2) and sympy simplifies in a blink.
    """
    Z11, Z12, Z2 = sp.symbols("Z11 Z12 Z2", real=True)
    w = PARAMS
    expr = expr.xreplace({w["b11"]: Z11 - w["w11"] * x1 - w["w12"] * x2, w["b12"]: Z12 - w["w13"] * x1 - w["w14"] * x2})
    return expr.xreplace({w["b2"]: Z2 - w["w21"] * RELU(Z11) - w["w22"] * RELU(Z12)})


@lru_cache(maxsize=1024)
def symbolically_equal(a: sp.Expr, b: sp.Expr) -> bool:
    """Does sympy prove a - b == 0 (branch by branch where relu makes a Piecewise)?"""
    difference = a - b
    if difference == 0 or sp.expand(difference) == 0:
        return True
    if difference.free_symbols - set(VARIABLES) - {z}:  # several examples: no change of variables
        return sp.simplify(sp.piecewise_fold(difference)) == 0
    return sp.simplify(sp.piecewise_fold(_new_variables(difference))) == 0


@dataclass
class EquationCheck:
    """The verdict on one equation: ok only if every side equals the first one."""

    latex: str
    label: str
    ok: bool
    sides: int = 0
    problems: list[str] = field(default_factory=list)


def _plain(node: tuple) -> str:
    """A short plain-text name for a side, e.g. ∂L/∂w11, for reports."""
    kind = node[0]
    if kind == "partial":
        sup = f"({node[2]})" if node[2] else ""
        wrt = "θ" if node[3] == "theta" else node[3]
        return f"∂{node[1]}{sup}/∂{wrt}"
    if kind == "sym":
        return node[1] + (f"({node[2]})" if node[2] else "")
    if kind == "num":
        return node[1]
    if kind == "call":
        return f"{node[1].replace('sigma', 'σ')}({_plain(node[2])})"
    if kind == "add":
        text = "".join(f"{' - ' if sign < 0 else ' + '}{_plain(term)}" for sign, term in node[1])
        return text[3:] if text.startswith(" + ") else "-" + text[3:]
    if kind == "mul":
        return "·".join(_grouped(f) for f in node[1])
    if kind == "div":
        return f"{_grouped(node[1])}/{_grouped(node[2])}"
    if kind == "pow":
        return f"{_grouped(node[1])}^{_grouped(node[2])}"
    return kind


def _grouped(node: tuple) -> str:
    return f"({_plain(node)})" if node[0] == "add" else _plain(node)


def check_equation(latex: str) -> EquationCheck:
    """Check that every side of ``lhs = step = ... = rhs`` equals the left-hand side.

    The left-hand side's value comes from sympy: a derivative is sympy.diff of
    the network's expressions, a name like z2 is its forward definition. Each
    later side must agree at 24 random points (a quick filter) and sympy must
    prove the difference is zero. An equation with theta is checked for all nine parameters.
    """
    try:
        sides, spans, _ = parse(latex)
    except LatexError as e:
        return EquationCheck(latex, latex[:30], False, problems=[f"cannot read: {e}"])
    label = _plain(sides[0])
    if len(sides) < 2:
        return EquationCheck(latex, label, False, len(sides), ["not an equation (no '=')"])
    problems = []
    thetas = PARAMETERS if r"\theta" in latex else (None,)
    for theta in thetas:
        env = {} if theta is None else {"theta": theta}
        try:
            values = [_value(side, env) for side in sides]
            for j in range(1, len(sides)):
                if not (numerically_equal(values[0], values[j]) and symbolically_equal(values[0], values[j])):
                    text = latex[spans[j][0] : spans[j][1]].strip()
                    where = "" if theta is None else f" (theta = {theta})"
                    problems.append(f"side {j + 1} is not {label}{where}: {text}")
        except ValueError as e:  # LatexError, or a derivative the network does not have
            problems.append(f"cannot evaluate: {e}")
        if problems:
            break
    return EquationCheck(latex, label, not problems, len(sides), problems)


def check_derivative(parameter: str, claimed: str | sp.Expr) -> bool:
    """Is ``claimed`` (LaTeX, or a sympy expression in x1, x2, y, the parameters) equal to dL/d(parameter)?"""
    truth = true_derivative(parameter)
    value = latex_to_sympy(claimed)[0] if isinstance(claimed, str) else to_base(sp.sympify(claimed))
    return numerically_equal(truth, value) and symbolically_equal(truth, value)


_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"\$([^$]+?)\$")


def equations_in_markdown(text: str) -> list[str]:
    """Every equation a reader sees: each $$...$$ block (split at \\qquad) and inline $...$ with '='."""
    found = []
    for block in _DISPLAY.findall(text):
        found += [part.strip() for part in block.split(r"\qquad") if part.strip()]
    for inline in _INLINE.findall(_DISPLAY.sub(" ", text)):
        if "=" in inline:
            found.append(inline.strip())
    return found


def notebook_equations(path: str | Path) -> list[str]:
    """The equations of every markdown cell of a notebook, in reading order."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    found = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            found += equations_in_markdown("".join(cell["source"]))
    return found


def check_notebook(path: str | Path) -> list[EquationCheck]:
    """Check every equation of a notebook's markdown."""
    return [check_equation(eq) for eq in notebook_equations(path)]


def report(checks: list[EquationCheck], columns: int = 2) -> str:
    """A compact table: each equation's left-hand side, its number of sides, ✓ or ✗."""
    width = max((len(c.label) for c in checks), default=0)
    cells = [f"{c.label:<{width}}  {c.sides} sides  {'✓' if c.ok else '✗'}" for c in checks]
    width = max(map(len, cells), default=0) + 4
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    return "\n".join("".join(cell.ljust(width) for cell in row).rstrip() for row in rows)


# Single-index changes: each indexed symbol can become any other of its family.
FAMILIES = {
    "w": ("11", "12", "13", "14", "21", "22"),
    "b": ("11", "12", "2"),
    "z": ("11", "12", "2"),
    "a": ("11", "12", "2"),
    "x": ("1", "2"),
}


@dataclass(frozen=True)
class Mutant:
    """A copy of an equation with one deliberate mistake."""

    kind: str  # "index", "sign", "negate side" or "drop factor"
    change: str
    latex: str


def mutants(latex: str) -> list[Mutant]:
    """Every single-mistake copy of an equation: one index, one sign, or one factor changed."""
    found = []
    for t in tokenize(latex):
        letter, index = t.text[:1], t.text[1:]
        if t.kind == "symbol" and index in FAMILIES.get(letter, ()):
            for other in FAMILIES[letter]:
                if other != index:
                    new = f"{letter}_{{{other}}}"
                    found.append(
                        Mutant("index", f"{latex[t.start : t.end]} -> {new}", latex[: t.start] + new + latex[t.end :])
                    )
        if t.kind == "op" and t.text in "+-":
            flipped = "-" if t.text == "+" else "+"
            found.append(
                Mutant("sign", f"{t.text} -> {flipped} at {t.start}", latex[: t.start] + flipped + latex[t.end :])
            )
    _, spans, products = parse(latex)
    for j, (start, end) in enumerate(spans):
        found.append(Mutant("negate side", f"side {j + 1}", f"{latex[:start]}-({latex[start:end]}){latex[end:]}"))
    for factors in products:
        for k, (start, end) in enumerate(factors):
            # remove the factor with the \cdot before it (or after it, for the first factor)
            cut = (factors[k - 1][1], end) if k else (start, factors[1][0])
            found.append(Mutant("drop factor", latex[start:end].strip(), latex[: cut[0]] + " " + latex[cut[1] :]))
    return found


def same_meaning(original: str, mutant: str) -> bool:
    """Does every side of the mutant equal the same side of the original (so the change is harmless)?"""
    a, b = parse(original)[0], parse(mutant)[0]
    if len(a) != len(b):
        return False
    for theta in PARAMETERS if r"\theta" in original else (None,):
        env = {} if theta is None else {"theta": theta}
        for left, right in zip(a, b):
            if not numerically_equal(_value(left, env), _value(right, env)):
                return False
    return True
