"""The charts: one module per chart, `charts/<id>.py`, each with a pure
`draw(data, lang, width)`, width "wide" (720 px) or "narrow" (400 px, for phones).

The id is the one name used everywhere: data/<id>.csv, docs/<lang>/charts/<id>.png
(and <id>.narrow.png), the strings under charts.<id>. Modules starting with `_` are
shared code, not charts. The report plugin loads this folder as the package `charts`
(sitegen/project.py), so chart modules import their shared code as `from charts import _style`.
"""
