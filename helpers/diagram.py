"""The picture of the 2-2-1 network, labelled with the math notebook's symbols.

Every label is a symbol of the equations (x1, w11, z11/a11, b2, ...), so a
reader can put a finger on the picture while reading a derivative.
``draw_weight_matrix`` puts the first layer's arrows beside the matrix W1 that
stores them (chapter 06).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

RADIUS = 0.62
# Okabe-Ito colours, light fills so black text stays readable.
FILL = {"input": "#CFE6F5", "hidden": "#FBE3B3", "output": "#F6CDB4", "loss": "#E6E6E6"}
EDGE = {"input": "#0072B2", "hidden": "#E69F00", "output": "#D55E00", "loss": "#555555"}

# Where each unit sits: (x, y) in the axes' data coordinates.
POSITIONS = {"x1": (1.0, 4.6), "x2": (1.0, 1.4), "h1": (5.0, 4.6), "h2": (5.0, 1.4), "out": (9.0, 3.0)}
# (from, to, weight label, fraction of the way along the edge for the label)
EDGES = [
    ("x1", "h1", "$w_{11}$", 0.5),
    ("x2", "h1", "$w_{12}$", 0.3),
    ("x1", "h2", "$w_{13}$", 0.3),
    ("x2", "h2", "$w_{14}$", 0.5),
    ("h1", "out", "$w_{21}$", 0.5),
    ("h2", "out", "$w_{22}$", 0.5),
]


def _unit(ax: Axes, name: str, kind: str, top: str, bottom: str | None, caption: str) -> None:
    """One circle: the symbol(s) inside, a caption (what it is) underneath."""
    x, y = POSITIONS[name]
    ax.add_patch(Circle((x, y), RADIUS, facecolor=FILL[kind], edgecolor=EDGE[kind], linewidth=2, zorder=3))
    if bottom is None:
        ax.text(x, y, top, ha="center", va="center", fontsize=17, zorder=4)
    else:
        ax.text(x, y + 0.2, top, ha="center", va="center", fontsize=14, zorder=4)
        ax.plot([x - 0.42, x + 0.42], [y, y], color=EDGE[kind], linewidth=1, zorder=4)
        ax.text(x, y - 0.22, bottom, ha="center", va="center", fontsize=14, zorder=4)
    if kind == "input":  # inputs: the column name on the left, out of the edges' way
        ax.text(x - RADIUS - 0.15, y, caption, ha="right", va="center", fontsize=10, color="#333333")
    else:
        ax.text(x, y - RADIUS - 0.3, caption, ha="center", va="top", fontsize=10, color="#333333")


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], **style) -> None:
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, shrinkA=0, shrinkB=0, **style))


def _edge(ax: Axes, source: str, target: str, label: str, where: float, colour: str | None = None) -> None:
    """An arrow from circle edge to circle edge, its weight written on it (grey and black, or all in ``colour``)."""
    (x0, y0), (x1, y1) = POSITIONS[source], POSITIONS[target]
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    start, end = (x0 + ux * RADIUS, y0 + uy * RADIUS), (x1 - ux * RADIUS, y1 - uy * RADIUS)
    _arrow(ax, start, end, color=colour or "#444444", linewidth=1.4 if colour is None else 2.2, zorder=2)
    lx, ly = start[0] + (end[0] - start[0]) * where, start[1] + (end[1] - start[1]) * where
    box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"}
    ax.text(lx, ly, label, ha="center", va="center", fontsize=13, bbox=box, zorder=5, color=colour or "black")


def draw_network(ax: Axes | None = None) -> Figure:
    """Draw the 2-2-1 network: inputs, relu hidden units, sigmoid output, loss.

    Each hidden or output circle shows its pre-activation over its activation
    (z11 over a11); each arrow carries its weight; each bias is written above
    its unit. Returns the figure (call plt.show() or fig.savefig()).
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 5.2), facecolor="white")
    fig = ax.figure
    ax.set_xlim(-1.9, 13.4)
    ax.set_ylim(-0.6, 6.3)
    ax.set_aspect("equal")
    ax.axis("off")

    for source, target, label, where in EDGES:
        _edge(ax, source, target, label, where)
    _unit(ax, "x1", "input", "$x_{1}$", None, "texture_mean")
    _unit(ax, "x2", "input", "$x_{2}$", None, "radius_mean")
    _unit(ax, "h1", "hidden", "$z_{11}$", "$a_{11}$", "relu")
    _unit(ax, "h2", "hidden", "$z_{12}$", "$a_{12}$", "relu")
    _unit(ax, "out", "output", "$z_{2}$", "$a_{2}$", r"sigmoid $\sigma$")
    for unit, bias in (("h1", "$+\\,b_{11}$"), ("h2", "$+\\,b_{12}$"), ("out", "$+\\,b_{2}$")):
        x, y = POSITIONS[unit]
        ax.text(
            x,
            y + RADIUS + 0.12,
            bias,
            ha="center",
            va="bottom",
            fontsize=13,
            color=EDGE["hidden"] if unit != "out" else EDGE["output"],
        )

    # the loss compares a2 with the label y
    ax.add_patch(
        FancyBboxPatch(
            (11.4, 2.45),
            1.3,
            1.1,
            boxstyle="round,pad=0.1",
            facecolor=FILL["loss"],
            edgecolor=EDGE["loss"],
            linewidth=2,
            zorder=3,
        )
    )
    ax.text(12.05, 3.0, "$L$", ha="center", va="center", fontsize=17, zorder=4)
    ax.text(12.05, 2.2, "loss", ha="center", va="top", fontsize=10, color="#333333")
    _arrow(ax, (9.0 + RADIUS, 3.0), (11.3, 3.0), color="#444444", linewidth=1.4)
    _arrow(ax, (12.05, 4.6), (12.05, 3.66), color=EDGE["loss"], linewidth=1.4)
    ax.text(12.05, 4.7, "label $y$", ha="center", va="bottom", fontsize=12)

    # the two directions of travel: forward along the top, left to right; backward along the bottom, right to left
    directions = [
        ((1.0, 12.5), 6.0, "bottom", "forward: inputs → probability $a_{2}$ → loss", EDGE["input"], "-"),
        ((12.5, 1.0), -0.35, "top", "backward: derivatives of $L$, chain rule, right → left", EDGE["output"], "--"),
    ]
    for (x_from, x_to), height, side, words, colour, style in directions:
        _arrow(ax, (x_from, height), (x_to, height), color=colour, linewidth=1.2, linestyle=style)
        label_height = height + (0.08 if side == "bottom" else -0.08)
        ax.text(6.7, label_height, words, ha="center", va=side, fontsize=11, color=colour)
    return fig


# The two hidden units' colours in the picture of W1 (Okabe-Ito blue and vermillion), with light fills.
UNIT_COLOUR = {"h1": "#0072B2", "h2": "#D55E00"}
UNIT_FILL = {"h1": "#CFE6F5", "h2": "#F6CDB4"}


def draw_weight_matrix(ax: Axes | None = None) -> Figure:
    """Draw the first layer's four arrows beside the matrix W1 that stores them, one colour per hidden unit.

    W1[j, k] is the weight of the arrow from input j into hidden unit k: row j
    of the matrix sits level with input x_j, and column k is drawn in unit k's
    colour, the colour of the arrows into it. So w13 (from x1 into unit 2) is
    seen in row 1, column 2. Returns the figure (call plt.show()).
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(10.5, 4.2), facecolor="white")
    fig = ax.figure
    ax.set_xlim(-1.9, 14.3)
    ax.set_ylim(0.0, 6.4)
    ax.set_aspect("equal")
    ax.axis("off")

    for source, target, label, where in EDGES[:4]:
        _edge(ax, source, target, label, where, colour=UNIT_COLOUR[target])
    _unit(ax, "x1", "input", "$x_{1}$", None, "texture_mean")
    _unit(ax, "x2", "input", "$x_{2}$", None, "radius_mean")
    _unit(ax, "h1", "hidden", "$z_{11}$", "$a_{11}$", "hidden unit 1")
    _unit(ax, "h2", "hidden", "$z_{12}$", "$a_{12}$", "hidden unit 2")
    for unit, colour in UNIT_COLOUR.items():  # each hidden unit ringed in its colour
        ax.add_patch(Circle(POSITIONS[unit], RADIUS, facecolor="none", edgecolor=colour, linewidth=3, zorder=4))

    # the matrix: row j level with input x_j, column k in unit k's colour
    columns = {"h1": 9.6, "h2": 11.9}
    rows = {"x1": POSITIONS["x1"][1], "x2": POSITIONS["x2"][1]}
    for source, target, label, _ in EDGES[:4]:
        x, y = columns[target], rows[source]
        ax.add_patch(FancyBboxPatch((x - 0.75, y - 0.55), 1.5, 1.1, boxstyle="round,pad=0.05",
                                    facecolor=UNIT_FILL[target], edgecolor="none", zorder=1))
        ax.text(x, y, label, ha="center", va="center", fontsize=18, color=UNIT_COLOUR[target], zorder=2)
    left, right, top, bottom = 8.55, 12.95, 5.45, 0.55
    for x, tick in ((left, 0.3), (right, -0.3)):  # the square brackets of the matrix
        ax.plot([x + tick, x, x, x + tick], [top, top, bottom, bottom], color="#333333", linewidth=2)
    ax.text(left - 0.25, 3.0, "$W_1 =$", ha="right", va="center", fontsize=18)
    for unit, x in columns.items():
        number = unit[1]
        ax.text(x, top + 0.2, f"column {number}:\ninto unit {number}", ha="center", va="bottom", fontsize=11,
                color=UNIT_COLOUR[unit])
    for source, y in rows.items():
        ax.text(right + 0.2, y, f"row {source[1]}:\nfrom $x_{{{source[1]}}}$", ha="left", va="center",
                fontsize=11, color="#333333")
    return fig
