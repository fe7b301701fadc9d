"""Load, validate, split and normalise the breast-tumour data.

Every notebook that uses the tumours gets them from here, so every model in the
series sees the same rows, the same split and the same normalisation.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SHIPPED_CSV = DATA_DIR / "bdiag.csv"
# SHA-256 of the shipped file; data/README.md quotes it, a test keeps them equal.
SHIPPED_SHA256 = "fd7b0dc003755821cbe9360960001ec789cd67a192201b8b9a1e34a03d45c927"

MEASURES = [
    "radius",
    "texture",
    "perimeter",
    "area",
    "smoothness",
    "compactness",
    "concavity",
    "concave points",
    "symmetry",
    "fractal_dimension",
]
FEATURES = [f"{m}_{kind}" for kind in ("mean", "se", "worst") for m in MEASURES]
COLUMNS = ["diagnosis"] + FEATURES
# The two features the series models: x1 = texture_mean, x2 = radius_mean.
INPUTS = ["texture_mean", "radius_mean"]


def _fail(path: Path, problem: str) -> None:
    raise ValueError(f"{path.name}: {problem}")


def _read_table(path: Path) -> pd.DataFrame:
    """Read the CSV as text, turning pandas' parser errors into plain ones."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"no data file at {path}") from None
    if not raw.strip():
        _fail(path, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _fail(path, "the file is not a text CSV file (it is not UTF-8 text)")
    header = text.splitlines()[0]
    names = next(csv.reader(io.StringIO(header)))
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        _fail(path, f"duplicated column name(s): {', '.join(repeated)}")
    if "," not in header:
        guess = next((d for d in (";", "\t", "|") if d in header), None)
        found = f"'{guess}'" if guess else "none"
        _fail(path, f"the header has no comma: wrong delimiter ({found} found, ',' expected)")
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        _fail(path, f"the file is not a well-formed CSV ({exc})")


def _check_columns(path: Path, table: pd.DataFrame) -> None:
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        _fail(path, f"missing column(s): {', '.join(missing)}")
    if len(table) == 0:
        _fail(path, "the file has a header but no rows")


def _check_labels(path: Path, labels: pd.Series) -> None:
    bad = labels[~labels.isin(["M", "B"])]
    if len(bad):
        rows = ", ".join(f"row {i + 1}: {v!r}" for i, v in bad.head(3).items())
        _fail(path, f"diagnosis must be 'M' or 'B'; found {rows}")


def _to_numbers(path: Path, table: pd.DataFrame) -> pd.DataFrame:
    """Convert every feature column to float, naming the first bad cell."""
    numbers = {}
    for column in FEATURES:
        cells = table[column].str.strip()
        values = pd.to_numeric(cells, errors="coerce")
        for row, (cell, value) in enumerate(zip(cells, values), start=1):
            if cell == "" or cell.lower() in ("na", "nan", "null", "none"):
                _fail(path, f"missing value in column {column!r}, row {row}")
            if pd.isna(value):
                _fail(path, f"non-numeric value {cell!r} in column {column!r}, row {row}")
            if not np.isfinite(value):
                _fail(path, f"infinite value {cell!r} in column {column!r}, row {row}")
            if value < 0:
                problem = "no size, texture or shape measure of a nucleus can be below 0"
                _fail(path, f"negative value {cell!r} in column {column!r}, row {row}: {problem}")
        numbers[column] = values.astype("float64")
    return pd.DataFrame(numbers)


def sha256(path: Path) -> str:
    """The file's SHA-256, as hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_bdiag(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the diagnostic data.

    With no ``path``, reads the shipped ``data/bdiag.csv`` and first checks its
    SHA-256, so a file changed by accident cannot silently change every result.
    Any problem raises ``ValueError`` that names it: a missing column, a label
    other than M/B, a missing, non-numeric or negative value, an empty file, a
    file that is not CSV or uses the wrong delimiter.

    Returns a DataFrame with ``diagnosis`` ("M"/"B") and the 30 float features.
    """
    path = SHIPPED_CSV if path is None else Path(path)
    if path == SHIPPED_CSV and path.exists() and sha256(path) != SHIPPED_SHA256:
        _fail(path, "checksum mismatch: the shipped file was changed; run data/make_bdiag.py")
    table = _read_table(path)
    _check_columns(path, table)
    labels = table["diagnosis"].str.strip()
    _check_labels(path, labels)
    frame = _to_numbers(path, table)
    frame.insert(0, "diagnosis", labels.astype(str))
    return frame


def features_and_labels(frame: pd.DataFrame, inputs: list[str] = INPUTS) -> tuple[np.ndarray, np.ndarray]:
    """X as an (n, len(inputs)) float array and y as 0/1 ints (1 = malignant)."""
    X = frame[inputs].to_numpy(dtype="float64")
    y = (frame["diagnosis"] == "M").to_numpy(dtype="int64")
    return X, y


def split(X: np.ndarray, y: np.ndarray, test_size: float = 0.2, seed: int = 0):
    """Deterministic, stratified split into two parts (training and test, or fitting and validation).

    Stratified: both parts keep each class's share (the tumours' 37 % malignant
    rate, each digit's tenth), so a change in accuracy between seeds reflects
    the model, not a lucky draw of easy cases. The seed fixes which rows land where.
    """
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)


def zscore_stats(X_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-column mean and standard deviation of the *training* inputs.

    Uses the population standard deviation (ddof=0), as Keras' Normalization
    layer does. Test data is normalised with these same numbers: the model must
    not peek at test statistics.
    """
    return X_train.mean(axis=0), X_train.std(axis=0)


def zscore(X: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """Shift each column to mean 0 and scale it to standard deviation 1."""
    return (X - mean) / std


class Split(NamedTuple):
    """A data set split into training and test parts, as every model chapter uses it.

    ``mean`` and ``std`` are the training statistics the inputs were z-scored
    with (the tumours); None where the inputs were not z-scored (the digits,
    whose pixels are divided by 16).
    """

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    mean: np.ndarray | None = None
    std: np.ndarray | None = None


def tumour_data(seed: int = 0, test_size: float = 0.2) -> Split:
    """Load, split (stratified) and z-score the two inputs, in one call."""
    X, y = features_and_labels(load_bdiag())
    X_train, X_test, y_train, y_test = split(X, y, test_size=test_size, seed=seed)
    mean, std = zscore_stats(X_train)
    return Split(zscore(X_train, mean, std), zscore(X_test, mean, std), y_train, y_test, mean, std)
