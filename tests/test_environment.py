"""The declared environment: requirements.txt is the source, environment.yml follows it, one range of Pythons."""

import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement

from scripts.make_environment import PYTHON, environment_yml, pins, supported_pythons

ROOT = Path(__file__).resolve().parent.parent

REQUIREMENT_FILES = ["requirements.txt", "requirements-test.txt"]


def test_every_requirement_is_pinned_exactly():
    for name in REQUIREMENT_FILES:
        for pin in pins(ROOT / name):
            requirement = Requirement(pin)
            specifiers = list(requirement.specifier)
            assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{name}: not an exact pin: {pin}"
            assert "*" not in specifiers[0].version, f"{name}: not an exact pin: {pin}"


def test_environment_yml_is_generated_from_requirements():
    committed = (ROOT / "environment.yml").read_text()
    assert committed == environment_yml(), "environment.yml drifted: run `make environment.yml`"


def test_environment_yml_gives_conda_every_pin_with_its_markers():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    dependencies = environment["dependencies"]
    assert f"python={PYTHON}" in dependencies and "pip" in dependencies
    (pip,) = [d["pip"] for d in dependencies if isinstance(d, dict)]
    assert pip == pins(), "environment.yml's pip section differs from requirements.txt"
    assert any(";" in line for line in pip), "the TensorFlow pins lost their environment markers"


def test_environment_python_is_one_every_test_runs_under():
    assert PYTHON in supported_pythons()


def test_each_system_gets_exactly_one_tensorflow_build():
    tensorflow = [Requirement(pin) for pin in pins() if Requirement(pin).name in ("tensorflow", "tensorflow-cpu")]
    assert {r.name for r in tensorflow} == {"tensorflow", "tensorflow-cpu"}
    assert len({str(r.specifier) for r in tensorflow}) == 1, "the two builds must be the same version"
    systems = {  # (sys_platform, platform_machine) as Python reports them -> the build with a wheel there
        ("linux", "x86_64"): "tensorflow-cpu",
        ("win32", "AMD64"): "tensorflow-cpu",
        ("darwin", "arm64"): "tensorflow",
        ("linux", "aarch64"): "tensorflow",
    }
    for (platform, machine), wanted in systems.items():
        system = {"sys_platform": platform, "platform_machine": machine}
        chosen = [r.name for r in tensorflow if r.marker.evaluate(system)]
        assert chosen == [wanted], f"{platform} {machine}: {chosen}"


def test_installed_versions_match_the_pins():
    for name in REQUIREMENT_FILES:
        for pin in pins(ROOT / name):
            requirement = Requirement(pin)
            if requirement.marker and not requirement.marker.evaluate():
                continue
            (wanted,) = [s.version for s in requirement.specifier]
            try:
                installed = version(requirement.name)
            except PackageNotFoundError:
                installed = None
            assert installed == wanted, f"{requirement.name} {installed} is installed, {wanted} is pinned ({name})"


def test_a_marker_that_does_not_apply_is_recognised():
    assert not Marker('sys_platform == "no-such-system"').evaluate()  # so the loop above can skip a pin


def test_python_versions_agree_everywhere():
    """pyproject's requires-python, ruff's target, the Makefile's search and this Python agree."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    versions = supported_pythons()
    assert versions == ["3.11", "3.12", "3.13"]
    assert pyproject["tool"]["ruff"]["target-version"] == "py" + versions[0].replace(".", "")
    script = (ROOT / "scripts" / "python.sh").read_text()
    assert re.search(r'^VERSIONS="([\d. ]+)"', script, re.MULTILINE).group(1).split() == versions
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in versions


def test_ci_runs_the_readme_test_command_under_every_python():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", ci, re.MULTILINE)
    assert re.search(r"^make test-other-pythons$", ci, re.MULTILINE)


def test_makefile_knows_the_two_commands():
    result = subprocess.run(["make", "-n", "test", "lab"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "pytest --nbval" in result.stdout and "jupyter lab" in result.stdout


def test_make_names_its_python_first():
    result = subprocess.run(["make", "--no-print-directory", "-n", "lab"], cwd=ROOT, capture_output=True, text=True)
    first = result.stdout.splitlines()[0]
    assert re.fullmatch(r"Python 3\.1[1-3]\.\d+\S* in \.venv\S*", first), first
