"""The last good site set aside through a build (sitegen/site/lastgood.py): put back
whole when the build fails, dropped when it succeeds, and found again after a build
that was killed half-way."""

from __future__ import annotations

from pathlib import Path

from sitegen.site.lastgood import LastGoodSite, aside


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def a_site(folder: Path, text: str) -> Path:
    (folder / "en").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "en" / "index.html").write_text(text + " en", encoding="utf-8")
    return folder


def half_written(site: Path) -> None:
    """What MkDocs does after on_pre_build: empty the folder, then write some pages."""
    site.mkdir(exist_ok=True)
    for entry in site.iterdir():
        raise AssertionError(f"{entry} still in site_dir: the last good site was not set aside")
    (site / "index.html").write_text("half", encoding="utf-8")


def test_a_failed_build_gets_the_site_back_byte_for_byte(tmp_path):
    site = a_site(tmp_path / "site", "good")
    before = tree(site)
    kept = LastGoodSite()
    kept.set_aside(site)
    half_written(site)
    kept.put_back()
    assert tree(site) == before and not aside(site).exists()


def test_a_build_that_succeeds_drops_the_site_before_it(tmp_path):
    site = a_site(tmp_path / "site", "good")
    kept = LastGoodSite()
    kept.set_aside(site)
    half_written(site)
    kept.drop()
    assert tree(site) == {"index.html": b"half"} and not aside(site).exists()


def test_a_failed_first_build_leaves_no_site(tmp_path):
    site = tmp_path / "site"
    kept = LastGoodSite()
    kept.set_aside(site)
    half_written(site)
    kept.put_back()
    assert not site.exists() and not aside(site).exists()


def test_after_a_killed_build_the_site_set_aside_is_the_last_good_one(tmp_path):
    site = a_site(tmp_path / "site", "good")
    before = tree(site)
    LastGoodSite().set_aside(site)  # killed: neither put back nor dropped
    half_written(site)
    kept = LastGoodSite()
    kept.set_aside(site)  # the next build
    half_written(site)
    kept.put_back()
    assert tree(site) == before and not aside(site).exists()
