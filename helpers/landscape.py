"""A slice of a network's cost: its values on the plane through three parameter vectors (chapter 06's picture).

The 2-2-1 network has nine parameters, so its cost J is a surface over a
nine-dimensional space, which no picture shows whole. Three parameter vectors
p0, p1, p2 (say two trained networks and a start) fix a plane of that space,
and J on the plane is a surface over two coordinates, which a contour plot
shows. The plane's points are p0 + a e1 + b e2 with e1, e2 orthonormal (e1
points from p0 to p1), so a distance on the picture is the distance between
the two parameter vectors, and the three vectors sit at their own coordinates
on it. Each grid point's cost is the network's own: its weights are set to
that point's numbers and ``get_accuracy_cost`` is asked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.vectorized import VectorizedNetwork


def flatten(weights: list[np.ndarray]) -> np.ndarray:
    """[W1, b1, W2, b2, ...] (``get_weights``' order) as one vector of every parameter, in that order."""
    return np.concatenate([np.ravel(w) for w in weights])


def unflatten(vector: np.ndarray, net: VectorizedNetwork) -> list[np.ndarray]:
    """The vector cut back into matrices of the shapes of ``net.get_weights()``."""
    weights, start = [], 0
    for w in net.get_weights():
        weights.append(np.asarray(vector[start : start + w.size], dtype=float).reshape(w.shape))
        start += w.size
    return weights


@dataclass(frozen=True)
class Plane:
    """The points origin + a e1 + b e2 of parameter space, e1 and e2 orthonormal."""

    origin: np.ndarray
    e1: np.ndarray
    e2: np.ndarray

    def point(self, a: float, b: float) -> np.ndarray:
        """The parameter vector at coordinates (a, b)."""
        return self.origin + a * self.e1 + b * self.e2

    def coordinates(self, p: np.ndarray) -> tuple[float, float]:
        """(a, b) of the point of the plane nearest p: p's own coordinates when p lies on the plane."""
        offset = np.asarray(p, dtype=float) - self.origin
        return float(offset @ self.e1), float(offset @ self.e2)


def plane_through(p0: np.ndarray, p1: np.ndarray, p2: np.ndarray) -> Plane:
    """The plane through three parameter vectors, with p0 at (0, 0) and p1 on the first axis (Gram-Schmidt)."""
    p0, p1, p2 = (np.asarray(p, dtype=float) for p in (p0, p1, p2))
    e1 = (p1 - p0) / np.linalg.norm(p1 - p0)
    rest = (p2 - p0) - ((p2 - p0) @ e1) * e1  # p2's offset without its part along e1
    return Plane(p0, e1, rest / np.linalg.norm(rest))


def cost_at(net: VectorizedNetwork, p: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """The cost J of ``net``'s architecture at the parameter vector p (``net``'s own weights are put back after)."""
    kept = net.get_weights()
    net.set_weights(unflatten(p, net))
    cost = net.get_accuracy_cost(X, y)[1]
    net.set_weights(kept)
    return cost


def cost_grid(net: VectorizedNetwork, plane: Plane, X, y, a_values, b_values) -> np.ndarray:
    """J at every point (a, b) of the grid: shape (len(b_values), len(a_values)), row j for b_values[j]."""
    return np.array([[cost_at(net, plane.point(a, b), X, y) for a in a_values] for b in b_values])


def cost_along(net: VectorizedNetwork, p: np.ndarray, q: np.ndarray, X, y, ts) -> np.ndarray:
    """J at the points (1 - t) p + t q of the straight line from p (t = 0) to q (t = 1)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return np.array([cost_at(net, (1 - t) * p + t * q, X, y) for t in ts])
