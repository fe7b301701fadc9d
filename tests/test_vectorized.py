"""The matrix network (helpers.vectorized): same numbers as the loop network, right gradients, stable, strict."""

import warnings

import numpy as np
import pytest

import helpers
from helpers.parameters import PARAMETERS, from_matrices, to_matrices
from helpers.references import network_finite_differences
from helpers.scratch import NeuralNetwork
from helpers.starts import dead_units, mean_squares, sweep
from helpers.vectorized import (
    OUTPUTS,
    VectorizedNetwork,
    binary_cross_entropy,
    categorical_cross_entropy,
    log_softmax,
    one_hot,
    sigmoid,
    softmax,
)


@pytest.fixture(scope="module")
def tumours():
    return helpers.tumour_data(seed=0)


def randomised(net: VectorizedNetwork, seed: int, scale: float = 1.0) -> VectorizedNetwork:
    """The network with every weight and bias drawn from N(0, scale^2): no zero output layer, no zero bias."""
    rng = np.random.default_rng(seed)
    net.set_weights([scale * rng.standard_normal(w.shape) for w in net.get_weights()])
    return net


def small_problem(n=40, sizes=(3, 5, 4, 3), seed=1):
    """Random inputs and integer labels for a small softmax network."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, sizes[0])), rng.integers(0, sizes[-1], size=n)


# ---- agreement with the loop network ------------------------------------------------


@pytest.mark.parametrize("init", ["he", "randn"])
def test_matches_the_loop_network_for_100_epochs(tumours, init):
    """Same start, 100 full-batch epochs: every epoch's cost and the final nine weights agree to rounding."""
    loop = NeuralNetwork(seed=3, init=init)
    matrix = VectorizedNetwork([2, 2, 1])
    matrix.set_weights(to_matrices(loop.get_params()))
    loop.fit(tumours.X_train, tumours.y_train, alpha=0.1, epochs=100)
    matrix.fit(tumours.X_train, tumours.y_train, alpha=0.1, epochs=100)
    assert len(matrix.history["cost"]) == 100
    np.testing.assert_allclose(matrix.history["cost"], loop.history["cost"], rtol=1e-12, atol=0)
    assert matrix.history["accuracy"] == loop.history["accuracy"]
    final = from_matrices(matrix.get_weights())
    for p in PARAMETERS:
        assert final[p] == pytest.approx(getattr(loop, p), rel=1e-12, abs=1e-15), p
    # and the training moved the weights, so the agreement says something
    assert loop.history["cost"][-1] < loop.history["cost"][0]


def test_matrix_gradients_equal_the_nine_named_gradients(tumours):
    loop = NeuralNetwork(seed=5, init="randn")
    matrix = VectorizedNetwork([2, 2, 1])
    matrix.set_weights(to_matrices(loop.get_params()))
    named = loop.gradients(tumours.X_train, tumours.y_train)
    dWs, dbs = matrix.gradients(tumours.X_train, tumours.y_train)
    accuracy, cost = loop.get_accuracy_cost(tumours.X_train, tumours.y_train)
    matrix_accuracy, matrix_cost = matrix.get_accuracy_cost(tumours.X_train, tumours.y_train)
    as_named = from_matrices([dWs[0], dbs[0], dWs[1], dbs[1]])
    for p in PARAMETERS:
        assert as_named[p] == pytest.approx(named[p], rel=1e-12, abs=1e-15), p
    assert matrix_cost == pytest.approx(cost, rel=1e-13)
    assert matrix_accuracy == accuracy


@pytest.mark.parametrize("seed", range(100))
def test_the_matrix_network_starts_from_the_loop_networks_nine_numbers(seed):
    """VectorizedNetwork([2, 2, 1], seed=s) and NeuralNetwork(seed=s) start from exactly the same nine numbers."""
    loop = NeuralNetwork(seed=seed)
    matrix = VectorizedNetwork([2, 2, 1], seed=seed)
    assert from_matrices(matrix.get_weights()) == loop.get_params()  # exact, in both directions
    for ours, theirs in zip(matrix.get_weights(), to_matrices(loop.get_params()), strict=True):
        assert ours.shape == theirs.shape
        np.testing.assert_array_equal(ours, theirs)
    assert all(loop.get_params()[w] != 0.0 for w in ("w11", "w12", "w13", "w14"))  # a real draw, not zeros


def test_hidden_weights_are_drawn_unit_by_unit():
    """Each hidden unit's n_in input weights are drawn in turn: W1 is filled column by column, W2 next, then zeros."""
    sizes = [3, 4, 5, 2]
    net = VectorizedNetwork(sizes, output="softmax", seed=9)
    rng = np.random.default_rng(9)
    first = rng.normal(0.0, np.sqrt(2 / 3), size=4 * 3)
    second = rng.normal(0.0, np.sqrt(2 / 4), size=5 * 4)
    np.testing.assert_array_equal(net.W[0], first.reshape(4, 3).T)  # column j = unit j's three weights
    np.testing.assert_array_equal(net.W[1], second.reshape(5, 4).T)
    np.testing.assert_array_equal(net.W[2], np.zeros((5, 2)))
    assert [w.shape for w in net.W] == [(3, 4), (4, 5), (5, 2)]


def test_the_start_is_he_for_hidden_layers_and_zero_for_the_output_layer():
    net = VectorizedNetwork([64, 128, 10], output="softmax", seed=3)
    assert np.count_nonzero(net.W[-1]) == 0 and all(np.count_nonzero(b) == 0 for b in net.b)
    assert abs(net.W[0].std() - np.sqrt(2 / 64)) < 0.01  # He: variance 2 / n_in
    assert np.array_equal(net.W[0], VectorizedNetwork([64, 128, 10], output="softmax", seed=3).W[0])
    assert not np.array_equal(net.W[0], VectorizedNetwork([64, 128, 10], output="softmax", seed=4).W[0])
    # every prediction starts at the same value: 1/K for softmax, 0.5 for a sigmoid
    X, _ = small_problem(n=5, sizes=(64, 10))
    np.testing.assert_allclose(net.predict_proba(X), 0.1)
    np.testing.assert_allclose(VectorizedNetwork([2, 2, 1]).predict_proba(np.ones((3, 2))), 0.5)


def test_named_parameters_sit_where_the_equations_put_them():
    params = dict(zip(PARAMETERS, [0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9]))
    W1, b1, W2, b2 = to_matrices(params)
    np.testing.assert_array_equal(W1, [[0.1, 0.3], [-0.2, -0.4]])
    np.testing.assert_array_equal(b1, [0.7, -0.8])
    np.testing.assert_array_equal(W2, [[0.5], [-0.6]])
    np.testing.assert_array_equal(b2, [0.9])
    assert from_matrices([W1, b1, W2, b2]) == params
    # row i of X W1 + b1 holds (z11, z12) of example i, as the loop network computes them
    loop = NeuralNetwork()
    loop.set_params(params)
    matrix = VectorizedNetwork([2, 2, 1])
    matrix.set_weights([W1, b1, W2, b2])
    X = np.array([[1.5, -2.0], [0.3, 0.7], [-1.0, -1.0]])
    Zs, As = matrix.forward_prop(X)
    for i, (x1, x2) in enumerate(X):
        forward = loop.forward_prop(x1, x2)
        np.testing.assert_allclose(Zs[0][i], [forward["z11"], forward["z12"]], rtol=1e-13, atol=1e-15)
        assert As[-1][i, 0] == pytest.approx(forward["a2"], rel=1e-13)
    with pytest.raises(ValueError, match="missing parameter"):
        to_matrices({"w11": 1.0})
    with pytest.raises(ValueError, match="2-2-1"):
        from_matrices([W1, b1])


def test_weights_use_the_keras_kernel_layout():
    """A Keras model's get_weights() drops straight into set_weights and gives the same outputs."""
    from helpers.keras_models import dense_network

    X, _ = small_problem(n=20, sizes=(3, 4, 3))
    model = dense_network([3, 4, 3], output="softmax", dtype="float64", seed=7)
    matrix = VectorizedNetwork([3, 4, 3], output="softmax")
    matrix.set_weights(model.get_weights())
    np.testing.assert_allclose(matrix.predict_proba(X), np.asarray(model(X)), rtol=1e-12)
    # the nine named numbers, moved into a 2-2-1 Keras model, give the loop network's probabilities
    loop = NeuralNetwork(seed=2, init="randn")
    twin = dense_network([2, 2, 1], output="sigmoid", dtype="float64")
    twin.set_weights(to_matrices(loop.get_params()))
    X = np.random.default_rng(0).normal(size=(10, 2))
    np.testing.assert_allclose(np.asarray(twin(X))[:, 0], loop.predict_proba(X), rtol=1e-12)


# ---- gradients against finite differences ------------------------------------------


def in_weight_order(dWs, dbs):
    return [m for pair in zip(dWs, dbs) for m in pair]


def test_softmax_gradients_match_finite_differences():
    sizes = [3, 5, 4, 3]  # three layers of weights, softmax over 3 classes
    X, y = small_problem(sizes=sizes)
    net = randomised(VectorizedNetwork(sizes, output="softmax"), seed=4)
    dWs, dbs = net.gradients(X, y)
    grads = in_weight_order(dWs, dbs)
    for exact, estimate in zip(grads, network_finite_differences(net, X, y), strict=True):
        assert exact.shape == estimate.shape
        np.testing.assert_allclose(exact, estimate, rtol=1e-5, atol=1e-8)
    assert min(np.abs(g).max() for g in grads) > 1e-3  # no layer's gradient is (trivially) zero


def test_sigmoid_output_gradients_match_finite_differences():
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 2, size=30)
    net = randomised(VectorizedNetwork([4, 6, 3, 1]), seed=2)
    dWs, dbs = net.gradients(X, y)
    for exact, estimate in zip(in_weight_order(dWs, dbs), network_finite_differences(net, X, y), strict=True):
        np.testing.assert_allclose(exact, estimate, rtol=1e-5, atol=1e-8)


def test_a_missing_transpose_on_a_square_matrix_is_caught():
    """With square weight matrices, dZ @ W (no .T) has the right shape and runs: only the gradient check sees it."""
    sizes = [3, 4, 4, 4]
    X, y = small_problem(n=25, sizes=sizes)
    net = randomised(VectorizedNetwork(sizes, output="softmax"), seed=6)

    class Untransposed(VectorizedNetwork):
        def back_prop(self, Zs, As, Y):
            dZ = (As[-1] - Y) / len(Y)
            dWs, dbs = [], []
            for k in reversed(range(len(self.W))):
                dWs.insert(0, As[k].T @ dZ)
                dbs.insert(0, dZ.sum(axis=0))
                if k > 0:
                    dZ = (dZ @ self.W[k]) * (Zs[k - 1] > 0)  # the planted mistake: W, not W.T
            return dWs, dbs

    wrong = Untransposed(sizes, output="softmax")
    wrong.set_weights(net.get_weights())
    estimates = network_finite_differences(net, X, y)

    def worst(network):
        dWs, dbs = network.gradients(X, y)
        return max(np.abs(g - e).max() for g, e in zip(in_weight_order(dWs, dbs), estimates))

    assert worst(wrong) > 1e-3
    assert worst(net) < 1e-7  # the right code, on the same network, agrees


# ---- numerical stability ------------------------------------------------------------


def test_costs_and_activations_are_stable_for_huge_logits():
    # overflow, 0/0 and log(0) raise; underflow to 0.0 (e.g. e^-20000) is fine and expected
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        Z = np.array([[1e4], [-1e4], [1e4], [-1e4]])
        Y = np.array([[1.0], [0.0], [0.0], [1.0]])
        # right with certainty costs 0; wrong with certainty costs |z| = 1e4
        assert binary_cross_entropy(Z[:2], Y[:2]) == 0.0
        assert binary_cross_entropy(Z[2:], Y[2:]) == pytest.approx(1e4)
        np.testing.assert_array_equal(sigmoid(Z[:, 0]), [1.0, 0.0, 1.0, 0.0])
        Zk = np.array([[1e4, 0.0, -1e4], [-1e4, 1e4, 1e4]])
        A = softmax(Zk)
        np.testing.assert_allclose(A, [[1, 0, 0], [0, 0.5, 0.5]])
        assert np.all(np.isfinite(log_softmax(Zk)))
        assert categorical_cross_entropy(Zk, one_hot(np.array([0, 1]), 3)) == pytest.approx(np.log(2) / 2)
        assert categorical_cross_entropy(Zk, one_hot(np.array([2, 0]), 3)) == pytest.approx((2e4 + 2e4 + np.log(2)) / 2)
        # a whole network driven to logits of about 1e4 still gives finite gradients
        net = randomised(VectorizedNetwork([3, 4, 3], output="softmax"), seed=0, scale=3e3)
        X, y = small_problem(n=10, sizes=(3, 4, 3))
        Zs, _ = net.forward_prop(X)
        assert np.abs(Zs[-1]).max() > 1e3
        dWs, dbs = net.gradients(X, y)
        _, cost = net.get_accuracy_cost(X, y)
        assert np.isfinite(cost) and all(np.all(np.isfinite(g)) for g in dWs + dbs)


def test_softmax_rows_are_probabilities_and_two_classes_give_the_sigmoid():
    X, y = small_problem()
    net = VectorizedNetwork([3, 5, 4, 3], output="softmax")
    P = net.predict_proba(X)
    assert P.shape == (len(X), 3) and np.all(P >= 0)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_array_equal(net.predict(X), P.argmax(axis=1))
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(softmax(np.column_stack([np.zeros_like(z), z]))[:, 1], sigmoid(z), rtol=1e-13)


def test_the_output_record_says_what_the_last_layer_computes_and_predicts():
    assert set(OUTPUTS) == {"sigmoid", "softmax"}
    binary, multi = VectorizedNetwork([2, 3, 1]), VectorizedNetwork([3, 5, 4, 3], output="softmax")
    assert binary.output is OUTPUTS["sigmoid"] and multi.output is OUTPUTS["softmax"]
    assert (binary.n_inputs, binary.classes, multi.n_inputs, multi.classes) == (2, 2, 3, 3)
    y = np.array([0, 2, 1, 2])
    np.testing.assert_array_equal(multi.output.targets(y, 3), one_hot(y, 3))
    np.testing.assert_array_equal(binary.output.targets(np.array([0, 1, 1]), 1), [[0.0], [1.0], [1.0]])
    X, y = small_problem()
    randomised(multi, seed=3)
    Zs, As = multi.forward_prop(X)
    np.testing.assert_array_equal(multi.output.probabilities(As[-1]), multi.predict_proba(X))
    np.testing.assert_array_equal(multi.output.predict(As[-1]), multi.predict(X))


def test_get_accuracy_cost_is_the_cost_of_the_logits_and_the_share_predicted_right():
    X, y = small_problem()
    net = randomised(VectorizedNetwork([3, 5, 4, 3], output="softmax"), seed=5)
    accuracy, cost = net.get_accuracy_cost(X, y)
    Zs, As = net.forward_prop(X)
    assert cost == categorical_cross_entropy(Zs[-1], one_hot(y, 3))
    assert accuracy == np.mean(As[-1].argmax(axis=1) == y) and 0 < accuracy < 1
    rng = np.random.default_rng(8)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 2, size=30)
    net = randomised(VectorizedNetwork([4, 6, 1]), seed=2)
    accuracy, cost = net.get_accuracy_cost(X, y)
    Zs, As = net.forward_prop(X)
    assert cost == binary_cross_entropy(Zs[-1], y.reshape(-1, 1).astype(float))
    assert accuracy == np.mean(net.predict(X) == y) and 0 < accuracy < 1
    with pytest.raises(ValueError, match=r"only the classes 0\.\.2; found 3"):
        VectorizedNetwork([3, 5, 3], output="softmax").get_accuracy_cost(X[:, :3], np.full(30, 3))


# ---- mini-batches -------------------------------------------------------------------


def test_minibatch_training_repeats_exactly_with_a_seed():
    X, y = small_problem(n=53)  # 53 rows: the last batch of 8 is smaller

    def run(seed):
        net = VectorizedNetwork([3, 5, 4, 3], output="softmax", seed=0)
        net.fit(X, y, alpha=0.1, epochs=5, batch_size=8, seed=seed)
        return net

    first, again, other = run(11), run(11), run(12)
    assert first.history == again.history
    for a, b in zip(first.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert any(not np.array_equal(a, b) for a, b in zip(first.get_weights(), other.get_weights()))
    assert len(first.history["cost"]) == 5


def test_one_batch_of_all_rows_is_full_batch_descent():
    X, y = small_problem(n=30)
    full = VectorizedNetwork([3, 5, 4, 3], output="softmax", seed=3)
    mini = VectorizedNetwork([3, 5, 4, 3], output="softmax", seed=3)
    full.fit(X, y, alpha=0.2, epochs=20)
    mini.fit(X, y, alpha=0.2, epochs=20, batch_size=30)  # shuffled, but the sum is the same
    np.testing.assert_allclose(mini.history["cost"], full.history["cost"], rtol=1e-12)
    for a, b in zip(mini.get_weights(), full.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-14)


def test_minibatch_descent_learns_the_training_set():
    X, _ = small_problem(n=60)
    y = (X @ np.array([[1.0, -1.0, 0.0], [0.5, 0.5, -1.0], [0.0, 1.0, 1.0]])).argmax(axis=1)  # learnable labels
    net = VectorizedNetwork([3, 16, 3], output="softmax", seed=0)
    net.fit(X, y, alpha=0.5, epochs=100, batch_size=10)
    assert net.history["cost"][-1] < 0.5 * net.history["cost"][0]
    assert np.mean(net.predict(X) == y) > 0.8


# ---- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"X": np.zeros((4, 3))}, r"shape \(n, 2\)"),
        ({"X": np.zeros(4)}, r"shape \(n, 2\)"),
        ({"X": np.zeros((0, 2)), "y": np.zeros(0)}, "no rows"),
        ({"X": np.array([[0.0, np.nan]] * 4)}, "NaN"),
        ({"X": [["a", "b"]] * 4}, "X must hold numbers"),
        ({"y": np.array([0, 1, 1])}, "4 rows but y has 3"),
        ({"y": np.array([0, 1, 2, 1])}, "only 0 and 1"),
        ({"y": np.array([0, 1, np.nan, 1])}, "only 0 and 1"),
        ({"y": np.array(["B", "M", "M", "B"])}, "numbers"),
        ({"alpha": 0.0}, "alpha"),
        ({"alpha": -0.1}, "alpha"),
        ({"alpha": np.nan}, "alpha"),
        ({"alpha": "0.1"}, "alpha"),
        ({"epochs": 0}, "epochs"),
        ({"epochs": 2.5}, "epochs"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 5}, "batch_size"),
        ({"batch_size": 2.0}, "batch_size"),
        ({"seed": -1}, "seed"),
        ({"print_every": -1}, "print_every"),
    ],
)
def test_fit_rejects_bad_input_naming_the_problem(change, message):
    args = {"X": np.zeros((4, 2)), "y": np.array([0, 1, 1, 0]), "alpha": 0.1, "epochs": 1, **change}
    with pytest.raises(ValueError, match=message):
        VectorizedNetwork([2, 2, 1]).fit(**args)


@pytest.mark.parametrize(
    ("y", "message"),
    [
        (np.array([0, 1, 3, 2]), r"only the classes 0\.\.2; found 3"),
        (np.array([0, -1, 1, 2]), "found -1"),
        (np.array([0, 1.5, 1, 2]), "found 1.5"),
        (np.array([[0, 1], [1, 0], [0, 1], [1, 0]]), "shape"),
    ],
)
def test_softmax_labels_must_be_classes(y, message):
    net = VectorizedNetwork([2, 4, 3], output="softmax")
    with pytest.raises(ValueError, match=message):
        net.fit(np.zeros((4, 2)), y, alpha=0.1, epochs=1)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sizes": [2]}, "at least an input and an output"),
        ({"sizes": [2, 0, 1]}, "integer >= 1"),
        ({"sizes": [2, 2.5, 1]}, "integer >= 1"),
        ({"output": "linear"}, "output must be"),
        ({"sizes": [2, 2, 2]}, "exactly 1 output"),
        ({"sizes": [2, 2, 1], "output": "softmax"}, "at least 2 output"),
        ({"seed": -1}, "seed must be"),
    ],
)
def test_bad_architecture_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        VectorizedNetwork(**kwargs)


def test_set_weights_and_predict_check_shapes():
    net = VectorizedNetwork([2, 3, 1])
    with pytest.raises(ValueError, match="expected weights of shapes"):
        net.set_weights([np.zeros((3, 2)), np.zeros(3), np.zeros((3, 1)), np.zeros(1)])
    with pytest.raises(ValueError, match="NaN"):
        net.set_weights([np.full((2, 3), np.nan), np.zeros(3), np.zeros((3, 1)), np.zeros(1)])
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        net.predict(np.zeros((5, 3)))
    assert net.predict_proba(np.zeros((5, 2))).shape == (5,)


# ---- the init option, and helpers.starts (notebook 04's starts) ------------------------------


@pytest.mark.parametrize("seed", range(20))
def test_the_he_start_is_the_loop_networks_he_start(seed):
    """init="he": for 2-2-1 the same nine numbers as NeuralNetwork(init="he"), output weights drawn too."""
    matrix = from_matrices(VectorizedNetwork([2, 2, 1], seed=seed, init="he").get_weights())
    assert matrix == NeuralNetwork(seed=seed, init="he").get_params()
    assert matrix["w21"] != 0.0 and matrix["w22"] != 0.0


def test_he_draws_every_layer_after_the_same_hidden_draws_as_the_default():
    sizes = [3, 4, 5, 2]
    he, default = VectorizedNetwork(sizes, "softmax", seed=9, init="he"), VectorizedNetwork(sizes, "softmax", seed=9)
    for k in range(2):
        np.testing.assert_array_equal(he.W[k], default.W[k])
    rng = np.random.default_rng(9)
    rng.normal(size=4 * 3 + 5 * 4)  # the hidden layers' draws come first
    np.testing.assert_array_equal(he.W[2], rng.normal(0.0, np.sqrt(2 / 5), size=2 * 5).reshape(2, 5).T)
    assert all(np.all(b == 0.0) for b in he.b)
    assert VectorizedNetwork(sizes, "softmax", seed=9, init="he_zero_output").get_weights()[4].tolist() == (
        default.get_weights()[4].tolist())


def test_an_unknown_init_is_refused():
    with pytest.raises(ValueError, match="init must be one of 'he_zero_output', 'he'; got 'randn'"):
        VectorizedNetwork([2, 2, 1], init="randn")


def test_mean_squares_follow_the_variance_of_z():
    """E[a^2] after each relu layer is multiplied by gain / 2, near enough, with 200 draws."""
    X = np.random.default_rng(0).standard_normal((300, 4))  # mean square about 1
    start = np.mean(X**2)
    for gain in (1.0, 2.0, 4.0):
        measured = mean_squares(X, width=64, depth=5, gain=gain, draws=200)
        expected = start * (gain / 2) ** np.arange(1, 6)
        np.testing.assert_allclose(measured, expected, rtol=0.15)
    np.testing.assert_array_equal(mean_squares(X, 8, 3, 2.0, seed=5), mean_squares(X, 8, 3, 2.0, seed=5))


def test_dead_units_counts_the_units_that_fire_for_no_row():
    net = VectorizedNetwork([2, 3, 1])
    X = np.array([[1.0, 2.0], [0.5, -1.0]])
    net.set_weights([np.array([[1.0, -1.0, 0.0], [0.0, -1.0, 0.0]]), np.array([0.0, -5.0, 0.0]),
                     np.zeros((3, 1)), np.zeros(1)])
    assert dead_units(net, X) == 2  # unit 2 is pushed below 0 by its bias, unit 3 has z = 0 (not > 0) everywhere


def test_sweep_gives_one_row_per_width_start_and_seed(tumours):
    runs = sweep(tumours.X_train, tumours.y_train, widths=(2, 3), seeds=range(2), epochs=5)
    assert len(runs) == 2 * 2 * 2
    assert list(runs.columns) == ["start", "width", "seed", "dead_units", "accuracy", "cost"]
    first = VectorizedNetwork([2, 2, 1], seed=0)
    first.fit(tumours.X_train, tumours.y_train, alpha=0.5, epochs=5)
    assert runs.iloc[0]["cost"] == first.get_accuracy_cost(tumours.X_train, tumours.y_train)[1]
