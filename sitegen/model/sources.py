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
from typing import Any, Protocol

from pydantic import ConfigDict, ValidationInfo, field_validator, model_validator
from pydantic import Field as Key
from pydantic.dataclasses import dataclass

from sitegen.model.contract import problem

EXAMPLE = "`sources: [association]` (its name under data.sources.association in content/strings/<lang>.yml)"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Source:
    """One entry under `sources:`: an id, or an id with a URL and the date it was read."""

    id: str = Key(
        description="the source's id; its name is `data.sources.<id>` in every strings file (a figure may use a "
        "shorter `data.figure.sources.<id>`)",
        examples=["association"],
    )
    url: str | None = Key(
        default=None,
        description="the full address the data page links the name to",
        examples=["https://data.example.org/rides"],
    )
    accessed: datetime.date | None = Key(
        default=None,
        description="the date it was read, YYYY-MM-DD, unquoted (`data.page.accessed`)",
        examples=["2026-11-02"],
    )

    @model_validator(mode="before")
    @classmethod
    def _an_id(cls, data: Any) -> Any:
        entry = {"id": data} if isinstance(data, str) else data
        if isinstance(data, (str, dict)) and (not isinstance(entry.get("id"), str) or not _ID.match(entry["id"])):
            raise problem(
                f"source is {data!r}; write an id (letters, digits, - or _), or "
                "{id: ..., url: https://..., accessed: YYYY-MM-DD}"
            )
        return entry

    @field_validator("url", mode="before")
    @classmethod
    def _full_address(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and not (isinstance(value, str) and re.match(r"^https?://[^\s/]+", value)):
            raise problem(f"source '{info.data.get('id')}' has url {value!r}; write the full address, https://...")
        return value

    @field_validator("accessed", mode="before")
    @classmethod
    def _a_date(cls, value: Any, info: ValidationInfo) -> Any:
        if value is not None and not (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
            raise problem(
                f"source '{info.data.get('id')}' has accessed {value!r}; write the date as YYYY-MM-DD, unquoted"
            )
        return value


class _Described(Protocol):
    @property
    def sources(self) -> tuple[Source, ...]: ...


def sources_of(descriptor: _Described) -> list[Source]:
    """A descriptor's sources (sitegen/model/descriptor.py)."""
    return list(descriptor.sources)
