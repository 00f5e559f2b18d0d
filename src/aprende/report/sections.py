"""The labs of the tour, in its order: one function per lab that runs it quickly through its public API."""

from __future__ import annotations

from aprende.report.classify_section import classify_section
from aprende.report.cnn_section import cnn_section
from aprende.report.detect_section import detect_section
from aprende.report.forecast_section import forecast_section
from aprende.report.history_section import history_section
from aprende.report.section import Section
from aprende.report.transformer_section import transformer_section

# The labs in the order of the tour (the blog's order is kept within what exists).
SECTIONS = {"transformer": transformer_section, "detect": detect_section, "forecast": forecast_section,
            "cnn": cnn_section, "classify": classify_section, "history": history_section}

__all__ = ["SECTIONS", "Section"]
