"""The cost surface of one sigmoid unit, and gradient descent walking on it (the picture of chapter 01).

One unit a = sigma(w x + b) reads one input x and says P(malignant) = a. Its
cost J(w, b), the mean cross-entropy over the training tumours, is a surface
over the plane of its two parameters, and gradient descent walks downhill on
it: (w, b) <- (w, b) - alpha (dJ/dw, dJ/db), with

    dJ/dw = mean((a - y) x)      dJ/db = mean(a - y)

(chapter 02 derives them). How round the surface is depends on the input:
whether x sits near 0 or far from it.
"""

from __future__ import annotations

import numpy as np

from helpers.vectorized import binary_cross_entropy, sigmoid


def unit_cost(w: float, b: float, x: np.ndarray, y: np.ndarray) -> float:
    """J(w, b): the mean cross-entropy of the unit sigma(w x + b) on the inputs x (n,) and labels y (n,)."""
    return binary_cross_entropy((w * x + b).reshape(-1, 1), y.reshape(-1, 1))


def unit_gradient(w: float, b: float, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """(dJ/dw, dJ/db) at (w, b)."""
    error = sigmoid(w * x + b) - y  # a - y, one per example
    return np.array([np.mean(error * x), np.mean(error)])


def descent(x: np.ndarray, y: np.ndarray, alpha: float, steps: int, start=(0.0, 0.0)) -> np.ndarray:
    """The points (w, b) that gradient descent visits from ``start``, the start included: shape (steps + 1, 2)."""
    path = [np.array(start, dtype=float)]
    for _ in range(steps):
        path.append(path[-1] - alpha * unit_gradient(*path[-1], x, y))
    return np.array(path)


def cost_grid(x: np.ndarray, y: np.ndarray, ws: np.ndarray, bs: np.ndarray) -> np.ndarray:
    """J at every point of the grid ws x bs, shape (len(bs), len(ws)), as matplotlib's contour wants it."""
    return np.array([[unit_cost(w, b, x, y) for w in ws] for b in bs])
