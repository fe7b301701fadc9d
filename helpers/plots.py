"""Pictures used across the series: class scatter, decision boundary, curves, hidden units (lines, relu ramps).

Colours come from the colour-blind-safe Okabe-Ito palette and every figure
keeps matplotlib's opaque white background, so it reads the same in light and
dark JupyterLab themes.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

BENIGN, MALIGNANT = "#0072B2", "#D55E00"  # blue, vermillion
CLASS_STYLE = {0: ("benign (B)", BENIGN, "o"), 1: ("malignant (M)", MALIGNANT, "^")}


def scatter_classes(ax: Axes, X: np.ndarray, y: np.ndarray, xlabel: str, ylabel: str, **kwargs) -> Axes:
    """Scatter the two input columns, one colour and marker per class.

    Extra keyword arguments go to ``ax.scatter`` (e.g. ``edgecolors``).
    """
    style = {"s": 14, "alpha": 0.7, "edgecolors": "none", **kwargs}
    for label, (name, colour, marker) in CLASS_STYLE.items():
        rows = np.asarray(y).ravel() == label
        ax.scatter(X[rows, 0], X[rows, 1], c=colour, marker=marker, label=name, **style)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper right", fontsize="small")
    return ax


def decision_boundary(
    ax: Axes,
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    title: str = "",
    xlabel: str = "texture_mean (z-score)",
    ylabel: str = "radius_mean (z-score)",
    steps: int = 200,
    colorbar: bool = True,
) -> Axes:
    """Shade P(malignant) over a grid, draw the 0.5 contour, scatter the points.

    ``predict_proba`` maps an (m, 2) array to m probabilities of class 1; any
    model in the series can be drawn this way. A colour bar beside the axes
    reads the shading as P(malignant) (``colorbar=False`` leaves it out).
    """
    pad = 0.5
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, steps), np.linspace(y_lo, y_hi, steps))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    p = np.asarray(predict_proba(grid), dtype=float).reshape(gx.shape)
    shading = ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.25, vmin=0, vmax=1)
    if colorbar:
        ax.figure.colorbar(shading, ax=ax, label="P(malignant)", ticks=[0, 0.25, 0.5, 0.75, 1])
    ax.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.5)
    # White rims keep the points visible on shading of their own colour.
    scatter_classes(ax, X, y, xlabel, ylabel, s=22, alpha=0.9, edgecolors="white", linewidths=0.6)
    ax.set_title(title)
    return ax


def curves(
    ax: Axes, series: dict[str, np.ndarray], xlabel: str = "epoch", ylabel: str = "cost", title: str = "", **kwargs
) -> Axes:
    """Plot named curves (cost or accuracy per epoch) against epochs 1..n."""
    for name, values in series.items():
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(1, len(values) + 1), values, label=name, **kwargs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
    return ax


def probability_bars(ax: Axes, p: np.ndarray, true_class: int, xlabel: str = "class", title: str = "") -> Axes:
    """Bars of the K class probabilities p: the true class in blue and, when it differs, the answer in vermillion.

    The answer is the class with the tallest bar; the other bars are grey.
    """
    p = np.asarray(p, dtype=float)
    answer = int(p.argmax())
    colours = ["#BBBBBB"] * len(p)
    colours[answer] = MALIGNANT  # the Okabe-Ito pair of the series: vermillion for the answer ...
    colours[true_class] = BENIGN  # ... and blue for the true class (blue wins when the answer is right)
    ax.bar(np.arange(len(p)), p, color=colours)
    ax.set_xticks(np.arange(len(p)))
    ax.set_ylim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("probability")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    return ax


def figure(ncols: int = 1, width: float = 5.0, height: float = 4.0):
    """A white-background figure with ``ncols`` side-by-side axes."""
    fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), facecolor="white", squeeze=False)
    return fig, list(axes[0])


UNIT_COLOURS = {"unit 1": "#009E73", "unit 2": "#CC79A7"}  # bluish green, reddish purple


def hidden_unit_lines(ax: Axes, params: dict[str, float], X: np.ndarray, shade: bool = True) -> Axes:
    """Draw where each hidden unit switches on: the lines z11 = 0 and z12 = 0 over the inputs' plane.

    Hidden unit 1 fires (z11 = w11 x1 + w12 x2 + b11 > 0) on one side of its
    line, shaded in its colour (unless ``shade=False``, e.g. over a decision
    boundary's own shading); a short arrow points to that side. The legend counts the rows of X
    on which each unit fires: a unit whose line has left the data fires for
    none of them, and is dead.
    """
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    units = {"unit 1": ("w11", "w12", "b11"), "unit 2": ("w13", "w14", "b12")}
    for name, (wa, wb, b) in units.items():
        w1, w2, b0 = params[wa], params[wb], params[b]
        fires = int(np.count_nonzero(X @ np.array([w1, w2]) + b0 > 0))
        colour = UNIT_COLOURS[name]
        gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 200), np.linspace(y_lo, y_hi, 200))
        if shade:
            ax.contourf(gx, gy, w1 * gx + w2 * gy + b0 > 0, levels=[0.5, 1.5], colors=[colour], alpha=0.12)
        t = np.linspace(-50, 50, 2)  # a long stretch of the line w1 x1 + w2 x2 + b0 = 0, clipped by the axes
        norm = np.hypot(w1, w2)
        if norm > 0:
            foot = -b0 * np.array([w1, w2]) / norm**2  # the point of the line nearest the origin
            direction = np.array([-w2, w1]) / norm
            ax.plot(foot[0] + t * direction[0], foot[1] + t * direction[1], color=colour, linewidth=2.2,
                    label=f"{name} fires for {fires}")
            start = np.clip(foot, [x_lo + 0.6, y_lo + 0.6], [x_hi - 0.6, y_hi - 0.6])
            ax.annotate("", xy=start + 0.6 * np.array([w1, w2]) / norm, xytext=start,
                        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 1.8})
        else:
            ax.plot([], [], color=colour, linewidth=2.2, label=f"{name} fires for {fires}")
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    return ax


def figure_3d(ncols: int = 1, width: float = 5.0, height: float = 4.0):
    """A white-background figure with ``ncols`` side-by-side 3-D axes, for surfaces over the inputs' plane."""
    fig = plt.figure(figsize=(width * ncols, height), facecolor="white")
    return fig, [fig.add_subplot(1, ncols, i + 1, projection="3d") for i in range(ncols)]


def relu_ramp(
    ax: Axes,
    w1: float,
    w2: float,
    b: float,
    X: np.ndarray,
    y: np.ndarray,
    colour: str,
    title: str = "",
    xlabel: str = "texture_mean (z-score)",
    ylabel: str = "radius_mean (z-score)",
    zlabel: str = "a = relu(z)",
) -> Axes:
    """Draw what one relu unit computes, a = relu(w1 x1 + w2 x2 + b), as a surface over the inputs' plane.

    ``ax`` is a 3-D axes (``figure_3d``). The surface is 0 on one side of the
    line w1 x1 + w2 x2 + b = 0, drawn in black on the floor, and on the other
    side it rises linearly, by sqrt(w1² + w2²) per unit of distance from the
    line: a ramp over a half-plane. The rows of X lie on the floor as dots in
    their class's colour, to show where the data are.
    """
    (x_lo, y_lo), (x_hi, y_hi) = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 61), np.linspace(y_lo, y_hi, 61))
    z = w1 * gx + w2 * gy + b
    ax.plot_surface(gx, gy, np.maximum(z, 0), color=colour, alpha=0.55, linewidth=0, antialiased=True)
    if z.min() < 0 < z.max():  # the line where the unit switches on, if it crosses the picture
        ax.contour(gx, gy, z, levels=[0], zdir="z", offset=0, colors="black", linewidths=1.5)
    for label, (_, class_colour, marker) in CLASS_STYLE.items():
        rows = np.asarray(y).ravel() == label
        ax.scatter(X[rows, 0], X[rows, 1], 0, c=class_colour, marker=marker, s=5, alpha=0.6, depthshade=False)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_zlim(0, max(1.0, float(np.maximum(z, 0).max())))
    ax.set_xlabel(xlabel, fontsize="small")
    ax.set_ylabel(ylabel, fontsize="small")
    ax.set_zlabel(zlabel, fontsize="small")
    ax.set_title(title, fontsize="medium")
    return ax
