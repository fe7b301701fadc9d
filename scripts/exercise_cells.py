"""Where a notebook's exercises stand: each one's stub, check and solution cells.

An exercise is a code cell tagged ``exercise`` (the stub), the next code cell tagged ``exercise-check`` (one call
to a checking function of helpers.exercises), and after it a markdown cell holding the solution in a collapsed
``<details><summary>Solution</summary>`` block with one python fence. The series' tests and `make assignments`
(scripts/assignments.py) both read the exercises through ``exercises``.
"""

from __future__ import annotations

import re

# The solution: the first python fence inside <details>; an explanation may follow the fence.
SOLUTION = re.compile(r"<details><summary>Solution</summary>\s*```python\n(.*?)```.*?</details>", re.DOTALL)


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def text(cell) -> str:
    """A cell's source as one string (a notebook file may store it as a list of lines)."""
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def exercises(cells) -> list[dict]:
    """Each exercise: the indices of its stub, check and solution cells, the check's call, the solution's code.

    ``check_is_tagged`` is False when the code cell after a stub is not tagged ``exercise-check``; ``solution``
    and ``name`` (the check's, ``check_<name>(...)``) are None when they are missing.
    """
    found = []
    for i, cell in enumerate(cells):
        if "exercise" not in tags(cell):
            continue
        check = next(j for j in range(i + 1, len(cells)) if cells[j]["cell_type"] == "code")
        solution = next(j for j in range(check + 1, len(cells)) if cells[j]["cell_type"] == "markdown")
        match = SOLUTION.search(text(cells[solution]))
        call = text(cells[check]).strip()
        name = re.search(r"check_(\w+)\(", call)
        found.append(
            {
                "stub": i,
                "check": check,
                "solution_cell": solution,
                "check_is_tagged": "exercise-check" in tags(cells[check]),
                "call": call,
                "solution": match.group(1).rstrip("\n") if match else None,
                "name": name.group(1) if name else None,
            }
        )
    return found
