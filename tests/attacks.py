"""Wrong answers made from a right one: the attacks that every write-it exercise's check must refuse.

``mutants(solution, name)`` takes the source of an exercise's solution and the
name of the function the learner writes, and returns (what was changed, new
source) pairs, each one small slip away from the solution:

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

import numpy as np

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


def edits(definition: ast.AST) -> list[tuple[ast.AST, str, object]]:
    """Every single-node slip inside the definition: (node, what changes, how to change it)."""
    names = parameters(definition)
    # Not slips: the order of a symmetric call's arguments, and which of an exercise's arrays is measured by len():
    # they have one row per example each. An axis is swapped, not negated (axis=-1 is axis=1 in two dimensions).
    unordered = {id(n) for n in ast.walk(definition) if isinstance(n, ast.Call) and call_name(n) in SYMMETRIC}
    sized = {id(a) for n in ast.walk(definition) if isinstance(n, ast.Call) and call_name(n) == "len" for a in n.args}
    axes = {id(n.value) for n in ast.walk(definition) if isinstance(n, ast.keyword) and n.arg == "axis"}
    found = []
    for node in ast.walk(definition):
        if isinstance(node, ast.BinOp):
            for op in SWAPS.get(type(node.op), []):
                found.append((node, f"{op.__name__} for {type(node.op).__name__}", ("op", op)))
            if isinstance(node.op, ast.Mult | ast.Div | ast.Add | ast.Sub | ast.MatMult):
                found.append((node, "right operand dropped", ("keep", "left")))
                if isinstance(node.op, ast.Mult | ast.Add | ast.MatMult):
                    found.append((node, "left operand dropped", ("keep", "right")))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            found.append((node, "minus dropped", ("unminus", None)))
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARES:
            found.append((node, "comparison loosened or tightened", ("compare", COMPARES[type(node.ops[0])])))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            found.append((node, "flag flipped", ("constant", not node.value)))
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value == 0:
            found.append((node, "constant changed", ("constant", type(node.value)(1))))
        elif (isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value != 0
              and id(node) not in axes):
            found.append((node, "constant negated", ("constant", -node.value)))
            if node.value in (1, 2, 0.5):
                found.append((node, "constant changed", ("constant", {1: 2, 2: 1, 0.5: 1.0}[node.value])))
        elif isinstance(node, ast.keyword) and node.arg == "axis" and isinstance(node.value, ast.Constant):
            other = {0: 1, 1: 0, -1: 0}.get(node.value.value)
            if other is not None:
                found.append((node, "axis swapped", ("axis", other)))
        elif isinstance(node, ast.keyword) and node.arg == "keepdims":
            found.append((node, "keepdims dropped", ("keepdims", None)))
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in (0, 1):
            found.append((node, "index swapped", ("index", 1 - node.slice.value)))
        elif (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names
              and id(node) not in sized):
            for other in names:
                if other != node.id:
                    found.append((node, f"{other} read for {node.id}", ("name", other)))
        elif isinstance(node, ast.Call) and len(node.args) == 2 and not node.keywords and id(node) not in unordered:
            found.append((node, "call's two arguments swapped", ("swapargs", None)))
    return found


def apply(node: ast.AST, how: tuple[str, object]) -> ast.AST | None:
    """Change node as ``how`` says, in place, or give its replacement."""
    kind, value = how
    if kind == "op":
        node.op = value()
    elif kind == "keep":
        return node.left if value == "left" else node.right
    elif kind == "unminus":
        return node.operand
    elif kind == "compare":
        node.ops = [value()]
    elif kind == "constant":
        node.value = value
    elif kind == "axis":
        node.value = ast.Constant(value)
    elif kind == "keepdims":
        node.value = ast.Constant(False)
    elif kind == "index":
        node.slice = ast.Constant(value)
    elif kind == "name":
        node.id = value
    elif kind == "swapargs":
        node.args = node.args[::-1]
    return None


class Replace(ast.NodeTransformer):
    def __init__(self, node_id: int, how):
        self.node_id, self.how = node_id, how

    def generic_visit(self, node):
        super().generic_visit(node)
        if id(node) == self.node_id:
            replacement = apply(node, self.how)
            return replacement if replacement is not None else node
        return node


def mutants(solution: str, name: str) -> list[tuple[str, str]]:
    """(what changed, mutated source) for every single slip in the definition of ``name``; each compiles."""
    found = []
    count = len(edits(target(ast.parse(solution), name)))
    for k in range(count):
        tree = ast.parse(solution)
        definition = target(tree, name)
        node, what, how = edits(definition)[k]
        text = ast.unparse(node) if not isinstance(node, ast.keyword) else f"{node.arg}={ast.unparse(node.value)}"
        line = node.lineno - definition.lineno if hasattr(node, "lineno") else 0
        tree = Replace(id(node), how).visit(tree)
        ast.fix_missing_locations(tree)
        source = ast.unparse(tree)
        try:
            compile(source, "<mutant>", "exec")
        except SyntaxError:
            continue
        found.append((f"line {line}: {text}: {what}", source))
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
