"""Print a first draft of content/article/zh.md from the scrape (one-off, for editors).

The committed zh.md started as this output; editors then added editor's notes and chart
placements by hand. Re-run it after changing tools/scrape.py or the proofreading table
and diff against zh.md to see what moved:  python -m tools.draft_chinese_from_scrape | diff - content/article/zh.md
"""

from __future__ import annotations

import sys

import yaml

from tools.scrape import proofread, read_scrape, scrape_settings


def main() -> None:
    paras = [proofread(p) for p in read_scrape()]
    title, dek, credit, byline, *rest = paras
    refs_at = rest.index("参考资料：")
    body, references, reprint = rest[:refs_at], rest[refs_at + 1 : -1], rest[-1]
    meta = {
        "title": title,
        "dek": dek,
        "byline": byline,
        "image_credit": credit,
        "source": scrape_settings()["publication"],
        "references_title": "参考资料：",
        "references": references,
        "reprint": reprint,
    }
    out = ["---", yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip(), "---", ""]
    for p in body:
        out += [f"## {p}" if p[:2].isdigit() and p[2] == " " else p, ""]
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
