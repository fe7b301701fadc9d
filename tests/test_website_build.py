"""website/build.py lays out the site's source and its MathJax copy (no Sphinx needed here).

The build itself, and the site in a browser, are tested by tests/site (`make site-test`).
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import pytest

from website import build

ROOT = Path(__file__).resolve().parent.parent

README = "# A series\n\nRead [the first chapter](notebooks/01_data.ipynb).\n"


def make_repository(root: Path, notebooks: list[str]) -> Path:
    (root / "notebooks").mkdir(parents=True)
    for name in notebooks:
        (root / "notebooks" / name).write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4}))
    (root / "images" / "readme").mkdir(parents=True)
    (root / "images" / "readme" / "01_data.png").write_bytes(b"\x89PNG")
    (root / "data").mkdir()
    (root / "data" / "README.md").write_text("# The data\n")
    (root / "README.md").write_text(README)
    return root


def test_chapters_come_first_then_appendices(tmp_path: Path) -> None:
    repository = make_repository(tmp_path, ["A1_checks.ipynb", "02_math.ipynb", "08_next.ipynb", "01_data.ipynb"])
    assert build.notebook_pages(repository / "notebooks") == [
        "notebooks/01_data.ipynb",
        "notebooks/02_math.ipynb",
        "notebooks/08_next.ipynb",
        "notebooks/A1_checks.ipynb",
    ]


def test_the_home_page_is_the_readme_then_every_notebook_in_the_navigation() -> None:
    notebooks = ["notebooks/01_data.ipynb", "notebooks/02_math.ipynb", "notebooks/A1_checks.ipynb"]
    index = build.index_markdown(README, notebooks, ["data/README.md"])
    assert index.startswith(README)  # the README unchanged, so its relative links work as on GitHub
    trees = index[len(README) :].split("```{toctree}")[1:]
    assert [tree.split("\n")[1] for tree in trees] == [":caption: Chapters", ":caption: Appendices", ":caption: Data"]
    assert all(":hidden:" in tree for tree in trees)  # in the sidebar, not printed under the README
    entries = [line for tree in trees for line in tree.split("\n\n", 1)[1].split("```")[0].split()]
    assert entries == ["notebooks/01_data", "notebooks/02_math", "notebooks/A1_checks", "data/README"]


def test_no_appendix_section_without_appendices() -> None:
    index = build.index_markdown(README, ["notebooks/01_data.ipynb"], [])
    assert index.count("```{toctree}") == 1 and "Appendices" not in index


def test_staging_copies_what_the_site_shows_and_drops_what_left(tmp_path: Path) -> None:
    repository = make_repository(tmp_path / "repository", ["01_data.ipynb", "02_math.ipynb"])
    source = tmp_path / "source"
    staged = build.stage(repository, source)
    assert staged == [
        "data/README.md",
        "images/readme/01_data.png",
        "index.md",
        "notebooks/01_data.ipynb",
        "notebooks/02_math.ipynb",
    ]
    copied = source / "notebooks" / "02_math.ipynb"
    assert copied.read_bytes() == (repository / "notebooks" / "02_math.ipynb").read_bytes()
    assert "notebooks/02_math" in (source / "index.md").read_text()

    unchanged = (source / "notebooks" / "01_data.ipynb").stat().st_mtime_ns
    (repository / "notebooks" / "02_math.ipynb").unlink()
    (repository / "notebooks" / "A1_checks.ipynb").write_text("{}")
    build.stage(repository, source)
    assert sorted(p.name for p in (source / "notebooks").iterdir()) == ["01_data.ipynb", "A1_checks.ipynb"]
    assert "notebooks/02_math" not in (source / "index.md").read_text()
    assert (source / "notebooks" / "01_data.ipynb").stat().st_mtime_ns == unchanged  # Sphinx will not re-read it


def test_a_changed_file_is_newer_than_the_last_build_even_if_its_origin_is_older(tmp_path: Path) -> None:
    """Sphinx re-reads a file only if it is newer than its last build: an older version (a checkout) must be too."""
    repository = make_repository(tmp_path / "repository", ["01_data.ipynb"])
    source = tmp_path / "source"
    build.stage(repository, source)
    staged = source / "notebooks" / "01_data.ipynb"
    last_build = staged.stat().st_mtime
    notebook = repository / "notebooks" / "01_data.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "markdown"}], "metadata": {}, "nbformat": 4}))
    os.utime(notebook, (last_build - 3600, last_build - 3600))
    build.stage(repository, source)
    assert staged.read_bytes() == notebook.read_bytes() and staged.stat().st_mtime >= last_build


def test_a_repository_without_notebooks_is_an_error(tmp_path: Path) -> None:
    repository = make_repository(tmp_path / "repository", [])
    with pytest.raises(SystemExit, match="no notebooks"):
        build.stage(repository, tmp_path / "source")


def test_the_series_itself_is_staged_whole() -> None:
    staged = build.staged_files(ROOT)
    notebooks = sorted(f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks and set(notebooks) <= set(staged)
    pictures = re.findall(r"!\[[^\]]*\]\((images/[^)\s]+)\)", (ROOT / "README.md").read_text())
    assert pictures and set(pictures) <= set(staged)


def fake_node_modules(root: Path, version: str = "4.1.3") -> Path:
    """The layout `npm ci` gives, with one small file where each real file or folder is."""
    for name in build.MATHJAX_FILES + build.FONT_FILES:
        path = root / name
        if path.suffix:  # a file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"version": version}) if path.name == "package.json" else "x")
        else:
            path.mkdir(parents=True, exist_ok=True)
            (path / "part.js").write_text("x")
    return root


def test_mathjax_and_its_font_land_where_conf_py_points(tmp_path: Path) -> None:
    node_modules = fake_node_modules(tmp_path / "node_modules")
    out = tmp_path / "site"
    build.copy_mathjax(node_modules, out)
    assert (out / "_static" / "mathjax" / "tex-mml-chtml.js").is_file()
    assert (out / "_static" / "mathjax" / "sre" / "part.js").is_file()
    assert (out / "_static" / "mathjax" / "fonts" / "mathjax-newcm-font" / "chtml" / "part.js").is_file()
    # website/conf.py: mathjax_path is relative to _static/, the fonts path relative to MathJax's folder.
    settings = conf_values("mathjax_path", "mathjax4_config")
    assert out / "_static" / settings["mathjax_path"] == out / build.MATHJAX_DIR / build.MATHJAX_ENTRY
    fonts = settings["mathjax4_config"]["loader"]["paths"]["fonts"]
    assert fonts.replace("[mathjax]", build.MATHJAX_DIR) == build.FONTS_DIR


def test_mathjax_not_installed_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="npm ci --prefix website"):
        build.copy_mathjax(tmp_path / "node_modules", tmp_path / "site")


def test_an_installed_mathjax_of_another_version_is_refused(tmp_path: Path) -> None:
    node_modules = fake_node_modules(tmp_path / "node_modules", version="3.2.2")
    with pytest.raises(SystemExit, match="MathJax 3.2.2"):
        build.copy_mathjax(node_modules, tmp_path / "site")


def test_the_npm_lockfile_pins_what_package_json_asks_for() -> None:
    package = json.loads((ROOT / "website" / "package.json").read_text())
    lock = json.loads((ROOT / "website" / "package-lock.json").read_text())
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    for name, version in package["dependencies"].items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version  # an exact version, no range


def conf_values(*names: str) -> dict:
    """Literal settings of website/conf.py, read without importing it (Sphinx is not needed here)."""
    tree = ast.parse((ROOT / "website" / "conf.py").read_text())
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in names:
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def test_the_notebooks_are_never_executed() -> None:
    assert conf_values("nb_execution_mode") == {"nb_execution_mode": "off"}
