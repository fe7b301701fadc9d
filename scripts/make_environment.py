"""Write environment.yml (for Binder and conda) from requirements.txt.

requirements.txt is the single source of truth for dependencies; this script
turns it into the conda file that Binder's builder reads, and
tests/test_environment.py fails when the committed file differs from what this
script writes. Run: ``python scripts/make_environment.py > environment.yml``.

The pins keep their environment markers (``; sys_platform == ...``): conda hands the pip section to pip,
which picks the TensorFlow build for the machine, as it does from requirements.txt.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The Python that Binder and conda users get: one of those every test runs under (3.11, 3.12, 3.13).
PYTHON = "3.11"


def pins(requirements: Path = ROOT / "requirements.txt") -> list[str]:
    """The requirement lines, without comments or blank lines."""
    lines = (line.split("#")[0].strip() for line in requirements.read_text().splitlines())
    return [line for line in lines if line]


def supported_pythons(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The Python versions requires-python admits, oldest first: ">=3.11,<3.14" gives 3.11, 3.12, 3.13."""
    spec = tomllib.loads(pyproject.read_text())["project"]["requires-python"]
    low, high = re.fullmatch(r">=\s*3\.(\d+)\s*,\s*<\s*3\.(\d+)", spec).groups()
    return [f"3.{minor}" for minor in range(int(low), int(high))]


def environment_yml() -> str:
    """The text of environment.yml: Python and pip, then every pin."""
    if PYTHON not in supported_pythons():
        raise ValueError(f"environment.yml's Python {PYTHON} is not one pyproject.toml admits")
    head = [
        "# Generated from requirements.txt by scripts/make_environment.py: edit that file instead.",
        "name: nn-from-scratch",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python={PYTHON}",
        "  - pip",
        "  - pip:",
    ]
    return "\n".join(head + [f"      - {pin}" for pin in pins()]) + "\n"


if __name__ == "__main__":
    print(environment_yml(), end="")
