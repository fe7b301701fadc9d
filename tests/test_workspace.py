"""make lab opens the learner's own copies of the notebooks, in my-notebooks/, which git ignores.

The copies are made on the first run; a later run copies only notebooks new to
the series and never overwrites a copy; make fresh NB=... restores one. The
verified originals in notebooks/ are never written.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(folder: Path, *arguments: str) -> str:
    done = subprocess.run(["make", "--no-print-directory", *arguments], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def series(tmp_path: Path) -> Path:
    """A copy of the Makefile and its Python finder, with two small notebooks."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "scripts" / "python.sh", tmp_path / "scripts")
    (tmp_path / "notebooks").mkdir()
    for name in ("01_data.ipynb", "02_math.ipynb"):
        (tmp_path / "notebooks" / name).write_text(f'{{"original": "{name}"}}\n')
    return tmp_path


def test_the_first_run_copies_every_notebook_and_later_runs_keep_the_learners_edits(tmp_path):
    root = series(tmp_path)
    said = make(root, "workspace")
    assert "your copy: my-notebooks/01_data.ipynb" in said and "your copy: my-notebooks/02_math.ipynb" in said
    mine = root / "my-notebooks" / "01_data.ipynb"
    mine.write_text('{"edited": true}\n')
    (root / "notebooks" / "03_keras.ipynb").write_text('{"original": "03"}\n')  # the series gains a chapter
    said = make(root, "workspace")
    assert mine.read_text() == '{"edited": true}\n'
    assert "01_data" not in said and "your copy: my-notebooks/03_keras.ipynb" in said
    assert (root / "notebooks" / "01_data.ipynb").read_text() == '{"original": "01_data.ipynb"}\n'


def test_make_fresh_restores_one_notebook_and_names_a_wrong_one(tmp_path):
    root = series(tmp_path)
    make(root, "workspace")
    (root / "my-notebooks" / "02_math.ipynb").write_text("broken by a learner\n")
    make(root, "fresh", "NB=02_math.ipynb")
    assert (root / "my-notebooks" / "02_math.ipynb").read_text() == '{"original": "02_math.ipynb"}\n'
    wrong = subprocess.run(["make", "fresh", "NB=09_nothing.ipynb"], cwd=root, capture_output=True, text=True)
    assert wrong.returncode != 0 and "There is no notebooks/09_nothing.ipynb" in wrong.stdout


def test_make_lab_opens_the_copies():
    plan = make(ROOT, "-n", "lab")
    assert "jupyter lab" in plan and "my-notebooks/01_data.ipynb" in plan
    assert "notebooks/01_data.ipynb" not in plan.replace("my-notebooks/01_data.ipynb", "")


def test_git_ignores_the_copies():
    ignored = subprocess.run(["git", "check-ignore", "-q", "my-notebooks/04_scratch.ipynb"], cwd=ROOT)
    assert ignored.returncode == 0
