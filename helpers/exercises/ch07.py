"""Checks for the exercises of chapter 07 (ten classes: handwritten digits)."""

from __future__ import annotations

import numpy as np

from helpers.exercises import Mistake
from helpers.exercises import NotAttempted
from helpers.exercises import as_array
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.vectorized import VectorizedNetwork
from helpers.vectorized import categorical_cross_entropy
from helpers.vectorized import log_softmax
from helpers.vectorized import one_hot
from helpers.vectorized import softmax

# Logits of two examples, three classes: not square, so rows and columns cannot be mixed up unnoticed.
Z_SMALL = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
Z_TEN = np.random.default_rng(7).normal(0.0, 3.0, size=(5, 10))  # five examples of ten classes, like the digits
# The large logit in every column and in different rows; a row of equal large logits; a row of large negative ones.
Z_HUGE = np.array([
    [1000.0, 0.0, -1000.0],
    [0.0, -1000.0, 1000.0],
    [-1000.0, 1000.0, 999.0],
    [1000.0, 1000.0, 1000.0],
    [-1000.0, -1000.0, -1001.0],
])
Z_APART = np.array([[1000.0, 999.0, 990.0], [1.0, 2.0, 3.0]])  # two rows 997 or more apart


# A row's maximum or sum without keepdims=True has shape (n,), which NumPy cannot line up with the (n, K) rows.
UNALIGNED = Mistake(lambda error: isinstance(error, ValueError) and "broadcast" in str(error),
                    "a number per row, of shape (n,), does not line up with the rows of Z, of shape (n, K)",
                    "Z.max(axis=1) has shape (n,); with keepdims=True it is (n, 1) and subtracts row by row")


def _call_softmax(stable_softmax, Z: np.ndarray) -> np.ndarray:
    """The learner's softmax of a copy of Z, with NumPy's overflow warnings silenced (the check reports them)."""
    with np.errstate(all="ignore"):
        value = ask(stable_softmax, Z.copy(), call=f"stable_softmax({Z.tolist()})", crashes=[UNALIGNED])
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return as_array(value, Z.shape, f"stable_softmax({Z.tolist()})")  # fails with a message naming what came back


CLIPPING = ("shift each row by its own maximum: that changes nothing mathematically, while clipping or capping the "
            "logits changes the probabilities")


def _rows_not_finite(Z: np.ndarray, A: np.ndarray) -> None:
    """Fail, naming the rows of Z whose probabilities came back as nan or inf, and why such a row does."""
    bad = [k for k in range(len(Z)) if not np.all(np.isfinite(A[k]))]
    if not bad:
        return
    rows = "; ".join(f"row {k}, {Z[k].tolist()}, gave {A[k].tolist()}" for k in bad)
    reasons = []
    if any(Z[k].max() > 700 for k in bad):
        reasons.append("e^1000 overflows to inf, and inf / inf is nan")
    if any(Z[k].max() < -700 for k in bad):
        reasons.append("every e^z of a row of logits near -1000 rounds to 0, and 0 / 0 is nan")
    why = "; ".join(reasons) or "the e^z of these rows overflowed to inf or all rounded to 0"
    fail(f"stable_softmax overflowed or underflowed on {rows}: {why}",
         "subtract each row's own largest logit, Z.max(axis=1, keepdims=True), before taking e^: the largest "
         "exponent of every row is then e^0 = 1, wherever in the row it sits")


@exercise("write stable_softmax in the cell above")
def check_softmax(stable_softmax) -> str:
    """Row-wise softmax, equal to the series' softmax, and finite for logits of +-1000 in any row and column."""
    expected = softmax(Z_SMALL)  # each expected value is computed before the learner's code runs
    A = as_array(_call_softmax(stable_softmax, Z_SMALL), Z_SMALL.shape, "stable_softmax(Z) for Z of shape (2, 3)")
    if not same(A, expected, rtol=1e-12, atol=1e-12):
        rows, columns = Z_SMALL.shape
        mistakes = [
            Mistake(log_softmax(Z_SMALL), "these are log-probabilities",
                    "softmax itself is e^(z_k - m) / sum_j e^(z_j - m)"),
            Mistake(lambda P: same(P.sum(axis=0), np.ones(columns)) and not same(P.sum(axis=1), np.ones(rows)),
                    "each column sums to 1 instead of each row",
                    "one row is one example: sum with axis=1 (and keepdims=True)"),
            Mistake(lambda P: same(P.sum(), 1.0), "the whole matrix sums to 1 instead of each row",
                    "divide each row by its own sum: E.sum(axis=1, keepdims=True)"),
            Mistake(softmax(-Z_SMALL), "the signs are flipped",
                    "the largest logit must get the largest probability: e^(z - m), not e^-(z - m)"),
        ]
        shown = f"on Z = {Z_SMALL.tolist()} expected {np.round(expected, 4).tolist()}, got {np.round(A, 4).tolist()}"
        diagnose(A, mistakes, shown)
        fail(shown, "each entry is e^(z_k - m) / sum_j e^(z_j - m), with m the largest logit of its row")
    expected = softmax(Z_TEN)
    A = as_array(_call_softmax(stable_softmax, Z_TEN), Z_TEN.shape, "stable_softmax(Z) for Z of shape (5, 10)")
    if not same(A, expected, rtol=1e-12, atol=1e-12):
        gap = np.abs(A - expected).max()
        fail(f"on 5 examples of 10 classes the probabilities differ from softmax by up to {gap:.3g}; row 0 expected "
             f"{np.round(expected[0], 4).tolist()}, got {np.round(A[0], 4).tolist()}",
             "make nothing depend on the shape: the row maxima and sums of any (n, K) batch")
    expected = softmax(Z_APART)
    A = _call_softmax(stable_softmax, Z_APART)
    if np.shape(A) == Z_APART.shape and np.all(np.isfinite(A[0])) and not np.all(np.isfinite(A[1])):
        hint = (
            "that is right in exact arithmetic, but e^(3 - 1000) rounds to 0, so the second row becomes 0 / 0: "
            "subtract each row's own maximum, Z.max(axis=1, keepdims=True)"
        )
        problem = f"on Z = {Z_APART.tolist()} the second row came back as {A[1].tolist()}"
        fail(f"{problem}: you subtracted the largest logit of the whole batch", hint)
    if np.shape(A) != Z_APART.shape:
        as_array(A, Z_APART.shape, f"stable_softmax(Z) for Z of shape {Z_APART.shape}")
    _rows_not_finite(Z_APART, A)
    if not same(A, expected, rtol=1e-12, atol=1e-12):
        fail(f"on Z = {Z_APART.tolist()} expected {np.round(expected, 4).tolist()}, got {np.round(A, 4).tolist()}",
             CLIPPING)
    expected = softmax(Z_HUGE)
    A = _call_softmax(stable_softmax, Z_HUGE)
    if np.shape(A) != Z_HUGE.shape:
        as_array(A, Z_HUGE.shape, f"stable_softmax(Z) for Z of shape {Z_HUGE.shape}")
    _rows_not_finite(Z_HUGE, A)
    if not same(A, expected, atol=1e-12):
        k = int(np.argmax(np.abs(A - expected).max(axis=1)))
        fail(f"on the row {Z_HUGE[k].tolist()} expected {np.round(expected[k], 4).tolist()}, got "
             f"{np.round(A[k], 4).tolist()}",
             CLIPPING)
    return (
        "stable_softmax equals softmax on batches of 2 x 3 and 5 x 10 logits (to 1e-12), each row summing to 1; it "
        "stays finite and right with logits of 1000 in each column, a row of three 1000s, a row near -1000, and a "
        "batch whose rows lie about 1000 apart"
    )


@exercise("replace None by your count of the 64-128-10 network's numbers")
def check_parameter_count(my_prediction) -> str:
    """The weights and biases of a 64-128-10 network, counted on a real one; only the exact count passes."""
    predicted = as_number(given(my_prediction), "my_prediction")
    Ws = VectorizedNetwork([64, 128, 10], output="softmax").get_weights()  # [W1, b1, W2, b2]
    count = sum(m.size for m in Ws)
    weights, biases = Ws[0].size + Ws[2].size, Ws[1].size + Ws[3].size
    why = f"W1 has 64 x 128 = {Ws[0].size:,} weights, b1 {Ws[1].size}, W2 128 x 10 = {Ws[2].size:,}, b2 {Ws[3].size}"
    if same(predicted, count):
        return f"you predicted {count:,}, exactly: {why}"
    mistakes = [
        Mistake(weights, f"you predicted {predicted:,g}, the weights alone; with the {biases} biases it is {count:,}",
                "each unit has one bias besides its weights"),
        Mistake(biases, f"you predicted {predicted:,g}, the biases alone; with the {weights:,} weights it is {count:,}",
                "each unit has one weight per input besides its bias"),
        Mistake(64 + 128 + 10, f"you predicted {predicted:,g}, the units, not the numbers; it is {count:,}",
                "each unit has one weight per input and one bias"),
    ]
    diagnose(predicted, mistakes, why)
    fail(f"you predicted {predicted:,g}; it is {count:,}: {why}", "each unit has one weight per input and one bias")


def _losses(n: int, K: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Logits of n examples over K classes, and their one-hot labels, from a seeded generator."""
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, 2.0, size=(n, K)), one_hot(rng.integers(0, K, size=n), K)


@exercise("find and fix the mistake in cross_entropy above")
def check_cross_entropy(cross_entropy) -> str:
    """The mean over examples of -log a_c, on batches whose n differs from K (so the axes cannot be confused)."""
    for n, K, seed in ((4, 3, 0), (7, 5, 1), (3, 10, 2)):
        Z, Y = _losses(n, K, seed)
        got = as_number(ask(cross_entropy, Z, Y, call=f"cross_entropy(Z, Y) on {n} examples of {K} classes"), "cost")
        total = -np.sum(Y * log_softmax(Z))  # the sum of the n losses
        expected = categorical_cross_entropy(Z, Y)
        if same(got, expected, rtol=1e-12):
            continue
        if same(got, total / K, rtol=1e-12):
            raise NotAttempted  # the planted mistake: summed over the examples, averaged over the classes
        mistakes = [
            Mistake(total, f"this is the sum of the {n} losses, not their mean", "divide by n, the number of rows"),
            Mistake(total / (n * K), f"this averages over the {K} classes as well as the {n} examples",
                    "sum over the classes (axis=1), then average over the examples"),
            Mistake(-expected, "the sign is flipped", "log a_c is negative; the loss is -log a_c"),
        ]
        shown = f"on {n} examples of {K} classes expected {number(expected)}, got {number(got)}"
        diagnose(got, mistakes, shown, rtol=1e-12)
        fail(shown, "the loss of one example is -sum_k y_k log a_k; the cost is their mean over the n examples")
    return ("cross_entropy equals the mean of -log a_c over the examples on batches of 4 x 3, 7 x 5 and 3 x 10 logits "
            "(to 1e-12)")


def _layers(sizes: list[int], seed: int) -> list[np.ndarray]:
    """[W1, b1, W2, b2, ...] of the given sizes, every number from a seeded N(0, 1): no bias is 0."""
    rng = np.random.default_rng(seed)
    return [rng.normal(size=shape) for n_in, n_out in zip(sizes, sizes[1:]) for shape in ((n_in, n_out), (n_out,))]


@exercise("write l2_penalty in the cell above")
def check_l2_penalty(l2_penalty) -> str:
    """(lambda / 2) times the sum of every weight squared, biases left out, on stacks of 1 to 3 layers."""
    cases = [([3, 2], 0.5, 0), ([4, 3, 2], 0.003, 1), ([2, 5, 4, 3], 2.0, 2)]
    for sizes, lam, seed in cases:
        weights = _layers(sizes, seed)
        Ws = weights[0::2]
        expected = lam / 2 * sum(np.sum(W**2) for W in Ws)  # computed before the learner's code runs
        call = f"l2_penalty(weights of a {'-'.join(map(str, sizes))} network, lam={lam:g})"
        handed = [m.copy() for m in weights]
        got = as_number(ask(l2_penalty, handed, lam, call=call), call)
        if not all(np.array_equal(m, original) for m, original in zip(handed, weights)):
            fail(f"{call} changed the weights it was given", "compute the penalty without assigning to the arrays")
        if same(got, expected, rtol=1e-6):  # float32 arithmetic is right too; every mistake below is far off
            continue
        squares = sum(np.sum(W**2) for W in Ws)
        mistakes = [
            Mistake(lam * squares, "is twice the penalty: the factor 1/2 is missing",
                    "(lambda / 2) * sum of W**2: the 1/2 makes the gradient exactly lambda * W"),
            Mistake(lam / 2 * sum(np.sum(m**2) for m in weights), "includes the biases",
                    "the weights are weights[0::2] (W1, W2, ...); weight decay leaves the biases alone"),
            Mistake(lam / 2 * sum(np.sum(np.abs(W)) for W in Ws), "sums |w|, not w squared (that is L1, not L2)",
                    "square each weight: np.sum(W**2)"),
            Mistake(lam * sum(np.sum(np.abs(W)) for W in Ws), "is lambda times the sum of |w| (L1), not L2",
                    "(lambda / 2) * the sum of each weight squared"),
            Mistake(lam / 2 * np.sum(Ws[-1] ** 2), "counts the last weight matrix only",
                    "add up the squares of every weight matrix: W1, W2, ..."),
            Mistake(lam / 2 * np.sum(Ws[0] ** 2), "counts the first weight matrix only",
                    "add up the squares of every weight matrix: W1, W2, ..."),
            Mistake(lam / 2 * sum(np.mean(W**2) for W in Ws), "takes each matrix's mean square, not its sum",
                    "np.sum(W**2), not np.mean"),
            Mistake(lam / 2 * sum(np.sum(W) ** 2 for W in Ws), "squares the sum of the weights, not each weight",
                    "np.sum(W**2) squares each weight first"),
            Mistake(squares / 2, "leaves out lambda", "multiply by lam / 2"),
        ]
        shown = f"{call} expected {expected:.6g}, got {got:.6g}"
        diagnose(got, mistakes, shown, rtol=1e-6)
        fail(shown, "(lam / 2) * sum(np.sum(W**2) for W in weights[0::2])")
    return (
        "l2_penalty gives (lambda / 2) times the sum of every weight squared, biases left out, for networks of one to "
        "three layers and lambda from 0.003 to 2, and leaves the weights as they were"
    )


def _digit_sets(n_fit: int, n_val: int, seed: int):
    """n_fit training and n_val validation images, drawn without overlap by a seeded generator from the 1,797."""
    from helpers.digits import digits_data

    data = digits_data(seed=0)
    rows = np.random.default_rng(seed).permutation(len(data.X_train))
    fit_rows, val_rows = rows[:n_fit], rows[n_fit : n_fit + n_val]
    return data.X_train[fit_rows], data.y_train[fit_rows], data.X_train[val_rows], data.y_train[val_rows]


def _validation_path(sizes, seed, X, y, X_val, y_val, alpha, epochs):
    """A fresh network's weights and its validation and training costs after 0, 1, ..., epochs epochs."""
    net = VectorizedNetwork(sizes, output="softmax", seed=seed)
    weights = [net.get_weights()]
    validation, training = [net.get_accuracy_cost(X_val, y_val)[1]], [net.get_accuracy_cost(X, y)[1]]
    for _ in range(epochs):
        net.fit(X, y, alpha=alpha, epochs=1)  # full-batch: k calls of one epoch are one call of k epochs
        weights.append(net.get_weights())
        validation.append(net.get_accuracy_cost(X_val, y_val)[1])
        training.append(net.get_accuracy_cost(X, y)[1])
    return weights, np.array(validation), np.array(training)


def _at(best: int, weights: list[np.ndarray]):
    """A predicate: the learner's (epoch, weights) is this epoch and these weights."""
    return lambda got: same(got[0], best) and same(got[1], weights)


def early_stopping_mistakes(weights: list, validation: np.ndarray, training: np.ndarray, epochs: int) -> list[Mistake]:
    """The typical wrong (epoch, weights) of early stopping, given the weights and costs after 0, 1, ... epochs."""
    stop, trained = int(np.argmin(validation)), int(np.argmin(training))
    later = min(stop + 1, epochs)
    return [
        Mistake(_at(stop, weights[-1]), "the epoch is right, but the weights are those after the last epoch",
                "keep a copy, net.get_weights(), at the moment the validation cost is the lowest so far"),
        Mistake(_at(stop + 1, weights[stop]), "the weights are right, but the epoch is counted one too high",
                "the start is 0 epochs: the cost measured after the k-th epoch's step belongs to epoch k"),
        Mistake(lambda got: stop == 0 and got[0] >= 1 and same(got[1], weights[int(got[0])] if got[0] <= epochs
                                                              else weights[0]),
                "the start, after 0 epochs, was never compared: here no epoch brought the validation cost below "
                "the untrained network's", "measure the validation cost of the start too, before the first epoch"),
        Mistake(lambda got: same(got[1], weights[later]) and stop < epochs,
                "the weights are one epoch past the lowest validation cost",
                "measure the validation cost after each epoch's step and copy the weights right then"),
        Mistake(lambda got: trained != stop and same(got[0], trained),
                f"epoch {trained} has the lowest training cost, not the lowest validation cost",
                "choose by the cost on the validation images: net.get_accuracy_cost(X_val, y_val)[1]"),
        Mistake(lambda got: same(got[0], int(np.argmax(validation))), "that is the highest validation cost",
                "keep the epoch whose validation cost is the lowest"),
    ]


@exercise("write early_stopping in the cell above")
def check_early_stopping(early_stopping) -> str:
    """The epoch of the lowest validation cost (0 = the start) and a copy of the weights then, from one run."""
    # sizes, seed, training images, validation images, alpha, epochs, validation labels shifted (nothing to learn)
    cases = [([64, 16, 10], 0, 30, 100, 1.0, 80, False), ([64, 32, 10], 1, 40, 60, 0.5, 120, False),
             ([64, 8, 10], 2, 20, 40, 0.5, 15, True), ([64, 12, 10], 3, 50, 50, 0.3, 12, False)]
    told = []
    for sizes, seed, n_fit, n_val, alpha, epochs, shifted in cases:
        X, y, X_val, y_val = _digit_sets(n_fit, n_val, seed)
        if shifted:
            y_val = (y_val + 1) % 10  # labels the training images cannot teach: the start is best
        weights, validation, training = _validation_path(sizes, seed, X, y, X_val, y_val, alpha, epochs)
        stop = int(np.argmin(validation))  # computed before the learner's code runs
        net = VectorizedNetwork(sizes, output="softmax", seed=seed)
        call = (f"early_stopping(VectorizedNetwork({sizes}, output='softmax', seed={seed}), {n_fit} training and "
                f"{n_val} validation images, alpha={alpha:g}, epochs={epochs})")
        returned = ask(early_stopping, net, X.copy(), y.copy(), X_val.copy(), y_val.copy(), alpha, epochs, call=call)
        if not (isinstance(returned, tuple | list) and len(returned) == 2):
            fail(f"{call} returned {type(returned).__name__} {returned!r:.60}; expected a pair (best, weights)",
                 "return best, weights: the epoch count and the list get_weights() gave at that epoch")
        best = as_number(returned[0], f"the epoch {call} returned")
        if not (isinstance(returned[1], tuple | list) and len(returned[1]) == len(weights[0])):
            fail(f"{call} returned as weights {returned[1]!r:.60}; expected the list [W1, b1, W2, b2] of get_weights()",
                 "net.get_weights() gives a copy of that list")
        got = (best, list(returned[1]))
        if same(got[0], stop) and same(got[1], weights[stop]):
            if not same(net.get_weights(), weights[-1]):
                fail(f"{call} returned the right epoch and weights, but the network it was given does not hold the "
                     f"weights of all {epochs} epochs",
                     "train every epoch: which one was best is known only at the end")
            told.append(f"{stop} of {epochs}")
            continue
        shown = (f"{call}: the validation cost was lowest after {stop} epochs ({validation[stop]:.4f}); you returned "
                 f"epoch {best:g}")
        mistakes = early_stopping_mistakes(weights, validation, training, epochs)
        diagnose(got, mistakes, shown)
        if same(got[0], stop):
            fail(f"{shown}, the right epoch, but not the weights the network had then",
                 "return net.get_weights() as it was right after that epoch")
        fail(shown, "train one epoch at a time (net.fit(X, y, alpha=alpha, epochs=1)), measure the validation cost "
             "after each, and keep the epoch and a copy of the weights whenever it is the lowest so far")
    return (f"early_stopping finds the lowest validation cost on four networks (after {', '.join(told)} epochs: "
            "one with nothing to learn, where the start is best, and one still improving at the end), returns the "
            "weights of that moment (to 1e-9), and trains every epoch")
