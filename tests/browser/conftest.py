"""Run notebooks the way a learner does: in a real JupyterLab, in a real browser.

nbval (``make test``) proves that every stored output comes back when a notebook
is re-executed, but it never looks at the page. These fixtures start
JupyterLab on loopback, open a notebook in headless Chromium, click
Edit > Clear Outputs of All Cells and Run > Run All Cells, wait for the kernel
to finish, and then read the page: an error or stderr output, an equation that
MathJax could not typeset, a ``$$`` left raw, a cell that never ran, a dialog
(kernel died), or a run that took too long is a problem. A full-page
screenshot of each notebook is saved for reviewers.

The folder is left out of the default ``pytest tests`` run (see pyproject.toml);
run it with ``make browser-test``. It needs the system's Chromium
(Debian: ``apt-get install chromium``) and the packages in
requirements-browser.txt; it never downloads a browser of its own. Without either it fails, never
skips, and the run as a whole fails if any test was skipped; the report names the Chromium and
Playwright versions it ran with.

Settings (environment variables):
    BROWSER_NOTEBOOKS  folder whose *.ipynb are checked (default: notebooks/)
    BROWSER_TIMEOUT    seconds one notebook may take to run (default: 900)
    CHROMIUM           the browser executable (default: /usr/bin/chromium)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = Path(sys.executable).parent / "jupyter"
NOTEBOOK_TIMEOUT = float(os.environ.get("BROWSER_TIMEOUT", 15 * 60))
SCREENSHOTS = ROOT / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
# Chromium draws one screenshot up to about this height; a longer notebook is
# saved in several pictures (name.png, name-2.png, ...).
SCREENSHOT_MAX_HEIGHT = 16000

# JupyterLab user settings for the test's throwaway settings folder:
# - every cell stays in the page (the default windowing leaves off-screen cells
#   out of the page or unpainted, so they could be neither checked nor pictured),
#   and no blank space after the last cell;
# - never autosave: running the notebook must not rewrite the committed file;
# - no news or update checks (no network, no pop-up over the page).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}

# Read every problem the page shows, cell by cell (cell numbers count from 0,
# like the cells of the .ipynb file).
FIND_PROBLEMS_JS = r"""
() => {
  const found = [];
  const short = (text) => text.trim().replace(/\s+/g, ' ').slice(0, 300);
  // MathJax's CHTML output draws each character from a class name: mjx-c5C is "\".
  const mathText = (el) => [...el.querySelectorAll('mjx-c, mjx-utext')].map((c) => {
    if (c.tagName.toLowerCase() === 'mjx-utext') return c.textContent;
    const hex = [...c.classList].map((k) => k.match(/^mjx-c([0-9A-F]+)$/)).find((m) => m);
    return hex ? String.fromCodePoint(parseInt(hex[1], 16)) : '';
  }).join('');
  const cells = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell');
  cells.forEach((cell, i) => {
    // An exception's traceback and anything printed to stderr are both drawn
    // with the stderr MIME type; error outputs also get their own class.
    const bad = cell.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
      + '.jp-OutputArea-output.jp-mod-error, .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]');
    bad.forEach((o) => found.push(`cell ${i}: error or stderr output: ${short(o.innerText)}`));
    // MathJax 3 draws an unknown macro as red text and a TeX error as <mjx-merror>.
    cell.querySelectorAll('mjx-merror').forEach((m) =>
      found.push(`cell ${i}: MathJax error: ${m.getAttribute('data-mjx-error')}: ${short(mathText(m))}`));
    cell.querySelectorAll('mjx-mtext').forEach((m) => {
      if (/(^|;)\s*color\s*:/i.test(m.getAttribute('style') || '')) {
        found.push(`cell ${i}: MathJax could not render ${short(mathText(m))}`);
      }
    });
    // Math that MathJax never found (an unclosed brace, a lone $$) stays raw in the text.
    cell.querySelectorAll('.jp-RenderedMarkdown').forEach((md) => {
      const copy = md.cloneNode(true);
      copy.querySelectorAll('mjx-container, pre, code, script').forEach((n) => n.remove());
      const text = copy.textContent;
      if (text.includes('$$')) found.push(`cell ${i}: raw $$ left in the rendered text: ${short(text)}`);
      const command = text.match(/\\[a-zA-Z]{2,}/);
      if (command) found.push(`cell ${i}: raw TeX ${command[0]} left in the rendered text: ${short(text)}`);
    });
  });
  return found;
}
"""

# The prompt of every cell: "" for Markdown, the number, "*" (running/queued) or " ".
PROMPTS_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')].map(
  (cell) => {
    if (!cell.classList.contains('jp-CodeCell')) return null;
    const prompt = cell.querySelector('.jp-InputArea-prompt');
    return prompt ? prompt.textContent.replace(/[\\[\\]:\\s]/g, '') : '';
  })
"""

# How much math is on the page and how much raw $$ is left (MathJax works
# asynchronously; the page is read once these numbers stop changing).
MATH_STATE_JS = """
() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return [-1, -1];
  let raw = 0;
  panel.querySelectorAll('.jp-RenderedMarkdown').forEach((md) => {
    raw += (md.textContent.match(/\\$\\$/g) || []).length;
  });
  return [panel.querySelectorAll('mjx-container').length, raw];
}
"""

# Height the page must have to show the whole notebook without scrolling.
FULL_HEIGHT_JS = """
() => {
  const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  if (!outer) return window.innerHeight;
  return Math.ceil(outer.scrollHeight - outer.clientHeight + window.innerHeight);
}
"""


@dataclass
class LabRun:
    """What one notebook did in the browser."""

    notebook: str
    seconds: float = 0.0  # from Run All Cells to the kernel's last idle
    problems: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)  # JavaScript errors, for information


RUNS: list[LabRun] = []  # every run of the session, for the timing table at the end


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class LabServer:
    """A JupyterLab serving ``root`` on loopback, with throwaway settings and state."""

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root = root
        self.scratch = scratch
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = scratch / "jupyterlab.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def _environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "IPYTHON"))}
        dirs = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
            "IPYTHONDIR": "ipython",
        }
        for name, sub in dirs.items():
            path = self.scratch / sub
            path.mkdir(parents=True, exist_ok=True)
            env[name] = str(path)
        for plugin, values in LAB_SETTINGS.items():
            settings = self.scratch / "lab-settings" / f"{plugin}.jupyterlab-settings"
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text(json.dumps(values))
        return env

    def start(self, timeout: float = 180) -> None:
        command = [
            str(JUPYTER), "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]  # fmt: skip
        if os.geteuid() == 0:
            command.append("--allow-root")
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            command, cwd=self.root, env=self._environment(), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited at start:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method: str, path: str, body: Any = None) -> Any:
        """Call the server's REST API; return the decoded JSON answer (or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
        return json.loads(raw) if raw else None

    def session_for(self, relpath: str) -> dict | None:
        for session in self.api("GET", "/api/sessions"):
            if session.get("path") == relpath and session.get("kernel"):
                return session
        return None

    def kernel_state(self, kernel_id: str) -> str:
        try:
            return self.api("GET", f"/api/kernels/{kernel_id}")["execution_state"]
        except urllib.error.HTTPError:
            return "gone"

    def shutdown_kernels(self) -> None:
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def stop(self) -> None:
        """Shut the kernels and the server down; kill what is left of them."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                self.shutdown_kernels()
                self.api("POST", "/api/shutdown")
                self.proc.wait(timeout=30)
            except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
                pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._kill_leftover_kernels()

    def _kill_leftover_kernels(self) -> None:
        """Kernels run in sessions of their own; find ours by their connection file."""
        marker = str(self.scratch / "runtime").encode()
        for proc_dir in Path("/proc").glob("[0-9]*"):
            try:
                if marker in (proc_dir / "cmdline").read_bytes():
                    os.kill(int(proc_dir.name), signal.SIGKILL)
            except (OSError, ValueError):
                continue


def _exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _click_menu(page: Any, menu: str, item: str) -> None:
    """Open a menu of the menu bar and click one of its items, like a person does."""
    page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text=_exactly(menu)).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=_exactly(item))
    page.locator(".lm-Menu .lm-Menu-item:visible").filter(has=label).click()


def _wait(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.25) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


def _screenshot(page: Any, path: Path) -> list[Path]:
    """Save the whole notebook: make the window as tall as the notebook, then shoot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    left = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if left.count():
        left.first.click()  # fold the file browser away: more room for the notebook
    page.wait_for_timeout(300)
    height = page.evaluate(FULL_HEIGHT_JS)
    pictures = []
    parts = max(1, -(-height // SCREENSHOT_MAX_HEIGHT))
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(height, SCREENSHOT_MAX_HEIGHT)})
    page.wait_for_timeout(1000)
    for part in range(parts):
        # Run All leaves the notebook scrolled to its last cell: start from the top.
        page.evaluate(
            """(y) => { const o = document.querySelector(
              '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer'); if (o) o.scrollTop = y; }""",
            part * (SCREENSHOT_MAX_HEIGHT - 200),
        )
        page.wait_for_timeout(500)
        target = path if part == 0 else path.with_name(f"{path.stem}-{part + 1}{path.suffix}")
        page.screenshot(path=str(target), full_page=True)
        pictures.append(target)
    return pictures


def run_notebook_in_lab(
    browser: Any, server: LabServer, notebook: Path, screenshot: Path | None, timeout: float = NOTEBOOK_TIMEOUT
) -> LabRun:
    """Open ``notebook`` in ``server``'s JupyterLab, run all cells, and read the page."""
    relpath = notebook.resolve().relative_to(server.root.resolve()).as_posix()
    run = LabRun(notebook=relpath)
    cells = json.loads(notebook.read_text())["cells"]
    # Empty code cells get no execution count in JupyterLab; they need not run.
    to_run = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    digest = file_digest(notebook)
    # JupyterLab saves a checkpoint copy when it opens a file; remove the ones this run made.
    checkpoint = notebook.parent / ".ipynb_checkpoints" / f"{notebook.stem}-checkpoint.ipynb"
    had_checkpoint = checkpoint.exists()
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.on("pageerror", lambda error: run.page_errors.append(str(error)))
    session = None
    try:
        page.goto(f"{server.url}/lab/tree/{quote(relpath)}?reset&token={server.token}")
        _wait(lambda: len(page.evaluate(PROMPTS_JS)) == len(cells), 180, "the notebook to appear")
        session = _wait(lambda: server.session_for(relpath), 120, "a kernel for the notebook")
        kernel_id = session["kernel"]["id"]
        _wait(lambda: server.kernel_state(kernel_id) == "idle", 120, "the kernel to start")
        page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current").first.click()

        _click_menu(page, "Edit", "Clear Outputs of All Cells")
        _wait(lambda: not any(page.evaluate(PROMPTS_JS)[i].isdigit() for i in to_run), 30, "outputs to clear")
        start = time.monotonic()
        _click_menu(page, "Run", "Run All Cells")

        idle_since = None
        while True:
            prompts = page.evaluate(PROMPTS_JS)
            state = server.kernel_state(kernel_id)
            now = time.monotonic()
            if page.locator(".jp-Dialog").count():
                run.problems.append(f"a dialog opened: {page.locator('.jp-Dialog').first.inner_text()[:300]}")
                break
            if state in ("dead", "gone"):
                run.problems.append("the kernel died")
                break
            busy = state != "idle" or "*" in prompts
            if not busy and all(prompts[i].isdigit() for i in to_run):
                break  # every cell ran
            # Idle with cells left unrun: execution stopped (an exception); a short
            # grace period lets the page catch up with the kernel first.
            idle_since = None if busy else (idle_since or now)
            if idle_since is not None and now - idle_since > 3:
                break
            if now - start > timeout:
                run.problems.append(f"still running after {timeout:.0f} s")
                break
            time.sleep(0.5)
        run.seconds = time.monotonic() - start

        never_ran = [i for i in to_run if not prompts[i].isdigit()]
        if never_ran and not run.problems:
            run.problems.append(f"cells {never_ran} never ran (execution stopped early)")
        # Let MathJax finish: read the page once the amount of math stops changing.
        previous: list[int] = []
        for _ in range(60):
            current = page.evaluate(MATH_STATE_JS)
            if current == previous:
                break
            previous = current
            page.wait_for_timeout(1000)
        run.problems.extend(page.evaluate(FIND_PROBLEMS_JS))
        if screenshot is not None:
            run.screenshots = _screenshot(page, screenshot)
    finally:
        context.close()
        session = session or server.session_for(relpath)
        if session is not None:
            server.api("DELETE", f"/api/sessions/{session['id']}")  # shuts its kernel down
    if file_digest(notebook) != digest:
        run.problems.append("the notebook file changed on disk during the run (saved by JupyterLab or another program)")
    if not had_checkpoint and checkpoint.exists():
        checkpoint.unlink()
        if not any(checkpoint.parent.iterdir()):
            checkpoint.parent.rmdir()
    RUNS.append(run)
    return run


# What the run used, for the report: {"Chromium": version, "Playwright": version}.
RAN_WITH: dict[str, str] = {}


def playwright_version() -> str | None:
    """The installed Playwright's version, or None."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("playwright")
    except PackageNotFoundError:
        return None


def chromium_version() -> str | None:
    """What the browser executable says of itself (``chromium --version``), or None."""
    if not CHROMIUM.exists():
        return None
    try:
        result = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None


def pytest_report_header() -> list[str]:
    chromium = chromium_version() or f"not found at {CHROMIUM}"
    return [f"chromium: {chromium}", f"playwright: {playwright_version() or 'not installed'}"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system, driven by Playwright: a test fails, never skips, without them."""
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install it (Debian: apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.fail(f"Playwright is not installed ({error}): pip install -r requirements-browser.txt")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        RAN_WITH.update({"Chromium": chromium.version, "Playwright": playwright_version() or "?"})
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Path], LabServer]]:
    """A factory: ``lab_server(root)`` gives a running JupyterLab serving ``root`` (one per root)."""
    servers: dict[Path, LabServer] = {}

    def serve(root: Path) -> LabServer:
        root = root.resolve()
        if root not in servers:
            server = LabServer(root, tmp_path_factory.mktemp("jupyterlab"))
            servers[root] = server
            server.start()
        return servers[root]

    yield serve
    for server in servers.values():
        server.stop()


@pytest.fixture
def run_in_lab(browser: Any, lab_server: Callable[[Path], LabServer]) -> Callable[..., LabRun]:
    """``run_in_lab(notebook, root=..., screenshot=..., timeout=...)`` -> LabRun."""

    def run(
        notebook: Path, root: Path = ROOT, screenshot: Path | None = None, timeout: float = NOTEBOOK_TIMEOUT
    ) -> LabRun:
        return run_notebook_in_lab(browser, lab_server(root), notebook, screenshot, timeout)

    return run


@pytest.fixture
def lab_page_tools() -> dict[str, Any]:
    """This file's page helpers, for a test that keeps driving a notebook after Run All (test_sliders.py)."""
    return {
        "click_menu": _click_menu,
        "wait": _wait,
        "prompts_js": PROMPTS_JS,
        "find_problems_js": FIND_PROBLEMS_JS,
        "viewport": VIEWPORT,
        "file_digest": file_digest,
    }


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A skipped browser test counts as a failure: this check must not pass without running."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """What the run used, whether any test was skipped, and how long each notebook took in the browser."""
    if RAN_WITH:
        terminalreporter.write_line(", ".join(f"ran with {name} {version}" for name, version in RAN_WITH.items()))
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_line(f"FAILED: {len(skipped)} browser test(s) skipped; none may be", red=True)
    if not RUNS:
        return
    terminalreporter.section("notebooks in JupyterLab (seconds from Run All to done)")
    for run in RUNS:
        verdict = "ok" if not run.problems else f"{len(run.problems)} problem(s)"
        pictures = ", ".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else p.name for p in run.screenshots)
        terminalreporter.write_line(f"{run.seconds:8.1f}  {run.notebook}  {verdict}  {pictures}")
