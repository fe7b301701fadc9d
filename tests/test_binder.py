"""Binder builds the series from this repository and opens notebook 01 in JupyterLab.

mybinder.org builds its images with repo2docker (pinned in requirements-test.txt). Given
``--no-build``, repo2docker writes the Dockerfile it would build, offline and without Docker; these
tests read it for a clean copy of the repository (the files git tracks or would track, as they are in
the working tree) and check that the image would

* install the pins from environment.yml (the conda build: ``mamba env update --file environment.yml``),
* with a Python the tests run the notebooks under (environment.yml's, in the kernel's environment),
* then copy the repository and run postBuild, which installs the ``helpers`` package,
* and serve the repository from its working directory with JupyterLab installed, so that the README
  badge's ``urlpath=lab/tree/notebooks/01_....ipynb`` opens notebook 01 in JupyterLab. (BinderHub sends
  the browser to ``urlpath`` on the started server; ``lab/tree/<path>`` is JupyterLab's address for a
  file, as repo2docker's documentation on user interfaces shows.)

A copy with postBuild removed, or another such fault, must be caught: the second group of tests
plants one fault each and checks the report names it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.make_environment import supported_pythons

ROOT = Path(__file__).resolve().parent.parent

REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"
BADGE = re.compile(r"\(https://mybinder\.org/v2/gh/[^)\s]*?[?&]urlpath=([^)\s&]+)\)")


def clean_copy(destination: Path) -> Path:
    """Copy the files git tracks, or would track (untracked but not ignored), as they are now."""
    command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    listed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = ROOT / name
        if source.is_file():  # a file deleted in the working tree is left out
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)  # keeps postBuild executable
    return destination


def repo2docker(repo: Path) -> tuple[str, str]:
    """(Dockerfile, log) that repo2docker writes for ``repo`` without building anything."""
    assert REPO2DOCKER.exists(), f"no repo2docker at {REPO2DOCKER}: `make test` installs requirements-test.txt"
    command = [str(REPO2DOCKER), "--no-build", "--debug", "--user-id", "1000", "--user-name", "jovyan", str(repo)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"repo2docker failed:\n{result.stderr}"
    return result.stdout, result.stderr


def binder_problems(repo: Path) -> list[str]:
    """What would keep Binder from opening notebook 01 of ``repo`` in a working JupyterLab."""
    dockerfile, log = repo2docker(repo)
    lines = dockerfile.splitlines()
    problems = []

    installs = 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    if not (installs and re.search(r"^COPY \S+ src/environment\.yml ", dockerfile, re.MULTILINE)):
        problems.append("the image does not install environment.yml (is it missing?)")
        pins = []
    else:
        dependencies = yaml.safe_load((repo / "environment.yml").read_text())["dependencies"]
        pins = [pin for d in dependencies if isinstance(d, dict) for pin in d.get("pip", [])]

    python = re.search(r"Building conda environment for python=(\d+\.\d+)", log)
    if python is None or python.group(1) not in supported_pythons():
        found = python.group(1) if python else "none found"
        problems.append(f"the image's Python ({found}) is not one the notebooks are tested under")
    if "ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}" not in lines:
        problems.append("the notebooks' kernel would not run in the environment that has the pins")

    copied = [i for i, line in enumerate(lines) if re.fullmatch(r"COPY \S+ src/ \$\{REPO_DIR\}/", line)]
    post_build = [i for i, line in enumerate(lines) if line == "RUN ./postBuild"]
    if not (copied and post_build and post_build[0] > copied[0]):
        problems.append("the image does not run postBuild after copying the repository (is it missing?)")
    elif not re.search(r"\bpip install\b.*(\s|=)\.(\s|$)", (repo / "postBuild").read_text(), re.MULTILINE):
        problems.append("postBuild does not install the helpers package (pip install -e .)")

    badge = BADGE.search((repo / "README.md").read_text())
    notebooks = sorted((repo / "notebooks").glob("*.ipynb"))
    first = f"notebooks/{notebooks[0].name}" if notebooks else None
    if badge is None:
        problems.append("README.md has no Binder badge with a urlpath")
    elif badge.group(1) != f"lab/tree/{first}" or not (repo / badge.group(1).removeprefix("lab/tree/")).is_file():
        problems.append(f"the Binder badge opens {badge.group(1)}, not JupyterLab at {first}")
    if "WORKDIR ${REPO_DIR}" not in lines:
        problems.append("the server would not start in the repository, so lab/tree/ paths would not find it")
    if not any(pin.startswith("jupyterlab==") for pin in pins):
        problems.append("environment.yml does not pin jupyterlab, which serves lab/tree/")
    return problems


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return clean_copy(tmp_path_factory.mktemp("binder") / "repo")


def test_the_copy_is_the_repository(repository: Path) -> None:
    for name in ["environment.yml", "postBuild", "README.md", "pyproject.toml", "helpers/__init__.py"]:
        assert (repository / name).is_file(), name
    assert not (repository / ".venv").exists() and not (repository / ".git").exists()


def test_binder_installs_the_environment_runs_postbuild_and_opens_notebook_01(repository: Path) -> None:
    assert binder_problems(repository) == []


def remove_post_build(repo: Path) -> None:
    (repo / "postBuild").unlink()


def post_build_without_the_install(repo: Path) -> None:
    (repo / "postBuild").write_text("#!/usr/bin/env bash\necho nothing installed\n")


def remove_environment_yml(repo: Path) -> None:
    (repo / "environment.yml").unlink()


def untested_python(repo: Path) -> None:
    path = repo / "environment.yml"
    path.write_text(re.sub(r"python=3\.\d+", "python=3.10", path.read_text()))


def badge_to_a_missing_notebook(repo: Path) -> None:
    path = repo / "README.md"
    badge = re.compile(r"urlpath=lab/tree/notebooks/\S+?\.ipynb")
    path.write_text(badge.sub("urlpath=lab/tree/notebooks/00.ipynb", path.read_text()))


def badge_to_the_classic_tree(repo: Path) -> None:
    path = repo / "README.md"
    path.write_text(path.read_text().replace("urlpath=lab/tree/", "urlpath=tree/"))


def drop_jupyterlab(repo: Path) -> None:
    path = repo / "environment.yml"
    path.write_text(re.sub(r"^ +- jupyterlab==.*\n", "", path.read_text(), flags=re.MULTILINE))


FAULTS = [
    (remove_post_build, "postBuild after copying"),
    (post_build_without_the_install, "postBuild does not install"),
    (remove_environment_yml, "does not install environment.yml"),
    (untested_python, "Python (3.10)"),
    (badge_to_a_missing_notebook, "opens lab/tree/notebooks/00.ipynb"),
    (badge_to_the_classic_tree, "opens tree/notebooks/"),
    (drop_jupyterlab, "does not pin jupyterlab"),
]


@pytest.mark.parametrize("fault, named", FAULTS, ids=[fault.__name__ for fault, _ in FAULTS])
def test_a_broken_binder_configuration_is_caught(repository: Path, tmp_path: Path, fault, named: str) -> None:
    broken = tmp_path / "repo"
    shutil.copytree(repository, broken)
    fault(broken)
    problems = binder_problems(broken)
    assert any(named in problem for problem in problems), problems
