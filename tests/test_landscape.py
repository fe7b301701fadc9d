"""helpers.landscape: the plane through three parameter vectors passes through them, and its costs are the networks'."""

from __future__ import annotations

import numpy as np
import pytest

import helpers
from helpers import landscape
from helpers.vectorized import VectorizedNetwork

DATA = helpers.tumour_data(seed=0)
X, y = DATA.X_train, DATA.y_train


def three_networks(sizes):
    """Three networks of one architecture at different weights: two trained from different seeds, one random."""
    nets = []
    for seed in (0, 4):
        net = VectorizedNetwork(sizes, seed=seed)
        net.fit(X, y, alpha=0.5, epochs=50)
        nets.append(net)
    random = VectorizedNetwork(sizes)
    rng = np.random.default_rng(1)
    random.set_weights([rng.normal(size=w.shape) for w in random.get_weights()])
    return [*nets, random]


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 3, 2, 1]])
def test_the_plane_passes_through_the_three_points_and_its_costs_are_the_networks(sizes):
    nets = three_networks(sizes)
    points = [landscape.flatten(net.get_weights()) for net in nets]
    assert points[0].size == sum(w.size for w in nets[0].get_weights())
    plane = landscape.plane_through(*points)
    np.testing.assert_allclose([plane.e1 @ plane.e1, plane.e2 @ plane.e2, plane.e1 @ plane.e2], [1, 1, 0], atol=1e-12)
    coordinates = [plane.coordinates(p) for p in points]
    assert coordinates[0] == (0.0, 0.0) and abs(coordinates[1][1]) < 1e-12  # p0 at the origin, p1 on the first axis
    for p, (a, b) in zip(points, coordinates):
        np.testing.assert_allclose(plane.point(a, b), p, rtol=0, atol=1e-12)  # on the plane, not only near it
    probe = VectorizedNetwork(sizes)
    before = probe.get_weights()
    grid = landscape.cost_grid(probe, plane, X, y, [a for a, _ in coordinates], [b for _, b in coordinates])
    assert grid.shape == (3, 3)
    for k, net in enumerate(nets):
        assert grid[k, k] == pytest.approx(net.get_accuracy_cost(X, y)[1], rel=1e-12)
    assert all(np.array_equal(w, v) for w, v in zip(probe.get_weights(), before))  # the probe's weights put back
    ends = landscape.cost_along(probe, points[0], points[2], X, y, [0.0, 1.0])
    np.testing.assert_allclose(ends, [grid[0, 0], grid[2, 2]], rtol=1e-12)


def test_flatten_and_unflatten_are_inverse_and_keep_get_weights_order():
    net = VectorizedNetwork([2, 3, 1], seed=2)
    net.fit(X, y, alpha=0.5, epochs=5)
    weights = net.get_weights()
    vector = landscape.flatten(weights)
    assert vector[0] == weights[0][0, 0] and vector[6] == weights[1][0] and vector[-1] == weights[3][0]
    for w, v in zip(landscape.unflatten(vector, net), weights):
        assert w.shape == v.shape and np.array_equal(w, v)


def test_a_cost_between_two_points_is_a_cost_of_the_mixed_weights():
    p_net, q_net = three_networks([2, 2, 1])[:2]
    p, q = (landscape.flatten(n.get_weights()) for n in (p_net, q_net))
    middle = VectorizedNetwork([2, 2, 1])
    middle.set_weights([(a + b) / 2 for a, b in zip(p_net.get_weights(), q_net.get_weights())])
    (along,) = landscape.cost_along(middle, p, q, X, y, [0.5])
    assert along == pytest.approx(middle.get_accuracy_cost(X, y)[1], rel=1e-12)
