"""The series' two explorers: sliders that retrain or re-score a network and redraw its picture.

- ``training_explorer``: learning rate, epochs and starting seed of the 2-2-1
  matrix network; redraws its decision boundary and its cost per epoch.
- ``threshold_explorer``: the probability above which a tumour is called
  malignant; redraws the confusion matrix and where that threshold sits
  between false B (missed malignant tumours) and false M (false alarms).

The sliders and the quick redraw are helpers.sliders'; the counting is
helpers.evaluation's; the checks of the arguments are helpers.inputs'.
"""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from helpers.evaluation import false_counts
from helpers.inputs import check_data, check_labels, check_probabilities, check_thresholds
from helpers.plots import BENIGN, MALIGNANT, scatter_classes
from helpers.sliders import DPI, SIZE, Explorer, Picture, slider
from helpers.vectorized import VectorizedNetwork

LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 5.0)
EPOCHS = (10, 30, 100, 300, 1000)
SEEDS = tuple(range(10))
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 20))  # 0.05, 0.1, ..., 0.95
# The shading of helpers.plots.decision_boundary: RdBu reversed, in ten bands of 0.1.
BANDS = colormaps["RdBu_r"].resampled(10)


def training_explorer(
    X, y, X_test, y_test, alpha: float = 0.5, epochs: int = 100, seed: int = 0, sizes=(2, 2, 1)
) -> Explorer:
    """Sliders for the learning rate, the epochs and the starting seed of the matrix network.

    Each move trains ``VectorizedNetwork(sizes, seed=seed)`` afresh on (X, y)
    by full-batch gradient descent and redraws two panels: P(malignant) over
    the plane with the boundary P = 0.5 and the test tumours, and the training
    cost per epoch. ``alpha``, ``epochs`` and ``seed`` are the starting values.
    """
    X, y = check_data(X, y)
    X_test, y_test = check_data(X_test, y_test)
    controls = {
        "alpha": slider("learning rate α", LEARNING_RATES, alpha),
        "epochs": slider("epochs", EPOCHS, epochs),
        "seed": slider("starting seed", SEEDS, seed),
    }
    figure = Figure(figsize=SIZE, dpi=DPI, facecolor="white")
    ax_map = figure.add_axes((0.07, 0.14, 0.36, 0.74))
    ax_bar = figure.add_axes((0.44, 0.14, 0.012, 0.74))
    ax_cost = figure.add_axes((0.58, 0.14, 0.40, 0.74))
    both = np.vstack([X, X_test])
    (x_lo, y_lo), (x_hi, y_hi) = both.min(axis=0) - 0.5, both.max(axis=0) + 0.5
    gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 100), np.linspace(y_lo, y_hi, 100))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    shading = ax_map.imshow(np.zeros_like(gx), extent=(x_lo, x_hi, y_lo, y_hi), origin="lower", aspect="auto")
    shading.set(cmap=BANDS, clim=(0, 1), alpha=0.25, interpolation="nearest")
    figure.colorbar(shading, cax=ax_bar, label="P(malignant)", ticks=[0, 0.25, 0.5, 0.75, 1])
    style = {"s": 22, "alpha": 0.9, "edgecolors": "white", "linewidths": 0.6}  # as in plots.decision_boundary
    scatter_classes(ax_map, X_test, y_test, "texture_mean (z-score)", "radius_mean (z-score)", **style)
    points = [*ax_map.collections, ax_map.get_legend()]  # drawn again over the shading
    (cost_line,) = ax_cost.plot([], [], color=BENIGN, linewidth=2)
    ax_cost.set_xscale("log")
    ax_cost.set_ylim(0, 1)
    ax_cost.set_xlabel("epoch (log scale)")
    ax_cost.set_ylabel("training cost J")
    ax_cost.grid(alpha=0.3)
    titles = [ax_map.set_title(" "), ax_cost.set_title(" ")]
    # The cost panel's axis runs from epoch 1 to the epochs trained: one background for each value on the slider.
    fits = {e: (lambda e=e: ax_cost.set_xlim(1, e)) for e in EPOCHS}
    picture = Picture(figure, [shading, *points, cost_line, *titles], variants=fits)

    def render(alpha: float, epochs: int, seed: int) -> bytes:
        net = VectorizedNetwork(list(sizes), seed=seed)
        net.fit(X, y, alpha=alpha, epochs=epochs)
        p = net.predict_proba(grid).reshape(gx.shape)
        shading.set_data(p)
        moving = [shading]
        if p.min() < 0.5 < p.max():  # the boundary P = 0.5, where there is one
            moving.append(ax_map.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.5))
        cost = net.history["cost"]
        cost_line.set_data(np.arange(1, epochs + 1), cost)
        ax_cost.set_xlim(1, epochs)  # the axis fits the epochs plotted (and its background is drawn so)
        titles[0].set_text(f"test tumours: accuracy {np.mean(net.predict(X_test) == y_test):.4f}")
        titles[1].set_text(f"α = {alpha:g}, {epochs} epochs, seed {seed}: final cost {cost[-1]:.4f}")
        png = picture.png([*moving, *points, cost_line, *titles], variant=epochs)
        for artist in moving[1:]:
            artist.remove()  # the boundary is drawn anew each time
        return png

    text = "(sliders: learning rate, epochs, starting seed; run the notebook to move them)"
    return Explorer(controls, render, text, figure)


def threshold_explorer(probabilities, y_true, threshold: float = 0.5, thresholds=THRESHOLDS) -> Explorer:
    """A slider for the threshold above which a tumour is called malignant (P > threshold).

    ``probabilities`` are P(malignant) for each example (e.g. a trained
    network's ``predict_proba(X_test)``), ``y_true`` their labels (0 = benign,
    1 = malignant). The picture shows the confusion matrix at the chosen
    threshold and, over every threshold on the slider, the count of false B
    (malignant called benign) against false M (benign called malignant), with
    the chosen one marked: a lower threshold trades missed tumours for alarms.
    """
    p = check_probabilities(probabilities)
    y = check_labels(y_true, len(p))
    thresholds = check_thresholds(thresholds)
    controls = {"threshold": slider("threshold", thresholds, threshold, label="{:.2f}".format)}
    counts = np.array([false_counts(p, y, t) for t in thresholds])
    figure = Figure(figsize=SIZE, dpi=DPI, facecolor="white")
    ax_matrix = figure.add_axes((0.08, 0.14, 0.32, 0.72))
    ax_trade = figure.add_axes((0.55, 0.14, 0.42, 0.72))
    ax_trade.plot(counts[:, 1], counts[:, 0], "o-", color="#999999", markersize=4, label="every threshold")
    (chosen,) = ax_trade.plot([], [], "o", color=MALIGNANT, markersize=11, label="this threshold")
    ax_trade.set_xlabel("false M (benign called malignant)")
    ax_trade.set_ylabel("false B (malignant called benign)")
    ax_trade.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_trade.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax_trade.grid(alpha=0.3)
    ax_trade.legend(loc="upper right", fontsize="small")
    ax_matrix.set_xlim(-0.5, 1.5)
    ax_matrix.set_ylim(1.5, -0.5)
    ax_matrix.set_xticks([0, 1], ["called B", "called M"])
    ax_matrix.set_yticks([0, 1], ["true B", "true M"])
    ax_matrix.tick_params(length=0)
    for side in ax_matrix.spines.values():
        side.set_visible(False)
    names = {(0, 0): "true B", (0, 1): "false M", (1, 0): "false B", (1, 1): "true M"}
    cells = {}
    for (i, j), name in names.items():
        colour = "#E8E8E8" if i == j else (MALIGNANT if name == "false M" else BENIGN)
        ax_matrix.add_patch(Rectangle((j - 0.48, i - 0.48), 0.96, 0.96, facecolor=colour, alpha=0.3, edgecolor="none"))
        cells[i, j] = ax_matrix.text(j, i, "", ha="center", va="center", fontsize=14)
    titles = [ax_matrix.set_title(" "), ax_trade.set_title(" ")]
    picture = Picture(figure, [chosen, *cells.values(), *titles])

    def render(threshold: float) -> bytes:
        called = (p > threshold).astype(int)
        for (i, j), text in cells.items():
            text.set_text(f"{np.sum((y == i) & (called == j))}\n{names[i, j]}")
        false_b, false_m = false_counts(p, y, threshold)
        chosen.set_data([false_m], [false_b])
        titles[0].set_text(f"malignant when P > {threshold:.2f}")
        titles[1].set_text(f"{false_b} false B, {false_m} false M")
        return picture.png([chosen, *cells.values(), *titles])

    text = "(slider: the threshold on P(malignant); run the notebook to move it)"
    return Explorer(controls, render, text, figure)
