"""The report as one self-contained HTML file: images embedded as base64, CSS inline, no scripts, nothing fetched.

The only links that leave the file are the `href`s to the blog's articles (report/articles.py)."""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

from PIL import Image

from aprende import __version__
from aprende.core.i18n import get_lang, t
from aprende.core.numbers import fmt
from aprende.report.articles import ARTICLES
from aprende.report.section import Figure, Heading, Note, Section, Table

CSS = """*{box-sizing:border-box}body{font-family:system-ui,sans-serif;line-height:1.5;max-width:1000px;
margin:1.5em auto;padding:0 1em;color:#222;text-align:left}h1{border-bottom:3px solid #c33;margin-bottom:.3em}
h2{margin-top:2.2em;color:#933;border-bottom:1px solid #eee}h3{margin:1.4em 0 .4em;font-size:1.05em}
a{color:#a22}.scroll{overflow-x:auto;margin:.8em 0}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f4f0f0}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.cap{color:#555;
font-size:.9em;margin:.8em 0 -.4em}figure{margin:1em 0}figure img{display:block;max-width:100%;height:auto;
border:1px solid #ddd}figcaption{color:#555;font-size:.9em;margin-top:.3em}.q{font-style:italic;color:#555}
.article{margin:.2em 0;color:#555}.headline{font-weight:600}.warn{background:#fff6e0;border-left:4px solid #e0a000;
padding:.4em .7em}nav.toc{background:#faf7f7;border:1px solid #eee;padding:.4em 1.2em;margin:1em 0}
nav.toc h2{margin-top:.4em}
nav.toc ol{margin:.3em 0;padding-left:1.4em}.next{background:#f6f8fa;border-left:4px solid #933;padding:.3em 1em;
margin-top:1.2em}.next ul{margin:.2em 0;padding-left:1.2em}code{overflow-wrap:anywhere;font-size:.92em}
footer{margin-top:3em;color:#888;font-size:.85em}"""


def _esc(x) -> str:
    return html.escape(str(x))


def _number(v: int | float) -> str:
    """A number as the report's reader writes it (core.numbers: 0,85 and 12 345 in Spanish), a dash for NaN."""
    return fmt(v)


def _cell(v) -> str:
    numeric = isinstance(v, int | float) and not isinstance(v, bool)
    return f"<td class='n'>{_esc(_number(v))}</td>" if numeric else f"<td>{_esc(v)}</td>"


def table_html(rows: list[dict], caption: str = "") -> str:
    """A table in its own scrolling box, so a wide one never widens the page; numbers right-aligned, text left."""
    if not rows:
        return ""
    cols = list(rows[0])
    head = "".join(f"<th>{_esc(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(_cell(r.get(c, "")) for c in cols) + "</tr>" for r in rows)
    cap = f"<p class='cap'>{_esc(caption)}</p>" if caption else ""
    return f"{cap}<div class='scroll'><table><tr>{head}</tr>{body}</table></div>"


def figure_html(path: str | Path, caption: str) -> str:
    """The image embedded at its own size (never wider than the page), with its caption as alt text too."""
    path = Path(path)
    with Image.open(path) as im:
        width, height = im.size
    mime = "image/jpeg" if path.suffix.lower() in (".jpg", ".jpeg") else "image/png"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f"<figure><img alt='{_esc(caption)}' width='{width}' height='{height}' "
            f"src='data:{mime};base64,{data}'><figcaption>{_esc(caption)}</figcaption></figure>")


def _part(part) -> str:
    if isinstance(part, Figure):
        return figure_html(part.path, part.caption)
    if isinstance(part, Table):
        return table_html(part.rows, part.caption)
    if isinstance(part, Heading):
        return f"<h3>{_esc(part.text)}</h3>"
    if isinstance(part, Note):
        return f"<p class='warn'>{_esc(part.text)}</p>" if part.warning else f"<p>{_esc(part.text)}</p>"
    raise TypeError(type(part))


def _next(lab: str, lang: str) -> str:
    """Where to go next: the chapter, the guide (in the report's language) and the full-size commands."""
    a = ARTICLES[lab]
    guide = f"docs/en/{a.guide_en}" if lang == "en" else f"docs/es/{a.guide}"
    commands = " · ".join(f"<code>{_esc(c)}</code>" for c in (*a.commands, f"aprende tour --full --labs {lab}"))
    return (f"<div class='next'><h3>{_esc(t('tour.next'))}</h3><ul>"
            f"<li>{_esc(t('tour.next_chapter'))}: <code>{_esc(a.chapter)}</code></li>"
            f"<li>{_esc(t('tour.next_guide'))}: <code>{_esc(guide)}</code></li>"
            f"<li>{_esc(t('tour.next_full'))}: {commands}</li></ul></div>")


def section_html(s: Section, lang: str) -> str:
    a = ARTICLES.get(s.lab)
    article = (f"<p class='article'>{_esc(t('tour.article'))}: <a href='{_esc(a.url)}'>{_esc(a.title)}</a></p>"
               if a else "")
    head = (f"<section><h2 id='{s.lab}'>{_esc(s.title)}</h2>{article}<p class='q'>{_esc(s.question)}</p>"
            f"<p class='headline'>{_esc(s.text)}</p>")
    return head + "\n".join(_part(p) for p in s.parts) + (_next(s.lab, lang) if a else "") + "</section>"


def render(sections: list[Section], seconds: dict[str, float]) -> str:
    """The whole page: the intro, a table of contents with each section's result and time, then the sections."""
    lang = get_lang()
    total = sum(seconds.values())
    items = "".join(f"<li><a href='#{s.lab}'>{_esc(s.title)}</a> ({seconds[s.lab]:.0f} s): {_esc(s.text)}</li>"
                    for s in sections)
    toc = (f"<nav class='toc'><h2>{_esc(t('tour.toc'))}</h2><ol>{items}</ol>"
           f"<p>{_esc(t('tour.total', seconds=total))}</p></nav>")
    body = "\n".join([f"<p>{_esc(t('tour.report_intro'))}</p>", toc, *(section_html(s, lang) for s in sections),
                      f"<footer>aprende {__version__} · {dt.datetime.now():%Y-%m-%d %H:%M}</footer>"])
    title = _esc(t("tour.report_title"))
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{title}</title><style>{CSS}</style></head><body><h1>{title}</h1>\n{body}\n</body></html>\n")
