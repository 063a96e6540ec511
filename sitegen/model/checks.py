"""Validation of a whole report in one pass: every problem found, reported at once.

Each check returns its problems as `file:line: problem; fix` lines instead of stopping
at the first, so an editor fixes a batch of mistakes in one round. `validate()` runs them
all and raises one InputError listing every line; the build stops before it writes
anything, so the last good pages and charts stay.

    articles   each language's file parses; the same sections, paragraph counts, chart
               placements and subheads (after the same paragraphs) in every language;
               every placed chart exists; every link to a page of the report names one
    datasets   every data/<id>.csv against its schema (sitegen.model.datasets)
    charts     each chart module has its dataset, and text in every language
    figures    every placeholder in a chart's title, alt text and caption names a value
               of the data ({north.sales}: sitegen/model/figuretext.py), and no other chart
               text holds one
    strings    every language's strings file has the default language's keys
    typography curly quotes in English, no space between Han and Latin in Chinese, in
               every report's article, strings and site names (sitegen/model/typography.py)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.core.errors import InputError
from sitegen.core.project import Build, Project
from sitegen.core.yamlio import load_yaml
from sitegen.model.article import Article, Section
from sitegen.model.content import article_source, read_article
from sitegen.model.datasets import SCHEMA_SUFFIX, Dataset, load_all
from sitegen.model.figuretext import FILLED, PLACEHOLDER, placeholder_problems
from sitegen.model.pageset import link_problems, page_names
from sitegen.model.strings import MissingString, dataset_keys, flat_keys, strings, strings_path, strings_source, t
from sitegen.model.typography import typography_problems


@dataclass(frozen=True)
class Model:
    """The validated report: what charts and pages are made from."""

    articles: dict[str, Article]  # language code -> article
    datasets: dict[str, Dataset]  # dataset id -> rows, read against the source article
    source_lang: str  # the default (original) language, which data quotes cite
    # What the pages show of each chart and dataset, per language, made from the above once
    # and kept here (sitegen/model/figure.py): (kind, id, lang) -> view.
    views: dict[tuple[str, str, str], Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def source(self) -> Article:
        """The article in the default (original) language, which data quotes cite."""
        return self.articles[self.source_lang]

    def search_words(self) -> set[str]:
        """Every article's `search_words` (front matter): the words search keeps whole."""
        return {str(word) for article in self.articles.values() for word in article.meta.get("search_words") or []}


def line_of(path: Path, needle: str) -> int:
    """The first line of a file holding `needle` (1 when none does): for messages."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _describe(part: Section) -> str:
    return "the lede" if part.is_lede else f"section {part.number}"


def _subheads(part: Section) -> str:
    """Where a section's subheads sit, for messages: "" when it has none."""
    if not part.subhead_positions:
        return ""
    return ", subheads before paragraphs " + str([position + 1 for position in part.subhead_positions])


def alignment_problems(report: Project, reference: Article, other: Article) -> list[str]:
    """Every language has the same sections, paragraph counts, chart placements and
    subheads, each subhead after the same number of paragraphs."""
    path = report.relative(article_source(report, other.lang))
    ref_path = report.relative(article_source(report, reference.lang))
    problems = []
    for ref, mine in zip(reference.parts, other.parts):
        shape = (mine.number, len(mine.paragraphs), mine.chart_ids, mine.subhead_positions)
        ref_shape = (ref.number, len(ref.paragraphs), ref.chart_ids, ref.subhead_positions)
        if shape != ref_shape:
            line = 1 if mine.is_lede else line_of(article_source(report, other.lang), f"## {mine.number}")
            problems.append(
                f"{path}:{line}: {_describe(mine)} has {len(mine.paragraphs)} paragraphs and charts "
                f"{mine.chart_ids}{_subheads(mine)}, but {ref_path} has {_describe(ref)} with "
                f"{len(ref.paragraphs)} paragraphs and charts {ref.chart_ids}{_subheads(ref)}; "
                "keep the languages aligned"
            )
    if len(reference.sections) != len(other.sections):
        problems.append(
            f"{path}:1: {len(other.sections)} numbered sections, but {ref_path} has "
            f"{len(reference.sections)}; keep the languages aligned"
        )
    return problems


def chart_id_problems(report: Project, article: Article, known: list[str]) -> list[str]:
    """Every `{{ chart("id") }}` names a chart module that exists."""
    path = article_source(report, article.lang)
    return [
        f"{report.relative(path)}:{line_of(path, chart_id)}: unknown chart id '{chart_id}'; "
        f"known charts: {', '.join(known)} (charts/<id>.py)"
        for chart_id in article.chart_ids
        if chart_id not in known
    ]


def load_articles(build: Build) -> tuple[dict[str, Article], list[str]]:
    articles, problems = {}, []
    for lang in build.project.languages:
        path = article_source(build.project, lang.code)
        if not path.exists():
            problems.append(
                f"{build.project.relative(path)}: missing; every language in mkdocs.yml needs its article file"
            )
            continue
        try:
            articles[lang.code] = read_article(build, lang.code)
        except InputError as error:
            problems.append(str(error))
    return articles, problems


def chart_problems(build: Build, datasets: dict[str, Dataset] | None) -> list[str]:
    """Each chart draws the dataset of its id (when the datasets loaded) and has its texts
    in every language."""
    report, problems = build.project, []
    for chart_id in report.chart_ids():
        if datasets is not None and chart_id not in datasets:
            problems.append(
                f"{report.relative(report.chart_file(chart_id))}: no data/{chart_id}.csv with "
                f"data/{chart_id}{SCHEMA_SUFFIX}; a chart draws the dataset of the same id"
            )
        for lang in report.languages:
            charts = strings(build, lang.code).get("charts") or {}
            if not isinstance(charts.get(chart_id), dict):
                problems.append(
                    f"{report.relative(strings_source(report, lang.code))}: no text for chart '{chart_id}' in "
                    f"language '{lang.code}'; add a charts.{chart_id} block (title, subtitle, alt, caption) "
                    "like the other languages' files"
                )
    return problems


def _strings_line(report: Project, lang: str, chart_id: str, needle: str) -> int:
    """The line of `needle` in a strings file's charts.<chart_id> block, for messages."""
    lines = strings_source(report, lang).read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("charts:")), 0)
    start = next((i for i in range(start, len(lines)) if lines[i].strip() == f"{chart_id}:"), start)
    return next((i + 1 for i in range(start, len(lines)) if needle in lines[i]), start + 1)


def _leaves(node: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _leaves(value, (*path, str(name)))
    elif isinstance(node, str):
        yield path, node


def figure_text_problems(build: Build, datasets: dict[str, Dataset] | None) -> list[str]:
    """Every placeholder in a chart's title, alt text or caption names a value of the data;
    no other chart text (drawn in the image, not filled) holds one."""
    report, problems = build.project, []
    for lang in report.languages:
        where = report.relative(strings_source(report, lang.code))
        charts = strings(build, lang.code).get("charts") or {}
        for chart_id in report.chart_ids():
            for path, text in _leaves(charts.get(chart_id)):
                stray = re.search(r"[{}]", PLACEHOLDER.sub("", text))
                if path[0] in FILLED and len(path) == 1 and stray:  # else printed as typed
                    key = ".".join(("charts", chart_id, *path))
                    snippet = text[max(0, stray.start() - 12) : stray.start() + 20]
                    problems.append(
                        f"{where}:{_strings_line(report, lang.code, chart_id, path[0] + ':')}: {key} has a "
                        f"brace that is no placeholder (…{snippet}…); write a placeholder as {{row.column}}, whole"
                    )
                first = PLACEHOLDER.search(text)
                if first is None:
                    continue
                line = _strings_line(report, lang.code, chart_id, first.group(0))
                key = ".".join(("charts", chart_id, *path))
                if path[0] not in FILLED or len(path) > 1:
                    problems.append(
                        f"{where}:{line}: {key} holds a placeholder, but only a chart's "
                        f"{', '.join(FILLED)} are filled from the data; write the figure out"
                    )
                elif datasets is not None:
                    for problem in placeholder_problems(text, datasets, chart_id):
                        problems.append(
                            f"{where}:{_strings_line(report, lang.code, chart_id, problem.split(' ')[0])}: "
                            f"{key}: {problem}; name a row and a column of the data"
                        )
    return problems


def dataset_string_problems(build: Build, datasets: dict[str, Dataset] | None) -> list[str]:
    """Every string the data page asks of each dataset (its title, description, each
    field's name, type and unit), in every language, all missing ones at once: the page
    asks for them one by one, so a new dataset's strings came one build each."""
    problems = []
    for lang in build.project.languages:
        for dataset in (datasets or {}).values():
            for key in dataset_keys(dataset):
                try:
                    t(build, lang.code, key)
                except MissingString as error:
                    problems.append(str(error))
    return problems


def string_problems(build: Build) -> list[str]:
    """Every language's strings file has every key of the default language's; a derived
    language's own file only overrides keys its source has (a typo would go unused)."""
    report, problems = build.project, []
    default = report.default_language().code
    wanted = flat_keys(strings(build, default))
    for lang in report.languages:
        if lang.code == default:
            continue
        own = strings_path(report, lang.code)
        if lang.is_derived and own.exists():
            for key in sorted(
                flat_keys(load_yaml(own.read_text(encoding="utf-8")) or {})
                - flat_keys(strings(build, lang.derived_from))
            ):
                problems.append(
                    f"{report.relative(own)}:{line_of(own, key.split('.')[-1] + ':')}: key '{key}' is not in "
                    f"{report.relative(strings_path(report, lang.derived_from))}; a derived language's file only "
                    "overrides its source's keys, so check the spelling"
                )
        for key in sorted(wanted - flat_keys(strings(build, lang.code))):
            problems.append(
                f"{report.relative(strings_source(report, lang.code))}: missing key '{key}'; add it "
                f"(see {report.relative(strings_path(report, default))})"
            )
    return problems


def validate(build: Build) -> Model:
    """The report's model, or one InputError listing every problem found."""
    report = build.project
    problems: list[str] = []

    def collect(check: Callable[..., list[str]], *args: Any) -> list[str] | None:
        try:
            found = check(*args)
        except InputError as error:  # a check that could not go on (an unreadable file)
            problems.extend(str(error).splitlines())
            return None
        if isinstance(found, list):
            problems.extend(found)
        return found

    articles, article_problems = load_articles(build)
    problems += article_problems
    known = report.chart_ids()
    for article in articles.values():
        problems += chart_id_problems(report, article, known)
    default = report.default_language().code
    if default in articles:
        names = page_names(report, articles[default])
        for article in articles.values():
            problems += alignment_problems(report, articles[default], article)
            problems += link_problems(report, article, names)
    datasets = None
    if default in articles:
        try:
            datasets = load_all(build, article=articles[default])
        except InputError as error:
            problems.extend(str(error).splitlines())
    collect(string_problems, build)
    collect(dataset_string_problems, build, datasets)
    collect(chart_problems, build, datasets)
    collect(figure_text_problems, build, datasets)
    collect(typography_problems, report, articles)
    if problems:
        raise InputError("\n".join(dict.fromkeys(problems)))
    return Model(articles=articles, datasets=datasets or {}, source_lang=default)
