"""Fixtures for the website test: the system's Chromium, local web servers, a whole-site check.

The folder is left out of the default ``pytest tests`` run (it needs a built site,
Chromium and Playwright: pyproject.toml ignores it); ``make site-test``
builds the site and runs it by naming the folder. It never
downloads a browser: without Chromium (/usr/bin/chromium) or Playwright it fails,
and says how to install them. The header and the summary print the versions used.

Settings (environment variables):
    SITE      the built site to check (default: build/site)
    CHROMIUM  the browser executable (default: /usr/bin/chromium)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from site_check import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPORTS,
    SITE,
    VERSIONS,
    LocalServer,
    PageReport,
    check_page,
    chromium_version,
    pages_of,
    playwright_version,
)


def pytest_report_header(config: pytest.Config) -> list[str]:
    chromium = chromium_version() if CHROMIUM.exists() else f"no Chromium at {CHROMIUM}"
    return [f"website test: Playwright {playwright_version()}; {chromium}; site {SITE}"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system, driven by Playwright (both must be there)."""
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install it (Debian: apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: .venv/bin/pip install -r requirements-browser.txt")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        VERSIONS["Chromium"] = chromium.version
        VERSIONS["Playwright"] = playwright_version()
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """A factory: ``serve(folder)`` gives the address of a local web server for that folder."""
    servers: dict[Path, LocalServer] = {}

    def start(folder: Path) -> str:
        folder = folder.resolve()
        if folder not in servers:
            servers[folder] = LocalServer(folder)
        return servers[folder].url

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def check_site(browser: Any, serve: Callable[[Path], str]) -> Callable[..., list[PageReport]]:
    """``check_site(site, notebooks)`` -> a PageReport for every page of a built site.

    ``notebooks`` are the pages the navigation must list (notebooks/01_data.html, ...).
    """

    def check(site: Path, notebooks: list[str]) -> list[PageReport]:
        base = serve(site)
        return [check_page(browser, site, base, page, notebooks) for page in pages_of(site)]

    return check


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The versions the test ran with, and what each page showed."""
    if VERSIONS:
        terminalreporter.section("website test: versions")
        terminalreporter.write_line(", ".join(f"{name} {version}" for name, version in VERSIONS.items()))
    if REPORTS:
        terminalreporter.section("pages read (seconds, equations, pictures, internal links, problems)")
        for report in REPORTS:
            terminalreporter.write_line(
                f"{report.seconds:6.1f}  {report.equations:4d}  {report.images:3d}  {report.links:4d}  "
                f"{len(report.problems):3d}  {report.page}"
            )
            for problem in report.problems[:5]:
                terminalreporter.write_line(f"{'':8}{problem[:200]}")
