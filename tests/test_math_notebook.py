"""Notebook 02 (the math): every equation present and verified, the figure, no TensorFlow."""

import json
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers import equations  # noqa: E402
from helpers.diagram import IMAGE, draw_network  # noqa: E402
from helpers.scratch import PARAMETERS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "02_math.ipynb"


def cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def verified_equations():
    """(left-hand side node, last side node, latex) of every equation; all must verify."""
    found = []
    for latex in equations.notebook_equations(NOTEBOOK):
        result = equations.check_equation(latex)
        assert result.ok, f"{latex}: {result.problems}"
        sides = equations.parse(latex)[0]
        found.append((sides[0], sides[-1], latex))
    return found


def has_partial(node) -> bool:
    return any(part[0] == "partial" for part in equations.nodes_in(node))


def test_every_equation_is_verified_and_nothing_is_missing():
    verified = verified_equations()
    lhs = [left for left, _, _ in verified]
    # the forward pass, the loss and the cost, each defined
    defined = {node[1] for node in lhs if node[0] == "sym"}
    assert {"z11", "z12", "a11", "a12", "z2", "a2", "L", "J"} <= defined
    # sigma' and relu' (including relu'(0) = 0)
    calls = {(node[1], node[2][0]) for node in lhs if node[0] == "call"}
    assert {("sigma'", "sym"), ("relu'", "sym"), ("relu'", "num")} <= calls
    # all nine parameters, each ending in a closed form (no derivative left on the last side)
    closed = {left[3] for left, last, _ in verified if left[:3] == ("partial", "L", None) and not has_partial(last)}
    assert set(PARAMETERS) <= closed
    # the output simplification dL/dz2 = ... = a2 - y, and the mean over examples
    assert any(left == ("partial", "L", None, "z2") and latex.rstrip().endswith("= a_{2} - y")
               for left, _, latex in verified)  # fmt: skip
    assert ("partial", "J", None, "theta") in lhs


def test_a_wrong_index_in_the_notebook_file_is_caught(tmp_path):
    text = NOTEBOOK.read_text(encoding="utf-8")
    right = r"(a_{2} - y) \\cdot w_{22} \\cdot \\operatorname{relu}'(z_{12}) \\cdot x_{2}$$"  # dL/dw14, as JSON
    assert text.count(right) == 1
    broken = tmp_path / "broken.ipynb"
    broken.write_text(text.replace(right, right.replace("z_{12}", "z_{11}")), encoding="utf-8")
    results = equations.check_notebook(broken)
    assert [r.label for r in results if not r.ok] == ["∂L/∂w14"]


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
    assert IMAGE.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_math_notebook_and_its_helpers_do_not_import_tensorflow():
    source = "\n".join("".join(c["source"]) for c in cells() if c["cell_type"] == "code")
    assert "tensorflow" not in source and "keras" not in source
    code = "import sys, helpers.equations, helpers.diagram; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
