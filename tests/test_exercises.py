"""The exercises of every chapter: stubs say "not attempted yet", solutions pass, mistakes get named.

What an exercise is, cell by cell, is said (and read) in scripts/exercise_cells.py.
Typical wrong answers for each write-it exercise live in tests/exercise_mistakes/, one module per chapter, as functions.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import pkgutil
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from exercise_mistakes import MISTAKES
from nbclient import NotebookClient

import helpers.exercises
from helpers.exercises import Mistake, Wrong, diagnose, same
from scripts import exercise_cells

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def exercises(notebook: Path) -> list[dict]:
    """Each exercise of a notebook (scripts/exercise_cells.py), with the notebook's name."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [{"notebook": notebook.name, **e} for e in exercise_cells.exercises(cells)]


ALL = [e for notebook in NOTEBOOKS for e in exercises(notebook)]


def output_text(cell) -> str:
    return "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def test_every_chapter_has_at_least_two_exercises_and_the_series_at_least_twenty():
    per_notebook = {nb.name: len(exercises(nb)) for nb in NOTEBOOKS}
    assert all(count >= 2 for count in per_notebook.values()), per_notebook
    assert sum(per_notebook.values()) >= 20, per_notebook


@pytest.mark.parametrize("e", ALL, ids=[f"{e['notebook']}:{e['stub']}" for e in ALL])
def test_each_exercise_has_the_series_shape(e):
    assert e["check_is_tagged"], "the cell after a stub must be its check, tagged exercise-check"
    assert e["solution"], "the markdown after the check must hold a <details> solution with a python fence"
    assert re.fullmatch(r"(\w+\.)?check_\w+\([^()]*\)", e["call"]), "a check cell is one call to a check"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_the_shipped_stubs_say_not_attempted_yet(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for e in exercises(notebook):
        text = output_text(cells[e["check"]])
        assert text.startswith("Not attempted yet:"), f"cell {e['check']} of {notebook.name} stores {text!r}"


# Mutants tried per write-it exercise by the attack test, spread evenly over all its mutants (tests/attacks.py).
ATTACKS_PER_EXERCISE = 40


def stub_name(cells, e) -> str | None:
    """The function or class a write-it exercise asks for; None for a value to predict."""
    match = re.match(r"\s*(?:def|class)\s+(\w+)", "".join(cells[e["stub"]]["source"]))
    return match.group(1) if match else None


@functools.cache
def solved(notebook: Path) -> tuple[list, dict]:
    """The notebook run once with every solution in place of its stub: its cells, and the attacks on its checks.

    After the last cell, the same kernel attacks each write-it exercise's check with wrong answers made from its
    solution (tests/attacks.py): {check call: [(what changed, verdict), ...]}, for tests/test_exercise_attacks.py.
    One run serves both tests, so each notebook is executed here once.
    """
    found = exercises(notebook)
    nb = nbformat.read(notebook, as_version=4)
    jobs = [(e["solution"], stub_name(nb.cells, e), e["call"]) for e in found if stub_name(nb.cells, e)]
    for e in found:
        nb.cells[e["stub"]].source = e["solution"]
    nb.cells.append(nbformat.v4.new_code_cell(
        "import json as _json, sys as _sys\n"
        f"_sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
        "import attacks as _attacks\n"
        f"_results = {{call: _attacks.attack(solution, name, call, globals(), {ATTACKS_PER_EXERCISE})\n"
        f"            for solution, name, call in {jobs!r}}}\n"
        "print('ATTACKS' + _json.dumps(_results))"))
    where = {"metadata": {"path": str(notebook.parent)}}  # run from the notebook's folder, as nbval does
    NotebookClient(nb, timeout=1800, kernel_name="python3", resources=where).execute()
    text = output_text(nb.cells[-1])
    return nb.cells, json.loads(text[text.index("ATTACKS") + len("ATTACKS"):])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.name for nb in NOTEBOOKS])
def test_every_solution_in_place_of_its_stub_passes_its_check(notebook):
    found = exercises(notebook)
    assert found, f"{notebook.name} has no exercises"
    cells, _ = solved(notebook)
    for e in found:
        text = output_text(cells[e["check"]])
        assert text.startswith("✓"), f"{notebook.name} cell {e['check']}: the solution gives {text!r}"


def test_same_is_equal_up_to_rounding_and_never_broadcasts():
    assert same(0.1 + 0.2, 0.3) and not same(1.0, 1.001) and same(1.0, 1.001, atol=0.01)
    assert not same(np.zeros(8), np.zeros((8, 1))), "a row of 8 is not a column of 8"
    assert same([np.ones(2), np.zeros(1)], (np.ones(2), np.zeros(1))), "four gradients compare entry by entry"
    assert same({"w11": 1.0}, {"w11": 1.0}) and not same({"w11": 1.0}, {"w12": 1.0})
    assert not same("abc", 1.0) and not same(None, 0.0) and not same(np.nan, np.nan)


def test_diagnose_names_the_first_mistake_that_fits_and_lets_an_unknown_answer_through():
    mistakes = [Mistake(2.0, "x is doubled", "halve it"), Mistake(lambda got: got < 0, "x is negative", "flip it")]
    with pytest.raises(Wrong) as wrong:
        diagnose(-1.0, mistakes, "expected 1")
    assert (wrong.value.problem, wrong.value.hint) == ("x is negative: expected 1", "flip it")
    diagnose(3.0, mistakes, "expected 1")  # no known mistake: the check goes on to say what it expected


def check_function(name: str):
    """helpers.exercises.chXX.check_... from 'chXX.check_...'."""
    module, function = name.split(".")
    return getattr(__import__(f"helpers.exercises.{module}", fromlist=[function]), function)


def verdict(check, answer) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        check(answer)
    return out.getvalue()


CASES = [(name, answer, phrase) for name, mistakes in MISTAKES.items() for answer, phrase in mistakes]


@pytest.mark.parametrize(("name", "answer", "phrase"), CASES, ids=[f"{name}-{a.__name__}" for name, a, _ in CASES])
def test_a_typical_mistake_gets_a_message_that_names_it(name, answer, phrase):
    text = verdict(check_function(name), answer)
    assert text.startswith("✗"), text
    assert re.search(phrase, text, re.DOTALL), f"{text!r} does not say {phrase!r}"


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_write_it_exercises_name_at_least_three_typical_mistakes(name):
    assert len(MISTAKES[name]) >= 3


CHECKS = sorted(
    f"{module.name}.{name}"
    for module in pkgutil.iter_modules(helpers.exercises.__path__)
    for name in dir(__import__(f"helpers.exercises.{module.name}", fromlist=["_"]))
    if name.startswith("check_")
)


@pytest.mark.parametrize("name", CHECKS)
def test_a_stub_is_not_attempted_and_a_crash_is_a_message(name):
    check = check_function(name)
    assert verdict(check, None).startswith("Not attempted yet:")

    def crashes(*args):
        raise RuntimeError("boom")

    text = verdict(check, crashes)
    assert text.startswith(("✗", "Not attempted yet:")), text
    if text.startswith("✗"):
        assert "RuntimeError: boom" in text or "should be" in text


@pytest.mark.parametrize("answer", [None, lambda z: 1.0])
def test_grading_mode_raises_after_the_same_verdict_unless_it_is_a_tick(answer):
    from helpers.exercises import NotPassed, ch02, grading

    plain = verdict(ch02.check_relu_prime, answer)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(NotPassed) as raised, grading():
        ch02.check_relu_prime(answer)
    assert out.getvalue() == plain and str(raised.value) == plain.rstrip("\n")
    with grading():
        assert verdict(ch02.check_relu_prime, lambda z: float(z > 0)).startswith("✓")
    assert not helpers.exercises.GRADING, "grading mode ends with its block"


def test_a_function_without_return_is_told_so_and_only_an_untouched_stub_is_not_attempted():
    from helpers.exercises import ch02

    def relu_prime(z): ...

    def relu_prime_with_a_docstring(z):
        """Write it here."""

    def relu_prime_without_return(z):
        1.0 if z > 0 else 0.0  # noqa: B018

    def relu_prime_with_one_branch_returning(z):
        if z > 0:
            return 1.0

    assert verdict(ch02.check_relu_prime, relu_prime).startswith("Not attempted yet:")
    assert verdict(ch02.check_relu_prime, relu_prime_with_a_docstring).startswith("Not attempted yet:")
    for answer in (relu_prime_without_return, relu_prime_with_one_branch_returning):
        assert "returned None: is a `return` missing?" in verdict(ch02.check_relu_prime, answer)


def test_a_loop_that_never_ends_is_stopped_with_a_message(monkeypatch):
    import time

    from helpers.exercises import ch02

    monkeypatch.setattr(helpers.exercises, "SECONDS", 0.5)  # ask's default is read when ask is defined: pass it
    text = verdict(helpers.exercises.exercise("write f")(lambda f: helpers.exercises.ask(f, 1.0, seconds=0.5)),
                   lambda z: time.sleep(30))
    assert text.startswith("✗ ") and "did not return within 0.5 s" in text and "loop that never ends" in text
    assert verdict(ch02.check_relu_prime, lambda z: float(z > 0)).startswith("✓"), "the alarm is off afterwards"


def test_warnings_of_the_learners_code_end_the_verdict_and_do_not_leak_into_the_next():
    from helpers.exercises import ch02

    text = verdict(ch02.check_relu_prime, lambda z: float(np.exp(1000 * abs(z)) > 0 and z > 0))
    assert text.startswith("✓") and "Your code gave warnings: RuntimeWarning: overflow encountered in exp" in text
    assert "warnings" not in verdict(ch02.check_relu_prime, lambda z: float(z > 0))


def test_an_argument_changed_in_place_is_named_and_the_checks_data_is_untouched():
    from helpers.exercises import ask, exercise

    X = np.arange(6.0).reshape(3, 2)
    params = {"w": 1.0}

    @exercise("write f")
    def check(f):
        ask(f, X, params, call="f(X, params)")
        return "no change"

    def scales_X(X, params):
        X *= 2
        return X

    def moves_w(X, params):
        params["w"] = 2.0

    assert verdict(check, scales_X).startswith("✗ f(X, params) changed X in place")
    assert verdict(check, moves_w).startswith("✗ f(X, params) changed params in place but returned nothing")
    assert same(X, np.arange(6.0).reshape(3, 2)) and params == {"w": 1.0}, "the learner got copies"


def test_numbers_in_every_reasonable_form_are_numbers():
    from helpers.exercises import as_number

    for value in (True, np.bool_(True), np.float32(1.0), np.int64(1), np.array([1.0]), np.array(1.0), 1):
        assert as_number(value, "x") == 1.0
    for value in (10**400, [1.0], np.array([1.0, 2.0]), "1", None):
        with pytest.raises(Wrong):
            as_number(value, "x")
    assert same(np.float32(1 / 3), 1 / 3) and not same(np.float32(1 / 3), 1 / 3 + 1e-3)
    assert not same(1 / 3 + 1e-8, 1 / 3), "float64 answers keep float64's tolerance"
    assert same(np.array([0.5]), 0.5) and not same(np.array([0.5, 0.5]), 0.5) and not same(10**400, 1.0)
