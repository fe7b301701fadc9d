"""Write environment.yml (for Binder and conda) from requirements.txt.

requirements.txt is the single source of truth for dependencies; this script
turns it into the conda file that Binder's builder reads, and
tests/test_environment.py fails when the committed file differs from what this
script writes. Run: ``python scripts/make_environment.py > environment.yml``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pins(requirements: Path = ROOT / "requirements.txt") -> list[str]:
    """The requirement lines, without comments or blank lines."""
    lines = (line.split("#")[0].strip() for line in requirements.read_text().splitlines())
    return [line for line in lines if line]


def environment_yml() -> str:
    """The text of environment.yml: Python 3.11 and pip, then every pin."""
    head = [
        "# Generated from requirements.txt by scripts/make_environment.py: edit that file instead.",
        "name: nn-from-scratch",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    return "\n".join(head + [f"      - {pin}" for pin in pins()]) + "\n"


if __name__ == "__main__":
    print(environment_yml(), end="")
