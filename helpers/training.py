"""Gradient descent, written once for every network of the series.

The loop network (helpers.scratch), the matrix network (helpers.vectorized)
and the network of Values (helpers.autograd) compute their gradients in
different ways, but they learn in the same way, with the same verbs:

    grads = net.gradients(X, y)                # dJ/dp for every parameter p
    net.step(grads, alpha)                     # p <- p - alpha * dJ/dp
    accuracy, cost = net.get_accuracy_cost(X, y)

``Network.fit`` repeats those three lines; each network supplies the verbs.
"""

from __future__ import annotations

import numpy as np

from helpers.inputs import check_training, check_validation, check_X


class Network:
    """What every network of the series shares: the training loop and prediction.

    A subclass defines ``gradients``, ``step``, ``get_accuracy_cost`` and
    ``predict_proba``, and the attributes ``n_inputs`` (features per example)
    and ``classes`` (2 for malignant or benign).

    After ``fit``, ``history["cost"][k]`` and ``history["accuracy"][k]``
    describe epoch k+1: the cost and accuracy of the weights the epoch
    *started* from (as Keras reports them). With mini-batches, each batch is
    measured before its own step and the epoch reports their mean, weighted
    by the batches' sizes.
    """

    n_inputs = 2
    classes = 2

    def fit(
        self, X, y, alpha: float, epochs: int, batch_size: int | None = None, seed: int = 0, print_every: int = 0,
        validation=None,
    ):
        """Train by gradient descent, continuing from the current weights; return the history.

        ``batch_size=None`` is full-batch gradient descent: one step per epoch
        on all n examples. An integer runs mini-batch gradient descent: each
        epoch shuffles the rows with a NumPy Generator seeded by ``seed`` and
        takes one step per batch of ``batch_size`` rows (the last may be
        smaller). The same seed and starting weights give the same run.
        Prints cost and accuracy every ``print_every`` epochs (0: silent).
        ``validation=(X_val, y_val)`` also records, in ``history["validation
        cost"]`` and ``history["validation accuracy"]``, how the weights each
        epoch started from do on examples it never trains on.
        """
        sizes = {"n_inputs": self.n_inputs, "classes": self.classes, "batch_size": batch_size, "seed": seed}
        X, y = check_training(X, y, alpha, epochs, print_every=print_every, **sizes)
        if validation is not None:
            validation = check_validation(validation, self.n_inputs, self.classes)
        rng = np.random.default_rng(seed)
        for epoch in range(1, epochs + 1):
            if validation is not None:
                accuracy, cost = self.get_accuracy_cost(*validation)  # before the epoch's steps
                self.history.setdefault("validation cost", []).append(float(cost))
                self.history.setdefault("validation accuracy", []).append(float(accuracy))
            costs, accuracies, counts = [], [], []
            for rows in batches(len(X), batch_size, rng):
                accuracy, cost = self.get_accuracy_cost(X[rows], y[rows])  # before the step
                self.step(self.gradients(X[rows], y[rows]), alpha)
                costs.append(cost)
                accuracies.append(accuracy)
                counts.append(len(rows))
            cost, accuracy = np.average(costs, weights=counts), np.average(accuracies, weights=counts)
            self.history["cost"].append(float(cost))
            self.history["accuracy"].append(float(accuracy))
            if print_every and (epoch % print_every == 0 or epoch == 1):
                print(f"epoch {epoch:4d}  cost {cost:.4f}  accuracy {accuracy:.2%}")
        return self.history

    def predict(self, X) -> np.ndarray:
        """The predicted class of each row: 1 where P(malignant) > 0.5, else 0."""
        return (self.predict_proba(check_X(X, self.n_inputs)) > 0.5).astype(int)


def batches(n: int, batch_size: int | None, rng: np.random.Generator):
    """The rows of one epoch, batch by batch: all n rows in order, or a shuffle cut into batches of batch_size."""
    if batch_size is None:
        yield np.arange(n)
        return
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start : start + batch_size]
