"""简体中文 catalogue: one module per page, each with a ``TEXT`` dict (same keys as English)."""
