"""The report as one self-contained HTML file: images embedded as base64, CSS inline, no external assets."""

from __future__ import annotations

import base64
import datetime as dt
import html

from aprende import __version__
from aprende.core.i18n import get_lang, t

CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{border-bottom:3px solid #c33}h2{margin-top:2em;color:#933}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}th{background:#f4f0f0}td:first-child{text-align:left}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}figcaption{color:#555;font-size:.9em}
.q{font-style:italic;color:#555}footer{margin-top:3em;color:#888;font-size:.85em}"""


def _img(path) -> str:
    data = base64.b64encode(open(path, "rb").read()).decode("ascii")
    return f'<img alt="" src="data:image/png;base64,{data}">'


def _table(rows: list[dict]) -> str:
    if not rows:
        return ""
    cols = list(rows[0])
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(r.get(c, '')))}</td>" for c in cols) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render(sections, seconds: dict[str, float]) -> str:
    """The whole page: a summary table, then one section per lab."""
    summary = [{t("tour.col.lab"): s.title, t("tour.col.result"): s.text, t("tour.col.seconds"): f"{seconds[s.lab]:.0f}"}
               for s in sections]
    parts = [f"<!doctype html><html lang='{get_lang()}'><head><meta charset='utf-8'>",
             f"<title>{html.escape(t('tour.report_title'))}</title><style>{CSS}</style></head><body>",
             f"<h1>{html.escape(t('tour.report_title'))}</h1><p>{html.escape(t('tour.report_intro'))}</p>",
             _table(summary)]
    for s in sections:
        parts.append(f"<h2 id='{s.lab}'>{html.escape(s.title)}</h2><p class='q'>{html.escape(s.question)}</p>")
        parts.append(f"<p>{html.escape(s.text)}</p>{_table(s.table)}")
        for caption, path in s.figures:
            parts.append(f"<figure>{_img(path)}<figcaption>{html.escape(caption)}</figcaption></figure>")
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    parts.append(f"<footer>aprende {__version__} · {stamp}</footer></body></html>")
    return "\n".join(parts)
