"""The preview's error page (sitegen/site/preview.py), from a message to the HTML the editor
reads: every file, line, message and fix, escaped, indentation kept. The preview under a
real `mkdocs serve` is tests/test_serve_preview.py."""

from __future__ import annotations

from mkdocs.exceptions import Abort

from sitegen.core.errors import InputError
from sitegen.site import csp, preview
from sitegen.site.plugin import _stopped

TWO_PROBLEMS = (
    "data/rides.csv:3: column 'rides' must be a whole number, got '19x'; write plain digits\n"
    "content/strings/en.yml:12: not valid YAML (found <script>)\n"
    "    indented detail line\n"
    "        more indented; fix the quoting or indentation"
)


def test_each_problem_line_gives_its_file_line_message_and_fix():
    problems = preview.problems_of(TWO_PROBLEMS)
    assert [(p.file, p.line) for p in problems] == [("data/rides.csv", 3), ("content/strings/en.yml", 12)]
    assert problems[0].message == "column 'rides' must be a whole number, got '19x'"
    assert problems[0].fix == "write plain digits"
    # An indented line continues the problem above it, its indentation kept.
    assert problems[1].message.splitlines()[1:] == ["    indented detail line", "        more indented"]
    assert problems[1].fix == "fix the quoting or indentation"


def test_a_problem_without_a_line_number_names_its_file():
    [problem] = preview.problems_of("data/units.yml: missing; the unit table lists every `unit:`")
    assert (problem.file, problem.line, problem.fix) == ("data/units.yml", None, "the unit table lists every `unit:`")


def test_the_overlay_escapes_the_message_and_keeps_its_indentation():
    fragment = preview.overlay(TWO_PROBLEMS)
    assert "<script>" not in fragment and "found &lt;script&gt;" in fragment
    assert "<code>data/rides.csv:3</code>" in fragment and "<code>content/strings/en.yml:12</code>" in fragment
    assert "<strong>Fix:</strong> write plain digits" in fragment
    # In a <pre>, so the browser keeps the spaces (overlay.css: white-space: pre-wrap).
    assert (
        '<pre class="report-preview__message">not valid YAML (found &lt;script&gt;)\n    indented detail line\n        more indented</pre>'
        in fragment
    )


def test_the_error_page_has_no_inline_code_for_the_policy_to_forbid():
    page = preview.error_page(TWO_PROBLEMS, None, preview.reload_script(5, 6)).decode()
    assert "default-src 'self'" in page
    # Only 'self' is allowed: no inline script, no <style>, no style attribute.
    assert "sha256" not in csp.policy_for(page) and "<style" not in page and "style=" not in page
    assert '<script src="/__report_preview__/livereload.js" data-epoch="5" data-request-id="6"></script>' in page


def test_the_overlay_goes_over_the_last_good_page():
    last_good = b'<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body class="a"><p>good</p></body></html>'
    page = preview.error_page("data/a.csv:2: bad; fix it", last_good, "").decode()
    assert page.startswith(
        '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body class="a"><link rel="stylesheet"'
    )
    assert page.endswith("<p>good</p></body></html>")


def test_a_stopped_build_indents_every_line_of_its_message_and_carries_the_error():
    error = InputError("data/a.csv:2: bad; fix it\ndata/b.csv:3: worse; fix that\n    detail")
    abort = _stopped(error)
    assert isinstance(abort, Abort)
    assert abort.format_message() == (
        "Build stopped by bad input:\n  data/a.csv:2: bad; fix it\n  data/b.csv:3: worse; fix that\n      detail"
    )
    assert preview.message_of(abort) == str(error)
