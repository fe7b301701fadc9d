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


def test_confusion_matrix_of_a_trained_digits_network_counts_every_test_digit_once():
    """What chapter 07's confusion matrix rests on: its trace counts the right answers, its rows the true digits."""
    from sklearn.metrics import confusion_matrix

    from helpers.vectorized import VectorizedNetwork

    data = digits_data(seed=0)
    net = VectorizedNetwork([64, 32, 10], output="softmax", seed=0)
    net.fit(data.X_train, data.y_train, alpha=0.2, epochs=5, batch_size=32, seed=0)
    pred = net.predict(data.X_test)
    matrix = confusion_matrix(data.y_test, pred, labels=range(10))
    assert matrix.trace() == np.sum(pred == data.y_test)
    assert matrix.sum() == len(data.y_test)
    np.testing.assert_array_equal(matrix.sum(axis=1), np.bincount(data.y_test, minlength=10))
    np.testing.assert_array_equal(matrix.sum(axis=0), np.bincount(pred, minlength=10))


def test_an_untrained_softmax_network_gives_every_digit_one_tenth():
    """Chapter 07 says so before training: the zero output layer makes every probability 1/10."""
    from helpers.vectorized import VectorizedNetwork

    P = VectorizedNetwork([64, 64, 10], output="softmax", seed=3).predict_proba(digits_data(seed=0).X_test)
    np.testing.assert_array_equal(P, np.full((360, 10), 0.1))


def test_a_weight_from_a_pixel_blank_in_every_image_never_moves():
    """dW = X^T dZ: a pixel that is 0 in every training image gives its weights a zero gradient."""
    from helpers.vectorized import VectorizedNetwork

    data = digits_data(seed=0)
    blank = np.all(data.X_train == 0, axis=0)
    assert blank.sum() >= 1
    net = VectorizedNetwork([64, 16, 10], output="softmax", seed=0)
    start = net.W[0].copy()
    net.fit(data.X_train, data.y_train, alpha=0.5, epochs=2, batch_size=32, seed=0)
    np.testing.assert_array_equal(net.W[0][blank], start[blank])
    assert not np.array_equal(net.W[0][~blank], start[~blank])


def test_confirm_prints_the_power_of_ten_above_a_difference_and_fails_above_its_bound(capsys):
    from helpers.comparison import confirm

    confirm("rows sum to 1", 2.2e-16, 1e-12)
    confirm("exact", 0.0, 1e-12)
    assert capsys.readouterr().out.splitlines() == [
        "✓ rows sum to 1: largest difference < 1e-15 (allowed: 1e-12)",
        "✓ exact: largest difference 0 (allowed: 1e-12)",
    ]
    with pytest.raises(AssertionError, match="not below 1e-12"):
        confirm("too far apart", 3e-12, 1e-12)
    with pytest.raises(AssertionError):
        confirm("not a number", float("nan"), 1e-12)


def test_probability_bars_colour_the_true_digit_and_the_wrong_answer():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from helpers.plots import BENIGN, MALIGNANT, probability_bars

    fig, ax = plt.subplots()
    p = np.full(10, 0.02)
    p[1], p[6] = 0.8, 0.04  # true 6, read 1
    probability_bars(ax, p, true_class=6)
    colours = [to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colours[6] == BENIGN.lower() and colours[1] == MALIGNANT.lower()
    assert len(set(colours[i] for i in range(10) if i not in (1, 6))) == 1
    assert [bar.get_height() for bar in ax.patches] == list(p)
    plt.close(fig)
