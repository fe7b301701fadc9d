"""Tests for helpers.keras_models: seeded Keras networks, the bridge to the loop network, Keras' own behaviour."""

import math

import numpy as np
import pytest

# keras comes through helpers, whose __init__ quiets TensorFlow before TensorFlow is imported.
from helpers.keras_models import (
    dense_network,
    keras,
    make_deterministic,
    output_activation,
    predict_classes,
    predict_proba,
)
from helpers.parameters import PARAMETERS, from_matrices, to_matrices
from helpers.scratch import NeuralNetwork

# Nine distinct numbers, so a weight copied to the wrong place cannot go unnoticed.
WEIGHTS = dict(zip(PARAMETERS, [0.7, -1.3, 0.4, 0.9, 1.6, -0.8, 0.1, -0.2, 0.05]))


def with_weights(model: keras.Model, params: dict[str, float]) -> keras.Model:
    """The model, given the nine named parameters (the way the notebooks do it)."""
    model.set_weights(to_matrices(params))
    return model


def hand_forward(p: dict[str, float], x1: float, x2: float) -> float:
    """z2 from the series' equations, one multiplication at a time."""
    z11 = p["w11"] * x1 + p["w12"] * x2 + p["b11"]
    z12 = p["w13"] * x1 + p["w14"] * x2 + p["b12"]
    a11, a12 = max(z11, 0.0), max(z12, 0.0)
    return p["w21"] * a11 + p["w22"] * a12 + p["b2"]


def points(n: int = 20, width: int = 2, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, width))


def same_weights(a: keras.Model, b: keras.Model) -> bool:
    return all(np.array_equal(u, v) for u, v in zip(a.get_weights(), b.get_weights(), strict=True))


# ---- make_deterministic ---------------------------------------------------------------


def short_fit(seed: int) -> list[np.ndarray]:
    """Train a 2-2-1 network briefly with shuffled mini-batches; return its weights."""
    make_deterministic(seed)
    X = points(64, seed=1)
    y = (X[:, 0] + X[:, 1] > 0).astype("int64")
    model = dense_network([2, 2, 1], seed=seed)
    model.compile(loss=keras.losses.BinaryCrossentropy(from_logits=True), optimizer=keras.optimizers.Adam(0.01))
    model.fit(X, y, epochs=3, batch_size=8, shuffle=True, verbose=0)
    return model.get_weights()


def test_make_deterministic_repeats_training_exactly_and_can_be_called_again():
    first, second = short_fit(5), short_fit(5)
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))
    # Trained weights moved away from the seeded start, so the equality above means something.
    start = dense_network([2, 2, 1], seed=5).get_weights()
    assert not all(np.array_equal(a, b) for a, b in zip(first, start, strict=True))


@pytest.mark.parametrize("seed", [-1, 1.5, "0", True])
def test_make_deterministic_refuses_a_bad_seed(seed):
    with pytest.raises(ValueError, match="seed"):
        make_deterministic(seed)


# ---- dense_network ---------------------------------------------------------------------


def test_same_seed_same_weights_other_seed_other_weights():
    assert same_weights(dense_network([2, 2, 1], seed=3), dense_network([2, 2, 1], seed=3))
    assert not same_weights(dense_network([2, 2, 1], seed=3), dense_network([2, 2, 1], seed=4))


def test_network_shapes_activations_and_zero_biases():
    model = dense_network([2, 2, 1])
    assert [w.shape for w in model.get_weights()] == [(2, 2), (2,), (2, 1), (1,)]
    assert model.layers[0].get_config()["activation"] == "relu"
    assert output_activation(model) == "linear"
    assert np.count_nonzero(model.get_weights()[1]) == 0 and np.count_nonzero(model.get_weights()[3]) == 0
    assert model(points(3)).shape == (3, 1)


def test_digits_sized_softmax_network():
    model = dense_network([64, 64, 10], output="softmax", seed=1)
    assert [w.shape for w in model.get_weights()] == [(64, 64), (64,), (64, 10), (10,)]
    out = keras.ops.convert_to_numpy(model(points(5, width=64)))
    assert out.shape == (5, 10)
    assert np.allclose(out.sum(axis=1), 1.0, atol=1e-6) and np.all(out > 0)


def test_float64_network_computes_in_float64():
    model = dense_network([2, 3, 1], output="sigmoid", dtype="float64")
    assert all(w.dtype == np.float64 for w in model.get_weights())
    assert keras.ops.convert_to_numpy(model(points(4))).dtype == np.float64


@pytest.mark.parametrize(
    "kwargs, problem",
    [
        ({"sizes": [2]}, "at least"),
        ({"sizes": [2, 0, 1]}, "integer >= 1"),
        ({"sizes": [2, 2.5, 1]}, "integer >= 1"),
        ({"sizes": [2, 2, 1], "output": "tanh"}, "output"),
        ({"sizes": [2, 2, 1], "dtype": "int32"}, "dtype"),
        ({"sizes": [2, 2, 1], "hidden": "not-an-activation"}, "not-an-activation"),
        ({"sizes": [2, 2, 1], "seed": -1}, "seed"),
    ],
)
def test_dense_network_refuses_bad_arguments(kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        dense_network(**kwargs)


# ---- the bridge to the loop network ------------------------------------------------------


def test_copy_then_read_back_gives_the_same_nine_numbers():
    for dtype in ("float32", "float64"):
        back = from_matrices(with_weights(dense_network([2, 2, 1], dtype=dtype, seed=9), WEIGHTS).get_weights())
        assert list(back) == list(PARAMETERS)
        for name in PARAMETERS:
            assert math.isclose(back[name], WEIGHTS[name], rel_tol=1e-7), name


def test_kernel_layout_is_input_by_unit():
    kernel1, bias1, kernel2, bias2 = with_weights(dense_network([2, 2, 1]), WEIGHTS).get_weights()
    p = WEIGHTS
    assert np.allclose(kernel1, [[p["w11"], p["w13"]], [p["w12"], p["w14"]]])
    assert np.allclose(bias1, [p["b11"], p["b12"]])
    assert np.allclose(kernel2, [[p["w21"]], [p["w22"]]])
    assert np.allclose(bias2, [p["b2"]])


def test_keras_forward_pass_equals_the_hand_computed_equations():
    model = with_weights(dense_network([2, 2, 1], dtype="float64"), WEIGHTS)
    X = np.vstack([points(30, seed=2) * 2, [[0.0, 0.0], [3.0, -1.0], [-2.0, 2.5]]])
    z2_keras = keras.ops.convert_to_numpy(model(X))[:, 0]
    z2_hand = np.array([hand_forward(WEIGHTS, x1, x2) for x1, x2 in X])
    # Both relu units must be active for some points and inactive for others, or the test is too easy.
    z11 = WEIGHTS["w11"] * X[:, 0] + WEIGHTS["w12"] * X[:, 1] + WEIGHTS["b11"]
    z12 = WEIGHTS["w13"] * X[:, 0] + WEIGHTS["w14"] * X[:, 1] + WEIGHTS["b12"]
    assert 0 < (z11 > 0).sum() < len(X) and 0 < (z12 > 0).sum() < len(X)
    assert np.allclose(z2_keras, z2_hand, rtol=1e-12, atol=1e-12)


def test_keras_twin_of_the_loop_network_predicts_the_same_probabilities():
    net = NeuralNetwork(seed=4, init="he")
    model = with_weights(dense_network([2, 2, 1], dtype="float64"), net.get_params())
    X = points(25, seed=3)
    assert np.allclose(predict_proba(model, X), net.predict_proba(X), rtol=1e-12, atol=1e-14)
    assert np.array_equal(predict_classes(model, X), net.predict(X))


def test_weight_copies_refuse_other_shapes_and_incomplete_networks():
    with pytest.raises(ValueError, match="2-2-1"):
        from_matrices(dense_network([2, 3, 1]).get_weights())
    incomplete = {k: v for k, v in WEIGHTS.items() if k != "b2"}
    with pytest.raises(ValueError, match="b2"):
        to_matrices(incomplete)


# ---- predictions -------------------------------------------------------------------------


def test_logit_sigmoid_and_softmax_models_give_one_probability_per_row():
    X = points(40, seed=4)
    logits = dense_network([2, 2, 1], output="linear", seed=1)
    probabilities = dense_network([2, 2, 1], output="sigmoid", seed=1)
    assert same_weights(logits, probabilities)
    p_logit, p_sigmoid = predict_proba(logits, X), predict_proba(probabilities, X)
    assert p_logit.shape == (40,) and p_logit.dtype == np.float64
    assert np.allclose(p_logit, p_sigmoid, atol=1e-6)
    z2 = keras.ops.convert_to_numpy(logits(X))[:, 0]
    assert np.array_equal(predict_classes(logits, X), (z2 > 0).astype(int))  # P > 0.5 exactly when z2 > 0

    softmax = dense_network([2, 3, 2], output="softmax", seed=2)
    p = predict_proba(softmax, X)
    assert p.shape == (40,) and np.all((p > 0) & (p < 1))


def test_predict_proba_stays_finite_for_huge_logits():
    model = with_weights(dense_network([2, 2, 1], dtype="float64"), {**WEIGHTS, "w21": 500.0, "w22": -500.0})
    p = predict_proba(model, points(50, seed=5) * 10)
    assert np.all(np.isfinite(p)) and np.all((p >= 0) & (p <= 1))
    assert p.min() < 1e-300 and p.max() == 1.0  # the saturated ends really were reached


@pytest.mark.parametrize(
    "X, problem",
    [
        (np.zeros(2), r"shape \(n, 2\)"),
        (np.zeros((3, 2, 1)), r"shape \(n, 2\)"),
        (np.zeros((3, 3)), r"got shape \(3, 3\)"),
        (np.array([[0.0, np.nan]]), "NaN"),
        (np.array([["a", "b"]]), "numbers; found 'a'"),
    ],
)
def test_predict_proba_names_bad_input(X, problem):
    with pytest.raises(ValueError, match=problem):
        predict_proba(dense_network([2, 2, 1]), X)


def test_predict_proba_refuses_a_multiclass_model():
    with pytest.raises(ValueError, match="binary"):
        predict_proba(dense_network([4, 3, 10], output="softmax"), points(2, width=4))


# ---- Keras' own behaviour, which the notebooks describe ---------------------------------------


def test_keras_accuracy_string_thresholds_logits_at_one_half():
    """The trap notebook 03 explains: "accuracy" compares the raw logit with 0.5, not with 0."""
    model = with_weights(dense_network([2, 2, 1]), WEIGHTS)
    X = points(200, seed=6)
    z2 = keras.ops.convert_to_numpy(model(X))[:, 0]
    y = (z2 > 0.25).astype("int64")  # labels that make the two thresholds disagree on some rows
    assert ((z2 > 0) & (z2 <= 0.5)).any()
    model.compile(
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=["accuracy", keras.metrics.BinaryAccuracy(threshold=0.0, name="right")],
    )
    scores = model.evaluate(X, y, verbose=0, return_dict=True)
    assert math.isclose(scores["accuracy"], np.mean((z2 > 0.5) == y), abs_tol=1e-6)
    assert math.isclose(scores["right"], np.mean(predict_classes(model, X) == y), abs_tol=1e-6)
    assert scores["accuracy"] != scores["right"]


def test_a_sigmoid_layer_output_is_not_clipped_but_a_plain_probability_is():
    """Notebook 05's claim: with from_logits=False, Keras takes the logit back from a sigmoid layer's output.

    One Dense unit with weight 1 and a sigmoid, at z = 20 with label 0: the exact loss is
    softplus(20) = 20.0000000021. A probability that did not come from a sigmoid layer is clipped to
    [1e-7, 1 - 1e-7] first (in float32), which caps the loss near -log(1.19e-7) = 15.94.
    If a Keras upgrade changes either behaviour, this fails and the notebook's sentence must change.
    """
    model = keras.Sequential(
        [keras.Input((1,)), keras.layers.Dense(1, activation="sigmoid", use_bias=False, kernel_initializer="ones")]
    )
    x, y = np.array([[20.0]]), np.array([[0.0]])
    loss = keras.losses.BinaryCrossentropy(from_logits=False)
    through_the_layer = float(loss(y, model(x)))
    probability = keras.ops.convert_to_numpy(model(x))
    clipped = float(loss(y, probability))
    assert math.isclose(through_the_layer, 20.0, rel_tol=1e-6)
    assert probability[0, 0] == 1.0  # in float32, sigmoid(20) rounds to exactly 1
    assert math.isclose(clipped, -math.log1p(-np.float32(1 - 1e-7)), rel_tol=1e-4)
    assert 15.9 < clipped < 16.0


# ---- notebook 03's literal model and its summary ----------------------------------------------


def test_the_literal_sequential_model_is_dense_network_without_seeds():
    literal = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="relu"), keras.layers.Dense(1)])
    seeded = dense_network([2, 2, 1], hidden="relu", output="linear", seed=0)
    assert literal.count_params() == seeded.count_params() == 9
    for a, b in zip(literal.layers, seeded.layers, strict=True):
        assert (a.units, a.get_config()["activation"]) == (b.units, b.get_config()["activation"])
        assert type(a.kernel_initializer) is type(b.kernel_initializer) is keras.initializers.GlorotUniform
        assert a.kernel_initializer.get_config()["seed"] is None
        assert b.kernel_initializer.get_config()["seed"] is not None


def test_a_64_128_10_network_has_the_9610_parameters_exercise_03_expects():
    from helpers.exercises.ch03 import dense_parameters

    model = keras.Sequential([keras.Input((64,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
    assert model.count_params() == dense_parameters([64, 128, 10]) == 9610


def test_the_count_that_exercise_03_checks_n_parameters_against_is_keras_own_on_every_stack_it_tries():
    from helpers.exercises.ch03 import ARCHITECTURES, dense_parameters

    for sizes in ARCHITECTURES:
        model = dense_network(sizes, output="linear", seed=0)
        assert model.count_params() == dense_parameters(sizes), sizes


@pytest.mark.parametrize("columns", ["80", "200"])
def test_the_summary_table_does_not_depend_on_the_terminal_width(monkeypatch, columns):
    """Notebook 03 prints model.summary(line_length=64, print_fn=print); without line_length, Keras would size the
    table from the terminal's width (COLUMNS), and the stored output would differ from machine to machine."""
    model = keras.Sequential(
        [keras.Input((2,)), keras.layers.Dense(2, activation="relu", name="h"), keras.layers.Dense(1, name="o")],
        name="m",
    )
    lines = []
    monkeypatch.setenv("COLUMNS", "120")
    model.summary(line_length=64, print_fn=lines.append)
    reference = "\n".join(lines)
    lines.clear()
    monkeypatch.setenv("COLUMNS", columns)
    model.summary(line_length=64, print_fn=lines.append)
    assert "\n".join(lines) == reference
    assert "Total params: 9 (36.00 B)" in reference
