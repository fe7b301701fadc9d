"""The Makefile finds a Python 3.11-3.13, says which, and repairs a half-made virtual environment.

scripts/python.sh does the finding and the making; the Makefile runs it. Most tests here hand it stand-in
Pythons: small shell scripts that answer the one question it asks of a Python (its version and path), on a
PATH of their own, so the result does not depend on which Pythons this machine has. The tests that make a
virtual environment use the Python running the tests, as a learner's machine would.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "python.sh"
SH = shutil.which("sh")
TOOLS = ["sh", "cat", "head", "ls", "rm"]  # what the script runs besides Python


def stand_in(folder: Path, name: str, version: str) -> Path:
    """An executable ``name`` in ``folder`` that answers like Python ``version`` (e.g. "3.12.4")."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    minor = ".".join(version.split(".")[:2])
    path.write_text(f'#!/bin/sh\necho "{minor} {version} {path}"\n')
    path.chmod(0o755)
    return path


def isolated(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An environment whose PATH has only the tools the script needs (and what tests add to tmp/bin)."""
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    for tool in TOOLS:
        if not (tools / tool).exists():
            (tools / tool).symlink_to(shutil.which(tool))
    keep = {k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL", "TMPDIR")}
    path = f"{tmp_path / 'bin'}:{tools}"
    return {**keep, "PATH": path, "HOME": str(tmp_path / "home"), "PYENV_ROOT": str(tmp_path / "pyenv"), **extra}


def script(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SH, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120)


def make(*args: str, **extra: str) -> subprocess.CompletedProcess:
    """``make`` in the repository, with no variables inherited from a calling make."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON")}
    env.update(extra)
    command = ["make", "--no-print-directory", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_python3_is_used_when_it_is_a_supported_version(tmp_path: Path) -> None:
    python3 = stand_in(tmp_path / "bin", "python3", "3.12.4")
    stand_in(tmp_path / "bin", "python3.13", "3.13.1")
    result = script(isolated(tmp_path), "status", str(tmp_path / "venv"))
    assert result.stdout == f"new Python 3.12.4 ({python3}) will make {tmp_path / 'venv'}: it does not exist\n"


def test_an_unsupported_python3_is_passed_over_for_the_newest_supported(tmp_path: Path) -> None:
    stand_in(tmp_path / "bin", "python3", "3.10.12")
    stand_in(tmp_path / "bin", "python3.11", "3.11.9")
    python312 = stand_in(tmp_path / "bin", "python3.12", "3.12.4")
    stand_in(tmp_path / "bin", "python3.14", "3.14.0")
    result = script(isolated(tmp_path), "status", str(tmp_path / "venv"))
    assert result.stdout.startswith(f"new Python 3.12.4 ({python312}) will make")


def test_pyenv_versions_are_found_when_their_shims_do_not_run(tmp_path: Path) -> None:
    stand_in(tmp_path / "bin", "python3", "3.14.0")
    shim = tmp_path / "bin" / "python3.13"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.13: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    installed = stand_in(tmp_path / "pyenv" / "versions" / "3.13.0" / "bin", "python3.13", "3.13.0")
    env = isolated(tmp_path)
    assert script(env, "status", str(tmp_path / "venv")).stdout.startswith(f"new Python 3.13.0 ({installed})")
    assert script(env, "all").stdout == f"3.13 {installed}\n"


def test_every_supported_python_is_listed_once(tmp_path: Path) -> None:
    python3 = stand_in(tmp_path / "bin", "python3", "3.11.2")
    stand_in(tmp_path / "bin", "python3.11", "3.11.2")
    python313 = stand_in(tmp_path / "bin", "python3.13", "3.13.0")
    stand_in(tmp_path / "bin", "python3.10", "3.10.0")
    assert script(isolated(tmp_path), "all").stdout == f"3.11 {python3}\n3.13 {python313}\n"


def test_no_supported_python_is_reported_with_what_to_install(tmp_path: Path) -> None:
    stand_in(tmp_path / "bin", "python3", "3.10.12")
    result = script(isolated(tmp_path), "venv", str(tmp_path / "venv"))
    assert result.returncode != 0
    assert "No Python 3.11, 3.12 or 3.13 found" in result.stderr and "apt install" in result.stderr
    assert "brew install" in result.stderr
    assert not (tmp_path / "venv").exists()


def test_an_unsupported_python_named_by_hand_is_refused(tmp_path: Path) -> None:
    old = stand_in(tmp_path / "bin", "python3.10", "3.10.12")
    result = make("venv", f"VENV={tmp_path / 'venv'}", f"PYTHON={old}")
    assert result.returncode != 0
    assert f"PYTHON={old} is Python 3.10; the series needs Python 3.11, 3.12 or 3.13." in result.stderr


def test_a_half_made_venv_is_made_again(tmp_path: Path) -> None:
    """A venv without pip, as `python3 -m venv` leaves one on Debian/Ubuntu without python3.X-venv."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = f"PYTHON={sys.executable}"
    first = make("-n", "lab", f"VENV={venv}", python).stdout.splitlines()[0]
    assert first.startswith("Python 3.") and f"will make {venv}: it has no pip (half-made" in first, first
    result = make("venv", f"VENV={venv}", python)
    assert result.returncode == 0, result.stderr
    assert f"{venv} is not usable, it has no pip" in result.stdout and f"Making {venv} with Python" in result.stdout
    subprocess.run([venv / "bin" / "python", "-c", "import pip"], check=True)
    first = make("-n", "lab", f"VENV={venv}", python).stdout.splitlines()[0]
    assert first == f"Python {platform.python_version()} in {venv}"  # the first line names the Python


def debian_python_without_venv(tmp_path: Path) -> Path:
    """A stand-in for Debian's python3.X without python3.X-venv: `-m venv` leaves a venv without pip, exits 1."""
    path = tmp_path / "bin" / "python3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
    "{sys.executable}" -m venv --without-pip "$3"
    echo "The virtual environment was not created successfully because ensurepip is not available."
    exit 1
fi
exec "{sys.executable}" "$@"
""")
    path.chmod(0o755)
    return path


def test_a_python_without_its_venv_package_gets_told_what_to_install(tmp_path: Path) -> None:
    python = debian_python_without_venv(tmp_path)
    venv = tmp_path / "venv"
    result = make("venv", f"VENV={venv}", f"PYTHON={python}")
    assert result.returncode != 0
    minor = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert f"sudo apt install python{minor}-venv" in result.stderr, result.stderr
    assert not venv.exists(), "the half-made venv was left behind"


def test_a_folder_that_is_not_a_venv_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me")
    result = make("venv", f"VENV={folder}", f"PYTHON={sys.executable}")
    assert result.returncode != 0 and "is not a virtual environment" in result.stderr
    assert (folder / "mine.txt").read_text() == "keep me"
