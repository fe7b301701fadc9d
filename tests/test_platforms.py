"""The pins install on every system the README names, under every Python the series supports.

uv (pinned in requirements-test.txt) resolves requirements.txt and requirements-test.txt, as `make test`
installs them, for a target system and Python without being on it (``uv pip compile --python-platform
--python-version``), and fails when a pinned package has no wheel for the target: with
``--only-binary :all:`` nothing may be built from source. The tests ask for a complete set of wheels on
macOS (Apple silicon), Linux aarch64, Linux x86-64 and Windows, under Python 3.11, 3.12 and 3.13, and the
same version of every package in all twelve, the TensorFlow build (tensorflow or tensorflow-cpu) being
the one difference the markers make. Resolving reads PyPI: without it these tests fail; they never skip.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from scripts.make_environment import pins, supported_pythons

ROOT = Path(__file__).resolve().parent.parent

UV = Path(sys.executable).parent / "uv"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-test.txt"]
# System -> (uv's name for it, the TensorFlow build that has a wheel there).
SYSTEMS = {
    "macos-arm64": ("aarch64-apple-darwin", "tensorflow"),
    "linux-aarch64": ("aarch64-unknown-linux-gnu", "tensorflow"),
    "linux-x86_64": ("x86_64-unknown-linux-gnu", "tensorflow-cpu"),
    "windows-x86_64": ("x86_64-pc-windows-msvc", "tensorflow-cpu"),
}
TENSORFLOW_BUILDS = {"tensorflow", "tensorflow-cpu"}
TARGETS = [(system, python) for python in supported_pythons() for system in SYSTEMS]


class Unresolvable(Exception):
    """uv found no complete set of wheels; the message is uv's explanation."""


def resolve(requirements: list[Path], system: str, python: str) -> dict[str, str]:
    """Package -> version that uv picks for ``system`` (a SYSTEMS key) and ``python`` ("3.12")."""
    target = ["--python-platform", SYSTEMS[system][0], "--python-version", python]
    # Wheels only; no uv.toml, and no download of a Python for uv's own use (nothing is built).
    options = ["--only-binary", ":all:", "--no-config", "--no-python-downloads"]
    options += ["--quiet", "--no-header", "--no-annotate"]
    command = [str(UV), "pip", "compile", *options, *target, *map(str, requirements)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise Unresolvable(result.stderr.strip() or f"uv exited with {result.returncode}")
    resolved = {}
    for line in result.stdout.splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, pinned = line.split(";")[0].strip().split("==")
            resolved[canonicalize_name(name)] = pinned
    return resolved


def disagreements(resolutions: dict[tuple[str, str], dict[str, str]]) -> list[str]:
    """One message per package that two resolutions give different versions, and per wrong TensorFlow build."""
    problems = []
    versions: dict[str, dict[str, list[str]]] = {}
    for (system, python), resolved in resolutions.items():
        builds = sorted(TENSORFLOW_BUILDS & set(resolved))
        if builds != [SYSTEMS[system][1]]:
            problems.append(f"{system} Python {python}: TensorFlow builds {builds}, wanted {SYSTEMS[system][1]}")
        for name, pinned in resolved.items():
            name = "tensorflow (either build)" if name in TENSORFLOW_BUILDS else name
            versions.setdefault(name, {}).setdefault(pinned, []).append(f"{system}/{python}")
    for name, seen in sorted(versions.items()):
        if len(seen) > 1:
            problems.append(f"{name}: " + "; ".join(f"{v} on {', '.join(where)}" for v, where in sorted(seen.items())))
    return problems


@pytest.fixture(scope="module")
def resolutions() -> dict[tuple[str, str], dict[str, str] | Unresolvable]:
    """Every (system, Python) resolved at once, four at a time (uv mostly waits for PyPI)."""

    def attempt(target: tuple[str, str]) -> dict[str, str] | Unresolvable:
        try:
            return resolve(REQUIREMENTS, *target)
        except Unresolvable as error:
            return error

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(TARGETS, pool.map(attempt, TARGETS)))


def test_uv_is_the_pinned_one():
    assert UV.exists(), f"no uv at {UV}: `make test` installs requirements-test.txt"
    (pin,) = [Requirement(p) for p in pins(ROOT / "requirements-test.txt") if Requirement(p).name == "uv"]
    assert pin.specifier.contains(version("uv"))


def test_every_supported_python_and_system_is_resolved():
    assert supported_pythons() == ["3.11", "3.12", "3.13"]
    assert len(TARGETS) == 12


@pytest.mark.parametrize("system, python", TARGETS, ids=[f"{s}-py{p}" for s, p in TARGETS])
def test_every_pin_has_a_wheel(resolutions, system: str, python: str) -> None:
    resolved = resolutions[(system, python)]
    assert not isinstance(resolved, Unresolvable), f"{system}, Python {python}: no complete set of wheels:\n{resolved}"
    for pin in pins(ROOT / "requirements.txt"):
        requirement = Requirement(pin)
        name = canonicalize_name(requirement.name)
        if name not in TENSORFLOW_BUILDS:
            assert requirement.specifier.contains(resolved[name]), f"{name} {resolved[name]} is not {pin}"


def test_every_system_and_python_gets_the_same_versions(resolutions) -> None:
    resolved = {target: r for target, r in resolutions.items() if not isinstance(r, Unresolvable)}
    assert len(resolved) == len(TARGETS), "some targets did not resolve (see test_every_pin_has_a_wheel)"
    problems = disagreements(resolved)
    assert not problems, "the resolutions differ:\n" + "\n".join(problems)


def test_disagreements_are_reported() -> None:
    agreeing = {
        ("linux-x86_64", "3.11"): {"numpy": "2.4.6", "tensorflow-cpu": "2.21.0", "pexpect": "4.9.0"},
        ("macos-arm64", "3.13"): {"numpy": "2.4.6", "tensorflow": "2.21.0", "appnope": "1.0.0"},
    }
    assert disagreements(agreeing) == []  # a package found on one system only is no disagreement
    older = {**agreeing, ("linux-aarch64", "3.12"): {"numpy": "2.4.5", "tensorflow": "2.21.0"}}
    assert disagreements(older) == ["numpy: 2.4.5 on linux-aarch64/3.12; 2.4.6 on linux-x86_64/3.11, macos-arm64/3.13"]
    wrong_build = {("windows-x86_64", "3.12"): {"tensorflow": "2.21.0"}}
    wanted = "windows-x86_64 Python 3.12: TensorFlow builds ['tensorflow'], wanted tensorflow-cpu"
    assert disagreements(wrong_build) == [wanted]


def test_a_pin_without_a_wheel_for_the_system_fails(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("tensorflow-cpu==2.21.0\n")  # no marker: PyPI has no macOS build of tensorflow-cpu
    assert resolve([requirements], "linux-x86_64", "3.12")["tensorflow-cpu"] == "2.21.0"
    with pytest.raises(Unresolvable, match="tensorflow-cpu"):
        resolve([requirements], "macos-arm64", "3.12")


def test_a_pin_without_a_wheel_for_the_python_fails(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("numpy==1.26.4\n")  # wheels up to Python 3.12; 3.13 would build it from source
    assert resolve([requirements], "linux-x86_64", "3.12") == {"numpy": "1.26.4"}
    with pytest.raises(Unresolvable, match="numpy"):
        resolve([requirements], "linux-x86_64", "3.13")
