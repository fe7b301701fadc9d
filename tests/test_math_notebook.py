"""Notebook 02 (the math): every equation present and verified, the figure, no TensorFlow."""

import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers import equations  # noqa: E402
from helpers.diagram import draw_network  # noqa: E402
from helpers.parameters import PARAMETERS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "02_math.ipynb"


def cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def test_every_equation_is_verified_and_nothing_is_missing():
    checks = equations.check_notebook(NOTEBOOK)
    assert checks and all(c.ok for c in checks), [(c.label, c.problems) for c in checks if not c.ok]
    labels = {c.label for c in checks}
    # the forward pass, the loss and the cost, each defined
    assert {"z11", "z12", "a11", "a12", "z2", "a2", "L", "J"} <= labels
    # sigma' and relu' (including relu'(0) = 0)
    assert {"σ'(z)", "relu'(z)", "relu'(0)"} <= labels
    # all nine parameters, each ending in a closed form (no derivative left on the last side)
    closed = {c.label for c in checks if r"\partial" not in equations.split_sides(c.latex)[-1]}
    assert {f"∂L/∂{p}" for p in PARAMETERS} <= closed
    # the output simplification dL/dz2 = ... = a2 - y, and the mean over examples
    assert any(c.label == "∂L/∂z2" and c.latex.rstrip().endswith("= a_{2} - y") for c in checks)
    assert "∂J/∂θ" in labels
    # the loss as minus the log of the probability given to the true label, and the logit as the log-odds
    assert any(c.label == "L" and r"a_{2}^{y} (1 - a_{2})^{1 - y}" in c.latex for c in checks)
    assert any(c.label == "z2" and r"\log \frac{a_{2}}{1 - a_{2}}" in c.latex for c in checks)


def test_a_wrong_index_in_the_notebook_file_is_caught(tmp_path):
    text = NOTEBOOK.read_text(encoding="utf-8")
    right = r"(a_{2} - y) \\cdot w_{22} \\cdot \\operatorname{relu}'(z_{12}) \\cdot x_{2}$$"  # dL/dw14, as JSON
    assert text.count(right) == 1
    broken = tmp_path / "broken.ipynb"
    broken.write_text(text.replace(right, right.replace("z_{12}", "z_{11}")), encoding="utf-8")
    results = equations.check_notebook(broken)
    assert [r.label for r in results if not r.ok] == ["∂L/∂w14"]
    (wrong,) = [r for r in results if not r.ok]
    assert wrong.problems == [
        r"side 3 is not ∂L/∂w14: (a_{2} - y) \cdot w_{22} \cdot \operatorname{relu}'(z_{11}) \cdot x_{2}"
    ]


def test_the_readme_figure_cell_draws_the_network():
    tagged = [c for c in cells() if "readme-figure" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    cell = tagged[0]
    assert cell["cell_type"] == "code" and "draw_network()" in "".join(cell["source"])
    assert any("image/png" in out.get("data", {}) for out in cell["outputs"])


def test_diagram_is_labelled_with_the_equations_symbols():
    fig = draw_network()
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    plt.close(fig)
    for symbol in ["x_{1}", "x_{2}", "z_{11}", "a_{11}", "z_{12}", "a_{12}", "z_{2}", "a_{2}", "$L$"]:
        assert symbol in texts, symbol
    for p in PARAMETERS:
        assert f"{p[0]}_{{{p[1:]}}}" in texts, p


def test_the_math_notebook_and_its_helpers_do_not_import_tensorflow():
    source = "\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "code")
    assert "tensorflow" not in source and "keras" not in source
    code = "import sys, helpers.equations, helpers.diagram; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
