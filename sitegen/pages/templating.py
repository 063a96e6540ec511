"""The one Jinja environment for the report's pages and figures.

Templates are looked up in the report's templates/ first, then in the package's own
(sitegen/templates/), so a report overrides a default template by putting a file of the
same name in its templates/, or a block of it by extending the default by its
`default/` name:

    {% extends "default/pages/sources.md.j2" %}
    {% block after_notes %} ... {% endblock %}

*.html.j2 templates autoescape (a `<script>` in a CSV cell reaches the page as text);
*.md.j2 templates hold Markdown, whose text the article's author wrote.

Besides the environment and its filters: what every page template is given of the
article and the edition (its front matter, the edition's date).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from markupsafe import Markup, escape

from sitegen.core.errors import InputError
from sitegen.core.project import Build, Project, babel_locale
from sitegen.core.reads import cached_read
from sitegen.model.frontmatter import byline_name

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def yaml_string(value: str) -> str:
    """A front-matter value: JSON is valid YAML, and keeps CJK readable unescaped."""
    return json.dumps(str(value), ensure_ascii=False)


def literal_line(text: str) -> str:
    """Text that Markdown must not read as a list or heading ("1. A reference: …")."""
    return re.sub(r"^(\d+)\.(\s)|^([-+*#])", lambda m: f"{m[1]}\\.{m[2]}" if m[1] else f"\\{m[3]}", text)


HALF_WIDTH_BRACKETS = re.compile(r"([「」『』])")


def halt_brackets(text: str) -> Markup:
    """Heading text with each corner bracket in a span set half-width ("halt"), so
    「AI生存学」 has no full-width gap beside the words; the text is escaped."""
    return Markup(HALF_WIDTH_BRACKETS.sub(r'<span class="report-halt">\1</span>', str(escape(text))))


def template_error(report: Project, error: jinja2.TemplateError) -> InputError:
    """A template the editor broke, as the editor's message: the template's file and line
    (a syntax error names them; for an undefined name, the template's frame in the
    traceback Jinja rewrites to the template's lines), what Jinja found, and the fix."""
    where, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if where is None:
        frame = error.__traceback__
        while frame is not None:
            if frame.tb_frame.f_code.co_filename.endswith(".j2"):
                where, line = frame.tb_frame.f_code.co_filename, frame.tb_lineno
            frame = frame.tb_next
    place = f"{report.relative(where)}:{line}" if where else "a page template"
    return InputError(f"{place}: the template cannot be rendered: {error.message or error}; fix that line")


@cached_read
def environment(build: Build) -> jinja2.Environment:
    """The build's environment, made once per build: Jinja keeps each template it has
    found, so one kept across `mkdocs serve`'s builds went on rendering the package's
    template after the editor had made an override of it in templates/."""
    templates_dir = build.project.templates_dir
    package = jinja2.FileSystemLoader(PACKAGE_TEMPLATES)
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(templates_dir),
                package,
                jinja2.PrefixLoader({"default": package}),
            ]
        ),
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_string"] = yaml_string
    env.filters["literal_line"] = literal_line
    env.filters["halt_brackets"] = halt_brackets
    env.filters["byline_name"] = byline_name
    return env


class FrontMatter(dict[str, Any]):
    """An article's front matter for templates: a field the article leaves out reads as
    None, so `{% if meta.dek %}` leaves its block out instead of stopping the build."""

    def __missing__(self, key: str) -> None:
        return None


def edition_date(report: Project, lang: str) -> str:
    """This edition's date (the plugin's edition_date), as the language writes dates."""
    edition = report.edition_date
    return (
        format_date(datetime.date.fromisoformat(edition), format="long", locale=babel_locale(lang)) if edition else ""
    )
