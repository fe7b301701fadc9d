"""One way of planting mistakes, for every mutation test of the suite.

A mutation test proves that a check has teeth: copy what is checked with one deliberate mistake, and the check
must fail on the copy. Here a mistake is always the same thing, in Python source as in LaTeX: one piece of the
text replaced by another. A ``Rule`` names a kind of mistake with two functions: ``find`` gives the pieces of a
text it may change (the matches of a regular expression, a whole expression, the factors of a product ...),
``into`` what one such piece may become instead.

``mutants(text, rules, places)`` makes every copy of ``text`` with exactly one mistake: in each place (a span of
the text, such as the right-hand side of a line of back_prop, a local derivative, a whole equation), each rule,
each piece the rule finds there, each thing that piece may become. A test names its places by what they are
(the values a function returns, the derivatives an operation records), never by where a statement stands.

The rules (``CODE`` holds those for Python, ``MATH`` those for LaTeX: index, sign, negate side, drop factor;
tests/test_autograd.py adds three of its own: other input, shifted input, = for +=; tests/attacks.py builds the
slips of the exercises' solutions the same way, from Python's parse of the learner's definition):

    index        an indexed name changed to another of its family     w21 -> w22, z_{11} -> z_{2}
    sign         one + or - flipped                                   a2 - y -> a2 + y
    negate       a whole expression (in an equation: a side) negated  dz11 * x1 -> -(dz11 * x1)
    double       a whole expression doubled                           1 / x -> 2 * (1 / x)
    drop factor  one factor of a product left out, at any depth       dz2 * w21 * relu'(z11) -> dz2 * relu'(z11)
    drop term    one term of a sum or difference left out             a2 - y -> a2
    drop call    a function forgotten                                 derivative_relu(z11) -> z11
"""

from __future__ import annotations

import ast
import re
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Span = tuple[int, int]  # the piece text[start:end]


@dataclass(frozen=True)
class Rule:
    """A kind of mistake: the pieces of a text it may change, and what each piece may become."""

    find: Callable[[str], Iterable[Span]]
    into: Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class Mutant:
    """A copy of a text with one mistake: ``old`` (on line ``line``) replaced by ``new``."""

    rule: str
    old: str
    new: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.old!r} -> {self.new!r} (line {self.line})"


def mutants(text: str, rules: dict[str, Rule], places: Iterable[Span] | None = None) -> list[Mutant]:
    """Every copy of text with one mistake made by one of the rules in one of the places (default: everywhere).

    Two mistakes that give the same copy count once.
    """
    found, seen = [], {text}
    for start, end in [(0, len(text))] if places is None else places:
        place = text[start:end]
        for name, rule in rules.items():
            for a, b in rule.find(place):
                for new in rule.into(place[a:b]):
                    copy = text[: start + a] + new + text[start + b :]
                    if copy not in seen:
                        seen.add(copy)
                        found.append(Mutant(name, place[a:b], new, text.count("\n", 0, start + a) + 1, copy))
    return found


def load(source: str, name: str) -> types.ModuleType:
    """A module run from source text (a module's source with a mistake in it), leaving the real module alone."""
    module = types.ModuleType(name)
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


# --- finding the pieces -------------------------------------------------------------------------------


def matches(pattern: str) -> Callable[[str], list[Span]]:
    """The pieces that match a regular expression."""
    return lambda text: [m.span() for m in re.finditer(pattern, text)]


def whole(text: str) -> list[Span]:
    """The place itself, as one piece."""
    return [(0, len(text))]


def cuts(groups: Callable[[str], list[list[Span]]]) -> Callable[[str], list[Span]]:
    """For each part of each group (the factors of a product, the terms of a sum): what to cut to leave it out.

    That is the part with the operator before it (``* x1``), or after it for the first part (``dz2 *``).
    """
    return lambda text: [
        (parts[k - 1][1], end) if k else (start, parts[1][0])
        for parts in groups(text)
        for k, (start, end) in enumerate(parts)
    ]


def span(source: str, node: ast.AST) -> Span:
    """Where an ast node stands in source, as offsets into the string."""
    lines = source.split("\n")

    def offset(line: int, column: int) -> int:  # ast counts lines from 1, and bytes (not characters) in a line
        return sum(len(text) + 1 for text in lines[: line - 1]) + len(lines[line - 1].encode()[:column].decode())

    return offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)


def python_chains(text: str, operators: tuple[type, ...]) -> list[list[Span]]:
    """The parts of every chain ``a * b * c`` (or ``a - b + c``) in Python text, at any depth, with their brackets."""
    found, inside = [], set()
    for node in ast.walk(ast.parse(text)):  # a chain comes before the smaller chains inside it
        if isinstance(node, ast.BinOp) and isinstance(node.op, operators) and node not in inside:
            parts, start = [node.right], span(text, node)[0]
            # a * b * c is (a * b) * c: walk down the left side, unless a bracket starts a new chain there
            while isinstance(node.left, ast.BinOp) and isinstance(node.left.op, operators):
                if span(text, node.left)[0] != start:
                    break
                node = node.left
                inside.add(node)
                parts.append(node.right)
            parts.append(node.left)
            found.append([bracketed(text, *span(text, part)) for part in reversed(parts)])
    return found


def bracketed(text: str, start: int, end: int) -> Span:
    """The span with the brackets around it: a part of a chain owns the brackets right around it, (a + b) * c."""
    while start > 0 and end < len(text) and text[start - 1] == "(" and text[end] == ")":
        start, end = start - 1, end + 1
    return start, end


def python_calls(text: str) -> list[Span]:
    """Every call of a function on one argument, f(x), at any depth."""
    calls = (n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call) and len(n.args) == 1 and not n.keywords)
    return [span(text, call) for call in calls]


def argument(call: str) -> list[str]:
    """The argument of a call f(x): x."""
    return [ast.get_source_segment(call, ast.parse(call, mode="eval").body.args[0])]


# --- the rules ---------------------------------------------------------------------------------------

# The indexed names of the 2-2-1 network (w_{11}, z12, dz2 ...): each index may become another of its family.
FAMILIES = {
    "w": ("11", "12", "13", "14", "21", "22"),
    "b": ("11", "12", "2"),
    "z": ("11", "12", "2"),
    "a": ("11", "12", "2"),
    "x": ("1", "2"),
    "dz": ("11", "12", "2"),
}


def index(pattern: str, spelling: str) -> Rule:
    """An indexed name changed to each other member of its family.

    ``pattern`` matches a name and captures its letters and its index; ``spelling`` writes a name from them.
    """

    def into(name: str) -> list[str]:
        letters, digits = re.fullmatch(pattern, name).groups()
        family = FAMILIES.get(letters, ())
        return [spelling.format(letters, other) for other in family if other != digits] if digits in family else []

    return Rule(matches(pattern), into)


def negated(piece: str) -> list[str]:
    return [f"-({piece})"]


def left_out(piece: str) -> list[str]:
    return [""]


SIGN = Rule(matches(r"[-+]"), lambda sign: ["+" if sign == "-" else "-"])

# Mistakes in Python code: a line of back_prop, a local derivative of autograd's Value.
CODE = {
    "index": index(r"\b(dz|[wbzax])(\d+)\b", "{}{}"),  # w21 -> w22, forward["z11"] -> forward["z2"]
    "sign": SIGN,
    "negate": Rule(whole, negated),
    "double": Rule(whole, lambda piece: [f"2 * ({piece})"]),
    "drop factor": Rule(cuts(lambda text: python_chains(text, (ast.Mult,))), left_out),
    "drop term": Rule(cuts(lambda text: python_chains(text, (ast.Add, ast.Sub))), left_out),
    "drop call": Rule(python_calls, argument),
}


# --- the pieces of an equation in LaTeX ---------------------------------------------------------------


def latex_sides(latex: str) -> list[Span]:
    """Each side of ``a = b = c``, without the spaces around it (the = in \\sum_{i=1} is no side's end)."""
    edges = [0, *(i for m in re.finditer(r"=(?![^{]*\})", latex) for i in m.span()), len(latex)]
    spans = []
    for start, end in zip(edges[::2], edges[1::2]):
        text = latex[start:end]
        spans.append((start + len(text) - len(text.lstrip()), end - len(text) + len(text.rstrip())))
    return spans


SEPARATOR = re.compile(r"[-+=&<>]|\\\\|\\leq?(?![a-z])|\\geq?(?![a-z])|\\text\{[^{}]*\}")  # ends a product
GAP = re.compile(r"\s*(?:\\cdot(?![a-z])\s*)?")  # between two factors
OPEN, CLOSE = re.compile(r"\\left\(|[({]"), re.compile(r"\\right\)|[)}]")
FUNCTION = re.compile(r"\\operatorname\{\w+\}'?|\\sigma'?|\\exp(?![a-z])|\\log(?![a-z])|\\ln(?![a-z])")
SIMPLE = re.compile(r"\\theta(?![a-z])|[a-zA-Z](?:_\{\d+\})?|\d+(?:\.\d+)?")


def latex_factors(latex: str, start: int = 0, end: int | None = None) -> list[list[Span]]:
    """The factors of every product of two or more factors in latex[start:end], at every depth."""
    end = len(latex) if end is None else end
    found, inner, i = [], [], start
    while i < end:
        factors, i = product(latex, i, end, inner)
        if len(factors) >= 2:
            found.append(factors)
        if m := SEPARATOR.match(latex, GAP.match(latex, i).end()):
            i = m.end()
        else:
            i = GAP.match(latex, i).end()
    for inside in inner:
        found += latex_factors(latex, *inside)
    return found


def product(latex: str, i: int, end: int, inner: list) -> tuple[list[Span], int]:
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
            i, inside = group(latex, argument)
            inner.append(inside)
        else:  # \log a_{2}: the argument is the next factor
            i = factor(latex, argument, end, inner)
    elif OPEN.match(latex, i):
        i, inside = group(latex, i)
        inner.append(inside)
    elif m := SIMPLE.match(latex, i):
        i = m.end()
    else:
        raise ValueError(f"no factor starts at {latex[i : i + 12]!r}")
    if latex.startswith("^", i):  # a power belongs to its base: e^{-z}, (1 + e^{-z})^{2}
        if latex.startswith("{", i + 1):
            i, inside = group(latex, i + 1)
            inner.append(inside)
        else:
            i += 2
    return i


def group(latex: str, i: int) -> tuple[int, Span]:
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


# Mistakes in an equation of the math notebook.
MATH = {
    "index": index(r"(?<![\\a-zA-Z])([a-zA-Z])_\{(\d+)\}", "{}_{{{}}}"),  # w_{13} -> w_{11}, not in \commands
    "sign": SIGN,
    "negate side": Rule(latex_sides, negated),
    "drop factor": Rule(cuts(latex_factors), left_out),
}
