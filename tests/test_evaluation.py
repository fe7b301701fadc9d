"""helpers.evaluation's sensitivity and specificity, counted by hand on a small example."""

from __future__ import annotations

import numpy as np
from pytest import approx

from helpers.evaluation import false_counts, sensitivity_specificity


def test_sensitivity_and_specificity_are_the_shares_called_right_in_each_class():
    p = np.array([0.9, 0.6, 0.4, 0.2, 0.7, 0.1, 0.3])
    y = np.array([1, 1, 1, 1, 0, 0, 0])  # 4 malignant, 3 benign
    # P > 0.5: malignant 0.9 and 0.6 called malignant (2 of 4); benign 0.1 and 0.3 called benign (2 of 3)
    assert sensitivity_specificity(p, y, 0.5) == approx((2 / 4, 2 / 3))
    assert false_counts(p, y, 0.5) == (2, 1)
    # P > 0.15: all four malignant, one of the three benign (0.1)
    assert sensitivity_specificity(p, y, 0.15) == approx((1.0, 1 / 3))
    # a P equal to the threshold is called benign
    assert sensitivity_specificity(p, y, 0.9) == (0.0, 1.0)
