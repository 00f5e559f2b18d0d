"""The report as one self-contained HTML file: images embedded as base64, CSS inline, no external assets."""

from __future__ import annotations

import datetime as dt
import html

from aprende import __version__
from aprende.core.html import figure, page, table
from aprende.core.i18n import get_lang, t


def render(sections, seconds: dict[str, float]) -> str:
    """The whole page: a summary table, then one section per lab."""
    summary = [{t("tour.col.lab"): s.title, t("tour.col.result"): s.text,
                t("tour.col.seconds"): f"{seconds[s.lab]:.0f}"} for s in sections]
    parts = [f"<p>{html.escape(t('tour.report_intro'))}</p>", table(summary)]
    for s in sections:
        parts.append(f"<h2 id='{s.lab}'>{html.escape(s.title)}</h2><p class='q'>{html.escape(s.question)}</p>")
        parts.append(f"<p>{html.escape(s.text)}</p>{table(s.table)}")
        parts += [figure(path, caption) for caption, path in s.figures]
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    parts.append(f"<footer>aprende {__version__} · {stamp}</footer>")
    return page(t("tour.report_title"), "\n".join(parts), get_lang())
