"""Typical wrong answers to the exercises of chapter 01 (the data)."""

from __future__ import annotations

from exercise_mistakes import typical

# ch01: the data ---------------------------------------------------------------------------------------------------


@typical("ch01.check_radius_rule", r"exactly 15 is called malignant.*>, not >=")
def radius_rule_at_or_above(X, r):
    return (X[:, 1] >= r).astype(int)


@typical("ch01.check_radius_rule", r"a column of shape \(5, 1\)")
def radius_rule_as_a_column(X, r):
    return X[:, [1]] > r


@typical("ch01.check_radius_rule", r"compares texture_mean \(column 0\)")
def radius_rule_on_texture(X, r):
    return (X[:, 0] > r).astype(int)


@typical("ch01.check_radius_rule", r"returned one value, .*: expected one answer per row")
def radius_rule_counted(X, r):
    return (X[:, 1] > r).sum()


@typical("ch01.check_radius_rule", r"calls the small tumours malignant")
def radius_rule_below(X, r):
    return (X[:, 1] < r).astype(int)


@typical("ch01.check_zscore_with_training_stats", r"of X itself, not of X_train")
def zscore_with_own_stats(X_train, X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


@typical("ch01.check_zscore_with_training_stats", r"ddof=1")
def zscore_with_sample_std(X_train, X):
    return (X - X_train.mean(axis=0)) / X_train.std(axis=0, ddof=1)


@typical("ch01.check_zscore_with_training_stats", r"by the variance")
def zscore_by_variance(X_train, X):
    return (X - X_train.mean(axis=0)) / X_train.var(axis=0)


@typical("ch01.check_zscore_with_training_stats", r"one mean and one standard deviation")
def zscore_whole_table(X_train, X):
    return (X - X_train.mean()) / X_train.std()


@typical("ch01.check_zscore_with_training_stats", r"does not subtract the mean")
def zscore_without_mean(X_train, X):
    return X / X_train.std(axis=0)
