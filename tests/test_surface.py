"""The cost surface of one sigmoid unit (chapter 01): its slope is right, and descent walks downhill on it."""

import numpy as np

from helpers import tumour_data
from helpers.surface import cost_grid, descent, unit_cost, unit_gradient

DATA = tumour_data(seed=0)
X, Y = DATA.X_train[:, 1], DATA.y_train  # radius_mean, z-scored


def test_the_gradient_is_the_slope_of_the_cost():
    """unit_gradient agrees with central differences of unit_cost at a few points, to 1e-8."""
    h = 1e-6
    for w, b in [(0.0, 0.0), (3.0, -0.5), (-1.2, 2.0)]:
        slope_w = (unit_cost(w + h, b, X, Y) - unit_cost(w - h, b, X, Y)) / (2 * h)
        slope_b = (unit_cost(w, b + h, X, Y) - unit_cost(w, b - h, X, Y)) / (2 * h)
        assert np.allclose(unit_gradient(w, b, X, Y), [slope_w, slope_b], rtol=1e-7, atol=1e-9)


def test_descent_starts_where_told_and_goes_downhill():
    path = descent(X, Y, alpha=1.0, steps=50, start=(0.5, -1.0))
    assert path.shape == (51, 2) and np.array_equal(path[0], [0.5, -1.0])
    costs = [unit_cost(w, b, X, Y) for w, b in path]
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))


def test_the_grid_has_one_row_per_bias():
    ws, bs = np.linspace(-1, 1, 3), np.linspace(-2, 2, 5)
    grid = cost_grid(X, Y, ws, bs)
    assert grid.shape == (5, 3)
    assert grid[4, 0] == unit_cost(ws[0], bs[4], X, Y)
