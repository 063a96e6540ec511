"""The `report` plugin's options (sitegen/site/plugin.py), as Material's plugins keep
theirs in a config.py of their own: each a typed, defaulted MkDocs config option, checked
together in post_validation() with a message that says what to write.

Switched on in a report's mkdocs.yml under `plugins:`, with its folders relative to that file:

    plugins:
      - report:
          content_dir: content      # article/, strings/, source/
          data_dir: data
          charts_dir: charts
          templates_dir: templates
          cache_dir: .cache
          skip_charts: false        # build with the PNGs already in docs/ (bench baseline)
          pages: [home, sections, sources, data]
          chart_widths: {wide: 720, narrow: 400}   # CSS px at 1x
          chart_scales: [1, 2]
          chart_font: {family: ..., files: {Regular: ..., Bold: ...}}

check_languages() checks the languages options name against the i18n plugin's, once the
Project is made (sitegen/core/project.py reads the options through its ReportOptions).
"""

from __future__ import annotations

import datetime

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort

from sitegen.core import project


class ReportConfig(base.Config):
    content_dir = c.Dir(exists=True, default="content")
    data_dir = c.Dir(exists=True, default="data")
    charts_dir = c.Dir(exists=True, default="charts")
    templates_dir = c.Dir(exists=False, default="templates")  # optional: the package has defaults
    cache_dir = c.Dir(exists=False, default=".cache")
    skip_charts = c.Type(bool, default=False)
    pages = c.ListOfItems(c.Type(str), default=["home", "sections", "sources", "data"])
    edition_date = c.Optional(c.Type(str))  # YYYY-MM-DD: the date of this edition
    chart_widths = c.DictOfItems(c.Type(int), default={"wide": 720, "narrow": 400})
    chart_scales = c.ListOfItems(c.Type(int), default=[1, 2])
    # Languages made at build time from another by OpenCC (sitegen/model/derive.py), each also
    # listed under the i18n plugin: {zh-hant: {from: zh, opencc: s2twp}}.
    derived_languages = c.DictOfItems(c.Type(dict), default={})
    # Two languages read side by side: [zh, en] gives zh-en/<page>.html (sitegen/pages/parallel.py).
    parallel = c.ListOfItems(c.Type(str), default=[])
    # Take-away editions (sitegen/editions/): a PDF of each language (WeasyPrint), the
    # data package's licence (a name such as CC-BY-4.0, or {name, title, path}), and the
    # publisher the citations name (default: each language's site_name).
    pdf = c.Type(bool, default=True)
    license = c.Optional(c.Type((str, dict)))
    publisher = c.Optional(c.Type(str))
    chart_font = c.Type(
        dict,
        default={
            "family": "Noto Sans CJK SC",
            "files": {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"},
        },
    )

    def post_validation(self) -> None:
        if list(self.chart_widths) != ["wide", "narrow"]:
            raise base.ValidationError(
                "chart_widths must name `wide` (the text column) and then `narrow` (phones), "
                f"in CSS px, e.g. {{wide: 720, narrow: 400}}; got {dict(self.chart_widths)}"
            )
        if self.edition_date:
            try:
                datetime.date.fromisoformat(self.edition_date)
            except ValueError:
                raise base.ValidationError(
                    f"edition_date must be a date as YYYY-MM-DD, e.g. 2026-11-28; got {self.edition_date!r}"
                ) from None
        if not self.chart_scales or self.chart_scales[0] != 1:
            raise base.ValidationError(f"chart_scales must start with 1, e.g. [1, 2]; got {self.chart_scales}")
        if self.parallel and (len(self.parallel) != 2 or self.parallel[0] == self.parallel[1]):
            raise base.ValidationError(
                f"parallel must name two different languages, e.g. [zh, en]; got {self.parallel}"
            )
        for code, derived in self.derived_languages.items():
            if not isinstance(derived.get("from"), str) or not isinstance(derived.get("opencc"), str):
                raise base.ValidationError(
                    f"derived_languages.{code} needs `from` (a language of the i18n plugin) and "
                    f"`opencc` (a conversion), e.g. {{from: zh, opencc: s2twp}}; got {derived}"
                )
        font = self.chart_font
        if not isinstance(font.get("family"), str) or not isinstance(font.get("files"), dict):
            raise base.ValidationError(
                "chart_font needs `family` and `files` (face: file name), e.g. "
                "{family: Noto Sans CJK SC, files: {Regular: NotoSansCJK-Regular.ttc}}"
            )


def check_languages(report: project.Project, derived: dict[str, dict[str, str]]) -> None:
    """Each derived language is one of the i18n plugin's, made from a hand-written one;
    the parallel view pairs two of them."""
    codes = {lang.code: lang for lang in report.languages}
    for code in report.parallel:
        if code not in codes:
            raise Abort(
                f"{report.config_file.name}: parallel names '{code}', which is not among the i18n "
                f"plugin's languages ({', '.join(codes)})"
            )
    for code, spec in derived.items():
        source = codes.get(spec["from"])
        if code not in codes:
            raise Abort(
                f"{report.config_file.name}: derived_languages names '{code}', which is not among the "
                f"i18n plugin's languages ({', '.join(codes)}); add it there with its name and site_name"
            )
        if source is None or source.is_derived:
            raise Abort(
                f"{report.config_file.name}: derived_languages.{code}.from is '{spec['from']}'; it must be "
                f"a language written by hand, one of {', '.join(c for c, l in codes.items() if not l.is_derived)}"
            )
