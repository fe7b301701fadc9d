"""Show helper code inside a notebook.

The code a learner must read lives in helpers/, where the tests import it; a
notebook displays it from there instead of keeping a copy, so the code read and
the code tested cannot drift apart.
"""

import inspect
from collections.abc import Callable

from IPython.display import Markdown


def show_source(*functions: Callable) -> Markdown:
    """The source of the given functions or methods, as one Python code block."""
    return Markdown("```python\n" + "\n".join(inspect.getsource(f) for f in functions) + "```")
