"""Build the series' website: every notebook as a page, from its stored outputs.

Run ``make site`` (or ``.venv/bin/python website/build.py``) after ``npm ci --prefix website``;
the site lands in build/site/ and opens from any static web server, with no network.

The steps:

1. stage: a source folder (build/site-src/) laid out like the repository, holding
   index.md (the README, followed by the navigation: every notebooks/*.ipynb, chapters
   first, then appendices), the notebooks themselves, the README's pictures and
   data/README.md. A notebook added to notebooks/ is on the site at the next build.
2. Sphinx with myst-nb turns it into HTML (website/conf.py). Nothing is executed:
   the pages show the outputs stored in the notebooks. Any Sphinx warning (a link
   to a page that does not exist, say) fails the build.
3. MathJax and its font, installed from website/package-lock.json by ``npm ci``,
   are copied into the site (_static/mathjax/), so equations need no network either.

This file uses only the standard library (Sphinx runs in a subprocess), so the
unit tests of tests/test_website_build.py run without the site's requirements.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEBSITE = Path(__file__).resolve().parent
NODE_MODULES = WEBSITE / "node_modules"
SOURCE = ROOT / "build" / "site-src"
OUT = ROOT / "build" / "site"

# Besides the README (the home page) and the notebooks, these files of the repository
# are pages of the site: the README and the notebooks link to them.
EXTRA_PAGES = ["data/README.md"]
# Folders of pictures the README shows.
PICTURES = ["images/readme"]

# What of the two npm packages a browser needs: MathJax's browser components (one
# combined component, the pieces it loads on demand, the speech-rule engine of its
# accessibility tools) and the CHTML version of the default font. Node-only files, the
# SVG font and the other combined components stay out. Paths are relative to node_modules.
MATHJAX_ENTRY = "tex-mml-chtml.js"
MATHJAX_FILES = [
    "mathjax/LICENSE",
    "mathjax/package.json",
    f"mathjax/{MATHJAX_ENTRY}",
    "mathjax/a11y",
    "mathjax/adaptors",
    "mathjax/input",
    "mathjax/output",
    "mathjax/sre",
    "mathjax/ui",
]
FONT_FILES = [
    "@mathjax/mathjax-newcm-font/package.json",
    "@mathjax/mathjax-newcm-font/chtml.js",
    "@mathjax/mathjax-newcm-font/chtml",
]
# Where they land in the site: MathJax at _static/mathjax/, the font under it, where
# website/conf.py tells MathJax's loader to look for fonts ("[mathjax]/fonts").
MATHJAX_DIR = "_static/mathjax"
FONTS_DIR = f"{MATHJAX_DIR}/fonts"


def notebook_pages(notebooks: Path) -> list[str]:
    """The notebooks of a folder, as paths relative to its parent, in reading order.

    Chapters (names starting with a digit: 01_data, ...) come first, then the
    appendices (A1_..., ...), each group sorted by name.
    """
    names = sorted(p.name for p in notebooks.glob("*.ipynb"))
    chapters = [n for n in names if n[0].isdigit()]
    appendices = [n for n in names if not n[0].isdigit()]
    return [f"{notebooks.name}/{n}" for n in chapters + appendices]


def is_chapter(page: str) -> bool:
    return Path(page).name[0].isdigit()


def toctree(caption: str, pages: list[str]) -> str:
    """A MyST toctree of ``pages`` (paths with their suffix, relative to the index)."""
    entries = "\n".join(str(Path(page).with_suffix("")) for page in pages)
    return f"```{{toctree}}\n:caption: {caption}\n:hidden:\n:maxdepth: 1\n\n{entries}\n```\n"


def index_markdown(readme: str, notebooks: list[str], extra_pages: list[str]) -> str:
    """The home page: the README as it is, then the site's navigation (hidden from the page)."""
    chapters = [page for page in notebooks if is_chapter(page)]
    appendices = [page for page in notebooks if not is_chapter(page)]
    navigation = [toctree("Chapters", chapters)]
    if appendices:
        navigation.append(toctree("Appendices", appendices))
    if extra_pages:
        navigation.append(toctree("Data", extra_pages))
    return readme.rstrip("\n") + "\n\n" + "\n".join(navigation)


def staged_files(root: Path) -> dict[str, Path | str]:
    """What Sphinx's source folder holds: relative path -> a file of the repository, or a text."""
    notebooks = notebook_pages(root / "notebooks")
    if not notebooks:
        raise SystemExit(f"no notebooks in {root / 'notebooks'}")
    extra_pages = [page for page in EXTRA_PAGES if (root / page).is_file()]
    readme = (root / "README.md").read_text()
    files: dict[str, Path | str] = {"index.md": index_markdown(readme, notebooks, extra_pages)}
    for page in notebooks + extra_pages:
        files[page] = root / page
    for folder in PICTURES:
        for picture in sorted((root / folder).glob("*")):
            if picture.is_file():
                files[picture.relative_to(root).as_posix()] = picture
    return files


def stage(root: Path, source: Path) -> list[str]:
    """Lay out Sphinx's source folder from the repository at ``root``; return what it holds.

    Sphinx re-reads a file whose modification time is newer than its last build: a file
    whose content changed is written anew (so it is newer, even if the repository's copy is
    older), one that did not is left alone; a file gone from the repository (a deleted
    notebook) is removed.
    """
    files = staged_files(root)
    source.mkdir(parents=True, exist_ok=True)
    for relative, origin in files.items():
        target = source / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(origin, str):
            if not target.is_file() or target.read_text() != origin:
                target.write_text(origin)
        elif not target.is_file() or target.read_bytes() != origin.read_bytes():
            shutil.copyfile(origin, target)  # a new modification time, even for an older file (a checkout)
    for stale in sorted(source.rglob("*"), reverse=True):  # deepest first, so emptied folders go too
        relative = stale.relative_to(source).as_posix()
        if stale.is_file() and relative not in files:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return sorted(files)


def mathjax_copies(node_modules: Path, out: Path) -> list[tuple[Path, Path]]:
    """(from, to) for each file or folder of MathJax and its font that the site needs."""
    pairs = []
    for name in MATHJAX_FILES:
        pairs.append((node_modules / name, out / MATHJAX_DIR / Path(name).relative_to("mathjax")))
    for name in FONT_FILES:
        relative = Path(name).relative_to("@mathjax")
        pairs.append((node_modules / name, out / FONTS_DIR / relative))
    return pairs


def check_mathjax(node_modules: Path) -> None:
    """Stop unless ``npm ci`` installed the MathJax that website/package.json asks for."""
    missing = [str(source) for source, _ in mathjax_copies(node_modules, Path()) if not source.exists()]
    if missing:
        raise SystemExit(
            "MathJax is not installed: run `npm ci --prefix website` (or `make site`).\nMissing: " + ", ".join(missing)
        )
    installed = json.loads((node_modules / "mathjax" / "package.json").read_text())["version"]
    wanted = json.loads((WEBSITE / "package.json").read_text())["dependencies"]["mathjax"]
    if installed != wanted:
        raise SystemExit(f"website/node_modules has MathJax {installed}, package.json wants {wanted}: run npm ci")


def copy_mathjax(node_modules: Path, out: Path) -> None:
    """Copy MathJax into the built site (it must have been installed with ``npm ci``)."""
    check_mathjax(node_modules)
    shutil.rmtree(out / MATHJAX_DIR, ignore_errors=True)
    for source, target in mathjax_copies(node_modules, out):
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def sphinx(source: Path, out: Path, root: Path) -> None:
    """Run Sphinx (HTML, warnings are errors) with the settings of website/conf.py."""
    doctrees = out.with_name(out.name + "-doctrees")  # Sphinx's cache, kept out of the published site
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q"]
    command += ["-c", str(WEBSITE), "-d", str(doctrees), str(source), str(out)]
    subprocess.run(command, check=True, env=os.environ | {"SITE_REPOSITORY": str(root)})


def build(root: Path = ROOT, source: Path = SOURCE, out: Path = OUT, node_modules: Path = NODE_MODULES) -> None:
    check_mathjax(node_modules)  # before Sphinx's few seconds, not after
    stage(root, source)
    # A fresh output folder, so a page of a deleted notebook is not left behind; Sphinx's
    # cache (next to it) still spares it re-reading the notebooks that did not change.
    shutil.rmtree(out, ignore_errors=True)
    sphinx(source, out, root)
    copy_mathjax(node_modules, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository to build (default: this one)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the site goes (default: build/site)")
    parser.add_argument("--source", type=Path, default=None, help="Sphinx's staging folder (default: OUT-src)")
    args = parser.parse_args(argv)
    source = args.source or args.out.with_name(args.out.name + "-src")
    start = time.monotonic()
    try:
        build(args.root.resolve(), source.resolve(), args.out.resolve())
    except subprocess.CalledProcessError as error:
        print(f"Sphinx failed (exit status {error.returncode}); see its messages above.", file=sys.stderr)
        return 1
    print(f"built {args.out} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
