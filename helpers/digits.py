"""Handwritten digits for the multi-class notebook: load, split, scale.

MNIST (70,000 images of 28 x 28 pixels) needs a download. scikit-learn ships a
smaller set of the same kind inside its package: 1,797 digits of 8 x 8 pixels,
each pixel an integer 0..16 (the inked dots in a 4 x 4 block of a 32 x 32 scan).
It works offline; the same networks apply to MNIST once its images are loaded,
scaled from 0..255 to 0..1 and the input size is 784 instead of 64.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_digits

from helpers.data import Split, split

SIDE = 8  # images are SIDE x SIDE pixels
MAX_PIXEL = 16.0  # the darkest pixel value in the data


def digits_data(seed: int = 0, test_size: float = 0.2) -> Split:
    """The 1,797 digits split into training and test sets, pixels scaled from 0..16 to 0..1.

    The split is stratified (each digit keeps its share in both parts) and
    fixed by ``seed``. Pixels are divided by 16 rather than z-scored: they
    already share one scale, and 0..1 keeps the images drawable as they are.
    """
    if not 0 < test_size < 1:
        raise ValueError(f"test_size must be between 0 and 1; got {test_size}")
    digits = load_digits()
    X = digits.data / MAX_PIXEL
    y = digits.target.astype(np.int64)
    return Split(*split(X, y, test_size=test_size, seed=seed))


def as_images(X: np.ndarray) -> np.ndarray:
    """Rows of 64 pixels back to (n, 8, 8) images, for plotting."""
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != SIDE * SIDE:
        raise ValueError(f"X must have shape (n, {SIDE * SIDE}); got shape {X.shape}")
    return X.reshape(-1, SIDE, SIDE)
