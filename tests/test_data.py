"""The data file, its regeneration, and the loader's validation of bad files."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.data import COLUMNS, load_bdiag

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_file_has_the_known_shape_and_classes():
    frame = load_bdiag()
    assert list(frame.columns) == COLUMNS
    assert frame.shape == (569, 31)
    assert frame["diagnosis"].value_counts().to_dict() == {"B": 357, "M": 212}
    assert frame[data.FEATURES].dtypes.eq("float64").all()


def test_labels_agree_with_scikit_learn_where_target_0_means_malignant():
    from sklearn.datasets import load_breast_cancer

    bunch = load_breast_cancer()
    frame = load_bdiag()
    assert np.array_equal(frame["diagnosis"] == "M", bunch.target == 0)
    assert np.array_equal(frame[["radius_mean", "texture_mean"]].to_numpy(), bunch.data[:, :2])


def test_regeneration_is_byte_identical(tmp_path):
    script = ROOT / "data" / "make_bdiag.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_quotes_the_checksum_the_loader_enforces():
    assert data.sha256(data.SHIPPED_CSV) == data.SHIPPED_SHA256
    assert data.SHIPPED_SHA256 in (ROOT / "data" / "README.md").read_text()


def test_a_changed_shipped_file_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "bdiag.csv"
    copy.write_text(data.SHIPPED_CSV.read_text().replace("17.99", "17.98", 1))
    monkeypatch.setattr(data, "SHIPPED_CSV", copy)
    with pytest.raises(ValueError, match="checksum mismatch"):
        load_bdiag()


def good_text() -> str:
    return data.SHIPPED_CSV.read_text()


def replace_cell(text: str, row: int, column: str, value: str) -> str:
    """Put ``value`` in one cell (row counted from 1 after the header)."""
    lines = text.splitlines()
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)
    return "\n".join(lines) + "\n"


def drop_column(text: str, column: str) -> str:
    lines = [line.split(",") for line in text.splitlines()]
    k = lines[0].index(column)
    return "\n".join(",".join(c for i, c in enumerate(cells) if i != k) for cells in lines) + "\n"


MALFORMED = {
    "empty file": (lambda t: "", "empty"),
    "only whitespace": (lambda t: "\n\n  \n", "empty"),
    "header only": (lambda t: t.splitlines()[0] + "\n", "no rows"),
    "missing radius_mean": (lambda t: drop_column(t, "radius_mean"), "missing column.*radius_mean"),
    "missing diagnosis": (lambda t: drop_column(t, "diagnosis"), "missing column.*diagnosis"),
    "label X": (lambda t: replace_cell(t, 3, "diagnosis", "X"), "diagnosis must be 'M' or 'B'.*row 3.*'X'"),
    "label 1 instead of M": (lambda t: replace_cell(t, 1, "diagnosis", "1"), "diagnosis must be 'M' or 'B'"),
    "empty cell": (lambda t: replace_cell(t, 5, "texture_mean", ""), "missing value.*texture_mean.*row 5"),
    "NaN cell": (lambda t: replace_cell(t, 7, "radius_mean", "NaN"), "missing value.*radius_mean.*row 7"),
    "text in a number column": (
        lambda t: replace_cell(t, 2, "area_mean", "big"),
        "non-numeric value 'big'.*area_mean.*row 2",
    ),
    "infinite value": (lambda t: replace_cell(t, 4, "radius_se", "inf"), "infinite value.*radius_se.*row 4"),
    "negative texture": (
        lambda t: replace_cell(t, 6, "texture_mean", "-3.5"),
        "negative value '-3.5'.*texture_mean.*row 6",
    ),
    "negative area": (lambda t: replace_cell(t, 9, "area_worst", "-1"), "negative value '-1'.*area_worst.*row 9"),
    "semicolon delimiter": (lambda t: t.replace(",", ";"), "wrong delimiter.*';'"),
    "tab delimiter": (lambda t: t.replace(",", "\t"), "wrong delimiter"),
    "a row with an extra field": (
        lambda t: replace_cell(t, 10, "radius_mean", "1,2"),
        "not a well-formed CSV",
    ),
    "duplicated column": (
        lambda t: t.replace("texture_se", "texture_mean", 1),
        "duplicated column.*texture_mean",
    ),
    "not text at all": (lambda t: b"\x89PNG\r\n\x1a\n\xff\xfe\x00binary", "not a text CSV"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_file_gives_a_value_error_naming_the_problem(tmp_path, name):
    make, message = MALFORMED[name]
    content = make(good_text())
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(ValueError, match=message) as caught:
        load_bdiag(path)
    # The error is ours, raised in helpers/data.py, not pandas' own from deep inside.
    assert caught.traceback[-1].path.name == "data.py"


def test_a_good_copy_elsewhere_loads_without_checksum(tmp_path):
    path = tmp_path / "copy.csv"
    path.write_text(replace_cell(good_text(), 1, "radius_mean", "18.5"))
    assert load_bdiag(path)["radius_mean"].iloc[0] == 18.5


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        load_bdiag(tmp_path / "nowhere.csv")


def test_split_is_deterministic_stratified_and_disjoint():
    X, y = data.features_and_labels(load_bdiag())
    first = data.split(X, y, seed=3)
    again = data.split(X, y, seed=3)
    other = data.split(X, y, seed=4)
    for a, b in zip(first, again):
        assert np.array_equal(a, b)
    assert not np.array_equal(first[0], other[0])
    X_train, X_test, y_train, y_test = first
    assert (len(y_train), len(y_test)) == (455, 114)
    assert abs(y_train.mean() - y.mean()) < 0.01 and abs(y_test.mean() - y.mean()) < 0.01
    rows_train = {tuple(r) for r in X_train}
    assert not any(tuple(r) in rows_train for r in X_test if (X == r).all(axis=1).sum() == 1)


def test_zscore_uses_training_statistics_only():
    t = data.tumour_data(seed=0)
    assert np.allclose(t.X_train.mean(axis=0), 0) and np.allclose(t.X_train.std(axis=0), 1)
    assert not np.allclose(t.X_test.mean(axis=0), 0, atol=1e-6)
    raw = pd.DataFrame(t.X_test * t.std + t.mean)
    assert raw.min().min() > 5  # back in the original units (texture and radius are > 5 everywhere)


def test_raw_inputs_make_hidden_weight_gradients_many_times_the_biases_and_z_scores_do_not():
    """Notebook 01's reason to z-score, on 20 random starts: with inputs around 14 and 19, each hidden weight's
    gradient sums the bias's gradient terms times an input, so the weights' gradients come out several times the
    biases'; z-scored, the two are of a size. (Starts whose hidden units are all off on raw inputs have no hidden
    gradient at all and are skipped.)"""
    from helpers.scratch import NeuralNetwork

    t = data.tumour_data(seed=0)
    raw = t.X_train * t.std + t.mean

    def ratio(network, X):
        grads = network.gradients(X, t.y_train)
        weights = np.mean([abs(grads[p]) for p in ("w11", "w12", "w13", "w14")])
        biases = np.mean([abs(grads[p]) for p in ("b11", "b12")])
        return weights / biases if biases else None

    measured = 0
    for seed in range(20):
        network = NeuralNetwork(seed=seed, init="he")
        on_raw, on_z = ratio(network, raw), ratio(network, t.X_train)
        if on_raw is None:
            continue
        measured += 1
        assert on_raw > 4 and on_z < 4 and on_raw > 5 * on_z, (seed, on_raw, on_z)
    assert measured >= 15


def test_keras_normalization_is_the_z_score_with_training_statistics():
    """Notebook 01 compares Keras' Normalization with the series' z-score; the sample std (ddof=1) would differ."""
    from helpers.keras_models import keras

    X, y = data.features_and_labels(load_bdiag())
    X_train, X_test, _, _ = data.split(X, y, seed=0)
    norm = keras.layers.Normalization(axis=-1)
    norm.adapt(X_train)
    ours = data.zscore(X_test, *data.zscore_stats(X_train))
    assert np.abs(np.asarray(norm(X_test)) - ours).max() < 1e-5
    sample = (X_test - X_train.mean(axis=0)) / X_train.std(axis=0, ddof=1)
    assert np.abs(np.asarray(norm(X_test)) - sample).max() > 1e-3
