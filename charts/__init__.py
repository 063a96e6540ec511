"""The charts: one module per chart, `charts/<id>.py`, each with a pure
`draw(data, lang, width)`, width "wide" (720 px) or "narrow" (400 px, for phones).

The id is the one name used everywhere: data/<id>.csv, docs/<lang>/charts/<id>.png
(and <id>.narrow.png), the strings under charts.<id>. Modules starting with `_` are shared code, not charts.
"""

from pathlib import Path

CHARTS_DIR = Path(__file__).resolve().parent


def chart_ids() -> list[str]:
    """Every chart id, sorted."""
    return sorted(p.stem for p in CHARTS_DIR.glob("*.py") if not p.name.startswith("_"))


def chart_file(chart_id: str) -> Path:
    return CHARTS_DIR / f"{chart_id}.py"
