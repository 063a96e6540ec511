"""Search in the reader's edition: one index per language, and one for the parallel view.

MkDocs' search plugin writes one index for the whole site; static-i18n merges every
language's entries into it. Each language's pages search only their own entries, and the
parallel view's pages (zh-en/, 中英对照) theirs, which hold both its languages' text: a
search there finds a paragraph by its Chinese or its English and opens the parallel page.

Chinese is cut into words at build time (Material's search plugin, with jieba), each
word a term of the index; a query finds a word only as the index cut it. The article's
`search_words` (its front matter) are the words to keep whole: they are in jieba's
dictionary while the pages are indexed, and only then (add_search_words, then
remove_search_words), and, since jieba sees only the Chinese characters of a text, a
word that mixes scripts (T恤) is joined again in the index afterwards (keep_words_whole).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.core.project import Build, Project
from sitegen.model.strings import t

# Material's search worker loads <base>/search/search_index.json and resolves result
# links against <base>. For a non-default language, base becomes that language's root,
# so it loads the index written below for that language alone; for a parallel page, the
# parallel view's folder.
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')

# What Material's index puts between the words it cut, and the Han characters jieba cuts.
_BREAK = "\u200b"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def parallel_root(report: Project) -> str | None:
    """The parallel view's folder as a prefix of the site's paths ("zh-en/"), or None."""
    from sitegen.pages.plan import parallel_home

    return parallel_home(report) if report.parallel else None


def search_in(html: str, url: str, root: str | None) -> str:
    """A page's HTML (at `url`) pointed at the search index of `root`, a search root
    ("" or None leaves it at the site's). Raises ValueError when Material's config is not found."""
    if not root:
        return html
    depth = url.count("/") - root.count("/")  # "en/01.html" sits directly in "en/"
    base = "/".join([".."] * depth) or "."
    html, found = CONFIG_BASE.subn(lambda m: m.group(1) + base + m.group(3), html, count=1)
    if not found:
        raise ValueError(f"{url}: Material's __config script not found; its base.html changed, review CONFIG_BASE")
    return html


def search_roots(report: Project) -> list[str]:
    """Every folder with its own search index, as a prefix of the site's paths: each
    language's root ("" for the default language's) and the parallel view's."""
    roots = [lang.url_prefix for lang in report.languages]
    parallel = parallel_root(report)
    return roots + ([parallel] if parallel else [])


def split_search_index(build: Build, site_dir: Path, whole_words: Iterable[str] = ()) -> None:
    """The combined index, written again as one index per search root, each root's
    entries with their locations relative to it; `whole_words` joined whole in every
    entry's title and text (keep_words_whole)."""
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    joined = mixed_script_words(whole_words)
    entries = [
        dict(e, title=keep_words_whole(e["title"], joined), text=keep_words_whole(e["text"], joined))
        for e in index["docs"]
    ]
    # The longest prefix first: a parallel folder may sit inside a language's root.
    report = build.project
    for prefix in sorted((root for root in search_roots(report) if root), key=len, reverse=True):
        mine = [dict(e, location=e["location"][len(prefix) :]) for e in entries if e["location"].startswith(prefix)]
        if prefix == parallel_root(report):
            mine = one_entry_per_chart(mine, t(build, report.parallel[1], "charts.language_tag"))
        entries = [e for e in entries if not e["location"].startswith(prefix)]
        write_index(site_dir / prefix / "search" / "search_index.json", index, mine)
    write_index(index_path, index, entries)


def one_entry_per_chart(entries: list[dict[str, Any]], second_tag: str) -> list[dict[str, Any]]:
    """The parallel view's entries with each chart's second-language entry (its title and
    caption, under #<tag>-chart-<id>: parallel.md.j2) joined to the first's (#chart-<id>),
    as a heading pair's two sides are one entry: a chart is found by either language's
    words, and a result shows both."""
    marker = f"#{second_tag}-chart-"
    seconds = {e["location"].replace(marker, "#chart-"): e for e in entries if marker in e["location"]}
    return [
        dict(
            e,
            title=f"{e['title']} {seconds[e['location']]['title']}",
            text=f"{e['text']} {seconds[e['location']]['text']}",
        )
        if e["location"] in seconds
        else e
        for e in entries
        if marker not in e["location"]
    ]


def write_index(path: Path, index: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(index, docs=entries), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")


def keep_jieba_cache() -> None:
    """Where jieba (Chinese word cutting for search) keeps its dictionary cache, a second's
    work on first use and otherwise under $TMPDIR, gone at each boot. It is made from
    jieba's own dictionary alone, the same for every report, so it goes in the user's
    cache folder ($XDG_CACHE_HOME, else ~/.cache), not a report's: a report's first
    build, a fresh checkout's, or a test's copy of a report, does not make it again. One
    folder per jieba version, since jieba takes any cache of its default dictionary as
    current. Without jieba, or a cache folder that cannot be made, jieba's own default."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "sitegen" / f"jieba-{jieba.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    jieba.dt.tmp_dir = str(folder)


@dataclass(frozen=True)
class AddedWords:
    """What add_search_words() changed in jieba's dictionary, so that remove_search_words()
    leaves it as it was: every entry it set or made (a word and each of its prefixes) with
    what that entry held before (None: no entry), and the dictionary's total."""

    before: dict[str, int | None]
    total: int


def add_search_words(words: Iterable[str]) -> AddedWords | None:
    """Put `words` into jieba's dictionary, each with the frequency jieba suggests for a
    word that must come out whole, until remove_search_words(). jieba keeps one dictionary
    per process: a word left in it would cut the next build's pages (a rebuild under
    `mkdocs serve`, another report in the same process). In sorted order, since the
    frequency suggested for a word depends on the words added before it. Without jieba,
    None."""
    try:
        import jieba
    except ImportError:
        return None
    dictionary = jieba.dt
    dictionary.check_initialized()
    before: dict[str, int | None] = {}
    total = dictionary.total
    for word in sorted(set(words)):
        if re.search(f"[{_HAN}]", word):
            for end in range(1, len(word) + 1):  # add_word makes an entry of each prefix
                before.setdefault(word[:end], dictionary.FREQ.get(word[:end]))
            jieba.add_word(word)
    return AddedWords(before, total)


def remove_search_words(added: AddedWords | None) -> None:
    """Take the words of add_search_words() out of jieba's dictionary again, each entry
    as it was: jieba's own del_word() sets a word's frequency to 0, which cuts apart a word
    of jieba's own dictionary (奶茶 in 奶茶店, cut 奶 茶店) that a fresh process keeps whole."""
    if added is None:
        return
    import jieba

    dictionary = jieba.dt
    for entry, frequency in added.before.items():
        if frequency is None:
            dictionary.FREQ.pop(entry, None)
        else:
            dictionary.FREQ[entry] = frequency
    dictionary.total = added.total


class SearchWords:
    """The articles' `search_words`, in jieba's dictionary from use() until forget(): the
    words of one build, gone before the next (a rebuild under `mkdocs serve`, another
    report built in the same process) cuts its pages."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self._added: AddedWords | None = None

    def use(self, words: Iterable[str]) -> None:
        self.forget()  # a build stopped before its end left its words
        self.words = set(words)
        self._added = add_search_words(self.words)

    def forget(self) -> None:
        remove_search_words(self._added)
        self._added = None


def mixed_script_words(words: Iterable[str]) -> list[re.Pattern[str]]:
    """For each word of Han and other characters (T恤), a pattern of the word as the index
    holds it: Material's index sets every run of Han characters apart by word breaks, and
    jieba may have cut the run too, even across the word's end (T·恤衫 for T恤衫). The
    word must not run on into a Latin word or a number on either side. The longest word
    first."""
    patterns = []
    for word in sorted(set(words), key=len, reverse=True):
        if not (re.search(f"[{_HAN}]", word) and re.search(f"[^{_HAN}]", word)):
            continue
        cut = f"{_BREAK}?".join(re.escape(ch) for ch in word)
        patterns.append(re.compile(f"(?<![A-Za-z0-9]){cut}(?![A-Za-z0-9])"))
    return patterns


def keep_words_whole(text: str, patterns: list[re.Pattern[str]]) -> str:
    """`text` (an index entry's title or text) with each mixed-script word one term, set
    apart by a word break from a Han character it touches (jieba's word across its end:
    T恤 and 衫 for T·恤衫)."""
    han = re.compile(f"[{_HAN}]")

    def joined(match: re.Match[str]) -> str:
        before = match.string[match.start() - 1 : match.start()]
        after = match.string[match.end() : match.end() + 1]
        word = match.group(0).replace(_BREAK, "")
        return (_BREAK if han.fullmatch(before) else "") + word + (_BREAK if han.fullmatch(after) else "")

    for pattern in patterns:
        text = pattern.sub(joined, text)
    return text
