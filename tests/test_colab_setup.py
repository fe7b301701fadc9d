"""Every notebook links Colab and Kaggle and starts with the one setup cell, which does nothing off those platforms.

What the cell does on Colab is tested by `make test-hosted` (scripts/run_hosted.py), which opens every notebook
as Colab does: alone in an empty folder, with google.colab loaded and helpers not installed.
"""

import contextlib
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest

from scripts import colab_setup

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_first_code_cell_is_the_setup_cell_and_the_title_links_colab(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first_code = next(cell for cell in cells if cell["cell_type"] == "code")
    assert "".join(first_code["source"]) == colab_setup.SETUP
    assert first_code["metadata"].get("tags") == [colab_setup.TAG]
    assert first_code["outputs"] == []  # it printed nothing where the notebook was executed
    title = "".join(cells[0]["source"])
    assert colab_setup.links(path.name) in title
    assert f"colab.research.google.com/github/{colab_setup.REPOSITORY}/blob/main/notebooks/{path.name}" in title


def test_the_repository_is_the_one_the_readme_and_the_website_name():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"mybinder\.org/v2/gh/([\w-]+/[\w-]+)/", readme) == [colab_setup.REPOSITORY] * 2
    conf = (ROOT / "website" / "conf.py").read_text(encoding="utf-8")
    assert f'REPOSITORY = "{colab_setup.REPOSITORY}"' in conf


def test_off_colab_and_kaggle_the_cell_does_nothing(monkeypatch):
    monkeypatch.delenv("KAGGLE_KERNEL_RUN_TYPE", raising=False)
    assert "google.colab" not in sys.modules
    path, folder, printed = list(sys.path), os.getcwd(), io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        exec(colab_setup.SETUP, {})
    assert (sys.path, os.getcwd(), printed.getvalue()) == (path, folder, "")


def test_the_links_are_written_once(tmp_path):
    """Applying the setup twice gives the same notebook: the links and the cell are replaced, not repeated."""
    copy = tmp_path / "01_data.ipynb"
    copy.write_text((ROOT / "notebooks" / "01_data.ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    colab_setup.apply(copy)
    once = copy.read_text(encoding="utf-8")
    assert not colab_setup.apply(copy)
    assert copy.read_text(encoding="utf-8") == once and once.count("colab-badge.svg") == 1


def test_the_hosted_run_fails_on_what_would_stop_or_mislead_a_learner():
    """scripts/run_hosted.py flags an error, a warning on stderr and a failed check, not a wrong equation refused."""
    import nbformat

    from scripts.run_hosted import problems

    def notebook(*outputs):
        cell = {"cell_type": "code", "source": "", "metadata": {}, "outputs": list(outputs)}
        return nbformat.from_dict({"cells": [cell]})

    stream = {"output_type": "stream", "name": "stdout"}
    assert problems(notebook({**stream, "text": "✓ the two agree: largest difference 0\n"})) == []
    assert problems(notebook({**stream, "text": "original z2, with x instead of a: rejected ✗\n"})) == []
    assert problems(notebook({**stream, "text": "✗ relu_prime(0) returned 1; expected 0\n"}))
    assert problems(notebook({**stream, "text": "∂L/∂w14  2 sides  ✗\n"}))
    assert problems(notebook({"output_type": "stream", "name": "stderr", "text": "DeprecationWarning: ...\n"}))
    assert problems(notebook({"output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": []}))
