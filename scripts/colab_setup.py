"""Give every notebook its "Open in Colab" and Kaggle links and its first cell, which sets the series up there.

    .venv/bin/python -m scripts.colab_setup      # write them into notebooks/*.ipynb (then re-execute nothing:
                                                 # the cell prints nothing and the links are markdown)

A learner who opens a notebook on Google Colab or Kaggle gets the notebook file alone. Its first code cell
(SETUP, below) then clones the series into a known folder, installs its helpers without touching the platform's
own packages (``--no-deps``), and moves to the notebooks' folder so that ``../data`` is found. Anywhere else it does
nothing and prints nothing, so nbval's comparison of stored outputs is unchanged. tests/test_colab_setup.py checks
that every notebook carries exactly this cell and these links; `make test-hosted` runs every notebook as Colab does.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The repository on GitHub, as in the README's Binder badge and website/conf.py. In a fork, put your own here.
REPOSITORY = "nn-from-scratch/nn-from-scratch"
BRANCH = "main"
TAG = "colab-setup"  # the setup cell's tag, so it can be found and replaced

SETUP = f'''# On Google Colab or Kaggle only: fetch the series and install its helpers. Elsewhere this does nothing.
import os
import subprocess
import sys

if "google.colab" in sys.modules or "KAGGLE_KERNEL_RUN_TYPE" in os.environ:
    series = os.path.expanduser("~/nn-from-scratch")
    if not os.path.isdir(series):
        repository = os.environ.get("NN_FROM_SCRATCH_REPO", "https://github.com/{REPOSITORY}")
        subprocess.run(["git", "clone", "--quiet", "--branch", "{BRANCH}", repository, series], check=True)
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--root-user-action=ignore", "--no-deps", "--editable", series], check=True)
    sys.path.insert(0, series)  # this kernel sees helpers at once; the install serves it after a restart
    os.chdir(os.path.join(series, "notebooks"))  # where the notebooks find ../data'''


def links(notebook: str) -> str:
    """The markdown line with the notebook's Colab badge and Kaggle import link."""
    on_github = f"{REPOSITORY}/blob/{BRANCH}/notebooks/{notebook}"
    colab = f"https://colab.research.google.com/github/{on_github}"
    kaggle = f"https://kaggle.com/kernels/welcome?src=https://github.com/{on_github}"
    badge = "https://colab.research.google.com/assets/colab-badge.svg"
    return f"[![Open In Colab]({badge})]({colab}) [Open in Kaggle]({kaggle})"


def source_lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def apply(path: Path) -> bool:
    """Put the links under the notebook's title and SETUP as its first code cell; True if the file changed."""
    before = path.read_text(encoding="utf-8")
    notebook = json.loads(before)
    cells = notebook["cells"]
    title = cells[0]
    text = "".join(title["source"])
    heading, _, rest = text.partition("\n")
    rest = "\n".join(line for line in rest.split("\n") if "colab-badge.svg" not in line).lstrip("\n")
    title["source"] = source_lines(f"{heading}\n\n{links(path.name)}\n\n{rest}")
    old = [cell for cell in cells if TAG in cell.get("metadata", {}).get("tags", [])]
    cells[:] = [cell for cell in cells if cell not in old]
    first_code = next(i for i, cell in enumerate(cells) if cell["cell_type"] == "code")
    cells.insert(first_code, {
        "cell_type": "code",
        "execution_count": None,
        "id": old[0]["id"] if old else hashlib.sha256(path.name.encode()).hexdigest()[:8],
        "metadata": {"tags": [TAG]},
        "outputs": [],
        "source": source_lines(SETUP),
    })
    after = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    path.write_text(after, encoding="utf-8")
    return after != before


if __name__ == "__main__":
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        print(f"{'updated' if apply(path) else 'unchanged':>9}  {path.name}")
    sys.exit(0)
