"""Where the chart font lives: Noto Sans CJK SC (OFL) from Debian's fonts-noto-cjk.

Kept apart from _style.py, which imports matplotlib, so that build_charts.py can hash
the font files for its cache without that import when nothing needs drawing.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import InputError

FONT_FAMILY = "Noto Sans CJK SC"
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/opentype/noto-cjk", "/usr/local/share/fonts")
FONT_FILES = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}


def font_paths() -> dict[str, Path]:
    """The Noto Sans CJK files, found by name in the usual Debian folders."""
    found = {}
    for face, name in FONT_FILES.items():
        for folder in FONT_DIRS:
            if (Path(folder) / name).exists():
                found[face] = Path(folder) / name
                break
        else:
            raise InputError(
                f"font {name} ({FONT_FAMILY}) not found in {', '.join(FONT_DIRS)}; "
                "install it with `apt-get install fonts-noto-cjk`"
            )
    return found
