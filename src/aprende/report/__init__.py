"""`aprende tour`: every lab in quick mode, one self-contained HTML report."""

from aprende.report.tour import TourResult, tour

__all__ = ["TourResult", "tour"]
