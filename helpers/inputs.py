"""Checks of what a learner hands to a network: one message for one mistake, in every network.

The loop network, the matrix network and the Keras helpers all call these
functions before they compute anything, so a wrong shape, a NaN or a label
"M" stops with the same ValueError whichever network it was given to, and the
networks' own code stays free of checks.
"""

from __future__ import annotations

import math

import numpy as np


def as_numbers(values, name: str) -> np.ndarray:
    """values as a float array, or a ValueError naming the argument and the first value that is no number."""
    if isinstance(values, str):
        raise ValueError(f"{name} must hold numbers; found {values!r}")
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        array = None
    if array is not None and not np.iscomplexobj(values):
        return array
    for value in np.asarray(values, dtype=object).ravel():
        if isinstance(value, list | tuple | np.ndarray):
            break  # rows of different lengths
        if not is_number(value):
            raise ValueError(f"{name} must hold numbers; found {str(value)!r}")
    raise ValueError(f"{name} must be a rectangular array of real numbers")


def is_number(value) -> bool:
    """A real number (not a bool, not a string)."""
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool)


def check_X(X, n_inputs: int) -> np.ndarray:
    """X as an (n, n_inputs) float array with n >= 1 rows and finite entries."""
    X = as_numbers(X, "X")
    if X.ndim != 2 or X.shape[1] != n_inputs:
        raise ValueError(f"X must have shape (n, {n_inputs}), one row per example; got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError("X has no rows")
    if not np.all(np.isfinite(X)):
        row = int(np.argwhere(~np.isfinite(X))[0, 0])
        raise ValueError(f"X contains NaN or infinite values (first in row {row})")
    return X


def check_labels(y, n: int, classes: int = 2) -> np.ndarray:
    """y as n integer class labels 0 .. classes - 1; shape (n,) or a column (n, 1) is accepted.

    For the tumours (classes=2) that is 0 = benign, 1 = malignant.
    """
    y = as_numbers(y, "y")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(f"y must have shape (n,) or (n, 1); got shape {y.shape}")
    if len(y) != n:
        raise ValueError(f"X has {n} rows but y has {len(y)} labels")
    bad = y[~np.isin(y, np.arange(classes))]
    if len(bad):
        allowed = "0 and 1 (1 = malignant)" if classes == 2 else f"the classes 0..{classes - 1}"
        raise ValueError(f"y must contain only {allowed}; found {float(bad[0]):g}")
    return y.astype(np.int64)


def check_data(X, y, n_inputs: int = 2, classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """X (n, n_inputs) and its n class labels y, checked together."""
    X = check_X(X, n_inputs)
    return X, check_labels(y, len(X), classes)


def check_validation(validation, n_inputs: int = 2, classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """The validation examples handed to fit: a pair (X_val, y_val), checked like the training data."""
    if not isinstance(validation, tuple | list) or len(validation) != 2:
        raise ValueError(f"validation must be a pair (X_val, y_val); got {type(validation).__name__}")
    X, y = validation
    return check_data(X, y, n_inputs, classes)


def check_count(name: str, value, smallest: int = 1) -> int:
    """An integer >= smallest (epochs, a layer size, a batch size ...)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < smallest:
        raise ValueError(f"{name} must be an integer >= {smallest}; got {value!r}")
    return int(value)


def check_learning_rate(alpha) -> float:
    """The learning rate: a finite number > 0."""
    if not is_number(alpha) or not 0 < alpha < math.inf:
        raise ValueError(f"alpha (the learning rate) must be a finite number > 0; got {alpha!r}")
    return float(alpha)


def check_at_least_zero(name: str, value) -> float:
    """A finite number >= 0 (a weight decay, a penalty ...)."""
    if not is_number(value) or not 0 <= value < math.inf:
        raise ValueError(f"{name} must be a finite number >= 0; got {value!r}")
    return float(value)


def check_choice(name: str, value, choices: tuple[str, ...]) -> str:
    """One of a few named options."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_training(
    X, y, alpha, epochs, *, n_inputs: int = 2, classes: int = 2, print_every=0, batch_size=None, seed=0
) -> tuple[np.ndarray, np.ndarray]:
    """Everything ``fit`` is given, checked in one call; returns X (n, n_inputs) and y (n,) class labels."""
    X, y = check_data(X, y, n_inputs, classes)
    check_learning_rate(alpha)
    check_count("epochs", epochs)
    check_count("print_every", print_every, smallest=0)
    check_count("seed", seed, smallest=0)
    if batch_size is not None and check_count("batch_size", batch_size) > len(X):
        raise ValueError(f"batch_size must be between 1 and the number of examples ({len(X)}); got {batch_size}")
    return X, y


def check_probabilities(probabilities) -> np.ndarray:
    """Probabilities as a 1-D float array of numbers between 0 and 1, or a ValueError naming the problem."""
    p = as_numbers(probabilities, "probabilities")
    if p.ndim != 1 or len(p) == 0:
        raise ValueError(f"probabilities must be a non-empty 1-D array, one per example; got shape {p.shape}")
    outside = p[~((p >= 0) & (p <= 1))]
    if len(outside):
        raise ValueError(f"probabilities must lie between 0 and 1; found {outside[0]:g}")
    return p


def check_thresholds(thresholds) -> tuple[float, ...]:
    """Thresholds on a probability as increasing numbers strictly between 0 and 1."""
    thresholds = tuple(float(t) for t in thresholds)
    if not thresholds or not all(0 < t < 1 for t in thresholds) or list(thresholds) != sorted(set(thresholds)):
        raise ValueError(f"thresholds must be increasing numbers between 0 and 1; got {list(thresholds)}")
    return thresholds
