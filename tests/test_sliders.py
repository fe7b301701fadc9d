"""helpers.sliders and helpers.explorers: a slider move redraws the picture, the saved notebook keeps a picture,
bad input is refused.

helpers.sliders is the widget plumbing (slider, Picture, Explorer); the two
explorers built on it live in helpers.explorers, the counting of mistakes in
helpers.evaluation and the checks of their arguments in helpers.inputs. The
browser test (tests/browser/test_sliders.py) moves a slider in a real
JupyterLab; these tests check the same machinery without a browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers import explorers, sliders
from helpers.evaluation import evaluate, false_counts
from helpers.inputs import check_probabilities, check_thresholds
from helpers.vectorized import VectorizedNetwork

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def tumours():
    return helpers.tumour_data(seed=0)


@pytest.fixture(scope="module")
def explorer(tumours):
    return explorers.training_explorer(tumours.X_train, tumours.y_train, tumours.X_test, tumours.y_test)


def test_the_sliders_offer_explicit_values_and_start_where_asked(explorer):
    assert explorer.values() == {"alpha": 0.5, "epochs": 100, "seed": 0}
    labels = [label for label, _ in explorer.sliders["alpha"].options]
    assert labels == ["0.01", "0.03", "0.1", "0.3", "0.5", "1", "2", "5"]  # no 0.30000000000000004
    assert all(not s.continuous_update for s in explorer.sliders.values())  # retrain on release, not while dragging


def test_a_picture_is_a_png_that_depends_on_the_values_and_only_on_them(explorer):
    first = explorer.render(alpha=0.5, epochs=100, seed=0)
    assert first.startswith(PNG)
    assert explorer.render(alpha=0.5, epochs=100, seed=0) == first  # redrawing the background leaves no trace
    changes = [{"alpha": 5.0}, {"epochs": 10}, {"seed": 3}]
    for change in changes:
        values = {"alpha": 0.5, "epochs": 100, "seed": 0, **change}
        assert explorer.render(**values) != first, values


def test_the_cost_axis_runs_from_epoch_1_to_the_epochs_trained(explorer):
    (ax_cost,) = [ax for ax in explorer.figure.axes if ax.get_ylabel() == "training cost J"]
    pictures = {}
    for epochs in explorers.EPOCHS:
        pictures[epochs] = explorer.render(alpha=0.5, epochs=epochs, seed=0)
        assert ax_cost.get_xlim() == pytest.approx((1, epochs))
        (line,) = ax_cost.get_lines()
        assert line.get_xdata()[-1] == epochs  # the last epoch plotted is the axis' right end
    # the axis is redrawn each time: no tick of another epoch count is left behind
    assert explorer.render(alpha=0.5, epochs=10, seed=0) == pictures[10]
    assert len(set(pictures.values())) == len(explorers.EPOCHS)


def test_moving_a_slider_redraws_through_the_display_handle(explorer):
    class Handle:
        pictures: list = []

        def update(self, picture):
            self.pictures.append(picture)

    explorer.handle = Handle()
    before = len(explorer.seconds)
    explorer.sliders["epochs"].value = 300
    explorer.sliders["epochs"].value = 100
    assert len(explorer.seconds) == before + 2
    assert [p.data.startswith(PNG) for p in Handle.pictures] == [True, True]
    assert Handle.pictures[0].data != Handle.pictures[1].data


def test_displaying_shows_the_sliders_with_a_text_fallback_and_the_picture(explorer, monkeypatch):
    shown = []

    def fake_display(obj, raw=False, display_id=None):
        shown.append((obj, raw, display_id))
        return "handle" if display_id else None

    monkeypatch.setattr(sliders, "display", fake_display)
    explorer._ipython_display_()
    (bundle, raw, _), (picture, _, display_id) = shown
    assert raw and "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("(sliders: learning rate, epochs, starting seed")
    assert picture.data.startswith(PNG) and display_id is True and explorer.handle == "handle"


def test_the_saved_notebook_shows_a_picture_where_no_kernel_runs():
    cells = json.loads((ROOT / "notebooks" / "06_vectorized.ipynb").read_text())["cells"]
    cell = next(c for c in cells if "explorers.training_explorer(" in "".join(c["source"]))
    kinds = [set(output.get("data", {})) for output in cell["outputs"]]
    assert any("application/vnd.jupyter.widget-view+json" in k for k in kinds)
    assert any("image/png" in k for k in kinds)


def test_the_threshold_explorer_counts_the_two_kinds_of_mistake(tumours):
    net = VectorizedNetwork([2, 2, 1], seed=0)
    net.fit(tumours.X_train, tumours.y_train, alpha=0.5, epochs=300)
    p = net.predict_proba(tumours.X_test)
    confusion = evaluate(tumours.y_test, (p > 0.5).astype(int))["confusion"]
    assert false_counts(p, tumours.y_test, 0.5) == (confusion[1][0], confusion[0][1])
    explorer = explorers.threshold_explorer(p, tumours.y_test)
    assert explorer.values() == {"threshold": 0.5}
    assert [label for label, _ in explorer.sliders["threshold"].options][:3] == ["0.05", "0.10", "0.15"]
    low, high = explorer.render(threshold=0.2), explorer.render(threshold=0.8)
    assert low.startswith(PNG) and low != high
    false_b = [false_counts(p, tumours.y_test, t)[0] for t in explorers.THRESHOLDS]
    assert false_b == sorted(false_b)  # a higher threshold never misses fewer malignant tumours


@pytest.mark.parametrize(
    ("probabilities", "labels", "kwargs", "problem"),
    [
        ([0.2, 1.5], [0, 1], {}, "between 0 and 1"),
        ([[0.2, 0.3]], [0, 1], {}, "1-D array"),
        ([0.2, 0.7], [0, 2], {}, "only 0 and 1"),
        ([0.2, 0.7], [0, 1, 1], {}, "2 rows but y has 3 labels"),
        ([0.2, 0.7], [0, 1], {"threshold": 0.33}, "starting threshold must be one of"),
        ([0.2, 0.7], [0, 1], {"thresholds": (0.5, 0.2)}, "increasing numbers between 0 and 1"),
    ],
)
def test_the_threshold_explorer_refuses_bad_input(probabilities, labels, kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        explorers.threshold_explorer(probabilities, labels, **kwargs)


def test_the_training_explorer_refuses_a_value_not_on_its_slider(tumours):
    with pytest.raises(ValueError, match="starting learning rate α must be one of"):
        explorers.training_explorer(tumours.X_train, tumours.y_train, tumours.X_test, tumours.y_test, alpha=0.25)


def test_false_counts_counts_missed_tumours_and_false_alarms():
    """helpers.evaluation.false_counts: (false B, false M) at P > threshold; a P equal to the threshold is benign."""
    p = np.array([0.1, 0.4, 0.5, 0.6, 0.9, 0.3])
    y = np.array([1, 0, 1, 0, 1, 1])
    assert false_counts(p, y, 0.5) == (3, 1)  # malignant at 0.1, 0.5, 0.3 called B; benign at 0.6 called M
    assert false_counts(p, y, 0.05) == (0, 2)
    assert false_counts(p, y, 0.95) == (4, 0)
    assert all(type(n) is int for n in false_counts(p, y, 0.5))


def test_check_probabilities_and_check_thresholds_in_helpers_inputs():
    np.testing.assert_array_equal(check_probabilities([0, 0.25, 1]), [0.0, 0.25, 1.0])
    assert check_probabilities([0.5]).dtype == float
    for bad, problem in [
        ([0.2, 1.5], "between 0 and 1; found 1.5"),
        ([0.2, -0.1], "between 0 and 1; found -0.1"),
        ([0.2, np.nan], "between 0 and 1; found nan"),
        ([[0.2, 0.3]], "1-D array"),
        ([], "non-empty 1-D array"),
        (["a", 0.2], "probabilities must hold numbers"),
    ]:
        with pytest.raises(ValueError, match=problem):
            check_probabilities(bad)
    assert check_thresholds([0.2, 0.5]) == (0.2, 0.5)
    assert check_thresholds(explorers.THRESHOLDS) == explorers.THRESHOLDS
    for bad in [(), (0.5, 0.2), (0.2, 0.2), (0.0, 0.5), (0.5, 1.0)]:
        with pytest.raises(ValueError, match="increasing numbers between 0 and 1"):
            check_thresholds(bad)
