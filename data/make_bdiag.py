"""Regenerate ``data/bdiag.csv`` from the copy of the Wisconsin Diagnostic Breast
Cancer data that ships inside scikit-learn's wheel.

Why a script and not a download: the series must build offline, and the file
must be reproducible byte for byte (a test checks it). Run it from anywhere:

    python data/make_bdiag.py            # rewrite data/bdiag.csv
    python data/make_bdiag.py --check    # exit 1 if the file on disk differs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sklearn.datasets import load_breast_cancer

CSV_PATH = Path(__file__).with_name("bdiag.csv")

# scikit-learn names the columns "mean radius", "radius error", "worst radius";
# the usual CSV (UCI / Kaggle) names them radius_mean, radius_se, radius_worst.
SUFFIX = {"mean": "mean", "error": "se", "worst": "worst"}


def usual_name(sklearn_name: str) -> str:
    """Turn scikit-learn's feature name into the usual CSV column name."""
    words = sklearn_name.split()
    if words[0] in ("mean", "worst"):
        kind, measure = words[0], " ".join(words[1:])
    else:
        kind, measure = words[-1], " ".join(words[:-1])
    measure = measure.replace("fractal dimension", "fractal_dimension")
    return f"{measure}_{SUFFIX[kind]}"


def number(value: float) -> str:
    """Write a float the way the original file does: 1001 not 1001.0."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def csv_text() -> str:
    """The whole CSV as text: header, then one row per tumour."""
    bunch = load_breast_cancer()
    header = ["diagnosis"] + [usual_name(n) for n in bunch.feature_names]
    lines = [",".join(header)]
    for features, target in zip(bunch.data, bunch.target):
        # In scikit-learn's copy, target 0 means malignant (M), 1 benign (B).
        label = "M" if target == 0 else "B"
        lines.append(",".join([label] + [number(v) for v in features]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = csv_text()
    if args.check:
        same = CSV_PATH.exists() and CSV_PATH.read_text() == text
        print("bdiag.csv is up to date" if same else "bdiag.csv differs from a fresh build")
        return 0 if same else 1
    CSV_PATH.write_text(text, newline="\n")
    print(f"wrote {CSV_PATH.name}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
