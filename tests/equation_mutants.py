"""Wrong copies of an equation, to prove that the equation checker rejects them (mutation testing).

A mutant is a copy of an equation's LaTeX with one deliberate mistake:

- index: one indexed symbol changed to another of its family (w_{13} -> w_{11}, z_{12} -> z_{2}, x_{1} -> x_{2});
- sign: one + or - flipped;
- negate side: one side of the equation written as -(side);
- drop factor: one factor of a product removed (``a \\cdot b`` or ``w_{11} x_{1}``), at any depth.

A few mistakes change nothing (dropping a factor 1, negating a side that is 0): ``same_meaning`` recognises
them, so a test counts them instead of expecting a rejection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers import equations
from helpers.parameters import PARAMETERS

# Each indexed symbol can become any other member of its family.
FAMILIES = {
    "w": ("11", "12", "13", "14", "21", "22"),
    "b": ("11", "12", "2"),
    "z": ("11", "12", "2"),
    "a": ("11", "12", "2"),
    "x": ("1", "2"),
}
INDEXED = re.compile(r"(?<![\\a-zA-Z])([a-zA-Z])_\{(\d+)\}")  # w_{11}, not the letters of a \command


@dataclass(frozen=True)
class Mutant:
    """A copy of an equation with one deliberate mistake."""

    kind: str  # "index", "sign", "negate side" or "drop factor"
    change: str
    latex: str


def mutants(latex: str) -> list[Mutant]:
    """Every single-mistake copy of an equation: one index, one sign, one side or one factor changed."""
    found = []

    def mutant(kind: str, change: str, start: int, end: int, new: str) -> None:
        found.append(Mutant(kind, change, latex[:start] + new + latex[end:]))

    for m in INDEXED.finditer(latex):
        family = FAMILIES.get(m[1], ())
        for other in family if m[2] in family else ():
            if other != m[2]:
                mutant("index", f"{m[0]} -> {m[1]}_{{{other}}}", *m.span(), f"{m[1]}_{{{other}}}")
    for m in re.finditer(r"[-+]", latex):
        flipped = "-" if m[0] == "+" else "+"
        mutant("sign", f"{m[0]} -> {flipped} at {m.start()}", *m.span(), flipped)
    for j, (start, end) in enumerate(side_spans(latex)):
        mutant("negate side", f"side {j + 1}", start, end, f"-({latex[start:end]})")
    for factors in products(latex, 0, len(latex)):
        for k, (start, end) in enumerate(factors):
            # remove the factor with the \cdot or space before it (after it, for the first factor)
            cut = (factors[k - 1][1], end) if k else (start, factors[1][0])
            mutant("drop factor", latex[start:end], *cut, " ")
    return found


def same_meaning(original: str, mutant: str) -> bool:
    """Does every side of the mutant equal the same side of the original (so the change is harmless)?"""
    for theta in PARAMETERS if r"\theta" in original else [None]:
        a, b = equations.latex_to_sympy(original, theta), equations.latex_to_sympy(mutant, theta)
        if len(a) != len(b) or not all(equations.numerically_equal(u, v) for u, v in zip(a, b)):
            return False
    return True


def side_spans(latex: str) -> list[tuple[int, int]]:
    """(start, end) of each side of ``a = b = c``, without the spaces around it."""
    cuts = [0, *(i for m in re.finditer(r"=(?![^{]*\})", latex) for i in m.span()), len(latex)]
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        text = latex[start:end]
        spans.append((start + len(text) - len(text.lstrip()), end - len(text) + len(text.rstrip())))
    return spans


# --- the factors of every product, at every depth -------------------------------------------

SEPARATOR = re.compile(r"[-+=&<>]|\\\\|\\leq?(?![a-z])|\\geq?(?![a-z])|\\text\{[^{}]*\}")  # ends a product
GAP = re.compile(r"\s*(?:\\cdot(?![a-z])\s*)?")  # between two factors
OPEN, CLOSE = re.compile(r"\\left\(|[({]"), re.compile(r"\\right\)|[)}]")
FUNCTION = re.compile(r"\\operatorname\{\w+\}'?|\\sigma'?|\\exp(?![a-z])|\\log(?![a-z])|\\ln(?![a-z])")
SIMPLE = re.compile(r"\\theta(?![a-z])|[a-zA-Z](?:_\{\d+\})?|\d+(?:\.\d+)?")


def group(latex: str, i: int) -> tuple[int, tuple[int, int]]:
    """The bracket group opening at i ({...}, (...) or \\left(...\\right)): its end and the span inside it."""
    depth, j = 0, i
    while True:
        if m := OPEN.match(latex, j):
            depth += 1
        elif m := CLOSE.match(latex, j):
            depth -= 1
        if depth == 0:
            return m.end(), (OPEN.match(latex, i).end(), m.start())
        j = m.end() if m else j + 1


def product(latex: str, i: int, end: int, inner: list) -> tuple[list[tuple[int, int]], int]:
    """The factors of the product starting at i (up to a + - = or the end), and where it ends."""
    factors = []
    while (i := GAP.match(latex, i).end()) < end and not SEPARATOR.match(latex, i):
        start, i = i, factor(latex, i, end, inner)
        factors.append((start, i))
    return factors, (factors[-1][1] if factors else i)


def factor(latex: str, i: int, end: int, inner: list) -> int:
    """Read one factor starting at i; return where it ends, adding the spans inside it to ``inner``."""
    if latex.startswith(r"\frac{\partial", i):  # a derivative has no factors to drop
        i = group(latex, group(latex, i + len(r"\frac"))[0])[0]
    elif latex.startswith(r"\frac", i):
        after_top, top = group(latex, i + len(r"\frac"))
        i, bottom = group(latex, after_top)
        inner += [top, bottom]
    elif latex.startswith(r"\begin{cases}", i):
        body_end = latex.index(r"\end{cases}", i)
        inner.append((i + len(r"\begin{cases}"), body_end))
        i = body_end + len(r"\end{cases}")
    elif latex.startswith(r"\sum_", i):  # \sum_{i=1}^{n} and the product after it
        start = group(latex, group(latex, i + len(r"\sum_"))[0] + 1)[0]
        _, i = product(latex, start, end, [])
        inner.append((start, i))
    elif m := FUNCTION.match(latex, i):
        argument = GAP.match(latex, m.end()).end()
        if OPEN.match(latex, argument):  # relu'(z_{11}), \log(1 - a_{2})
            i, span = group(latex, argument)
            inner.append(span)
        else:  # \log a_{2}: the argument is the next factor
            i = factor(latex, argument, end, inner)
    elif OPEN.match(latex, i):
        i, span = group(latex, i)
        inner.append(span)
    elif m := SIMPLE.match(latex, i):
        i = m.end()
    else:
        raise ValueError(f"no factor starts at {latex[i : i + 12]!r}")
    if latex.startswith("^", i):  # a power belongs to its base: e^{-z}, (1 + e^{-z})^{2}
        if latex.startswith("{", i + 1):
            i, span = group(latex, i + 1)
            inner.append(span)
        else:
            i += 2
    return i


def products(latex: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """The (start, end) of every factor of every product of two or more factors in latex[start:end]."""
    found, inner, i = [], [], start
    while i < end:
        factors, i = product(latex, i, end, inner)
        if len(factors) >= 2:
            found.append(factors)
        if m := SEPARATOR.match(latex, GAP.match(latex, i).end()):
            i = m.end()
        else:
            i = GAP.match(latex, i).end()
    for span in inner:
        found += products(latex, *span)
    return found
