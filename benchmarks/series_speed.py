"""Does "Restart kernel and run all" stay quick? Time each notebook against a kernel that only runs its imports.

    .venv/bin/python -m benchmarks.series_speed               # every notebooks/*.ipynb, 3 repeats
    .venv/bin/python -m benchmarks.series_speed --repeats 5 notebooks/04_scratch.ipynb

Goals: re-executing the whole series under nbval costs at most 2x the imports-only
runs (overall = the sum of the notebooks' times over the sum of their imports-only
times), and no single notebook costs more than 3x its own imports-only run.

What is timed, for each notebook, as the wall-clock time of one command:

- full: ``python -m pytest --nbval --nbval-current-env notebooks/XX.ipynb``, the
  command ``make notebooks`` runs for each notebook: start pytest, start a
  kernel, run every cell, compare every stored output.
- imports only: the same command on a notebook written to a temporary folder
  that holds one code cell: every top-level ``import`` and ``from ... import``
  statement of the notebook's code cells, in the order they appear (a repeated
  statement once), each inside ``try``/``except ImportError`` so that a name a
  notebook imports but a helper module no longer has still loads the module.
  Imports nested in functions or ``if`` blocks are left out. The cell has no
  stored outputs, so nbval only runs it.

Both sides pay the same start-up of pytest and of the kernel, so the ratio
full / imports-only is what the notebook's own work adds to the time it takes
just to get its libraries loaded (TensorFlow alone takes seconds). The two
runs of a notebook alternate in order from one repeat to the next, and every
time shown is the median over the repeats; the machine may be busy with
other work, so read the ratios, not the seconds.

A notebook whose cells raise an error is reported as such: its time is not the
time of the real notebook (the cells after the error fail fast), so it is left
out of the overall ratio. A notebook whose outputs merely differ from the
stored ones ran every cell and counts.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_OVERALL = 2.0
GOAL_EACH = 3.0
NBVAL = ["-m", "pytest", "--nbval", "--nbval-current-env", "--nbval-cell-timeout=1200", "-p", "no:cacheprovider", "-q"]


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def parse_cell(source: str) -> ast.Module | None:
    """The cell as Python, with IPython's magic and shell lines (%, !) dropped; None if it still does not parse."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def import_statements(notebook: dict) -> list[str]:
    """Every top-level import statement of the notebook's code cells, in order, each once."""
    statements: list[str] = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        tree = parse_cell(cell_source(cell))
        for node in tree.body if tree else []:
            if isinstance(node, ast.Import | ast.ImportFrom):
                statement = ast.unparse(node)
                if statement not in statements:
                    statements.append(statement)
    return statements


def imports_only_notebook(notebook: dict) -> dict:
    """A notebook with a single unexecuted code cell that runs the notebook's imports (see the module docstring)."""
    lines = []
    for statement in import_statements(notebook):
        lines += ["try:", f"    {statement}", "except ImportError:", "    pass"]
    cell = {"cell_type": "code", "execution_count": None, "id": "imports", "metadata": {}, "outputs": [],
            "source": "\n".join(lines) or "pass"}
    return {"cells": [cell], "metadata": notebook.get("metadata", {}), "nbformat": 4, "nbformat_minor": 5}


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_nbval(path: Path, report: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds for nbval to re-execute the notebook at ``path``; its JUnit report goes to ``report``.

    The CPU seconds add up pytest's and its kernel's, as the operating system counts them.
    """
    command = [sys.executable, *NBVAL, f"--junitxml={report}", str(path)]
    start, cpu = time.perf_counter(), cpu_of_children()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, cpu_of_children() - cpu


def cell_results(report: Path) -> dict[str, int]:
    """How many cells passed, raised an error, or gave outputs that differ from the stored ones."""
    counts = {"passed": 0, "errors": 0, "differ": 0, "other": 0}
    if not report.exists():
        return counts
    for case in ET.parse(report).getroot().iter("testcase"):
        problems = case.findall("failure") + case.findall("error")
        text = " ".join((p.get("message") or "") + (p.text or "") for p in problems)
        if not problems:
            counts["passed"] += 1
        elif "caused an exception" in text or "Timeout" in text:
            counts["errors"] += 1
        elif "outputs differ" in text:
            counts["differ"] += 1
        else:
            counts["other"] += 1
    return counts


def status(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return "did not run"
    failing = counts["errors"] + counts["other"]
    parts = [f"cells with errors: {failing}"] if failing else []
    parts += [f"outputs differ: {counts['differ']}"] if counts["differ"] else []
    return ", ".join(parts) or "passes"


def measure(notebooks: list[Path], repeats: int) -> list[dict]:
    """Time every notebook and its imports-only twin ``repeats`` times, interleaved; medians per notebook."""
    rows = [{"name": p.stem, "path": p, "full": [], "imports": [], "counts": None} for p in notebooks]
    with tempfile.TemporaryDirectory() as folder:
        for row in rows:
            twin = Path(folder) / f"{row['name']}_imports.ipynb"
            twin.write_text(json.dumps(imports_only_notebook(json.loads(row["path"].read_text()))))
            row["twin"] = twin
        for repeat in range(repeats):
            for row in rows:
                report = Path(folder) / f"{row['name']}_{repeat}.xml"
                order = ["imports", "full"] if repeat % 2 == 0 else ["full", "imports"]
                for kind in order:
                    if kind == "full":
                        row["full"].append(run_nbval(row["path"], report))
                        row["counts"] = cell_results(report)
                    else:
                        row["imports"].append(run_nbval(row["twin"], Path(folder) / "imports.xml"))
                (full, full_cpu), (imports, imports_cpu) = row["full"][-1], row["imports"][-1]
                print(f"  repeat {repeat + 1}/{repeats} {row['name']}: full {full:.1f} s (CPU {full_cpu:.1f} s), "
                      f"imports only {imports:.1f} s (CPU {imports_cpu:.1f} s)", flush=True)
    for row in rows:
        for kind in ("full", "imports"):
            row[f"{kind}_s"] = statistics.median(wall for wall, _ in row[kind])
            row[f"{kind}_cpu"] = statistics.median(cpu for _, cpu in row[kind])
        row["ratio"] = row["full_s"] / row["imports_s"]
        row["cpu_ratio"] = row["full_cpu"] / row["imports_cpu"]
        row["status"] = status(row["counts"])
        row["counts_in_overall"] = row["counts"]["errors"] + row["counts"]["other"] == 0 and any(row["counts"].values())
    return rows


def report_table(rows: list[dict]) -> str:
    w = max(len("nbval result"), *(len(row["status"]) for row in rows))
    v = max(len("notebook"), *(len(row["name"]) for row in rows))
    header = f"{'notebook':<{v}} {'nbval result':<{w}} {'full s':>7} {'imports s':>9} {'ratio':>6} {'CPU ratio':>9}"
    lines = [f"{header}  goal <= {GOAL_EACH:g}x (wall clock)"]
    for row in rows:
        verdict = "met" if row["ratio"] <= GOAL_EACH else "NOT met"
        if not row["counts_in_overall"]:
            verdict += " (cells raise errors: left out of the overall ratio)"
        lines.append(
            f"{row['name']:<{v}} {row['status']:<{w}} {row['full_s']:7.1f} {row['imports_s']:9.1f} "
            f"{row['ratio']:5.2f}x {row['cpu_ratio']:8.2f}x  {verdict}"
        )
    counted = [row for row in rows if row["counts_in_overall"]]
    if not counted:
        lines.append("overall: no notebook ran without cells raising errors")
        return "\n".join(lines)
    full, imports = sum(row["full_s"] for row in counted), sum(row["imports_s"] for row in counted)
    full_cpu, imports_cpu = sum(row["full_cpu"] for row in counted), sum(row["imports_cpu"] for row in counted)
    verdict = "met" if full / imports <= GOAL_OVERALL else "NOT met"
    lines.append(
        f"overall ({len(counted)} of {len(rows)} notebooks): {full:.1f} s / {imports:.1f} s = {full / imports:.2f}x "
        f"(CPU {full_cpu / imports_cpu:.2f}x)  goal <= {GOAL_OVERALL:g}x: {verdict}"
    )
    worst = max(counted, key=lambda row: row["ratio"])
    lines.append(f"slowest against its imports: {worst['name']} at {worst['ratio']:.2f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to time (default: notebooks/*.ipynb)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each notebook and its imports (default 3)")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    notebooks = [path.resolve() for path in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        parser.error("no notebooks found")
    print(f"Python {sys.version.split()[0]}; {len(notebooks)} notebooks, {args.repeats} repeats, medians; "
          f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    rows = measure(notebooks, args.repeats)
    print(report_table(rows))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (above {os.cpu_count()}, other work was competing "
          "for the processor: trust the CPU ratios more than the wall-clock ones)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
