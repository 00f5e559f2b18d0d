"""One error type for everything a user can fix: it carries a message key, never a traceback."""

from __future__ import annotations

from aprende.core.i18n import t


class AprendeError(Exception):
    """A problem with the user's input or environment; the CLI prints it and exits with code 2."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self) -> str:
        """The message in the current language."""
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message()
