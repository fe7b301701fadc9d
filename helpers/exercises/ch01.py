"""Checks for the exercises of chapter 01 (the data)."""

from __future__ import annotations

import numpy as np

from helpers.data import features_and_labels
from helpers.data import load_bdiag
from helpers.data import split
from helpers.exercises import Mistake
from helpers.exercises import as_array
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
    """Chapter 01's split in original units: X_train, X_test, y_train, y_test (x1 = texture, x2 = radius)."""
    X, y = features_and_labels(load_bdiag())
    return split(X, y, test_size=0.2, seed=0)


@exercise("set my_prediction to a number between 0 and 1")
def check_always_benign(my_prediction) -> str:
    """The accuracy of answering "benign" for each of the 114 test tumours."""
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
    fail(f"you predicted {number(guess)}{as_share}; it is {truth:.4f}, because {why}",
         "accuracy = the share of tumours whose answer is right; which tumours does 'benign' get right?")


# A worked example in original units: columns texture_mean (x1), radius_mean (x2). Row 2's radius is exactly r.
RULE_X = np.array([[20.0, 12.0], [10.0, 15.0], [25.0, 15.5], [12.0, 18.0], [16.0, 14.0]])
RULE_R = 15.0
RULE_Y = np.array([0, 0, 1, 1, 0])


@exercise("write radius_rule in the cell above")
def check_radius_rule(radius_rule) -> str:
    """1 (malignant) where radius_mean > r, else 0, one answer per row."""
    call = f"radius_rule(X, r={RULE_R:g}) on X = {RULE_X.tolist()}"
    got = ask(radius_rule, RULE_X.copy(), RULE_R, call=call)
    shapes = [
        Mistake(lambda value: np.ndim(value) == 0, f"{call} returned one value, {short(got)}",
                "compare the whole radius column with r: X[:, 1] > r gives one True/False per row"),
        Mistake(lambda value: np.shape(value) == (*RULE_Y.shape, 1),
                f"{call} returned a column of shape {np.shape(got)}",
                "X[:, 1] picks the radius column as a flat array; X[:, [1]] and X[:, 1:] keep it a column"),
    ]
    diagnose(got, shapes, f"expected one answer per row, shape {RULE_Y.shape}")
    got = as_array(got, RULE_Y.shape, f"the answer of {call}")
    if not np.isin(got, (0, 1)).all():
        fail(f"{call} returned {got.tolist()}; every answer must be 0 (benign) or 1 (malignant)")
    if same(got, RULE_Y):
        X_train, _, y_train, _ = raw_split()
        answers = as_array(ask(radius_rule, X_train.copy(), RULE_R), y_train.shape, "radius_rule(X_train, 15)")
        accuracy = np.mean(answers == y_train)
        return (f"radius_rule is right on the worked example ({RULE_X.shape[0]} tumours, one with radius exactly "
                f"{RULE_R:g}); on the 455 training tumours, 'radius_mean > 15' is right for {accuracy:.4f}, "
                f"against {np.mean(y_train == 0):.4f} for always-benign")
    texture, radius = RULE_X[:, 0], RULE_X[:, 1]
    small = "malignant tumours have the bigger nuclei: answer 1 where the radius is above r"
    mistakes = [
        Mistake(radius >= RULE_R, f"{call}: the tumour with radius exactly {RULE_R:g} is called malignant",
                "the rule says radius *above* r: use >, not >="),
        Mistake(texture > RULE_R, f"{call} compares texture_mean (column 0) with r",
                "radius_mean is the second column, X[:, 1]; texture_mean is X[:, 0]"),
        Mistake(radius < RULE_R, f"{call} calls the small tumours malignant", small),
        Mistake(radius <= RULE_R, f"{call} calls the small tumours malignant", small),
    ]
    expected = f"expected {RULE_Y.tolist()}, got {got.astype(int).tolist()}"
    diagnose(got, mistakes, expected)
    fail(f"{call}: {expected}", "answer 1 exactly where X[:, 1] > r")


# A worked example with few rows, so that ddof=1 and the test set's own statistics give other numbers.
Z_TRAIN = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
Z_X = np.array([[2.0, 30.0], [4.0, 0.0], [3.0, 15.0]])


@exercise("write zscore_with_training_stats in the cell above")
def check_zscore_with_training_stats(zscore_with_training_stats) -> str:
    """(X - mean) / std, column by column, with the training set's mean and population std (ddof=0)."""
    call = f"zscore_with_training_stats(X_train={Z_TRAIN.tolist()}, X={Z_X.tolist()})"
    got = ask(zscore_with_training_stats, Z_TRAIN.copy(), Z_X.copy(), call=call)
    got = as_array(got, Z_X.shape, f"the answer of {call}")
    mean, std = Z_TRAIN.mean(axis=0), Z_TRAIN.std(axis=0)
    expected = (Z_X - mean) / std
    if same(got, expected):
        return ("zscore_with_training_stats rescales X with the training mean [2, 30] and standard deviation "
                "[0.8165, 21.6] (ddof=0), column by column, to 1e-9")
    mistakes = [
        Mistake((Z_X - Z_X.mean(axis=0)) / Z_X.std(axis=0),
                f"{call} uses the mean and standard deviation of X itself, not of X_train",
                "the test tumours stand for patients not met yet: use X_train.mean(axis=0) and X_train.std(axis=0)"),
        Mistake((Z_X - mean) / Z_TRAIN.std(axis=0, ddof=1), f"{call} divides by the sample standard deviation (ddof=1)",
                "the series, like Keras' Normalization, uses the population standard deviation: X_train.std(axis=0)"),
        Mistake((Z_X - mean) / Z_TRAIN.var(axis=0), f"{call} divides by the variance, not the standard deviation",
                "the standard deviation is the square root of the variance: X_train.std(axis=0)"),
        Mistake((Z_X - Z_TRAIN.mean()) / Z_TRAIN.std(), f"{call} uses one mean and one standard deviation for the "
                "whole table", "each column has its own: pass axis=0 to mean and std"),
        Mistake(Z_X / std, f"{call} does not subtract the mean", "x' = (x - mean) / std"),
        Mistake(Z_X - mean, f"{call} does not divide by the standard deviation", "x' = (x - mean) / std"),
    ]
    shown = f"expected {np.round(expected, 4).tolist()}, got {np.round(got, 4).tolist()}"
    diagnose(got, mistakes, shown)
    fail(f"{call}: {shown}", "x' = (x - mean) / std, with mean and std of each column of X_train")
