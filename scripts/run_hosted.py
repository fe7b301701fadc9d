"""Open every notebook as Google Colab does, run it top to bottom, and fail on any error (make test-hosted).

`make test-hosted` runs this script in .venv-hosted, an environment with the versions Colab ships
(requirements-hosted.txt), without the series' helpers. Each notebook is run as a learner who clicks its
"Open in Colab" badge gets it:

- the notebook file alone, in an empty folder, in a fresh kernel;
- ``google.colab`` imported before the first cell (a stub module, as Colab's own is loaded at start-up);
- helpers not installed, so the notebook's first cell must fetch the series (git clone, from the repository
  named by NN_FROM_SCRATCH_REPO: unless set, a copy of this repository at the commit checked out) and install
  helpers from it.

The text outputs may differ from the stored ones (other versions round and print differently; nbval checks the
stored outputs under the series' own pins), so only what would stop or mislead a learner fails a notebook:
an error in any cell, anything written to stderr (a warning), or a check that says ✗.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
HELPERS = "nn-from-scratch-helpers"  # the name pyproject.toml gives the helpers package
# A check's verdict "✗ ..." at the start of a line, or an equation of chapter 02's report that failed ("2 sides  ✗");
# appendix A1's "rejected ✗" is a wrong equation correctly refused, not a failure.
FAILED_CHECK = re.compile(r"^✗|\d sides\s+✗", re.MULTILINE)


def problems(notebook) -> list[str]:
    """What in an executed notebook's outputs would stop or mislead a learner, cell by cell."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            where = f"cell {index}"
            if output.output_type == "error":
                found.append(f"{where}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                found.append(f"{where} wrote to stderr: {output.text.strip()[:300]}")
            text = output.get("text", "") or output.get("data", {}).get("text/plain", "")
            if FAILED_CHECK.search(text):
                found.append(f"{where}: a check failed: {text.strip()[:300]}")
    return found


def seconds(cell) -> float:
    """How long a cell took, from the timestamps nbclient records."""
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() if start and end else 0.0


def as_on_colab(folder: Path) -> dict[str, str]:
    """The environment of a fresh Colab runtime, made in folder: its own home, google.colab loaded at start-up."""
    stub = folder / "stub" / "google" / "colab"  # no google/__init__.py: google stays a namespace (protobuf's)
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text('"""A stand-in for Colab\'s own module: its presence says \'on Colab\'."""\n')
    startup = folder / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text("import google.colab  # noqa: F401  (Colab's kernel loads it at start-up)\n")
    (folder / "home").mkdir()
    return {
        **os.environ,
        "HOME": str(folder / "home"),
        "IPYTHONDIR": str(folder / "ipython"),
        "PYTHONPATH": str(folder / "stub"),
        "NN_FROM_SCRATCH_REPO": os.environ["NN_FROM_SCRATCH_REPO"],
        "PIP_CONFIG_FILE": os.devnull,  # a platform's pip has no configuration of this machine's
    }


def run(path: Path) -> tuple[list[str], float]:
    """Open one notebook as Colab does and run it; return its problems (none: it ran clean), the first cell's time."""
    # helpers must not be installed before the notebook's first cell installs it
    subprocess.run([sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", HELPERS], capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        environment = as_on_colab(folder)
        work = folder / "content"
        work.mkdir()
        shutil.copy(path, work / path.name)
        notebook = nbformat.read(work / path.name, as_version=4)
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(environment)  # the kernel starts with this process's environment
        try:
            client = NotebookClient(notebook, timeout=1200, kernel_name="python3", record_timing=True,
                                    resources={"metadata": {"path": str(work)}})
            client.execute()
            found = problems(notebook)
        except CellExecutionError as error:
            found = [f"stopped: {str(error).strip().splitlines()[-1][:300]}", *problems(notebook)]
        finally:
            os.environ.clear()
            os.environ.update(saved)
    first = next((cell for cell in notebook.cells if cell.cell_type == "code"), None)
    return found, seconds(first) if first is not None else 0.0


def committed_series(folder: Path) -> str:
    """A copy of this repository whose main branch is the commit checked out here, to clone as Colab would.

    The notebooks' first cell clones the branch main; a checkout on another branch, or on none (a detached HEAD),
    has this commit on a main of the copy all the same.
    """
    copy = folder / "series.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(copy)], check=True)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], check=True, capture_output=True, text=True)
    subprocess.run(["git", "--git-dir", str(copy), "update-ref", "refs/heads/main", head.stdout.strip()], check=True)
    return str(copy)


def main(names: list[str]) -> int:
    paths = [ROOT / "notebooks" / name for name in names] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    print(f"Python {sys.version.split()[0]}; opening {len(paths)} notebooks as Colab does")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        if "NN_FROM_SCRATCH_REPO" not in os.environ:
            os.environ["NN_FROM_SCRATCH_REPO"] = committed_series(Path(tmp))
        for path in paths:
            found, setup = run(path)
            print(f"{'FAILED' if found else 'ok':>6}  {path.name}  (first cell, fetching the series: {setup:.0f} s)")
            for problem in found:
                print(f"        {problem}")
            failed += bool(found)
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
