"""The charts: one module per chart, `charts/<id>.py`, each with a pure
`draw(data, chart)` (the chart API: sitegen/chartkit.py).

The id is the one name used everywhere: data/<id>.csv, docs/<lang>/charts/<id>.png
(and <id>.narrow.png), the strings under charts.<id>. Modules starting with `_` are
shared code, not charts: the report plugin loads this folder as the package `charts`
(sitegen/core/project.py), so chart modules import it as `from charts import _helpers`.
palette.yml holds the colours and markers; *.mplstyle the house style.
"""
