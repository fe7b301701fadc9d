"""The website check can fail, and the build renders what the series relies on.

A tiny repository (a README, three notebooks, a picture) is written to a temporary
folder and built with website/build.py, as ``make site`` builds the real one. The
clean site must pass the same check that test_site_pages.py runs over the series;
then copies of it, each with one planted fault (an equation MathJax rejects, a
broken link, a missing picture, a request to the network, a notebook left out of
the navigation, ...), must each be reported. The fixture notebook also carries an
exercise solution in <details>, which must stay collapsed with its code highlighted.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from site_check import ROOT, check_page, notebook_pages

BUILD = ROOT / "website" / "build.py"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

SOLUTION_CODE = "def sigmoid(z):\n    return 1 / (1 + math.exp(-z))"
EXERCISE = (
    "**Exercise.** Write the sigmoid in Python.\n\n"
    "<details><summary>Solution</summary>\n\n"
    f"```python\n{SOLUTION_CODE}\n```\n\n"
    "</details>"
)


# A slider's output as a notebook stores it: the view (for a running kernel) and a text fallback.
WIDGET_TEXT = "(a slider: run the notebook to move it)"
WIDGET_OUTPUT = {
    "application/vnd.jupyter.widget-view+json": {"model_id": "m1", "version_major": 2, "version_minor": 0},
    "text/plain": WIDGET_TEXT,
}
WIDGET_STATE = {
    "application/vnd.jupyter.widget-state+json": {
        "state": {"m1": {"model_module": "@jupyter-widgets/controls", "model_name": "IntSliderModel", "state": {}}},
        "version_major": 2,
        "version_minor": 0,
    }
}


def tiny_png(width: int = 8, height: int = 8) -> bytes:
    """A valid grey PNG, built by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def write_notebook(path: Path, cells: list[dict], metadata: dict | None = None) -> None:
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}} | (metadata or {}),
        "cells": [cell | {"id": f"cell-{i}", "metadata": cell.get("metadata", {})} for i, cell in enumerate(cells)],
    }
    path.write_text(json.dumps(notebook, indent=1))


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "source": source}


def code(source: str, outputs: list[dict], tags: list[str] | None = None) -> dict:
    cell = {"cell_type": "code", "source": source, "execution_count": 1, "outputs": outputs}
    return cell | ({"metadata": {"tags": tags}} if tags else {})


def write_repository(root: Path) -> Path:
    """A repository laid out like the series: README.md, notebooks/, images/readme/, a helper, a licence."""
    (root / "notebooks").mkdir(parents=True)
    (root / "images" / "readme").mkdir(parents=True)
    (root / "helpers").mkdir()
    (root / "helpers" / "__init__.py").write_text("")
    (root / "LICENSE").write_text("MIT\n")
    (root / "images" / "readme" / "01_first.png").write_bytes(tiny_png())
    (root / "README.md").write_text(
        "# A fixture series\n\n"
        "[![Launch on Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/owner/repo/HEAD)\n\n"
        "| | notebook |\n|---|---|\n| ![](images/readme/01_first.png) | [01 — first](notebooks/01_first.ipynb) |\n\n"
        "Shared code lives in [`helpers/`](helpers); the licence is in [LICENSE](LICENSE).\n"
    )
    picture = {"image/png": base64.b64encode(tiny_png(16, 8)).decode(), "text/plain": "<Figure>"}
    write_notebook(
        root / "notebooks" / "01_first.ipynb",
        [
            markdown(
                "# 01 — A first chapter\n\nThe sigmoid $\\sigma(z)$ is\n\n"
                "$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$\n\nNext: [the second chapter](02_second.ipynb)."
            ),
            markdown(EXERCISE),
            code("print(round(0.5, 2))", [{"output_type": "stream", "name": "stdout", "text": "0.5\n"}]),
            code(
                "plot()",
                [{"output_type": "display_data", "metadata": {}, "data": picture}],
                tags=["readme-figure", "nbval-ignore-output"],
            ),
        ],
    )
    write_notebook(
        root / "notebooks" / "02_second.ipynb",
        [
            markdown("# 02 — A second chapter\n\n## Details\n\n[Back](01_first.ipynb), or [down](#details)."),
            code("explore()", [{"output_type": "display_data", "metadata": {}, "data": WIDGET_OUTPUT}]),
        ],
        metadata={"widgets": WIDGET_STATE},
    )
    write_notebook(root / "notebooks" / "A1_appendix.ipynb", [markdown("# A1 — An appendix\n\nNo math here.")])
    return root


def build_site(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BUILD), "--root", str(root), "--out", str(out)], capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def fixture_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_repository(tmp_path_factory.mktemp("repository"))


@pytest.fixture(scope="module")
def fixture_site(fixture_repository: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    result = build_site(fixture_repository, out)
    assert result.returncode == 0, f"the fixture site did not build:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture
def planted_copy(fixture_site: Path, tmp_path: Path) -> Path:
    """A copy of the fixture site to plant a fault in (files hard-linked: planting replaces, never edits)."""
    copy = tmp_path / "site"
    shutil.copytree(fixture_site, copy, copy_function=os.link)
    return copy


def replace_file(path: Path, text: str) -> None:
    """Write a new file in place of a hard link, so the original site is untouched."""
    path.unlink()
    path.write_text(text)


def plant(site: Path, page: str, before: str, insert: str) -> None:
    path = site / page
    text = path.read_text()
    assert before in text, f"{before!r} not in {page}"
    replace_file(path, text.replace(before, insert + before, 1))


def test_a_clean_site_passes(fixture_site: Path, fixture_repository: Path, check_site) -> None:
    notebooks = notebook_pages(fixture_repository / "notebooks")
    assert notebooks == ["notebooks/01_first.html", "notebooks/02_second.html", "notebooks/A1_appendix.html"]
    reports = check_site(fixture_site, notebooks)
    assert {report.page: report.problems for report in reports} == {report.page: [] for report in reports}
    by_page = {report.page: report for report in reports}
    assert {"index.html", "search.html", *notebooks} <= set(by_page)
    assert by_page["notebooks/01_first.html"].equations == 2  # $\sigma(z)$ and the display
    assert by_page["notebooks/02_second.html"].links > 0
    assert by_page["index.html"].images >= 1  # the README's picture


def test_the_readme_is_the_home_page_with_working_links(fixture_site: Path) -> None:
    home = (fixture_site / "index.html").read_text()
    assert "A fixture series" in home
    assert 'href="notebooks/01_first.html"' in home
    assert re.search(r'<img [^>]*src="_images/01_first\.png"', home)
    # Files that are not pages go to the repository on GitHub; the badge needs no network.
    assert "/tree/main/helpers" in home and "/blob/main/LICENSE" in home
    assert "badge_logo.svg" not in home and "Launch on Binder" in home


def test_chapters_then_appendices_in_the_navigation(fixture_site: Path) -> None:
    home = (fixture_site / "index.html").read_text()
    order = [home.index(f'href="notebooks/{name}.html"') for name in ("01_first", "02_second", "A1_appendix")]
    assert order == sorted(order)
    assert "Chapters" in home and "Appendices" in home


def test_a_solution_stays_collapsed_with_its_code_highlighted(browser, serve, fixture_site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{serve(fixture_site)}/notebooks/01_first.html")
        details = page.locator("details").filter(has=page.locator("summary", has_text="Solution"))
        assert details.count() == 1
        assert details.evaluate("d => d.open") is False
        code = details.locator("pre")
        assert not code.is_visible()
        assert details.locator(".highlight-python pre span.k", has_text="def").count() == 1  # pygments at work
        page.locator("summary", has_text="Solution").click()
        assert details.evaluate("d => d.open") is True and code.is_visible()
        assert code.inner_text().strip() == SOLUTION_CODE
    finally:
        context.close()


def test_a_widget_shows_its_text_and_loads_no_widget_javascript(fixture_site: Path) -> None:
    """A static page has no kernel to drive a slider: the text fallback is shown, nothing is fetched for it."""
    page = (fixture_site / "notebooks" / "02_second.html").read_text()
    assert WIDGET_TEXT in page
    assert "require.min.js" not in page and "html-manager" not in page
    assert not re.search(r"<script[^>]+src=\"https?:", page)


def test_cell_tags_of_the_tests_change_nothing_on_the_site(fixture_site: Path) -> None:
    """nbval-ignore-output and readme-figure are for the tests and the README: the output is still shown."""
    page = (fixture_site / "notebooks" / "01_first.html").read_text()
    start = '<div class="cell tag_readme-figure tag_nbval-ignore-output docutils container">'
    cell = re.search(re.escape(start) + "(.*?)</section>", page, flags=re.DOTALL)
    assert cell, "the tagged cell is missing"
    assert '<span class="n">plot</span>' in cell.group(1) and '<img alt="../_images/' in cell.group(1)  # code, picture


PLANTED = {
    "mathjax-error": ("notebooks/01_first.html", "<p>A planted \\(\\frac{1}\\) error.</p>", "MathJax error"),
    "unknown-macro": ("notebooks/01_first.html", "<p>A planted \\(\\foo x\\) macro.</p>", "could not render \\foo x"),
    "raw-tex": ("notebooks/01_first.html", "<p>An unclosed $$ \\sigma(z) display.</p>", "raw TeX"),
    "broken-link": ("notebooks/02_second.html", '<p><a href="03_gone.html">x</a></p>', "broken link to notebooks/03"),
    "broken-anchor": ("index.html", '<p><a href="notebooks/02_second.html#nowhere">x</a></p>', "no such anchor"),
    "network": ("index.html", '<img src="https://mybinder.org/badge_logo.svg">', "request to the network was blocked"),
}


@pytest.mark.parametrize("fault", list(PLANTED))
def test_a_planted_fault_is_reported(fault: str, planted_copy: Path, browser, serve) -> None:
    page, html, expected = PLANTED[fault]
    plant(planted_copy, page, "</article>", html)
    report = check_page(browser, planted_copy, serve(planted_copy), page, [])
    assert any(expected in problem for problem in report.problems), report.problems


def test_a_missing_picture_is_reported(planted_copy: Path, browser, serve) -> None:
    (planted_copy / "_images" / "01_first.png").unlink()
    report = check_page(browser, planted_copy, serve(planted_copy), "index.html", [])
    assert any("a picture did not load: _images/01_first.png" in p for p in report.problems), report.problems
    assert any("HTTP 404" in p for p in report.problems), report.problems


def test_mathjax_missing_from_the_site_is_reported(planted_copy: Path, browser, serve) -> None:
    (planted_copy / "_static" / "mathjax" / "tex-mml-chtml.js").unlink()
    report = check_page(browser, planted_copy, serve(planted_copy), "notebooks/01_first.html", [])
    assert any("MathJax did not start: 2 equation(s)" in p for p in report.problems), report.problems
    assert any("raw TeX" in p for p in report.problems), report.problems


def test_a_notebook_missing_from_the_navigation_is_reported(fixture_site: Path, browser, serve) -> None:
    expected = ["notebooks/01_first.html", "notebooks/08_new.html"]  # as if 08_new.ipynb were in notebooks/
    report = check_page(browser, fixture_site, serve(fixture_site), "index.html", expected)
    assert report.problems == ["notebooks/08_new.html is missing from the navigation"]


def test_a_link_to_a_missing_notebook_fails_the_build(fixture_repository: Path, tmp_path: Path) -> None:
    root = tmp_path / "repository"
    shutil.copytree(fixture_repository, root)
    notebook = root / "notebooks" / "02_second.ipynb"
    notebook.write_text(notebook.read_text().replace("01_first.ipynb", "01_gone.ipynb"))
    result = build_site(root, tmp_path / "site")
    assert result.returncode != 0
    assert "01_gone" in result.stdout + result.stderr
