"""Read a built website as a reader does: each page in headless Chromium, with no network.

``check_page`` opens one page of a site served by ``LocalServer`` (127.0.0.1) in a
Playwright browser context that blocks every request not going to that server
(Chromium, started with CHROMIUM_ARGS, resolves no host name either). It returns
the page's problems:

- a request to anywhere but the local server, a missing file (HTTP 404), a
  JavaScript error, or a message from MathJax's loader;
- an equation MathJax reports an error in (<mjx-merror>) or draws an unknown
  macro of (red text), math that MathJax never typeset, or raw TeX left in the text;
- a picture that did not load;
- a link to a page or file of the site that does not exist, or to an anchor
  (``page.html#section``) that the page does not have;
- a notebook that the navigation does not list.

conftest.py turns this into fixtures; test_site_pages.py runs it over the
series' site, test_site_checker.py shows that it catches planted faults.
"""

from __future__ import annotations

import functools
import html
import http.server
import importlib.metadata
import os
import re
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.chromium import CHROMIUM
from tests.chromium import CHROMIUM_ARGS as NOTEBOOK_CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("SITE", ROOT / "build" / "site"))  # what `make site` builds
# The notebooks' browser flags, and no host name resolves: only the local server, by its address, can answer.
CHROMIUM_ARGS = [*NOTEBOOK_CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
VIEWPORT = {"width": 1280, "height": 900}
PAGE_TIMEOUT_MS = 60_000

# Read what a page shows once MathJax has finished: errors in equations, math left
# untypeset, raw TeX in the text, pictures that did not load, every link and the
# pages the navigation lists.
READ_PAGE_JS = r"""
async () => {
  const found = [];
  const short = (text) => text.trim().replace(/\s+/g, ' ').slice(0, 200);
  let equations = 0;
  const sphinxMath = document.querySelectorAll('.math');  // Sphinx wraps each equation in .math
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    await window.MathJax.startup.promise;
    for (const item of window.MathJax.startup.document.math) {
      equations += 1;
      const root = item.typesetRoot;
      const tex = short(String(item.math));
      if (!root) {
        found.push(`MathJax did not typeset ${tex}`);
        continue;
      }
      root.querySelectorAll('mjx-merror').forEach((e) =>
        found.push(`MathJax error: ${e.getAttribute('data-mjx-error') || short(e.textContent)} in ${tex}`));
      // An unknown macro is drawn as its name, backslash and all, in colour (\color and \textcolor are not).
      root.querySelectorAll('mjx-mtext').forEach((m) => {
        const coloured = /(^|;)\s*color\s*:/i.test(m.getAttribute('style') || '');
        if (coloured && m.textContent.trim().startsWith('\\')) found.push(`MathJax could not render ${tex}`);
      });
    }
  } else if (sphinxMath.length) {
    found.push(`MathJax did not start: ${sphinxMath.length} equation(s) left as TeX`);
  }
  sphinxMath.forEach((m) => {
    if (!m.querySelector('mjx-container')) found.push(`an equation was not typeset: ${short(m.textContent)}`);
  });
  // Raw TeX in the text: delimiters or \commands outside typeset math and code.
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('mjx-container, pre, code, script, style, noscript, textarea, .highlight').forEach((n) =>
    n.remove());
  const text = copy.textContent;
  const raw = text.match(/\$\$|\\[()[\]]|\\[a-zA-Z]{2,}/);
  if (raw) {
    const at = text.indexOf(raw[0]);
    found.push(`raw TeX ${raw[0]} left in the text: ...${short(text.slice(Math.max(0, at - 60), at + 80))}...`);
  }
  // Pictures: wait until each has loaded or failed.
  const images = [...document.images];
  images.forEach((img) => { img.loading = 'eager'; });
  for (let i = 0; i < 100 && !images.every((img) => img.complete); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  images.forEach((img) => {
    if (!img.complete || img.naturalWidth === 0) found.push(`a picture did not load: ${img.getAttribute('src')}`);
  });
  const links = [...document.querySelectorAll('a[href]')].map((a) => a.href);
  const navigation = [...document.querySelectorAll('nav.bd-docs-nav a[href]')].map((a) => a.href);
  return {found, equations, images: images.length, links, navigation};
}
"""


@dataclass
class PageReport:
    """What one page of the site showed."""

    page: str  # path in the site, e.g. notebooks/01_data.html
    problems: list[str] = field(default_factory=list)
    equations: int = 0
    images: int = 0
    links: int = 0  # links to the site itself, each checked
    navigation: list[str] = field(default_factory=list)  # the pages the navigation lists
    seconds: float = 0.0


REPORTS: list[PageReport] = []  # every page checked in this session, for the summary at the end
VERSIONS: dict[str, str] = {}


def pages_of(site: Path) -> list[str]:
    """Every HTML page of a built site (the theme's templates under _static/ are not pages)."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if not any(part.startswith("_") for part in p.split("/")[:-1]))


def notebook_pages(notebooks: Path) -> list[str]:
    """The page each notebook of a folder becomes: notebooks/01_data.ipynb -> notebooks/01_data.html."""
    return sorted(f"{notebooks.name}/{p.stem}.html" for p in notebooks.glob("*.ipynb"))


@functools.cache
def anchors_of(path: Path) -> frozenset[str]:
    """The ids (and old-style names) a page can be linked to with #..."""
    text = path.read_text(errors="replace")
    return frozenset(html.unescape(m) for m in re.findall(r'\s(?:id|name)="([^"]+)"', text))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # no log line per request
        pass


class LocalServer:
    """A static web server for one folder, on 127.0.0.1 at a free port, in a thread."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def check_link(site: Path, url: str, base: str) -> str | None:
    """The problem with a link to ``url`` on a page of ``site`` served at ``base``, or None.

    Links off the site are not followed (the test has no network).
    """
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != base:
        return None
    path = unquote(parts.path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return f"broken link to {path or '/'} (no such file in the site)"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in anchors_of(target):
        return f"broken link to {path}#{fragment} (the page has no such anchor)"
    return None


def check_page(browser: Any, site: Path, base: str, page: str, expected_navigation: list[str]) -> PageReport:
    """Open one page with the network cut off and read it."""
    report = PageReport(page)
    start = time.monotonic()
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    problems = report.problems

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url == base or url.startswith(base + "/"):
            request_route.continue_()
        else:
            problems.append(f"a request to the network was blocked: {url}")
            request_route.abort("blockedbyclient")

    context.route("**/*", route)
    browser_page = context.new_page()
    browser_page.set_default_timeout(PAGE_TIMEOUT_MS)
    browser_page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    browser_page.on(
        "response",
        lambda response: response.status >= 400
        and problems.append(f"HTTP {response.status} for {response.url.removeprefix(base)}"),
    )
    browser_page.on(
        "console",
        lambda message: message.text.startswith("MathJax") and problems.append(f"console: {message.text[:300]}"),
    )
    try:
        browser_page.goto(f"{base}/{page}")
        seen = browser_page.evaluate(READ_PAGE_JS)
        browser_page.wait_for_load_state("networkidle")  # MathJax loads fonts and its speech engine late
    finally:
        context.close()
    problems.extend(seen["found"])
    report.equations = seen["equations"]
    report.images = seen["images"]
    for url in dict.fromkeys(seen["links"]):
        problem = check_link(site, url, base)
        if problem:
            problems.append(problem)
        elif urlsplit(url).netloc == urlsplit(base).netloc:
            report.links += 1
    report.navigation = sorted({unquote(urlsplit(url).path).lstrip("/") for url in seen["navigation"]})
    for expected in expected_navigation:
        if expected not in report.navigation:
            problems.append(f"{expected} is missing from the navigation")
    report.problems[:] = list(dict.fromkeys(problems))  # a picture asked for twice fails twice: say it once
    report.seconds = time.monotonic() - start
    REPORTS.append(report)
    return report


def chromium_version() -> str:
    try:
        answer = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=60)
    except OSError as error:
        return f"not runnable ({error})"
    return answer.stdout.strip() or answer.stderr.strip()[:200]


def playwright_version() -> str:
    try:
        return importlib.metadata.version("playwright")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"
