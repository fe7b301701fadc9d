"""A picture of a computation graph recorded by helpers.autograd: every Value a box, every input an arrow.

Every value stands one column left of the first operation that uses it, so
the picture reads left to right like the forward pass, and backward() runs
right to left. Each box shows its name (when it has one) or its operation, its
number and the gradient backward() left in it. Matplotlib only; Okabe-Ito
colours on a white background, readable in light and dark themes.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from helpers.autograd import Value, topological_order

# Okabe-Ito colours: edges strong, fills light so black text stays readable.
STYLE = {  # kind of box: (fill, edge)
    "parameter": ("#CFE6F5", "#0072B2"),
    "input": ("#E6E6E6", "#555555"),
    "operation": ("#FFFFFF", "#333333"),
    "named": ("#FBE3B3", "#E69F00"),
    "output": ("#F6CDB4", "#D55E00"),
}
GRADIENT_COLOUR = "#D55E00"
WIDTH, HEIGHT = 0.9, 0.84  # a box, in column and row units
INCHES = (1.0, 0.72)  # one column, one row
FONT = 8.5
TITLE_FONT, TITLE_CHARACTERS_PER_INCH, TITLE_LINE_INCHES = 10, 12, 0.2  # a title wrapped to the figure's width


def layout(output: Value) -> dict[Value, tuple[float, float]]:
    """(column, row) of every value that output depends on.

    Columns: output last, every other value one column left of its first user,
    so each value stands right before it is needed. Rows: each value moves to
    the mean row of its neighbours (fewer and shorter crossing arrows), then the
    values of a column are spread one row apart as close to those means as can be;
    a few sweeps of both.
    """
    order = topological_order(output)
    users = {v: [] for v in order}
    for v in order:
        for u, _ in v.inputs:
            users[u].append(v)
    column = {}
    for v in reversed(order):
        column[v] = min(column[w] for w in users[v]) - 1 if users[v] else 0
    start = min(column.values())
    column = {v: c - start for v, c in column.items()}
    row = {}
    for v in order:  # first guess: inputs in the order they are met, operations at the mean of their inputs
        row[v] = sum(row[u] for u, _ in v.inputs) / len(v.inputs) if v.inputs else float(len(row))
    for sweep in range(20):
        for v in reversed(order) if sweep % 2 else order:
            neighbours = [u for u, _ in v.inputs] + users[v]
            row[v] = sum(row[n] for n in neighbours) / len(neighbours)
        _spread(row, column)
    top = min(row.values())
    return {v: (column[v], row[v] - top) for v in order}


def _spread(row: dict, column: dict) -> None:
    """Within each column, rows at least 1 apart, in the same order, as close as possible to the wanted rows.

    With q_i = row_i - i the gaps become "q never decreases", a least-squares
    fit solved by pooling adjacent violators.
    """
    for c in set(column.values()):
        members = sorted((v for v in column if column[v] == c), key=lambda v: row[v])
        blocks = []  # [mean of q, count]
        for i, v in enumerate(members):
            blocks.append([row[v] - i, 1])
            while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
                (m2, n2), (m1, n1) = blocks.pop(), blocks.pop()
                blocks.append([(m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2])
        i = 0
        for mean, count in blocks:
            for _ in range(count):
                row[members[i]] = mean + i
                i += 1


def _label(v: Value, name: str | None) -> str:
    """The box's first line: "z11 = +" for a named operation, "×" for an unnamed one, "w11" or "constant"."""
    if name and v.op:
        return f"{name} = {v.op}"
    return name or v.op or "constant"


def _kind(v: Value, name: str | None, output: Value, parameters: set[str]) -> str:
    if v is output:
        return "output"
    if not v.inputs:
        return "parameter" if name in parameters else "input"
    return "named" if name else "operation"


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    """An arrow from box edge to box edge; one that skips columns bows away from the boxes in between."""
    bend = 0.0 if end[0] - start[0] < 1.5 else (0.3 if end[1] >= start[1] else -0.3)
    style = {"arrowstyle": "-|>", "mutation_scale": 9, "color": "#777777", "linewidth": 0.9, "zorder": 1}
    ax.add_patch(FancyArrowPatch(start, end, connectionstyle=f"arc3,rad={bend}", shrinkA=0, shrinkB=1, **style))


def _box(ax: Axes, centre: tuple[float, float], lines: list[tuple[str, str]], fill: str, edge: str) -> None:
    """A rounded box with one line of text per (text, colour); the first line bold."""
    c, r = centre
    shape = "round,pad=0,rounding_size=0.12"
    corner = (c - WIDTH / 2, r - HEIGHT / 2)
    ax.add_patch(FancyBboxPatch(corner, WIDTH, HEIGHT, boxstyle=shape, facecolor=fill, edgecolor=edge, zorder=2))
    step = HEIGHT / (len(lines) + 0.6)
    for i, (text, colour) in enumerate(lines):
        y = r + (i - (len(lines) - 1) / 2) * step
        weight = "bold" if i == 0 else "normal"
        ax.text(c, y, text, ha="center", va="center", fontsize=FONT, color=colour, fontweight=weight, zorder=3)


def draw_graph(
    output: Value, names: dict[str, Value], parameters=(), ax: Axes | None = None, title: str = ""
) -> Figure:
    """Draw the graph that output was computed from; returns the figure.

    ``names`` maps a name to a value of the graph (e.g. {"z11": ..., "w11": ...});
    an unnamed operation shows its symbol, an unnamed typed-in number the word
    "constant". Values named in ``parameters`` are drawn blue, named operations
    orange, the output vermilion, typed-in numbers grey. Every box shows its
    number (3 significant digits) and below it, in vermilion, the gradient
    "∂ v.grad" that output.backward() left there (0 before backward()).
    A ``title`` is wrapped to the width of the figure, which grows to hold it.
    """
    place = layout(output)
    name_of = {id(v): name for name, v in names.items()}
    columns = max(c for c, _ in place.values()) + 1
    rows = max(r for _, r in place.values()) + 1
    if ax is None:
        width, height = INCHES[0] * columns, INCHES[1] * rows
        lines = textwrap.wrap(title, width=int(TITLE_CHARACTERS_PER_INCH * width))
        top = TITLE_LINE_INCHES * (len(lines) + 0.5) if lines else 0.0
        fig, ax = plt.subplots(figsize=(width, height + top), facecolor="white")
        fig.subplots_adjust(left=0, right=1, bottom=0, top=height / (height + top))
        if lines:
            fig.suptitle("\n".join(lines), fontsize=TITLE_FONT, y=1 - 0.25 * TITLE_LINE_INCHES / (height + top))
    elif title:
        ax.set_title(title, fontsize=TITLE_FONT)
    for v, (c, r) in place.items():  # arrows first, so the boxes cover their ends
        for u, _ in v.inputs:
            cu, ru = place[u]
            _arrow(ax, (cu + WIDTH / 2, ru), (c - WIDTH / 2, r))
    for v, (c, r) in place.items():
        name = name_of.get(id(v))
        lines = [(_label(v, name), "black"), (f"{v.data:.3g}", "black"), (f"∂ {v.grad:.3g}", GRADIENT_COLOUR)]
        _box(ax, (c, r), lines, *STYLE[_kind(v, name, output, set(parameters))])
    ax.set_xlim(-0.55, columns - 0.45)
    ax.set_ylim(rows - 0.45, -0.55)  # row 0 at the top
    ax.axis("off")
    return ax.figure
