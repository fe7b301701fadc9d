"""Wrong answers made from a right one: the attacks that every write-it exercise's check must refuse.

``mutants(solution, name)`` takes the source of an exercise's solution and the
name of the function the learner writes, and returns (what was changed, new
source) pairs, each one small slip away from the solution. The slips are
rules of tests/mutation.py, the suite's one way of planting mistakes (``slips``
finds each rule's pieces with Python's own parser, inside the learner's
definition only), and tests/mutation.py's ``mutants`` plants them one at a time:

- a sign flipped (``+`` for ``-``, a minus dropped, a constant negated), a flag flipped, a 0 made 1;
- an operator swapped (``*`` for ``/``, ``@`` for ``*``, ``**`` for ``*``);
- a factor or term dropped (``a * b`` becomes ``a``, and ``b``);
- a comparison loosened or tightened (``>`` for ``>=``, ...);
- an index or axis swapped (``[0]`` for ``[1]``, ``axis=0`` for ``axis=1``), ``keepdims`` dropped;
- one parameter read in place of another (the wrong variable that happens to be equal on one example);
- the two arguments of a call swapped.

``wrappers(function)`` makes the mutants that need no source: the function
with one argument fixed at the value of its first call (an answer that
ignores an argument, or hard-codes the worked example's), with its input
changed in place after computing the right answer, and with its result
returned in a wrong form (a string, a pair, a column instead of a row).

The kernel that runs a notebook imports this module and calls ``attack`` for
each exercise (tests/test_exercise_attacks.py).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import traceback
from collections.abc import Callable

import numpy as np
from mutation import Rule, span
from mutation import mutants as planted

SWAPS = {
    ast.Add: [ast.Sub], ast.Sub: [ast.Add], ast.Mult: [ast.Div], ast.Div: [ast.Mult], ast.FloorDiv: [ast.Div],
    ast.Pow: [ast.Mult], ast.MatMult: [ast.Mult],
}
COMPARES = {ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}


SYMMETRIC = {"max", "min", "np.maximum", "np.minimum", "np.add", "np.multiply", "math.hypot"}


def call_name(call: ast.Call) -> str:
    """The called function's dotted name as written ("np.maximum"), or "" for anything else."""
    return ast.unparse(call.func) if isinstance(call.func, ast.Name | ast.Attribute) else ""


def target(tree: ast.Module, name: str) -> ast.AST:
    """The definition of ``name`` in the solution (a function, or a class whose methods are the answer)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return node
    raise LookupError(f"the solution defines no {name}")


def parameters(definition: ast.AST) -> list[str]:
    if isinstance(definition, ast.FunctionDef):
        return [a.arg for a in definition.args.args]
    return []


class Spared:
    """What is not a slip inside a definition: the order of a symmetric call's arguments, which of an exercise's
    arrays len() measures (they have one row per example each), and an axis's sign (axis=-1 is axis=1 in two
    dimensions: an axis is swapped instead)."""

    def __init__(self, definition: ast.AST):
        calls = [n for n in ast.walk(definition) if isinstance(n, ast.Call)]
        self.unordered = {id(n) for n in calls if call_name(n) in SYMMETRIC}
        self.sized = {id(a) for n in calls if call_name(n) == "len" for a in n.args}
        self.axes = {id(n.value) for n in ast.walk(definition) if isinstance(n, ast.keyword) and n.arg == "axis"}


def inside(name: str, select: Callable[[ast.AST, Spared], bool]) -> Callable[[str], list]:
    """A rule's ``find``: the nodes of the definition of ``name`` that ``select`` accepts, as spans of the text."""

    def find(text: str) -> list:
        definition = target(ast.parse(text), name)
        spared = Spared(definition)
        return [span(text, node) for node in ast.walk(definition) if select(node, spared)]

    return find


def changed(change: Callable[[ast.AST], ast.AST | None], mode: str = "expression") -> Callable[[str], list[str]]:
    """A rule's ``into``: the piece parsed, changed (in place, or replaced by what ``change`` returns), written back.

    A changed expression is bracketed unless it is a single name, number, attribute, subscript or call, so that
    it binds as the piece did (``x * -(a + b)`` with the minus dropped is ``x * (a + b)``).
    """

    def into(piece: str) -> list[str]:
        if mode == "keyword":  # axis=0, keepdims=True
            node = ast.parse(f"f({piece})", mode="eval").body.keywords[0]
            change(node)
            return [f"{node.arg}={ast.unparse(node.value)}"]
        node = ast.parse(f"({piece})", mode="eval").body
        node = change(node) or node
        text = ast.unparse(node)
        return [text if isinstance(node, ast.Name | ast.Constant | ast.Attribute | ast.Subscript | ast.Call)
                and not text.startswith("-") else f"({text})"]

    return into


def setting(attribute: str, value: Callable[[ast.AST], object]) -> Callable[[ast.AST], None]:
    return lambda node: setattr(node, attribute, value(node))


def is_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def slips(definition: ast.AST, name: str) -> dict[str, Rule]:
    """The kinds of slip, as rules of tests/mutation.py, inside the definition of ``name``."""
    rules = {}
    for old, news in SWAPS.items():
        for new in news:
            rules[f"{new.__name__} for {old.__name__}"] = Rule(
                inside(name, lambda n, _, old=old: isinstance(n, ast.BinOp) and type(n.op) is old),
                changed(setting("op", lambda _, new=new: new())))
    rules["right operand dropped"] = Rule(
        inside(name, lambda n, _: isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult | ast.Div | ast.Add
                                                                           | ast.Sub | ast.MatMult)),
        changed(lambda n: n.left))
    rules["left operand dropped"] = Rule(
        inside(name, lambda n, _: isinstance(n, ast.BinOp) and isinstance(n.op, ast.Mult | ast.Add | ast.MatMult)),
        changed(lambda n: n.right))
    rules["minus dropped"] = Rule(inside(name, lambda n, _: isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub)),
                                  changed(lambda n: n.operand))
    rules["comparison loosened or tightened"] = Rule(
        inside(name, lambda n, _: isinstance(n, ast.Compare) and len(n.ops) == 1 and type(n.ops[0]) in COMPARES),
        changed(setting("ops", lambda n: [COMPARES[type(n.ops[0])]()])))
    rules["flag flipped"] = Rule(inside(name, lambda n, _: isinstance(n, ast.Constant) and type(n.value) is bool),
                                 changed(setting("value", lambda n: not n.value)))
    rules["constant changed"] = Rule(
        inside(name, lambda n, spared: is_number(n) and (n.value == 0 or (id(n) not in spared.axes
                                                                          and n.value in (1, 2, 0.5)))),
        changed(setting("value", lambda n: {0: type(n.value)(1), 1: 2, 2: 1, 0.5: 1.0}[n.value])))
    rules["constant negated"] = Rule(inside(name, lambda n, spared: is_number(n) and n.value != 0
                                            and id(n) not in spared.axes),
                                     changed(setting("value", lambda n: -n.value)))
    rules["axis swapped"] = Rule(
        inside(name, lambda n, _: isinstance(n, ast.keyword) and n.arg == "axis" and isinstance(n.value, ast.Constant)
               and n.value.value in (0, 1, -1)),
        changed(setting("value", lambda n: ast.Constant({0: 1, 1: 0, -1: 0}[n.value.value])), mode="keyword"))
    rules["keepdims dropped"] = Rule(inside(name, lambda n, _: isinstance(n, ast.keyword) and n.arg == "keepdims"),
                                     changed(setting("value", lambda _: ast.Constant(False)), mode="keyword"))
    rules["index swapped"] = Rule(
        inside(name, lambda n, _: isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant)
               and n.slice.value in (0, 1)),
        changed(setting("slice", lambda n: ast.Constant(1 - n.slice.value))))
    names = parameters(definition)
    for read in names:
        for other in names:
            if other != read:
                rules[f"{other} read for {read}"] = Rule(
                    inside(name, lambda n, spared, read=read: isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
                           and n.id == read and id(n) not in spared.sized),
                    lambda _, other=other: [other])
    rules["call's two arguments swapped"] = Rule(
        inside(name, lambda n, spared: isinstance(n, ast.Call) and len(n.args) == 2 and not n.keywords
               and id(n) not in spared.unordered),
        changed(setting("args", lambda n: n.args[::-1])))
    return rules


def mutants(solution: str, name: str) -> list[tuple[str, str]]:
    """(what changed, mutated source) for every single slip in the definition of ``name``; each compiles."""
    definition = target(ast.parse(solution), name)
    found = []
    for mutant in planted(solution, slips(definition, name)):
        try:
            compile(mutant.text, "<mutant>", "exec")
        except SyntaxError:
            continue
        found.append((f"line {mutant.line - definition.lineno}: {mutant.old}: {mutant.rule}", mutant.text))
    return found


def changed_in_place(value) -> bool:
    """Change value in place the way a careless answer would; whether there was anything to change."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size and value.flags.writeable:
        value += 1.0
        return True
    if isinstance(value, dict) and value:
        key = next(iter(value))
        if isinstance(value[key], float | int):
            value[key] = value[key] + 1.0
            return True
    return False


def wrappers(function, names: list[str], returns: bool = True) -> list[tuple[str, object]]:
    """Wrong answers made by wrapping the right function: an argument fixed, the input changed, a wrong form."""
    found = []
    for i, name in enumerate(names):
        first = {}

        def fixed(*args, _i=i, _first=first):
            if "value" not in _first:
                _first["value"] = copy.deepcopy(args[_i])
            args = (*args[:_i], copy.deepcopy(_first["value"]), *args[_i + 1:])
            return function(*args)

        found.append((f"argument {name} fixed at its first value", fixed))

    def mutates(*args):
        result = function(*copy.deepcopy(args))
        for arg in args:
            if changed_in_place(arg):
                mutates.changed = True
                break
        return result

    mutates.changed = False

    def as_text(*args):
        return str(function(*args))

    def as_pair(*args):
        return (function(*args), function(*args))

    def as_column(*args):
        result = function(*args)
        if isinstance(result, np.ndarray) and result.ndim == 1 and result.size > 1:
            return result.reshape(-1, 1)
        return [result, result]

    found.append(("input changed in place", mutates))
    if returns:  # a function whose job is to change what it is given (compile a model) returns nothing to misshape
        found += [("result returned as text", as_text), ("result returned twice, as a pair", as_pair),
                  ("result returned as a column (or a list of two)", as_column)]
    return found


def verdict_of(check_call: str, namespace: dict) -> str:
    """What the check cell prints with this namespace; a traceback from the check itself is returned as such."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            eval(check_call, namespace)
    except Exception:  # a check must never raise: report it, with where
        return "TRACEBACK " + traceback.format_exc(limit=-3)
    return out.getvalue()


def attack(solution: str, name: str, check_call: str, namespace: dict, limit: int) -> list[tuple[str, str]]:
    """(what changed, the check's verdict) for up to ``limit`` mutants of the solution, spread evenly over them all."""
    scope = dict(namespace)
    exec(compile(solution, "<solution>", "exec"), scope)
    right = scope[name]
    names = parameters(target(ast.parse(solution), name))
    made = [(what, source) for what, source in mutants(solution, name)]
    definition = target(ast.parse(solution), name)
    returns = any(isinstance(node, ast.Return) and node.value is not None for node in ast.walk(definition))
    wrapped = wrappers(right, names, returns) if names else []
    chosen = made if len(made) <= limit else [made[round(k * (len(made) - 1) / (limit - 1))] for k in range(limit)]
    results = []
    for what, source in chosen:
        scope = dict(namespace)
        try:
            exec(compile(source, "<mutant>", "exec"), scope)
        except Exception as error:  # a mutant that fails at definition time (e.g. a class body): not an answer
            results.append((what, f"✗ (does not define: {type(error).__name__})"))
            continue
        results.append((what, verdict_of(check_call, scope)))
    for what, answer in wrapped:
        scope = dict(namespace)
        scope[name] = answer
        text = verdict_of(check_call, scope)
        if getattr(answer, "changed", True):  # an answer with nothing to change in place is the solution itself
            results.append((what, text))
    return results
