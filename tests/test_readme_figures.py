"""scripts/export_readme_figures.py copies the tagged figure of each notebook, byte for byte."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from pathlib import Path

import pytest

from scripts import export_readme_figures

ROOT = Path(__file__).resolve().parent.parent


def tiny_png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size, built by hand (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def write_notebook(path: Path, cells: list[dict]) -> None:
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def code_cell(tags: list[str], outputs: list[dict]) -> dict:
    metadata = {"tags": tags} if tags else {}
    return {"cell_type": "code", "metadata": metadata, "source": "", "outputs": outputs, "execution_count": 1}


def image_output(png: bytes) -> dict:
    encoded = base64.b64encode(png).decode()
    return {"output_type": "display_data", "metadata": {}, "data": {"image/png": encoded, "text/plain": "<Figure>"}}


def test_the_tagged_figure_is_written_byte_for_byte(tmp_path: Path, capsys) -> None:
    notebooks, out = tmp_path / "notebooks", tmp_path / "readme"
    notebooks.mkdir()
    wanted, other = tiny_png(3, 2), tiny_png(5, 5)
    write_notebook(
        notebooks / "01_data.ipynb",
        [code_cell([], [image_output(other)]), code_cell(["readme-figure"], [image_output(wanted)])],
    )
    write_notebook(notebooks / "02_math.ipynb", [code_cell([], [image_output(other)])])
    assert export_readme_figures.export(notebooks, out) == 0
    assert sorted(p.name for p in out.iterdir()) == ["01_data.png"]
    assert (out / "01_data.png").read_bytes() == wanted
    printed = capsys.readouterr().out
    assert "01_data.ipynb: wrote" in printed and "(3 x 2 px" in printed and "from cell 1" in printed
    assert "02_math.ipynb: no cell tagged 'readme-figure', skipped" in printed
    # A second run finds nothing to change.
    assert export_readme_figures.export(notebooks, out) == 0
    assert "01_data.ipynb: unchanged" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ([code_cell(["readme-figure"], [])], "cell 0 is tagged 'readme-figure' but has no PNG output"),
        ([code_cell(["readme-figure"], [image_output(tiny_png(1, 1))])] * 2, "2 cells are tagged"),
        ([code_cell(["readme-figure"], [image_output(b"GIF89a not a png")])], "not a PNG image"),
    ],
    ids=["no-image", "two-tagged", "not-png"],
)
def test_a_bad_tag_is_an_error(tmp_path: Path, capsys, cells: list[dict], message: str) -> None:
    write_notebook(tmp_path / "01_data.ipynb", cells)
    assert export_readme_figures.export(tmp_path, tmp_path / "readme") == 1
    assert message in capsys.readouterr().out
    assert not (tmp_path / "readme" / "01_data.png").exists()


TAGGED = [
    p
    for p in sorted((ROOT / "notebooks").glob("*.ipynb"))
    if export_readme_figures.tagged_cells(json.loads(p.read_text()))
]


@pytest.mark.parametrize("notebook", TAGGED, ids=[p.name for p in TAGGED])
def test_each_tagged_notebook_has_a_png_figure(notebook: Path) -> None:
    cell, png = export_readme_figures.readme_figure(notebook)
    width, height = export_readme_figures.png_size(png)
    assert width > 100 and height > 100, f"{notebook.name} cell {cell}: a {width} x {height} px figure"
