"""The forecast options' help catalogue (read by core.i18n from messages.py)."""
