"""Where a dataset's numbers come from: the `sources:` of its descriptor.

Every dataset names at least one source; a figure without one is a build error. An entry
is a source's id, or the id with what is known of it besides its name:

    sources:
      - association                     # the name: data.sources.association in each strings file
      - {id: open-data, url: "https://data.example.org/rides", accessed: 2026-11-02}

The name is reader-visible text, so it lives in each language's strings file
(`data.sources.<id>`, and optionally a shorter `data.figure.sources.<id>` under a chart);
the URL and the access date are the same in every language, so they live here. The data
page links the name to the URL and gives the access date (`data.page.accessed`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

EXAMPLE = "`sources: [association]` (its name under data.sources.association in content/strings/<lang>.yml)"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class Source:
    id: str
    url: str | None = None
    accessed: datetime.date | None = None


def sources_of(schema: dict[str, Any]) -> list[Source]:
    """The descriptor's sources, as read (entries the check rejects are left out)."""
    found = []
    for entry in schema.get("sources") or []:
        if isinstance(entry, str):
            found.append(Source(entry))
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            accessed = entry.get("accessed")
            found.append(
                Source(entry["id"], entry.get("url"), accessed if isinstance(accessed, datetime.date) else None)
            )
    return found


def source_problems(schema: dict[str, Any], where: str, lines: list[int]) -> list[str]:
    """Every problem with the descriptor's `sources:` (`where`: the descriptor as the
    editor knows it; `lines`: the line of each entry), one `file:line: problem; fix` each."""
    entries = schema.get("sources")
    if entries is None or entries == []:
        return [f"{where}: no source; say where the numbers come from, e.g. {EXAMPLE}"]
    if not isinstance(entries, list):
        return [f"{where}:1: `sources` is {entries!r}, not a list; write it as a list, e.g. {EXAMPLE}"]
    problems = []
    for index, entry in enumerate(entries):
        at = f"{where}:{lines[index] if index < len(lines) else 1}"
        if isinstance(entry, str):
            entry = {"id": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not _ID.match(entry["id"]):
            problems.append(
                f"{at}: source {index + 1} is {entry!r}; write an id (letters, digits, - or _), or "
                "{id: ..., url: https://..., accessed: YYYY-MM-DD}"
            )
            continue
        unknown = sorted(set(entry) - {"id", "url", "accessed"})
        if unknown:
            problems.append(
                f"{at}: source '{entry['id']}' has {', '.join(unknown)}; a source takes only id, url "
                "and accessed (its name goes in the strings files, under data.sources)"
            )
        url = entry.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"^https?://[^\s/]+", url)):
            problems.append(f"{at}: source '{entry['id']}' has url {url!r}; write the full address, https://...")
        accessed = entry.get("accessed")
        if accessed is not None and not (
            isinstance(accessed, datetime.date) and not isinstance(accessed, datetime.datetime)
        ):
            problems.append(
                f"{at}: source '{entry['id']}' has accessed {accessed!r}; write the date as YYYY-MM-DD, unquoted"
            )
    return problems
