"""How often does the loop network get stuck at the majority-class rate? Count it over many seeds.

A run is "stuck" when, after training, its accuracy on the training set is no
better than always answering "benign" (the majority class). That is what a
network with dead relu units does: every hidden unit is off for every example,
so the output is a constant.

For each way of drawing the starting weights (helpers.scratch.INITS) this trains
one network per seed on tumour_data(seed=0) and prints how many seeds got past
the majority rate, which seeds did not, and in how many runs a hidden unit ended
dead (firing for no training example). It also runs the original notebook's
recipe (randn weights, learning rate 0.1, 100 epochs) for comparison.

Run it by hand (a few minutes on two cores):

    .venv/bin/python scripts/dead_relu_seeds.py            # 100 seeds, alpha 0.5, 300 epochs
    .venv/bin/python scripts/dead_relu_seeds.py --seeds 20 # a quicker look

It exits with status 1 if the "he_zero_output" start leaves more than 1 seed in
100 stuck (the series' requirement), else 0.
"""

from __future__ import annotations

import argparse
import sys

from helpers import tumour_data
from helpers.scratch import INITS, NeuralNetwork


def count_stuck(init: str, seeds: int, alpha: float, epochs: int) -> dict:
    """Train one network per seed; return the stuck seeds and the number of runs with a dead unit."""
    data = tumour_data(seed=0)
    majority = max(data.y_train.mean(), 1 - data.y_train.mean())
    stuck, with_dead_unit = [], 0
    for seed in range(seeds):
        net = NeuralNetwork(seed=seed, init=init)
        net.fit(data.X_train, data.y_train, alpha=alpha, epochs=epochs)
        accuracy, _ = net.get_accuracy_cost(data.X_train, data.y_train)
        if accuracy <= majority:
            stuck.append(seed)
        if 0 in net.active_counts(data.X_train).values():
            with_dead_unit += 1
    return {"stuck": stuck, "dead": with_dead_unit, "majority": majority}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100, help="number of seeds, 0..N-1 (default 100)")
    parser.add_argument("--alpha", type=float, default=0.5, help="learning rate (default 0.5, as in notebook 04)")
    parser.add_argument("--epochs", type=int, default=300, help="epochs (default 300, as in notebook 04)")
    args = parser.parse_args()

    runs = [(init, args.alpha, args.epochs) for init in INITS] + [("randn", 0.1, 100)]
    print(f"tumour_data(seed=0), {args.seeds} seeds; stuck = training accuracy <= the majority rate")
    print(f"{'init':>15} {'alpha':>5} {'epochs':>6} {'past majority':>13} {'dead unit':>9}  stuck seeds")
    ok = True
    for init, alpha, epochs in runs:
        result = count_stuck(init, args.seeds, alpha, epochs)
        passed = args.seeds - len(result["stuck"])
        print(f"{init:>15} {alpha:>5} {epochs:>6} {passed:>7} / {args.seeds:<3} {result['dead']:>9}  {result['stuck']}",
              flush=True)  # fmt: skip
        if init == "he_zero_output" and (alpha, epochs) == (args.alpha, args.epochs):
            ok = len(result["stuck"]) <= args.seeds // 100
    print(f"majority rate (always 'benign'): {result['majority']:.4f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
