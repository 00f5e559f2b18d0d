"""Shared machinery: errors, messages, devices, the training loop, run folders, checkpoints, plots."""

from aprende.core.errors import AprendeError
from aprende.core.i18n import get_lang, set_lang, t

__all__ = ["AprendeError", "get_lang", "set_lang", "t"]
