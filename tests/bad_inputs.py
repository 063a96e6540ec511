"""Each kind of bad input an editor can save, in the starter report (sitegen/starter), with
where the message must point and a word of its fix: shared by the preview test
(test_serve_preview.py, under `mkdocs serve`) and the build test (test_bad_input_build.py,
under `mkdocs build`), so that both commands are held to the same messages."""

from __future__ import annotations

from pathlib import Path


def replace_in(path: Path, old: str, new: str) -> str:
    """Edit the file as an editor saves it; the text before, to restore."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


# Each kind of bad input: (file, old, new, where the message points, a word of its fix).
BREAKS = {
    "csv": ("data/shop-count.csv", "2020,390,", "2020,39x,", "data/shop-count.csv:3", "write plain digits"),
    "row twice": (
        "data/shop-count.csv",
        "2020,390,2020年缩至390家\n",
        "2020,390,2020年缩至390家\n2020,390,2020年缩至390家\n",
        "data/shop-count.csv:4",
        "delete one of them",
    ),
    "descriptor": (
        "data/shop-count.schema.yml",
        "type: integer",
        "type: integr",
        "data/shop-count.schema.yml:6",
        "use one of string, number, integer",
    ),
    "yaml": (
        "content/strings/zh.yml",
        "  permalink_title: 本节链接",
        "  permalink_title: [本节链接",
        "content/strings/zh.yml:7",
        "fix the quoting or indentation",
    ),
    "front matter": (
        "content/article/zh.md",
        "title: 青岚奶茶账本",
        "titel: 青岚奶茶账本",
        "content/article/zh.md:2",
        "add `title: ...`",
    ),
    "link to no page": (
        "content/article/en.md",
        "Easy to enter, easy to leave.",
        "Easy to enter, easy to leave ([data](nowhere.md)).",
        "content/article/en.md:18",
        "link to one of index.md, 01.md",
    ),
    "chart line without quotes": (
        "content/article/zh.md",
        '{{ chart("shop-count") }}',
        "{{ chart(shop-count) }}",
        "content/article/zh.md:14",
        "the id in quotes",
    ),
    "placeholder unclosed": (
        "content/strings/en.yml",
        "Harbour {harbour.price},",
        "Harbour {harbour.price,",
        "content/strings/en.yml:133",
        "write a placeholder as {row.column}",
    ),
    "missing chart": (
        "content/article/zh.md",
        '{{ chart("shop-count") }}',
        '{{ chart("shop-cuont") }}',
        "content/article/zh.md:14",
        "known charts: cup-price, shop-count",
    ),
    "chart syntax": (
        "charts/shop-count.py",
        '    periods = data.column("year")\n',
        '    periods = data.column("year"\n',
        "charts/shop-count.py:13",
        "fix that line",
    ),
    "series not in the palette": (
        "charts/palette.yml",
        "  north: {colour: stone}\n",
        "",
        "charts/palette.yml",
        "add `north: {colour:",
    ),
    "chart raises": (
        "charts/shop-count.py",
        '    periods = data.column("year")\n',
        '    periods = data.column("year")\n    raise ValueError("broken <on> purpose")\n',
        "charts/shop-count.py:14",
        "fix the chart module",
    ),
}
