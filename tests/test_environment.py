"""The declared environment: requirements.txt is the source, environment.yml follows it."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_environment import environment_yml, pins  # noqa: E402


def test_every_requirement_is_pinned_exactly():
    for pin in pins():
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", pin), f"not an exact pin: {pin}"


def test_environment_yml_is_generated_from_requirements():
    committed = (ROOT / "environment.yml").read_text()
    assert committed == environment_yml(), "environment.yml drifted: run `make environment.yml`"


def test_environment_yml_pins_python_311():
    assert "  - python=3.11\n" in (ROOT / "environment.yml").read_text()


def test_installed_versions_match_the_pins():
    from importlib.metadata import version

    for pin in pins():
        name, wanted = pin.split("==")
        assert version(name) == wanted, f"{name} {version(name)} is installed, {wanted} is pinned"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", ci, re.MULTILINE)


def test_makefile_knows_the_two_commands():
    result = subprocess.run(["make", "-n", "test", "lab"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "pytest --nbval" in result.stdout and "jupyter lab" in result.stdout
