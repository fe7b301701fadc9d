"""The series' website (build/site, from `make site`) reads cleanly in a browser with no network.

Every page of the built site is opened in headless Chromium with every request
off 127.0.0.1 blocked, and read by site_check.py: no MathJax error or raw TeX, no
missing picture or file, no broken link inside the site, and every notebook of
notebooks/ listed in the navigation. Then the search page must find the chapters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_check import ROOT, SITE, PageReport, notebook_pages, pages_of

NOTEBOOKS = notebook_pages(ROOT / "notebooks")


@pytest.fixture(scope="module")
def reports(check_site) -> dict[str, PageReport]:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site at {SITE}: run `make site` first (`make site-test` does)")
    return {report.page: report for report in check_site(SITE, NOTEBOOKS)}


def test_every_notebook_has_a_page() -> None:
    assert NOTEBOOKS, "no notebooks found in notebooks/"
    missing = [page for page in NOTEBOOKS if not (SITE / page).is_file()]
    assert not missing, f"notebooks without a page on the site (rebuild it with `make site`): {missing}"


def test_every_page_reads_cleanly(reports: dict[str, PageReport]) -> None:
    assert {"index.html", "search.html", *NOTEBOOKS} <= set(reports)
    problems = [f"{page}: {problem}" for page, report in reports.items() for problem in report.problems]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


def test_the_navigation_lists_every_notebook_on_every_page(reports: dict[str, PageReport]) -> None:
    for page, report in reports.items():
        assert set(NOTEBOOKS) <= set(report.navigation), f"{page}: navigation {report.navigation}"


def test_the_equations_are_typeset(reports: dict[str, PageReport]) -> None:
    """Each notebook whose markdown has $...$ math shows typeset equations (none silently skipped)."""
    for notebook in NOTEBOOKS:
        source = (ROOT / Path(notebook).with_suffix(".ipynb")).read_text()
        if re.search(r"\$[^$]+\$", source):
            assert reports[notebook].equations > 0, f"{notebook}: no equation typeset"


def test_every_solution_is_collapsed_with_its_code_highlighted() -> None:
    """Each <details> block of a notebook's markdown is on its page, closed, around highlighted code."""
    for notebook in NOTEBOOKS:
        cells = json.loads((ROOT / Path(notebook).with_suffix(".ipynb")).read_text())["cells"]
        markdown = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        page = (SITE / notebook).read_text()
        blocks = re.findall(r"<details\b[^>]*>(.*?)</details>", page, flags=re.DOTALL)
        assert len(blocks) == markdown.count("<details"), f"{notebook}: {len(blocks)} <details> on the page"
        assert not re.search(r"<details\b[^>]*\bopen\b", page), f"{notebook}: a solution is open"
        for block in blocks:
            if "```" in block or "<pre" in block:
                assert '<div class="highlight"><pre><span></span><span class=' in block, f"{notebook}: {block[:300]}"


def test_the_home_page_is_the_readme_with_its_pictures(reports: dict[str, PageReport]) -> None:
    readme = (ROOT / "README.md").read_text()
    pictures = set(re.findall(r"!\[[^\]]*\]\((images/[^)\s]+)\)", readme))
    home = (SITE / "index.html").read_text()
    title = readme.splitlines()[0].lstrip("# ").strip()
    assert f"<h1>{title}" in home
    assert reports["index.html"].images >= len(pictures) > 0
    for notebook in re.findall(r"\]\((notebooks/[^)#\s]+\.ipynb)\)", readme):
        assert f'href="{notebook.removesuffix(".ipynb")}.html"' in home, f"the README's link to {notebook}"


def test_search_finds_the_chapters(browser, serve) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{serve(SITE)}/search.html?q=sigmoid")
        page.wait_for_selector("#search-results .search-summary", timeout=60_000)
        found = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.pathname)")
    finally:
        context.close()
    assert any(path.lstrip("/") in NOTEBOOKS for path in found), f"search for 'sigmoid' found {found}"


def test_the_pages_are_the_site_of_this_repository() -> None:
    """Nothing else lingers in build/site: each page is the home page, a notebook, or a page Sphinx makes."""
    made_by_sphinx = {"genindex.html", "search.html"}
    pages = set(pages_of(SITE))
    assert pages - made_by_sphinx - set(NOTEBOOKS) <= {"index.html", "data/README.html"}
