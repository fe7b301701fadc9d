"""helpers.training: the one fit loop of the loop network and the matrix network, and what its history means.

``Network.fit`` records, for every epoch, the cost and accuracy of the weights
the epoch started from (full batch), or the batch-size-weighted mean of each
batch's cost and accuracy measured before that batch's step (mini-batch). Both
networks run this same loop, so from the same seed they give the same history
to rounding, full batch and mini-batch alike.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import tumour_data
from helpers.parameters import PARAMETERS, from_matrices
from helpers.scratch import NeuralNetwork
from helpers.training import Network, batches
from helpers.vectorized import VectorizedNetwork

DATA = tumour_data(seed=0)
X, Y = DATA.X_train, DATA.y_train
NETWORKS = {
    "loop": lambda seed: NeuralNetwork(seed=seed),
    "matrix": lambda seed: VectorizedNetwork([2, 2, 1], seed=seed),
}


def nine(net) -> dict[str, float]:
    """The nine named parameters of either network."""
    return net.get_params() if isinstance(net, NeuralNetwork) else from_matrices(net.get_weights())


def test_both_networks_run_the_shared_loop():
    assert NeuralNetwork.fit is Network.fit and VectorizedNetwork.fit is Network.fit
    assert issubclass(NeuralNetwork, Network) and issubclass(VectorizedNetwork, Network)


# ---- full batch ---------------------------------------------------------------------


@pytest.mark.parametrize("network", NETWORKS)
def test_full_batch_history_is_the_cost_of_the_weights_each_epoch_started_from(network):
    """Epoch k records the cost and accuracy of the network trained for k - 1 epochs, before epoch k's step."""
    epochs = 6
    net = NETWORKS[network](2)
    history = net.fit(X, Y, alpha=0.5, epochs=epochs)
    assert len(history["cost"]) == len(history["accuracy"]) == epochs
    for k in range(1, epochs + 1):
        start = NETWORKS[network](2)
        if k > 1:
            start.fit(X, Y, alpha=0.5, epochs=k - 1)
        accuracy, cost = start.get_accuracy_cost(X, Y)
        assert history["cost"][k - 1] == cost, k
        assert history["accuracy"][k - 1] == accuracy, k
    # the last entry is the start of the last epoch, not the end of training
    _, final = net.get_accuracy_cost(X, Y)
    assert final < history["cost"][-1]
    assert all(type(v) is float for v in history["cost"] + history["accuracy"])


@pytest.mark.parametrize("network", NETWORKS)
def test_fit_continues_from_the_current_weights_and_appends_to_the_history(network):
    once, twice = NETWORKS[network](4), NETWORKS[network](4)
    once.fit(X, Y, alpha=0.5, epochs=8)
    twice.fit(X, Y, alpha=0.5, epochs=3)
    assert twice.fit(X, Y, alpha=0.5, epochs=5) is twice.history
    assert twice.history == once.history and nine(twice) == nine(once)


@pytest.mark.parametrize("seed", range(5))
def test_the_loop_and_matrix_networks_give_the_same_full_batch_history_from_the_same_seed(seed):
    loop, matrix = NeuralNetwork(seed=seed), VectorizedNetwork([2, 2, 1], seed=seed)
    assert nine(loop) == nine(matrix)  # no set_weights: the seed alone gives the same start
    loop.fit(X, Y, alpha=0.5, epochs=60)
    matrix.fit(X, Y, alpha=0.5, epochs=60)
    np.testing.assert_allclose(matrix.history["cost"], loop.history["cost"], rtol=1e-12, atol=0)
    assert matrix.history["accuracy"] == loop.history["accuracy"]
    final_loop, final_matrix = nine(loop), nine(matrix)
    for p in PARAMETERS:
        assert final_matrix[p] == pytest.approx(final_loop[p], rel=1e-12, abs=1e-14), p
    assert loop.history["cost"][-1] < loop.history["cost"][0] - 0.1  # it trained, so the agreement says something


# ---- mini-batches -------------------------------------------------------------------


def test_batches_cut_one_shuffle_into_batches_of_batch_size():
    full = list(batches(53, None, np.random.default_rng(0)))
    assert len(full) == 1 and np.array_equal(full[0], np.arange(53))
    cut = list(batches(53, 8, np.random.default_rng(7)))
    assert [len(rows) for rows in cut] == [8] * 6 + [5]
    np.testing.assert_array_equal(np.concatenate(cut), np.random.default_rng(7).permutation(53))


def minibatch_reference(net, X, y, alpha, epochs, batch_size, seed):
    """The mini-batch history written out by hand: each batch measured before its step, weighted by its size."""
    rng = np.random.default_rng(seed)
    costs, accuracies = [], []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        cost = accuracy = 0.0
        for start in range(0, len(X), batch_size):
            rows = order[start : start + batch_size]
            batch_accuracy, batch_cost = net.get_accuracy_cost(X[rows], y[rows])
            net.step(net.gradients(X[rows], y[rows]), alpha)
            cost += batch_cost * len(rows)
            accuracy += batch_accuracy * len(rows)
        costs.append(cost / len(X))
        accuracies.append(accuracy / len(X))
    return costs, accuracies


@pytest.mark.parametrize("network", NETWORKS)
def test_minibatch_history_is_the_size_weighted_mean_of_each_batchs_cost_before_its_step(network):
    batch_size, epochs = 64, 4  # 455 rows: seven batches of 64 and a last one of 7
    assert len(X) % batch_size == 7
    net = NETWORKS[network](1)
    net.fit(X, Y, alpha=0.5, epochs=epochs, batch_size=batch_size, seed=3)
    costs, accuracies = minibatch_reference(NETWORKS[network](1), X, Y, 0.5, epochs, batch_size, seed=3)
    np.testing.assert_allclose(net.history["cost"], costs, rtol=1e-14, atol=0)
    np.testing.assert_allclose(net.history["accuracy"], accuracies, rtol=1e-14, atol=0)
    # the weighting matters here (the last batch is small), and the unweighted mean would be told apart
    unweighted = NETWORKS[network](1)
    rng = np.random.default_rng(3)
    means = []
    for _ in range(epochs):
        batch_costs = []
        for rows in batches(len(X), batch_size, rng):
            batch_costs.append(unweighted.get_accuracy_cost(X[rows], Y[rows])[1])
            unweighted.step(unweighted.gradients(X[rows], Y[rows]), 0.5)
        means.append(np.mean(batch_costs))
    assert max(abs(a - b) for a, b in zip(means, net.history["cost"])) > 1e-6
    # and an epoch's entry is not the full-data cost of the weights it started from
    start = NETWORKS[network](1)
    start.fit(X, Y, alpha=0.5, epochs=1, batch_size=batch_size, seed=3)
    assert abs(start.get_accuracy_cost(X, Y)[1] - net.history["cost"][1]) > 1e-6


def test_the_loop_network_accepts_batch_size_and_matches_the_matrix_networks_minibatch_run():
    for seed, batch_size in ((0, 32), (5, 100)):
        loop, matrix = NeuralNetwork(seed=seed), VectorizedNetwork([2, 2, 1], seed=seed)
        loop.fit(X, Y, alpha=0.5, epochs=15, batch_size=batch_size, seed=11)
        matrix.fit(X, Y, alpha=0.5, epochs=15, batch_size=batch_size, seed=11)
        np.testing.assert_allclose(loop.history["cost"], matrix.history["cost"], rtol=1e-12, atol=0)
        assert loop.history["accuracy"] == matrix.history["accuracy"]
        final_loop, final_matrix = nine(loop), nine(matrix)
        for p in PARAMETERS:
            assert final_loop[p] == pytest.approx(final_matrix[p], rel=1e-12, abs=1e-14), (seed, p)
        full = NeuralNetwork(seed=seed)
        full.fit(X, Y, alpha=0.5, epochs=15)
        assert full.history["cost"] != loop.history["cost"]  # the batches did change the run


def test_loop_minibatch_runs_repeat_with_a_seed_and_one_batch_of_all_rows_is_full_batch():
    def run(**kwargs):
        net = NeuralNetwork(seed=2)
        net.fit(X, Y, alpha=0.5, epochs=5, **kwargs)
        return net

    first, again, other = run(batch_size=50, seed=4), run(batch_size=50, seed=4), run(batch_size=50, seed=5)
    assert first.history == again.history and first.get_params() == again.get_params()
    assert first.get_params() != other.get_params()
    full, one_batch = run(), run(batch_size=len(X), seed=9)  # shuffled, but the sums are the same
    np.testing.assert_allclose(one_batch.history["cost"], full.history["cost"], rtol=1e-12)
    for p in PARAMETERS:
        assert one_batch.get_params()[p] == pytest.approx(full.get_params()[p], rel=1e-10, abs=1e-14), p


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": len(X) + 1}, "batch_size must be between 1 and the number of examples"),
        ({"batch_size": 2.0}, "batch_size"),
        ({"batch_size": True}, "batch_size"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
@pytest.mark.parametrize("network", NETWORKS)
def test_bad_batch_size_or_seed_is_refused_by_both_networks(network, change, message):
    net = NETWORKS[network](0)
    before = nine(net)
    with pytest.raises(ValueError, match=message):
        net.fit(X, Y, alpha=0.5, epochs=2, **change)
    assert nine(net) == before and net.history == {"cost": [], "accuracy": []}  # nothing was trained


@pytest.mark.parametrize("network", NETWORKS)
def test_print_every_prints_the_first_epoch_and_every_print_every_th(network, capsys):
    net = NETWORKS[network](0)
    net.fit(X, Y, alpha=0.5, epochs=7, print_every=3)
    lines = capsys.readouterr().out.splitlines()
    assert [int(line.split()[1]) for line in lines] == [1, 3, 6]
    assert lines[0] == f"epoch    1  cost {net.history['cost'][0]:.4f}  accuracy {net.history['accuracy'][0]:.2%}"
    net.fit(X, Y, alpha=0.5, epochs=2)
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------- validation history and weight decay


def test_the_validation_history_measures_each_epochs_starting_weights():
    """history["validation cost"][k] is the validation cost of the weights epoch k+1 started from."""
    X_fit, X_val, y_fit, y_val = DATA.X_train[:300], DATA.X_train[300:], DATA.y_train[:300], DATA.y_train[300:]
    net = VectorizedNetwork([2, 4, 1], seed=3)
    net.fit(X_fit, y_fit, alpha=0.5, epochs=5, validation=(X_val, y_val))
    replay = VectorizedNetwork([2, 4, 1], seed=3)
    for k in range(5):
        accuracy, cost = replay.get_accuracy_cost(X_val, y_val)
        assert net.history["validation cost"][k] == cost and net.history["validation accuracy"][k] == accuracy
        replay.fit(X_fit, y_fit, alpha=0.5, epochs=1)
    assert len(net.history["cost"]) == len(net.history["validation cost"]) == 5


@pytest.mark.parametrize("validation", [DATA.X_train, (DATA.X_train,), (DATA.X_train, DATA.y_train[:5])])
def test_bad_validation_data_is_refused_by_name(validation):
    net = VectorizedNetwork([2, 2, 1], seed=0)
    with pytest.raises(ValueError, match="validation must be a pair|rows but y has"):
        net.fit(DATA.X_train, DATA.y_train, alpha=0.5, epochs=1, validation=validation)
    assert net.history["cost"] == []


def test_weight_decay_adds_lambda_w_to_every_weights_gradient():
    """back_prop with weight decay agrees with finite differences of J + (lambda / 2) sum W^2, to 1e-7."""
    from helpers.references import network_finite_differences

    net = VectorizedNetwork([2, 3, 2, 1], seed=5, weight_decay=0.1, init="he")  # no z within 0.01 of the kink
    X, y = DATA.X_train[:40], DATA.y_train[:40]
    dWs, dbs = net.gradients(X, y)
    estimates = network_finite_differences(net, X, y)
    exact = [m for pair in zip(dWs, dbs) for m in pair]
    assert all(np.allclose(m, e, rtol=1e-6, atol=1e-8) for m, e in zip(exact, estimates))
    plain = VectorizedNetwork([2, 3, 2, 1], seed=5, init="he")
    plain_dWs, plain_dbs = plain.gradients(X, y)
    for dW, plain_dW, W in zip(dWs, plain_dWs, net.W):
        assert np.allclose(dW - plain_dW, 0.1 * W, rtol=1e-12, atol=1e-15)  # and not some other multiple of W
    assert all(np.array_equal(db, plain_db) for db, plain_db in zip(dbs, plain_dbs))  # biases are not decayed
    assert net.penalty() == pytest.approx(0.05 * sum(np.sum(W**2) for W in net.W), rel=1e-15)
    assert plain.penalty() == 0.0


@pytest.mark.parametrize("weight_decay", [-0.1, float("nan"), float("inf"), "0.1", None])
def test_a_bad_weight_decay_is_refused_by_name(weight_decay):
    with pytest.raises(ValueError, match="weight_decay must be a finite number >= 0"):
        VectorizedNetwork([2, 2, 1], weight_decay=weight_decay)
