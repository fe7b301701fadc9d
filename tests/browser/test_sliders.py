"""The sliders of notebook 06 work in a real JupyterLab: moving one redraws the picture, with no error.

The test opens notebooks/06_vectorized.ipynb as a learner does, clears its
outputs, runs every cell, then moves the learning-rate slider one notch with
the keyboard and waits for the picture below the sliders to change (its PNG
is replaced through a display handle, so the image's data changes). No error
or stderr output may appear anywhere on the page, and the notebook file must
stay as it was. Run with ``make browser-test`` or
``.venv/bin/python -m pytest -v tests/browser/test_sliders.py``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "06_vectorized.ipynb"
CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell"


def slider_cell(cells: list[dict]) -> int:
    """The index of the cell that shows the training explorer."""
    return next(i for i, c in enumerate(cells) if "explorers.training_explorer(" in "".join(c["source"]))


def test_moving_a_slider_redraws_the_picture(browser, lab_server, lab_page_tools) -> None:
    tools = lab_page_tools
    server = lab_server(ROOT)
    relpath = NOTEBOOK.relative_to(ROOT).as_posix()
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    to_run = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    target = slider_cell(cells)
    digest = tools["file_digest"](NOTEBOOK)
    checkpoint = NOTEBOOK.parent / ".ipynb_checkpoints" / f"{NOTEBOOK.stem}-checkpoint.ipynb"
    had_checkpoint = checkpoint.exists()
    context = browser.new_context(viewport=tools["viewport"])
    page = context.new_page()
    page.set_default_timeout(60_000)
    session = None
    try:
        page.goto(f"{server.url}/lab/tree/{quote(relpath)}?reset&token={server.token}")
        tools["wait"](lambda: len(page.evaluate(tools["prompts_js"])) == len(cells), 180, "the notebook to appear")
        session = tools["wait"](lambda: server.session_for(relpath), 120, "a kernel for the notebook")
        kernel = session["kernel"]["id"]
        tools["wait"](lambda: server.kernel_state(kernel) == "idle", 120, "the kernel to start")
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").first.click()
        tools["click_menu"](page, "Edit", "Clear Outputs of All Cells")

        def cleared() -> bool:
            return not any(page.evaluate(tools["prompts_js"])[i].isdigit() for i in to_run)

        tools["wait"](cleared, 30, "the outputs to clear")
        tools["click_menu"](page, "Run", "Run All Cells")

        def finished() -> bool:
            prompts = page.evaluate(tools["prompts_js"])
            return server.kernel_state(kernel) == "idle" and all(prompts[i].isdigit() for i in to_run)

        tools["wait"](finished, 900, "Run All to finish")

        cell = page.locator(CELLS).nth(target)
        picture = cell.locator(".jp-OutputArea-output img")
        readouts = cell.locator(".widget-readout")
        tools["wait"](lambda: picture.count() == 1 and readouts.count() == 3, 60, "the sliders and their picture")
        assert readouts.all_inner_texts() == ["0.5", "100", "0"]  # explicit values: no 0.5000000000000001
        before = picture.get_attribute("src")
        assert before.startswith("data:image/png;base64,")

        cell.locator(".noUi-handle").first.focus()  # the learning-rate slider
        page.keyboard.press("ArrowRight")
        start = time.monotonic()
        tools["wait"](lambda: picture.get_attribute("src") != before, 60, "the picture to change", interval=0.02)
        seconds = time.monotonic() - start
        assert readouts.all_inner_texts() == ["1", "100", "0"]  # the next value, and only that slider moved
        print(f"the picture changed {seconds:.2f} s after the key press (kernel and browser together)")

        problems = page.evaluate(tools["find_problems_js"])
        assert not problems, "\n".join(problems)
    finally:
        context.close()
        session = session or server.session_for(relpath)
        if session is not None:
            server.api("DELETE", f"/api/sessions/{session['id']}")
        if not had_checkpoint and checkpoint.exists():
            checkpoint.unlink()
            if not any(checkpoint.parent.iterdir()):
                checkpoint.parent.rmdir()
    assert tools["file_digest"](NOTEBOOK) == digest, "the notebook file changed on disk during the run"
