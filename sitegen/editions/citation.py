"""Cite this report: one citation per language, as BibTeX, as CSL-JSON and as the
sentence the sources page shows.

    c = Citation(title=..., author=..., publisher=..., date="2026-11-28",
                 url="https://example.org/en/", language="en", key="report-2026-en")
    bibtex(c), csl_json(c), formatted(c, "{author}. “{title}.” {publisher}, {date}.", date_text)

Made from mkdocs.yml (the language's site_name as publisher unless the report plugin
names one, edition_date, site_url) and the article's front matter (title; `author`,
else `byline`). The URL is there only when site_url is set: a build without it names
no host, and a citation must not name one it does not know.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from sitegen.model.frontmatter import byline_name


@dataclass(frozen=True)
class Citation:
    key: str  # the BibTeX key and CSL id: ASCII, the same for every build
    title: str
    author: str  # a person or an organisation, as one literal name
    publisher: str
    date: str  # YYYY-MM-DD, or "" when the report gives no edition date
    language: str  # BCP 47 tag: zh-Hans, en
    url: str = ""  # only with a site_url


def citation(
    meta: dict[str, Any],
    *,
    lang_code: str,
    language_tag: str,
    publisher: str,
    edition_date: str,
    site_url: str,
    url_prefix: str,
) -> Citation:
    """The citation of one language's edition, from its front matter and the site's settings."""
    author = meta.get("author") or byline_name(meta.get("byline") or "") or publisher
    year = edition_date[:4] if edition_date else "nd"
    return Citation(
        key=f"report-{year}-{re.sub(r'[^a-z0-9]+', '-', lang_code.lower()).strip('-')}",
        title=str(meta["title"]),
        author=author,
        publisher=publisher,
        date=edition_date,
        language=language_tag,
        url=urljoin(site_url, url_prefix) if site_url else "",
    )


def _bibtex_value(text: str) -> str:
    """A field value in braces: BibTeX's special characters escaped, the whole name kept
    as one (double braces), so that it is never split into given and family names."""
    escaped = re.sub(r"([{}\\%&$#_^~])", r"\\\1", text)
    return "{" + escaped + "}"


def bibtex(c: Citation) -> str:
    fields = [
        ("title", _bibtex_value(c.title)),
        ("author", "{" + _bibtex_value(c.author) + "}"),
        ("publisher", _bibtex_value(c.publisher)),
    ]
    if c.date:
        fields += [("year", "{" + c.date[:4] + "}"), ("date", "{" + c.date + "}")]
    fields.append(("language", _bibtex_value(c.language)))
    if c.url:
        fields.append(("url", "{" + c.url + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def csl_item(c: Citation) -> dict[str, object]:
    item: dict[str, object] = {
        "id": c.key,
        "type": "report",
        "title": c.title,
        "author": [{"literal": c.author}],
        "publisher": c.publisher,
        "language": c.language,
    }
    if c.date:
        item["issued"] = {"date-parts": [[int(part) for part in c.date.split("-")]]}
    if c.url:
        item["URL"] = c.url
    return item


def csl_json(c: Citation) -> str:
    """CSL-JSON: a list of items, here one."""
    return json.dumps([csl_item(c)], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def formatted(c: Citation, pattern: str, date_text: str) -> str:
    """The citation as a reader copies it: `pattern` from the language's strings
    ({author}, {title}, {publisher}, {date}), then the URL when there is one."""
    text = pattern.format(author=c.author, title=c.title, publisher=c.publisher, date=date_text or c.date)
    return f"{text} {c.url}" if c.url else text
