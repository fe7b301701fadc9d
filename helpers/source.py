"""Show helper code inside a notebook.

The code a learner reads lives in helpers/, where the tests import it; a
notebook displays it from there instead of keeping a copy, so the code read and
the code tested cannot drift apart.
"""

import inspect
import textwrap
from collections.abc import Callable


class Source:
    """Python source that JupyterLab shows as a highlighted code block and plain text shows as itself."""

    def __init__(self, code: str):
        self.code = code

    def _repr_markdown_(self) -> str:
        return f"```python\n{self.code}\n```"

    def __repr__(self) -> str:
        return self.code


def show_source(*functions: Callable) -> Source:
    """The source of the given functions, classes or methods, as one block of Python."""
    return Source("\n\n".join(textwrap.dedent(inspect.getsource(f)).rstrip() for f in functions))
