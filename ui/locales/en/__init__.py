"""English catalogue: one module per page, each with a ``TEXT`` dict."""
