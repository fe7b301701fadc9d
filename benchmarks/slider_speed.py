"""How long does a slider move take? Chapter 06's training sliders and chapter 04's threshold slider (run by hand).

    .venv/bin/python -m benchmarks.slider_speed

A move retrains (or re-scores) and redraws the picture; the goal is well under
0.2 s per move. Times are processor time of this process (time.process_time),
so other programs on the machine do not count, the fastest of three runs of
each setting; the slowest setting is 1000 epochs.
"""

from __future__ import annotations

import time

import helpers
from helpers import explorers
from helpers.scratch import NeuralNetwork

GOAL = 0.2  # seconds per move


def fastest(render, repeats: int = 3, **values) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        render(**values)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    data = helpers.tumour_data(seed=0)
    training = explorers.training_explorer(data.X_train, data.y_train, data.X_test, data.y_test)
    moves = {f"training, {epochs} epochs": fastest(training.render, alpha=0.5, epochs=epochs, seed=1)
             for epochs in (10, 300, 1000)}
    net = NeuralNetwork(seed=0)
    net.fit(data.X_train, data.y_train, alpha=0.5, epochs=300)
    threshold = explorers.threshold_explorer(net.predict_proba(data.X_test), data.y_test)
    moves["threshold"] = fastest(threshold.render, threshold=0.3)
    for name, seconds in moves.items():
        print(f"{name:<24} {seconds * 1e3:7.1f} ms per move")
    slowest = max(moves.values())
    print(f"slowest move {slowest * 1e3:.1f} ms (goal < {GOAL * 1e3:.0f} ms: {'met' if slowest < GOAL else 'NOT met'})")


if __name__ == "__main__":
    main()
