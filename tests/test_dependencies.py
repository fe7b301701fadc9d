"""Every third-party import of the project is declared in requirements.txt.

A notebook that imports a package nobody declared runs on the author's machine
and fails on Binder or on a learner's fresh install. This test reads every
import (with ``ast``, without running anything) in helpers/, the notebooks'
code cells, scripts/, data/ and benchmarks/, and checks each one against
requirements.txt (from which environment.yml is generated). It also checks
the two files Binder reads as they are: environment.yml and postBuild.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import json
import os
import re
import sys
from pathlib import Path

import pytest

from scripts.make_environment import supported_pythons

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"

# Modules whose name is not their distribution's, or that come with a declared
# distribution rather than being declared themselves: module -> declared distribution.
PROVIDED_BY = {
    "sklearn": "scikit-learn",
    "tensorflow": "tensorflow-cpu",  # or its other build, tensorflow (macOS, Linux aarch64): same version
    "keras": "tensorflow-cpu",  # Keras 3 is installed as a dependency of TensorFlow
    "IPython": "ipykernel",  # ipython comes with the kernel every notebook runs in
    "matplotlib_inline": "ipykernel",
    "mpl_toolkits": "matplotlib",
    "PIL": "matplotlib",  # pillow is a dependency of matplotlib
    "nbformat": "nbval",  # nbval (and JupyterLab) depend on nbformat
    "nbclient": "nbval",  # and nbclient, which executes notebooks (nbconvert, scripts/run_hosted.py)
}
# The project's own code: helpers, and the folders run or imported as modules from the repository's root.
OWN_PACKAGES = {"helpers", "benchmarks", "scripts", "tests", "website"}


def sources() -> list[Path]:
    """The files whose imports must be declared (whatever exists now)."""
    patterns = ["helpers/**/*.py", "notebooks/*.ipynb", "scripts/*.py", "data/*.py", "benchmarks/*.py"]
    found = (path for pattern in patterns for path in ROOT.glob(pattern))
    return sorted(path for path in found if ".ipynb_checkpoints" not in path.parts)


def normalise(name: str) -> str:
    """Distribution names compare case-insensitively, with -, _ and . alike (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: Path = REQUIREMENTS) -> set[str]:
    """The distributions requirements.txt names (pins, ranges or bare names)."""
    names = set()
    for line in requirements.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(normalise(re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0]))
    return names


@functools.cache
def installed_modules() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions that provide it."""
    return importlib.metadata.packages_distributions()


def python_of_notebook(path: Path) -> list[tuple[str, int]]:
    """(source, cell number) of each code cell, IPython magics and shell lines blanked."""
    cells = json.loads(path.read_text())["cells"]
    code = []
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if source.lstrip().startswith("%%"):
            continue  # a cell magic: not Python
        lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
        code.append(("\n".join(lines), number))
    return code


def imports_in(source: str) -> list[tuple[str, int]]:
    """(top-level module, line) of every absolute import in Python source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node.lineno))
    return found


def imports_of(path: Path) -> list[tuple[str, str]]:
    """(module, where) for every import in a .py file or a notebook's code cells."""
    if path.suffix == ".ipynb":
        chunks = [(source, f"{path.name} cell {number}") for source, number in python_of_notebook(path)]
    else:
        chunks = [(path.read_text(), path.name)]
    found = []
    for source, where in chunks:
        found += [(module, f"{where} line {line}") for module, line in imports_in(source)]
    return found


def undeclared(path: Path, requirements: Path = REQUIREMENTS) -> list[str]:
    """One message per third-party import of ``path`` that requirements.txt does not declare."""
    names = declared(requirements)
    installed = installed_modules()
    local = OWN_PACKAGES | {p.stem for p in path.parent.glob("*.py")}  # a script's sibling modules
    problems = []
    for module, where in imports_of(path):
        if module in sys.stdlib_module_names or module in local:
            continue
        if module in PROVIDED_BY:
            candidates = [PROVIDED_BY[module]]
        else:
            candidates = installed.get(module, [module])
        if not any(normalise(name) in names for name in candidates):
            problems.append(
                f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({where}): "
                f"'import {module}' needs {' or '.join(candidates)} in requirements.txt"
            )
    return problems


SOURCES = sources()


@pytest.mark.parametrize("path", SOURCES, ids=[p.relative_to(ROOT).as_posix() for p in SOURCES])
def test_every_import_is_declared(path: Path) -> None:
    problems = undeclared(path)
    assert not problems, "undeclared imports:\n" + "\n".join(problems)


def test_the_scan_sees_the_project() -> None:
    scanned = {p.relative_to(ROOT).parts[0] for p in SOURCES}
    assert {"helpers", "scripts", "data"} <= scanned
    modules = {module for module, _ in imports_of(ROOT / "helpers" / "data.py")}
    assert {"numpy", "pandas", "sklearn"} <= modules


def test_an_undeclared_import_is_named_with_its_file(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("numpy==2.4.6  # arrays\nscikit-learn==1.9.1\n")
    script = tmp_path / "fit.py"
    script.write_text("import os\nimport numpy as np\nfrom sklearn import svm\nimport pandas\nfrom . import sibling\n")
    assert undeclared(script, requirements) == [
        f"{script} (fit.py line 4): 'import pandas' needs pandas in requirements.txt"
    ]


def test_notebook_cells_are_read_without_their_magics(tmp_path: Path) -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["import yaml is only prose here"]},
        {"cell_type": "code", "metadata": {}, "source": ["%matplotlib inline\n", "!pip list\n", "import keras\n"]},
        {"cell_type": "code", "metadata": {}, "source": ["%%bash\n", "import nothing\n"]},
        {"cell_type": "code", "metadata": {}, "source": ["from helpers.data import tumour_data\n", "import yaml"]},
    ]
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("tensorflow-cpu==2.21.0\n")
    assert imports_of(notebook) == [("keras", "nb.ipynb cell 1 line 3"), ("helpers", "nb.ipynb cell 3 line 1"),
                                    ("yaml", "nb.ipynb cell 3 line 2")]  # fmt: skip
    assert [p.split(": ", 1)[1] for p in undeclared(notebook, requirements)] == [
        "'import yaml' needs PyYAML in requirements.txt"
    ]


def test_the_module_table_names_declared_distributions() -> None:
    missing = sorted({dist for dist in PROVIDED_BY.values() if normalise(dist) not in declared()})
    assert not missing, f"PROVIDED_BY names distributions requirements.txt does not declare: {missing}"


def binder_dependencies(text: str) -> tuple[list[str], list[str]]:
    """The conda dependencies of environment.yml and the pip list under them (plain text, no YAML parser)."""
    conda, pip = [], []
    section = None
    for line in text.splitlines():
        stripped = line.split("#")[0].rstrip()
        if not stripped:
            continue
        indent = len(stripped) - len(stripped.lstrip())
        if indent == 0:
            section = "conda" if stripped == "dependencies:" else None
        elif section and stripped.lstrip().startswith("- "):
            item = stripped.lstrip()[2:].strip()
            if item == "pip:":
                section = "pip"
            elif section == "pip" and indent > 2:
                pip.append(item)
            else:
                section = "conda"
                conda.append(item)
    return conda, pip


def test_environment_yml_is_what_binder_needs() -> None:
    conda, pip = binder_dependencies((ROOT / "environment.yml").read_text())
    pythons = [item for item in conda if item.startswith("python=")]
    supported = [f"python={version}" for version in supported_pythons()]
    assert len(pythons) == 1 and pythons[0] in supported, f"environment.yml must pin one of {supported}: {conda}"
    assert "pip" in conda, "environment.yml must list pip itself before its pip: section"
    assert pip, "environment.yml has no pip: section (Binder installs the pins from it)"


def test_postbuild_installs_the_project() -> None:
    post_build = ROOT / "postBuild"
    assert post_build.is_file(), "postBuild is missing: Binder's conda build does not install the repository"
    assert os.access(post_build, os.X_OK), "postBuild must be executable"
    commands = [line.split("#")[0] for line in post_build.read_text().splitlines()]
    installs = [c for c in commands if re.search(r"\bpip install\b.*(\s|=)\.(\s|$)", c)]
    assert installs, "postBuild must `pip install` the project itself (pip install -e .)"
