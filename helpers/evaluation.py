"""Score classifiers the same way, on the same test split.

Accuracy alone hides which mistakes a model makes; for a tumour, calling a
malignant one benign (a false negative, "false B") is the costly error. So every
model in the series reports accuracy, F1 for the malignant class, and its
confusion matrix; where a threshold is chosen, its sensitivity (the share of
malignant tumours called malignant) and specificity (the share of benign ones
called benign).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score


def evaluate(y_true: np.ndarray, y_pred: np.ndarray) -> dict:
    """Accuracy, F1 (class 1 = malignant) and the 2x2 confusion matrix.

    ``confusion[i][j]`` counts examples of true class i predicted as class j
    (0 = benign, 1 = malignant).
    """
    y_true = np.asarray(y_true).ravel()
    y_pred = np.asarray(y_pred).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"{len(y_true)} labels but {len(y_pred)} predictions")
    if not (np.isin(y_true, (0, 1)).all() and np.isin(y_pred, (0, 1)).all()):
        raise ValueError("labels and predictions must be 0 or 1")
    matrix = confusion_matrix(y_true, y_pred, labels=[0, 1])
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "f1": float(f1_score(y_true, y_pred, zero_division=0.0)),
        "confusion": matrix,
    }


def results_table(rows: dict[str, dict]) -> pd.DataFrame:
    """One row per model: accuracy, F1 and the four confusion counts, rounded to 4 digits."""
    table = pd.DataFrame(
        {
            name: {
                "accuracy": r["accuracy"],
                "F1 (malignant)": r["f1"],
                "true B": int(r["confusion"][0][0]),
                "false M": int(r["confusion"][0][1]),
                "false B": int(r["confusion"][1][0]),
                "true M": int(r["confusion"][1][1]),
            }
            for name, r in rows.items()
        }
    ).T
    counts = {c: int for c in ("true B", "false M", "false B", "true M")}
    return table.astype({"accuracy": float, "F1 (malignant)": float, **counts}).round(4)


def false_counts(p: np.ndarray, y: np.ndarray, threshold: float) -> tuple[int, int]:
    """(false B, false M) when a tumour is called malignant where P > threshold."""
    called = p > threshold
    return int(np.sum(~called & (y == 1))), int(np.sum(called & (y == 0)))


def sensitivity_specificity(p: np.ndarray, y: np.ndarray, threshold: float) -> tuple[float, float]:
    """(sensitivity, specificity) when a tumour is called malignant where P > threshold.

    Sensitivity is the share of the malignant tumours called malignant,
    1 - false B / malignant; specificity the share of the benign ones called
    benign, 1 - false M / benign. Lowering the threshold raises the first and
    lowers the second.
    """
    false_b, false_m = false_counts(p, y, threshold)
    malignant, benign = int(np.sum(y == 1)), int(np.sum(y == 0))
    return 1 - false_b / malignant, 1 - false_m / benign
