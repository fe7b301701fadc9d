"""Sphinx settings for the series' website; website/build.py runs Sphinx with them.

The notebooks are rendered by myst-nb from their stored outputs (nothing is
executed) with sphinx-book-theme; equations are typeset in the reader's browser
by MathJax 4, served from the site itself (build.py copies it in).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

# The repository on GitHub. In a fork, put your own owner/repo here (as in the README's Binder badge).
REPOSITORY = "nn-from-scratch/nn-from-scratch"
BRANCH = "main"
REPOSITORY_URL = f"https://github.com/{REPOSITORY}"
# The repository whose files the pages link to (build.py sets it; by default, this one).
REPOSITORY_ROOT = Path(os.environ.get("SITE_REPOSITORY", Path(__file__).resolve().parent.parent))

project = "Neural networks from scratch"
author = "the Neural networks from scratch authors"  # as in LICENSE
copyright = "2026 the Neural networks from scratch authors (MIT licence)"

extensions = ["myst_nb", "sphinx.ext.githubpages"]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# Notebooks: show the stored outputs, never execute (the default, "auto", would run
# any notebook with an unexecuted cell).
nb_execution_mode = "off"
# Interactive widgets (ipywidgets) need a running kernel, which a static page has not: show the
# text a widget output carries instead, and load no widget JavaScript (myst-nb's default fetches
# it from CDNs, which would break the no-network rule for no gain).
nb_ipywidgets_js: dict = {}
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
# MyST: $...$ and $$...$$ math as in JupyterLab, and \begin{align} environments.
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# MathJax 4 from the site itself: build.py copies npm's mathjax package to
# _static/mathjax/ and its default font (mathjax-newcm) to _static/mathjax/fonts/.
# A relative mathjax_path is relative to _static/. MathJax's loader would fetch the
# font from a CDN ("fonts" path); "[mathjax]" is the folder this script came from.
mathjax_path = "mathjax/tex-mml-chtml.js"
mathjax4_config = {"loader": {"paths": {"fonts": "[mathjax]/fonts"}}}

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["website.css"]
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": REPOSITORY_URL,
    "repository_branch": BRANCH,
    "use_repository_button": True,
    "use_download_button": True,
    # Each notebook's page gets buttons to open it on Binder or Google Colab (the notebook's first cell sets it up).
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    "show_navbar_depth": 1,
    # The sidebar has the search field; without this the theme adds a second one in a top bar.
    "navbar_persistent": [],
    "home_page_in_toc": True,
    "footer_content_items": ["copyright.html"],  # the author is in the copyright line already
}


def repository_link(path: str, is_folder: bool) -> str:
    """The address on GitHub of a file or folder of the repository."""
    return f"{REPOSITORY_URL}/{'tree' if is_folder else 'blob'}/{BRANCH}/{path}"


class LinkRepositoryFiles(SphinxTransform):
    """A link to a file of the repository that is not a page (helpers/, LICENSE, a test) goes to GitHub.

    MyST leaves such a link as a reference it cannot resolve (Sphinx would warn);
    here it becomes a link to the file or folder on GitHub. A link to nothing in
    the repository is left alone, so Sphinx still reports it.
    """

    default_priority = 400

    def apply(self) -> None:
        folder = PurePosixPath(self.env.docname).parent
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") != "myst" or node.get("refdomain"):
                continue  # a link to a page, resolved by MyST
            target = node.get("reftarget", "")
            if not target or urlsplit(target).scheme or target.startswith("#"):
                continue
            path = os.path.normpath(folder / target.split("#")[0])
            if path.startswith(".."):
                continue
            on_disk = REPOSITORY_ROOT / path
            if not on_disk.exists():
                continue
            reference = nodes.reference("", "", *node.children, refuri=repository_link(path, on_disk.is_dir()))
            reference["classes"].append("repository-file")
            node.replace_self(reference)


class ExternalImagesAsText(SphinxTransform):
    """A picture from another site (the README's Binder badge) would need the network: show its text instead."""

    default_priority = 400

    def apply(self) -> None:
        for image in list(self.document.findall(nodes.image)):
            if urlsplit(image.get("uri", "")).scheme in ("http", "https"):
                image.replace_self(nodes.inline("", image.get("alt", "") or image["uri"], classes=["external-image"]))


def setup(app):
    app.add_transform(LinkRepositoryFiles)
    app.add_transform(ExternalImagesAsText)
