"""`aprende tour`: every lab in quick mode, one self-contained HTML report."""

__all__ = ["TourResult", "tour"]


def __getattr__(name: str):
    """tour and TourResult on first use: `aprende --help` mounts the command without importing every lab."""
    if name == "tour":
        from aprende.report.runner import tour  # deferred: every lab (and torch) loads only when a tour runs

        return tour
    if name == "TourResult":
        from aprende.report.runner import TourResult  # deferred: as above

        return TourResult
    raise AttributeError(name)
