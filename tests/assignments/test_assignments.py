"""`make assignments`: the nbgrader course made from the series grades what it should (`make assignments-test`).

Runs in .venv-assignments (nbgrader is not in .venv). The fast tests read the source notebooks that
scripts/assignments.py makes; the end-to-end test builds a course in a temporary folder with nbgrader's own
generate_assignment (every chapter), then autogrades three students on the two fastest chapters to run (01 and
02): one with every solution (full marks), one who handed the release back untouched (0) and one with all
solutions but a typical wrong answer from tests/exercise_mistakes/ (the total less that exercise's points).
"""

from __future__ import annotations

import ast
import csv
import inspect
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from scripts import assignments

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = assignments.chapters()
GRADED = ["01_data", "02_math"]  # the two chapters that execute fastest


def series_exercises(path: Path) -> tuple[list, list[dict]]:
    cells = assignments.json_cells(path)
    return cells, assignments.exercises(cells)


def nbgrader_cells(nb, key: str) -> list:
    return [cell for cell in nb.cells if cell.metadata.get("nbgrader", {}).get(key)]


def test_every_notebook_with_exercises_is_a_chapter_and_a1_is_not():
    named = {path.stem for path in CHAPTERS}
    with_exercises = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb") if series_exercises(p)[1]}
    assert named == with_exercises and "A1_equation_checker" not in named and len(named) >= 8, named


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_a_source_notebook_has_one_answer_and_one_graded_check_per_exercise(path):
    cells, found = series_exercises(path)
    nb = assignments.source_notebook(path)
    answers, checks = nbgrader_cells(nb, "solution"), nbgrader_cells(nb, "grade")
    assert len(answers) == len(checks) == len(found)
    for e, answer, check in zip(found, answers, checks):
        stub = cells[e["stub"]]["source"]
        # nbgrader's release shows the series' stub; the source runs the solution: the whole of it after the whole
        # stub, or the rest of it after the lines it shares with the stub and the stub's placeholders (`...`).
        assert assignments.released(answer.source) == stub + "\n"
        lines = answer.source.split("\n")
        region = "\n".join(lines[lines.index(assignments.BEGIN) + 1 : lines.index(assignments.END)])
        run = answer.source.replace(assignments.BEGIN + "\n", "").replace("\n" + assignments.END, "")
        same_code = assignments._without_ellipsis(run) == assignments._without_ellipsis(e["solution"])
        assert region == e["solution"] or same_code, answer.source
        assert check.metadata["nbgrader"]["locked"] and check.metadata["nbgrader"]["points"] in (1, 2)
        assert check.source.endswith(f"with grading():\n    {e['call']}")
    solutions = [c for c in nb.cells if "<summary>Solution</summary>" in c.source]
    assert not solutions, "the solution cells are left out"
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "no stored outputs in source"
    teaching = [c for c in nb.cells if c not in answers and c not in checks]
    assert all(c.metadata["nbgrader"]["locked"] for c in teaching), "every other cell is read-only"
    assert len(nb.cells) == len(cells) - len(found) + sum(c.id.startswith("assignment-") for c in nb.cells)


def test_points_follow_the_stated_rule():
    """1 point for a value to give (a stub that sets a name to None), 2 for code to write or correct."""
    assert assignments.kind("my_prediction = None  # your number here") == "value"
    assert assignments.kind("def relu_prime(z):\n    # your code here\n    ...") == "code"
    assert assignments.kind("W = None\nb = None") == "code"
    assert assignments.POINTS == {"value": 1, "code": 2}


# End to end, with nbgrader ---------------------------------------------------------------------------------------


def answer_names(cell_source: str) -> list[str]:
    return [n.name for n in ast.parse(cell_source).body if isinstance(n, ast.FunctionDef)]


def typical_wrong_answer(chapter: str, found: list[dict], cells: list) -> tuple[int, str]:
    """The first exercise of the chapter that has typical wrong answers, and the first of them as its cell's code."""
    sys.path.insert(0, str(ROOT / "tests"))
    from exercise_mistakes import MISTAKES

    module = "ch" + chapter[:2]
    for index, e in enumerate(found):
        key = f"{module}.check_{e['name']}"
        if key in MISTAKES:
            wrong = MISTAKES[key][0][0]
            lines = inspect.getsource(wrong).split("\n")
            code = "\n".join(lines[next(i for i, line in enumerate(lines) if line.startswith("def ")) :])
            (name,) = answer_names(cells[e["stub"]]["source"])
            return index, code.replace(f"def {wrong.__name__}(", f"def {name}(", 1)
    raise AssertionError(f"{chapter} has no typical wrong answer in tests/exercise_mistakes")


def submit(course: Path, student: str, chapter: str, answers: dict[int, str]) -> None:
    """The release notebook with the answer cells given (by exercise number) filled in, as `student` hands it in."""
    nb = nbformat.read(course / "release" / chapter / f"{chapter}.ipynb", as_version=4)
    for index, cell in enumerate(nbgrader_cells(nb, "solution")):
        if index in answers:
            cell.source = answers[index]
    folder = course / "submitted" / student / chapter
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{chapter}.ipynb")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("assignments") / "course"
    assignments.build(course)  # every chapter: generate_assignment executes nothing
    expected = {}
    for chapter in GRADED:
        cells, found = series_exercises(ROOT / "notebooks" / f"{chapter}.ipynb")
        points = [
            c.metadata["nbgrader"]["points"]
            for c in nbgrader_cells(assignments.source_notebook(ROOT / "notebooks" / f"{chapter}.ipynb"), "grade")
        ]
        solutions = {i: e["solution"] for i, e in enumerate(found)}
        wrong, code = typical_wrong_answer(chapter, found, cells)
        submit(course, "complete", chapter, solutions)
        submit(course, "untouched", chapter, {})
        submit(course, "one-wrong", chapter, {**solutions, wrong: code})
        expected[chapter] = {"complete": sum(points), "untouched": 0, "one-wrong": sum(points) - points[wrong]}
        expected[chapter]["max"] = sum(points)
        expected[chapter]["wrong"] = found[wrong]["name"]
    assignments.nbgrader(course, "autograde", "*")  # every student, every chapter submitted
    assignments.nbgrader(course, "export")  # grades.csv, one row per student and assignment
    return course, expected


def test_nbgrader_scores_full_marks_zero_and_the_total_less_one_wrong_exercise(course):
    course, expected = course
    with open(course / "grades.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    scores = {(row["assignment"], row["student_id"]): (float(row["score"]), float(row["max_score"])) for row in rows}
    for chapter in GRADED:
        for student in ("complete", "untouched", "one-wrong"):
            assert scores[chapter, student] == (expected[chapter][student], expected[chapter]["max"]), (
                chapter,
                student,
            )


def test_the_graded_cell_of_the_wrong_answer_shows_the_checks_verdict(course):
    course, expected = course
    for chapter in GRADED:
        nb = json.loads((course / "autograded" / "one-wrong" / chapter / f"{chapter}.ipynb").read_text())
        grade_id = f"check-{expected[chapter]['wrong']}"
        (cell,) = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id]
        text = "".join("".join(o.get("text", "")) for o in cell["outputs"])
        assert text.startswith("✗"), text
        assert any(o.get("ename") == "NotPassed" for o in cell["outputs"]), cell["outputs"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_the_release_holds_the_series_stubs_and_no_solution_text(course, path):
    course, _ = course
    cells, found = series_exercises(path)
    release = nbformat.read(course / "release" / path.stem / path.name, as_version=4)
    stubs = [cell.source for cell in nbgrader_cells(release, "solution")]
    assert stubs == [cells[e["stub"]]["source"] + "\n" for e in found]
    shown = {
        line.strip()
        for i, cell in enumerate(cells)
        if "<summary>Solution</summary>" not in cell["source"]
        for line in cell["source"].split("\n")
    }
    secret = {line.strip() for e in found for line in e["solution"].split("\n")} - shown
    assert secret, f"{path.name}: the solutions have lines of their own"
    released = {line.strip() for cell in release.cells for line in cell.source.split("\n")}
    assert not secret & released, sorted(secret & released)[:3]
    assert "BEGIN SOLUTION" not in "\n".join(cell.source for cell in release.cells)


def test_a_chapter_that_reads_files_relative_to_notebooks_works_from_any_folder(tmp_path):
    """04 reads ../data/results/...: its generated notebook first moves to the series' notebooks/ folder."""
    nb = assignments.source_notebook(ROOT / "notebooks" / "04_scratch.ipynb")
    (setup,) = [cell for cell in nb.cells if cell.id == "assignment-work-from-notebooks"]
    assert [c.id for c in nb.cells].index(setup.id) == 1 + next(
        i for i, c in enumerate(nb.cells) if "colab-setup" in c.metadata.get("tags", [])
    )
    code = setup.source + "\nprint(os.getcwd())"
    where = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()) == ROOT / "notebooks"
    assert (ROOT / "notebooks" / "../data/results/dead_relu_seeds.csv").is_file()
    plain = assignments.source_notebook(ROOT / "notebooks" / "01_data.ipynb")
    assert "assignment-work-from-notebooks" not in [c.id for c in plain.cells], "01 reads no file by such a path"
