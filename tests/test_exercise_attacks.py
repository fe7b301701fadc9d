"""Attack every write-it exercise's check with wrong answers made from its own solution (tests/attacks.py).

Each notebook runs once with its solutions in place (``solved`` in tests/test_exercises.py, whose test of the
solutions reads the same run); then, in the same kernel,
each exercise's solution is mutated slip by slip (a sign, an operator, a factor,
a comparison, an index, a variable, an argument ignored, the input changed, a
wrong return type) and every mutant is handed to the exercise's check. Every
one must get ✗ or "Not attempted yet", and never a ✓ or a traceback, unless
it is listed in HARMLESS below with the reason it computes the same answer.
"""

from __future__ import annotations

import nbformat
import pytest
from test_exercises import NOTEBOOKS, exercises, solved, stub_name

ONE_OUTPUT = "the series' networks have one output unit: (n, 1) * (1, k) broadcasts to the same outer product as @"

# A mutant may compute exactly what the solution computes; those are listed here, each with why.
# Keys: (check call, what changed), as tests/attacks.py names it.
HARMLESS: dict[tuple[str, str], str] = {
    ("ch01.check_radius_rule(radius_rule)", "line 2: 1: constant negated"):
        "X has two columns, so X[:, -1] is X[:, 1], the radius",
    ("ch02.check_sigmoid_prime(sigmoid_prime)", "line 1: -z: minus dropped"):
        "sigma(-z) = 1 - sigma(z), so sigma(-z)(1 - sigma(-z)) is sigma(z)(1 - sigma(z))",
    ("ch04.check_unit_2_gradients(unit_2_gradients)", "argument w21 fixed at its first value"):
        "w21 is unit 1's outgoing weight: unit 2's gradients do not use it (the exercise hands it over on purpose)",
    ("ch04.check_gradient_step(gradient_step)", "line 1: params: grads read for params"):
        "params and grads have the same nine keys: looping over either visits the same parameters",
    ("ch04.check_choose_on_validation(choose_on_validation)", "line 6: 1: constant negated"):
        "get_accuracy_cost returns a pair, (accuracy, cost): its [-1] is its [1]",
    ("ch06.check_back_prop_two_hidden(back_prop_two_hidden)", "line 6: dZ3 @ W3.T: Mult for MatMult"): ONE_OUTPUT,
    ("ch06.check_backward(backward)", "line 6: dZ2 @ W2.T: Mult for MatMult"): ONE_OUTPUT,
    ("ch06.check_gradient_descent(gradient_descent)", "line 9: dZ2 @ W2.T: Mult for MatMult"): ONE_OUTPUT,
    ("ch06.check_backward(backward)", "line 6: Z1: A1 read for Z1"): "A1 = relu(Z1) is above 0 exactly where Z1 is",
    ("ch07.check_early_stopping(early_stopping)", "line 7: cost < lowest: comparison loosened or tightened"):
        "no two epochs of the check's runs end at exactly the same validation cost, so < and <= keep the same epoch",
    ("ch08.check_mlp(MyMLP)", "line 3: True: flag flipped"):
        "the default of MyLayer's hidden= is never used: MyMLP passes hidden for every layer",
    ("ch08.check_mlp(MyMLP)", "line 10: zip(w, x): call's two arguments swapped"):
        "w_i x_i summed over zip(x, w) is the same sum: the product does not depend on which factor comes first",
}

WRITE_IT = [(notebook, e) for notebook in NOTEBOOKS for e in exercises(notebook)
            if e["solution"] and stub_name(nbformat.read(notebook, as_version=4).cells, e)]


@pytest.mark.parametrize(("notebook", "e"), WRITE_IT, ids=[f"{e['notebook']}:{e['call']}" for _, e in WRITE_IT])
def test_every_slip_from_the_solution_is_refused_and_none_crashes_the_check(notebook, e):
    _, attacks = solved(notebook)  # the notebook's run with its solutions, shared with tests/test_exercises.py
    results = attacks[e["call"]]
    assert len(results) >= 3, f"only {len(results)} wrong answers were made from the solution"
    passed = [(what, text) for what, text in results
              if not text.startswith(("✗", "Not attempted yet:")) and (e["call"], what) not in HARMLESS]
    assert not passed, "\n".join(f"{what}: {text.strip()[:300]}" for what, text in passed)


def test_the_harmless_list_names_only_exercises_that_exist():
    calls = {e["call"] for _, e in WRITE_IT}
    assert all(call in calls for call, _ in HARMLESS), set(HARMLESS) - calls
