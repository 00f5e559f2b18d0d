"""The `aprende cnn` catalogue (read by core.i18n from messages.py)."""
