"""The search index as sitegen/site/search.py writes it, on made-up entries: one index
per edition (the parallel view's of its own pages), and a word of mixed scripts kept
whole where Material's index cut it apart. tests/test_site.py and
tests/test_browser_search.py check the built site's."""

from __future__ import annotations

import json

import pytest
from conftest import BUILD

from sitegen.site.search import (
    SearchWords,
    keep_jieba_cache,
    keep_words_whole,
    mixed_script_words,
    one_entry_per_chart,
    search_roots,
    split_search_index,
)

B = "\u200b"  # Material's word break


@pytest.mark.parametrize(
    "text, expected",
    [
        # Material sets each Han run apart; the word's Latin letter and its Han part join.
        (f"{B}回落{B}，T{B}恤{B}降价{B}", f"{B}回落{B}，T恤{B}降价{B}"),
        (f"T{B}恤", "T恤"),
        (f"156%T{B}恤{B}的", f"156%T恤{B}的"),
        # jieba's word across the word's end: cut at the end.
        (f"{B}买{B} T{B}恤衫{B}", f"{B}买{B} T恤{B}衫{B}"),
        # Not the word: a longer Latin word or a number before it.
        (f"AT{B}恤{B}", f"AT{B}恤{B}"),
        (f"4T{B}恤{B}", f"4T{B}恤{B}"),
    ],
)
def test_a_mixed_script_word_is_joined_where_it_stands_whole(text, expected):
    assert keep_words_whole(text, mixed_script_words(["T恤", "奶茶店们"])) == expected


def test_only_words_of_mixed_scripts_need_joining():
    # jieba keeps a Han word whole itself, once it is in its dictionary.
    assert [p.pattern for p in mixed_script_words(["奶茶店们", "Kuaishou"])] == []


def test_each_edition_gets_its_own_index(tmp_path):
    entries = [
        {"location": "index.html", "title": f"奶茶{B}店们", "text": ""},
        {"location": "en/index.html", "title": "Tea", "text": ""},
        {"location": "zh-hant/index.html", "title": "奶茶", "text": ""},
        {"location": "zh-en/01.html#p1", "title": f"T{B}恤 T-shirts", "text": ""},
    ]
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(
        json.dumps({"config": {"lang": ["en"]}, "docs": entries}), encoding="utf-8"
    )
    assert search_roots(BUILD.project) == ["", "zh-hant/", "en/", "zh-en/"]
    split_search_index(BUILD, tmp_path, ["T恤"])

    def index(folder):
        return json.loads((tmp_path / folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    assert [e["location"] for e in index("")] == ["index.html"]
    assert [e["location"] for e in index("en")] == ["index.html"]
    assert [e["location"] for e in index("zh-hant")] == ["index.html"]
    assert index("zh-en") == [{"location": "01.html#p1", "title": "T恤 T-shirts", "text": ""}]


def test_a_parallel_chart_is_one_entry_with_both_languages():
    """The parallel view's second-language chart heading sits in its own column, so the
    index files it apart; joined, a search for either language's words finds the chart
    and shows both. Other entries, and a chart with no second entry, are left alone."""
    entries = [
        {"location": "01.html#p01-1", "title": "段 Para", "text": "一 one"},
        {"location": "01.html#chart-a", "title": "图甲", "text": "说明甲"},
        {"location": "01.html#en-chart-a", "title": "Chart A", "text": "Caption A"},
        {"location": "01.html#chart-b", "title": "图乙", "text": "说明乙"},
    ]
    assert one_entry_per_chart(entries, "en") == [
        {"location": "01.html#p01-1", "title": "段 Para", "text": "一 one"},
        {"location": "01.html#chart-a", "title": "图甲 Chart A", "text": "说明甲 Caption A"},
        {"location": "01.html#chart-b", "title": "图乙", "text": "说明乙"},
    ]


def test_jieba_keeps_its_dictionary_cache_in_the_users_cache_folder(tmp_path, monkeypatch):
    """Made from jieba's own dictionary alone, the cache is the same for every report:
    kept per jieba version in the user's cache folder, a fresh checkout's first build
    does not make it again. A cache folder that cannot be made leaves jieba's default."""
    import jieba

    monkeypatch.setattr(jieba.dt, "tmp_dir", None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    keep_jieba_cache()
    folder = tmp_path / "cache" / "sitegen" / f"jieba-{jieba.__version__}"
    assert jieba.dt.tmp_dir == str(folder)
    assert folder.is_dir()

    monkeypatch.setattr(jieba.dt, "tmp_dir", None)
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    keep_jieba_cache()
    assert jieba.dt.tmp_dir is None


def test_search_words_leave_jiebas_dictionary_as_they_found_it():
    """jieba keeps one dictionary per process, and a build's search words leave it as
    they found it: a word of jieba's own (知乎), taken out, is cut whole again, as in a
    fresh process (jieba's del_word cut it apart), and a word it lacked (奶茶店们) goes
    with the prefixes it brought. Else a rebuild under `mkdocs serve`, or another report
    built in the same process, indexes its pages otherwise than a build of its own."""
    import jieba

    text = "知乎上的奶茶店们"
    jieba.dt.check_initialized()
    frequencies, total, cut = dict(jieba.dt.FREQ), jieba.dt.total, jieba.lcut(text)
    assert "知乎" in cut and "奶茶店们" not in cut

    words = SearchWords()
    words.use(["奶茶店们", "知乎", "Kuaishou"])
    assert words.words == {"奶茶店们", "知乎", "Kuaishou"}
    assert "奶茶店们" in jieba.lcut(text)
    words.forget()

    assert jieba.lcut(text) == cut
    assert jieba.dt.total == total
    assert jieba.dt.FREQ == frequencies
    words.forget()  # twice, as on_post_build and on_shutdown may: nothing more to undo
    assert jieba.dt.FREQ == frequencies
