"""Typical wrong answers to the exercises of chapter 01 (the data)."""

from __future__ import annotations

from exercise_mistakes import typical

# ch01: the data ---------------------------------------------------------------------------------------------------


@typical("ch01.check_radius_rule", r"exactly r is called malignant.*>, not >=")
def radius_rule_at_or_above(X, r):
    return (X[:, 1] >= r).astype(int)


@typical("ch01.check_radius_rule", r"a column of shape \(5, 1\)")
def radius_rule_as_a_column(X, r):
    return X[:, [1]] > r


@typical("ch01.check_radius_rule", r"compares texture_mean \(column 0\)")
def radius_rule_on_texture(X, r):
    return (X[:, 0] > r).astype(int)


@typical("ch01.check_radius_rule", r"returned one value, .*; expected one answer per row")
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


@typical("ch01.check_radius_rule", r"compares with 15 whatever r is")
def radius_rule_at_fifteen(X, r):
    return (X[:, 1] > 15).astype(int)


@typical("ch01.check_zscore_with_training_stats", r"the chapter's 455 training tumours, not the X_train it is given")
def zscore_with_the_chapters_training_set(X_train, X):
    from helpers.exercises.ch01 import raw_split

    chapter_train = raw_split()[0]  # the notebook's global X_train, used instead of the argument
    return (X - chapter_train.mean(axis=0)) / chapter_train.std(axis=0)


@typical("ch01.check_zscore_with_training_stats", r"divides only the mean by the standard deviation")
def zscore_without_brackets(X_train, X):
    return X - X_train.mean(axis=0) / X_train.std(axis=0)


@typical("ch01.check_zscore_with_training_stats", r"returned a column of shape|has shape")
def zscore_of_the_radius_only(X_train, X):
    return (X[:, 1:] - X_train[:, 1:].mean(axis=0)) / X_train[:, 1:].std(axis=0)


@typical("ch01.check_zscored_unit", r"the chapter's direction, not this one")
def zscored_unit_backwards(w, b, mean, std):
    return w / std, b - w * mean / std


@typical("ch01.check_zscored_unit", r"leaves the bias as it was")
def zscored_unit_same_bias(w, b, mean, std):
    return w * std, b


@typical("ch01.check_zscored_unit", r"subtracts w mean instead of adding it")
def zscored_unit_minus_mean(w, b, mean, std):
    return w * std, b - w * mean


@typical("ch01.check_zscored_unit", r"adds w mean / std, not w mean")
def zscored_unit_mean_over_std(w, b, mean, std):
    return w * std, b + w * mean / std


@typical("ch01.check_zscored_unit", r"the bias first")
def zscored_unit_swapped(w, b, mean, std):
    return b + w * mean, w * std
