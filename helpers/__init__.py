"""Small, plain helpers shared by every notebook of the series.

Importing this package first makes TensorFlow quiet *before* anything imports
it: TensorFlow's C++ start-up lines go to the process's stderr, which Jupyter
saves into a notebook's outputs but pytest does not capture, so a notebook
that stored them would fail its re-execution check. The variables must be set
before ``import tensorflow`` runs, which is why they live here.
"""

import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # C++ logs: errors only
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # no oneDNN notice, no reordering of sums
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from helpers.data import load_bdiag, tumour_data  # noqa: E402

__all__ = ["load_bdiag", "tumour_data"]
