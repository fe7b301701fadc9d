"""The system's Chromium, started the same way by both browser tests (tests/browser and tests/site).

Debian's chromium (/usr/bin/chromium, or $CHROMIUM), never a browser downloaded by a test tool. The flags
keep it from reaching out to the network on its own (background connections to Google's hosts), which a
closed network would refuse many times over.
"""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
