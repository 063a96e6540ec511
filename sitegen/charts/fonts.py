"""The chart font: found by file in the usual Debian folders, registered with matplotlib,
and checked by family and face before any chart is drawn.

The family and its files are the report plugin's `chart_font` option (by default Noto
Sans CJK SC from Debian's fonts-noto-cjk, OFL). This module does not import matplotlib
until a chart is drawn, so the chart step can hash the font files for its cache cheaply.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sitegen.core.errors import InputError

FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/opentype/noto-cjk", "/usr/local/share/fonts")


def font_paths(family: str, files: tuple[tuple[str, str], ...]) -> dict[str, Path]:
    """Face -> file, each found by name in FONT_DIRS."""
    found = {}
    for face, name in files:
        for folder in FONT_DIRS:
            if (Path(folder) / name).exists():
                found[face] = Path(folder) / name
                break
        else:
            raise InputError(
                f"font {name} ({family} {face}) not found in {', '.join(FONT_DIRS)}; "
                "install it with `apt-get install fonts-noto-cjk` (or set the report plugin's chart_font)"
            )
    return found


@lru_cache(maxsize=4)
def setup_fonts(family: str, files: tuple[tuple[str, str], ...]) -> dict[str, Path]:
    """Register the font files with matplotlib and check each is the face asked for."""
    from matplotlib import font_manager, ft2font

    paths = font_paths(family, files)
    for face, path in paths.items():
        font_manager.fontManager.addfont(str(path))
        try:
            found = Path(
                font_manager.findfont(
                    font_manager.FontProperties(family=family, weight=face.lower()), fallback_to_default=False
                )
            )
        except ValueError:  # no registered file has this family
            found = path
        entry = next((e for e in font_manager.fontManager.ttflist if Path(e.fname) == found and e.name == family), None)
        loaded = ft2font.FT2Font(str(found), face_index=entry.index) if entry else None
        # The configured file must be the one matplotlib draws with, and of the face asked.
        if found != path or loaded is None or (loaded.family_name, loaded.style_name) != (family, face):
            got = (
                f"{loaded.family_name} {loaded.style_name} in {found.name}"
                if loaded and found != path
                else (f"{loaded.family_name} {loaded.style_name}" if loaded else found.name)
            )
            raise InputError(
                f"{found}: expected {family} {face}, found {got}; "
                "reinstall fonts-noto-cjk (`apt-get install --reinstall fonts-noto-cjk`)"
            )
    return paths
