"""Sliders above a picture that is redrawn at once: the widget plumbing of the series' explorers.

An explorer is a row of sliders above a picture. Moving a slider recomputes
the picture and replaces it in place, through the display handle it was shown
with (``display(..., display_id=True)``). The picture is a plain PNG: a
notebook saved after a run keeps the picture of the starting values, so a page
with no kernel behind it (GitHub, a static website) still shows it, and
re-running the notebook prints nothing that could differ.

Each slider offers a short list of explicit values (a ``SelectionSlider``),
so its readout says 0.5, never 0.5000000000000001. A redraw must be quick
(well under 0.2 s), so a ``Picture`` draws the axes, ticks and labels once; a
move redraws only what changes over that saved background. The explorers
themselves (what they compute and draw) are in helpers.explorers.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import ipywidgets as widgets
from IPython.display import Image, display
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

SIZE, DPI = (10, 3.8), 100  # inches, dots per inch: a 1000 x 380 pixel picture


def slider(description: str, values, value, label: Callable = "{:g}".format) -> widgets.SelectionSlider:
    """A slider over explicit values, readout ``label(value)``, acting when the mouse is released."""
    if value not in values:
        raise ValueError(f"the starting {description} must be one of {list(values)}; got {value!r}")
    return widgets.SelectionSlider(
        options=[(label(v), v) for v in values],
        value=value,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
    )


class Picture:
    """A figure whose still parts are drawn once; ``png(moving)`` redraws only the moving artists.

    The still parts (axes, ticks, labels, colour bar) are most of the drawing
    time, so they are drawn into a saved background; each picture restores it,
    draws the given artists on top, in order, and encodes the result as PNG.
    Where a still part depends on a slider (an axis that fits the epochs
    trained), ``variants`` maps each of its values to a function that sets the
    figure up for it, and one background is saved per value; ``png(moving,
    variant)`` starts from that one.
    """

    def __init__(self, figure: Figure, moving: list[Artist], variants: dict | None = None):
        for artist in moving:
            artist.set_animated(True)  # left out of the background
        self.canvas = FigureCanvasAgg(figure)
        self.backgrounds = {}
        for variant, prepare in (variants or {None: lambda: None}).items():
            prepare()
            self.canvas.draw()
            self.backgrounds[variant] = self.canvas.copy_from_bbox(figure.bbox)

    def png(self, moving: list[Artist], variant=None) -> bytes:
        self.canvas.restore_region(self.backgrounds[variant])
        for artist in moving:
            artist.set_animated(True)
            self.canvas.figure.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = PILImage.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


class Explorer:
    """Sliders above a picture; ``render(**values)`` returns the PNG for the sliders' values.

    ``seconds`` lists how long each redraw took (recompute, draw, encode, send),
    so the time a slider move costs can be measured; ``figure`` is the figure
    the pictures are drawn from, for a test to read what the last one showed.
    """

    def __init__(self, sliders: dict[str, widgets.SelectionSlider], render: Callable[..., bytes], text: str,
                 figure: Figure | None = None):
        self.sliders, self.render, self.text, self.figure = sliders, render, text, figure
        self.handle = None
        self.seconds: list[float] = []
        for control in sliders.values():
            control.observe(self.redraw, names="value")

    def values(self) -> dict:
        return {name: control.value for name, control in self.sliders.items()}

    def picture(self) -> Image:
        """The picture for the sliders' current values."""
        return Image(data=self.render(**self.values()), format="png")

    def redraw(self, change=None) -> None:
        """Recompute the picture and replace the one on the page."""
        start = time.perf_counter()
        picture = self.picture()
        if self.handle is not None:
            self.handle.update(picture)
        self.seconds.append(time.perf_counter() - start)

    def _ipython_display_(self) -> None:
        controls = widgets.HBox(list(self.sliders.values()))
        # The row of sliders as a widget view, spelled out as ipywidgets 7 and 8 both write it, and with
        # the text that a page without the widget library (GitHub, a static website) shows in its place.
        view = {"version_major": 2, "version_minor": 0, "model_id": controls.model_id}
        display({"application/vnd.jupyter.widget-view+json": view, "text/plain": self.text}, raw=True)
        self.handle = display(self.picture(), display_id=True)
