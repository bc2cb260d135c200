"""PyInstaller's own hook for PySide6.QtGui, less the Qt plugins Tally never loads (see
UNUSED_PLUGINS). Dropped here, before PyInstaller collects what they link to: the GTK platform
theme alone brings GTK, GDK, Cairo, Pango and ATK (about 20 MB) into the bundle.

It takes the place of PyInstaller's hook because it is in packaging/tally.spec's hookspath.
"""

from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

# Per plugin folder: the plugins left out ("*": all of them), by name without "lib" and the
# extension. Everything else (xcb, wayland, offscreen; Windows and Cocoa; the input methods;
# the XDG portal theme; the SVG icon engine, for themed icons) is kept.
UNUSED_PLUGINS = {
    # Platforms with no desktop: embedded framebuffers, a VNC server, Vulkan displays.
    "platforms": {"qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvnc", "qvkkhrdisplay"},
    "egldeviceintegrations": {"*"},  # for eglfs
    "generic": {"*"},  # raw evdev and TUIO input, for eglfs and linuxfb
    # The GTK theme only gives GTK's file dialogs and colours, and brings GTK with it; the
    # Fusion style and the XDG portal (kept) do without.
    "platformthemes": {"qgtk3"},
    # The app reads no images but its own PNGs, which Qt reads without a plugin.
    "imageformats": {"qgif", "qicns", "qico", "qjpeg", "qtga", "qtiff", "qwbmp", "qwebp"},
    # Desktop compositors speak xdg-shell (kept); these are for cars, kiosks and Qt's own.
    "wayland-shell-integration": {
        "fullscreen-shell-v1",
        "ivi-shell",
        "wl-shell-plugin",
        "qt-shell",
    },
}


def _plugin_name(path):
    name = Path(path).name.split(".")[0]
    return name[3:] if name.startswith("lib") else name


def _unused(source):
    parts = Path(source).parts
    if "plugins" not in parts[:-2]:
        return False
    folder = parts[-2]
    dropped = UNUSED_PLUGINS.get(folder, set())
    return "*" in dropped or _plugin_name(source) in dropped


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, target) for source, target in binaries if not _unused(source)]
