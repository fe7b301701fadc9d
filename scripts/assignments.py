"""The series as graded assignments: an nbgrader course folder made from the notebooks (`make assignments`).

For every chapter with exercises, build/course/source/<chapter>/<chapter>.ipynb is generated from
notebooks/<chapter>.ipynb (never edit it by hand: run `make assignments` again), then nbgrader's own
`generate_assignment` writes the student version to build/course/release/<chapter>/. In the source notebook:

- each exercise's stub cell is an autograded answer: the stub as the series shows it, then the solution between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``, which nbgrader cuts from the release (the region's stub is
  empty, so the release holds the series' stub, followed by one empty line);
- each exercise's check cell is a locked, graded test cell: the same check inside ``with grading():``, which
  raises when the verdict is not a ✓, so the cell scores its points only for a ✓;
- the solution cells (``<details><summary>Solution</summary>``) are left out;
- every other cell is a locked, read-only cell, with no stored output (nbgrader runs the notebook).

Points: POINTS says what each kind of exercise is worth; each notebook's header cell and README.md say it too.
Run with the Python of .venv-assignments, whose bin/ must be on PATH (nbgrader runs alembic from there).
"""

from __future__ import annotations

import ast
import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from scripts import exercise_cells
from scripts.exercise_cells import tags

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COURSE = ROOT / "build" / "course"

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
# A stub that only sets one name to None asks for a value (a prediction); any other stub asks for code.
POINTS = {"value": 1, "code": 2}
KINDS = {"value": "a value to give", "code": "code to write or correct"}

CONFIG = """\
# nbgrader's settings for this course folder, written by scripts/assignments.py (`make assignments`).
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "nn-from-scratch"
# Each exercise's stub stands before its solution region in the source, so the region's replacement is empty.
c.ClearSolutions.code_stub = {"python": ""}
# Some chapters train networks for minutes: a cell may run as long as under `make execute`.
c.Execute.timeout = 1200
"""


def exercises(cells) -> list[dict]:
    """Each exercise of a notebook (scripts/exercise_cells.py), refusing one without its check or solution."""
    found = exercise_cells.exercises(cells)
    for e in found:
        if not e["check_is_tagged"] or e["solution"] is None:
            raise ValueError(f"cell {e['stub']}: an exercise stub must be followed by its check and its solution")
    return found


def kind(stub: str) -> str:
    """ "value" when the stub is one assignment of None (the learner gives a value), else "code"."""
    body = ast.parse(stub).body
    one_none = len(body) == 1 and isinstance(body[0], ast.Assign) and isinstance(body[0].value, ast.Constant)
    return "value" if one_none and body[0].value.value is None else "code"


def _is_placeholder(line: str) -> bool:
    return line.strip() in ("", "...", "pass") or line.strip().startswith("#")


def _without_ellipsis(source: str) -> str:
    """The code's syntax tree with its `...` statements left out: the same for code that does the same."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if hasattr(node, "body") and isinstance(node.body, list):
            node.body = [
                s for s in node.body if not (isinstance(s, ast.Expr) and getattr(s.value, "value", None) is Ellipsis)
            ]
    return ast.dump(tree)


def answer_source(stub: str, solution: str) -> str:
    """The answer cell of the source: the series' stub, then the solution in a region nbgrader cuts from the release.

    Where the stub is the solution's first lines followed by placeholders only (`# your code here`, `...`), only
    the rest of the solution goes in the region, under the stub's lines; otherwise the whole solution does, after
    the whole stub (which it replaces when the cell runs). The region's markers stand at column 0, so that the
    release holds the stub followed by one empty line.
    """
    stub_lines, solution_lines = stub.rstrip("\n").split("\n"), solution.rstrip("\n").split("\n")
    shared = 0
    while shared < min(len(stub_lines), len(solution_lines)) and stub_lines[shared] == solution_lines[shared]:
        shared += 1
    rest = solution_lines[shared:]
    if all(_is_placeholder(line) for line in stub_lines[shared:]) and rest:
        cell = "\n".join([*stub_lines, BEGIN, *rest, END])
        if _without_ellipsis(cell) == _without_ellipsis(solution):
            return cell
    return "\n".join([*stub_lines, BEGIN, *solution_lines, END])


def released(source: str) -> str:
    """What nbgrader's ClearSolutions makes of an answer cell with an empty code stub (as configured in CONFIG)."""
    lines = source.split("\n")
    begin, end = lines.index(BEGIN), lines.index(END)
    return "\n".join([*lines[:begin], "", *lines[end + 1 :]])


def nbgrader_metadata(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "solution": solution, "locked": locked, "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    return meta


def graded_check(call: str, points: int, kind_: str) -> str:
    return (
        f"# Graded ({KINDS[kind_]}): {points} point{'s' if points > 1 else ''} when this check says ✓, else 0.\n"
        "from helpers.exercises import grading\n\n"
        f"with grading():\n    {call}"
    )


def header(kinds: list[str]) -> str:
    total = sum(POINTS[k] for k in kinds)
    rule = ", ".join(f"{POINTS[k]} point{'s' if POINTS[k] > 1 else ''} for {KINDS[k]}" for k in POINTS)
    return (
        f"**This notebook is a graded assignment:** {len(kinds)} exercises, {total} points in all ({rule}; "
        "a value to give is a cell that only sets one name to `None`).\n\n"
        "Write your answer in the cell under each exercise's prompt. The cell after it is graded: it runs the "
        "exercise's check, which prints its verdict as in the series, and scores the exercise's points when the "
        "verdict is a ✓, 0 when it is a ✗ or *Not attempted yet*. The other cells are read-only. This version has "
        "no solutions: where the text speaks of a solution folded away below a check, there is none here."
    )


# Code that reads a file by a path relative to notebooks/ ("../data/..."), as the series' notebooks do.
RELATIVE_PATH = re.compile(r"""["']\.\./""")
WORK_FROM_NOTEBOOKS = (
    "# This notebook reads files by paths relative to the series' notebooks/ folder (../data/...): work from there,\n"
    "# wherever this copy of the notebook is (the series is where helpers comes from).\n"
    "import os\n"
    "from pathlib import Path\n\n"
    "import helpers\n\n"
    'os.chdir(Path(helpers.__file__).resolve().parent.parent / "notebooks")'
)


def source_notebook(path: Path) -> nbformat.NotebookNode:
    """The nbgrader source version of one of the series' notebooks (see the module's docstring)."""
    nb = nbformat.read(path, as_version=4)
    found = exercises(nb.cells)
    if not found:
        raise ValueError(f"{path.name} has no exercises")
    by_stub = {e["stub"]: e for e in found}
    by_check = {e["check"]: e for e in found}
    dropped = {e["solution_cell"] for e in found}
    kinds = [kind(nb.cells[e["stub"]].source) for e in found]
    kind_of = {e["stub"]: k for e, k in zip(found, kinds)}
    cells = []
    for i, original in enumerate(nb.cells):
        if i in dropped:
            continue
        cell = copy.deepcopy(original)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if i in by_stub:
            e = by_stub[i]
            cell.source = answer_source(cell.source, e["solution"])
            cell.metadata["nbgrader"] = nbgrader_metadata(f"answer-{e['name']}", solution=True)
        elif i in by_check:
            e = by_check[i]
            points = POINTS[kind_of[e["stub"]]]
            cell.source = graded_check(e["call"], points, kind_of[e["stub"]])
            cell.metadata["nbgrader"] = nbgrader_metadata(f"check-{e['name']}", grade=True, locked=True, points=points)
        else:
            cell.metadata["nbgrader"] = nbgrader_metadata(f"cell-{cell.id}", locked=True)
        cells.append(cell)
        if i == 0:
            note = nbformat.v4.new_markdown_cell(header(kinds), id="assignment-header")
            note.metadata["nbgrader"] = nbgrader_metadata("assignment-header", locked=True)
            cells.append(note)
        if "colab-setup" in tags(original) and any(
            c.cell_type == "code" and RELATIVE_PATH.search(c.source) for c in nb.cells
        ):
            setup = nbformat.v4.new_code_cell(WORK_FROM_NOTEBOOKS, id="assignment-work-from-notebooks")
            setup.metadata["nbgrader"] = nbgrader_metadata("assignment-work-from-notebooks", locked=True)
            cells.append(setup)
    names = [c.metadata["nbgrader"]["grade_id"] for c in cells]
    if len(set(names)) != len(names):
        raise ValueError(f"{path.name}: two cells would get the same grade_id")
    nb.cells = cells
    return nb


def chapters() -> list[Path]:
    """The series' notebooks that have exercises (A1, the appendix, has none)."""
    found = []
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        if exercises(json_cells(path)):
            found.append(path)
    return found


def json_cells(path: Path) -> list:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        cell["source"] = "".join(cell["source"])
    return cells


def nbgrader(course: Path, *args: str) -> None:
    """Run nbgrader in the course folder, with this Python's bin/ first on PATH (nbgrader runs alembic from it)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, check=True)


def write_source(course: Path, notebooks: list[Path]) -> None:
    """nbgrader_config.py and source/<chapter>/<chapter>.ipynb for each notebook, in place of any earlier ones."""
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    for step in ("source", "release"):
        shutil.rmtree(course / step, ignore_errors=True)
    for path in notebooks:
        folder = course / "source" / path.stem
        folder.mkdir(parents=True)
        nbformat.write(source_notebook(path), folder / path.name)


def solution_lines(path: Path) -> list[str]:
    """The lines of the notebook's solutions found nowhere else in it (stripped): none may be in the release."""
    cells = json_cells(path)
    found = exercises(cells)
    hidden = {e["solution_cell"] for e in found}
    shown = {line.strip() for i, cell in enumerate(cells) if i not in hidden for line in cell["source"].split("\n")}
    return [line.strip() for e in found for line in e["solution"].split("\n") if line.strip() not in shown]


def check_release(course: Path, path: Path) -> None:
    """Fail unless the release of `path` holds no line of its solutions and each answer cell is the series' stub."""
    release = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
    text = "\n".join(cell.source for cell in release.cells)
    lines = {line.strip() for line in text.split("\n")}
    leaked = [line for line in solution_lines(path) if line in lines]
    if leaked or BEGIN in text or END in text:
        raise SystemExit(f"{path.name}: the release holds solution text: {leaked[:3]}")
    stubs = [json_cells(path)[e["stub"]]["source"] for e in exercises(json_cells(path))]
    answers = [cell.source for cell in release.cells if cell.metadata.get("nbgrader", {}).get("solution")]
    if answers != [stub + "\n" for stub in stubs]:
        raise SystemExit(f"{path.name}: the release's answer cells are not the series' stubs")


def build(course: Path = COURSE, notebooks: list[Path] | None = None) -> None:
    notebooks = chapters() if notebooks is None else notebooks
    write_source(course, notebooks)
    nbgrader(course, "generate_assignment", "*", "--force")  # every assignment in source/, in one run
    for path in notebooks:
        check_release(course, path)
    print(f"{len(notebooks)} assignments: sources in {course / 'source'}, student versions in {course / 'release'}")


if __name__ == "__main__":
    build()
