"""MkDocs hooks (registered in mkdocs.yml): the build events where our pipeline runs.

on_pre_build   charts (build_charts.build) then pages (sitegen.pages), before MkDocs
               collects docs/; runs on `mkdocs build` and on every `mkdocs serve` rebuild.
               REPORT_SKIP_CHARTS=1 leaves the chart step out and builds with the PNGs
               already in docs/ (the benchmark's bare-MkDocs baseline).
on_env         the `site_absolute` filter: a site-root path as an absolute URL under site_url.
on_post_page   points each non-default language's search at its own index, and fills in
               the page's Content-Security-Policy (sitegen/csp.py); on_post_template does
               the latter for 404.html.
on_post_build  splits the combined search index so a search returns results in the
               reader's language only, and readies the site for any host and for disk
               (sitegen/deploy.py): per-language offline indexes, a sitemap only with a
               site_url, Material's hreflang sitemap lookup switched off, and .gz/.br
               copies of every text file (on `mkdocs build`, not under `mkdocs serve`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
# MkDocs loads this file by path and restores sys.path afterwards, so the project root is
# put on it here for this file's imports and again in on_config for everything imported
# later (chart modules, and the chart renderer's worker processes).
sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from sitegen import csp, deploy  # noqa: E402
from sitegen.content import forget_cached_reads  # noqa: E402
from sitegen.errors import InputError  # noqa: E402
from sitegen.site_config import default_language, languages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.report")
_command = "build"  # or "serve": set by on_startup


def on_startup(command, dirty) -> None:
    global _command
    _command = command


def on_env(env, config, files):
    env.filters["site_absolute"] = lambda path: urljoin(config.site_url, path.lstrip("/"))
    return env


def on_config(config):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from sitegen.pages import page_order
    from sitegen.strings import t

    forget_cached_reads()
    try:
        # Reading order, not alphabetical order: the nav drives the prev/next links.
        config.nav = [f"{name}.md" for name in page_order()]
        # Markdown runs once for all languages with this title; on_post_page swaps in
        # each page's own language.
        config.mdx_configs["toc"]["permalink_title"] = t(default_language().code, "site.permalink_title")
    except InputError as error:
        raise Abort(f"Build stopped by bad input:\n  {error}") from None
    # jieba (Chinese word segmentation for search) builds a 1 s dictionary cache under
    # $TMPDIR by default; keep it in the project's cache so it is built once, not per boot.
    try:
        import jieba
    except ImportError:
        return config
    from sitegen.outputs import CACHE

    CACHE.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(CACHE)
    jieba.setLogLevel(logging.WARNING)
    return config


def on_pre_build(config) -> None:
    import build_charts
    from sitegen.pages import build_pages

    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        return  # static-i18n's nested build of another language: already done this build
    forget_cached_reads()
    try:
        if os.environ.get("REPORT_SKIP_CHARTS") != "1":
            build_charts.build()
        changed = build_pages()
    except InputError as error:
        # One clear line and a non-zero exit; the last good pages and charts stay.
        raise Abort(f"Build stopped by bad input:\n  {error}") from None
    if changed:
        log.info("report: wrote %d page(s)", len(changed))


def _language_of(page) -> str:
    return getattr(page.file, "locale", None) or default_language().code


# Material's search worker loads <base>/search/search_index.json and resolves result
# links against <base>. For a non-default language, base becomes that language's root,
# so it loads the index written below for that language alone.
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')


def on_post_page(output: str, page, config) -> str:
    from sitegen.strings import t

    lang = next(l for l in languages() if l.code == _language_of(page))
    if not lang.default:
        default_title = t(default_language().code, "site.permalink_title")
        output = output.replace(f'title="{default_title}"', f'title="{t(lang.code, "site.permalink_title")}"')
        depth = page.url.count("/") - 1  # "en/01.html" sits directly in the language root
        language_root = "/".join([".."] * depth) or "."
        output = _CONFIG_BASE.sub(lambda m: m.group(1) + language_root + m.group(3), output, count=1)
    return csp.with_policy(output)


def on_post_template(output: str, template_name: str, config) -> str:
    return csp.with_policy(output) if template_name.endswith(".html") else output


@event_priority(-200)  # after static-i18n has merged every language's entries
def on_post_build(config) -> None:
    if getattr(config.plugins.get("i18n"), "building", False):
        return  # static-i18n's nested build of another language: the site is not whole yet
    site_dir = Path(config.site_dir)
    _split_search_index(site_dir)
    deploy.write_offline_search_indexes([site_dir / lang.url_prefix for lang in languages()])
    if not config.site_url:
        deploy.drop_sitemap_without_site_url(site_dir)
    deploy.switch_off_alternate_sitemap_lookup(site_dir)
    deploy.check_iframe_worker_shim(site_dir)
    if _command != "serve":
        deploy.precompress(site_dir)


def _split_search_index(site_dir: Path) -> None:
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    entries = index["docs"]
    for lang in languages():
        if lang.default:
            continue
        prefix = lang.url_prefix
        mine = [dict(e, location=e["location"][len(prefix):]) for e in entries if e["location"].startswith(prefix)]
        entries = [e for e in entries if not e["location"].startswith(prefix)]
        _write_index(site_dir / prefix / "search" / "search_index.json", index, mine)
    _write_index(index_path, index, entries)


def _write_index(path: Path, index: dict, entries: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dict(index, docs=entries), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_text(text, encoding="utf-8")
