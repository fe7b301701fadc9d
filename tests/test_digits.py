"""The digits data (helpers.digits): shapes, scaling, a stratified and repeatable split."""

import numpy as np
import pytest

from helpers.digits import as_images, digits_data


def test_split_scaling_and_shapes():
    data = digits_data(seed=0)
    assert data.X_train.shape == (1437, 64) and data.X_test.shape == (360, 64)
    assert data.y_train.shape == (1437,) and data.y_test.shape == (360,)
    for X in (data.X_train, data.X_test):
        assert X.min() == 0.0 and X.max() == 1.0  # 0..16 scaled to 0..1
    assert set(np.unique(data.y_train)) == set(range(10))


def test_split_is_stratified_and_repeatable():
    data, again, other = digits_data(seed=0), digits_data(seed=0), digits_data(seed=1)
    np.testing.assert_array_equal(data.X_test, again.X_test)
    assert not np.array_equal(data.X_test, other.X_test)
    train_share = np.bincount(data.y_train) / len(data.y_train)
    test_share = np.bincount(data.y_test) / len(data.y_test)
    np.testing.assert_allclose(train_share, test_share, atol=0.01)


def test_images_and_bad_arguments():
    data = digits_data(seed=0)
    images = as_images(data.X_test)
    assert images.shape == (360, 8, 8)
    np.testing.assert_array_equal(images[3].ravel(), data.X_test[3])
    with pytest.raises(ValueError, match=r"shape \(n, 64\)"):
        as_images(np.zeros((2, 63)))
    with pytest.raises(ValueError, match="test_size"):
        digits_data(test_size=1.5)
