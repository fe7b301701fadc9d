"""How far apart two computations of the same numbers are, and a visible check of it.

Every agreement in the series (backprop against sympy, finite differences,
GradientTape; the loop network against the matrix network and Keras) is
measured by ``relative_difference`` and shown by ``confirm`` or a
``gradient_table``.
"""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

from helpers.parameters import PARAMETERS

# Below this size a gradient is "zero" for a relative comparison (see relative_difference).
TINY = 1e-12


def relative_difference(a: float, b: float, floor: float = TINY) -> float:
    """|a - b| / max(|a|, |b|, floor): how far apart two numbers are, relative to their size.

    Dividing by the larger of the two makes the measure symmetric and scale-free:
    1.0 vs 1.1 and 1e-5 vs 1.1e-5 are both about 9% apart. Near zero a plain
    ratio misleads: 1e-20 and 2e-20 are 50% apart but both are zero for any
    purpose here, mere rounding noise. The ``floor`` stops that: when both
    numbers are smaller than it, we divide by the floor instead, which turns
    the test into an absolute one (|a - b| compared with the floor). Two exact
    zeros give 0.
    """
    a, b = float(a), float(b)
    if not (math.isfinite(a) and math.isfinite(b)):
        raise ValueError(f"cannot compare non-finite numbers: {a} and {b}")
    return abs(a - b) / max(abs(a), abs(b), floor)


def max_relative_difference(first: dict[str, float], second: dict[str, float], floor: float = TINY) -> float:
    """The largest relative difference between two gradients, over the nine parameters."""
    for name, gradient in (("first", first), ("second", second)):
        missing = [p for p in PARAMETERS if p not in gradient]
        if missing:
            raise ValueError(f"the {name} gradient has no entry for {', '.join(missing)}")
    return max(relative_difference(first[p], second[p], floor) for p in PARAMETERS)


def gradient_table(
    gradients: dict[str, dict[str, float]], approximate: tuple[str, ...] = ("finite difference",), floor: float = TINY
) -> pd.DataFrame:
    """One row per parameter, one column per method, plus how far the methods are apart.

    ``gradients`` maps a method name to its gradient dict, e.g.
    {"backprop": ..., "sympy": ..., "finite difference": ..., "GradientTape": ...}.
    Methods named in ``approximate`` are approximations; the others are exact.
    Two extra columns, per parameter:

    - "exact vs exact": the largest relative difference between two exact methods;
    - "exact vs approximate": the largest between an exact and an approximate one.

    Values are kept at full precision (assert on them); round only to display.
    """
    if not gradients:
        raise ValueError("no gradients to compare")
    exact = [m for m in gradients if m not in approximate]
    approx = [m for m in gradients if m in approximate]
    table = pd.DataFrame(
        {m: [float(g[p]) for p in PARAMETERS] for m, g in gradients.items()},
        index=pd.Index(PARAMETERS, name="parameter"),
    )
    if len(exact) >= 2:
        table["exact vs exact"] = [
            max(relative_difference(table.at[p, m1], table.at[p, m2], floor) for m1, m2 in combinations(exact, 2))
            for p in PARAMETERS
        ]
    if exact and approx:
        table["exact vs approximate"] = [
            max(relative_difference(table.at[p, m1], table.at[p, m2], floor) for m1 in exact for m2 in approx)
            for p in PARAMETERS
        ]
    return table


def display_table(table: pd.DataFrame, bounds: dict[str, float], digits: int = 6) -> pd.DataFrame:
    """A copy of a gradient table for printing.

    Gradients are rounded to ``digits`` significant digits. Each difference
    column named in ``bounds`` shows "< bound" where the difference is below its
    bound, and the number itself where it is not (so a failure stands out).
    The exact tiny differences (1e-15, 1e-9 ...) come from rounding, which can
    vary from machine to machine; a comparison with the bound does not.
    """
    unknown = [column for column in bounds if column not in table.columns]
    if unknown:
        raise ValueError(f"no column(s) {', '.join(map(repr, unknown))} in the table")
    shown = pd.DataFrame(index=table.index)
    for column in table.columns:
        if column in bounds:
            bound = bounds[column]
            shown[column] = [f"< {bound:.0e}" if v < bound else f"{v:.1e}" for v in table[column]]
        else:
            shown[column] = [f"{v:.{digits}g}" for v in table[column]]
    return shown


def confirm(what: str, difference: float, bound: float) -> None:
    """One visible check: fail unless ``difference`` < ``bound``, else print "✓ what: largest difference < 1e-15".

    The difference is printed as the power of ten just above it, not to its
    last digit: the last bits of a rounding error may change from one machine
    to another, the power of ten above it hardly ever does.
    """
    difference = float(difference)
    if not difference < bound:
        raise AssertionError(f"{what}: the difference {difference:.3g} is not below {bound:.0e}")
    shown = "0" if difference == 0 else f"< {10.0 ** (math.floor(math.log10(difference)) + 1):.0e}"
    print(f"✓ {what}: largest difference {shown} (allowed: {bound:.0e})")
