"""Search in the reader's language: one index per language.

MkDocs' search plugin writes one index for the whole site; static-i18n merges every
language's entries into it. Each language's pages search only their own entries.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sitegen.core.project import languages

# Material's search worker loads <base>/search/search_index.json and resolves result
# links against <base>. For a non-default language, base becomes that language's root,
# so it loads the index written below for that language alone.
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def split_search_index(site_dir: Path) -> None:
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    entries = index["docs"]
    for lang in languages():
        if lang.default:
            continue
        prefix = lang.url_prefix
        mine = [dict(e, location=e["location"][len(prefix) :]) for e in entries if e["location"].startswith(prefix)]
        entries = [e for e in entries if not e["location"].startswith(prefix)]
        write_index(site_dir / prefix / "search" / "search_index.json", index, mine)
    write_index(index_path, index, entries)


def write_index(path: Path, index: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(index, docs=entries), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")
