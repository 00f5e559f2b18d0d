"""The history museum's timeline catalogue (read by core.i18n from messages.py)."""
