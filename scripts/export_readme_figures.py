"""Copy each notebook's README figure to images/readme/NN_name.png.

A notebook marks the one picture the README shows by tagging its cell
"readme-figure" (in JupyterLab: the property inspector's cell tags). This
script finds that cell's PNG output, decodes the base64 stored in the notebook
and writes it out. Nothing is re-executed, so the picture is exactly the one
the notebook shows and the same notebook always gives the same file.

Run: ``python scripts/export_readme_figures.py`` (or ``make readme-figures``).
A notebook without the tag is reported and skipped; a tagged cell without a
PNG output, or more than one tagged cell, is an error (exit status 1).
"""

from __future__ import annotations

import argparse
import base64
import json
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAG = "readme-figure"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def tagged_cells(notebook: dict) -> list[int]:
    """Numbers of the cells that carry the README tag."""
    return [i for i, cell in enumerate(notebook["cells"]) if TAG in cell.get("metadata", {}).get("tags", [])]


def png_of_cell(cell: dict) -> bytes | None:
    """The first PNG among a cell's outputs, decoded; None if it has none."""
    for output in cell.get("outputs", []):
        data = output.get("data", {}).get("image/png")
        if data is not None:
            text = "".join(data) if isinstance(data, list) else data
            return base64.b64decode(text)
    return None


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header; ValueError if the bytes are not a PNG."""
    if not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise ValueError("the output is not a PNG image")
    return struct.unpack(">II", png[16:24])


def readme_figure(path: Path) -> tuple[int, bytes] | None:
    """(cell number, PNG bytes) of the notebook's README figure; None if no cell is tagged."""
    notebook = json.loads(path.read_text())
    cells = tagged_cells(notebook)
    if not cells:
        return None
    if len(cells) > 1:
        raise ValueError(f"{len(cells)} cells are tagged {TAG!r} (cells {cells}); tag exactly one")
    png = png_of_cell(notebook["cells"][cells[0]])
    if png is None:
        raise ValueError(f"cell {cells[0]} is tagged {TAG!r} but has no PNG output (run the notebook and save it)")
    png_size(png)  # a clear error now rather than a broken picture in the README
    return cells[0], png


def export(notebooks: Path, out: Path) -> int:
    """Write every README figure; print one line per notebook; return the number of errors."""
    errors = 0
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        print(f"no notebooks in {notebooks}")
    for path in paths:
        try:
            found = readme_figure(path)
        except (ValueError, KeyError, json.JSONDecodeError) as exc:
            print(f"{path.name}: ERROR: {exc}")
            errors += 1
            continue
        if found is None:
            print(f"{path.name}: no cell tagged {TAG!r}, skipped")
            continue
        cell, png = found
        target = out / f"{path.stem}.png"
        out.mkdir(parents=True, exist_ok=True)
        unchanged = target.exists() and target.read_bytes() == png
        if not unchanged:
            target.write_bytes(png)
        width, height = png_size(png)
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        verb = "unchanged" if unchanged else "wrote"
        print(f"{path.name}: {verb} {shown} ({width} x {height} px, {len(png)} bytes) from cell {cell}")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="folder of notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "images" / "readme", help="folder for the PNG files")
    args = parser.parse_args(argv)
    return 1 if export(args.notebooks, args.out) else 0


if __name__ == "__main__":
    sys.exit(main())
