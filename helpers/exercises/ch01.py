"""Checks for the exercises of chapter 01 (the data).

A write-it check tries the learner's function on several cases that differ in
every argument the answer should use (another threshold, another table,
another training set), with its expected answers computed before the learner's
code runs. A known mistake is named only when it explains the answers of every
case, not when it happens to match one.
"""

from __future__ import annotations

import numpy as np

from helpers.data import features_and_labels
from helpers.data import load_bdiag
from helpers.data import split
from helpers.exercises import Mistake
from helpers.exercises import as_array
from helpers.exercises import as_floats
from helpers.exercises import as_number
from helpers.exercises import ask
from helpers.exercises import diagnose
from helpers.exercises import exercise
from helpers.exercises import fail
from helpers.exercises import given
from helpers.exercises import number
from helpers.exercises import same
from helpers.exercises import short


def raw_split():
    """Chapter 01's split in the data's own units: X_train, X_test, y_train, y_test (x1 = texture, x2 = radius)."""
    X, y = features_and_labels(load_bdiag())
    return split(X, y, test_size=0.2, seed=0)


@exercise("set my_prediction to a number between 0 and 1")
def check_always_benign(my_prediction) -> str:
    """The accuracy of answering "benign" for each of the 114 test tumours, within 0.02."""
    guess = as_number(given(my_prediction), "my_prediction")
    as_share = ""
    if 1 < guess <= 100:
        guess, as_share = guess / 100, f" (read as {number(guess)} %)"
    *_, y_test = raw_split()
    benign, n = int(np.sum(y_test == 0)), len(y_test)
    truth = benign / n
    why = (f"always-benign is right on exactly the {benign} benign test tumours, {benign}/{n} = {truth:.4f}; "
           "the stratified split kept the data's 63 % benign share")
    if same(guess, truth, rtol=0, atol=0.02):
        return (f"you predicted {number(guess)}{as_share}; the always-benign accuracy is {truth:.4f}: {why} "
                "(tolerance 0.02)")
    mistakes = [
        Mistake(1 - truth, f"you predicted {number(guess)}{as_share}, the malignant share",
                "answering 'benign' is right for the benign tumours, not the malignant ones"),
    ]
    diagnose(guess, mistakes, f"the always-benign accuracy is {truth:.4f}", rtol=0, atol=0.02)
    fail(f"you predicted {number(guess)}{as_share}; it is {truth:.4f} (a prediction within 0.02 counts), because "
         f"{why}", "accuracy = the share of tumours whose answer is right; which tumours does 'benign' get right?")


def answers_of(function, cases, call, expected_shape, convert):
    """The learner's answers on every case, each converted and of its expected shape, or a diagnosis of the first
    that is not: ``cases`` are argument tuples, ``call(case)`` names the call, ``expected_shape(case)`` its shape."""
    answers = []
    for case in cases:
        said = call(case)
        got = ask(function, *case, call=said)
        shape = expected_shape(case)
        if np.ndim(got) == 0 and shape != ():
            fail(f"{said} returned one value, {short(got)}; expected one answer per row, shape {shape}",
                 "compare or rescale the whole column(s): the answer has as many rows as X")
        if len(shape) == 1 and np.shape(got) == (*shape, 1):
            fail(f"{said} returned a column of shape {np.shape(got)}; expected a flat array of shape {shape}",
                 "X[:, 1] picks a column as a flat array; X[:, [1]] and X[:, 1:] keep it a column")
        answers.append(convert(as_array(got, shape, f"the answer of {said}")))
    return answers


def named(answers, mistakes: list[tuple[object, str, str]], shown: str) -> None:
    """Fail with the first mistake (its answers on every case, what it says, the hint) that gives all the answers."""
    diagnose(answers, [Mistake(list(wrong), says, hint) for wrong, says, hint in mistakes], shown)


# Cases in the data's own units: columns texture_mean (x1), radius_mean (x2). In each, one radius is exactly r and
# one just above it, and the other columns are chosen so that the usual slips (>=, the texture column, 15 for r)
# give other answers.
RULE_CASES = [
    (np.array([[20.0, 12.0], [10.0, 15.0], [25.0, 15.01], [12.0, 18.0], [16.0, 14.0]]), 15.0),
    (np.array([[11.0, 9.5], [13.0, 12.5], [30.0, 16.0], [9.0, 13.0], [12.5, 14.0], [14.0, 12.51]]), 12.5),
    (np.array([[16.5, 17.0], [18.0, 18.02], [17.5, 14.0], [21.0, 18.0]]), 18.0),
]


@exercise("write radius_rule in the cell above")
def check_radius_rule(radius_rule) -> str:
    """1 (malignant) where radius_mean > r, else 0, one answer per row (ints, bools, a list or an array)."""
    expected = [(X[:, 1] > r).astype(int) for X, r in RULE_CASES]  # before the learner's code sees the cases

    def call(case):
        X, r = case
        return f"radius_rule(X, r={r:g}) on X = {X.tolist()}"

    answers = answers_of(radius_rule, RULE_CASES, call, lambda case: (len(case[0]),), lambda a: a)
    for answer, case in zip(answers, RULE_CASES):
        if not np.isin(answer, (0, 1)).all():
            fail(f"{call(case)} returned {answer.tolist()}; every answer must be 0 (benign) or 1 (malignant)")
    if same(answers, expected):
        X_train, _, y_train, _ = raw_split()
        scored = as_array(ask(radius_rule, X_train, 15.0), y_train.shape, "radius_rule(X_train, 15)")
        accuracy = np.mean(scored == y_train)
        return (f"radius_rule is right on {len(RULE_CASES)} made-up tables with r = "
                f"{', '.join(f'{r:g}' for _, r in RULE_CASES)} (each with one radius exactly r and one just above); "
                f"on the 455 training tumours, 'radius_mean > 15' is right for {accuracy:.4f}, against "
                f"{np.mean(y_train == 0):.4f} for always-benign")
    small = "malignant tumours have the bigger nuclei: answer 1 where the radius is above r"
    mistakes = [
        ([X[:, 1] >= r for X, r in RULE_CASES], "the tumour whose radius is exactly r is called malignant",
         "the rule says radius *above* r: use >, not >="),
        ([X[:, 0] > r for X, r in RULE_CASES], "it compares texture_mean (column 0) with r",
         "radius_mean is the second column, X[:, 1]; texture_mean is X[:, 0]"),
        ([X[:, 1] > 15 for X, _ in RULE_CASES], "it compares with 15 whatever r is",
         "use the argument r, not the number of the example"),
        ([X[:, 1] < r for X, r in RULE_CASES], "it calls the small tumours malignant", small),
        ([X[:, 1] <= r for X, r in RULE_CASES], "it calls the small tumours malignant", small),
    ]
    first = next(i for i, (a, e) in enumerate(zip(answers, expected)) if not same(a, e))
    shown = (f"{call(RULE_CASES[first])}: expected {expected[first].tolist()}, "
             f"got {answers[first].astype(int).tolist()}")
    named(answers, mistakes, shown)
    fail(shown, "answer 1 exactly where X[:, 1] > r")


# Training sets and tables of few rows, so that ddof=1, the table's own statistics and the chapter's X_train all give
# other numbers; the second case has other rows and other scales, so that no number of the first can stand for them.
Z_CASES = [
    (np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]]), np.array([[2.0, 30.0], [4.0, 0.0], [3.0, 15.0]])),
    (np.array([[10.0, -1.0], [14.0, 0.0], [12.0, 3.0], [20.0, 2.0]]), np.array([[13.0, 1.0], [9.0, -2.0]])),
]


@exercise("write zscore_with_training_stats in the cell above")
def check_zscore_with_training_stats(zscore_with_training_stats) -> str:
    """(X - mean) / std, column by column, with the training set's mean and population std (ddof=0)."""
    expected = [(X - T.mean(axis=0)) / T.std(axis=0) for T, X in Z_CASES]  # before the learner's code runs

    def call(case):
        T, X = case
        return f"zscore_with_training_stats(X_train={T.tolist()}, X={X.tolist()})"

    answers = answers_of(zscore_with_training_stats, Z_CASES, call, lambda case: case[1].shape, lambda a: a)
    if same(answers, expected):
        return (f"zscore_with_training_stats rescales X with the mean and population standard deviation (ddof=0) "
                f"of each column of X_train, on {len(Z_CASES)} made-up pairs of tables, to 1e-9")
    chapter_train, *_ = raw_split()
    own = "the test tumours stand for patients not met yet: use X_train.mean(axis=0) and X_train.std(axis=0)"
    mistakes = [
        ([(X - X.mean(axis=0)) / X.std(axis=0) for _, X in Z_CASES],
         "it uses the mean and standard deviation of X itself, not of X_train", own),
        ([(X - chapter_train.mean(axis=0)) / chapter_train.std(axis=0) for _, X in Z_CASES],
         "it uses the chapter's 455 training tumours, not the X_train it is given",
         "use the argument X_train: a function should depend only on what it is given"),
        ([(X - T.mean(axis=0)) / T.std(axis=0, ddof=1) for T, X in Z_CASES],
         "it divides by the sample standard deviation (ddof=1)",
         "the series, like Keras' Normalization, uses the population standard deviation: X_train.std(axis=0)"),
        ([(X - T.mean(axis=0)) / T.var(axis=0) for T, X in Z_CASES],
         "it divides by the variance, not the standard deviation",
         "the standard deviation is the square root of the variance: X_train.std(axis=0)"),
        ([(X - T.mean()) / T.std() for T, X in Z_CASES], "it uses one mean and one standard deviation for the "
         "whole table", "each column has its own: pass axis=0 to mean and std"),
        ([X / T.std(axis=0) for T, X in Z_CASES], "it does not subtract the mean", "x' = (x - mean) / std"),
        ([X - T.mean(axis=0) for T, X in Z_CASES], "it does not divide by the standard deviation",
         "x' = (x - mean) / std"),
        ([X - T.mean(axis=0) / T.std(axis=0) for T, X in Z_CASES],
         "it divides only the mean by the standard deviation: brackets are missing", "x' = (x - mean) / std"),
    ]
    first = next(i for i, (a, e) in enumerate(zip(answers, expected)) if not same(a, e))
    shown = (f"{call(Z_CASES[first])}: expected {np.round(expected[first], 4).tolist()}, "
             f"got {np.round(answers[first], 4).tolist()} (largest difference "
             f"{np.abs(answers[first] - expected[first]).max():.1e})")
    named(answers, mistakes, shown)
    fail(shown, "x' = (x - mean) / std, with mean and std of each column of X_train")


# Units on the raw radius and the z-scored unit that computes the same z: w x + b = (w std) x' + (b + w mean).
UNIT_CASES = [(0.8, -12.0, 14.0885, 3.5362), (-1.5, 4.0, 20.0, 2.0), (2.0, 1.0, -3.0, 0.5)]


@exercise("write zscored_unit in the cell above")
def check_zscored_unit(zscored_unit) -> str:
    """(w', b') = (w std, b + w mean): the unit on x' = (x - mean) / std that computes the same z as w x + b."""
    expected = [np.array([w * s, b + w * m]) for w, b, m, s in UNIT_CASES]
    answers = []
    for w, b, m, s in UNIT_CASES:
        said = f"zscored_unit(w={w:g}, b={b:g}, mean={m:g}, std={s:g})"
        got = as_floats(ask(zscored_unit, w, b, m, s, call=said), f"the answer of {said}", "a pair (w', b')")
        if got.shape != (2,):
            fail(f"{said} returned {short(got.tolist())}; expected a pair of numbers (w', b')",
                 "return w_new, b_new: a tuple of two numbers")
        answers.append(as_array(got, (2,), f"the answer of {said}"))
    if same(answers, expected):
        x = np.linspace(5.0, 30.0, 6)
        w, b, m, s = UNIT_CASES[0]
        w_new, b_new = answers[0]
        gap = np.abs((w_new * (x - m) / s + b_new) - (w * x + b)).max()
        return (f"zscored_unit gives w' = w std and b' = b + w mean on {len(UNIT_CASES)} units; e.g. the unit "
                f"z = {w:g} x {b:+g} on the raw radius is z = {w_new:.4g} x' {b_new:+.4g} on the z-scored one, and "
                f"the two give the same z on radii 5 to 30 (largest difference {gap:.0e})")
    mistakes = [
        ([(w / s, b - w * m / s) for w, b, m, s in UNIT_CASES],
         "it turns a z-scored unit into a raw one (w / std, b - w mean / std): the chapter's direction, not this one",
         "here the raw unit is given: put x = std x' + mean into w x + b and collect the terms"),
        ([(w * s, b) for w, b, m, s in UNIT_CASES], "it leaves the bias as it was",
         "x = std x' + mean, so w x + b = (w std) x' + (w mean + b): the mean moves into the bias"),
        ([(w * s, b + w * m / s) for w, b, m, s in UNIT_CASES], "its bias adds w mean / std, not w mean",
         "x = std x' + mean: the mean is not divided by anything"),
        ([(w * s, b - w * m) for w, b, m, s in UNIT_CASES], "its bias subtracts w mean instead of adding it",
         "x = std x' + mean, so w x = (w std) x' + w mean"),
        ([(w / s, b + w * m) for w, b, m, s in UNIT_CASES], "its weight is w / std, not w std",
         "x' = (x - mean) / std moves by 1 when x moves by std: the new weight is w std"),
        ([(b + w * m, w * s) for w, b, m, s in UNIT_CASES], "it returns (b', w'), the bias first",
         "return the weight first: (w', b')"),
    ]
    first = next(i for i, (a, e) in enumerate(zip(answers, expected)) if not same(a, e))
    w, b, m, s = UNIT_CASES[first]
    shown = (f"for w = {w:g}, b = {b:g}, mean = {m:g}, std = {s:g} expected (w', b') = "
             f"({number(expected[first][0])}, {number(expected[first][1])}), got "
             f"({number(answers[first][0])}, {number(answers[first][1])})")
    named(answers, mistakes, shown)
    fail(shown, "put x = std x' + mean into w x + b and collect the terms in x' and the rest")
