"""PyInstaller runtime hook: programs that Tally starts (the browser a link opens, the file
manager of Help → About's Open folder, through xdg-open) get the user's library path, not the
bundle's.

On Linux, PyInstaller's bootloader points LD_LIBRARY_PATH at the bundle's own libraries (libstdc++,
GLib, X11, OpenSSL, ... of the build machine) and keeps the user's value in LD_LIBRARY_PATH_ORIG.
This process no longer needs it (the dynamic loader read it when the process started), but a
child process would load those libraries in place of its own, and a browser may crash on them.
"""

import os
import sys

if sys.platform.startswith("linux") and getattr(sys, "frozen", False):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original
