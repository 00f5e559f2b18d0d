"""The history museum's exhibits catalogue (read by core.i18n from messages.py)."""
